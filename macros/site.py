"""Everything the site publishes from data, as {path: text}, without MkDocs.

The MkDocs hook and `smm-guide generate` both call `build_outputs`, so a move to another engine
keeps the same pages and downloads.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from markupsafe import Markup

from .export import downloads
from .loader import display_path
from .model import Model
from .pages import (
    GeneratedPage,
    generate_pages,
    level_path,
    make_environment,
    practice_path,
    profile_path,
    relative,
    site_nav,
)
from .problems import DataError, Problem

DATA_DIR_ENV = "SMM_GUIDE_DATA_DIR"
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.S)


@dataclass(frozen=True)
class Outputs:
    pages: list[GeneratedPage]
    files: dict[str, str]  # downloads: path -> text
    nav: list


def data_dir_for(config_file: str | None) -> Path:
    """The data folder: beside mkdocs.yml unless SMM_GUIDE_DATA_DIR says otherwise."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return Path(config_file or "mkdocs.yml").resolve().parent / "data"


def build_outputs(model: Model, data_prefix: str = "data") -> Outputs:
    pages = generate_pages(model, data_prefix)
    return Outputs(pages, downloads(model), site_nav(model, pages))


def content_helpers(model: Model, page_path: str) -> dict:
    """Variables and functions that hand-written pages may use (through mkdocs-macros or `generate`)."""

    def practice_link(practice_id: str) -> Markup:
        practice = model.practice(practice_id)
        return Markup(f"[{practice.name}]({relative(page_path, practice_path(practice_id))})")

    def level_link(number: int) -> Markup:
        level = model.level(number)
        return Markup(f"[Level {number}: {level.name}]({relative(page_path, level_path(number))})")

    def profile_link(profile_id: str, page: str = "index") -> Markup:
        return Markup(f"[{model.profile(profile_id).name}]({relative(page_path, profile_path(profile_id, page))})")

    def page_link(target: str) -> str:
        return relative(page_path, target)

    return {
        "model": model,
        "practice_link": practice_link,
        "level_link": level_link,
        "profile_link": profile_link,
        "page_link": page_link,
    }


def wants_macros(markdown: str) -> bool:
    """Hand-written pages opt in to macros with `render_macros: true` in their front matter."""
    match = FRONT_MATTER.match(markdown)
    return bool(match) and bool((yaml.safe_load(match.group(1)) or {}).get("render_macros"))


def render_content_page(model: Model, page_path: str, markdown: str, *, shown_path: str | None = None) -> str:
    """Render an opted-in hand-written page the way mkdocs-macros does, for `smm-guide generate`.

    `page_path` is the page's place in the docs tree (links are relative to it); errors name the
    file as `shown_path`, by default the same.
    """
    if not wants_macros(markdown):
        return markdown
    match = FRONT_MATTER.match(markdown)
    assert match is not None
    env = make_environment()
    try:
        body = env.from_string(markdown[match.end() :]).render(**content_helpers(model, page_path))
    except KeyError as error:
        missing = str(error.args[0])
        line = next((n for n, text in enumerate(markdown.splitlines(), 1) if missing in text), 1)
        raise DataError([Problem(shown_path or page_path, line, 1, f"page refers to unknown id '{missing}'")]) from None
    return markdown[: match.end()] + body


def write_tree(model: Model, content_dir: Path, out_dir: Path, data_prefix: str = "data") -> list[Path]:
    """Write the complete Markdown tree (hand-written and generated pages, downloads) to out_dir."""
    outputs = build_outputs(model, data_prefix)
    written = []
    texts: dict[str, str | bytes] = {}
    for path in sorted(content_dir.rglob("*")):
        if path.is_file():
            rel = path.relative_to(content_dir).as_posix()
            if path.suffix == ".md":
                texts[rel] = render_content_page(model, rel, path.read_text("utf-8"), shown_path=display_path(path))
            else:
                texts[rel] = path.read_bytes()
    texts.update({page.path: page.content for page in outputs.pages})
    texts.update(outputs.files)
    for rel, text in texts.items():
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
        written.append(target)
    (out_dir / "nav.yml").write_text(yaml.safe_dump({"nav": outputs.nav}, sort_keys=False, allow_unicode=True), "utf-8")
    return written
