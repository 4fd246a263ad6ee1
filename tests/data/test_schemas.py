"""Schema error wording (macros/data/schemas.py) on small in-memory schemas and sources."""

import copy
import json
from pathlib import Path

import pytest

from macros.data.problems import Problem
from macros.data.schemas import Schemas, inline_refs, label, markdown_values, text_field_problems
from macros.data.yamlsource import Source, read_source

COMMON = {
    "$defs": {
        "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "x-hint": "use lowercase letters"},
        "markdown": {"type": "string", "minLength": 1, "x-markdown": True},
    }
}
ID = {"$ref": "common.schema.json#/$defs/id"}
MARKDOWN = {"$ref": "common.schema.json#/$defs/markdown"}


def source(text: str) -> Source:
    parsed, problems = read_source(text.encode(), "f.yaml")
    assert problems == [] and parsed is not None
    return parsed


@pytest.fixture
def check(tmp_path: Path):
    """check(schema, text) -> the problems of `text` against `schema`, as sorted (line, col, message)."""
    (tmp_path / "common.schema.json").write_text(json.dumps(COMMON))
    count = 0

    def run(schema: dict, text: str) -> list[tuple[int, int, str]]:
        nonlocal count
        count += 1
        kind = f"k{count}"
        (tmp_path / f"{kind}.schema.json").write_text(json.dumps(schema))
        problems = Schemas(tmp_path).problems(kind, source(text))
        assert all(p.path == "f.yaml" for p in problems)
        return sorted((p.line, p.col, p.message) for p in problems)

    return run


def obj(properties: dict, required: tuple[str, ...] = (), **extra) -> dict:
    return {"type": "object", "properties": properties, "required": list(required), **extra}


# --- inline_refs ----------------------------------------------------------------------------------


def test_inline_refs_replaces_common_definitions_everywhere():
    schema = {"properties": {"id": ID, "list": {"type": "array", "items": MARKDOWN}, "any": {"anyOf": [ID, MARKDOWN]}}}
    result = inline_refs(schema, COMMON["$defs"])
    assert result["properties"]["id"] == COMMON["$defs"]["id"]
    assert result["properties"]["list"]["items"] == COMMON["$defs"]["markdown"]
    assert result["properties"]["any"]["anyOf"] == [COMMON["$defs"]["id"], COMMON["$defs"]["markdown"]]
    assert "$ref" not in json.dumps(result)


def test_inline_refs_keeps_and_prefers_the_keys_beside_the_ref():
    node = {"$ref": "common.schema.json#/$defs/id", "description": "A tag id.", "x-hint": "a tag"}
    result = inline_refs(node, COMMON["$defs"])
    assert result == {**COMMON["$defs"]["id"], "description": "A tag id.", "x-hint": "a tag"}


def test_inline_refs_leaves_other_references_and_the_input_alone():
    definitions = copy.deepcopy(COMMON["$defs"])
    schema = {"a": {"$ref": "#/$defs/local"}, "b": {"$ref": "other.schema.json#/$defs/id"}, "c": ID, "n": [1, "x"]}
    before = copy.deepcopy(schema)
    result = inline_refs(schema, definitions)
    assert result["a"] == {"$ref": "#/$defs/local"} and result["b"] == {"$ref": "other.schema.json#/$defs/id"}
    assert result["n"] == [1, "x"]
    result["c"]["pattern"] = "changed"
    assert schema == before and definitions == COMMON["$defs"]


def test_inline_refs_of_an_unknown_definition_fails_loudly():
    with pytest.raises(KeyError):
        inline_refs({"$ref": "common.schema.json#/$defs/nothing"}, COMMON["$defs"])


# --- label ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "schema", "expected"),
    [
        ((), None, "the file"),
        (("name",), None, "'name'"),
        (("items", 2, "name"), None, "'name'"),
        # A bare level key names the mapping it sits in too.
        (("levels", "2"), None, "'levels.2'"),
        (("levels", "2", "indicators"), {"x-label": "level {parent}'s indicators"}, "level 2's indicators"),
        (("levels", "3"), {"x-label": "level {key}'s considerations"}, "level 3's considerations"),
        ((0,), {"x-label": "[{key}|{parent}]"}, "[|]"),
    ],
)
def test_label(path, schema, expected):
    assert label(path, schema) == expected


