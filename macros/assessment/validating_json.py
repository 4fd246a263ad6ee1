"""Checking a saved assessment (the JSON the self-assessment page exports, the format of
macros/outputs/assessment_file.py) against its schema and the model: its format and version, every
value's type, the model version, and every id. The result is an Assessment, or ReportError with every
problem at once, each at its line and column."""

from __future__ import annotations

import copy
import difflib
import functools
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import fastjsonschema

from macros.assessment.records import JSON, Answer, Assessment, ReportError, text
from macros.assessment.resuming import Resumed, resume
from macros.data.cache import schema_validator
from macros.data.problems import Problem
from macros.data.schemas import _detailed_validator, error_problems
from macros.data.yamlsource import Source
from macros.model.index import per_model
from macros.model.records import Model
from macros.outputs import checklists
from macros.outputs.assessment_file import FORMAT, VERSION, schema_dict
from macros.outputs.export import model_version
from macros.rules import scoring, selection

SET = ("set", None)  # target sources meaning "set by the assessor": the page reads a missing one so


@functools.cache  # one of each for every file: building them costs more than checking a file
def _validators() -> tuple[Callable[[Any], Any], Any]:
    """A compiled validator that says quickly whether a file is valid, as the data loader does, and jsonschema's,
    which walks an invalid file to list every error with its path."""
    schema = _schema()
    return schema_validator(schema), _detailed_validator()(schema)


def _schema() -> dict[str, Any]:
    """The published schema, patched for the report's messages.

    Ids and the model version are checked against the model instead of by pattern (_ids below):
    "unknown practice 'x'; did you mean 'y'?" says more than "does not match ^[a-z0-9]+...", and each
    problem is reported once, not by both. So the patterns of the model version, the profile and framework
    ids and the keys of targets, answers and levels go; the labels name the levels in messages."""
    schema = copy.deepcopy(schema_dict())  # changed below: schema_dict's shared parts stay as they are
    fields = schema["properties"]
    fields["model_version"] = {"type": "string"}
    guidance = fields["guidance"]["properties"]
    guidance["profiles"]["items"], guidance["framework"] = {"type": "string"}, {"type": ["string", "null"]}
    for name in ("targets", "answers", "levels", "out_of_scope", "fingerprints", "removed"):
        del fields[name]["propertyNames"]
    # New dicts, each with its label: the two levels are one dict in the schema.
    targets, levels = fields["targets"]["additionalProperties"]["properties"], fields["levels"]
    targets["level"] = {**targets["level"], "x-label": "the target of '{parent}'"}
    levels["additionalProperties"] = {**levels["additionalProperties"], "x-label": "the level of '{key}'"}
    return schema


def _schema_problems(source: Source) -> Iterator[Problem]:
    # The data files' validator (jsonschema, patterns read as fastjsonschema reads them), which lists every
    # error with its path, and their wording of those errors.
    fast, detailed = _validators()
    try:
        fast(source.data)
        return
    except fastjsonschema.JsonSchemaException:
        pass  # the detailed validator says what is wrong (and may find nothing: fastjsonschema checks formats)
    for error in detailed.iter_errors(source.data):
        if error.validator == "enum" and "" in error.validator_value:  # the statuses: "" would read as nothing
            path, choices = tuple(error.absolute_path), ", ".join(s for s in scoring.STATUSES if s)
            yield source.problem(path, f"the status of '{path[1]}' must be one of: {choices}, or \"\" (not assessed)")
        else:
            yield from error_problems(source, error)


