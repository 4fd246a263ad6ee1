"""The selection rule: which items, labels and suggested targets an assessment with profiles P has.

Rule (tested in Python and in the browser against `data/selection-vectors.yaml`):
- the items of a practice level are its general indicators in their order, then the
  considerations of each chosen profile, profiles in the model's order (not the order chosen);
- each item is labelled "General" or with the short name of the profile it comes from;
- a selection is named "general" without profiles, else by the chosen profile ids in the
  model's order joined by "+"; its short title is "General" or their short names joined by " + ";
- where several chosen profiles suggest a target for a practice, the highest level wins; on a tie
  the profile first in the model's order; every profile's suggestion is kept with it, so its
  reasons can be shown beside the winner's;
- a selection has a file or a page of its own for a practice only where each of its profiles adds
  an item there (the general selection: every practice), so no file repeats a smaller selection's.

Every surface that lists items (checklists, workbooks, printable pages, the assessment page and
`smm-guide report`) asks this module, so they list the same items under the same names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from macros.model.records import Consideration, Indicator, Model

GENERAL = "general"  # the selection without any profile
GENERAL_LABEL = "General"
SEPARATOR = "+"

T = TypeVar("T")


def in_model_order(model_profiles: Sequence[str], chosen: Iterable[str]) -> tuple[str, ...]:
    """The chosen profile ids in the model's order; ids the model lacks are left out."""
    wanted = set(chosen)
    return tuple(profile_id for profile_id in model_profiles if profile_id in wanted)


def selection_id(profiles: Sequence[str]) -> str:
    """The name of a selection of profiles already in the model's order."""
    return SEPARATOR.join(profiles) if profiles else GENERAL


def level_items(
    general: Sequence[T], considerations: Mapping[str, Sequence[T]], profiles: Sequence[str]
) -> list[tuple[T, str | None]]:
    """One level's items with the profile each comes from (None: general), profiles in model order."""
    found: list[tuple[T, str | None]] = [(item, None) for item in general]
    for profile_id in profiles:
        found += [(item, profile_id) for item in considerations.get(profile_id, ())]
    return found


@dataclass(frozen=True)
class Combined:
    """The target a combination suggests for a practice: the winning level and profile, and what
    every chosen profile suggests there (model order), so its reasons can all be shown."""

    level: int
    profile: str
    suggested_by: tuple[tuple[str, int], ...]


def combine(profiles: Sequence[str], suggested: Mapping[str, Mapping[str, int]]) -> dict[str, Combined]:
    """Practice id -> the highest level any profile suggests, from the first profile in `profiles`
    (model order) on a tie, with every profile's suggestion for that practice."""
    by_practice: dict[str, list[tuple[str, int]]] = {}
    for profile_id in profiles:
        for practice_id, level in suggested.get(profile_id, {}).items():
            by_practice.setdefault(practice_id, []).append((profile_id, level))
    combined: dict[str, Combined] = {}
    for practice_id, found in by_practice.items():
        # max keeps the first of equal levels: the profile first in model order.
        profile_id, level = max(found, key=lambda pair: pair[1])
        combined[practice_id] = Combined(level, profile_id, tuple(found))
    return combined


@dataclass(frozen=True)
class Selection:
    """The guidance an assessment uses: the general indicators plus the chosen profiles."""

    id: str
    title: str
    profiles: tuple[str, ...]  # in the model's order


def select(model: Model, chosen: Iterable[str]) -> Selection:
    """The selection of the chosen profiles (ids the model lacks are left out)."""
    profiles = in_model_order([p.id for p in model.profiles], chosen)
    if not profiles:
        return Selection(GENERAL, "General guidance", ())
    names = " and the ".join(model.profile(p).name for p in profiles)
    return Selection(selection_id(profiles), f"With the {names}", profiles)


def parse(model: Model, name: str) -> Selection | None:
    """The selection a name stands for, or None if it names a profile the model lacks or is not
    written in the model's order."""
    if name == GENERAL:
        return select(model, ())
    parts = name.split(SEPARATOR)
    found = select(model, parts)
    return found if found.id == name else None


class SelectionError(ValueError):
    """A selection names a profile the model lacks, or one profile twice."""


def choose(model: Model, chosen: Sequence[str]) -> Selection:
    """The selection of exactly these profile ids, or SelectionError saying which ids are valid."""
    known = [p.id for p in model.profiles]
    unknown = [p for p in chosen if p not in known]
    twice = sorted({p for p in chosen if chosen.count(p) > 1})
    problems = [f"unknown profile '{p}'" for p in unknown] + [f"profile '{p}' is named twice" for p in twice]
    if problems:
        valid = ", ".join(known) or "none (the data has no profiles)"
        raise SelectionError(f"{'; '.join(problems)}; valid profile ids: {valid}")
    return select(model, chosen)


def label(model: Model, profile_id: str | None) -> str:
    """What an item is labelled with: General, or its profile's short name."""
    return GENERAL_LABEL if profile_id is None else model.profile(profile_id).short_name


def items(
    model: Model, selection: Selection, practice_id: str, level: int
) -> list[tuple[Indicator | Consideration, str]]:
    """The items of one practice level in this selection, each with its label."""
    block = model.practice(practice_id).levels.get(level)
    general: Sequence[Indicator | Consideration] = block.indicators if block else ()
    considerations = {p: model.profile(p).considerations(practice_id, level) for p in selection.profiles}
    return [(item, label(model, source)) for item, source in level_items(general, considerations, selection.profiles)]


def adds_to(model: Model, selection: Selection, practice_ids: Iterable[str]) -> bool:
    """Whether the selection's profiles add any item to these practices."""
    return any(
        model.profile(p).considerations(practice_id, level)
        for p in selection.profiles
        for practice_id in practice_ids
        for level in model.practice(practice_id).levels
    )


def titled(short_names: Sequence[str]) -> str:
    """A selection's short title from its profiles' short names in the model's order ("DT + POS")."""
    return " + ".join(short_names) or GENERAL_LABEL


def short_title(model: Model, selection: Selection) -> str:
    """The selection named by its profiles' short names, or General."""
    return titled([model.profile(p).short_name for p in selection.profiles])


def covers(model: Model, selection: Selection, practice_id: str) -> bool:
    """Whether the selection has its own file or page for the practice: each of its profiles adds
    an item there (always, without profiles)."""
    return all(adds_to(model, select(model, (p,)), [practice_id]) for p in selection.profiles)


def silent(model: Model, selection: Selection, practice_id: str) -> tuple[str, ...]:
    """The selection's profiles that add nothing to the practice, in model order."""
    return tuple(p for p in selection.profiles if not adds_to(model, select(model, (p,)), [practice_id]))
