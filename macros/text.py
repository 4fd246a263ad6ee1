"""Contributor text is data, not code: check it on load, escape it on output."""

from __future__ import annotations

import re
from functools import lru_cache

from markupsafe import Markup

HTML_TAG = re.compile(r"<!--|<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?\s*>")
# Link targets in Markdown: inline links, reference definitions and autolinks.
LINK_TARGET = re.compile(
    r"\]\(\s*<?\s*([^)\s>]+)|^\s*\[[^\]]+\]:\s*<?\s*(\S+)|<\s*([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>", re.M
)
# Every HTML_TAG and LINK_TARGET match contains one of these: text without them needs no closer look.
MARKUP_HINT = re.compile(r"<|\]\(|\]:")
SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.\-\s]*):")
SAFE_SCHEMES = {"http", "https", "mailto"}
CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
# Characters that would let text become HTML, attribute lists ({: onclick=...}) or template
# syntax once it is placed in a Markdown page.
MARKDOWN_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "{": "&#123;", "}": "&#125;"})


def text_problems(text: str) -> list[str]:
    """Messages for raw HTML and unsafe link targets in one Markdown text field."""
    if not MARKUP_HINT.search(text):
        return []
    problems = []
    outside_code = CODE_SPAN.sub("", text)
    if HTML_TAG.search(outside_code):
        problems.append("raw HTML is not allowed in data text; use Markdown (or put markup in `code`)")
    for match in LINK_TARGET.finditer(outside_code):
        target = next(group for group in match.groups() if group)
        scheme = SCHEME.match(target)
        if scheme:
            name = re.sub(r"\s+", "", scheme.group(1)).lower()
            if name not in SAFE_SCHEMES:
                problems.append(f"link target '{name}:' is not allowed; links may use http, https or mailto")
    return problems


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
