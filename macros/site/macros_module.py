"""mkdocs-macros module: hand-written pages that opt in are rendered by `render_content_page`,
the same function `smm-guide generate` uses, with the model the hook loaded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import mkdocs_macros.context
from mkdocs.exceptions import Abort
from mkdocs_macros.plugin import MacrosPlugin

from macros.data.loader import display_path
from macros.data.problems import DataError, print_problems
from macros.site.build import OUTPUTS
from macros.site.content import front_matter, render_content_page


def define_env(env: MacrosPlugin) -> None:
    """Nothing to define: helpers come from macros.site.content, for both ways of building."""


def _no_git_info() -> dict[str, Any]:
    return {"status": False, "date": None}  # what mkdocs-macros gives outside a git repository


def skip_git_info() -> None:
    """mkdocs-macros runs 13 git commands on every build, and on every `make serve` rebuild, for its
    `git` page variable: about half a second on a busy machine. No page reads it (pages that opt in
    render through render_content_page, never through mkdocs-macros' Jinja), and mkdocs-macros has
    no setting to leave it out. Called by the hook's on_startup, before mkdocs-macros' on_config."""
    mkdocs_macros.context.get_git_info = _no_git_info


def on_pre_page_macros(env: MacrosPlugin) -> None:
    page = env.page
    if not page.meta.get("render_macros"):
        return
    text, shown = page.file.content_string, display_path(Path(page.file.abs_src_path or page.file.src_uri))
    try:
        rendered = render_content_page(env.conf[OUTPUTS].model, page.file.src_uri, text, shown_path=shown)
    except DataError as error:
        print_problems(error, "Aborted: {count} problem(s) in a hand-written page.")
        raise Abort("Aborted: a hand-written page has problems (listed above).") from None
    env.markdown = rendered[front_matter(text)[1] :]
    # Rendered once: mkdocs-macros must not render the result a second time.
    env.variables["page"].meta["render_macros"] = False
