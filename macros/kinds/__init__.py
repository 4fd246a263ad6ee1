"""Data kinds, one module per family; `KINDS` is the table the loader reads files by."""

from __future__ import annotations

from ..registry import Kind, ordered
from . import core, frameworks, practices, profiles, review

KINDS: tuple[Kind, ...] = tuple(
    ordered([*core.KINDS, *practices.KINDS, *profiles.KINDS, *frameworks.KINDS, *review.KINDS])
)
