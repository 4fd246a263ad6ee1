"""What the Changes page shows: each release with what it changed in the model, and what has changed
since the last release. macros/review/releases.py reads it from git; the page only renders it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Release:
    tag: str
    date: str  # YYYY-MM-DD: the tag's date (an annotated tag's), else its commit's
    changes: str  # Markdown: the diff from the release before; for the first release, what it holds
    problem: str | None = None  # why the changes could not be listed (data this version cannot read)


@dataclass(frozen=True)
class History:
    releases: tuple[Release, ...] = ()  # newest first
    unreleased: str | None = None  # the diff from the last release to the data of this build
    missing: str | None = None  # why there is no history (not a git checkout, data outside the repository)


NO_HISTORY = History(missing="this build was made without the release history")
