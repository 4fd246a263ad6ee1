"""Checklist rows, their CSV and the published selections (macros/outputs/checklists.py); the CSV
writers of the crosswalk tables and of the checklists both follow data/csv-vectors.yaml."""

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


def test_published_selections_are_general_then_each_profile_that_adds_items(model):
    published = checklists.published(model)
    assert published[0] == selection.select(model, ())
    assert [s.profiles for s in published[1:]] == [(p.id,) for p in model.profiles if p.practices]


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
