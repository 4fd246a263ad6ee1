"""`smm-guide report`: scores, gaps and next steps from an assessment workbook, a checklist CSV or
the JSON that the self-assessment page exports.

The workbooks here are built with openpyxl following the workbook contract (sheets Targets,
Checklist, Summary, About), so these tests do not depend on macros/workbook.py. The JSON files are
built from the fixture model as the page's exportData writes them, so they never go stale.
"""

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from macros.assessment.report import (
    SAY,
    read_csv,
    read_json,
    read_workbook,
    score_all,
    validate,
    validate_json,
)
from macros.cli.main import main
from macros.data.loader import load_model
from macros.outputs import checklists
from macros.outputs.assessment_file import FORMAT, MAX_BYTES, VERSION
from macros.outputs.export import model_version
from macros.rules import scoring
from macros.rules.selection import select
from tests.conftest import MINI, ROOT

GOLDEN = ROOT / "tests" / "golden" / "reports"
# Not *.md: tests/outputs/test_pages.py owns every *.md under tests/golden.
GOLDEN_SAMPLE = GOLDEN / "mini-sample.markdown"
STATUS = checklists.COLUMNS.index("Status")
NOTES = checklists.COLUMNS.index("Notes")

# The filled sample: p-one reaches level 1 only (level 2 has a partly met and a not met item), with
# a level 3 answer that does not count yet and one item missing from the file; p-two has no target.
SAMPLE_STATUSES = {
    "p-one-1-1": "Met",
    "p-one-1-2": "Met",
    "p-one-1-3": "met",
    "pos-p-one-1-1": "Met",
    "pos-p-one-1-2": "Not applicable",
    "p-one-2-1": "Met",
    "p-one-2-2": "Partly met",
    "pos-p-one-2-1": "Not met",
    "pos-p-one-2-2": "Met",
    "p-one-3-1": "Met",
    **{f"p-two-{level}-{n}": "Met" for level in (1, 2, 3) for n in (1, 2, 3)},
    "p-two-3-2": "Not applicable",
}
SAMPLE_NOTES = {"p-one-2-2": "Log *missing* for March | see [ticket]", "pos-p-one-2-1": "Owner: store ops"}


@pytest.fixture(scope="module")
def mini_model():
    return load_model(MINI)


def write_workbook(
    path,
    model,
    *,
    variant="pos",
    practices=None,
    statuses=None,
    targets=None,
    notes=None,
    about=None,
    drop=(),
    skip=(),
    extra=(),
    headers=None,
):
    """A workbook as the contract describes it; `drop` removes sheets, `skip` checklist items,
    `extra` appends checklist rows, `about` overrides About values, `headers` renames Checklist headers."""
    practices = practices or [p.id for p in model.practices]
    chosen = next(v for v in checklists.published(model) if v.id == variant)
    statuses, targets, notes = statuses or {}, targets or {}, notes or {}
    book = Workbook()
    sheet = book.active
    sheet.title = "Targets"
    archetypes = [a for pid in chosen.profiles for a in model.profile(pid).archetypes]
    sheet.append(["Practice id", "Practice", "Target", "Justification", *[f"Archetype: {a.name}" for a in archetypes]])
    for pid in practices:
        sheet.append([pid, model.practice(pid).name, targets.get(pid), None, *[a.targets.get(pid) for a in archetypes]])
    sheet = book.create_sheet("Checklist")
    sheet.append([(headers or {}).get(c, c) for c in checklists.COLUMNS])
    for row in checklists.rows(model, practices, chosen):
        if row.item not in skip:
            cells = list(row.cells())
            cells[STATUS], cells[NOTES] = statuses.get(row.item) or None, notes.get(row.item) or None
            sheet.append([c if c != "" else None for c in cells])
    for cells in extra:
        sheet.append(list(cells))
    sheet = book.create_sheet("Summary")
    sheet.append(["Practice id", "Practice", "Target", "Achieved", "Gap", "Over target", "Assessed"])
    for pid in practices:
        sheet.append([pid, model.practice(pid).name, "=Targets!C2"])
    sheet = book.create_sheet("About")
    values = {
        "Title": "Self-assessment",
        "Model version": model_version(model),
        "Variant": variant,
        "Practices": ", ".join(practices),
        "Generated": "1980-01-01",
        "Scoring rule": "see scoring.py",
        "Statuses": "Met, Partly met, Not met, Not applicable",
        "Notice": "Independent.",
        **(about or {}),
    }
    for label, value in values.items():
        sheet.append([label, value])
    for name in drop:
        del book[name]
    book.save(path)
    return path


