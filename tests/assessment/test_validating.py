"""The tables of a workbook or a checklist CSV checked against the model: every problem at once, at its cell or line."""

import re
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from macros.assessment.reading import read_csv, read_workbook
from macros.assessment.records import Answer, ReportError
from macros.assessment.validating import validate
from macros.outputs import checklists
from macros.outputs.export import model_version
from macros.rules.selection import select
from tests.support.assessments import checklist_row, failing, filled_csv, run_report, write_workbook


def test_unknown_item_id(tmp_path, mini_model, capsys):
    extra = [("p-one", "Practice One", 1, "p-one-1-9", "Made up", "", "", "General", "", "Met")]
    book = write_workbook(tmp_path / "b.xlsx", mini_model, practices=["p-one"], extra=extra)
    err = failing(capsys, book)
    row = len(checklists.rows(mini_model, ["p-one"], select(mini_model, ["pos"]))) + 2
    assert f"b.xlsx: Checklist!D{row}: unknown item id 'p-one-1-9': not in the checklist of p-one" in err
    assert err.endswith("1 problem(s) found.\n")


def test_item_listed_twice_and_status_without_item(tmp_path, mini_model, capsys):
    extra = [("p-one", "Practice One", 1, "p-one-1-1", "", "", "", "General", "", "Met"), (None,) * 9 + ("Met",)]
    err = failing(capsys, write_workbook(tmp_path / "b.xlsx", mini_model, extra=extra))
    end = len(checklists.rows(mini_model, ["p-one", "p-two"], select(mini_model, ["pos"]))) + 1
    assert f"Checklist!D{end + 1}: item 'p-one-1-1' is listed twice (also Checklist!D2)" in err
    assert f"Checklist!D{end + 2}: the item id is empty" in err


def test_item_of_a_practice_outside_the_workbook_is_unknown(tmp_path, mini_model, capsys):
    extra = [("p-two", "Practice Two", 1, "p-two-1-1", "", "", "", "General", "", "Met")]
    err = failing(capsys, write_workbook(tmp_path / "b.xlsx", mini_model, practices=["p-one"], extra=extra))
    assert "unknown item id 'p-two-1-1'" in err


def test_invalid_status(tmp_path, mini_model, capsys):
    book = write_workbook(tmp_path / "b.xlsx", mini_model, statuses={"p-one-2-2": "Done"})
    row = checklist_row(mini_model, "p-one-2-2")
    err = failing(capsys, book)
    assert f"Checklist!J{row}: status 'Done' is not one of: Met, Partly met, Not met, Not applicable" in err


@pytest.mark.parametrize("target", [5, -1, 2.5, "high"])
def test_target_outside_0_4_or_not_whole(tmp_path, mini_model, capsys, target):
    book = write_workbook(tmp_path / "b.xlsx", mini_model, targets={"p-two": target})
    assert f"b.xlsx: Targets!C3: target '{target}' is not a whole number 0-4" in failing(capsys, book)


@pytest.mark.parametrize("sheet", ["Targets", "Checklist", "About"])
def test_missing_sheet(tmp_path, mini_model, capsys, sheet):
    err = failing(capsys, write_workbook(tmp_path / "b.xlsx", mini_model, drop=[sheet]))
    have = ", ".join(name for name in ("Targets", "Checklist", "Summary", "About") if name != sheet)
    assert f"b.xlsx: {sheet}: the sheet is missing (sheets: {have})\n" in err


def test_an_empty_sheet_lacks_its_columns(tmp_path, mini_model, capsys):
    book = write_workbook(tmp_path / "b.xlsx", mini_model)
    workbook = load_workbook(book)
    workbook["Targets"].delete_rows(1, workbook["Targets"].max_row)
    workbook.save(book)
    err = failing(capsys, book)
    missing = [f"{book}: Targets!1:1: column '{name}' is missing\n" for name in ("Practice id", "Target")]
    assert "".join(missing) in err


def test_unknown_items_name_every_practice_of_the_workbook(tmp_path, mini_model, capsys):
    extra = [("p-one", "Practice One", 1, "p-one-1-9", "", "", "", "General", "", "Met")]
    err = failing(capsys, write_workbook(tmp_path / "b.xlsx", mini_model, extra=extra))
    assert "unknown item id 'p-one-1-9': not in the checklist of p-one, p-two with the 'pos' variant\n" in err


def test_a_csv_of_unknown_items_only_names_no_practice(tmp_path, capsys):
    path = tmp_path / "c.csv"
    path.write_text("Item id,Status\nx-1-1,Met\n", encoding="utf-8")
    err = failing(capsys, path)
    why = "not in the checklist of any practice with the 'general' variant"
    assert f"{path}:2: unknown item id 'x-1-1': {why}\n" in err


def test_a_csv_line_shorter_than_the_header_has_blank_cells(tmp_path, mini_model, capsys):
    """Spreadsheet programs and hand edits leave out trailing empty cells: the line still reads."""
    path = filled_csv(mini_model, tmp_path / "c.csv", {"p-one-1-1": "Met"})
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("p-one,") and lines[1].count(",") == len(checklists.COLUMNS) - 1
    lines[1] = ",".join(lines[1].split(",")[: checklists.COLUMNS.index("Notes")])  # no Notes cell
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = validate(mini_model, {"Checklist": read_csv(path, path.read_bytes())}, path)
    assert found.answers["p-one-1-1"] == Answer(1, "p-one-1-1", "met", "")


