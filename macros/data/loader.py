"""Load and validate everything under `data/` into a `Model`, reporting every problem at once.

Each file is read, checked against its kind's schema and its prose checked for markup; then every
kind defines its ids, runs its cross-file checks and, when nothing is wrong, builds its part of the
model. What a kind is lives in `macros/kinds/`; this module only runs the table.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.data.kinds import KINDS
from macros.data.problems import DataError, Problem
from macros.data.registry import Context, Entry, Ids, Kind
from macros.data.schemas import Schemas, text_field_problems
from macros.data.yamlsource import Source, read_source
from macros.model import records as m

SCHEMA_DIR = "schema"
DEFAULT_DATA_DIR = "data"


def display_path(path: Path) -> str:
    """Paths as a contributor types them: relative to the working folder when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def schema_line(data_dir: Path, path: Path, kind: str) -> str:
    """The first line every data file carries, so editors check it against its schema while typing."""
    schema_ref = os.path.relpath(data_dir / SCHEMA_DIR / f"{kind}.schema.json", path.parent).replace(os.sep, "/")
    return f"# yaml-language-server: $schema={schema_ref}"


def _read_file(path: Path, kind: str, data_dir: Path, schemas: Schemas) -> tuple[Source | None, list[Problem], bool]:
    """The parsed file (None if unreadable), its problems, and whether it matches its schema."""
    display = display_path(path)
    source, problems = read_source(path.read_bytes(), display)
    if source is None:
        return None, problems, False
    expected = schema_line(data_dir, path, kind)
    if source.first_line.strip() != expected:
        problems.append(
            Problem(display, 1, 1, f"first line must be '{expected}' so editors check the file while typing")
        )
    schema_problems = schemas.problems(kind, source)
    if schema_problems:
        return source, problems + schema_problems, False
    return source, problems + text_field_problems(schemas.schema(kind), source), True


def discover(data_dir: Path, kinds: tuple[Kind, ...] = KINDS) -> tuple[list[tuple[Path, Kind]], list[Problem]]:
    files: list[tuple[Path, Kind]] = []
    problems = []
    for kind in kinds:
        if kind.required and not (data_dir / kind.pattern).is_file():
            problems.append(Problem(display_path(data_dir / kind.pattern), 1, 1, "required data file is missing"))
        files += [(path, kind) for path in sorted(data_dir.glob(kind.pattern))]
    seen = {path for path, _ in files}
    known = ", ".join(kind.pattern for kind in kinds)
    for path in sorted(data_dir.rglob("*")):
        if path.is_dir() or path in seen or path.is_relative_to(data_dir / SCHEMA_DIR):
            continue
        if path.suffix in (".yaml", ".yml"):
            hint = "rename it to .yaml" if path.suffix == ".yml" else f"data files are: {known}"
            problems.append(Problem(display_path(path), 1, 1, f"data file is not in a known place; {hint}"))
    return files, problems


@dataclass(frozen=True)
class Loaded:
    model: m.Model
    parts: dict[str, Any]  # every kind's part, including those that are not in the model (lint acknowledgements)
    ids: Ids  # where every id is defined, for tools that point at data files
    data_dir: Path


def load_model(data_dir: str | os.PathLike[str], kinds: tuple[Kind, ...] = KINDS) -> m.Model:
    """Validate every data file and return the model; raise DataError listing every problem."""
    return load(data_dir, kinds).model


def load(data_dir: str | os.PathLike[str], kinds: tuple[Kind, ...] = KINDS) -> Loaded:
    """Validate every data file and return the model and every kind's part; raise DataError."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError([Problem(display_path(data_dir), 1, 1, "data folder not found")])
    common = data_dir / SCHEMA_DIR / "common.schema.json"
    if not common.is_file():
        raise DataError([Problem(display_path(common), 1, 1, "the data folder's JSON Schemas are missing")])
    files, problems = discover(data_dir, kinds)
    schemas = Schemas(data_dir / SCHEMA_DIR)
    ctx = Context(data_dir, Ids(), {kind.name: [] for kind in kinds})
    for kind in kinds:
        if kind.required and not (data_dir / kind.pattern).is_file():
            # Reported by discover; like a broken file, its ids count so nothing refers to it in vain.
            kind.claim_broken(ctx.ids, data_dir / kind.pattern, None)
    for path, kind in files:
        source, file_problems, valid = _read_file(path, kind.name, data_dir, schemas)
        problems += file_problems
        if source is not None and valid:
            entry = Entry(path, path.relative_to(data_dir).as_posix(), source)
            ctx.entries[kind.name].append(entry)
            kind.define(ctx.ids, entry)
        else:
            # Whatever ids the broken file would define still count, so nothing refers to it in vain.
            kind.claim_broken(ctx.ids, path, source.data if source else None)
    for kind in kinds:
        kind.check(ctx, ctx.entries[kind.name])
    problems += ctx.problems
    if problems:
        raise DataError(problems)
    for kind in kinds:
        kind.build(ctx, ctx.entries[kind.name])
    return Loaded(m.Model(**{name: ctx.parts[name] for name in m.Model.parts()}), ctx.parts, ctx.ids, data_dir)