def checklist_row(model, item, variant="pos"):
    """The 1-based row of `item` on the Checklist sheet of a full workbook."""
    chosen = next(v for v in checklists.published(model) if v.id == variant)
    items = [r.item for r in checklists.rows(model, [p.id for p in model.practices], chosen)]
    return items.index(item) + 2


def run_report(capsys, *args, data=MINI):
    code = main(["report", *map(str, args), "--data", str(data)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def failing(capsys, path, data=MINI):
    code, out, err = run_report(capsys, path, data=data)
    assert code == 1
    assert out == ""
    return err


def sample_workbook(path: Path, model) -> Path:
    """The filled sample: the sample answers and notes, a target for p-one, one row left out."""
    return write_workbook(
        path, model, statuses=SAMPLE_STATUSES, targets={"p-one": 3}, notes=SAMPLE_NOTES, skip={"pos-p-one-4-2"}
    )


def test_golden_report(tmp_path, mini_model, capsys):
    """The Markdown report of the filled sample; UPDATE_GOLDEN=1 rewrites it, and the test then fails."""
    book = sample_workbook(tmp_path / "sample.xlsx", mini_model)
    out = tmp_path / "report.md"
    code, stdout, _ = run_report(capsys, book, "--out", out)
    assert (code, stdout) == (0, f"wrote {out}\n")
    # The model version changes with any data or export change: the golden names it once, by placeholder.
    text = out.read_text(encoding="utf-8").replace(model_version(mini_model), "MODEL_VERSION")
    assert "Model version: MODEL_VERSION." in text
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        GOLDEN_SAMPLE.write_text(text, encoding="utf-8")
        pytest.fail("golden report rewritten; review the diff and run the tests again without UPDATE_GOLDEN")
    assert text == GOLDEN_SAMPLE.read_text(encoding="utf-8")


def test_sample_scores_and_sections(tmp_path, mini_model, capsys):
    book = sample_workbook(tmp_path / "s.xlsx", mini_model)
    code, text, _ = run_report(capsys, book)
    assert code == 0
    assert "| Practice One (p-one) | 3 | 1 | 2 | 0 | no |" in text
    assert "| Practice Two (p-two) | – | 3 | – | – | yes |" in text
    assert (
        "| p-one-2-2 | 2 | General |" in text
        and "| Partly met | Log \\*missing\\* for March &#124; see \\[ticket\\] |" in text
    )
    assert "| p-one-2-3 | 2 | General | Spare pin pads sit in a locked cupboard. | Not assessed |  |" in text
    assert "### Open profile considerations up to level 3" in text
    assert "| pos-p-one-3-2 | 3 | POS |" in text  # open, below the target
    assert "pos-p-one-4-1" not in text.split("### Items missing")[0].split("## Practice One")[1]  # above the target
    assert "- pos-p-one-4-2 (level 4): Firmware drift is reported monthly." in text
    assert "1 answer(s) at level(s) 3: level 2 is not reached." in text
    assert "- Practice One: target ■■■□ 3; achieved ■□□□ 1" in text  # a bar list: fewer than 3 practices


def test_blank_workbook_gives_a_report_that_nothing_was_assessed(tmp_path, mini_model, capsys):
    code, text, _ = run_report(capsys, write_workbook(tmp_path / "blank.xlsx", mini_model))
    assert code == 0
    assert "Nothing was assessed: no item in the file has a status" in text
    assert "| Practice One (p-one) | – | 0 | – | – | yes |" in text
    assert "Level 1: not assessed; level 2: not assessed; level 3: not assessed; level 4: not assessed." in text


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
    assert f"b.xlsx: {sheet}: the sheet is missing" in err


def test_missing_columns(tmp_path, mini_model, capsys):
    book = write_workbook(tmp_path / "b.xlsx", mini_model, headers={"Status": "State", "Item id": "Id"})
    err = failing(capsys, book)
    assert "b.xlsx: Checklist!1:1: column 'Item id' is missing" in err
    assert "b.xlsx: Checklist!1:1: column 'Status' is missing" in err


def test_workbook_of_another_model_version(tmp_path, mini_model, capsys):
    book = write_workbook(tmp_path / "b.xlsx", mini_model, about={"Model version": "1.0+000000000000"})
    err = failing(capsys, book)
    assert f"About!B2: workbook for model version '1.0+000000000000', data is '{model_version(mini_model)}'" in err


def test_unknown_variant_and_practice_in_about(tmp_path, mini_model, capsys):
    book = write_workbook(tmp_path / "b.xlsx", mini_model, about={"Variant": "dt", "Practices": "p-one, p-nine"})
    err = failing(capsys, book)
    assert "About!B3: unknown variant 'dt'; expected one of: general, pos" in err
    assert "About!B4: unknown practice id 'p-nine'" in err


def test_not_a_workbook_text_renamed(tmp_path, capsys):
    path = tmp_path / "notes.xlsx"
    path.write_text("Practice One: met\n")
    assert f"{path}: not an Excel workbook (.xlsx): the file is not a zip archive" in failing(capsys, path)


def test_not_a_workbook_zip_of_something_else(tmp_path, capsys):
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("photo.txt", "not a spreadsheet")
    assert f"{path}: not an Excel workbook (.xlsx): the zip archive holds no readable workbook" in failing(capsys, path)


def test_missing_file(tmp_path, capsys):
    assert "nothing.xlsx: cannot read the file: No such file or directory" in failing(capsys, tmp_path / "nothing.xlsx")


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


def filled_csv(model, path, statuses, variant="pos"):
    chosen = next(v for v in checklists.published(model) if v.id == variant)
    lines = checklists.to_csv(checklists.rows(model, [p.id for p in model.practices], chosen)).split("\r\n")
    filled = [lines[0]]
    for line in lines[1:]:
        item = line.split(",")[3] if line else ""
        filled.append(line[: -len(",,,,")] + statuses.get(item, "") + ",,,," if item else line)
    path.write_text("\r\n".join(filled), encoding="utf-8")
    return path


def test_csv_gives_the_scores_of_the_equivalent_workbook(tmp_path, mini_model, capsys):
    book = write_workbook(tmp_path / "s.xlsx", mini_model, statuses=SAMPLE_STATUSES, targets={"p-one": 3})
    sheet = filled_csv(mini_model, tmp_path / "s.csv", SAMPLE_STATUSES)
    from_book = score_all(mini_model, validate(mini_model, read_workbook(book, book.read_bytes()), book))
    assessment = validate(mini_model, {"Checklist": read_csv(sheet, sheet.read_bytes())}, sheet)
    from_csv = score_all(mini_model, assessment)
    assert assessment.variant.id == "pos"  # found from the item ids: a CSV does not name its variant
    assert [(r.practice.id, r.score.achieved, r.score.provisional, dict(r.score.states)) for r in from_csv] == [
        (r.practice.id, r.score.achieved, r.score.provisional, dict(r.score.states)) for r in from_book
    ]
    assert all(r.score.gap is None and r.score.target is None for r in from_csv)
    code, text, _ = run_report(capsys, sheet)
    assert code == 0
    assert "A checklist CSV has no targets" in text
    assert "| Practice One (p-one) | – | 1 | – | – | no |" in text


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


def test_unreadable_csv(tmp_path, mini_model, capsys):
    path = filled_csv(mini_model, tmp_path / "latin.csv", {})
    lines = path.read_bytes().split(b"\r\n")
    lines[4] = lines[4][:10] + b"\xe9" + lines[4][10:]
    path.write_bytes(b"\r\n".join(lines))
    assert f"{path}:5: not UTF-8 text (byte 0xe9)" in failing(capsys, path)


def test_html_is_standalone_well_formed_and_escaped(tmp_path, mini_model, capsys):
    notes = {"p-one-1-1": "<script>alert(1)</script>", "p-one-2-2": "<img src=https://example.com/x.png>"}
    book = write_workbook(
        tmp_path / "b.xlsx", mini_model, statuses={"p-one-1-1": "Not met", "p-one-2-2": "Met"}, notes=notes
    )
    code, page, _ = run_report(capsys, book, "--format", "html")
    assert code == 0
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    root = ET.fromstring(page.removeprefix("<!DOCTYPE html>\n"))  # well-formed: it parses as XML
    assert root.find("body/h1").text == "Assessment report"
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script" not in page
    assert "<img" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//|url\(|@import|<link""", page)


def test_radar_chart_for_three_or_more_practices(tmp_path, real_model, capsys):
    practices = [p.id for p in real_model.practices[:3]]
    rows = checklists.rows(real_model, practices, select(real_model, ()))
    statuses = {r.item: "Met" for r in rows if r.level == 1 and r.practice != practices[1]}
    book = write_workbook(
        tmp_path / "r.xlsx",
        real_model,
        variant="general",
        practices=practices,
        statuses=statuses,
        targets={practices[0]: 2, practices[1]: 3},
    )
    code, page, _ = run_report(capsys, book, "--format", "html", data=ROOT / "data")
    assert code == 0
    svg = ET.fromstring(page.removeprefix("<!DOCTYPE html>\n")).find(".//figure/svg")
    assert svg is not None and svg.get("role") == "img"
    labels = [" ".join(t.itertext()) for t in svg.iter("text")]
    names = [real_model.practice(p).name for p in practices]
    assert {"Target", "Achieved", "1", "2", "3", "4"} <= set(labels)
    assert all(any(n.split()[0] in label for label in labels) for n in names)
    assert any("(no target)" in label for label in labels)
    assert len([p for p in svg.iter("polygon") if "stroke-dasharray" in p.attrib]) == 1  # the target series
    assert len(list(svg.iter("polygon"))) == 4 + 2  # the level rings and the two series


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


# --- the JSON the self-assessment page exports


def saved(model, **fields):
    """A saved assessment of `model` as the page's exportData writes it; `fields` replace its parts."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "model_version": model_version(model),
        "created": "2025-03-01T09:30:00.000Z",
        "system": "Store 12 tills",
        "guidance": {"profiles": ["pos"], "framework": None},
        "characterization": {},
        "targets": {},
        "answers": {},
        "levels": {},
        **fields,
    }


def answered(statuses, notes=None):
    """The page's answers for statuses written as in a workbook (SAMPLE_STATUSES)."""
    notes = notes or {}
    return {item: {"status": scoring.status_of(label), "note": notes.get(item, "")} for item, label in statuses.items()}


def write_json(path, data):
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")  # as the page's Export JSON does
    return path


def at(path, value, *, after=False):
    """'file:line:col' where `value` first starts in the file as JSON; `after`: where the value of that key starts."""
    content = path.read_text(encoding="utf-8")
    start = content.index(json.dumps(value))
    start = content.index(": ", start) + 2 if after else start
    line_start = content.rfind("\n", 0, start) + 1
    return f"{path}:{content.count(chr(10), 0, start) + 1}:{start - line_start + 1}"


def from_json(model, path):
    return validate_json(model, read_json(path, path.read_bytes()))


def test_json_gives_the_scores_and_sections_of_the_equivalent_workbook(tmp_path, mini_model, capsys):
    """Same answers, same rule: every practice's score and section is the workbook's."""
    book = write_workbook(
        tmp_path / "s.xlsx", mini_model, statuses=SAMPLE_STATUSES, targets={"p-one": 3}, notes=SAMPLE_NOTES
    )
    targets = {"p-one": {"level": 3, "justification": "Raised by the rule.", "source": "suggested"}}
    path = write_json(
        tmp_path / "s.json", saved(mini_model, targets=targets, answers=answered(SAMPLE_STATUSES, SAMPLE_NOTES))
    )
    assessment = from_json(mini_model, path)
    assert (assessment.kind, assessment.variant.id, assessment.system) == (
        "assessment saved by the self-assessment page",
        "pos",
        "Store 12 tills",
    )
    assert assessment.targets == {"p-one": 3, "p-two": None}

    def scores(results):
        return [(r.practice.id, r.score, r.direct) for r in results]

    from_book = score_all(mini_model, validate(mini_model, read_workbook(book, book.read_bytes()), book))
    assert scores(score_all(mini_model, assessment)) == scores(from_book)
    _, book_text, _ = run_report(capsys, book)
    code, text, _ = run_report(capsys, path)
    assert code == 0

    def body(report):  # from the scores to the end of the practices: the parts the rule decides
        return report[report.index("## Scores") : report.index("## Answers not counted")]

    assert body(text) == body(book_text)
    assert text.startswith(
        "# Assessment report\n\nAssessed system: Store 12 tills\n\n"
        "Source: s.json (assessment saved by the self-assessment page)."
    )
    assert "| Practice One (p-one) | 3 | 1 | 2 | 0 | no |" in text
    assert SAY["assessment saved by the self-assessment page"] in text and SAY["no targets"] not in text
    assert "## Targets set by the assessor" not in text  # the only target is the rule's


def test_json_levels_set_directly_count_instead_of_the_answers(tmp_path, mini_model, capsys):
    every_met = {f"p-two-{level}-{n}": "Met" for level in (1, 2, 3) for n in (1, 2, 3)}  # 3 by the answers
    targets = {
        p: {"level": level, "justification": "", "source": "suggested"} for p, level in (("p-one", 2), ("p-two", 2))
    }
    data = saved(mini_model, targets=targets, answers=answered(every_met), levels={"p-one": 3, "p-two": 1})
    results = {
        r.practice.id: r for r in score_all(mini_model, from_json(mini_model, write_json(tmp_path / "d.json", data)))
    }
    one, two = results["p-one"].score, results["p-two"].score
    # As the page's scoreOf: the set level, its gap and over target, never provisional, assessed.
    assert (one.achieved, one.gap, one.over, one.provisional, one.assessed) == (3, 0, 1, False, True)
    assert (two.achieved, two.gap, two.over, two.provisional) == (1, 1, 0, False)
    assert two.states[3] == scoring.REACHED  # the answers' own states stay, shown apart
    code, text, _ = run_report(capsys, tmp_path / "d.json")
    assert code == 0
    assert "| Practice One (p-one) | 2 | 3 (set directly) | 0 | 1 | no |" in text
    assert "| Practice Two (p-two) | 2 | 1 (set directly) | 1 | 0 | no |" in text
    assert "Level 1 set directly: the item answers do not count for it. By the answers, level 1: reached;" in text
    assert "Nothing was assessed" not in text  # p-one has no answer, but a level
    assert "### Not counted yet" not in text  # no answer counts for a practice set directly
    assert f"{SAY['direct']} p-one, p-two." in text


def test_json_targets_set_by_the_assessor_are_listed_with_their_justification(tmp_path, mini_model, capsys):
    targets = {
        "p-one": {"level": 3, "justification": "Card data *in scope* | see {PCI}", "source": "set"},
        "p-two": {"level": 1, "justification": "Raised by closed loop.", "source": "suggested"},
    }
    code, text, _ = run_report(capsys, write_json(tmp_path / "t.json", saved(mini_model, targets=targets)))
    assert code == 0
    section = text.split("## Targets set by the assessor\n\n")[1].split("\n\n")[0].splitlines()
    assert section == [
        "| Practice | Target | Justification |",
        "|---|---|---|",
        "| Practice One (p-one) | 3 | Card data \\*in scope\\* &#124; see &#123;PCI&#125; |",
    ]
    del targets["p-one"]["source"]  # the page reads a target without a source as set by the assessor
    targets["p-one"]["justification"] = ""
    code, text, _ = run_report(capsys, write_json(tmp_path / "t.json", saved(mini_model, targets=targets)))
    assert "| Practice One (p-one) | 3 | – |" in text


def test_json_answers_to_a_profile_not_chosen_are_not_counted(tmp_path, mini_model, capsys):
    """The page keeps the answers of a profile that is unticked again, and exports them: not an error."""
    answers = answered({"p-one-1-1": "Met", "p-one-1-2": "Met", "p-one-1-3": "Met", "pos-p-one-1-1": "Not met"})
    path = write_json(
        tmp_path / "g.json", saved(mini_model, guidance={"profiles": [], "framework": "fw-one"}, answers=answers)
    )
    assert from_json(mini_model, path).variant.id == "general"
    code, text, _ = run_report(capsys, path)
    assert code == 0
    assert "| Practice One (p-one) | – | 1 | – | – | yes |" in text  # the not met consideration does not count
    assert f"{SAY['elsewhere']} pos-p-one-1-1." in text


def test_json_every_problem_at_once_at_its_line(tmp_path, mini_model, capsys):
    answers = answered({"p-one-1-1": "Met", "p-one-2-1": "Met"})
    answers["p-one-1-1"]["status"], answers["p-one-2-1"]["status"] = "done", "Met"
    path = write_json(tmp_path / "b.json", saved(mini_model, answers=answers, levels={"p-nine": 2}))
    lines = failing(capsys, path).splitlines()
    assert lines == [
        f"{at(path, 'done')}: error: the status of 'p-one-1-1' must be one of: met, partly, not-met, na, "
        'or "" (not assessed)',
        f"{at(path, 'Met')}: error: the status of 'p-one-2-1' must be one of: met, partly, not-met, na, "
        'or "" (not assessed)',
        f"{at(path, 'p-nine')}: error: unknown practice 'p-nine'; did you mean 'p-one'?",
        "3 problem(s) found.",
    ]


def test_json_unknown_ids_and_schema_problems(tmp_path, mini_model, capsys):
    data = saved(
        mini_model,
        guidance={"profiles": ["dt"], "framework": "fw-two"},
        targets={"p-tow": {"level": 5, "justification": "x"}, "p-one": {"level": 2}},
        answers={"p-one-1-9": {"status": "met", "note": ""}, "p-one-1-1": {"status": "met"}},
        extra=True,
    )
    path = write_json(tmp_path / "b.json", data)
    err = failing(capsys, path)
    for expected in [
        f"{at(path, 'dt')}: error: unknown profile 'dt'; expected one of: pos",
        f"{at(path, 'fw-two')}: error: unknown framework 'fw-two'; did you mean 'fw-one'?",
        f"{at(path, 'p-tow')}: error: unknown practice 'p-tow'; did you mean 'p-two'?",
        f"{at(path, 'level', after=True)}: error: the target of 'p-tow' must be at most 4",
        f"{at(path, 'p-one', after=True)}: error: missing required key 'justification' in 'p-one'",
        f"{at(path, 'p-one-1-9')}: error: unknown item 'p-one-1-9'; did you mean 'p-one-1-3'?",
        f"{at(path, 'p-one-1-1', after=True)}: error: missing required key 'note' in 'p-one-1-1'",
        f"{at(path, 'extra')}: error: unknown key 'extra'; allowed keys: format, version,",
    ]:
        assert expected in err
    assert err.endswith("\n8 problem(s) found.\n")


def test_json_of_another_model_version(tmp_path, mini_model, capsys):
    path = write_json(tmp_path / "v.json", saved(mini_model, model_version="1.0+000000000000"))
    assert failing(capsys, path).splitlines() == [
        f"{at(path, '1.0+000000000000')}: error: assessment for model version '1.0+000000000000', data is "
        f"'{model_version(mini_model)}': give --data the data it was made from",
        "1 problem(s) found.",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        # (A trailing comma would do too, but Python 3.13 words and places that error differently.)
        ('{\n  "format" "smm-guide-assessment"\n}\n', "2:12: error: not valid JSON: Expecting ':' delimiter"),
        ("", "1:1: error: not valid JSON: Expecting value"),
        ('{"system": "caf\xe9"}'.encode("latin-1"), "1:16: error: invalid UTF-8 byte 0xe9; save the file as UTF-8"),
        ('{"format": "smm-guide-assessment",\n "version": 2}', "2:13: error: format version 2 is not supported"),
        (
            '{\n  "format": "xlsx"\n}',
            '2:13: error: not a saved assessment: "format" must be "smm-guide-assessment", not',
        ),
        ("[1, 2]", '1:1: error: not a saved assessment: "format" must be "smm-guide-assessment"'),
    ],
)
def test_json_unreadable_or_not_an_assessment(tmp_path, capsys, content, message):
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


def test_json_text_is_escaped_in_markdown_and_html(tmp_path, mini_model, capsys):
    evil = "<script>alert(1)</script> [link](javascript:alert(2)) <img src=https://example.com/x.png>"
    data = saved(
        mini_model,
        system=evil,
        targets={"p-one": {"level": 2, "justification": evil, "source": "set"}},
        answers={"p-one-1-1": {"status": "not-met", "note": evil}},
    )
    path = write_json(tmp_path / "e.json", data)
    code, text, _ = run_report(capsys, path)
    assert code == 0
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt; \\[link\\](javascript:alert(2)) &lt;img src=https://example.com/x.png&gt;"
    assert text.count(escaped) == 3  # the system, the justification and the note
    code, page, _ = run_report(capsys, path, "--format", "html")
    assert code == 0
    root = ET.fromstring(page.removeprefix("<!DOCTYPE html>\n"))  # well-formed
    assert root.find("body/p").text.startswith("Assessed system: <script>alert(1)</script> [link](javascript:")
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 3
    assert not [e.tag for e in root.iter() if e.tag in ("script", "img", "a", "link")]
    assert not [e.attrib for e in root.iter() if {"src", "href", "onerror"} & set(e.attrib)]


def test_json_problems_in_a_real_process(tmp_path, mini_model):
    answers = answered({"p-one-1-1": "Met"})
    answers["p-one-1-1"]["status"] = "yes"
    path = write_json(tmp_path / "bad.json", saved(mini_model, answers=answers, levels={"p-one": 9}))
    result = subprocess.run(
        [sys.executable, "-m", "macros.cli.main", "report", str(path), "--data", str(MINI)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{at(path, 'yes')}: error: the status of 'p-one-1-1' must be one of: met, partly, not-met, na, "
        'or "" (not assessed)',
        f"{at(path, 'p-one', after=True)}: error: the level of 'p-one' must be at most 4",
        "2 problem(s) found.",
    ]
