"""The report in Markdown (a golden sample) and as a standalone HTML page, with text from the file escaped."""

import os
import re
import xml.etree.ElementTree as ET

import pytest

from macros.outputs.export import model_version
from tests.conftest import ROOT
from tests.support.assessments import filled_csv, run_report, sample_workbook, saved, write_json, write_workbook

GOLDEN = ROOT / "tests" / "golden" / "reports"
# Not *.md: tests/outputs/test_pages.py owns every *.md under tests/golden.
GOLDEN_SAMPLE = GOLDEN / "mini-sample.markdown"


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


def _lacking(text):
    """The items the report lists as not applicable without a reason; None without that section."""
    if "## Not applicable without a reason" not in text:
        return None
    section = text.split("## Not applicable without a reason\n\n")[1].split("\n\n## ")[0]
    return [line.split(" ")[1] for line in section.splitlines() if line.startswith("- ")]


def test_not_applicable_answers_without_a_reason_are_listed_in_every_kind_of_file(tmp_path, mini_model, capsys):
    answers = {
        "p-one-1-1": {"status": "na", "note": ""},
        "p-one-1-2": {"status": "na", "note": " \u00a0 "},  # blanks are no reason
        "p-one-1-3": {"status": "na", "note": "No card reader at this store"},
        "p-two-1-1": {"status": "na", "note": ""},  # out of scope: not counted, not listed
        "p-one-2-1": {"status": "not-met", "note": ""},
    }
    data = saved(mini_model, answers=answers, out_of_scope={"p-two": "Not ours"})
    code, text, _ = run_report(capsys, write_json(tmp_path / "a.json", data))
    assert code == 0
    assert _lacking(text) == ["p-one-1-1", "p-one-1-2"]
    assert "- p-one-1-1 (Practice One, level 1): " in text
    assert "These have none; the scores still count them as not applicable:" in text
    # The scores are those of the same answers with their reasons: a reason never changes a score.
    reasons = {item: {**answer, "note": answer["note"].strip() or "Why"} for item, answer in answers.items()}
    with_reasons = saved(mini_model, answers=reasons, out_of_scope={"p-two": "Not ours"})
    code, other, _ = run_report(capsys, write_json(tmp_path / "b.json", with_reasons))
    assert _lacking(other) is None
    assert text.split("## Scores")[1].split("\n\n")[1] == other.split("## Scores")[1].split("\n\n")[1]
    # The same in a checklist CSV and a workbook, whose notes are their Notes column.
    statuses = {"p-one-1-1": "Not applicable", "p-one-1-3": "na", "p-one-2-1": "Met"}
    code, text, _ = run_report(capsys, filled_csv(mini_model, tmp_path / "c.csv", statuses))
    assert _lacking(text) == ["p-one-1-1", "p-one-1-3"]
    notes = {"p-one-1-1": "Card-present only"}
    book = write_workbook(tmp_path / "w.xlsx", mini_model, statuses=statuses, notes=notes)
    code, text, _ = run_report(capsys, book)
    assert code == 0
    assert _lacking(text) == ["p-one-1-3"]
