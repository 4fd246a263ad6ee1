"""`smm-guide portfolio` (macros/assessment/portfolio.py, portfolio_rendering.py) on a small portfolio whose
numbers can be checked by hand, with the mini model:

- Plant A, two JSON exports: 2025-01-10 (p-one 1 of 3, level 2 not met; p-two 1 of 2, provisional) and
  2025-06-10 (p-one 2 of 3, level 3 not met; p-two 2 of 2, provisional).
- =cmd|' /C calc'!A1, a JSON export of 2025-02-01: p-one 0 of 2 (level 1 not met); p-two out of scope.
- substation-7, a workbook (no system name, no date): p-one 1 of 1; p-two 0 of 3 (level 1 not met).

fw-one's mappings: R 1.1 <- p-one 1 and p-two 3; R 1.2 <- p-one 2; R 2.1 <- p-two 2.
"""

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from macros.assessment.portfolio import requirement_states, tables
from macros.assessment.portfolio_files import latest, read_portfolio
from macros.assessment.portfolio_rendering import render, to_csv, to_html, to_markdown
from macros.assessment.records import ReportError
from macros.outputs.export import model_version
from tests.conftest import GOLDEN, ROOT
from tests.support.assessments import saved, write_json
from tests.support.portfolio import INJECTION, make_portfolio

GOLDEN_MD = GOLDEN / "portfolio" / "mini.markdown"  # not *.md: tests/outputs/test_pages.py owns those
GENERAL = {"profiles": [], "framework": None}
OLDER = ROOT / "tests" / "fixtures" / "assessments" / "older-model.json"


