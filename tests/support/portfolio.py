"""A small portfolio of assessment files for the tests of `smm-guide portfolio`, whose numbers can be checked
by hand with the mini model (tests/assessment/test_portfolio.py says what each file holds)."""

from macros.outputs import checklists
from macros.rules import selection
from tests.support.assessments import answered, saved, write_json, write_workbook

INJECTION = "=cmd|' /C calc'!A1"  # a system name a spreadsheet would run as a formula


def reach(model, practice, level, *, then="Not met", variant="pos"):
    """Statuses (as a workbook writes them) reaching `level` of `practice`: every item up to it met, then the
    first item of the next level `then` (None: left unanswered, so the result is provisional)."""
    rows = checklists.rows(model, [practice], selection.parse(model, variant))
    statuses = {r.item: "Met" for r in rows if r.level <= level}
    following = [r.item for r in rows if r.level == level + 1]
    if then and following:
        statuses[following[0]] = then
    return statuses


def targets(**levels):
    return {p.replace("_", "-"): {"level": n, "justification": ""} for p, n in levels.items()}


def make_portfolio(model, folder):
    folder.mkdir()
    write_json(
        folder / "plant-a-jan.json",
        saved(
            model,
            system="Plant A",
            created="2025-01-10T08:00:00.000Z",
            targets=targets(p_one=3, p_two=2),
            answers=answered(reach(model, "p-one", 1) | reach(model, "p-two", 1, then=None)),
        ),
    )
    write_json(
        folder / "plant-a-jun.json",
        saved(
            model,
            system="Plant A",
            created="2025-06-10T08:00:00.000Z",
            targets=targets(p_one=3, p_two=2),
            answers=answered(reach(model, "p-one", 2) | reach(model, "p-two", 2, then=None)),
        ),
    )
    write_json(
        folder / "injection.json",
        saved(
            model,
            system=INJECTION,
            created="2025-02-01T12:00:00.000Z",
            targets=targets(p_one=2),
            out_of_scope={"p-two": "Not at this site"},
            answers=answered(reach(model, "p-one", 0)),
        ),
    )
    statuses = reach(model, "p-one", 1) | reach(model, "p-two", 0)
    write_workbook(folder / "substation-7.xlsx", model, statuses=statuses, targets={"p-one": 1, "p-two": 3})
    return folder
