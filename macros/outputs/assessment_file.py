"""The in-browser self-assessment (the assess/ page): the model script it reads and the versioned
format of the assessments it saves, exports and imports, with that format's JSON Schema.

The page is content/assets/assess/; it implements the scoring rule (macros/rules/scoring.py) and the
target-suggestion rule (macros/rules/suggestion.py) again in JavaScript, tested against the same vectors.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from macros.outputs.checklists import COLUMNS
from macros.rules.scoring import STATUSES

FORMAT = "smm-guide-assessment"
VERSION = 1
MAX_BYTES = 2 * 1024 * 1024  # larger files are refused before they are read
SCOPE_REASON_LENGTH = 300
OPTIONAL = ("system", "out_of_scope", "fingerprints", "removed")  # fields a file may leave out
TARGET_SOURCES = ("suggested", "archetype", "set")  # rule suggestion, archetype target, set by the assessor

_ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
_LEVEL = {"type": "integer", "minimum": 0, "maximum": 4}


def _object(properties: dict[str, Any], required: list[str] | None = None) -> dict[str, Any]:
    required = list(properties) if required is None else required
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def _map(values: dict[str, Any], description: str) -> dict[str, Any]:
    return {"type": "object", "description": description, "propertyNames": _ID, "additionalProperties": values}


def schema_dict() -> dict[str, Any]:
    """The JSON Schema of a saved assessment (downloads/assessment.schema.json)."""
    nullable_id = {"anyOf": [_ID, {"type": "null"}]}
    properties = {
        "format": {"const": FORMAT},
        "version": {"const": VERSION, "description": "The version of this format."},
        "model_version": {
            "type": "string",
            "pattern": r"^\d+\.\d+\+[0-9a-f]{12}$",
            "description": "The model the assessment was last saved with (export format and digest of the exported "
            "model). A file of another model version still opens: answers to items that still exist are kept, those "
            "to retired items move to their successors, reworded items are flagged and removed ones kept apart.",
        },
        "created": {"type": "string", "format": "date-time", "description": "When the assessment was started."},
        "system": {"type": "string", "maxLength": 500, "description": "The name of the assessed system."},
        "guidance": _object(
            {
                "profiles": {"type": "array", "items": _ID, "uniqueItems": True},
                "framework": {**nullable_id, "description": "The framework whose mapped requirements are shown."},
            }
        ),
        "characterization": _map(
            _object(
                {
                    "archetype": {**nullable_id, "description": "The archetype the targets started from, if any."},
                    "options": _map(_ID, "Dimension id -> chosen option id."),
                }
            ),
            "Profile id -> its characterization.",
        ),
        "targets": _map(
            _object(
                {
                    "level": _LEVEL,
                    "justification": {"type": "string"},
                    "source": {"enum": list(TARGET_SOURCES)},
                },
                ["level", "justification"],
            ),
            "Practice id -> target level; `source` says whether it was suggested by the rule, taken from an "
            "archetype or set by the assessor (who then justifies it).",
        ),
        "answers": _map(
            _object({"status": {"enum": list(STATUSES)}, "note": {"type": "string"}}),
            'Indicator or consideration id -> status (met, partly, not-met, na, or "" for not assessed) and evidence.',
        ),
        "levels": _map(_LEVEL, "Practice id -> current level set directly, instead of from the item answers."),
        "fingerprints": _map(
            {"type": "string", "pattern": "^[0-9a-f]{10}$"},
            "Item id -> the fingerprint of the item's text and pass criterion when it was answered: an answer "
            "whose item has another fingerprint in the model now is flagged as reworded since it was answered.",
        ),
        "removed": _map(
            _object({"status": {"enum": list(STATUSES)}, "note": {"type": "string"}}),
            "Answers to items the model no longer has (removed, or retired without a successor), kept from a file "
            "made with an earlier model version; they are not counted.",
        ),
        "out_of_scope": _map(
            {"type": "string", "maxLength": SCOPE_REASON_LENGTH},
            "Practice id -> the one-line reason it is out of the assessment's scope. Counts, gaps, next steps and "
            "charts cover the other practices only; the answers of a practice out of scope are kept. Without this "
            "field (files saved before it existed) every practice is in scope.",
        ),
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "assessment.schema.json",
        "title": "smm-guide self-assessment",
        "description": "An assessment saved by the self-assessment page of the smm-guide site. Achieved levels are "
        "not stored: they follow from the answers by the scoring rule.",
        **_object(properties, [name for name in properties if name not in OPTIONAL]),
    }


def fingerprint(text: str, pass_criterion: str) -> str:
    """A short digest of what an answer was given to: the item's text and pass criterion, spacing aside."""
    words = " ".join(text.split()) + "\n" + " ".join(pass_criterion.split())
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:10]


