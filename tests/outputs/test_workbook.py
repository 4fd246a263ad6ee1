"""The assessment workbook: its layout (read back with openpyxl), text that stays text, identical
bytes for identical input, and its formulas against the shared scoring vectors in LibreOffice."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from macros.data.loader import load, load_model
from macros.outputs import checklists
from macros.outputs.export import NOTICE, model_version
from macros.outputs.workbook import SUMMARY_HEADERS, TARGET_HEADERS, build_time, workbook_bytes
from macros.rules import scoring
from macros.rules.selection import GENERAL, Selection, select
from tests.conftest import MINI, ROOT, SHIFTED_CLOCK, edit
from tests.support.office import NEEDS_LIBREOFFICE, recalculate

VECTORS = load(ROOT / "data").parts["scoring-vectors"]


def variant(model, variant_id: str) -> Selection:
    return next(v for v in checklists.published(model) if v.id == variant_id)


def build(model, variant_id: str = GENERAL, practice_ids=None) -> bytes:
    ids = [p.id for p in model.practices] if practice_ids is None else practice_ids
    return workbook_bytes(model, variant(model, variant_id), ids)


def read(content: bytes, **options) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(content), **options)


def header(sheet) -> list:
    return [cell.value for cell in sheet[1]]


def validation(sheet, column: str):
    """The one data validation whose range starts in `column` row 2."""
    found = [dv for dv in sheet.data_validations.dataValidation if str(dv.sqref).startswith(f"{column}2:")]
    assert len(found) == 1, [str(dv.sqref) for dv in sheet.data_validations.dataValidation]
    return found[0]


def test_sheets_and_headers():
    model = load_model(MINI)
    book = read(build(model, "pos"))
    assert book.sheetnames == ["Targets", "Checklist", "Summary", "About"]
    archetypes = model.profile("pos").archetypes
    assert header(book["Targets"]) == [
        "Practice id",
        "Practice",
        "Target",
        "Justification",
        "In scope",
        *(f"Archetype: {a.name}" for a in archetypes),
    ]
    assert header(book["Checklist"]) == list(checklists.COLUMNS)
    assert header(book["Summary"]) == list(SUMMARY_HEADERS)
    assert SUMMARY_HEADERS[7:] == ("Level 1", "Level 2", "Level 3", "Level 4", "In scope")
    # The general variant has no profile, so no archetype columns.
    assert header(read(build(model))["Targets"]) == ["Practice id", "Practice", "Target", "Justification", "In scope"]


def test_targets_rows_in_model_order_with_archetype_targets():
    model = load_model(MINI)
    sheet = read(build(model, "pos", ["p-two", "p-one"]))["Targets"]
    rows = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
    big_box = next(a for a in model.profile("pos").archetypes if a.id == "big-box")
    assert [row[0] for row in rows] == ["p-one", "p-two"]
    assert [row[2] for row in rows] == [None, None]  # for the user
    assert [row[4] for row in rows] == ["Yes", "Yes"]  # every practice starts in scope
    assert rows[0][6] == big_box.targets["p-one"] == 3


@pytest.mark.parametrize(("variant_id", "practice_ids"), [(GENERAL, ["p-one", "p-two"]), ("pos", ["p-one"])])
def test_one_checklist_row_per_checklist_item(variant_id, practice_ids):
    model = load_model(MINI)
    sheet = read(build(model, variant_id, practice_ids))["Checklist"]
    expected = checklists.rows(model, practice_ids, variant(model, variant_id))
    written = [tuple("" if v is None else v for v in row) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert written == [row.cells() for row in expected]
    assert variant_id == GENERAL or any(row.source != "General" for row in expected)


def test_status_target_and_date_validation():
    model = load_model(MINI)
    book = read(build(model))
    count = len(checklists.rows(model, ["p-one", "p-two"], select(model, ())))
    status = validation(book["Checklist"], "J")
    assert (status.type, status.formula1, str(status.sqref)) == (
        "list",
        '"Met,Partly met,Not met,Not applicable"',
        f"J2:J{count + 1}",
    )
    assert status.allow_blank
    assert validation(book["Checklist"], "M").type == "date"
    target = validation(book["Targets"], "C")
    assert (target.type, target.formula1, str(target.sqref)) == ("list", '"0,1,2,3,4"', "C2:C3")
    assert target.prompt and target.error and target.showErrorMessage
    scope = validation(book["Targets"], "E")
    assert (scope.type, scope.formula1, str(scope.sqref)) == ("list", '"Yes,No"', "E2:E3")


def test_frozen_header_autofilter_and_print_setup():
    model = load_model(MINI)
    sheet = read(build(model))["Checklist"]
    count = len(checklists.rows(model, ["p-one", "p-two"], select(model, ())))
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:N{count + 1}"
    assert sheet.page_setup.orientation == "landscape"
    # Fit to one page wide, any number of pages tall (width 1 is the default, so may be omitted).
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight == 0
    assert sheet.print_title_rows == "$1:$1"
    assert sheet["E2"].alignment.wrap_text and not sheet["C2"].alignment.wrap_text


def chart_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
        assert len(charts) == 1, charts
        return archive.read(charts[0]).decode("utf-8")


def test_chart_is_a_radar_from_three_practices(real_model):
    assert len(real_model.practices) >= 3
    chart = chart_xml(build(real_model))
    assert "<c:radarChart>" in chart and "Target and achieved level per practice" in chart
    assert "Summary!$C$2:$C$" in chart and "Summary!$D$2:$D$" in chart


def test_three_practices_are_a_radar_with_its_0_4_scale_and_two_are_bars(real_model):
    """The boundary: a radar needs three spokes. Its value axis (0-4, step 1) is the radar's, a bar chart's
    the horizontal one."""
    ids = [p.id for p in real_model.practices]
    radar, bars = chart_xml(build(real_model, GENERAL, ids[:3])), chart_xml(build(real_model, GENERAL, ids[:2]))
    assert "<c:radarChart>" in radar and "Summary!$C$2:$C$4" in radar
    assert "<c:barChart>" in bars and "<c:radarChart>" not in bars and "Summary!$C$2:$C$3" in bars
    for chart in (radar, bars):
        (values,) = re.findall(r"<c:valAx>.*?</c:valAx>", chart, re.S)
        assert '<c:max val="4"/>' in values and '<c:min val="0"/>' in values and '<c:majorUnit val="1"/>' in values


def test_a_workbook_of_no_practice_or_an_unknown_one_is_refused(real_model):
    for asked in ([], ["access-control", "no-such-practice"]):
        with pytest.raises(ValueError) as refused:
            build(real_model, GENERAL, asked)
        assert str(refused.value) == f"a workbook needs practices of the model, got {sorted(asked)}"


def test_the_build_time_is_the_epoch_in_utc_whatever_the_local_time_zone(monkeypatch):
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
        assert build_time() == datetime(1970, 1, 1)
        monkeypatch.setenv("SOURCE_DATE_EPOCH", " ")
        assert build_time() == datetime(1980, 1, 1)
        monkeypatch.delenv("SOURCE_DATE_EPOCH")
        assert build_time() == datetime(1980, 1, 1)
    finally:
        monkeypatch.undo()
        time.tzset()


def test_chart_is_a_bar_chart_below_three_practices():
    chart = chart_xml(build(load_model(MINI)))
    assert "<c:barChart>" in chart and "<c:radarChart>" not in chart
    assert '<c:grouping val="clustered"/>' in chart


def test_about(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    model = load_model(MINI)
    about = dict(read(build(model, "pos"))["About"].values)
    assert list(about) == [
        "Title",
        "Model version",
        "Variant",
        "Practices",
        "Generated",
        "Scoring rule",
        "Statuses",
        "Notice",
    ]
    assert (about["Model version"], about["Variant"], about["Practices"]) == (
        model_version(model),
        "pos",
        "p-one, p-two",
    )
    assert about["Generated"] == "2023-11-14"
    assert "partly met does not count as met" in about["Scoring rule"]
    assert about["Notice"] == NOTICE
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert dict(read(build(model))["About"].values)["Generated"] == "1980-01-01"


def test_summary_is_formulas_without_cached_results():
    book = read(build(load_model(MINI)), data_only=True)
    # Without a spreadsheet to compute them, every formula cell has no value: nothing precomputed.
    assert [list(row) for row in book["Summary"].iter_rows(min_row=2, min_col=3, values_only=True)] == [[None] * 10] * 2
    formulas = read(build(load_model(MINI)))["Summary"]
    assert all(str(cell.value).startswith("=") for row in formulas.iter_rows(min_row=2, min_col=3) for cell in row)
    target = "INDEX(Targets!$C:$C,MATCH($A2,Targets!$A:$A,0))"  # by practice id, not by row
    # The cell's text, blanks trimmed, must be one of the whole numbers 0-4 the report reads; else no target.
    assert formulas["C2"].value.startswith("=IFERROR(INDEX({0,0,1,1,2,2,3,3,4,4},MATCH(LOWER(TRIM(SUBSTITUTE(")
    assert f"{target},CHAR(9)" in formulas["C2"].value
    assert formulas["C2"].value.endswith(',{"0","0.0","1","1.0","2","2.0","3","3.0","4","4.0"},0)),"")')


def test_formulas_fit_excel_limits(real_model):
    """Excel refuses a formula over 8,192 characters or with more than 64 nested functions."""
    book = read(build(real_model))
    formulas = [str(c.value) for row in book["Summary"].iter_rows(min_row=2, min_col=3) for c in row]
    formulas += [
        rule.formula[0]
        for name in ("Targets", "Checklist")
        for found in book[name].conditional_formatting
        for rule in found.rules
    ]
    assert formulas and max(len(f) for f in formulas) <= 8192

    def depth(formula: str) -> int:
        deepest = level = 0
        for char in re.sub(r'"[^"]*"', "", formula):
            level += {"(": 1, ")": -1}.get(char, 0)
            deepest = max(deepest, level)
        return deepest

    assert max(depth(f) for f in formulas) <= 64


def test_refused_values_are_flagged_where_they_are_typed():
    book = read(build(load_model(MINI)))
    found = {
        (name, str(cf.sqref)): [(rule.type, rule.dxf.fill.fgColor.rgb if rule.dxf.fill else None) for rule in cf.rules]
        for name in ("Targets", "Checklist")
        for cf in book[name].conditional_formatting
    }
    flagged = [("expression", found[key][0][1]) for key in found]
    assert set(found) == {("Targets", "C2:C3"), ("Targets", "E2:E3"), ("Checklist", "J2:J25")}
    assert all(rules == flagged[:1] for rules in found.values()) and flagged[0][1] is not None


@pytest.mark.parametrize("text", ["=1+2", "+1+2", "-1+2", "@SUM(A1)"])
def test_text_that_looks_like_a_formula_stays_text(mini, text):
    edit(
        mini / "practices" / "p-one.yaml",
        "text: A named clerk owns the terminal inventory.",
        f"text: {json.dumps(text)}",
    )
    sheet = read(build(load_model(mini)))["Checklist"]
    cell = sheet["E2"]
    assert (cell.value, cell.data_type) == (text, "s")


def test_same_bytes_twice_with_fixed_zip_dates(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    model = load_model(MINI)
    first = build(model, "pos")
    assert first == build(model, "pos")
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert "<dcterms:created" in archive.read("docProps/core.xml").decode() and "1980-01-01T00:00:00Z" in (
            archive.read("docProps/core.xml").decode()
        )


def test_same_bytes_across_processes_and_days(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    outputs = []
    for shift in ("0", "400"):
        out = tmp_path / f"workbook-{shift}.xlsx"
        launcher = [str(SHIFTED_CLOCK), shift, "-m"]
        command = [sys.executable, *launcher, "tests.outputs.test_workbook", str(MINI), str(out)]
        environment = {"TZ": "Asia/Kolkata" if shift != "0" else "UTC", "PYTHONPATH": str(ROOT)}
        subprocess.run(command, cwd=ROOT, check=True, capture_output=True, env=environment)
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == build(load_model(MINI), "pos")


# The formulas against the shared vectors, computed by a real spreadsheet engine.


def data_with(tmp_path: Path, practices: dict[str, dict[int, int]]) -> Path:
    """The mini data with these practices besides its own, each level with the given number of items.

    The practice schema asks for 3-6 indicators a level, but vectors have 1-3 items: this copy's
    schema allows one, since what is tested here is the formulas, not the data rules."""
    data = tmp_path / "data"
    shutil.copytree(MINI, data)  # follows the schema symlink, so the copy can be edited
    edit(data / "schema" / "practice.schema.json", '"minItems": 3', '"minItems": 1')
    # Every archetype of every profile gives every practice a target: after its last one, p-two.
    added = "".join(f"      {practice_id}: {{level: 1, why: Test.}}\n" for practice_id in practices)
    for archetypes in sorted((data / "profiles").glob("*/archetypes.yaml")):
        text = archetypes.read_text(encoding="utf-8")
        text = re.sub(r"^      p-two: .*\n", lambda found: found.group(0) + added, text, flags=re.M)
        archetypes.write_text(text, encoding="utf-8")
    for order, (practice_id, counts) in enumerate(practices.items(), start=10):
        levels = ""
        for level, count in counts.items():
            levels += f"  {level}:\n    objective: Objective.\n    considerations: Considerations.\n    indicators:\n"
            for n in range(1, count + 1):
                levels += f"      - {{id: {practice_id}-{level}-{n}, text: Item {n}., pass: Pass {n}., evidence: E.}}\n"
        (data / "practices" / f"{practice_id}.yaml").write_text(
            "# yaml-language-server: $schema=../schema/practice.schema.json\n"
            f"id: {practice_id}\nname: Practice {practice_id}\ndomain: first-domain\nsubdomain: sub-a\n"
            f"order: {order}\nobjective: O.\ndescription: D.\nabsence: A.\nexample: E.\n"
            f"pitfalls: [One., Two.]\nrelated: [p-one]\nlevels:\n{levels}",
            encoding="utf-8",
        )
    return data


def vector_data(tmp_path: Path) -> tuple[Path, dict[str, dict]]:
    """The mini data with one practice per vector whose levels have exactly the vector's items."""
    practices = {f"v-{vector['id']}": vector for vector in VECTORS}
    counts = {pid: {int(level): len(s) for level, s in v["levels"].items()} for pid, v in practices.items()}
    return data_with(tmp_path, counts), practices


