"""A profile's records: its considerations per practice and level, its dimensions and its archetypes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Consideration:
    id: str
    text: str
    pass_criterion: str
    evidence: str
    tags: tuple[str, ...]
    see: tuple[str, ...]


@dataclass(frozen=True)
class Tag:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Effect:
    practice: str
    direction: str
    why: str


@dataclass(frozen=True)
class Option:
    id: str
    name: str
    description: str
    effects: tuple[Effect, ...]
    no_effect: str | None  # why the option moves no target; set exactly when `effects` is empty


@dataclass(frozen=True)
class Dimension:
    id: str
    name: str
    question: str
    description: str
    options: tuple[Option, ...]


@dataclass(frozen=True)
class Target:
    level: int
    why: str
    deviation: str | None


@dataclass(frozen=True)
class Archetype:
    id: str
    name: str
    summary: str
    characterization: Mapping[str, str]  # dimension id -> option id
    targets: Mapping[str, int]  # practice id -> target level
    target_reasons: Mapping[str, str]
    target_deviations: Mapping[str, str]  # only where a target goes against the suggestion rule
    out_of_scope: Mapping[str, str]  # practice id -> why the archetype's assessment leaves it out

    def target(self, practice_id: str) -> Target:
        return Target(
            self.targets[practice_id], self.target_reasons[practice_id], self.target_deviations.get(practice_id)
        )


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    short_name: str
    id_prefix: str  # consideration ids are <prefix>-<practice>-<level>-<n>
    scope: str
    baseline: int  # starting level of the target-suggestion rule
    combine_with: tuple[str, ...]  # frameworks whose requirements each archetype's combined page lists
    summary: str
    description: str
    uncertainty: str | None
    references: tuple[str, ...]
    tags: tuple[Tag, ...]
    # practice id -> level -> considerations; empty where the profile adds nothing
    practices: Mapping[str, Mapping[int, tuple[Consideration, ...]]]
    dimensions: tuple[Dimension, ...]
    archetypes: tuple[Archetype, ...]
    source: str
    practice_sources: Mapping[str, str]  # practice id -> data file of its considerations
    dimensions_source: str | None
    archetypes_source: str | None

    def tag(self, tag_id: str) -> Tag:
        return next(tag for tag in self.tags if tag.id == tag_id)

    def considerations(self, practice_id: str, level: int) -> tuple[Consideration, ...]:
        return self.practices.get(practice_id, {}).get(level, ())
