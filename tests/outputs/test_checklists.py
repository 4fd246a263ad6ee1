"""Checklist rows, their CSV and the published selections (macros/outputs/checklists.py); the CSV
writers of the crosswalk tables and of the checklists both follow data/csv-vectors.yaml."""

import os
from dataclasses import replace

import pytest

from macros.data.loader import load, load_model
from macros.outputs import checklists
from macros.outputs.checklists import COLUMNS, Row
from macros.outputs.crosswalks import Cell, Table
from macros.outputs.crosswalks import to_csv as table_csv
from macros.rules import selection
from tests.conftest import MINI, ROOT

CSV_VECTORS = load(ROOT / "data").parts["csv-vectors"]


@pytest.fixture(scope="module")
def model():
    return load_model(MINI)


def _row(cells) -> Row:
    """A checklist row whose cells are the vector's, padded to the checklist's fixed columns."""
    padded = [*cells, *[""] * (9 - len(cells))][:9]
    return Row(*padded)


@pytest.mark.parametrize("vector", CSV_VECTORS, ids=lambda v: v["id"])
def test_every_csv_writer_follows_the_csv_vectors(vector):
    cells = vector["cells"]
    assert len(cells) <= 9, "a vector fits the checklist's fixed columns"
    line = checklists.to_csv([_row(cells)]).split("\r\n", 1)[1]
    # The checklist pads each row to its columns with empty cells.
    assert line == vector["expected"].removesuffix("\r\n") + "," * (len(COLUMNS) - len(cells)) + "\r\n"
    table = table_csv(Table(tuple(f"c{i}" for i in range(len(cells))), ((*(Cell(str(c)) for c in cells),),)))
    if all(isinstance(c, str) for c in cells):
        assert table.split("\r\n", 1)[1] == vector["expected"]


def test_the_header_is_neutralized_too():
    text = table_csv(Table(("=cmd", "+x"), ()))
    assert text == "'=cmd,'+x\r\n"


def test_published_selections_are_general_then_each_profile_then_all_combined(model):
    published = checklists.published(model)
    adding = [p.id for p in model.profiles if p.practices]
    assert len(adding) == 2, "the fixture has two profiles that add items"
    assert published[0] == selection.select(model, ())
    assert [s.profiles for s in published[1:-1]] == [(p,) for p in adding]
    assert published[-1] == selection.select(model, adding)


def test_one_profile_publishes_no_combined_selection(model):
    alone = replace(model, profiles=model.profiles[:1])
    assert [s.id for s in checklists.published(alone)] == ["general", model.profiles[0].id]


def test_scopes_leave_out_practices_a_selection_adds_nothing_to(model):
    """pos covers p-one only, water-plant p-two only: neither has a file for the other's practice,
    and both together have none but all practices (each would repeat a single profile's)."""
    names = {s.id: [name for name, _, _ in checklists.scopes(model, s)] for s in checklists.published(model)}
    assert names == {
        "general": ["all", "p-one", "p-two"],
        "pos": ["all", "p-one"],
        "water-plant": ["all", "p-two"],
        "pos+water-plant": ["all"],
    }
    assert checklists.scopes(model, selection.select(model, ()))[0] == ("all", "All practices", ["p-one", "p-two"])


def test_html_checklist_is_standalone_and_escaped(model):
    chosen = selection.select(model, ["pos", "water-plant"])
    rows = checklists.rows(model, ["p-one", "p-two"], chosen)
    poisoned = [replace(rows[0], text="<script>alert(1)</script>"), *rows[1:]]
    page = checklists.to_html(model, chosen, poisoned, "v1")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "http" not in page and "<link" not in page, "nothing loaded from elsewhere"
    assert page.count("☐ Met") == len(rows)
    assert "With the Point of Sale Profile and the Water Plant Profile" in page
    assert all(f"<strong>{r.item}</strong>" in page for r in rows)
    assert '<h2 id="p-one">' in page and '<h2 id="p-two">' in page


