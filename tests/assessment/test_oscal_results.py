"""`smm-guide export oscal-results`: a saved assessment as OSCAL assessment-results that trestle loads,
with a finding per practice and an observation per answered item that refer to the catalog; bad files
are reported exactly as `smm-guide report` reports them."""

import json

from trestle.oscal.assessment_results import AssessmentResults

from macros.assessment.scoring import score_all
from macros.cli.main import main
from macros.outputs import oscal, oscal_document, routes
from macros.outputs.export import model_version
from tests.conftest import MINI, ROOT
from tests.support.assessments import SAMPLE_NOTES, SAMPLE_STATUSES, answered, from_json, saved, write_json

TARGETS = {"p-one": {"level": 3, "justification": "Stores take card payments.", "source": "set"}}


def export(capsys, path, out):
    code = main(["export", "oscal-results", str(path), "--out", str(out), "--data", str(MINI)])
    printed, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, printed, err


def sample(tmp_path, mini_model):
    data = saved(mini_model, targets=TARGETS, answers=answered(SAMPLE_STATUSES, SAMPLE_NOTES))
    return write_json(tmp_path / "store.json", data)


def ids(node):
    """Every id of a catalog: groups, controls, parts."""
    if isinstance(node, dict):
        yield from [node["id"]] if "id" in node else []
        for value in node.values():
            yield from ids(value)
    elif isinstance(node, list):
        for value in node:
            yield from ids(value)


def props(node):
    return {p["name"]: p["value"] for p in node.get("props", []) if p.get("ns") == oscal_document.NS}


def test_results_load_in_trestle_and_carry_findings_and_observations(tmp_path, mini_model, capsys):
    path, out = sample(tmp_path, mini_model), tmp_path / "results.json"
    code, printed, _ = export(capsys, path, out)
    assert (code, printed) == (0, f"wrote {out}\n")
    loaded = AssessmentResults.oscal_read(out)
    assert str(loaded.metadata.oscal_version.root.root) == oscal_document.OSCAL_VERSION
    document = json.loads(out.read_text(encoding="utf-8"))["assessment-results"]
    assert document["metadata"]["version"] == model_version(mini_model)
    (result,) = document["results"]
    assert result["title"] == "Self-assessment of Store 12 tills"
    assert props(result) == {
        "model-version": model_version(mini_model),
        "selection": "pos",
        "profile-id": "pos",
        "system": "Store 12 tills",
    }
    scores = {r.practice.id: r for r in score_all(mini_model, from_json(mini_model, path))}
    findings = {f["target"]["target-id"]: f for f in result["findings"]}
    assert list(findings) == [f"{p.id}_statement" for p in mini_model.practices]  # one per practice
    one = props(findings["p-one_statement"])
    found = scores["p-one"].score
    assert one == {
        "practice-id": "p-one",
        "achieved-level": str(found.achieved),
        "target-level": "3",
        "gap": str(found.gap),
    } | ({"provisional": "true"} if found.provisional else {})
    assert found.gap > 0 and findings["p-one_statement"]["target"]["status"] == {"state": "not-satisfied"}
    assert "target-level" not in props(findings["p-two_statement"])  # no target, no gap
    # One observation per answered item, with its status and evidence note, tied to its practice's finding.
    observations = {props(o)["item-id"]: o for o in result["observations"]}
    assert set(observations) == set(SAMPLE_STATUSES)
    assert props(observations["p-one-2-2"])["status"] == "partly"
    assert observations["p-one-2-2"]["relevant-evidence"] == [{"description": SAMPLE_NOTES["p-one-2-2"]}]
    assert "relevant-evidence" not in observations["p-one-1-1"]
    assert observations["p-one-1-1"]["collected"] == "2025-03-01T09:30:00+00:00"
    related = {r["observation-uuid"] for r in findings["p-one_statement"]["related-observations"]}
    assert related == {o["uuid"] for item, o in observations.items() if mini_model.item_place(item).practice == "p-one"}


def test_every_reference_of_the_results_resolves_in_the_catalog(tmp_path, mini_model, capsys):
    path, out = sample(tmp_path, mini_model), tmp_path / "results.json"
    assert export(capsys, path, out)[0] == 0
    document = json.loads(out.read_text(encoding="utf-8"))["assessment-results"]
    catalog = json.loads(oscal.files(mini_model)[routes.OSCAL_CATALOG])
    part_ids = set(ids(catalog))
    (result,) = document["results"]
    selected = result["reviewed-controls"]["control-selections"][0]["include-controls"]
    assert {c["control-id"] for c in selected} == {p.id for p in mini_model.practices} <= part_ids
    assert all(f["target"]["target-id"] in part_ids for f in result["findings"])
    considerations = {
        c.id for pr in mini_model.profiles for lv in pr.practices.values() for cs in lv.values() for c in cs
    }
    assert all(props(o)["item-id"] in part_ids | considerations for o in result["observations"])
    observations = {o["uuid"] for o in result["observations"]}
    for finding in result["findings"]:
        assert {r["observation-uuid"] for r in finding.get("related-observations", [])} <= observations
    resources = {r["uuid"] for r in document["back-matter"]["resources"]}
    assert document["import-ap"]["href"].removeprefix("#") in resources


