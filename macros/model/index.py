"""The model, and its index of every record by id for the lookups generators make on every page."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from typing import Generic, TypeVar

from macros.model.core import (
    Constraint,
    Domain,
    Level,
    Practice,
    Reference,
    Retired,
    Scope,
    ScoringExample,
    Subdomain,
    Term,
)
from macros.model.frameworks import Framework, MappingEntry, MappingMethod
from macros.model.profiles import Profile

T = TypeVar("T")


@dataclass(frozen=True)
class ItemPlace:
    """Where an indicator (profile None) or a profile consideration sits."""

    practice: str
    level: int
    profile: str | None


@dataclass(frozen=True)
class Index:
    """One mapping per kind, so each lookup returns its own record type."""

    domains: Mapping[str, Domain]
    subdomains: Mapping[str, Subdomain]
    practices: Mapping[str, Practice]
    profiles: Mapping[str, Profile]
    terms: Mapping[str, Term]
    references: Mapping[str, Reference]
    frameworks: Mapping[str, Framework]
    items: Mapping[str, ItemPlace]  # indicator or consideration id -> where it sits
    citing: Mapping[str, tuple[MappingEntry, ...]]  # item id -> the mappings citing it, in data order

    @classmethod
    def of(cls, model: Model) -> Index:
        items = {
            item.id: ItemPlace(practice.id, number, None)
            for practice in model.practices
            for number, block in practice.levels.items()
            for item in block.indicators
        } | {
            item.id: ItemPlace(practice_id, number, profile.id)
            for profile in model.profiles
            for practice_id, levels in profile.practices.items()
            for number, considerations in levels.items()
            for item in considerations
        }
        citing: dict[str, list[MappingEntry]] = {}
        for entry in model.mappings:
            for item_id in entry.items:
                citing.setdefault(item_id, []).append(entry)
        return cls(
            domains={d.id: d for d in model.domains},
            subdomains={s.id: s for s in model.subdomains},
            practices={p.id: p for p in model.practices},
            profiles={p.id: p for p in model.profiles},
            terms={t.id: t for t in model.glossary},
            references={r.id: r for r in model.references},
            frameworks={f.id: f for f in model.frameworks},
            items=items,
            citing={item_id: tuple(entries) for item_id, entries in citing.items()},
        )


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
    mapping_method: MappingMethod
    scoring_examples: tuple[ScoringExample, ...]
    retired: tuple[Retired, ...]  # item ids taken out, and their successors
    # Derived from the fields above, so not an argument: a model cannot be built with a stale index.
    _index: Index = field(init=False, repr=False, compare=False)

    @classmethod
    def parts(cls) -> list[str]:
        """The fields the loader's data kinds build."""
        return [f.name for f in fields(cls) if f.init]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", Index.of(self))

    @property
    def subdomains(self) -> tuple[Subdomain, ...]:
        return tuple(sub for domain in self.domains for sub in domain.subdomains)

    def domain(self, domain_id: str) -> Domain:
        return self._index.domains[domain_id]

    def subdomain(self, subdomain_id: str) -> Subdomain:
        return self._index.subdomains[subdomain_id]

    def practice(self, practice_id: str) -> Practice:
        return self._index.practices[practice_id]

    def profile(self, profile_id: str) -> Profile:
        return self._index.profiles[profile_id]

    def term(self, term_id: str) -> Term:
        return self._index.terms[term_id]

    def reference(self, reference_id: str) -> Reference:
        return self._index.references[reference_id]

    def framework(self, framework_id: str) -> Framework:
        return self._index.frameworks[framework_id]

    def item_place(self, item_id: str) -> ItemPlace:
        return self._index.items[item_id]

    def mappings_citing(self, item_id: str) -> tuple[MappingEntry, ...]:
        """The mappings that cite an indicator or consideration, in the order of the data."""
        return self._index.citing.get(item_id, ())

    def cited_on(self, page_kind: str) -> tuple[str, ...]:
        return tuple(ref.id for ref in self.references if page_kind in ref.cited_on)

    def level(self, number: int) -> Level:
        return self.levels[number]

    def neighbours(self, practice_id: str) -> tuple[Practice | None, Practice | None]:
        position = [p.id for p in self.practices].index(practice_id)
        previous = self.practices[position - 1] if position > 0 else None
        following = self.practices[position + 1] if position + 1 < len(self.practices) else None
        return previous, following


class per_model(Generic[T]):  # a decorator: named as functools.cache is
    """`function`, computed once for the model it was last given (the same object: a model is immutable). For
    values derived from the whole model that a command asks for once per file, such as its version digest.
    The value is shared: callers must not change it. `cache_clear()` forgets it, as functools' caches do."""

    def __init__(self, function: Callable[[Model], T]) -> None:
        self.function = function
        self.last: list[tuple[Model, T]] = []
        functools.update_wrapper(self, function)

    def __call__(self, model: Model) -> T:
        if not self.last or self.last[0][0] is not model:
            self.last[:] = [(model, self.function(model))]
        return self.last[0][1]

    def cache_clear(self) -> None:
        self.last.clear()
