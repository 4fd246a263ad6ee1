"""Data kinds, one module per family; `KINDS` is the table the loader reads files by."""

from __future__ import annotations

from ..registry import Kind, ordered
from . import core, practices, profiles, review

KINDS: tuple[Kind, ...] = tuple(ordered([*core.KINDS, *practices.KINDS, *profiles.KINDS, *review.KINDS]))