def _unknown(
    source: Source, path: tuple[str | int, ...], what: str, value: object, known: list[str], *, key: bool = False
) -> Problem:
    close = difflib.get_close_matches(str(value), known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    if not close and len(known) <= 8:  # a short list helps more than nothing; a long one buries the message
        hint = f"; expected one of: {', '.join(known)}"
    return source.problem(path, f"unknown {what} '{value}'{hint}", key=key)


@per_model
def _items(model: Model) -> dict[str, None]:
    """Every item of the model, in order: any may be answered, as the page keeps the answers of a profile that
    is unticked again."""
    every = selection.select(model, [p.id for p in model.profiles])
    return dict.fromkeys(r.item for r in checklists.rows(model, [p.id for p in model.practices], every))


def _ids(model: Model, source: Source) -> list[Problem]:
    """Every id of the file that the model lacks, and a model version that is not the model's."""
    data: Any = source.data
    problems: list[Problem] = []

    def part(*keys: str, kind: type[Any] = dict) -> Any:  # empty where the schema found another type
        value = data
        for name in keys:
            value = value.get(name) if isinstance(value, dict) else None
        return value if isinstance(value, kind) else kind()

    # Another model version is no problem by itself (resuming.resume): its answers to items this model lacks
    # are moved or kept apart. The same version naming an item it lacks is a broken file.
    same_version = data.get("model_version") == model_version(model)
    profiles, practices = [p.id for p in model.profiles], [p.id for p in model.practices]
    for index, profile in enumerate(part("guidance", "profiles", kind=list)):
        if isinstance(profile, str) and profile not in profiles:
            problems.append(_unknown(source, ("guidance", "profiles", index), "profile", profile, profiles))
    framework, frameworks = part("guidance").get("framework"), [f.id for f in model.frameworks]
    if isinstance(framework, str) and framework not in frameworks:
        problems.append(_unknown(source, ("guidance", "framework"), "framework", framework, frameworks))
    for name in ("targets", "levels", "out_of_scope"):
        problems += [
            _unknown(source, (name, p), "practice", p, practices, key=True) for p in part(name) if p not in practices
        ]
    if same_version:
        items = _items(model)
        problems += [
            _unknown(source, ("answers", i), "item", i, list(items), key=True)
            for i in part("answers")
            if i not in items
        ]
    return problems


def _notices(model: Model, data: Any, resumed: Resumed) -> tuple[str, ...]:
    """What opening a file of another model version changed, one sentence each."""
    version, ours = data["model_version"], model_version(model)
    if version == ours:
        return ()
    out = [f"Made with model version {version}; this is {ours}. Answers to items that still exist are kept."]
    if resumed.moved:
        moved = ", ".join(f"{a} → {b}" for a, b in resumed.moved)
        out.append(f"Moved to the successor of a retired item: {moved}.")
    if resumed.reworded:
        out.append("Reworded since you answered, check again: " + ", ".join(resumed.reworded) + ".")
    elif "fingerprints" not in data:
        out.append("The file does not record the texts its answers were given to: check them against the texts now.")
    if resumed.retired:
        out.append("Retired without a successor, not counted: " + ", ".join(resumed.retired) + ".")
    if resumed.unknown:
        out.append("Neither in this model nor retired, not counted: " + ", ".join(resumed.unknown) + ".")
    return tuple(out)


def validate_json(model: Model, source: Source) -> Assessment:
    """The Assessment of a saved assessment, or every problem found in it, each at its line and column."""
    data: Any = source.data
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        # Not an assessment at all: a list of its other "problems" would only bury this one.
        found = f", not {json.dumps(data['format'])}" if isinstance(data, dict) and "format" in data else ""
        why = f'not a saved assessment: "format" must be "{FORMAT}"{found}'
        raise ReportError([str(source.problem(("format",), why))])
    if data.get("version") != VERSION:
        found = json.dumps(data.get("version"))
        why = f"format version {found} is not supported; this smm-guide reads version {VERSION}"
        raise ReportError([str(source.problem(("version",), why))])
    problems = [*_schema_problems(source), *_ids(model, source)]
    if problems:
        raise ReportError([str(p) for p in sorted(set(problems))])

    practices, targets, scoped = [p.id for p in model.practices], data["targets"], data.get("out_of_scope", {})
    resumed = resume(model, data["answers"], data.get("fingerprints", {}))
    given = resumed.answers
    # The checklist the page showed: its guidance's profiles (all of the model's, checked above).
    variant = selection.select(model, data["guidance"]["profiles"])
    answers: dict[str, Answer] = {}
    for row in checklists.kept_rows(model, practices, variant):
        # The page drops an answer left without status and note: an item missing from the file is not assessed.
        entry = given.get(row.item, {"status": scoring.NOT_ASSESSED, "note": ""})
        answers[row.item] = Answer(-1, row.item, entry["status"], entry["note"])
    return Assessment(
        Path(source.path).name,
        JSON,
        variant,
        {p: int(targets[p]["level"]) if p in targets else None for p in practices},
        answers,
        system=text(data.get("system")),
        levels={p: int(data["levels"][p]) for p in practices if p in data["levels"]},
        justified={
            p: targets[p]["justification"] for p in practices if p in targets and targets[p].get("source") in SET
        },
        elsewhere=tuple(item for item in given if item not in answers),
        notices=_notices(model, data, resumed),
        reworded=tuple(item for item in resumed.reworded if item in answers),
        out_of_scope={p: text(scoped[p]) for p in practices if p in scoped},
        created=text(data.get("created")),
        archetypes=tuple(sorted({c["archetype"] for c in data["characterization"].values() if c["archetype"]})),
    )
