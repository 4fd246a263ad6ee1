import pytest

from macros.data.text import text_problems
from macros.outputs.escape import escape_markdown, one_line, plain


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
        "Telemetry data: temperature and pressure.",
        "See [the guide](https://example.org/guide) or [mail us](mailto:a@b.c).",
        "Latency under 5 ms, not > 10 ms or < 1 ms.",
        "Put `<config>` in code.",
        "A ratio of 3:1 is fine.",
    ],
)
def test_ordinary_text_passes(text):
    assert text_problems(text) == []


def test_escaping_neutralizes_html_attributes_and_templates():
    escaped = escape_markdown("a <b> & {{ config }} {: onclick=x }")
    assert escaped == "a &lt;b&gt; &amp; &#123;&#123; config &#125;&#125; &#123;: onclick=x &#125;"


def test_code_spans_are_left_as_written():
    assert escape_markdown("use `a<b>{x}` here <") == "use `a<b>{x}` here &lt;"


def test_one_line_for_table_cells():
    assert one_line("a |\n  b") == "a &#124; b"


def test_plain_strips_markup():
    assert plain("*very* `important`\n text") == "very important text"