def test_same_file_same_bytes(tmp_path, mini_model, capsys):
    path = sample(tmp_path, mini_model)
    outputs = []
    for name in ("a.json", "b.json"):
        assert export(capsys, path, tmp_path / name)[0] == 0
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]


def test_bad_file_is_reported_exactly_as_report_does(tmp_path, mini_model, capsys):
    answers = answered({"p-one-1-1": "Met"})
    answers["p-one-1-1"]["status"] = "done"
    path = write_json(tmp_path / "bad.json", saved(mini_model, answers=answers, levels={"p-nine": 2}))
    out = tmp_path / "results.json"
    code, printed, err = export(capsys, path, out)
    assert (code, printed) == (1, "")
    assert not out.exists()
    assert main(["report", str(path), "--data", str(MINI)]) == 1
    reported = capsys.readouterr().err
    assert err == reported
    assert err.splitlines()[-1] == "2 problem(s) found."
    assert err.startswith(f"{path}:")


def test_a_file_that_is_not_an_assessment(tmp_path, capsys):
    path = tmp_path / "other.json"
    path.write_text('{\n  "format": "something-else"\n}\n', encoding="utf-8")
    code, _, err = export(capsys, path, tmp_path / "out.json")
    assert code == 1
    why = 'not a saved assessment: "format" must be "smm-guide-assessment", not "something-else"'
    assert err.splitlines()[0] == f"{path}:2:13: error: {why}"
    missing = tmp_path / "missing.json"
    code, _, err = export(capsys, missing, tmp_path / "out.json")
    assert code == 1 and err.startswith(f"{missing}: cannot read the file")


def test_the_assessment_file_is_required(tmp_path, capsys):
    code = main(["export", "oscal-results", "--out", str(tmp_path / "out.json"), "--data", str(MINI)])
    assert code == 2
    assert "needs the assessment file" in capsys.readouterr().err
    assert not (tmp_path / "out.json").exists()


def test_a_file_of_another_model_version_is_resumed_with_its_notices_in_the_results(tmp_path, real_model, capsys):
    """tests/fixtures/assessments/older-model.json (see tests/assessment/test_resuming.py): answers moved
    to successors, one reworded item, one unknown id; the same resume rule as `smm-guide report`."""
    older, out = ROOT / "tests" / "fixtures" / "assessments" / "older-model.json", tmp_path / "results.json"
    code = main(["export", "oscal-results", str(older), "--out", str(out), "--data", str(ROOT / "data")])
    printed, err = capsys.readouterr()
    assert (code, printed, err) == (0, f"wrote {out}\n", "")
    AssessmentResults.oscal_read(out)
    (result,) = json.loads(out.read_text(encoding="utf-8"))["assessment-results"]["results"]
    old_version = json.loads(older.read_text(encoding="utf-8"))["model_version"]
    remarks = result["remarks"]
    assert remarks.startswith("Opened from another model version.\n\n")
    assert f"- Made with model version {old_version}; this is {model_version(real_model)}." in remarks
    assert "dt-patch-management-1-2 → dt-patch-management-3-5" in remarks
    assert "- Reworded since you answered, check again: access-control-3-1." in remarks
    assert "- Neither in this model nor retired, not counted: old-draft-item-1-1." in remarks
    observed = {props(o)["item-id"]: o for o in result["observations"]}
    assert props(observed["dt-patch-management-3-5"])["status"] == "met", "the answer moved to the successor"
    assert "dt-patch-management-1-2" not in observed and "old-draft-item-1-1" not in observed
    assert props(observed["access-control-3-1"])["reworded"] == "true"
    assert "reworded" in observed["access-control-3-1"]["remarks"]
    assert [i for i, o in observed.items() if "reworded" in props(o)] == ["access-control-3-1"]


def test_a_file_of_this_model_version_has_no_resume_remarks(tmp_path, mini_model, capsys):
    path, out = sample(tmp_path, mini_model), tmp_path / "results.json"
    assert export(capsys, path, out)[0] == 0
    (result,) = json.loads(out.read_text(encoding="utf-8"))["assessment-results"]["results"]
    assert "remarks" not in result
    assert not any("reworded" in props(o) for o in result["observations"])
