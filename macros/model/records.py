"""The validated model: read-only records built by the loader, consumed by every generator."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType

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
class Requirement:
    """A requirement of a framework; nested ones (enhancements, subcategories) name their parent."""

    id: str
    code: str  # as the framework writes it, e.g. SR 1.1
    title: str
    title_ours: bool  # the framework gives no title; this short label is ours
    description: str | None
    security_levels: tuple[int, ...]
    group: str
    parent: str | None
    children: tuple[str, ...]


@dataclass(frozen=True)
class Group:
    id: str
    code: str
    name: str
    description: str | None
    requirements: tuple[str, ...]  # top-level requirement ids, in order

    # A group reads like a requirement on pages: both have a page and both can be mapped.
    title = property(lambda self: self.name)
    title_ours = False
    security_levels = property(lambda self: ())
    parent = None
    children = property(lambda self: self.requirements)


@dataclass(frozen=True)
class Framework:
    id: str
    name: str
    short_name: str
    publisher: str
    version: str
    date: str
    description: str
    references: tuple[str, ...]
    mapped_at: str  # "groups" or "requirements": the level every mapping file must cover
    crosswalk_with: tuple[str, ...]  # frameworks to publish a derived crosswalk with
    notes: tuple[str, ...]
    uncertain: tuple[str, ...]
    groups: tuple[Group, ...]
    requirements: tuple[Requirement, ...]  # every requirement at every depth, in document order
    unmapped: Mapping[str, str]  # requirement or group id -> why it is deliberately not mapped
    source: str
    mapping_source: str | None

    _nodes: Mapping[str, Group | Requirement] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_nodes", MappingProxyType({n.id: n for n in (*self.groups, *self.requirements)}))

    def node(self, node_id: str) -> Group | Requirement:
        """A group or a requirement: both have a page and both can be mapped."""
        return self._nodes[node_id]

    def mapped_nodes(self) -> tuple[Group | Requirement, ...]:
        """The nodes every mapping file must cover."""
        if self.mapped_at == "groups":
            return self.groups
        return tuple(r for r in self.requirements if r.parent is None)


@dataclass(frozen=True)
class MappingEntry:
    """How one practice, from one level on, addresses one requirement (our reading, not official)."""

    framework: str
    requirement: str
    practice: str
    level: int
    relationship: str
    security_level: int | None
    items: tuple[str, ...]
    rationale: str


@dataclass(frozen=True)
class Constraint:
    """One practice's target should not exceed another's, because it builds on it."""

    id: str
    practice: str
    at_most: str
    why: str


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


@dataclass(frozen=True)
class ItemPlace:
    """Where an indicator (profile None) or a profile consideration sits."""

    practice: str
    level: int
    profile: str | None


@dataclass(frozen=True)
class Model:
    levels: tuple[Level, ...]
    scopes: tuple[Scope, ...]
    domains: tuple[Domain, ...]
    practices: tuple[Practice, ...]
    profiles: tuple[Profile, ...]
    glossary: tuple[Term, ...]
    references: tuple[Reference, ...]
    constraints: tuple[Constraint, ...]
    frameworks: tuple[Framework, ...]
    mappings: tuple[MappingEntry, ...]
    scoring_examples: tuple[ScoringExample, ...]
    _index: Mapping[str, Mapping[str, object]] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def parts(cls) -> list[str]:
        """The fields the loader's data kinds build."""
        return [f.name for f in fields(cls) if not f.name.startswith("_")]

    def __post_init__(self) -> None:
        subdomains = [sub for domain in self.domains for sub in domain.subdomains]
        index = {
            "domain": {d.id: d for d in self.domains},
            "subdomain": {s.id: s for s in subdomains},
            "practice": {p.id: p for p in self.practices},
            "profile": {p.id: p for p in self.profiles},
            "term": {t.id: t for t in self.glossary},
            "reference": {r.id: r for r in self.references},
            "framework": {f.id: f for f in self.frameworks},
            "item": {
                item.id: ItemPlace(practice.id, number, None)
                for practice in self.practices
                for number, block in practice.levels.items()
                for item in block.indicators
            }
            | {
                item.id: ItemPlace(practice_id, number, profile.id)
                for profile in self.profiles
                for practice_id, levels in profile.practices.items()
                for number, items in levels.items()
                for item in items
            },
        }
        citing: dict[str, list[MappingEntry]] = {}
        for entry in self.mappings:
            for item_id in entry.items:
                citing.setdefault(item_id, []).append(entry)
        index["citing"] = {item_id: tuple(entries) for item_id, entries in citing.items()}
        object.__setattr__(self, "_index", MappingProxyType(index))

    @property
    def subdomains(self) -> tuple[Subdomain, ...]:
        return tuple(sub for domain in self.domains for sub in domain.subdomains)

    def domain(self, domain_id: str) -> Domain:
        return self._index["domain"][domain_id]  # type: ignore[return-value]

    def subdomain(self, subdomain_id: str) -> Subdomain:
        return self._index["subdomain"][subdomain_id]  # type: ignore[return-value]

    def practice(self, practice_id: str) -> Practice:
        return self._index["practice"][practice_id]  # type: ignore[return-value]

    def profile(self, profile_id: str) -> Profile:
        return self._index["profile"][profile_id]  # type: ignore[return-value]

    def term(self, term_id: str) -> Term:
        return self._index["term"][term_id]  # type: ignore[return-value]

    def reference(self, reference_id: str) -> Reference:
        return self._index["reference"][reference_id]  # type: ignore[return-value]

    def framework(self, framework_id: str) -> Framework:
        return self._index["framework"][framework_id]  # type: ignore[return-value]

    def item_place(self, item_id: str) -> ItemPlace:
        return self._index["item"][item_id]  # type: ignore[return-value]

    def mappings_citing(self, item_id: str) -> tuple[MappingEntry, ...]:
        """The mappings that cite an indicator or consideration, in the order of the data."""
        return self._index["citing"].get(item_id, ())  # type: ignore[return-value]

    def cited_on(self, page_kind: str) -> tuple[str, ...]:
        return tuple(ref.id for ref in self.references if page_kind in ref.cited_on)

    def level(self, number: int) -> Level:
        return self.levels[number]

    def neighbours(self, practice_id: str) -> tuple[Practice | None, Practice | None]:
        position = [p.id for p in self.practices].index(practice_id)
        previous = self.practices[position - 1] if position > 0 else None
        following = self.practices[position + 1] if position + 1 < len(self.practices) else None
        return previous, following