def with_fingerprints(model: Any) -> Any:
    """The page model with each item's fingerprint (`fp`), which the page stores with an answer."""
    items = [i for p in model["practices"] for level in p["levels"].values() for i in level["indicators"]]
    items += [c for pr in model["profiles"] for levels in pr["practices"].values() for n in levels for c in levels[n]]
    for item in items:
        item["fp"] = fingerprint(item["text"], item["pass"])
    return model


def settings(version: str, relationships: dict[str, str]) -> dict[str, Any]:
    """What the page needs besides the model: the format it saves, the checklist's CSV columns and
    the names of the mapping relationships (id -> name, from the model's mapping method)."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "model_version": version,
        "max_bytes": MAX_BYTES,
        "optional": list(OPTIONAL),
        "scope_reason_length": SCOPE_REASON_LENGTH,
        "csv_columns": list(COLUMNS),
        "relationships": relationships,
    }


# Fields of the export that the page never reads (path of the list or object -> keys). Left out
# of its script, which the browser must parse before the page can start; downloads/smm-guide.json
# has them all.
UNREAD = {
    (): ("notice", "scopes", "glossary", "references", "constraints", "mapping_method", "scoring_examples"),
    ("practices",): ("description", "absence", "example", "pitfalls", "related", "source"),
    ("practices", "levels"): ("considerations",),
    ("frameworks",): ("description", "notes", "uncertain", "unmapped", "references"),
    ("frameworks", "groups"): ("description",),
    ("frameworks", "requirements"): ("description", "title_ours", "security_levels", "children", "parent", "group"),
    ("mappings",): ("rationale", "security_level"),
    ("retired",): ("date", "why"),
}


def page_model(exported: Any, path: tuple[str, ...] = ()) -> object:
    """The export without the UNREAD fields; lists and per-level mappings keep their path."""
    if isinstance(exported, list):
        return [page_model(value, path) for value in exported]
    if not isinstance(exported, dict):
        return exported
    unread = UNREAD.get(path, ())
    # A practice's levels are keyed by level number: their path stays ("practices", "levels").
    numbered = path == ("practices", "levels") and all(key.isdigit() for key in exported)
    return {
        key: page_model(value, path if numbered else (*path, key))
        for key, value in exported.items()
        if key not in unread
    }


def model_script(exported: str, version: str) -> str:
    """assets/smm-model.js: the model as a script (fetching JSON fails from file://). JSON.parse
    of a string literal starts faster than an object literal of the same size."""
    data = json.loads(exported)
    relationships = {item["id"]: item["name"] for item in data["mapping_method"]["relationships"]}
    model = json.dumps(with_fingerprints(page_model(data)), ensure_ascii=False, separators=(",", ":"))
    return (
        "/* The smm-guide model for the self-assessment page; generated from the validated data. */\n"
        f"window.SMM_MODEL = JSON.parse({json.dumps(model, ensure_ascii=False)});\n"
        f"window.SMM_ASSESSMENT = {json.dumps(settings(version, relationships))};\n"
        # Scripts that Material's instant navigation inserts may run in any order: start the page
        # here too, in case its scripts ran first.
        "if (window.smmAssessBoot) window.smmAssessBoot();\n"
    )


def schema_json() -> str:
    """downloads/assessment.schema.json."""
    return json.dumps(schema_dict(), indent=2, ensure_ascii=False) + "\n"
