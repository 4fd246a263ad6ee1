"""Checks of built HTML pages that a strict MkDocs build does not make."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Markdown that survived into the visible text of a page did not render.
UNRENDERED = {
    "table row": re.compile(r"^\s*\|.*\|\s*$", re.M),
    "table rule": re.compile(r"\|\s*:?-{3,}:?\s*\|"),
    "link": re.compile(r"\[[^\]\n]+\]\([^)\s]+\)"),
    "emphasis": re.compile(r"(?<![\w*])\*\*[^*\n]+\*\*(?![\w*])|(?<![\w_])__[^_\n]+__(?![\w_])"),
    "heading": re.compile(r"^#{1,6} \S", re.M),
    "admonition": re.compile(r"^!!! \w+", re.M),
    "attribute list": re.compile(r"\{\s*[#.][\w-]+[^}]*\}"),
    "abbreviation": re.compile(r"^\*\[[^\]]+\]:", re.M),
}
SKIPPED = {"code", "pre", "script", "style", "kbd", "samp"}


class _VisibleText(HTMLParser):
    """The text a reader sees in the page's article, without code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.skipping = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        # Count nested articles inside the content article so its end is found.
        if tag == "article" and (self.in_article or "md-content__inner" in classes):
            self.in_article += 1
        if self.in_article and tag in SKIPPED:
            self.skipping += 1
        if tag in ("p", "li", "td", "th", "div", "br", "h1", "h2", "h3", "h4", "dd", "dt"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if self.in_article and tag in SKIPPED and self.skipping:
            self.skipping -= 1
        if tag == "article" and self.in_article:
            self.in_article -= 1

    def handle_data(self, data):
        if self.in_article and not self.skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return "".join(parser.parts)


def unrendered_markdown(html: str) -> list[tuple[str, str]]:
    """(kind, snippet) for every piece of Markdown syntax left in the visible text."""
    text = visible_text(html)
    return [(kind, match.group(0)[:80]) for kind, pattern in UNRENDERED.items() for match in pattern.finditer(text)]


def accessibility_problems(html: str) -> list[str]:
    """Structural checks; colour contrast is for axe-core (make a11y)."""
    problems = []
    for target in re.findall(r'aria-labelledby="([^"]+)"', html):
        if f'id="{target}"' not in html:
            problems.append(f"aria-labelledby points at missing id '{target}'")
    for img in re.findall(r"<img\b[^>]*>", html):
        if not re.search(r'\balt="', img):
            problems.append(f"image without alt text: {img[:80]}")
    for nav in re.findall(r"<nav\b[^>]*>", html):
        if "aria-label" not in nav and "md-" not in nav:
            problems.append(f"navigation region without a label: {nav[:80]}")
    for control in re.findall(r"<(?:input|select|textarea)\b[^>]*>", html):
        name = re.search(r'\bid="([^"]+)"', control)
        # Material's md-toggle checkboxes are hidden state holders, never shown or focused.
        hidden = 'type="hidden"' in control or "md-toggle" in control
        labelled = "aria-label" in control or (name and f'for="{name.group(1)}"' in html) or hidden
        if not labelled:
            problems.append(f"control without a label: {control[:80]}")
    return problems
