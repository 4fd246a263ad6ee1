"""The data reference: every file kind, every field, its type, whether it is required, its allowed
values and an example from the real data, read from the JSON Schemas contributors' editors use."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.data.kinds import KINDS
from macros.data.schemas import Schemas


@dataclass(frozen=True)
class Field:
    path: str  # e.g. levels.<level>.indicators[].pass
    type: str
    required: bool
    allowed: str
    description: str


@dataclass(frozen=True)
class KindDoc:
    name: str
    pattern: str
    title: str
    description: str
    fields: tuple[Field, ...]
    example: str  # an excerpt of a real file, or ""


def _type(schema: dict[str, Any]) -> str:
    if "enum" in schema:
        return "one of a list"
    kind = schema.get("type", "any")
    names = {
        "string": "text",
        "integer": "whole number",
        "object": "mapping",
        "array": "list",
        "boolean": "true/false",
        "null": "empty",
    }
    kinds: list[str] = kind if isinstance(kind, list) else [kind]
    text = " or ".join(names.get(k, k) for k in kinds)
    if schema.get("x-markdown"):
        text = "Markdown text"
    return text


def _allowed(schema: dict[str, Any]) -> str:
    parts = []
    if "enum" in schema:
        parts.append(", ".join(f"`{value}`" if value != "" else "empty" for value in schema["enum"]))
    if "x-hint" in schema:
        parts.append(schema["x-hint"])
    elif "pattern" in schema:
        parts.append(f"matches `{schema['pattern']}`")
    for key, word in (
        ("minimum", "at least"),
        ("maximum", "at most"),
        ("minItems", "at least"),
        ("maxItems", "at most"),
        ("minProperties", "at least"),
    ):
        if key in schema:
            unit = " items" if key.endswith("Items") else " keys" if key == "minProperties" else ""
            parts.append(f"{word} {schema[key]}{unit}")
    return "; ".join(parts)


def _resolve(schema: dict[str, Any], root: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref", "")
    if ref.startswith("#/"):
        target = root
        for part in ref[2:].split("/"):
            target = target[part]
        return {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    return schema


def _fields(schema: dict[str, Any], root: dict[str, Any], prefix: str, required: bool, seen: set[str]) -> list[Field]:
    ref = schema.get("$ref", "")
    schema = _resolve(schema, root)
    found = []
    if prefix:
        description = " ".join(schema.get("description", "").split())
        found.append(Field(prefix, _type(schema), required, _allowed(schema), description))
    if ref:
        if ref in seen:  # a recursive definition (nested requirements) is listed once
            return found
        seen = seen | {ref}
    properties = schema.get("properties", {})
    needed = set(schema.get("required", []))
    for key, child in properties.items():
        found += _fields(child, root, f"{prefix}.{key}" if prefix else key, key in needed, seen)
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict):
        label = "N" if schema.get("propertyNames", {}).get("pattern") == "^[1-4]$" else "*"
        found += _fields(extra, root, f"{prefix}.{label}", False, seen)
    items = schema.get("items")
    if isinstance(items, dict):
        item = _resolve(items, root)
        if item.get("type") == "object" or "properties" in item:
            found += _fields(items, root, f"{prefix}[]", False, seen)
    return found


def _example(data_dir: Path, pattern: str, lines: int = 16) -> str:
    files = sorted(data_dir.glob(pattern))
    if not files:
        return ""
    text = files[0].read_text(encoding="utf-8").splitlines()
    excerpt = text[:lines]
    if len(text) > lines:
        excerpt.append("# ...")
    return "\n".join(excerpt)


def kind_docs(data_dir: Path) -> list[KindDoc]:
    """One entry per data kind, in the order the loader reads them."""
    schemas = Schemas(data_dir / "schema")
    docs = []
    for kind in KINDS:
        raw = json.loads((data_dir / "schema" / f"{kind.name}.schema.json").read_text(encoding="utf-8"))
        schema = schemas.schema(kind.name)
        fields = tuple(_fields(schema, schema, "", True, set()))
        example = _example(data_dir, kind.pattern)
        docs.append(
            KindDoc(kind.name, kind.pattern, raw.get("title", kind.name), raw.get("description", ""), fields, example)
        )
    return docs