# --- Error classes ---------------------------------------------------------------------------------


def test_valid_data_has_no_problems(check):
    assert check(obj({"id": ID, "text": MARKDOWN}, ("id",)), "id: a-b\ntext: Hello.\n") == []


def test_unknown_key_with_a_close_match(check):
    schema = obj({"objective": MARKDOWN, "name": MARKDOWN}, additionalProperties=False)
    assert check(schema, "name: x\nobjectve: y\n") == [(2, 1, "unknown key 'objectve'; did you mean 'objective'?")]


def test_unknown_keys_list_the_allowed_keys_each_at_its_key(check):
    inner = obj({"id": ID, "text": MARKDOWN}, additionalProperties=False)
    schema = obj({"items": {"type": "array", "items": inner}}, additionalProperties=False)
    text = "items:\n  - id: a\n    colour: red\n    weight: 3\n"
    assert check(schema, text) == [
        (3, 5, "unknown key 'colour'; allowed keys: id, text"),
        (4, 5, "unknown key 'weight'; allowed keys: id, text"),
    ]


def test_missing_required_keys_each_reported_at_the_mapping(check):
    inner = obj({"id": ID, "text": MARKDOWN, "pass": MARKDOWN}, ("id", "text", "pass"))
    schema = obj({"item": inner, "name": MARKDOWN}, ("item", "name"))
    text = "# comment\nitem:\n  id: a\n"
    assert check(schema, text) == [
        (2, 1, "missing required key 'name' in the file"),
        (3, 3, "missing required key 'pass' in 'item'"),
        (3, 3, "missing required key 'text' in 'item'"),
    ]


LEVELS = {
    "type": "object",
    "propertyNames": {"pattern": "^[1-4]$", "x-hint": "level keys are 1, 2, 3 and 4"},
    "additionalProperties": {"type": "string"},
}


@pytest.mark.parametrize("key", ["0", "5", "10", "4x", "l4", "-1"])
def test_property_names_with_a_hint(check, key):
    schema = obj({"levels": LEVELS})
    text = f"levels:\n  1: a\n  {key}: b\n"
    assert check(schema, text) == [(3, 3, f"key '{key}' is not allowed here: level keys are 1, 2, 3 and 4")]


def test_property_names_without_a_hint(check):
    schema = obj({"map": {"type": "object", "propertyNames": {"pattern": "^[a-z]+$"}}})
    assert check(schema, "map:\n  ok: 1\n  Not_OK: 2\n") == [
        (3, 3, "key 'Not_OK' is not allowed here: use lowercase letters, digits and single hyphens")
    ]


@pytest.mark.parametrize(
    ("schema", "value", "message"),
    [
        ({"type": "string"}, "1.0", "'v' must be a string, not a number; put it in quotes"),
        ({"type": "string"}, "12", "'v' must be a string, not a number; put it in quotes"),
        ({"type": "string"}, "yes", "'v' must be a string, not true/false; put it in quotes"),
        ({"type": "string"}, "~", "'v' must be a string, not empty; put it in quotes"),
        ({"type": "string"}, "[a]", "'v' must be a string, not a list"),
        ({"type": "string"}, "{a: 1}", "'v' must be a string, not a mapping"),
        ({"type": "integer"}, "two", "'v' must be a whole number, not a string"),
        ({"type": "integer"}, "2.5", "'v' must be a whole number, not a number"),
        ({"type": "boolean"}, "'true'", "'v' must be true or false, not a string"),
        ({"type": "array"}, "a", "'v' must be a list, not a string"),
        ({"type": "object"}, "[]", "'v' must be a mapping (key: value), not a list"),
        ({"type": ["string", "null"]}, "3", "'v' must be a string or empty, not a number; put it in quotes"),
    ],
)
def test_type(check, schema, value, message):
    assert check(obj({"v": schema}), f"v: {value}\n") == [(1, 4, message)]


