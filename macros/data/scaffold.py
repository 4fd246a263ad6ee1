"""`smm-guide new-profile ID` and `smm-guide new-framework ID`: complete-shaped data files that
validate as soon as they are written, with every value still to write marked FILL IN.

`smm-guide lint` (and so `make test`) reports every FILL IN left, so a scaffold cannot be
published half-filled. Nothing existing is ever overwritten.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from macros.data.loader import schema_line
from macros.model.records import LEVEL_NUMBERS, Model

MARKER = "FILL IN"


class ScaffoldError(Exception):
    pass


def _dump(data_dir: Path, path: Path, kind: str, content: dict[str, Any]) -> Path:
    text = yaml.safe_dump(content, sort_keys=False, allow_unicode=True, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_line(data_dir, path, kind) + "\n" + text, encoding="utf-8")
    return path


def _refuse_existing(paths: list[Path]) -> None:
    existing = [str(p) for p in paths if p.exists()]
    if existing:
        raise ScaffoldError(f"refusing to overwrite: {', '.join(existing)}")


def _fill(what: str) -> str:
    return f"{MARKER}: {what}"


def new_profile(model: Model, data_dir: Path, profile_id: str, prefix: str) -> list[Path]:
    """A profile folder: profile.yaml, considerations for every practice, one dimension, one archetype.

    `combine_with` names every framework of the model and a practice file is written for every
    practice: the contributor deletes the frameworks the profile does not relate to and the files of
    practices it adds nothing to (see PRACTICE_FILES_NOTE)."""
    folder = data_dir / "profiles" / profile_id
    if folder.exists():
        raise ScaffoldError(f"refusing to overwrite: {folder} exists")
    reference = model.references[0].id
    written = [
        _dump(
            data_dir,
            folder / "profile.yaml",
            "profile",
            {
                "id": profile_id,
                "name": _fill("the profile's full name"),
                "short_name": _fill("a short name"),
                "id_prefix": prefix,
                "scope": "industry-specific",
                "baseline": 2,
                "summary": _fill("one sentence on what the profile adds"),
                "description": _fill("what the profile covers and for whom"),
                "references": [reference],
                "combine_with": [framework.id for framework in model.frameworks],
                "uncertainty": _fill("what could not be confirmed in the sources, or delete this line"),
                "tags": [{"id": "concept", "name": _fill("a concept name"), "description": _fill("what it means")}],
            },
        ),
    ]
    for practice in model.practices:
        levels = {
            n: [
                {
                    "id": f"{prefix}-{practice.id}-{n}-{k}",
                    "text": _fill(f"one checkable claim for {practice.name} at level {n}"),
                    "pass": _fill("Pass if ... (what an assessor checks)"),
                    "evidence": _fill("named evidence"),
                    "tags": ["concept"],
                }
                for k in (1, 2)
            ]
            for n in LEVEL_NUMBERS
        }
        path = folder / "practices" / f"{practice.id}.yaml"
        written.append(_dump(data_dir, path, "profile-practice", {"practice": practice.id, "levels": levels}))
    first, second = model.practices[0], model.practices[1]
    options = [
        {
            "id": f"option-{n}",
            "name": _fill(f"option {n}"),
            "description": _fill("what this option means"),
            "effects": [{"practice": practice.id, "direction": direction, "why": _fill("why the need changes")}],
        }
        for n, practice, direction in ((1, first, "up"), (2, second, "down"))
    ]
    dimension = {
        "id": "dimension",
        "name": _fill("a dimension"),
        "question": _fill("the question it asks"),
        "description": _fill("why it matters"),
        "options": options,
    }
    written.append(_dump(data_dir, folder / "dimensions.yaml", "dimensions", {"dimensions": [dimension]}))
    targets = {p.id: {"level": 2, "why": _fill("why this target")} for p in model.practices}
    archetype = {
        "id": "example",
        "name": _fill("an example system"),
        "summary": _fill("what it is"),
        "characterization": {"dimension": "option-1"},
        "targets": targets,
    }
    targets[first.id]["level"] = 3  # what option-1's effect suggests: baseline 2, one level up
    written.append(_dump(data_dir, folder / "archetypes.yaml", "archetypes", {"archetypes": [archetype]}))
    return written


def new_framework(model: Model, data_dir: Path, framework_id: str) -> list[Path]:
    """A framework file with one group and one requirement, and its source in references.yaml."""
    path = data_dir / "frameworks" / f"{framework_id}.yaml"
    _refuse_existing([path])
    reference_id = f"{framework_id}-source"
    if any(r.id == reference_id for r in model.references):
        raise ScaffoldError(f"refusing to overwrite: reference '{reference_id}' exists in references.yaml")
    written = [
        _dump(
            data_dir,
            path,
            "framework",
            {
                "id": framework_id,
                "name": _fill("the framework's full name"),
                "short_name": _fill("a short name"),
                "publisher": _fill("publisher"),
                "version": _fill("version"),
                "date": "2024",
                "description": _fill("what the framework covers, in our own words"),
                "references": [reference_id],
                "mapped_at": "requirements",
                "uncertain": [_fill("what could not be confirmed in two public sources, or remove this list")],
                "groups": [
                    {
                        "id": "group-1",
                        "code": _fill("group code"),
                        "name": _fill("group name"),
                        "requirements": [
                            {
                                "id": "req-1",
                                "code": _fill("requirement code"),
                                "title": _fill("short title; never the standard's text"),
                            }
                        ],
                    }
                ],
            },
        ),
    ]
    references = data_dir / "references.yaml"
    entry = yaml.safe_dump(
        [
            {
                "id": reference_id,
                "title": _fill("title of the source"),
                "publisher": _fill("publisher"),
                "date": "2024",
                "url": "https://example.org/" + framework_id,
                "note": _fill("where the identifiers and titles were checked; replace the address"),
            }
        ],
        sort_keys=False,
        allow_unicode=True,
        width=100,
    )
    # Appended, never rewritten: the contributor's file keeps its own comments and order.
    with references.open("a", encoding="utf-8") as out:
        out.write("".join(f"  {line}\n" for line in entry.splitlines()))
    written.append(references)
    return written


# What `smm-guide new-profile` says about the practice files it writes (CONTRIBUTING says the same).
PRACTICE_FILES_NOTE = (
    "A profile may leave practices out: delete practices/<practice-id>.yaml for every practice the "
    "profile adds nothing to (its pages, checklists and downloads then show the general guidance "
    "alone), and remove from combine_with the frameworks the profile does not relate to."
)


def unfinished(paths: list[Path]) -> list[tuple[Path, int]]:
    """(file, number of FILL IN markers) for each written file."""
    return [(p, p.read_text(encoding="utf-8").count(MARKER)) for p in paths]
