"""A framework's records: its groups and requirements, the mappings of practices to them, and the
method every mapping follows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


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
    title_ours = False
    parent = None

    @property
    def title(self) -> str:
        return self.name

    @property
    def security_levels(self) -> tuple[int, ...]:
        return ()

    @property
    def children(self) -> tuple[str, ...]:
        return self.requirements


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
        nodes: tuple[Group | Requirement, ...] = (*self.groups, *self.requirements)
        object.__setattr__(self, "_nodes", MappingProxyType({n.id: n for n in nodes}))

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
class Relationship:
    """One relationship a mapping can state between a practice and a requirement, in checkable terms."""

    id: str  # the value of a mapping's `relationship`
    name: str  # as pages and downloads show it, e.g. Partially supports
    definition: str
    test: str  # the check a reviewer applies to a mapping that states it
    oscal: str  # the OSCAL set-theory relationship (after NIST IR 8477) the OSCAL mapping files state
    oscal_why: str  # why that one holds


@dataclass(frozen=True)
class MappingMethod:
    """How the practices are mapped to framework requirements (data/mapping-method.yaml): the
    relationships, what the mapped level means, what is left unmapped instead and what the tools check."""

    summary: str
    independence: str  # the mappings are the project's own reading, not official
    relationships: tuple[Relationship, ...]  # strongest first, as mapping.schema.json lists them
    level: str  # what a mapping's level means
    not_a_mapping: tuple[str, ...]  # cases recorded as unmapped with a reason instead
    checks: tuple[str, ...]  # what validate and lint check mechanically
    counterparts: str  # how IEC 62443-3-3 and 62443-4-2 requirements of the same number are kept consistent

    def relationship(self, relationship_id: str) -> Relationship:
        """The relationship with this id; KeyError if there is none."""
        return {r.id: r for r in self.relationships}[relationship_id]

    @property
    def names(self) -> dict[str, str]:
        """Relationship id -> name, strongest first."""
        return {r.id: r.name for r in self.relationships}
