"""The core model's records: levels, scopes, domains and practices, the glossary, references, review data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# Comprehensiveness levels: 0 (None) is the absence of a practice; 1-4 are described per practice.
LOWEST_LEVEL, HIGHEST_LEVEL = 0, 4
LEVEL_NUMBERS = tuple(range(LOWEST_LEVEL + 1, HIGHEST_LEVEL + 1))


@dataclass(frozen=True)
class Level:
    level: int
    name: str
    summary: str
    description: str
    step_up: str | None


@dataclass(frozen=True)
class Scope:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Subdomain:
    id: str
    name: str
    description: str
    domain: str
    practices: tuple[str, ...]


@dataclass(frozen=True)
class Domain:
    id: str
    name: str
    description: str
    subdomains: tuple[Subdomain, ...]


@dataclass(frozen=True)
class Indicator:
    id: str
    text: str
    pass_criterion: str  # what an assessor checks to answer yes or no
    evidence: str
    see: tuple[str, ...]  # ids of items elsewhere that are the home of a related idea


@dataclass(frozen=True)
class PracticeLevel:
    level: int
    objective: str
    considerations: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Practice:
    id: str
    name: str
    domain: str
    subdomain: str
    order: int
    objective: str
    description: str
    absence: str
    example: str
    pitfalls: tuple[str, ...]
    related: tuple[str, ...]
    levels: Mapping[int, PracticeLevel]
    source: str  # data file path relative to the project, for "edit this page"


@dataclass(frozen=True)
class Term:
    id: str
    term: str
    abbr: str | None
    definition: str
    related: tuple[str, ...]
    tooltip: bool


@dataclass(frozen=True)
class Reference:
    id: str
    title: str
    publisher: str
    version: str | None
    date: str
    url: str
    note: str | None
    cited_on: tuple[str, ...]


@dataclass(frozen=True)
class Constraint:
    """One practice's target should not exceed another's, because it builds on it."""

    id: str
    practice: str
    at_most: str
    why: str


@dataclass(frozen=True)
class Retired:
    """An item id taken out of the model: saved assessments may still name it, so it is never used again.
    Answers to it move to its successors, if any."""

    id: str
    date: str
    why: str
    replaced_by: tuple[str, ...]


@dataclass(frozen=True)
class ScoringExample:
    """A test vector of the scoring rule, also shown as a worked example."""

    id: str
    description: str
    target: int | None
    levels: Mapping[int, tuple[str, ...]]  # level -> statuses of its items
    achieved: int
    gap: int | None
    over: int
    assessed: bool
    provisional: bool
    in_scope: bool = True
