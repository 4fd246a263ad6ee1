"""The scoring rule: the achieved level and the gap of a practice, from the statuses of its items.

One rule, used by every implementation (this module, the workbook formulas, the browser
assessment) and tested against the same vectors in `data/scoring-vectors.yaml`:

- An item's status is met, partly met, not met, not applicable, or not assessed (empty).
- A level is reached when every item of the level is met or not applicable and at least one is
  met: partly met does not count as met, and not applicable answers alone never reach a level.
- A level with an item not met or partly met is not reached. A level with an unanswered item and
  no such item is not assessed: the result is provisional, never counted as "not met".
- The achieved level is the highest level L such that every level from 1 to L is reached;
  0 when level 1 is not.
- The gap is the target minus the achieved level, when the target is higher; an achieved level
  above the target is shown apart, as over-achievement, because higher is not always better.
  A practice with no answer yet is not assessed: it has no gap, whatever its target.
- A practice out of the assessment's scope has no gap and no over-achievement: counts, gaps and
  next steps cover the practices in scope only. Its answers are kept and count again once it is back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from macros.model.records import HIGHEST_LEVEL, LEVEL_NUMBERS

MET, PARTLY, NOT_MET, NOT_APPLICABLE, NOT_ASSESSED = "met", "partly", "not-met", "na", ""
STATUSES = (MET, PARTLY, NOT_MET, NOT_APPLICABLE, NOT_ASSESSED)
LABELS = {MET: "Met", PARTLY: "Partly met", NOT_MET: "Not met", NOT_APPLICABLE: "Not applicable", NOT_ASSESSED: ""}
REACHED, NOT_REACHED, UNASSESSED = "reached", "not reached", "not assessed"
IN_SCOPE, OUT_OF_SCOPE = "Yes", "No"  # how a workbook's In scope column says it
# A target as a workbook or CSV cell holds it, blanks around it dropped: a whole number 0-4, read as text.
TARGET_TEXTS = {f"{n}{zero}": n for n in range(HIGHEST_LEVEL + 1) for zero in ("", ".0")}


def level_state(statuses: Sequence[str]) -> str:
    """Whether one level is reached, from the statuses of all its items."""
    if any(status in (NOT_MET, PARTLY) for status in statuses):
        return NOT_REACHED
    if any(status == NOT_ASSESSED for status in statuses):
        return UNASSESSED
    return REACHED if MET in statuses else NOT_REACHED


@dataclass(frozen=True)
class Score:
    achieved: int
    target: int | None
    gap: int | None  # target - achieved when positive, 0 when reached; None without a target, answers or scope
    over: int  # achieved - target when positive
    assessed: bool  # at least one item has an answer
    provisional: bool  # the level after the achieved one is not assessed yet
    states: Mapping[int, str]  # level -> reached / not reached / not assessed
    in_scope: bool = True  # out of scope: no gap and no over-achievement, answers kept


def score(levels: Mapping[int, Sequence[str]], target: int | None = None, in_scope: bool = True) -> Score:
    """Score one practice: `levels` maps each level 1-4 to the statuses of its items."""
    states = {number: level_state(levels.get(number, ())) for number in LEVEL_NUMBERS}
    achieved = 0
    for number in LEVEL_NUMBERS:
        if states[number] != REACHED:
            break
        achieved = number
    following = achieved + 1
    provisional = following in states and states[following] == UNASSESSED
    assessed = any(status != NOT_ASSESSED for statuses in levels.values() for status in statuses)
    gap, over = _gap_and_over(target, achieved, assessed, in_scope)
    return Score(achieved, target, gap, over, assessed, provisional, states, in_scope)


def _gap_and_over(target: int | None, achieved: int, assessed: bool, in_scope: bool) -> tuple[int | None, int]:
    """No gap and no over-achievement out of scope, unassessed or without a target."""
    if target is None or not (in_scope and assessed):
        return None, 0
    return max(target - achieved, 0), max(achieved - target, 0)


def with_gap(found: Score, achieved: int, assessed: bool) -> Score:
    """The score with another achieved level and assessed flag (a level set directly), its gap and
    over-achievement worked out again: none out of scope, unassessed or without a target."""
    gap, over = _gap_and_over(found.target, achieved, assessed, found.in_scope)
    return dataclasses.replace(found, achieved=achieved, assessed=assessed, gap=gap, over=over)


def typed_forms(status: str) -> tuple[str, ...]:
    """How people may write a status in a workbook or CSV, blanks collapsed, in lower case: its label or its id."""
    return tuple(dict.fromkeys((LABELS[status].lower(), status)))


def status_of(label: str) -> str | None:
    """The status for a label as people write it in a workbook or CSV (any case, any blanks); None if unknown."""
    wanted = " ".join(str(label).split()).lower()
    for status in STATUSES:
        if wanted in typed_forms(status):
            return status
    return None