def test_unquoted_date_is_a_date_not_a_string(check):
    [(line, col, message)] = check(obj({"date": {"type": "string"}}), "date: 2020-08-31\n")
    assert (line, col) == (1, 7)
    assert message.startswith("'date' must be a string, not ") and message.endswith("; put it in quotes")


def test_the_whole_file_of_the_wrong_type(check):
    assert check(obj({}), "- a\n- b\n") == [(1, 1, "the file must be a mapping (key: value), not a list")]


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("a-b", True),
        ("a1-2b", True),
        ("A-b", False),
        ("a_b", False),
        ("a--b", False),
        ("-a", False),
        ("a-", False),
        ("a b", False),
        ('"a\\n"', False),  # Python's $ alone would accept a final newline
        ('"\\na"', False),
    ],
)
def test_pattern_with_a_hint(check, value, ok):
    found = check(obj({"id": ID}), f"id: {value}\n")
    shown = json.loads(value) if value.startswith('"') else value
    assert found == ([] if ok else [(1, 5, f"'id' '{shown}' is not valid: use lowercase letters")])


def test_pattern_without_a_hint(check):
    schema = obj({"code": {"type": "string", "pattern": "^[A-Z]{3}$"}})
    assert check(schema, "code: ABCD\n") == [(1, 7, "'code' 'ABCD' is not valid: it must match ^[A-Z]{3}$")]


def test_escaped_dollar_in_a_pattern_is_a_dollar(check):
    schema = obj({"price": {"type": "string", "pattern": "^[0-9]+\\$$", "x-hint": "write 5$"}})
    assert check(schema, "price: 5$\n") == []
    assert check(schema, "price: '5'\n") == [(1, 8, "'price' '5' is not valid: write 5$")]


def test_enum(check):
    schema = obj({"scope": {"enum": ["industry-specific", "system-specific"]}, "n": {"enum": [1, 2]}})
    assert check(schema, "scope: industry\nn: 3\n") == [
        (1, 8, "'scope' must be one of: industry-specific, system-specific"),
        (2, 4, "'n' must be one of: 1, 2"),
    ]


def test_list_sizes_with_x_label_from_the_key(check):
    levels = {
        "type": "object",
        "additionalProperties": {
            "type": "array",
            "minItems": 2,
            "maxItems": 4,
            "x-label": "level {key}'s considerations",
        },
    }
    text = "levels:\n  1: [a]\n  2: [a, b, c, d, e]\n  3: [a, b, c, d]\n"
    assert check(obj({"levels": levels}), text) == [
        (2, 6, "level 1's considerations has 1 item(s); it needs at least 2"),
        (3, 6, "level 2's considerations has 5 item(s); it needs at most 4"),
    ]


def test_list_sizes_with_x_label_from_the_parent(check):
    indicators = {"type": "array", "minItems": 3, "x-label": "level {parent}'s indicators"}
    levels = {"type": "object", "additionalProperties": obj({"indicators": indicators})}
    text = "levels:\n  2:\n    indicators:\n      - a\n      - b\n"
    assert check(obj({"levels": levels}), text) == [(4, 7, "level 2's indicators has 2 item(s); it needs at least 3")]


def test_list_sizes_without_a_label(check):
    schema = obj({"pitfalls": {"type": "array", "minItems": 2, "maxItems": 3}})
    assert check(schema, "pitfalls: [a]\n") == [(1, 11, "'pitfalls' has 1 item(s); it needs at least 2")]
    assert check(schema, "pitfalls: [a, b, c, d]\n") == [(1, 11, "'pitfalls' has 4 item(s); it needs at most 3")]


def test_empty_text(check):
    assert check(obj({"name": MARKDOWN}), 'name: ""\n') == [(1, 7, "'name' must not be empty")]


