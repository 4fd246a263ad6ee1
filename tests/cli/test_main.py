import json
import subprocess
import sys

from macros.cli.main import main
from tests.conftest import MINI, ROOT


def test_validate_ok(capsys):
    assert main(["validate", str(MINI)]) == 0
    assert "ok (2 practices, 24 indicators, 2 profile(s), 16 considerations)" in capsys.readouterr().out


def test_validate_reports_problems_without_traceback(mini):
    (mini / "practices/p-one.yaml").write_text("id: [\n")
    (mini / "glossary.yaml").write_text("")
    result = subprocess.run(
        [sys.executable, "-m", "macros.cli.main", "validate", str(mini)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert any(line.endswith("glossary.yaml:1:1: error: file is empty") for line in lines)
    assert any("p-one.yaml:2:1: error: YAML syntax" in line for line in lines)


def test_export_json(tmp_path):
    out = tmp_path / "model.json"
    assert main(["export", "json", "--out", str(out), "--data", str(MINI)]) == 0
    assert [p["id"] for p in json.loads(out.read_text())["practices"]] == ["p-one", "p-two"]


def test_generate(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "index.md").write_text("---\nrender_macros: true\n---\n{{ practice_link('p-two') }}\n")
    assert main(["generate", "--out", str(tmp_path / "g"), "--data", str(MINI), "--content", str(content)]) == 0
    assert (tmp_path / "g/practices/p-one.md").is_file()
    assert "---\n[Practice Two](practices/p-two.md)\n" in (tmp_path / "g/index.md").read_text()


def test_generate_reports_unknown_ids_in_content(tmp_path, capsys):
    content = tmp_path / "content"
    content.mkdir()
    (content / "index.md").write_text("---\nrender_macros: true\n---\n\nSee {{ practice_link('nope') }}\n")
    assert main(["generate", "--out", str(tmp_path / "g"), "--data", str(MINI), "--content", str(content)]) == 1
    assert "index.md:5:1: error: page refers to unknown practice id 'nope'" in capsys.readouterr().err


def test_diff_command(mini, tmp_path, capsys):
    old = tmp_path / "old"
    import shutil

    shutil.copytree(mini, old)
    (mini / "practices/p-one.yaml").write_text(
        (mini / "practices/p-one.yaml").read_text().replace("name: Practice One", "name: Practice Uno")
    )
    out = tmp_path / "diff.md"
    assert main(["diff", str(old), str(mini), "--out", str(out)]) == 0
    assert "| `p-one` | renamed | Practice ~~One~~ **Uno** |" in out.read_text()
    assert main(["diff", str(tmp_path / "nowhere"), str(mini)]) == 1
    assert "error:" in capsys.readouterr().err


def test_checklist_builds_any_combination_in_each_format(tmp_path, capsys):
    from openpyxl import load_workbook

    book = tmp_path / "both.xlsx"
    args = ["checklist", "--profiles", "water-plant,pos", "--practices", "p-two", "--data", str(MINI)]
    assert main([*args, "--format", "xlsx", "--out", str(book)]) == 0
    assert (
        "With the Point of Sale Profile and the Water Plant Profile, 1 practice(s), 20 items" in capsys.readouterr().out
    )
    about = {row[0]: row[1] for row in load_workbook(book)["About"].iter_rows(values_only=True)}
    assert about["Variant"] == "pos+water-plant" and about["Practices"] == "p-two"
    assert main(["report", str(book), "--data", str(MINI)]) == 0, "report reads what checklist writes"
    assert "(pos+water-plant)" in capsys.readouterr().out
    csv_file = tmp_path / "all.csv"
    assert main(["checklist", "--format", "csv", "--out", str(csv_file), "--data", str(MINI)]) == 0
    lines = csv_file.read_bytes().decode("utf-8").split("\r\n")
    assert lines[0].startswith("Practice id,") and len([line for line in lines[1:] if line]) == 24
    page = tmp_path / "c.html"
    assert main([*args, "--format", "html", "--out", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "wp-p-two-1-1" in html and "p-one-1-1" not in html


def test_checklist_refuses_unknown_or_repeated_ids_listing_the_valid_ones(tmp_path):
    for bad, message in [
        ("pos,nope", "smm-guide: error: unknown profile 'nope'; valid profile ids: pos, water-plant"),
        ("pos,pos", "smm-guide: error: profile 'pos' is named twice; valid profile ids: pos, water-plant"),
    ]:
        result = subprocess.run(
            [sys.executable, "-m", "macros.cli.main", "checklist", "--profiles", bad, "--format", "csv"]
            + ["--out", str(tmp_path / "x.csv"), "--data", str(MINI)],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr.strip() == message
        assert not (tmp_path / "x.csv").exists()
    assert (
        main(
            [
                "checklist",
                "--practices",
                "p-one,p-9",
                "--format",
                "csv",
                "--out",
                str(tmp_path / "y.csv"),
                "--data",
                str(MINI),
            ]
        )
        == 1
    )


# --- smm-guide portfolio (the tables themselves: tests/assessment/test_portfolio.py)


def _portfolio(capsys, *args):
    code = main(["portfolio", *map(str, args), "--data", str(MINI)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_portfolio_writes_each_format(tmp_path, capsys):
    from macros.data.loader import load_model
    from tests.support.portfolio import make_portfolio

    folder = make_portfolio(load_model(MINI), tmp_path / "p")
    code, out, err = _portfolio(capsys, folder, "--framework", "fw-one")
    assert (code, err) == (0, "")
    assert out.startswith("# Portfolio of assessments\n") and "## Requirements of FW One" in out
    code, out, _ = _portfolio(capsys, folder, "--format", "html", "--out", tmp_path / "p.html")
    assert (code, out) == (0, f"wrote {tmp_path / 'p.html'}\n")
    assert (tmp_path / "p.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    code, out, _ = _portfolio(capsys, folder, "--format", "xlsx", "--out", tmp_path / "p.xlsx")
    assert code == 0 and (tmp_path / "p.xlsx").read_bytes()[:2] == b"PK"
    code, out, _ = _portfolio(capsys, folder, "--format", "csv", "--out", tmp_path / "csv", "--group-by", "profile")
    assert code == 0 and "wrote 5 CSV files to" in out
    assert (tmp_path / "csv" / "systems.csv").read_text(encoding="utf-8").startswith("System,Group,Date,File,")


def test_portfolio_csv_and_xlsx_need_out(tmp_path, capsys):
    code, _, err = _portfolio(capsys, tmp_path, "--format", "csv")
    assert code == 2 and "--format csv needs --out: a folder, which gets one CSV file per table" in err
    code, _, err = _portfolio(capsys, tmp_path, "--group", "north")
    assert code == 2 and "--group keeps some groups: say which field makes them with --group-by" in err


def test_portfolio_of_bad_files_lists_every_problem_and_writes_nothing(tmp_path, capsys):
    from macros.data.loader import load_model
    from tests.support.assessments import saved, write_json
    from tests.support.portfolio import make_portfolio

    model = load_model(MINI)
    folder = make_portfolio(model, tmp_path / "p")
    write_json(folder / "bad.json", saved(model, answers={"p-one-1-1": {"status": "ok"}}, targets={"p-nine": {}}))
    out_file = tmp_path / "p.md"
    code, out, err = _portfolio(capsys, folder, "--out", out_file)
    assert (code, out) == (1, "") and not out_file.exists()
    lines = err.splitlines()
    assert lines[-1] == "5 problem(s) found."
    assert all(line.startswith(f"{folder / 'bad.json'}:") and ": error: " in line for line in lines[:-1])
    code, out, err = _portfolio(capsys, folder, "--out", out_file, "--skip-invalid")
    assert code == 0 and err == f"smm-guide: rejected {folder / 'bad.json'}: 5 problem(s), listed in the report\n"
    assert "| Rejected |" in out_file.read_text(encoding="utf-8")


def test_portfolio_of_an_empty_folder_says_so(tmp_path, capsys):
    code, out, err = _portfolio(capsys, tmp_path)
    assert (code, out) == (1, "")
    empty = "error: the folder holds no assessment file (.json, .xlsx, .csv), at any depth"
    assert err == f"{tmp_path}: {empty}\n1 problem(s) found.\n"


def test_portfolio_help_defines_the_groups_and_the_rules(capsys):
    import pytest

    with pytest.raises(SystemExit):
        main(["portfolio", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "profile: the file's checklist: its profile ids joined by + (general without a profile)" in text
    assert "folder: the name of the folder holding the file" in text
    assert "a workbook or checklist CSV has none, so its file name without the extension names it" in text
