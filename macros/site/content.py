"""Hand-written pages under `content/`: their nav entry and, for pages that opt in with
`render_macros: true`, their rendering with the model's helpers.

MkDocs (through the mkdocs-macros module, `macros/site/macros_module.py`) and `smm-guide generate` both render
with `render_content_page`, so the same filters and helpers exist in both and the same mistake
gives the same `path:line:col: error:` in both.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import yaml
from jinja2 import TemplateError, TemplateSyntaxError
from markupsafe import Markup

from macros.data.problems import DataError, Problem
from macros.model.records import Model
from macros.outputs import routes
from macros.outputs.pages import make_environment

FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.S)
HEADING = re.compile(r"^#\s+(.+?)\s*$", re.M)
DEFAULT_NAV_ORDER = 70
Key = TypeVar("Key")
Found = TypeVar("Found")


def front_matter(markdown: str) -> tuple[dict[str, Any], int]:
    """The page's YAML front matter and the offset where its body starts."""
    match = FRONT_MATTER.match(markdown)
    if not match:
        return {}, 0
    meta = yaml.safe_load(match.group(1))
    return (meta if isinstance(meta, dict) else {}), match.end()


def wants_macros(markdown: str) -> bool:
    return bool(front_matter(markdown)[0].get("render_macros"))


@dataclass(frozen=True)
class NavEntry:
    path: str
    title: str
    order: int


def nav_entry(path: str, markdown: str) -> NavEntry | None:
    """Where a hand-written page sits in the nav: `nav_title` (or its first heading) and `nav_order`;
    `nav_exclude: true` keeps it out of the nav."""
    meta, start = front_matter(markdown)
    if meta.get("nav_exclude"):
        return None
    heading = HEADING.search(markdown, start)
    title = meta.get("nav_title") or (heading.group(1) if heading else path.removesuffix(".md"))
    return NavEntry(path, str(title), int(meta.get("nav_order", DEFAULT_NAV_ORDER)))


class UnknownId(LookupError):
    def __init__(self, what: str, value: object):
        super().__init__(f"page refers to unknown {what} id '{value}'")


def _lookup(finder: Callable[[Key], Found], what: str, value: Key) -> Found:
    try:
        return finder(value)
    except (KeyError, IndexError):
        raise UnknownId(what, value) from None


def helpers(model: Model, page_path: str) -> dict[str, Any]:
    """Variables and functions that hand-written pages may use."""

    def link_to(target: str) -> str:
        return routes.relative(page_path, target)

    def practice_link(practice_id: str) -> Markup:
        practice = _lookup(model.practice, "practice", practice_id)
        return Markup(f"[{practice.name}]({link_to(routes.practice(practice_id))})")

    def level_link(number: int) -> Markup:
        level = _lookup(model.level, "level", number)
        return Markup(f"[Level {number}: {level.name}]({link_to(routes.level(number))})")

    def profile_link(profile_id: str, page: str = "index") -> Markup:
        profile = _lookup(model.profile, "profile", profile_id)
        pages = {"index": routes.profile, "characterization": routes.characterization, "archetypes": routes.archetypes}
        target = _lookup(pages.__getitem__, "profile page", page)(profile_id)
        return Markup(f"[{profile.name}]({link_to(target)})")

    return {
        "model": model,
        "routes": routes,
        "practice_link": practice_link,
        "level_link": level_link,
        "profile_link": profile_link,
        "page_link": link_to,
    }


def _template_line(error: BaseException) -> int:
    """The line in the template where rendering failed (Jinja rewrites tracebacks to show it)."""
    if isinstance(error, TemplateSyntaxError) and error.lineno:
        return error.lineno
    line, tb = 1, error.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def render_content_page(model: Model, page_path: str, markdown: str, *, shown_path: str | None = None) -> str:
    """The page with its macros rendered, if it opts in; otherwise the page unchanged.

    `page_path` is the page's place in the docs tree (links are relative to it); errors name the
    file as `shown_path`, by default the same.
    """
    meta, start = front_matter(markdown)
    if not meta.get("render_macros"):
        return markdown
    offset = markdown[:start].count("\n")
    try:
        body = make_environment().from_string(markdown[start:]).render(**helpers(model, page_path))
    except (UnknownId, TemplateError) as error:
        message = str(error) if isinstance(error, UnknownId) else f"template error: {error.message}"
        line = offset + _template_line(error)
        raise DataError([Problem(shown_path or page_path, line, 1, message)]).with_traceback(None) from None
    return markdown[:start] + body
