"""Reading a file before any check against the model: a workbook, a checklist CSV, a saved assessment."""

import io
import json
import subprocess
import sys
import zipfile

import openpyxl
import pytest

from macros.data.loader import load_model
from macros.outputs.assessment_file import MAX_BYTES
from macros.outputs.workbook import workbook_bytes
from macros.rules import selection
from tests.conftest import MINI, ROOT
from tests.support.assessments import failing, filled_csv, run_report, saved
from tests.support.office import NEEDS_LIBREOFFICE, recalculate


def test_not_a_workbook_text_renamed(tmp_path, capsys):
    path = tmp_path / "notes.xlsx"
    path.write_text("Practice One: met\n")
    assert f"{path}: not an Excel workbook (.xlsx): the file is not a zip archive" in failing(capsys, path)


def test_not_a_workbook_zip_of_something_else(tmp_path, capsys):
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.txt", "not a spreadsheet")
    why = "the zip archive holds no readable workbook (KeyError)"  # openpyxl's error: what to search for
    assert failing(capsys, path) == f"{path}: not an Excel workbook (.xlsx): {why}\n1 problem(s) found.\n"


def test_no_traceback_in_a_real_process(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 truncated")
    result = subprocess.run(
        [sys.executable, "-m", "macros.cli.main", "report", str(path), "--data", str(MINI)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "broken.xlsx: not an Excel workbook (.xlsx)" in result.stderr


def test_unreadable_csv(tmp_path, mini_model, capsys):
    path = filled_csv(mini_model, tmp_path / "latin.csv", {})
    lines = path.read_bytes().split(b"\r\n")
    lines[4] = lines[4][:10] + b"\xe9" + lines[4][10:]
    path.write_bytes(b"\r\n".join(lines))
    assert f"{path}:5: not UTF-8 text (byte 0xe9)" in failing(capsys, path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # (A trailing comma would do too, but Python 3.13 words and places that error differently.)
        ('{\n  "format" "smm-guide-assessment"\n}\n', "2:12: error: not valid JSON: Expecting ':' delimiter"),
        ("", "1:1: error: not valid JSON: Expecting value"),
        ('{"system": "caf\xe9"}'.encode("latin-1"), "1:16: error: invalid UTF-8 byte 0xe9; save the file as UTF-8"),
    ],
)
def test_json_unreadable(tmp_path, capsys, content, message):
    """One message: a file that is not an assessment has no other problem worth listing."""
    path = tmp_path / "x.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    first, *rest = failing(capsys, path).splitlines()
    assert first.startswith(f"{path}:{message}")
    assert rest == ["1 problem(s) found."]


def test_json_larger_than_the_limit_is_refused_unread(tmp_path, mini_model, capsys):
    text = json.dumps(saved(mini_model))
    path = tmp_path / "big.json"
    path.write_text(text + " " * (MAX_BYTES + 1 - len(text)), encoding="utf-8")  # valid JSON, one byte too long
    assert failing(capsys, path) == (
        f"{path}: the file is {MAX_BYTES + 1:,} bytes; a saved assessment is at most {MAX_BYTES:,} bytes (2 MB), "
        "so it is not read\n1 problem(s) found.\n"
    )
    path.write_text(text + " " * (MAX_BYTES - len(text)), encoding="utf-8")
    assert run_report(capsys, path)[0] == 0  # the limit itself is allowed


def test_json_that_yaml_cannot_read_is_reported_at_1_1(tmp_path, mini_model, capsys):
    """Tab indentation is valid JSON but not YAML, which gives the positions: the messages stay, at 1:1."""
    path = tmp_path / "tabs.json"
    path.write_text(json.dumps(saved(mini_model, levels={"p-nine": 1}), indent="\t"), encoding="utf-8")
    assert f"{path}:1:1: error: unknown practice 'p-nine'" in failing(capsys, path)


def test_an_empty_csv_is_named_as_such(tmp_path, capsys):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    expected = f"{path}:1: the file is empty; expected the checklist header row\n1 problem(s) found.\n"
    assert failing(capsys, path) == expected


def test_a_csv_the_reader_refuses_is_named_with_its_line(tmp_path, mini_model, capsys):
    path = filled_csv(mini_model, tmp_path / "huge.csv", {})
    lines = path.read_bytes().split(b"\r\n")
    lines[2] += b"," + b"x" * 200_000  # beyond the csv module's field size limit
    path.write_bytes(b"\r\n".join(lines))
    message = failing(capsys, path)
    assert message.startswith(f"{path}:3: not a readable CSV: field larger than field limit")
    assert message.endswith("\n1 problem(s) found.\n")


def test_a_line_break_inside_a_quoted_csv_cell_is_kept_as_written(tmp_path):
    from macros.assessment.reading import read_csv

    data = b'Item id,Status,Notes\r\np-one-1-1,Met,"seen on\r\nsite"\r\np-one-1-2,,\r\n'
    sheet = read_csv(tmp_path / "notes.csv", data)
    assert sheet.rows[1] == ("p-one-1-1", "Met", "seen on\r\nsite")
    assert sheet.lines == (1, 2, 4)  # the third record starts on line 4: the quoted cell spans two lines


def test_a_json_reads_positions_only_when_a_message_needs_one(tmp_path):
    from macros.assessment.reading import read_json
    from tests.support.assessments import write_json

    path = write_json(tmp_path / "a.json", {"format": "smm-guide-assessment", "system": 7})
    source = read_json(path, path.read_bytes())
    assert source.data["system"] == 7 and not source.values  # not read yet: a valid file never needs them
    assert source.where(("system",)) == (3, 13)
    assert source.where(("system",), key=True) == (3, 3)


@NEEDS_LIBREOFFICE
def test_a_target_set_by_a_formula_is_read_as_its_value(tmp_path, capsys):
    """An assessor who takes an archetype's suggestion with a formula (=F2), saved in a spreadsheet program,
    gets the value the program computed, not the formula's text."""
    model = load_model(MINI)
    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(model, selection.parse(model, "pos"), ["p-one"])))
    targets = book["Targets"]
    column = [cell.value for cell in targets[1]].index("Archetype: Corner shop") + 1
    assert targets.cell(2, column).value == 1
    targets.cell(2, 3).value = f"={targets.cell(2, column).coordinate}"
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    code, out, err = run_report(capsys, recalculate(filled, tmp_path))
    assert code == 0, err
    assert "| Practice One (p-one) | 1 | 0 |" in out
