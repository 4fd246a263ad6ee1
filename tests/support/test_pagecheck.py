"""The page checks must catch what they are for; a check that cannot fail proves nothing."""

import pytest

from tests.support.pagecheck import accessibility_problems, unrendered_markdown, visible_text

ARTICLE = '<article class="md-content__inner md-typeset">{}</article>'


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("<p>See below.\n| Dimension | Question |\n|---|---|\n| a | b |</p>", "table row"),
        ("<p>Intro | A | B |\n|---|---|</p>", "table rule"),
        ("<p>Read [the guide](guide.md) first.</p>", "link"),
        ("<p>This is **bold** text.</p>", "emphasis"),
        ("<p>## Heading</p>", "heading"),
        ('<p>!!! warning "x"</p>', "admonition"),
        ("<h2>Title { #anchor }</h2>", "attribute list"),
        ("<p>*[OT]: Operational technology</p>", "abbreviation"),
    ],
)
def test_unrendered_markdown_is_found(body, kind):
    assert kind in {found for found, _ in unrendered_markdown(ARTICLE.format(body))}


def test_rendered_markdown_and_code_pass():
    html = ARTICLE.format(
        '<table><tr><td>a</td></tr></table><p><a href="x">link</a> <strong>bold</strong></p>'
        "<pre><code>| a | b |\n[x](y) **z**</code></pre><p><code>{ #id }</code></p>"
    )
    assert unrendered_markdown(html) == []


def test_only_the_article_counts():
    html = "<nav>[x](y)</nav>" + ARTICLE.format("<p>text</p>") + "<footer>**x**</footer>"
    assert visible_text(html).strip() == "text"


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ('<img src="a.png">', "image without alt text"),
        ('<section aria-labelledby="nowhere"></section>', "missing id 'nowhere'"),
        ("<nav><a href='x'>x</a></nav>", "navigation region without a label"),
        ('<input id="q" type="text">', "control without a label"),
    ],
)
def test_accessibility_problems_are_found(html, problem):
    assert any(problem in found for found in accessibility_problems(html))


def test_labelled_markup_passes():
    html = (
        '<img src="a.png" alt="Chart"><h2 id="t">T</h2><section aria-labelledby="t"></section>'
        '<nav aria-label="Pages"></nav><label for="q">Search</label><input id="q">'
        '<select aria-label="Status"></select>'
    )
    assert accessibility_problems(html) == []