@pytest.fixture
def folder(tmp_path, mini_model, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the files are named as given: relative, so the golden output is stable
    make_portfolio(mini_model, tmp_path / "portfolio")
    return "portfolio"


def table(model, portfolio, name, **options):
    found = {t.name: t for t in tables(model, portfolio, **options)}[name]
    return [found.headers, *([c.value for c in row] for row in found.rows)]


def test_systems_by_their_latest_assessment(mini_model, folder):
    portfolio = read_portfolio(mini_model, [folder])
    assert [e.system for e in latest(portfolio)] == [INJECTION, "Plant A", "substation-7"]
    assert table(mini_model, portfolio, "systems") == [
        ("System", "Date", "File", "p-one", "p-two"),
        [INJECTION, "2025-02-01 12:00", "injection.json", "0/2", "out"],
        ["Plant A", "2025-06-10 08:00", "plant-a-jun.json", "2/3", "2/2?"],
        ["substation-7", "undated", "substation-7.xlsx", "1/1", "0/3"],
    ]


def test_grid_cells_are_shaded_by_gap_and_sorted_by_it(mini_model, folder):
    rows = {t.name: t for t in tables(mini_model, read_portfolio(mini_model, [folder]))}["systems"].rows
    assert [(c.shade, c.sort) for c in rows[0][3:]] == [("gap2", 2), ("out", -2)]
    assert [(c.shade, c.sort) for c in rows[2][3:]] == [("gap0", 0), ("gap3", 3)]


def test_per_practice_counts_median_and_furthest_behind(mini_model, folder):
    found = table(mini_model, read_portfolio(mini_model, [folder]), "practices")
    assert found[1] == ["Practice One (p-one)", 3, 1, 1, 1, 0, 0, 0, 0, 1, f"{INJECTION} (gap 2); Plant A (gap 1)"]
    assert found[2] == ["Practice Two (p-two)", 2, 1, 0, 1, 0, 0, 0, 1, 1.5, "substation-7 (gap 3)"]


def test_requirements_through_the_mappings(mini_model, folder):
    portfolio = read_portfolio(mini_model, [folder], framework="fw-one")
    plant = latest(portfolio)[1]
    assert requirement_states(mini_model, mini_model.framework("fw-one"), plant) == {
        "r-1-1": "not met",  # p-two 2 of the 3 mapped
        "r-1-2": "met",
        "r-2-1": "met",
    }
    assert table(mini_model, portfolio, "requirements")[1:] == [
        ["R 1.1 Terminal inventory", "p-one ≥ 1; p-two ≥ 3", 3, 0, 0, f"{INJECTION}, Plant A, substation-7"],
        ['R 1.2 Staff "named" accounts', "p-one ≥ 2", 2, 1, 0, f"{INJECTION}, substation-7"],
        ["R 2.1 Incident contacts", "p-two ≥ 2", 1, 1, 1, "substation-7"],  # out of scope at the injection
    ]


def test_over_time_orders_each_system_by_date(mini_model, folder):
    found = table(mini_model, read_portfolio(mini_model, [folder]), "over-time")
    assert [row[:2] + row[3:] for row in found[1:]] == [
        [INJECTION, "2025-02-01 12:00", "0/2", "out"],
        ["Plant A", "2025-01-10 08:00", "1/3", "1/2?"],
        ["Plant A", "2025-06-10 08:00", "2/3", "2/2?"],
        ["substation-7", "undated", "1/1", "0/3"],
    ]


def test_the_html_charts_each_system_with_several_dates(mini_model, folder):
    page = render(mini_model, read_portfolio(mini_model, [folder]), "html")
    assert page.count("<figure>") == 1
    assert 'aria-label="Plant A: achieved' in page


def test_grouped_by_the_archetypes_each_characterization_started_from(mini_model, tmp_path):
    both = {
        "pos": {"archetype": "corner-shop", "options": {}},
        "water-plant": {"archetype": "small-works", "options": {}},
    }
    own = {"pos": {"archetype": None, "options": {}}}
    profiles = {"profiles": ["pos", "water-plant"], "framework": None}
    write_json(tmp_path / "a.json", saved(mini_model, system="Shop 1", guidance=profiles, characterization=both))
    write_json(tmp_path / "b.json", saved(mini_model, system="Shop 2", characterization=own))
    found = read_portfolio(mini_model, [tmp_path], group_by="archetype")
    assert sorted((e.system, e.group) for e in found.entries) == [
        ("Shop 1", "corner-shop+small-works"),
        ("Shop 2", "none"),
    ]


def test_groups_from_a_field_and_the_filter(mini_model, folder, tmp_path):
    by_profile = read_portfolio(mini_model, [folder], group_by="profile")
    assert {e.group for e in by_profile.entries} == {"pos"}
    by_archetype = read_portfolio(mini_model, [folder], group_by="archetype")
    assert {e.group for e in by_archetype.entries} == {"none"}
    (tmp_path / "portfolio" / "north").mkdir()
    (tmp_path / "portfolio" / "injection.json").rename(tmp_path / "portfolio" / "north" / "injection.json")
    by_folder = read_portfolio(mini_model, [folder], group_by="folder")
    assert sorted((e.group, e.system) for e in latest(by_folder)) == [
        ("north", INJECTION),
        ("portfolio", "Plant A"),
        ("portfolio", "substation-7"),
    ]
    practices = table(mini_model, by_folder, "practices")
    assert practices[0][:2] == ("Group", "Practice")
    assert [row[:3] for row in practices[1:]] == [
        ["north", "Practice One (p-one)", 1],
        ["north", "Practice Two (p-two)", 0],
        ["portfolio", "Practice One (p-one)", 2],
        ["portfolio", "Practice Two (p-two)", 2],
    ]
    only = read_portfolio(mini_model, [folder], group_by="folder", only=["north"])
    assert [e.system for e in only.entries] == [INJECTION]


def test_golden_markdown(mini_model, folder):
    """The portfolio with two more files: one of another model version (Kiosk 3: an answer to an item since
    reworded, one to an item no model has) and one bad file, skipped. UPDATE_GOLDEN=1 rewrites
    tests/golden/portfolio/mini.markdown, and the test then fails: review the diff."""
    older = saved(
        mini_model,
        model_version="1.0+000000000000",
        system="Kiosk 3",
        created="2024-11-05T10:00:00.000Z",
        targets={"p-one": {"level": 1, "justification": ""}},
        answers={"p-one-1-1": {"status": "met", "note": ""}, "gone-item-1-1": {"status": "met", "note": ""}},
        fingerprints={"p-one-1-1": "0000000000"},
    )
    write_json(Path(folder) / "kiosk-3.json", older)
    write_json(Path(folder) / "bad.json", saved(mini_model, answers={"p-one-1-1": {"status": "ok", "note": ""}}))
    portfolio = read_portfolio(mini_model, [folder], framework="fw-one", skip_invalid=True)
    text = render(mini_model, portfolio, "md")
    text = text.replace(model_version(mini_model), "MODEL_VERSION")
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN_MD.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN_MD.write_text(text, encoding="utf-8")
        pytest.fail("golden portfolio rewritten; review the diff and run the tests again without UPDATE_GOLDEN")
    assert text == GOLDEN_MD.read_text(encoding="utf-8")


def test_older_model_files_are_resumed_and_named(real_model, tmp_path):
    current = write_json(
        tmp_path / "now.json",
        saved(
            real_model,
            system="Pump station twin",
            created="2026-12-01T08:00:00Z",
            guidance={"profiles": [], "framework": None},
        ),
    )
    portfolio = read_portfolio(real_model, [OLDER, current])
    notices = {t.name: t for t in tables(real_model, portfolio)}
    assert [e.path.name for e in portfolio.entries] == ["older-model.json", "now.json"]  # one system, by date
    files = [[c.value for c in row] for row in notices["files"].rows]
    assert files[0][-1].startswith("another model version: ") and files[1][-1] == "this model version"
    text = render(real_model, portfolio, "md")
    assert "## Rejected files and model version notices" in text
    assert f"| {OLDER} | Another model version | Made with model version 1.1+0005adbcaa05; this is" in text
    assert "Reworded since you answered, check again: access-control-3-1." in text
    assert "now.json | Another model version" not in text


def test_every_problem_of_every_file_at_once(mini_model, folder, tmp_path):
    write_json(tmp_path / "portfolio" / "bad.json", saved(mini_model, answers={"p-one-1-1": {"status": "ok"}}))
    (tmp_path / "portfolio" / "bad.csv").write_text("not,a,checklist\n", encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        read_portfolio(mini_model, [folder])
    problems = caught.value.problems
    assert any(
        p.startswith("portfolio/bad.json:") and ": error: the status of 'p-one-1-1' must be one of" in p
        for p in problems
    )
    assert any(p.startswith("portfolio/bad.csv:1") for p in problems)


def test_skip_invalid_reports_the_valid_files_and_lists_the_rejected_first(mini_model, folder, tmp_path):
    write_json(tmp_path / "portfolio" / "bad.json", saved(mini_model, answers={"p-one-1-1": {"status": "ok"}}))
    portfolio = read_portfolio(mini_model, [folder], skip_invalid=True)
    assert [r.path for r in portfolio.rejected] == ["portfolio/bad.json"]
    assert len(portfolio.entries) == 4
    text = render(mini_model, portfolio, "md")
    assert text.index("| portfolio/bad.json | Rejected | portfolio/bad.json:") < text.index("## Systems x practices")


def test_two_files_of_one_system_and_date_are_refused_not_merged(mini_model, folder, tmp_path):
    twin = (tmp_path / "portfolio" / "plant-a-jun.json").read_text(encoding="utf-8")
    (tmp_path / "portfolio" / "plant-a-copy.json").write_text(twin, encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        read_portfolio(mini_model, [folder])
    line = twin.splitlines().index('  "created": "2025-06-10T08:00:00.000Z",') + 1
    assert caught.value.problems == [
        f"portfolio/plant-a-jun.json:{line}:14: error: system 'Plant A' dated 2025-06-10 08:00 is also claimed by "
        "portfolio/plant-a-copy.json: two assessments of one system at one date are not merged; give them "
        "different systems or dates, or leave one out"
    ]


def test_an_empty_folder_and_a_missing_path_are_errors(mini_model, tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("not an assessment", encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        read_portfolio(mini_model, [tmp_path / "empty", tmp_path / "gone"])
    assert caught.value.problems == [
        f"{tmp_path / 'empty'}: error: the folder holds no assessment file (.json, .xlsx, .csv), at any depth",
        f"{tmp_path / 'gone'}: error: no such file or folder",
    ]


def test_xlsx_has_one_sheet_per_table_and_text_as_text(mini_model, folder, tmp_path):
    portfolio = read_portfolio(mini_model, [folder], framework="fw-one")
    (tmp_path / "p.xlsx").write_bytes(render(mini_model, portfolio, "xlsx"))
    book = load_workbook(tmp_path / "p.xlsx")
    assert book.sheetnames == ["systems", "practices", "requirements", "over-time", "files", "scores"]
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # no formula at all, from data or not
    assert book["systems"]["A2"].value == INJECTION and book["systems"]["A2"].data_type == "s"
    assert [c.value for c in book["scores"][2]][4:9] == ["p-one", 2, 0, 2, 0]  # numbers stay numbers


def test_csv_per_table_with_formulas_neutralized(mini_model, folder):
    portfolio = read_portfolio(mini_model, [folder])
    files = render(mini_model, portfolio, "csv")
    assert list(files) == ["systems.csv", "practices.csv", "over-time.csv", "files.csv", "scores.csv"]
    rows = list(csv.reader(io.StringIO(files["systems.csv"])))
    assert rows[1][:2] == ["'" + INJECTION, "2025-02-01 12:00"]
    assert "'" + INJECTION + " (gap 2); Plant A (gap 1)" in files["practices.csv"]
    assert to_csv(portfolio, []) == {}  # no notices, no tables: nothing


def test_escaping_in_html_and_markdown(mini_model, tmp_path):
    folder = tmp_path / "names"
    folder.mkdir()
    for name, system in (("a.json", "<script>alert(1)</script>"), ("b.json", INJECTION)):
        write_json(folder / name, saved(mini_model, system=system, created=f"2025-0{len(name)}-01T00:00:00Z"))
    portfolio = read_portfolio(mini_model, [folder])
    found = tables(mini_model, portfolio)
    page = to_html(mini_model, portfolio, found)
    assert page.count("<script>") == 1  # the sorting script, nothing from the files
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "http://" not in page and "https://" not in page  # no request to another origin
    text = to_markdown(mini_model, portfolio, found)
    assert "<script" not in text and "| &lt;script&gt;alert(1)&lt;/script&gt; |" in text
    assert "| =cmd&#124;' /C calc'!A1 |" in text  # a pipe in a name does not split the table


def test_the_site_build_and_other_commands_do_not_import_pandas(tmp_path):
    script = (
        "import sys\n"
        "import macros.site.build, macros.site.hook, macros.cli.main, macros.assessment.portfolio\n"
        "from macros.cli.main import main\n"
        f"content = {str(tmp_path / 'content')!r}\n"
        "import pathlib; pathlib.Path(content).mkdir()\n"
        f"assert main(['generate', '--out', {str(tmp_path / 'g')!r}, '--data', {str(ROOT / 'tests/fixtures/mini')!r},"
        " '--content', content]) == 0\n"
        "print('pandas' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_a_created_that_is_not_a_date_is_shown_undated_with_what_it_says(mini_model, tmp_path):
    path = write_json(tmp_path / "a.json", saved(mini_model, system="Till 4", created="last spring"))
    portfolio = read_portfolio(mini_model, [path])
    assert portfolio.entries[0].when is None
    files = table(mini_model, portfolio, "files")
    assert files[1][2:4] == ["Till 4 (from the file)", "none in the file (created: last spring)"]
    assert table(mini_model, portfolio, "systems")[1][:2] == ["Till 4", "undated"]
