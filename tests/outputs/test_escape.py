"""Contributor text as data (macros/outputs/escape.py): escaped for Markdown pages, flattened for
table cells and attributes, and neutralized where a spreadsheet would run it as a formula."""

import pytest
from markupsafe import Markup

from macros.outputs.escape import FORMULA_STARTS, escape_markdown, neutralize_formula, one_line, plain, unmarked


def test_escaping_neutralizes_html_attributes_and_templates():
    escaped = escape_markdown("a <b> & {{ config }} {: onclick=x }")
    assert escaped == "a &lt;b&gt; &amp; &#123;&#123; config &#125;&#125; &#123;: onclick=x &#125;"


def test_code_spans_are_left_as_written():
    assert escape_markdown("use `a<b>{x}` here <") == "use `a<b>{x}` here &lt;"


def test_one_line_for_table_cells():
    assert one_line("a |\n  b") == "a &#124; b"


def test_plain_strips_markup():
    assert plain("*very* `important`\n text") == "very important text"


def test_escaped_text_is_markup_so_templates_do_not_escape_it_again():
    escaped = escape_markdown("a & b")
    assert isinstance(escaped, Markup) and str(Markup("{}").format(escaped)) == "a &amp; b"


def test_several_code_spans_keep_the_text_between_them_escaped():
    assert escape_markdown("`<a>` & `{b}` <") == "`<a>` &amp; `{b}` &lt;"


def test_one_line_escapes_like_a_page_does():
    assert one_line("<b>\tbold</b> {x}") == "&lt;b&gt; bold&lt;/b&gt; &#123;x&#125;"


def test_unmarked_drops_emphasis_and_code_markers_only():
    assert unmarked("**bold** _it_ `code`\n  <b> & more") == "bold it code <b> & more"


def test_plain_escapes_quotes_for_attributes():
    assert plain('say "hi" <now>') == "say &quot;hi&quot; &lt;now&gt;"


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(start):
    assert neutralize_formula(f"{start}SUM(A1)") == f"'{start}SUM(A1)"


@pytest.mark.parametrize("text", ["SUM(A1)", "a=b", "1+1", "x@y", "", "'=already"])
def test_other_text_is_left_alone(text):
    assert neutralize_formula(text) == text
