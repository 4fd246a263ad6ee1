"""Opening a saved assessment made with an earlier model version (macros/assessment/resuming.py).

tests/fixtures/assessments/older-model.json was exported from the data of commit 322defa (before
dt-patch-management-1-2 and dt-asset-change-config-1-3 were retired, and before access-control-3-1 was
reworded): its model version and fingerprints are that model's. One answer, to "old-draft-item-1-1", was
added by hand: an id that no model has, nor data/retired.yaml."""

import json

from macros.assessment.reading import read_json
from macros.assessment.resuming import fingerprints, resume
from macros.assessment.validating_json import validate_json
from macros.data.loader import load_model
from macros.outputs.export import model_version
from tests.conftest import ROOT
from tests.support.assessments import from_json, run_report, saved, write_json

OLDER = ROOT / "tests" / "fixtures" / "assessments" / "older-model.json"


def test_resume_keeps_moves_flags_and_names(real_model):
    data = json.loads(OLDER.read_text(encoding="utf-8"))
    assert data["model_version"] != model_version(real_model)
    found = resume(real_model, data["answers"], data["fingerprints"])
    assert found.answers["access-control-1-1"]["note"] == "Badge system export"  # unchanged: kept
    assert found.moved == (
        ("dt-patch-management-1-2", "dt-patch-management-3-5"),
        ("dt-asset-change-config-1-3", "dt-asset-change-config-2-2"),
    )
    assert found.answers["dt-patch-management-3-5"]["status"] == "met"
    assert "dt-patch-management-1-2" not in found.answers
    assert found.reworded == ("access-control-3-1",)
    assert found.unknown == ("old-draft-item-1-1",)


def test_an_answer_to_the_successor_itself_wins():
    from macros.data.loader import load_model

    model = load_model(ROOT / "data")
    answers = {"dt-patch-management-1-2": {"status": "met"}, "dt-patch-management-3-5": {"status": "not-met"}}
    found = resume(model, answers, {})
    assert found.answers["dt-patch-management-3-5"]["status"] == "not-met" and found.moved == ()


def test_report_of_an_older_export_opens_with_its_notices(real_model, capsys):
    code, text, err = run_report(capsys, OLDER, data=ROOT / "data")
    assert (code, err) == (0, "")
    assert "## Opened from another model version" in text
    assert f"Made with model version {json.loads(OLDER.read_text())['model_version']}; this is " in text
    assert "dt-patch-management-1-2 → dt-patch-management-3-5" in text
    assert "Reworded since you answered, check again: access-control-3-1." in text
    assert "Neither in this model nor retired, not counted: old-draft-item-1-1." in text
    assessment = validate_json(real_model, read_json(OLDER, OLDER.read_bytes()))
    assert assessment.answers["dt-patch-management-3-5"].status == "met"
    assert assessment.reworded == ("access-control-3-1",)


def test_same_version_unknown_item_is_still_refused(tmp_path, mini_model, capsys):
    path = write_json(tmp_path / "a.json", saved(mini_model, answers={"p-one-9-9": {"status": "met", "note": ""}}))
    code, _, err = run_report(capsys, path)
    assert code == 1 and "unknown item 'p-one-9-9'" in err


def test_file_without_fingerprints_says_rewordings_cannot_be_flagged(tmp_path, mini_model, capsys):
    path = write_json(tmp_path / "a.json", saved(mini_model, model_version="1.0+000000000000"))
    code, text, _ = run_report(capsys, path)
    assert code == 0
    assert "The file does not record the texts its answers were given to: check them against the texts now." in text
    assert from_json(mini_model, path).notices == (
        f"Made with model version 1.0+000000000000; this is {model_version(mini_model)}."
        " Answers to items that still exist are kept.",
        "The file does not record the texts its answers were given to: check them against the texts now.",
    )


def test_fingerprints_cover_every_item(mini_model):
    found = fingerprints(mini_model)
    assert "p-one-1-1" in found and "pos-p-one-1-1" in found
    assert all(len(v) == 10 for v in found.values())


def test_notices_name_every_change_each_in_one_sentence(mini, tmp_path):
    """Two of each kind of change, so every list is joined as a reader expects."""
    (mini / "retired.yaml").write_text(
        "# yaml-language-server: $schema=schema/retired.schema.json\nretired:\n"
        "  - {id: p-one-1-8, date: '2026-01-01', why: Split., replaced_by: [p-one-1-2]}\n"
        "  - {id: p-one-1-9, date: '2026-01-01', why: Moved up., replaced_by: [p-one-2-1]}\n"
        "  - {id: p-two-1-8, date: '2026-01-01', why: Dropped., replaced_by: []}\n"
        "  - {id: p-two-1-9, date: '2026-01-01', why: Dropped., replaced_by: []}\n",
        encoding="utf-8",
    )
    model = load_model(mini)
    ids = ["p-one-1-1", "p-two-1-1", "p-one-1-8", "p-one-1-9", "p-two-1-8", "p-two-1-9", "gone-1-1", "gone-1-2"]
    answers = {item: {"status": "met", "note": ""} for item in ids}
    stored = {**fingerprints(model), "p-one-1-1": "0000000000", "p-two-1-1": "0000000000"}
    older = "1.0+000000000000"
    path = write_json(tmp_path / "a.json", saved(model, model_version=older, answers=answers, fingerprints=stored))
    assert from_json(model, path).notices == (
        f"Made with model version {older}; this is {model_version(model)}. Answers to items that still exist are kept.",
        "Moved to the successor of a retired item: p-one-1-8 → p-one-1-2, p-one-1-9 → p-one-2-1.",
        "Reworded since you answered, check again: p-one-1-1, p-two-1-1.",
        "Retired without a successor, not counted: p-two-1-8, p-two-1-9.",
        "Neither in this model nor retired, not counted: gone-1-1, gone-1-2.",
    )
    unchanged = saved(
        model, model_version=older, answers={"p-one-1-1": answers["p-one-1-1"]}, fingerprints=fingerprints(model)
    )
    assert from_json(model, write_json(tmp_path / "b.json", unchanged)).notices == (
        f"Made with model version {older}; this is {model_version(model)}. Answers to items that still exist are kept.",
    )
