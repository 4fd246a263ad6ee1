import csv
import io

import pytest

from macros.data.loader import load_model
from macros.outputs.crosswalks import (
    Cell,
    Mappings,
    Table,
    ancestors,
    combined_rows,
    derived_crosswalk,
    practice_by_group,
    relationship_names,
    requirements_table,
    table_downloads,
    to_csv,
)
from tests.conftest import MINI


@pytest.fixture(scope="module")
def model():
    return load_model(MINI)


@pytest.fixture(scope="module")
def index(model):
    return Mappings(model)


def test_nested_requirements_inherit_their_parents_mappings(model, index):
    framework = model.framework("fw-one")
    inherited_from, entries = index.of(framework, "r-1-1-e-1")
    assert inherited_from == "r-1-1"
    assert [(e.practice, e.level) for e in entries] == [("p-one", 1), ("p-two", 3)]
    assert index.of(framework, "r-1-1")[0] is None
    assert index.of(framework, "r-2-2") == (None, [])
    assert [n.id for n in ancestors(framework, framework.node("r-1-1-e-1"))] == ["g-1", "r-1-1"]


def test_coverage_gaps_and_levels(model, index):
    framework = model.framework("fw-one")
    assert index.coverage(framework) == (3, 1, 4)
    assert index.gaps(framework) == []
    assert [n.id for n in index.first_reached(framework, 1)] == ["r-1-1"]
    assert [n.id for n in index.first_reached(framework, 2)] == ["r-1-2", "r-2-1"]
    assert index.lowest_level(framework, "r-1-1-e-1") == 1
    assert index.unmapped_practice_levels() == {"p-one": [3, 4], "p-two": [1, 4]}


def test_mappings_of_a_practice_by_framework_and_level(index):
    mapped = index.for_practice("p-one")
    assert {level: [e.requirement for e in entries] for level, entries in mapped["fw-one"].items()} == {
        1: ["r-1-1"],
        2: ["r-1-2"],
    }
    assert index.for_practice("nowhere") == {}


def test_requirement_and_crosswalk_tables(model, index):
    framework = model.framework("fw-one")
    table = requirements_table(index, framework)
    assert table.rows[0][0] == Cell("R 1.1", "frameworks/fw-one/r-1-1.md")
    assert table.rows[0][3].text == "1"
    assert "Practice One (1, equivalent)" in table.rows[0][4].text
    assert table.rows[3][4].text.startswith("Seals are a physical matter")
    heat = practice_by_group(index, framework)
    assert heat.columns == ("Practice", "G 1", "G 2", "Total")
    # Group codes are short labels: the page expands them with the group names; the CSV keeps the codes.
    assert heat.expansions == ("", "Identification", "Response", "")
    assert to_csv(heat).splitlines()[0] == "Practice,G 1,G 2,Total"
    assert [c.text for c in heat.rows[0]] == ["Practice One", "2 from L1", "–", "2"]
    assert len(heat.rows) == 2
    assert [c.text for c in heat.rows[1]] == ["Practice Two", "1 from L3", "1 from L2", "2"]
    derived = derived_crosswalk(index, framework, framework)
    assert derived.rows[0][3].text == "R 1.1, R 1.2, R 2.1"


def test_combined_rows_split_met_and_open(model, index):
    profile = model.profile("pos")
    archetype = next(a for a in profile.archetypes if a.id == "big-box")
    rows = {row.practice.id: row for row in combined_rows(index, profile, archetype, model.framework("fw-one"))}
    assert rows["p-one"].target == 3 and len(rows["p-one"].indicators) == 9
    assert [e.requirement for e in rows["p-one"].met] == ["r-1-1", "r-1-2"]
    assert rows["p-two"].target == 1 and rows["p-two"].met == ()
    assert [e.requirement for e in rows["p-two"].open] == ["r-1-1", "r-2-1"]


@pytest.mark.parametrize("dangerous", ["=1+2", "+cmd", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_csv_neutralizes_formulas(dangerous):
    text = to_csv(Table(("Name", dangerous), ((Cell(dangerous), Cell("plain")),)))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["Name", "'" + dangerous], ["'" + dangerous, "plain"]]


def test_every_table_has_its_csv(model):
    files = table_downloads(model)
    assert set(files) == {
        "downloads/frameworks/fw-one.csv",
        "downloads/crosswalks/fw-one.csv",
        "downloads/mappings.csv",
    }
    rows = list(csv.reader(io.StringIO(files["downloads/mappings.csv"])))
    assert rows[0][:4] == ["Framework", "Requirement", "Practice", "Level"]
    assert rows[2][:6] == ["fw-one", "R 1.1", "p-two", "3", "partially-supports", "3"]


def test_relationship_names_and_order_come_from_the_mapping_method(mini):
    # mini: a writable copy of the fixture (tests/conftest.py).
    path = mini / "mapping-method.yaml"
    path.write_text(path.read_text().replace("name: Partially supports", "name: Covers a part"))
    model = load_model(mini)
    index = Mappings(model)
    assert relationship_names(model) == index.relationships == model.mapping_method.names
    assert list(index.relationships) == ["equivalent", "supports", "partially-supports"]
    assert index.relationships["partially-supports"] == "Covers a part"
    framework = model.framework("fw-one")
    assert "Practice Two (3, covers a part)" in requirements_table(index, framework).rows[0][4].text
    # Within a level the stronger relationship comes first; here the two mappings differ in level.
    _, entries = index.of(framework, "r-1-1")
    assert [index.order(e)[:2] for e in entries] == [(1, 0), (3, 2)]


def test_a_framework_pair_gets_its_derived_crosswalk_at_its_published_path(mini):
    from macros.outputs.checklists import checklists
    from macros.outputs.pages import generate_pages
    from tests.conftest import with_second_framework

    model = load_model(with_second_framework(mini))
    files = table_downloads(model)
    assert "downloads/crosswalks/fw-two--fw-one.csv" in files
    rows = list(csv.reader(io.StringIO(files["downloads/crosswalks/fw-two--fw-one.csv"])))
    assert rows == [
        ["FW Two", "Title", "Through practices", "FW One (derived)"],
        ["T 1.1", "Till records", "Practice One", "R 1.1, R 1.2"],
        ["T 1.2", "Incident reporting", "Practice Two", "R 1.1, R 2.1"],
    ]
    pages = {page.path: page.content for page in generate_pages(model, checklists(model), [])}
    assert "crosswalks/fw-two--fw-one.md" in pages
    assert "fw-two--fw-one.md" in pages["crosswalks/index.md"]