def filled_with_vectors(tmp_path: Path):
    """A workbook of one practice per scoring vector, with its targets and statuses filled in as a
    user would, saved, and its Summary as LibreOffice recalculates it."""
    data, practices = vector_data(tmp_path)
    model = load_model(data)
    book = read(build(model, GENERAL, list(practices)))
    for row in book["Targets"].iter_rows(min_row=2):
        target = practices[row[0].value]["target"]
        if target is not None:
            row[2].value = target
        if not practices[row[0].value].get("in_scope", True):
            row[4].value = "No"
    pending = {pid: {level: list(s) for level, s in v["levels"].items()} for pid, v in practices.items()}
    for row in book["Checklist"].iter_rows(min_row=2):
        status = pending[row[0].value][str(row[2].value)].pop(0)
        row[9].value = scoring.LABELS[status] or None
    assert all(not left for levels in pending.values() for left in levels.values())
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    summary = read(recalculate(filled, tmp_path).read_bytes(), data_only=True)["Summary"]
    return model, practices, filled, summary


@NEEDS_LIBREOFFICE
def test_formulas_match_the_scoring_vectors_in_libreoffice(tmp_path):
    _, practices, _, summary = filled_with_vectors(tmp_path)
    wrong = []
    for row in summary.iter_rows(min_row=2, values_only=True):
        vector = practices[row[0]]
        expected = vector["expected"]
        # A blank Over target cell where there is no gap (no target, out of scope, nothing answered) is the
        # rule's over of 0 (the contract shows it blank); a blank beside a gap is wrong.
        over = row[5] if row[5] not in (None, "") else (0 if row[4] in (None, "") else None)
        states = row[7:11]
        # Provisional is not a column, but follows from the level states: the next level is not assessed.
        provisional = row[3] < 4 and states[row[3]] == scoring.UNASSESSED
        got = {"achieved": row[3], "gap": row[4] if row[4] != "" else None, "over": over, "assessed": row[6]}
        got["provisional"] = provisional
        want = {key: expected[key] for key in got}
        levels = {int(level): statuses for level, statuses in vector["levels"].items()}
        rule_states = tuple(scoring.score(levels).states.values())
        targets = (None, "") if vector["target"] is None else (vector["target"],)
        in_scope = vector.get("in_scope", True)
        if row[11] is not in_scope:
            wrong.append(f"{vector['id']}: In scope is {row[11]!r}, expected {in_scope}")
        if got != want or states != rule_states or row[2] not in targets or not isinstance(row[6], bool):
            wrong.append(f"{vector['id']}: got {got}, {states}, target {row[2]!r}; expected {want}, {rule_states}")
    assert summary.max_row == len(VECTORS) + 1
    assert not wrong, "\n".join(wrong)


