"""Hand-written pages: one rendering path for MkDocs and `smm-guide generate`."""

import pytest

from macros.data.loader import load_model
from macros.data.problems import DataError
from macros.outputs import routes
from macros.site.content import nav_entry, render_content_page, wants_macros
from tests.conftest import MINI, ROOT


@pytest.fixture(scope="module")
def model():
    return load_model(MINI)


def test_only_opted_in_pages_are_rendered(model):
    plain_page = "# Title\n\nLiteral {{ braces }} stay.\n"
    assert not wants_macros(plain_page)
    assert render_content_page(model, "x.md", plain_page) == plain_page
    opted = "---\nrender_macros: true\n---\n{{ practice_link('p-one') }} of {{ model.practices | length }}\n"
    assert render_content_page(model, "sub/x.md", opted).endswith("[Practice One](../practices/p-one.md) of 2\n")


def test_filters_and_routes_of_generated_pages_work_in_content(model):
    page = "---\nrender_macros: true\n---\n{{ 'a | b' | cell }} [c]({{ page_link(routes.level(2)) }})\n"
    assert render_content_page(model, "guide/x.md", page).endswith("a &#124; b [c](../levels/2.md)\n")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("practice_link('nope')", "page refers to unknown practice id 'nope'"),
        ("level_link(9)", "page refers to unknown level id '9'"),
        ("profile_link('pos', 'nowhere')", "page refers to unknown profile page id 'nowhere'"),
        ("no_such_helper()", "template error: 'no_such_helper' is undefined"),
        ("practice_link('p-one'", "template error: unexpected '}'"),
    ],
)
def test_mistakes_name_the_file_and_line(model, call, message):
    page = "---\nrender_macros: true\nnav_order: 3\n---\n\nIntro.\n\nSee {{ " + call + " }}.\n"
    with pytest.raises(DataError) as caught:
        render_content_page(model, "x.md", page, shown_path="content/x.md")
    (problem,) = caught.value.problems
    assert (problem.path, problem.line, problem.col) == ("content/x.md", 8, 1)
    assert problem.message.startswith(message)


def test_nav_entry_from_front_matter_or_heading():
    assert nav_entry("a.md", "# Heading one\n").title == "Heading one"
    entry = nav_entry("b.md", "---\nnav_title: Short\nnav_order: 5\n---\n# Long heading\n")
    assert (entry.title, entry.order) == ("Short", 5)
    assert nav_entry("c.md", "---\nnav_exclude: true\n---\n# C\n") is None


def test_the_home_page_leads_to_what_each_reader_comes_for(real_model):
    home = render_content_page(real_model, routes.HOME, (ROOT / "content" / routes.HOME).read_text("utf-8"))
    section = home.split("## What you can do here", 1)[1].split("\n## ", 1)[0]
    ways_in = [
        routes.ASSESS,
        routes.CHECKLISTS,
        routes.SCORING,
        routes.DOWNLOADS,
        routes.FRAMEWORKS,
        routes.CROSSWALKS,
        routes.COVERAGE,
        routes.MAPPING_METHOD,
        routes.DATA_REFERENCE,
        routes.archetypes("digital-twin"),
        *(routes.crosswalk(framework.id) for framework in real_model.frameworks),
    ]
    missing = [target for target in ways_in if f"]({routes.relative(routes.HOME, target)})" not in section]
    assert missing == []
