"""Opening a saved assessment made with another model version: the answers to items that still exist are
kept, those to retired items move to their successors (data/retired.yaml), answers whose item was reworded
since are flagged, and the rest are kept apart, named. The self-assessment page does the same (state.js)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from macros.model.index import per_model
from macros.model.records import Model
from macros.outputs import checklists
from macros.outputs.assessment_file import fingerprint
from macros.rules import selection


class Resumed(NamedTuple):
    answers: dict[str, Any]  # item id -> answer, of items the model has
    moved: tuple[tuple[str, str], ...]  # (retired id, its successor) for each answer moved
    reworded: tuple[str, ...]  # answered items whose text or pass criterion changed since
    retired: tuple[str, ...]  # answered ids retired without a successor: kept apart
    unknown: tuple[str, ...]  # answered ids neither in the model nor retired: kept apart


@per_model  # once per model, not once per file read
def fingerprints(model: Model) -> dict[str, str]:
    """Every item of the model (all profiles) -> its fingerprint now."""
    every = selection.select(model, [p.id for p in model.profiles])
    rows = checklists.rows(model, [p.id for p in model.practices], every)
    return {r.item: fingerprint(r.text, r.pass_criterion) for r in rows}


def resume(model: Model, answers: Mapping[str, Any], stored: Mapping[str, str]) -> Resumed:
    """`answers` as a file holds them, `stored` the fingerprints it recorded (none in files made before them)."""
    now, successors = fingerprints(model), {r.id: r.replaced_by for r in model.retired}
    kept = {item: answer for item, answer in answers.items() if item in now}
    moved: list[tuple[str, str]] = []
    retired: list[str] = []
    unknown: list[str] = []
    for item, answer in answers.items():
        if item in now:
            continue
        if item not in successors:
            unknown.append(item)
        elif not successors[item]:
            retired.append(item)
        for successor in successors.get(item, ()):
            if successor in now and successor not in kept:  # an answer given to the successor itself wins
                kept[successor] = answer
                moved.append((item, successor))
    reworded = tuple(item for item in kept if item in stored and stored[item] != now[item])
    return Resumed(kept, tuple(moved), reworded, tuple(retired), tuple(unknown))
