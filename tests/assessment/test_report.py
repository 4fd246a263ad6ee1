"""`smm-guide report` end to end: the file is read, checked, scored and rendered by make_report."""

from tests.support.assessments import failing


def test_missing_file(tmp_path, capsys):
    assert "nothing.xlsx: cannot read the file: No such file or directory" in failing(capsys, tmp_path / "nothing.xlsx")
