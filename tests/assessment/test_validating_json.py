"""A saved assessment (JSON) checked against its schema and the model: every problem at once, at its line and column."""

import subprocess
import sys

import pytest

from macros.assessment.rendering import SAY
from macros.outputs.assessment_file import VERSION
from macros.outputs.export import model_version
from tests.conftest import MINI, ROOT
from tests.support.assessments import answered, at, failing, from_json, run_report, saved, write_json


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
    profiles = [p.id for p in mini_model.profiles]  # more if the fixture gains a profile
    assert "pos" in profiles
    for expected in [
        f"{at(path, 'dt')}: error: unknown profile 'dt'; expected one of: {', '.join(profiles)}",
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
    """Another model version alone never refuses a file (design: public contracts): it opens, and says so."""
    path = write_json(tmp_path / "v.json", saved(mini_model, model_version="1.0+000000000000"))
    code, text, err = run_report(capsys, path)
    assert (code, err) == (0, "")
    assert f"Made with model version 1.0+000000000000; this is {model_version(mini_model)}." in text


NOT_AN_ASSESSMENT = 'error: not a saved assessment: "format" must be "smm-guide-assessment"'


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"format": "smm-guide-assessment",\n "version": 2}',
            f"2:13: error: format version 2 is not supported; this smm-guide reads version {VERSION}",
        ),
        ('{\n  "format": "xlsx"\n}', f'2:13: {NOT_AN_ASSESSMENT}, not "xlsx"'),
        ('{"version": 1}', f"1:1: {NOT_AN_ASSESSMENT}"),
        ("[1, 2]", f"1:1: {NOT_AN_ASSESSMENT}"),
        ('["format", "version"]', f"1:1: {NOT_AN_ASSESSMENT}"),  # names the fields, but is no object
    ],
)
def test_json_not_an_assessment(tmp_path, capsys, content, message):
    """One message: a file that is not an assessment has no other problem worth listing."""
    path = tmp_path / "x.json"
    path.write_bytes(content.encode())
    assert failing(capsys, path).splitlines() == [f"{path}:{message}", "1 problem(s) found."]


def test_json_levels_and_statuses_are_named_in_their_messages(tmp_path, mini_model, capsys):
    """In this process, so that mutation testing sees the messages (the real-process test below runs the
    installed package)."""
    answers = answered({"p-one-1-1": "Met"})
    answers["p-one-1-1"]["status"] = "yes"
    path = write_json(tmp_path / "bad.json", saved(mini_model, answers=answers, levels={"p-one": 9, "p-two": -1}))
    assert failing(capsys, path).splitlines() == [
        f"{at(path, 'yes')}: error: the status of 'p-one-1-1' must be one of: met, partly, not-met, na, "
        'or "" (not assessed)',
        f"{at(path, 'p-one', after=True)}: error: the level of 'p-one' must be at most 4",
        f"{at(path, 'p-two', after=True)}: error: the level of 'p-two' must be at least 0",
        "3 problem(s) found.",
    ]


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


def test_json_of_another_model_version_opens_with_one_notice(tmp_path, mini_model, capsys):
    """Another model version is never a problem by itself (the resume rules), and it is said once:
    not also by the schema's pattern."""
    path = write_json(tmp_path / "old.json", saved(mini_model, model_version="old"))
    code, out, err = run_report(capsys, path)
    assert code == 0 and err == ""
    assert out.count(f"Made with model version old; this is {model_version(mini_model)}.") == 1


def test_json_unknown_id_among_many_gets_no_list_and_no_guess(tmp_path, mini_model, capsys):
    answers = answered({"p-one-1-1": "Met"})
    answers["zzzz"] = {"status": "met", "note": ""}
    path = write_json(tmp_path / "u.json", saved(mini_model, answers=answers))
    (line, summary) = failing(capsys, path).splitlines()
    assert line.endswith(": error: unknown item 'zzzz'") and summary == "1 problem(s) found."


@pytest.mark.parametrize(("count", "listed"), [(8, True), (9, False)])
def test_a_short_list_of_known_ids_is_offered_a_long_one_is_not(count, listed):
    from macros.assessment.validating_json import _unknown
    from macros.data.yamlsource import read_source

    source, _ = read_source(b'{"x": "zzzz"}', "a.json")
    known = [f"p-{n}" for n in range(count)]
    message = _unknown(source, ("x",), "practice", "zzzz", known).message
    expected = "unknown practice 'zzzz'" + (f"; expected one of: {', '.join(known)}" if listed else "")
    assert message == expected


@pytest.mark.parametrize(
    ("guidance", "message"),
    [
        ({"profiles": ["Point Of Sale"], "framework": None}, "unknown profile 'Point Of Sale'"),
        ({"profiles": [], "framework": "FW One"}, "unknown framework 'FW One'"),
    ],
)
def test_json_ids_that_are_not_even_ids_are_one_unknown_id_problem(tmp_path, mini_model, capsys, guidance, message):
    """Ids are checked against the model, which names the choices, rather than by the schema's id pattern too."""
    path = write_json(tmp_path / "g.json", saved(mini_model, guidance=guidance))
    (line, summary) = failing(capsys, path).splitlines()
    assert message in line and summary == "1 problem(s) found."


def test_json_model_version_that_is_not_text_is_refused(tmp_path, mini_model, capsys):
    path = write_json(tmp_path / "n.json", saved(mini_model, model_version=5))
    (line, summary) = failing(capsys, path).splitlines()
    assert line.endswith(": error: 'model_version' must be a string, not a number; put it in quotes")
    assert summary == "1 problem(s) found."


@pytest.mark.parametrize(
    ("guidance", "message"),
    [
        ({"profiles": [5], "framework": None}, "must be a string, not a number"),
        ({"profiles": [], "framework": 5}, "must be a string or empty, not a number"),
    ],
)
def test_json_ids_that_are_numbers_are_refused(tmp_path, mini_model, capsys, guidance, message):
    path = write_json(tmp_path / "n.json", saved(mini_model, guidance=guidance))
    (line, summary) = failing(capsys, path).splitlines()
    assert message in line and summary == "1 problem(s) found."


def test_parts_of_the_wrong_type_are_reported_not_a_crash(tmp_path, mini_model, capsys):
    path = write_json(tmp_path / "a.json", saved(mini_model, guidance="pos", targets=["p-one"]))
    assert failing(capsys, path).splitlines() == [
        f"{at(path, 'pos')}: error: 'guidance' must be a mapping (key: value), not a string",
        f"{path}:9:14: error: 'targets' must be a mapping (key: value), not a list",
        "2 problem(s) found.",
    ]