@NEEDS_LIBREOFFICE
def test_recalculated_workbook_and_smm_guide_report_agree(tmp_path):
    """The same answers give the same achieved levels and gaps in the spreadsheet and in the report."""
    from macros.assessment.report import read_workbook, score_all, validate

    model, _, filled, summary = filled_with_vectors(tmp_path)
    spreadsheet = {
        row[0]: (row[3], None if row[4] in (None, "") else row[4], row[11])
        for row in summary.iter_rows(min_row=2, values_only=True)
    }
    assessment = validate(model, read_workbook(filled, filled.read_bytes()), filled)
    report = {r.practice.id: (r.score.achieved, r.score.gap, r.score.in_scope) for r in score_all(model, assessment)}
    assert report == spreadsheet
    assert len(report) == len(VECTORS)


if __name__ == "__main__":
    # For the cross-process test: python tests/shifted_clock.py DAYS -m tests.test_workbook DATA OUT
    Path(sys.argv[2]).write_bytes(build(load_model(sys.argv[1]), "pos"))


@NEEDS_LIBREOFFICE
def test_the_first_and_the_last_checklist_row_each_count_in_libreoffice(tmp_path):
    """Every item met but the first and the last: the summary's ranges must reach both ends."""
    model = load_model(MINI)
    book = read(build(model))
    rows = list(book["Checklist"].iter_rows(min_row=2))
    first, last = rows[0], rows[-1]
    assert (first[0].value, last[0].value) == ("p-one", "p-two") and last[2].value == 4
    for row in rows:
        row[9].value = scoring.LABELS[scoring.MET]
    first[9].value = last[9].value = scoring.LABELS[scoring.NOT_MET]
    for row in book["Targets"].iter_rows(min_row=2):
        row[2].value = 4
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    summary = read(recalculate(filled, tmp_path).read_bytes(), data_only=True)["Summary"]
    got = {row[0]: row[3:5] + row[7:11] for row in summary.iter_rows(min_row=2, values_only=True)}
    reached, not_reached = scoring.REACHED, scoring.NOT_REACHED
    assert got == {
        # The first row is p-one's first level 1 item: level 1 is not reached, nothing is achieved.
        "p-one": (0, 4, not_reached, reached, reached, reached),
        # The last row is p-two's last level 4 item.
        "p-two": (3, 1, reached, reached, reached, not_reached),
    }


