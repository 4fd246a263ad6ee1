"""The target-suggestion rule: how a profile's characterization suggests a target per practice.

Rule: start every practice at the profile's baseline level; each chosen option's effect on the
practice moves it one level up or down; clamp to 0-4. The suggestion is a prompt for a risk
decision, not a result: a target may differ, and where it goes against the suggestion (by two or
more levels, or on the other side of the baseline from the effects) it should say why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from macros.model.records import HIGHEST_LEVEL, LOWEST_LEVEL, Archetype, Effect, Model, Profile


@dataclass(frozen=True)
class Suggestion:
    practice: str
    level: int
    net: int  # ups minus downs
    reasons: tuple[tuple[str, str, Effect], ...]  # (dimension id, option id, effect)


def suggest(profile: Profile, characterization: Mapping[str, str], practice_ids: list[str]) -> dict[str, Suggestion]:
    """The suggested target of every practice for a characterization (dimension id -> option id)."""
    reasons: dict[str, list[tuple[str, str, Effect]]] = {pid: [] for pid in practice_ids}
    for dimension in profile.dimensions:
        chosen = characterization.get(dimension.id)
        for option in dimension.options:
            if option.id == chosen:
                for effect in option.effects:
                    reasons.setdefault(effect.practice, []).append((dimension.id, option.id, effect))
    result = {}
    for pid, found in reasons.items():
        net = sum(1 if effect.direction == "up" else -1 for _, _, effect in found)
        level = max(LOWEST_LEVEL, min(HIGHEST_LEVEL, profile.baseline + net))
        result[pid] = Suggestion(pid, level, net, tuple(found))
    return result


def goes_against(target: int, suggestion: Suggestion, baseline: int) -> bool:
    """A target contradicts its characterization: far from the suggestion, or on the wrong side of
    the baseline from the direction the effects point."""
    wrong_side = (suggestion.net > 0 and target < baseline) or (suggestion.net < 0 and target > baseline)
    return wrong_side or abs(target - suggestion.level) >= 2


def archetype_suggestions(model: Model, profile: Profile, archetype: Archetype) -> dict[str, Suggestion]:
    return suggest(profile, archetype.characterization, [p.id for p in model.practices])
