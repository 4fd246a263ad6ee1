"""The machine-readable model (`downloads/smm-guide.json`) and its JSON Schema, both derived from
the model's lossless serialization (macros/model/serialize.py)."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from macros.model.index import per_model
from macros.model.records import Model
from macros.model.serialize import model_schema, to_data
from macros.outputs.routes import MODEL_JSON, MODEL_SCHEMA

FORMAT_VERSION = "1.1"
NOTICE = (
    "Guidance text by the smm-guide project. Independent; not affiliated with or endorsed by "
    "IIC, DTC, ISA, IEC or NIST."
)


def model_to_dict(model: Model) -> dict[str, Any]:
    return {"format_version": FORMAT_VERSION, "notice": NOTICE, **to_data(model)}


def schema_dict() -> dict[str, Any]:
    derived = model_schema()
    root = derived["root"]
    properties = {"format_version": {"const": FORMAT_VERSION}, "notice": {"type": "string"}, **root["properties"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "smm-guide.schema.json",
        "title": "smm-guide model export",
        "description": "The whole validated model of the smm-guide site. Derived from the model's types.",
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
        "$defs": derived["definitions"],
    }


def export_json(model: Model) -> str:
    # Compact: the C encoder is several times faster than indented output on large models.
    return json.dumps(model_to_dict(model), ensure_ascii=False, separators=(",", ":")) + "\n"


@per_model  # each file a command reads is checked against it: the export is computed once
def model_version(model: Model) -> str:
    """Names this exact model: the export format and a digest of the exported content.

    Workbooks and saved assessments carry it, so a file made from other data is recognized.
    """
    return version_of(export_json(model))


def version_of(exported: str) -> str:
    """model_version from the text of the JSON export, when it is at hand already."""
    return f"{FORMAT_VERSION}+{hashlib.sha256(exported.encode('utf-8')).hexdigest()[:12]}"


def export_schema() -> str:
    return json.dumps(schema_dict(), indent=2, ensure_ascii=False) + "\n"


def downloads(model: Model) -> dict[str, str | bytes]:
    return {MODEL_JSON: export_json(model), MODEL_SCHEMA: export_schema()}