def test_number_bounds(check):
    schema = obj({"level": {"type": "integer", "minimum": 0, "maximum": 4}, "order": {"type": "integer", "minimum": 1}})
    assert check(schema, "level: 5\norder: 0\n") == [
        (1, 8, "'level' must be at most 4"),
        (2, 8, "'order' must be at least 1"),
    ]
    assert check(schema, "level: -1\norder: 1\n") == [(1, 8, "'level' must be at least 0")]
    assert check(schema, "level: 4\norder: 1\n") == []


def test_same_item_twice(check):
    schema = obj({"related": {"type": "array", "items": ID, "uniqueItems": True}})
    assert check(schema, "related:\n  - a\n  - b\n  - a\n") == [(2, 3, "'related' lists the same item twice")]


def test_other_errors_keep_the_validator_wording(check):
    schema = obj({"n": {"type": "integer", "multipleOf": 5}})
    assert check(schema, "n: 7\n") == [(1, 4, "7 is not a multiple of 5")]


def test_several_errors_in_one_file_are_all_reported(check):
    properties = {"id": ID, "n": {"type": "integer"}, "name": MARKDOWN}
    schema = obj(properties, ("id", "n", "name"), additionalProperties=False)
    found = check(schema, "id: Bad\nn: x\nextra: 1\n")
    assert sorted(message for _, _, message in found) == [
        "'id' 'Bad' is not valid: use lowercase letters",
        "'n' must be a whole number, not a string",
        "missing required key 'name' in the file",
        "unknown key 'extra'; allowed keys: id, n, name",
    ]


def test_schemas_are_loaded_once_with_refs_inlined(tmp_path):
    (tmp_path / "common.schema.json").write_text(json.dumps(COMMON))
    (tmp_path / "k.schema.json").write_text(json.dumps(obj({"id": ID})))
    schemas = Schemas(tmp_path)
    first = schemas.schema("k")
    assert first["properties"]["id"]["pattern"] == COMMON["$defs"]["id"]["pattern"]
    (tmp_path / "k.schema.json").write_text("not json")
    assert schemas.schema("k") is first


# --- Prose fields -----------------------------------------------------------------------------------

PROSE = obj(
    {
        "id": ID,
        "text": MARKDOWN,
        "name": {"type": "string"},
        "pitfalls": {"type": "array", "items": MARKDOWN},
        "targets": {"type": "object", "additionalProperties": obj({"why": MARKDOWN, "level": {"type": "integer"}})},
        "closed": {"type": "object", "properties": {"note": MARKDOWN}, "additionalProperties": False},
        "loose": {"type": "object", "additionalProperties": True},
    }
)


def test_markdown_values_finds_prose_wherever_the_schema_marks_it():
    data = {
        "id": "a",
        "text": "T",
        "name": "N",
        "pitfalls": ["P1", "P2"],
        "targets": {"p-one": {"why": "W", "level": 2}},
        "closed": {"note": "C"},
        "loose": {"anything": "L"},
    }
    found = list(markdown_values(inline_refs(PROSE, COMMON["$defs"]), data))
    assert found == [
        (("text",), "T"),
        (("pitfalls", 0), "P1"),
        (("pitfalls", 1), "P2"),
        (("targets", "p-one", "why"), "W"),
        (("closed", "note"), "C"),
    ]


def test_markdown_values_skips_values_that_are_not_text():
    schema = inline_refs(PROSE, COMMON["$defs"])
    assert list(markdown_values(schema, {"text": 3, "pitfalls": "not a list", "targets": []})) == []


def test_text_field_problems_point_at_the_value():
    text = (
        "id: a\nname: <b>not prose</b>\npitfalls:\n  - fine\n  - '<b>bold</b>'\n"
        "targets:\n  p-one:\n    why: '[x](javascript:go)'\n"
    )
    problems = text_field_problems(inline_refs(PROSE, COMMON["$defs"]), source(text))
    assert problems == [
        Problem("f.yaml", 5, 5, "raw HTML is not allowed in data text; use Markdown (or put markup in `code`)"),
        Problem("f.yaml", 8, 10, "link target 'javascript:' is not allowed; links may use http, https or mailto"),
    ]