def test_missing_columns(tmp_path, mini_model, capsys):
    book = write_workbook(tmp_path / "b.xlsx", mini_model, headers={"Status": "State", "Item id": "Id"})
    err = failing(capsys, book)
    assert "b.xlsx: Checklist!1:1: column 'Item id' is missing" in err
    assert "b.xlsx: Checklist!1:1: column 'Status' is missing" in err


def test_workbook_of_another_model_version(tmp_path, mini_model, capsys):
    book = write_workbook(tmp_path / "b.xlsx", mini_model, about={"Model version": "1.0+000000000000"})
    err = failing(capsys, book)
    why = "make a new workbook from this data, or give --data the data it was made from"
    assert (
        f"About!B2: workbook for model version '1.0+000000000000', data is '{model_version(mini_model)}': {why}\n"
        in err
    )


def test_unknown_variant_and_practice_in_about(tmp_path, mini_model, capsys):
    book = write_workbook(tmp_path / "b.xlsx", mini_model, about={"Variant": "dt", "Practices": "p-one, p-nine"})
    err = failing(capsys, book)
    why = "expected 'general' or profile ids in the model's order joined by '+' (profiles: pos, water-plant)"
    assert f"About!B3: unknown variant 'dt'; {why}" in err
    assert "About!B4: unknown practice id 'p-nine'" in err


def test_all_problems_at_once(tmp_path, mini_model, capsys):
    extra = [("p-one", "Practice One", 1, "p-one-1-9", "", "", "", "General", "", "")]
    book = write_workbook(
        tmp_path / "b.xlsx", mini_model, statuses={"p-one-1-1": "Done"}, targets={"p-one": 7}, extra=extra
    )
    lines = failing(capsys, book).splitlines()
    assert len(lines) == 4 and lines[-1] == "3 problem(s) found."
    assert [re.sub(r"^.*?b\.xlsx: (\S+?)!.*$", r"\1", line) for line in lines[:3]] == [
        "Targets",
        "Checklist",
        "Checklist",
    ]


def test_csv_problems_name_the_line(tmp_path, mini_model, capsys):
    path = filled_csv(mini_model, tmp_path / "c.csv", {"p-one-1-2": "Done"})
    text = path.read_text(encoding="utf-8").replace("p-two-1-1,", "p-two-1-9,")
    path.write_text(text, encoding="utf-8")
    err = failing(capsys, path)
    assert f"{path}:3: status 'Done' is not one of: Met, Partly met, Not met, Not applicable" in err
    assert f"{path}:22: unknown item id 'p-two-1-9'" in err


def test_csv_missing_column(tmp_path, capsys):
    path = tmp_path / "c.csv"
    path.write_text("Practice id,Item id\np-one,p-one-1-1\n", encoding="utf-8")
    assert f"{path}:1: column 'Status' is missing" in failing(capsys, path)


def test_unknown_variant_of_data_without_profiles_says_there_are_none(tmp_path, mini_model):
    bare = replace(mini_model, profiles=())
    book = write_workbook(tmp_path / "b.xlsx", bare, variant="general", about={"Variant": "pos"})
    with pytest.raises(ReportError) as caught:
        validate(bare, read_workbook(book, book.read_bytes()), book)
    assert caught.value.problems[0].endswith(
        "About!B3: unknown variant 'pos'; expected 'general' or profile ids "
        "in the model's order joined by '+' (profiles: none)"
    )


def test_about_without_practice_ids(tmp_path, mini_model, capsys):
    err = failing(capsys, write_workbook(tmp_path / "b.xlsx", mini_model, about={"Practices": " , "}))
    assert err.startswith(f"{tmp_path / 'b.xlsx'}: About!B4: no practice ids; expected them separated by commas\n")


def test_an_unknown_practice_in_about_is_the_only_problem(tmp_path, mini_model, capsys):
    """Its items are not also reported as unknown, one by one: the practice list's problem says enough."""
    book = write_workbook(tmp_path / "b.xlsx", mini_model, about={"Practices": "p-one, p-nine"})
    lines = failing(capsys, book).splitlines()
    assert lines == [f"{book}: About!B4: unknown practice id 'p-nine'", "1 problem(s) found."]


def edited_targets(path, rows):
    """The workbook at `path` with its Targets rows (below the header) replaced by `rows`."""
    book = load_workbook(path)
    sheet = book["Targets"]
    sheet.delete_rows(2, sheet.max_row)
    for cells in rows:
        sheet.append(list(cells))
    book.save(path)
    return path


def test_blank_target_rows_are_skipped_and_the_rows_below_still_read(tmp_path, mini_model, capsys):
    book = write_workbook(tmp_path / "b.xlsx", mini_model, statuses={"p-one-1-1": "Met"})
    edited_targets(book, [("p-one", "Practice One", 2), (None, None, None), ("p-two", "Practice Two", 3)])
    code, out, err = run_report(capsys, book)
    assert code == 0, err
    assert "| Practice One (p-one) | 2 | 0 | 2 |" in out and "| Practice Two (p-two) | 3 | 0 | – |" in out


def test_targets_rows_of_unknown_or_repeated_practices_and_every_row_below(tmp_path, mini_model, capsys):
    book = write_workbook(tmp_path / "b.xlsx", mini_model, practices=["p-one"])
    rows = [("p-one", "", 1), ("p-two", "", 2), ("p-one", "", 3), (None, None, None), ("p-nine", "", 9)]
    err = failing(capsys, edited_targets(book, rows))
    assert err.splitlines() == [
        f"{book}: Targets!A3: practice 'p-two' is not a practice of this workbook (About)",
        f"{book}: Targets!A4: practice 'p-one' is listed twice",
        f"{book}: Targets!A6: practice 'p-nine' is not a practice of this workbook (About)",
        "3 problem(s) found.",
    ]
