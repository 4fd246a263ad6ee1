"""The scope of an assessment in `smm-guide report`: practices out of scope (a workbook's In scope column,
a saved assessment's out_of_scope) have no score or gap, are listed with their reasons, and keep their answers."""

import pytest

from macros.assessment.scoring import score_all
from tests.support.assessments import (
    SAMPLE_STATUSES,
    answered,
    at,
    failing,
    from_json,
    run_report,
    saved,
    write_json,
    write_workbook,
)


def test_workbook_practice_out_of_scope(tmp_path, mini_model, capsys):
    book = write_workbook(
        tmp_path / "w.xlsx",
        mini_model,
        statuses=SAMPLE_STATUSES,
        targets={"p-one": 3, "p-two": 4},
        scope={"p-two": (" no ", "Run by the mall operator")},
    )
    code, text, _ = run_report(capsys, book)
    assert code == 0
    assert "Scope: 1 of 2 practices." in text
    assert "| Practice One (p-one) | 3 | 1 | 2 | 0 | no |" in text
    # p-two is fully answered (level 3) with a target of 4, but out of scope: no score row, no gap, no section.
    assert "| Practice Two (p-two) | 4 |" not in text
    assert "## Practice Two (p-two)" not in text
    assert "## Out of scope" in text
    assert "| Practice Two (p-two) | Run by the mall operator |" in text


def test_workbook_without_the_in_scope_column_has_every_practice_in_scope(tmp_path, mini_model, capsys):
    book = write_workbook(tmp_path / "w.xlsx", mini_model, statuses=SAMPLE_STATUSES, targets={"p-two": 4})
    code, text, _ = run_report(capsys, book)
    assert code == 0
    assert "Scope:" not in text and "## Out of scope" not in text
    assert "| Practice Two (p-two) | 4 | 3 | 1 | 0 | yes |" in text


def test_workbook_in_scope_neither_yes_nor_no(tmp_path, mini_model, capsys):
    book = write_workbook(tmp_path / "w.xlsx", mini_model, scope={"p-one": ("Maybe", None)})
    err = failing(capsys, book)
    assert f"{book}: Targets!E2: in scope 'Maybe' is not Yes or No" in err


def test_in_scope_unanswered_is_not_assessed_and_has_no_gap(tmp_path, mini_model, capsys):
    path = write_json(tmp_path / "a.json", saved(mini_model, targets={"p-one": {"level": 2, "justification": ""}}))
    result = next(r for r in score_all(mini_model, from_json(mini_model, path)) if r.practice.id == "p-one")
    assert (result.score.assessed, result.score.gap, result.score.in_scope) == (False, None, True)
    code, text, _ = run_report(capsys, path)
    assert code == 0
    assert "| Practice One (p-one) | 2 | 0 | – | – | yes |" in text


def test_json_out_of_scope_keeps_answers_and_reasons(tmp_path, mini_model, capsys):
    data = saved(
        mini_model,
        answers=answered(SAMPLE_STATUSES),
        targets={"p-one": {"level": 3, "justification": "", "source": "set"}},
        out_of_scope={"p-one": "Tills are leased | vendor *owns* them"},
    )
    path = write_json(tmp_path / "a.json", data)
    assessment = from_json(mini_model, path)
    assert assessment.out_of_scope == {"p-one": "Tills are leased | vendor *owns* them"}
    assert assessment.answers["p-one-1-1"].status == "met"  # kept, not counted
    scores = {r.practice.id: r.score for r in score_all(mini_model, assessment)}
    assert (scores["p-one"].in_scope, scores["p-one"].gap, scores["p-one"].over) == (False, None, 0)
    code, text, _ = run_report(capsys, path)
    assert code == 0
    assert "| Practice One (p-one) | Tills are leased &#124; vendor \\*owns\\* them |" in text
    assert "## Practice One (p-one)" not in text


@pytest.mark.parametrize(
    ("scope", "message"),
    [
        ({"p-nine": "x"}, "unknown practice 'p-nine'"),
        ({"p-one": 3}, "must be a string"),
        ({"p-one": "x" * 301}, "is too long"),
    ],
)
def test_json_bad_scope(tmp_path, mini_model, capsys, scope, message):
    path = write_json(tmp_path / "a.json", saved(mini_model, out_of_scope=scope))
    err = failing(capsys, path)
    assert message in err, err
    assert at(path, "out_of_scope").split(":")[0] in err
