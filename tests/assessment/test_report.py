"""`smm-guide report` end to end: the file is read, checked, scored and rendered by make_report."""

import shutil

from macros.outputs import checklists
from macros.rules import selection
from tests.conftest import MINI
from tests.support.assessments import failing, filled_csv, run_report, write_workbook


def test_missing_file(tmp_path, capsys):
    assert "nothing.xlsx: cannot read the file: No such file or directory" in failing(capsys, tmp_path / "nothing.xlsx")


BOTH = "pos+water-plant"


def test_a_combined_workbook_is_read_and_named(tmp_path, mini_model, capsys):
    book = write_workbook(
        tmp_path / "both.xlsx", mini_model, variant=BOTH, statuses={"wp-p-two-1-1": "Met"}, targets={"p-two": 1}
    )
    code, out, err = run_report(capsys, book)
    assert code == 0, err
    assert f"With the Point of Sale Profile and the Water Plant Profile ({BOTH})." in out


def test_a_combined_csv_is_read_as_its_combination(tmp_path, mini_model, capsys):
    path = filled_csv(mini_model, tmp_path / "both.csv", {"pos-p-one-1-1": "Met", "wp-p-two-1-1": "Met"}, variant=BOTH)
    code, out, err = run_report(capsys, path)
    assert code == 0, err
    assert f"({BOTH})." in out


def test_a_combined_file_from_other_data_is_refused_where_it_differs(tmp_path, mini_model, capsys):
    other = tmp_path / "other"
    shutil.copytree(MINI, other)
    shutil.rmtree(other / "profiles" / "water-plant")
    book = write_workbook(tmp_path / "both.xlsx", mini_model, variant=BOTH)
    err = failing(capsys, book, data=other)
    assert f"{book}: About!B3: unknown variant '{BOTH}'" in err and "(profiles: pos)" in err
    path = filled_csv(mini_model, tmp_path / "both.csv", {}, variant=BOTH)
    err = failing(capsys, path, data=other)
    rows = checklists.rows(mini_model, ["p-one", "p-two"], selection.parse(mini_model, BOTH))
    line = [r.item for r in rows].index("wp-p-two-1-1") + 2  # after the header, counting from 1
    assert f"{path}:{line}: unknown item id 'wp-p-two-1-1'" in err
