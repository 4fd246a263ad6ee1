"""Scores per practice: the same answers give the same scores from a workbook, a CSV or a JSON; levels set directly."""

from macros.assessment.reading import read_csv, read_workbook
from macros.assessment.rendering import SAY
from macros.assessment.scoring import score_all
from macros.assessment.validating import validate
from macros.rules import scoring
from tests.support.assessments import (
    SAMPLE_NOTES,
    SAMPLE_STATUSES,
    answered,
    filled_csv,
    from_json,
    run_report,
    saved,
    write_json,
    write_workbook,
)


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


def test_a_level_set_directly_without_a_target_has_no_gap_and_no_over_achievement():
    from macros.assessment.scoring import set_directly

    scored = scoring.score({1: [scoring.MET]})
    direct = set_directly(scored, 3)
    assert (direct.achieved, direct.target, direct.gap, direct.over, direct.assessed, direct.provisional) == (
        3,
        None,
        None,
        0,
        True,
        False,
    )
    with_target = set_directly(scoring.score({1: [scoring.MET]}, target=2), 3)
    assert (with_target.gap, with_target.over) == (0, 1)
    below = set_directly(scoring.score({}, target=4), 1)
    assert (below.gap, below.over, below.states) == (3, 0, scoring.score({}, target=4).states)
