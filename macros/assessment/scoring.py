"""Scoring an Assessment: each practice of the file by the scoring rule (macros/rules/scoring.py) over
the checklist rows of the file's variant, or at the level the file sets directly."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import NamedTuple

from macros.assessment.records import Answer, Assessment
from macros.model.records import LEVEL_NUMBERS, Model, Practice
from macros.outputs import checklists
from macros.rules import scoring


class Result(NamedTuple):
    practice: Practice
    score: scoring.Score
    rows: tuple[checklists.Row, ...]
    statuses: Mapping[str, str]  # every item of the practice; "" when unanswered or not in the file
    answers: Mapping[str, Answer]
    direct: bool = False  # the achieved level was set directly, not scored from the answers


def set_directly(found: scoring.Score, level: int) -> scoring.Score:
    """The score of a practice whose current level the assessor set, as the page's scoreOf gives it: that
    level, never provisional; the level states stay those of the answers, which the report shows apart."""
    return scoring.with_gap(dataclasses.replace(found, provisional=False), achieved=level, assessed=True)


def score_all(model: Model, assessment: Assessment) -> list[Result]:
    results = []
    for practice_id, target in assessment.targets.items():
        rows = checklists.kept_rows(model, [practice_id], assessment.variant)
        answers = {r.item: assessment.answers[r.item] for r in rows if r.item in assessment.answers}
        # An item missing from the file counts as not assessed: provisional, never "not met".
        statuses = {r.item: answers[r.item].status if r.item in answers else "" for r in rows}
        levels = {n: [statuses[r.item] for r in rows if r.level == n] for n in LEVEL_NUMBERS}
        in_scope = practice_id not in assessment.out_of_scope
        found, direct = scoring.score(levels, target, in_scope), assessment.levels.get(practice_id)
        if direct is not None:
            found = set_directly(found, direct)
        results.append(Result(model.practice(practice_id), found, rows, statuses, answers, direct is not None))
    return results