def test_html_checklist_names_its_practice_or_counts_them_and_gives_the_version(model):
    """What a printed sheet says on top: the practice when it holds one, else how many, and the model version."""
    chosen = selection.select(model, ["pos"])
    one = checklists.to_html(model, chosen, checklists.rows(model, ["p-one"], chosen), "1.0+abc")
    both = checklists.to_html(model, chosen, checklists.rows(model, ["p-one", "p-two"], chosen), "1.0+abc")
    assert "<title>Checklist: Practice One</title>" in one and "<h1>Checklist: Practice One</h1>" in one
    assert "<title>Checklist: 2 practices</title>" in both and "<h1>Checklist: 2 practices</h1>" in both
    assert "Model version 1.0+abc." in one and "Model version 1.0+abc." in both


GOLDEN_PRINTABLE = ROOT / "tests" / "golden" / "printable" / "pos-all.html"


def test_golden_printable_checklist(model):
    """The whole printable page of the POS checklist (`smm-guide checklist --format html`), its markup and
    layout; UPDATE_GOLDEN=1 rewrites it, and the test then fails (review the diff)."""
    chosen = selection.select(model, ["pos"])
    page = checklists.to_html(model, chosen, checklists.rows(model, ["p-one", "p-two"], chosen), "1.0+golden")
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN_PRINTABLE.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN_PRINTABLE.write_text(page, encoding="utf-8")
        pytest.fail("golden printable checklist rewritten; review the diff and run again without UPDATE_GOLDEN")
    assert page == GOLDEN_PRINTABLE.read_text(encoding="utf-8")


def test_rows_follow_the_selection_rule_level_by_level(model):
    chosen = selection.select(model, [p.id for p in model.profiles])
    practice = model.practices[0]
    rows = checklists.rows(model, [practice.id], chosen)
    expected = [
        (number, item.id, label)
        for number in practice.levels
        for item, label in selection.items(model, chosen, practice.id, number)
    ]
    assert [(r.level, r.item, r.source) for r in rows] == expected
    assert all(r.practice == practice.id and r.practice_name == practice.name for r in rows)
    assert rows[0].cells()[-5:] == ("", "", "", "", "")


def test_a_checklist_holds_each_practice_once_in_model_order(model):
    for checklist in checklists.checklists(model):
        assert list(checklist.by_practice) == [p.id for p in model.practices]
        every = checklist.rows([p.id for p in model.practices])
        assert every == checklists.rows(model, [p.id for p in model.practices], checklist.selection)


def test_kept_rows_are_the_rows_computed_once(model):
    chosen = selection.parse(model, "pos")
    found = checklists.kept_rows(model, ["p-one"], chosen)
    assert list(found) == checklists.rows(model, ["p-one"], chosen)
    assert checklists.kept_rows(model, ("p-one",), chosen) is found
    assert checklists.kept_rows(model, ["p-two"], chosen) != found


def test_kept_rows_are_each_models_own(model, mini):
    """After a data edit (`make serve`, or a second --data) the rows of the edited model, never the earlier ones."""
    path = next(mini.glob("practices/p-one*.yaml"))
    path.write_text(path.read_text(encoding="utf-8").replace("Receipt printers", "Label printers"), encoding="utf-8")
    edited = load_model(mini)
    chosen = selection.parse(model, "pos")
    before = checklists.kept_rows(model, ["p-one"], chosen)
    after = checklists.kept_rows(edited, ["p-one"], selection.parse(edited, "pos"))
    texts = [[r.text for r in found if r.item == "p-one-1-2"] for found in (before, after)]
    assert texts == [
        ["Receipt printers are counted separately from readers."],
        ["Label printers are counted separately from readers."],
    ]


def test_an_item_cited_by_two_requirements_names_both_in_its_csv_row(mini):
    mappings = mini / "mappings" / "fw-one.yaml"
    extra = (
        "  - requirement: r-2-1\n    practice: p-one\n    level: 1\n    relationship: supports\n"
        "    items: [p-one-1-1]\n    rationale: The clerk's inventory also names who may sign in.\nunmapped:"
    )
    mappings.write_text(mappings.read_text(encoding="utf-8").replace("unmapped:", extra), encoding="utf-8")
    model = load_model(mini)
    rows = checklists.rows(model, ["p-one"], selection.select(model, []))
    line = checklists.to_csv(rows).split("\r\n")[1]
    assert line.endswith(",General,R 1.1 (FW One); R 2.1 (FW One),,,,,")
    assert line.startswith("p-one,Practice One,1,p-one-1-1,")
