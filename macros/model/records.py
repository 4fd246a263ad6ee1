"""The validated model: read-only records built by the loader, consumed by every generator.

Each record is defined in the module of its part (core, profiles, frameworks; the `Model` and its
index in `index`); this module names them all, so a consumer imports the model from one place.
"""

from __future__ import annotations

from macros.model.core import (
    HIGHEST_LEVEL,
    LEVEL_NUMBERS,
    LOWEST_LEVEL,
    Constraint,
    Domain,
    Indicator,
    Level,
    Practice,
    PracticeLevel,
    Reference,
    Retired,
    Scope,
    ScoringExample,
    Subdomain,
    Term,
)
from macros.model.frameworks import Framework, Group, MappingEntry, MappingMethod, Relationship, Requirement
from macros.model.index import ItemPlace, Model
from macros.model.profiles import Archetype, Consideration, Dimension, Effect, Option, Profile, Tag, Target

__all__ = [
    "HIGHEST_LEVEL",
    "LEVEL_NUMBERS",
    "LOWEST_LEVEL",
    "Archetype",
    "Consideration",
    "Constraint",
    "Dimension",
    "Domain",
    "Effect",
    "Framework",
    "Group",
    "Indicator",
    "ItemPlace",
    "Level",
    "MappingEntry",
    "MappingMethod",
    "Model",
    "Option",
    "Practice",
    "PracticeLevel",
    "Profile",
    "Reference",
    "Relationship",
    "Requirement",
    "Retired",
    "Scope",
    "ScoringExample",
    "Subdomain",
    "Tag",
    "Target",
    "Term",
]
