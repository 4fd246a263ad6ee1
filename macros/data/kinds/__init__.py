"""Data kinds, one module per family; `KINDS` is the table the loader reads files by."""

from __future__ import annotations

from macros.data.kinds import core, frameworks, practices, profiles, review
from macros.data.registry import Kind, ordered

KINDS: tuple[Kind, ...] = tuple(
    ordered([*core.KINDS, *practices.KINDS, *profiles.KINDS, *frameworks.KINDS, *review.KINDS])
)
