import pytest

from macros.data.text import text_problems


@pytest.mark.parametrize(
    "text",
    [
        "Click <a href='x'>here</a>",
        "<img src=x onerror=alert(1)>",
        "<!-- hidden -->",
        "</div>",
    ],
)
def test_raw_html_is_rejected(text):
    assert any("raw HTML" in message for message in text_problems(text))


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript:alert(1))",
        "[x]( JavaScript:alert(1))",
        "[x](vbscript:msgbox)",
        "[x](data:text/html;base64,AAAA)",
        "[x]\n\n[x]: javascript:alert(1)",
    ],
)
def test_script_links_are_rejected(text):
    assert any("is not allowed" in message for message in text_problems(text))


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript&#58;alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](java&#9;script:alert(1))",
        "[x](java&#10;script:alert(1))",
        "[x](&#1;javascript:alert(1))",
        "[x](&#32;javascript:alert(1))",
        "[x]\n\n[x]: JAVA&#x09;SCRIPT&#x3A;alert(1)",
    ],
)
def test_script_links_written_with_character_references_or_ignored_characters_are_rejected(text):
    """A browser decodes the href and drops tabs, newlines and leading controls before it reads the scheme."""
    assert text_problems(text) == ["link target 'javascript:' is not allowed; links may use http, https or mailto"]


def test_a_code_span_does_not_join_its_neighbours_into_a_link_markdown_would_not_make():
    """`[x]`code`(...)` renders as text, not as a link: nothing to refuse; the same target as a link is refused."""
    assert text_problems("[x]`code`(javascript:alert(1))") == []
    assert text_problems("Run `code` or [x](javascript:alert(1))") == [
        "link target 'javascript:' is not allowed; links may use http, https or mailto"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "[x](`javascript:alert(1)`)",
        "[x](``javascript:alert(1)``)",
        "[x](`java`script:alert(1))",
        "[x](<`javascript:alert(1)`>)",
        "[x](` javascript:alert(1)`)",
        "[`a`](javascript:alert(1))",
    ],
)
def test_script_links_written_with_code_spans_in_their_target_are_rejected(text):
    """Python-Markdown keeps the text of a code span in a link target, without its backticks: each of these
    renders as <a href="javascript:alert(1)">."""
    import markdown

    assert 'href="javascript:alert(1)"' in markdown.markdown(text)
    assert text_problems(text) == ["link target 'javascript:' is not allowed; links may use http, https or mailto"]


def test_a_code_span_in_a_safe_link_target_is_accepted():
    assert text_problems("[x](https://example.org/`v1`/guide) and `a](b` in code") == []


@pytest.mark.parametrize(
    "text",
    [
        "Telemetry data: temperature and pressure.",
        "See [the guide](https://example.org/guide) or [mail us](mailto:a@b.c).",
        "Latency under 5 ms, not > 10 ms or < 1 ms.",
        "Put `<config>` in code.",
        "A ratio of 3:1 is fine.",
    ],
)
def test_ordinary_text_passes(text):
    assert text_problems(text) == []