def test_an_archetype_target_of_0_is_written_not_left_blank():
    model = load_model(MINI)
    sheet = read(build(model, "pos"))["Targets"]
    headers = [cell.value for cell in sheet[1]]
    column = headers.index("Archetype: Corner shop")
    targets = {row[0]: row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert targets == {"p-one": 1, "p-two": 0}


GOLDEN_WORKBOOKS = ROOT / "tests" / "golden" / "workbook"


def readable_parts(content: bytes) -> str:
    """The XML parts of a workbook, indented one element a line, so a change shows as a readable diff.
    The theme is XlsxWriter's own, the same in every workbook."""
    from xml.dom import minidom

    parts = []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in sorted(archive.namelist()):
            if name != "xl/theme/theme1.xml":
                xml = minidom.parseString(archive.read(name)).toprettyxml(indent=" ")
                parts.append(f"=== {name}\n{xml}")
    return "".join(parts)


@pytest.mark.parametrize(
    ("variant_id", "practice_ids", "name"),
    [
        ("pos", None, "pos-all.txt"),
        # One practice, as each practice's download is, and no archetype columns: every range of one row.
        (GENERAL, ["p-one"], "general-p-one.txt"),
    ],
)
def test_golden_workbook(monkeypatch, variant_id, practice_ids, name):
    """Every sheet, cell, formula, validation message, format and chart of a workbook of the fixture;
    UPDATE_GOLDEN=1 rewrites the expected files (review the diff, as for the golden pages)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    text = readable_parts(build(load_model(MINI), variant_id, practice_ids))
    golden = GOLDEN_WORKBOOKS / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
        pytest.fail("golden workbook rewritten; review the diff and run the tests again without UPDATE_GOLDEN")
    assert text == golden.read_text(encoding="utf-8")


# What people really type: values the report reads (and the recalculated Summary must count the same way), and
# values it refuses (which the sheet flags and the Summary does not count). Each case is one practice of two
# items a level: its Target and In scope cells (None: as made), its statuses level by level, and the items (level,
# number) whose rows are deleted; a refused case names instead the column of the cell refused.
MET, NBSP = scoring.LABELS[scoring.MET], "\u00a0"
ALL_MET = {level: [MET, MET] for level in (1, 2, 3, 4)}
TYPED = {
    "trailing space": (4, None, {level: ["Met ", "Met "] for level in (1, 2, 3, 4)}, ()),
    "no-break space": (3, None, {level: [f"Met{NBSP}", f"{NBSP}Met"] for level in (1, 2, 3, 4)}, ()),
    "ids in lower case": (4, None, {1: ["met", "na"], 2: ["met", "met"], 3: ["partly", "met"], 4: ["met", "met"]}, ()),
    "ids in upper case": (4, None, {1: ["MET", "Met"], 2: ["NOT-MET", "met"], 3: ["Met", "Met"]}, ()),
    "not applicable typed": (4, None, {1: [f"Not{NBSP}applicable", "Met"], 2: ["NA", "na"], 3: ["Met"] * 2}, ()),
    "blanks inside": (4, None, {1: ["\tmet\n", "met"], 2: ["partly  met", "Met"], 3: ["Not\u202fmet", "Met"]}, ()),
    "other unicode blanks": (2, None, {1: ["\u3000Met", "Met\u2003"], 2: ["Met\u2028", "Met"]}, ()),
    "only blanks": (2, None, {1: ["Met", NBSP], 2: [" ", "Met"]}, ()),
    "row deleted": (4, None, ALL_MET, ((2, 1),)),
    "level's rows deleted": (4, None, ALL_MET, ((1, 1), (1, 2))),
    "target as text": (" 3 ", None, {1: [MET, MET], 2: [MET, MET]}, ()),
    "target 2.0 as text, out of scope typed": ("2.0", f" no{NBSP}", ALL_MET, ()),
    "in scope typed": (1, "YES ", {1: ["Met", "Met"]}, ()),
}
# Each refused case: the column its refused cell is in (Target, In scope, or the status of its first item).
REFUSED = {
    "target 2.5": (2.5, None, ALL_MET, "Target"),
    "target 5": (5, None, ALL_MET, "Target"),
    "target -1": (-1, None, ALL_MET, "Target"),
    "target 2.5 as text": ("2.5", None, ALL_MET, "Target"),
    "target in words": ("two", None, ALL_MET, "Target"),
    "status misspelt": (4, None, {1: ["Mett", "Met"], 2: [MET, MET]}, "Status"),
    "status Yes": (4, None, {1: ["Yes", "Met"], 2: [MET, MET]}, "Status"),
    "in scope maybe": (2, "maybe", ALL_MET, "In scope"),
}


def case_id(name: str) -> str:
    return "c-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def filled(model, cases: dict[str, tuple], path: Path) -> dict[str, str]:
    """The workbook of the cases' practices filled in, saved at `path`; the cell each case refuses, if any."""
    ids = {case_id(name): value for name, value in cases.items()}
    book = read(build(model, GENERAL, list(ids)))
    refused = {}
    for row in book["Targets"].iter_rows(min_row=2):
        target, scope, _, where = ids[row[0].value]
        row[2].value, row[4].value = target, scope if scope is not None else row[4].value
        for col in (2, 4):
            if where == TARGET_HEADERS[col]:
                refused[row[0].value] = f"Targets!{row[col].coordinate}"
    sheet = book["Checklist"]
    for row in reversed(list(sheet.iter_rows(min_row=2))):  # from the bottom, so deleting keeps the rows above
        practice, level, n = row[0].value, row[2].value, int(row[3].value.rsplit("-", 1)[1])
        _, _, statuses, deleted = ids[practice]
        if isinstance(deleted, tuple) and (level, n) in deleted:
            sheet.delete_rows(row[0].row)
            continue
        typed = statuses.get(level, [])
        row[9].value = typed[n - 1] if n <= len(typed) else None
        if deleted == "Status" and (level, n) == (1, 1):
            refused[practice] = f"Checklist!{row[9].coordinate}"
    book.save(path)
    return refused


def flags(book) -> list[str]:
    """The cells the sheets' conditional formats mark, as LibreOffice evaluates each rule's formula for each
    cell of its range (a Flags sheet of one formula per cell, its reference moved to that cell)."""
    probe, cells = book.create_sheet("Flags"), []
    for name in ("Targets", "Checklist"):
        for found in book[name].conditional_formatting:
            for rule in found.rules:
                for cell_range in found.sqref.ranges:
                    column, first = cell_range.min_col, cell_range.min_row
                    letter = openpyxl.utils.get_column_letter(column)
                    for number in range(first, cell_range.max_row + 1):
                        at = f"{name}!{letter}{number}"
                        moved = re.sub(rf"(?<![A-Z$]){letter}{first}(?!\d)", at, rule.formula[0])
                        probe.cell(len(cells) + 1, 1, f"={moved}")
                        cells.append(at)
    return cells


def summary_of(sheet) -> dict[str, tuple]:
    """Each practice's target, achieved level, gap, over target, assessed, level states and in scope."""

    def blank(value):
        return None if value in (None, "") else value

    return {
        row[0]: (blank(row[2]), row[3], blank(row[4]), blank(row[5]) or 0, row[6], tuple(row[7:11]), row[11])
        for row in sheet.iter_rows(min_row=2, values_only=True)
    }


def report_of(model, path: Path) -> dict[str, tuple]:
    from macros.assessment.report import read_workbook, score_all, validate

    assessment = validate(model, read_workbook(path, path.read_bytes()), path)
    return {
        r.practice.id: (
            r.score.target,
            r.score.achieved,
            r.score.gap,
            r.score.over,
            r.score.assessed,
            tuple(r.score.states.values()),
            r.score.in_scope,
        )
        for r in score_all(model, assessment)
    }


@NEEDS_LIBREOFFICE
def test_hand_typed_values_count_the_same_in_the_recalculated_workbook_and_the_report(tmp_path):
    """Read values count alike; a refused value is flagged in its sheet and counted as blank, and the report
    refuses the file naming that cell."""
    from macros.assessment.report import ReportError

    counts = {case_id(name): {level: 2 for level in (1, 2, 3, 4)} for name in (*TYPED, *REFUSED)}
    model = load_model(data_with(tmp_path, counts))
    typed, refused = tmp_path / "typed.xlsx", tmp_path / "refused.xlsx"
    assert filled(model, TYPED, typed) == {}
    refused_cells = filled(model, REFUSED, refused)
    assert len(refused_cells) == len(REFUSED)
    probed, folder = {}, tmp_path / "probed"
    folder.mkdir()
    for path in (typed, refused):
        book = read(path.read_bytes())
        probed[path.name] = flags(book)
        book.save(folder / path.name)
    recalculate(folder / typed.name, tmp_path, folder / refused.name)
    recalculated = {p.name: read(p.read_bytes(), data_only=True) for p in (tmp_path / "recalculated").iterdir()}

    # Every value the report reads: the same target, level, gap, over target, assessed, states and scope.
    workbook = summary_of(recalculated[typed.name]["Summary"])
    report = report_of(model, typed)
    wrong = [
        f"{name}: workbook {workbook[case_id(name)]}, report {report[case_id(name)]}"
        for name in TYPED
        if workbook[case_id(name)] != report[case_id(name)]
    ]
    assert not wrong, "\n".join(wrong)
    assert report[case_id("row deleted")][1:3] == (1, 3)  # the deleted item is unanswered, not met
    assert report[case_id("trailing space")][1:3] == (4, 0)

    # Every refused value: the report names its cell; the workbook flags it and counts it as the blank it is to
    # the report once cleared (no target, no status, in scope).
    with pytest.raises(ReportError) as refusal:
        report_of(model, refused)
    named = {cell for cell in refused_cells.values() if any(f" {cell}: " in p for p in refusal.value.problems)}
    assert named == set(refused_cells.values()) and len(refusal.value.problems) == len(REFUSED)
    for path in (typed, refused):
        book = recalculated[path.name]
        marked = {
            at
            for at, (value,) in zip(probed[path.name], book["Flags"].iter_rows(values_only=True), strict=True)
            if value
        }
        assert all(isinstance(value, bool) for (value,) in book["Flags"].iter_rows(values_only=True))
        assert marked == (set(refused_cells.values()) if path is refused else set())
    book = read(refused.read_bytes())
    for cell in refused_cells.values():
        sheet, ref = cell.split("!")
        book[sheet][ref].value = None
    cleared = tmp_path / "cleared.xlsx"
    book.save(cleared)
    assert summary_of(recalculated[refused.name]["Summary"]) == report_of(model, cleared)
    no_target = summary_of(recalculated[refused.name]["Summary"])[case_id("target 2.5")]
    assert no_target[0] is None and no_target[2] is None  # no gap computed from 2.5
