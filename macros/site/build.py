"""Everything the site publishes from data, without MkDocs: pages, downloads, nav, tooltips.

The MkDocs hook and `smm-guide generate` both call `build_outputs`, so a move to another engine
keeps the same pages and downloads.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from macros.data.loader import DEFAULT_DATA_DIR, display_path
from macros.data.reference import kind_docs
from macros.model.records import Model
from macros.outputs import downloads
from macros.outputs.checklists import checklists
from macros.outputs.pages import NAV_ORDER, NO_CONTEXT, BuildContext, GeneratedPage, abbreviations, generate_pages
from macros.site.content import NavEntry, nav_entry, render_content_page

DATA_DIR_ENV = "SMM_GUIDE_DATA_DIR"
# One entry of the MkDocs nav: {title: page path} or {title: [entries]}.
NavItem = dict[str, Any]
# Where the MkDocs hook keeps the Outputs on the MkDocs config, for the mkdocs-macros module.
OUTPUTS = "smm_guide_outputs"


@dataclass(frozen=True)
class Outputs:
    model: Model
    pages: list[GeneratedPage]
    files: dict[str, str | bytes]  # downloads: path -> content
    nav: list[NavItem]
    abbreviations: dict[str, str]
    version: str  # the model version


def data_dir_for(config_file: str | None) -> Path:
    """The data folder: beside mkdocs.yml unless SMM_GUIDE_DATA_DIR says otherwise."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    return Path(config_file or "mkdocs.yml").resolve().parent / DEFAULT_DATA_DIR


def content_markdown(content_dir: Path) -> dict[str, str]:
    """Hand-written pages by their path in the docs tree."""
    return {
        path.relative_to(content_dir).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(content_dir.rglob("*.md"))
    }


def site_nav(pages: list[GeneratedPage], entries: list[NavEntry]) -> list[NavItem]:
    """The nav tree: generated sections where NAV_ORDER puts them, hand-written pages by `nav_order`."""
    root: dict[str, Any] = {}
    orders: dict[str, int] = {}
    for page in pages:
        if not page.nav:
            continue
        node = root
        for title in page.nav[:-1]:
            node = node.setdefault(title, {}).setdefault("children", {})
        leaf = node.setdefault(page.nav[-1], {})
        leaf["index" if page.index else "path"] = page.path
        orders.setdefault(page.nav[0], NAV_ORDER.get(page.nav[0], 60))
    for entry in entries:
        root[entry.title] = {"path": entry.path}
        orders[entry.title] = entry.order

    def emit(title: str, node: dict[str, Any]) -> NavItem:
        children = node.get("children")
        if not children and ("path" in node or "index" in node):
            # A section with nothing but its index page is a page (Material labels empty sections wrongly).
            return {title: node.get("path") or node["index"]}
        items = [node["index"]] if "index" in node else []
        return {title: items + [emit(name, child) for name, child in (children or {}).items()]}

    ranked = sorted(root, key=lambda title: orders[title])  # stable: equal orders keep insertion order
    return [emit(title, root[title]) for title in ranked]


def build_outputs(
    model: Model, content_dir: Path, data_dir: Path | None = None, build: BuildContext = NO_CONTEXT
) -> Outputs:
    """Pages, downloads, nav and tooltips; with `data_dir`, also the Data reference from its schemas;
    `build`: the offline copy, the release history and edit links."""
    published = checklists(model)
    offered = downloads.published(model, published, build.offline)
    pages = generate_pages(model, published, offered.downloads, kind_docs(data_dir) if data_dir else None, build)
    entries = [entry for path, text in content_markdown(content_dir).items() if (entry := nav_entry(path, text))]
    files = offered.files()
    return Outputs(model, pages, files, site_nav(pages, entries), abbreviations(model), offered.version)


def write_tree(
    model: Model,
    content_dir: Path,
    out_dir: Path,
    *,
    tooltips_in_pages: bool = True,
    data_dir: Path | None = None,
    build: BuildContext = NO_CONTEXT,
) -> list[Path]:
    """Write the complete Markdown tree (hand-written and generated pages, downloads) to out_dir.

    Hand-written pages are rendered. The glossary tooltips are appended to every page, since the
    tree is meant for any engine, not only for one that reads our MkDocs configuration; an engine
    configured with the same abbreviations asks for `tooltips_in_pages=False`.
    """
    outputs = build_outputs(model, content_dir, data_dir, build)
    lines = [f"*[{text}]: {meaning}" for text, meaning in outputs.abbreviations.items()]
    footer = "\n" + "\n".join(lines) + "\n" if tooltips_in_pages else ""
    texts: dict[str, str | bytes] = {}
    for path in sorted(content_dir.rglob("*")):
        if path.is_file():
            rel = path.relative_to(content_dir).as_posix()
            if path.suffix == ".md":
                text = render_content_page(model, rel, path.read_text("utf-8"), shown_path=display_path(path))
                texts[rel] = text + footer
            else:
                texts[rel] = path.read_bytes()
    texts.update({page.path: page.content + footer for page in outputs.pages})
    texts.update(outputs.files)
    written = []
    for rel, content in texts.items():
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        written.append(target)
    (out_dir / "nav.yml").write_text(yaml.safe_dump({"nav": outputs.nav}, sort_keys=False, allow_unicode=True), "utf-8")
    return written
