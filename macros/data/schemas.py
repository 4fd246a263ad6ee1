"""JSON Schemas of the data files: loading, validation and contributor-friendly error wording.

Wording comes from the schemas themselves, so no data kind is spelt out here: `x-hint` explains a
pattern, `x-label` names a list in messages ("{key}" and "{parent}" are the last two keys of its
path), `x-markdown` marks prose that is checked for raw HTML and script links.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import fastjsonschema

from macros.data.cache import schema_validator
from macros.data.problems import Problem
from macros.data.text import text_problems
from macros.data.yamlsource import DataPath, Source

COMMON = "common.schema.json"
TYPE_NAMES = {
    "string": "a string",
    "integer": "a whole number",
    "object": "a mapping (key: value)",
    "array": "a list",
    "boolean": "true or false",
    "null": "empty",
}


def inline_refs(node: Any, definitions: dict[str, Any]) -> Any:
    """Replace `{"$ref": "common.schema.json#/$defs/x"}` by the definition itself.

    Validators then need no reference resolution (which would try the network), while editors
    still follow the relative `$ref` in the files.
    """
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.startswith(f"{COMMON}#/$defs/"):
            return {**definitions[ref.rsplit("/", 1)[1]], **{k: v for k, v in node.items() if k != "$ref"}}
        return {key: inline_refs(value, definitions) for key, value in node.items()}
    if isinstance(node, list):
        return [inline_refs(value, definitions) for value in node]
    return node


class Schemas:
    """The schema of each data kind, compiled on first use.

    A compiled validator says quickly whether a file is valid; only for a file that is not does
    jsonschema walk it to list every error with its path.
    """

    def __init__(self, schema_dir: Path):
        self.schema_dir = schema_dir
        self.definitions = json.loads((schema_dir / COMMON).read_text(encoding="utf-8"))["$defs"]
        self.schemas: dict[str, dict[str, Any]] = {}
        self.compiled: dict[str, Callable[[Any], Any]] = {}

    def schema(self, kind: str) -> dict[str, Any]:
        if kind not in self.schemas:
            raw = json.loads((self.schema_dir / f"{kind}.schema.json").read_text(encoding="utf-8"))
            self.schemas[kind] = inline_refs(raw, self.definitions)
        return self.schemas[kind]

    def problems(self, kind: str, source: Source) -> list[Problem]:
        schema = self.schema(kind)
        if kind not in self.compiled:
            self.compiled[kind] = schema_validator(schema)
        try:
            self.compiled[kind](source.data)
        except fastjsonschema.JsonSchemaException:
            errors = _detailed_validator()(schema).iter_errors(source.data)
            return [problem for error in errors for problem in error_problems(source, error)]
        return []


# Python's `$` also matches before a final newline; JSON Schema's (and fastjsonschema's) does not.
END_ANCHOR = re.compile(r"(?<!\\)\$")


@functools.cache
def _detailed_validator() -> Any:
    """jsonschema's validator with `pattern` read as fastjsonschema reads it, so both agree on validity."""
    # Imported only here: jsonschema costs a noticeable share of a build that has no errors.
    from jsonschema import Draft202012Validator, ValidationError, validators

    def pattern(validator: Any, pattern: str, instance: Any, _schema: dict[str, Any]) -> Iterator[Any]:
        if validator.is_type(instance, "string") and not re.search(END_ANCHOR.sub(r"\\Z", pattern), instance):
            yield ValidationError(f"{instance!r} does not match {pattern!r}")

    # types-jsonschema declares `extend` without annotations.
    return validators.extend(Draft202012Validator, {"pattern": pattern})  # type: ignore[no-untyped-call]


def _python_type(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "a string", list: "a list", dict: "a mapping"}
    return names.get(type(value), "empty" if value is None else type(value).__name__)


