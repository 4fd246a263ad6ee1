"""Contributor text is data, not code: raw HTML and unsafe link targets are refused on load.

Escaping on output is macros.outputs.escape."""

from __future__ import annotations

import re

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
