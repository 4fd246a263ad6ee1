"""Contributor text is data, not code: escaped for Markdown pages, and neutralized where a
spreadsheet would run it as a formula."""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup

from macros.data.text import CODE_SPAN

# Characters that would let text become HTML, attribute lists ({: onclick=...}) or template
# syntax once it is placed in a Markdown page.
MARKDOWN_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;"})


@lru_cache(maxsize=1 << 16)
def escape_markdown(text: str) -> Markup:
    """Escape characters with a meaning beyond Markdown, leaving `code spans` as written."""
    if "`" not in text:
        return Markup(text.translate(MARKDOWN_ESCAPES))
    parts, last = [], 0
    for match in CODE_SPAN.finditer(text):
        parts.append(text[last : match.start()].translate(MARKDOWN_ESCAPES))
        code = match.group(0)
        # Inside a code span entities are shown literally, so only template braces need care:
        # they cannot be evaluated here anyway because data is never rendered as a template.
        parts.append(code)
        last = match.end()
    parts.append(text[last:].translate(MARKDOWN_ESCAPES))
    return Markup("".join(parts))


@lru_cache(maxsize=1 << 16)
def one_line(text: str) -> Markup:
    """Escaped text for a table cell: one line, pipes escaped."""
    flat = " ".join(str(text).split())
    return Markup(str(escape_markdown(flat)).replace("|", "&#124;"))


def unmarked(text: str) -> str:
    """Text on one line without Markdown emphasis or code markers."""
    return re.sub(r"[*`_]", "", " ".join(str(text).split()))


def plain(text: str) -> Markup:
    """Unmarked text escaped for tooltips, link titles and attributes in a page."""
    return Markup(unmarked(text).translate(MARKDOWN_ESCAPES).replace('"', "&quot;"))


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formula(text: str) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection)."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text
