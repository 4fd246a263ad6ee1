"""Contributor text is data, not code: raw HTML and unsafe link targets are refused on load.

Escaping on output is macros.outputs.escape."""

from __future__ import annotations

import html
import re

HTML_TAG = re.compile(r"<!--|<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?\s*>")
# Link targets in Markdown: inline links, reference definitions and autolinks.
LINK_TARGET = re.compile(
    r"\]\(\s*<?\s*([^)\s>]+)|^\s*\[[^\]]+\]:\s*<?\s*(\S+)|<\s*([A-Za-z][A-Za-z0-9+.-]*:[^>\s]*)>", re.M
)
# Every HTML_TAG and LINK_TARGET match contains one of these: text without them needs no closer look.
MARKUP_HINT = re.compile(r"<|\]\(|\]:")
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")
# What a browser ignores in a URL before it reads the scheme (it drops tabs and newlines anywhere and
# C0 controls and spaces at the ends); dropped everywhere here, so "java script:" is refused as well.
IGNORED_IN_URL = re.compile(r"[\x00-\x20]+")
SAFE_SCHEMES = {"http", "https", "mailto"}
CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)


def text_problems(text: str) -> list[str]:
    """Messages for raw HTML and unsafe link targets in one Markdown text field."""
    if not MARKUP_HINT.search(text):
        return []
    problems = []
    # A space, not nothing: text on both sides of a code span must not join into a tag Markdown would not see.
    outside_code = CODE_SPAN.sub(" ", text)
    if HTML_TAG.search(outside_code):
        problems.append("raw HTML is not allowed in data text; use Markdown (or put markup in `code`)")
    # Python-Markdown keeps a code span's text in a link target, without its backticks:
    # [x](`javascript:alert(1)`) links to javascript:alert(1). So targets are read with the backticks dropped.
    for match in LINK_TARGET.finditer(text.replace("`", "")):
        target = next(group for group in match.groups() if group)
        # The href is decoded before the browser reads it: "javascript&#58;" is "javascript:".
        scheme = SCHEME.match(IGNORED_IN_URL.sub("", html.unescape(target)))
        if scheme:
            name = scheme.group(1).lower()
            if name not in SAFE_SCHEMES:
                problems.append(f"link target '{name}:' is not allowed; links may use http, https or mailto")
    return problems