def label(path: DataPath, schema: dict[str, Any] | None = None) -> str:
    """How a message names the value at `path`: the schema's x-label, else its dotted key path."""
    keys = [str(part) for part in path if not isinstance(part, int)]
    if schema and "x-label" in schema:
        template: str = schema["x-label"]
        return template.format(key=keys[-1] if keys else "", parent=keys[-2] if len(keys) > 1 else "")
    if not keys:
        return "the file"
    # A bare level key such as '2' says little on its own: name the mapping it sits in too.
    return f"'{'.'.join(keys[-2:])}'" if keys[-1].isdigit() else f"'{keys[-1]}'"


def error_problems(source: Source, error: Any) -> list[Problem]:
    path = tuple(error.absolute_path)
    kind, schema = error.validator, error.schema
    name = label(path, schema)
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        allowed = list(schema.get("properties", {}))
        problems = []
        for key in error.instance:
            if key in allowed:
                continue
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; allowed keys: {', '.join(allowed)}"
            problems.append(source.problem(path + (key,), f"unknown key '{key}'{hint}", key=True))
        return problems
    if kind == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        return [source.problem(path, f"missing required key '{key}' in {name}") for key in missing]
    if "propertyNames" in error.schema_path:
        key = error.instance
        hint = schema.get("x-hint", "use lowercase letters, digits and single hyphens")
        return [source.problem(path + (key,), f"key '{key}' is not allowed here: {hint}", key=True)]
    if kind == "type":
        expected: list[str] = (
            error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        )
        wanted = " or ".join(TYPE_NAMES.get(t, t) for t in expected)
        got = _python_type(error.instance)
        hint = "; put it in quotes" if "string" in expected and got not in ("a list", "a mapping") else ""
        return [source.problem(path, f"{name} must be {wanted}, not {got}{hint}")]
    if kind == "pattern":
        hint = schema.get("x-hint", f"it must match {schema.get('pattern')}")
        return [source.problem(path, f"{name} '{error.instance}' is not valid: {hint}")]
    if kind == "enum":
        options = ", ".join(str(option) for option in error.validator_value)
        return [source.problem(path, f"{name} must be one of: {options}")]
    if kind in ("minItems", "maxItems"):
        bound = "at least" if kind == "minItems" else "at most"
        count = len(error.instance)
        return [source.problem(path, f"{name} has {count} item(s); it needs {bound} {error.validator_value}")]
    if kind == "minLength":
        return [source.problem(path, f"{name} must not be empty")]
    if kind == "minProperties":
        return [source.problem(path, f"{name} is empty; it needs at least {error.validator_value} key(s)")]
    if kind in ("minimum", "maximum"):
        bound = "at least" if kind == "minimum" else "at most"
        return [source.problem(path, f"{name} must be {bound} {error.validator_value}")]
    if kind == "uniqueItems":
        return [source.problem(path, f"{name} lists the same item twice")]
    return [source.problem(path, error.message)]


def markdown_values(
    schema: dict[str, Any], data: Any, path: DataPath = (), root: dict[str, Any] | None = None
) -> Iterator[tuple[DataPath, str]]:
    """Every value of a schema-valid document that the schema marks as prose (`x-markdown`)."""
    root = root or schema
    if schema.get("$ref", "").startswith("#/"):
        target = root
        for part in schema["$ref"][2:].split("/"):
            target = target[part]
        schema = target
    if schema.get("x-markdown") and isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key, value in data.items():
            child = properties.get(key, extra if isinstance(extra, dict) else None)
            if child:
                yield from markdown_values(child, value, path + (key,), root)
    elif isinstance(data, list) and isinstance(schema.get("items"), dict):
        for index, value in enumerate(data):
            yield from markdown_values(schema["items"], value, path + (index,), root)


def text_field_problems(schema: dict[str, Any], source: Source) -> list[Problem]:
    return [
        source.problem(path, message)
        for path, value in markdown_values(schema, source.data)
        for message in text_problems(value)
    ]
