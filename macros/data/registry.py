"""The registry of data kinds and the id table they share.

A data kind declares its files (a glob under the data folder), its schema, the ids its files
define and in which scope, what it must load after, its cross-file checks and how it builds its
part of the model. The loader knows nothing else about any kind.

Ids live in namespaces: a tuple such as ("practice",) for ids unique across the model, or
("option", profile_id, dimension_id) for ids unique within one dimension of one profile.
"""

from __future__ import annotations

import difflib
import fnmatch
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from macros.data.problems import Problem
from macros.data.yamlsource import DataPath, Source

Namespace = tuple[str, ...]


@dataclass(frozen=True)
class Entry:
    """One data file that passed its schema."""

    path: Path
    rel: str  # path relative to the data folder, with forward slashes
    source: Source

    @property
    def data(self) -> Any:
        return self.source.data


@dataclass
class Ids:
    """Every id defined so far, where it was defined, and what broken files may define."""

    problems: list[Problem] = field(default_factory=list)
    defined: dict[Namespace, dict[str, tuple[Source, DataPath]]] = field(default_factory=dict)
    # Patterns (fnmatch) that files with errors probably define: references that match one are not
    # reported, so one mistake gives one problem instead of one per file that refers to it.
    claimed: dict[Namespace, list[str]] = field(default_factory=dict)
    homes: dict[Namespace, str | None] = field(default_factory=dict)  # the one file defining them, if one

    def define(self, namespace: Namespace, value: str, source: Source, path: DataPath, what: str) -> None:
        table = self.defined.setdefault(namespace, {})
        if self.homes.setdefault(namespace, source.path) != source.path:
            self.homes[namespace] = None  # ids from several files: no single place to point at
        if value in table:
            first, first_path = table[value]
            line, _ = first.where(first_path)
            self.problems.append(
                source.problem(path, f"{what} id '{value}' is already used in {first.path}:{line}; ids must be unique")
            )
        else:
            table[value] = (source, path)

    def claim(self, namespace: Namespace, pattern: str = "*") -> None:
        self.claimed.setdefault(namespace, []).append(pattern)

    def known(self, namespace: Namespace) -> set[str]:
        return set(self.defined.get(namespace, {}))

    def exists(self, namespace: Namespace, value: str) -> bool:
        if value in self.defined.get(namespace, {}):
            return True
        return any(fnmatch.fnmatchcase(value, pattern) for pattern in self.claimed.get(namespace, ()))

    def resolve(
        self, namespace: Namespace, value: str, source: Source, path: DataPath, what: str, where: str = ""
    ) -> bool:
        """Report `value` if no file defines it in `namespace`, with a suggestion or the choices."""
        if self.exists(namespace, value):
            return True
        message = f"unknown {what} '{value}'{where}"
        self.fail(source, path, message, value, self.known(namespace), self.homes.get(namespace))
        return False

    def fail(
        self,
        source: Source,
        path: DataPath,
        message: str,
        value: str,
        choices: Iterable[str],
        home: str | None = None,
        *,
        key: bool = False,
    ) -> None:
        choices = sorted(choices)
        close = difflib.get_close_matches(str(value), choices, n=1)
        if close:
            message += f"; did you mean '{close[0]}'?"
        elif choices and len(choices) <= 12:
            message += f"; {'defined in ' + home + ': ' if home else 'choose from: '}{', '.join(choices)}"
        elif home:
            message += f"; see {home}"
        self.problems.append(source.problem(path, message, key=key))


@dataclass
class Context:
    """What kinds share while loading: the id table, every valid file by kind, and built parts."""

    data_dir: Path
    ids: Ids
    entries: dict[str, list[Entry]]
    parts: dict[str, Any] = field(default_factory=dict)

    @property
    def problems(self) -> list[Problem]:
        return self.ids.problems

    def single(self, kind: str) -> Entry | None:
        found = self.entries.get(kind, [])
        return found[0] if found else None


def _nothing(_ctx: Context, _entries: list[Entry]) -> None:
    return None


@dataclass(frozen=True)
class Kind:
    name: str  # also the schema file name: schema/<name>.schema.json
    pattern: str  # glob relative to the data folder
    namespaces: tuple[str, ...]  # first parts of the namespaces its files define ids in
    define: Callable[[Ids, Entry], None]  # ids one valid file defines
    build: Callable[[Context, list[Entry]], None] = _nothing  # puts its part of the model in ctx.parts
    check: Callable[[Context, list[Entry]], None] = _nothing  # cross-file checks, after every define
    claim: Callable[[Ids, Path, Any], None] | None = None  # ids a broken file probably defines
    after: tuple[str, ...] = ()  # kinds whose parts `build` uses
    required: bool = False  # the pattern is a single file that must exist

    def claim_broken(self, ids: Ids, path: Path, data: Any) -> None:
        """By default a broken file may define any id in its namespaces."""
        if self.claim:
            self.claim(ids, path, data)
        else:
            for namespace in self.namespaces:
                ids.claim((namespace,))


def ordered(kinds: Iterable[Kind]) -> list[Kind]:
    """Kinds in an order where each comes after the kinds it names in `after`."""
    pending = list(kinds)
    unknown = sorted({name for kind in pending for name in kind.after} - {kind.name for kind in pending})
    if unknown:
        raise ValueError(f"'after' names no kind: {', '.join(unknown)}")
    done: list[Kind] = []
    while pending:
        ready = [kind for kind in pending if all(name in {d.name for d in done} for name in kind.after)]
        if not ready:
            raise ValueError(f"circular 'after' between kinds: {', '.join(k.name for k in pending)}")
        done += ready
        pending = [kind for kind in pending if kind not in ready]
    return done


def unique_ids(namespace: str, what: str, lists: tuple[str, ...], ids: Ids, entry: Entry) -> None:
    """The `define` step (with functools.partial) of a file whose lists of entries each have an id,
    unique across the lists."""
    for list_name in lists:
        for index, item in enumerate(entry.data[list_name]):
            ids.define((namespace,), item["id"], entry.source, (list_name, index, "id"), what)


def file_name_matches(ids: Ids, entry: Entry, key: str, expected: str, where: str) -> None:
    if entry.data[key] != expected:
        ids.problems.append(
            entry.source.problem((key,), f"{key} '{entry.data[key]}' must match the {where} '{expected}'")
        )


def item_id_matches(ids: Ids, entry: Entry, item_id: str, path: DataPath, prefix: str, number: str, what: str) -> None:
    """Item ids say where the item was first published: <prefix>-<level>-<number>."""
    if not re.fullmatch(rf"{re.escape(prefix)}-{number}-[1-9][0-9]*", item_id):
        example = f"{prefix}-{number}-1"
        ids.problems.append(
            entry.source.problem(
                path, f"{what} id '{item_id}' must have the form {prefix}-{number}-<number>, e.g. {example}"
            )
        )
