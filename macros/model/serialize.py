"""One lossless serialization of the model, and the JSON Schema of that serialization.

Both are derived from the model's dataclasses, so a field added to the model appears in the
export and in its schema without further code. Used by the JSON export and by everything that
compares or reuses the model.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from functools import cache
from typing import Any

from macros.model import records as m

EXPORT_NAMES = {"pass_criterion": "pass"}  # field names that are Python keywords in the data files


def _public_fields(cls: type) -> list[dataclasses.Field[Any]]:
    return [f for f in dataclasses.fields(cls) if not f.name.startswith("_")]


@cache
def _exported_names(cls: type) -> tuple[tuple[str, str], ...]:
    """(attribute, exported key) of a model class, looked up once per class."""
    return tuple((f.name, EXPORT_NAMES.get(f.name, f.name)) for f in _public_fields(cls))


def to_data(value: Any) -> Any:
    """Plain JSON values for a model object: dataclasses as objects, mappings with string keys."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (tuple, list)):
        return [to_data(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): to_data(item) for key, item in value.items()}
    cls: type = type(value)  # annotated: mypy does not take the type[Any] of an Any value as Hashable for the cache
    return {key: to_data(getattr(value, name)) for name, key in _exported_names(cls)}


def _type_schema(annotation: Any) -> dict[str, Any]:
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        options = [_type_schema(arg) for arg in args if arg is not type(None)]
        return {"anyOf": [*options, {"type": "null"}]} if type(None) in args else {"anyOf": options}
    if origin is tuple:
        return {"type": "array", "items": _type_schema(args[0])}
    if origin is not None and issubclass(origin, Mapping):
        return {"type": "object", "additionalProperties": _type_schema(args[1])}
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return {"$ref": f"#/$defs/{annotation.__name__}"}
    return {str: {"type": "string"}, int: {"type": "integer"}, bool: {"type": "boolean"}}[annotation]


def _object_schema(cls: type, definitions: dict[str, Any]) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    for f in _public_fields(cls):
        properties[EXPORT_NAMES.get(f.name, f.name)] = _type_schema(hints[f.name])
        for nested in _dataclasses_in(hints[f.name]):
            if nested.__name__ not in definitions:
                definitions[nested.__name__] = {}
                definitions[nested.__name__] = _object_schema(nested, definitions)
    schema: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }
    if cls.__doc__ and not cls.__doc__.startswith(f"{cls.__name__}("):
        schema["description"] = " ".join(cls.__doc__.split())
    return schema


def _dataclasses_in(annotation: Any) -> list[type]:
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        return [annotation]
    return [found for arg in typing.get_args(annotation) for found in _dataclasses_in(arg)]


@cache
def model_schema() -> dict[str, Any]:
    """The JSON Schema of `to_data(model)`: every field required, no other key allowed."""
    definitions: dict[str, Any] = {}
    root = _object_schema(m.Model, definitions)
    return {"root": root, "definitions": dict(sorted(definitions.items()))}
