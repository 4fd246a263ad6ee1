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
        "Telemetry data: temperature and pressure.",
        "See [the guide](https://example.org/guide) or [mail us](mailto:a@b.c).",
        "Latency under 5 ms, not > 10 ms or < 1 ms.",
        "Put `<config>` in code.",
        "A ratio of 3:1 is fine.",
    ],
)
def test_ordinary_text_passes(text):
    assert text_problems(text) == []
