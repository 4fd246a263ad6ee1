"""The model's one serialization (macros/model/serialize.py): plain JSON values, and the JSON Schema
derived from the model's dataclasses."""

from dataclasses import dataclass, field
from types import MappingProxyType

from jsonschema import Draft202012Validator

from macros.data.loader import load_model
from macros.model import records as m
from macros.model.serialize import EXPORT_NAMES, model_schema, to_data
from tests.conftest import MINI


@dataclass(frozen=True)
class Sample:
    name: str
    numbers: tuple[int, ...]
    by_level: MappingProxyType
    _cached: int = field(default=0)


def test_plain_values_pass_through():
    assert [to_data(v) for v in ("a", 1, 2.5, True, None)] == ["a", 1, 2.5, True, None]


def test_tuples_become_lists_and_mapping_keys_strings():
    value = Sample("s", (3, 1), MappingProxyType({1: ("x",), 2: ()}), _cached=9)
    assert to_data(value) == {"name": "s", "numbers": [3, 1], "by_level": {"1": ["x"], "2": []}}


def test_fields_named_after_python_keywords_get_their_data_file_name():
    indicator = m.Indicator("p-1-1", "Text.", "Pass if text.", "Evidence.", ("p-2-1",))
    assert EXPORT_NAMES == {"pass_criterion": "pass"}
    assert to_data(indicator) == {
        "id": "p-1-1",
        "text": "Text.",
        "pass": "Pass if text.",
        "evidence": "Evidence.",
        "see": ["p-2-1"],
    }


def test_the_schema_requires_every_field_and_allows_no_other():
    schema = model_schema()
    assert schema["root"]["required"] == list(schema["root"]["properties"])
    for name, definition in schema["definitions"].items():
        assert definition["type"] == "object" and definition["additionalProperties"] is False, name
        assert definition["required"] == list(definition["properties"]), name
    assert list(schema["definitions"]) == sorted(schema["definitions"])
    assert "pass" in schema["definitions"]["Indicator"]["properties"]
    assert "pass_criterion" not in schema["definitions"]["Indicator"]["properties"]


def test_the_schema_follows_the_field_types():
    definitions = model_schema()["definitions"]
    level = definitions["Level"]["properties"]
    assert level["level"] == {"type": "integer"}
    assert level["step_up"] == {"anyOf": [{"type": "string"}, {"type": "null"}]}
    assert definitions["Term"]["properties"]["tooltip"] == {"type": "boolean"}
    assert definitions["Indicator"]["properties"]["see"] == {"type": "array", "items": {"type": "string"}}
    levels = definitions["ScoringExample"]["properties"]["levels"]
    assert levels == {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}}
    assert model_schema()["root"]["properties"]["practices"] == {
        "type": "array",
        "items": {"$ref": "#/$defs/Practice"},
    }


def test_written_docstrings_become_descriptions_generated_ones_do_not():
    definitions = model_schema()["definitions"]
    assert definitions["Constraint"]["description"] == " ".join(m.Constraint.__doc__.split())
    assert "description" not in definitions["Consideration"]


def test_the_fixture_model_serializes_to_what_the_schema_describes():
    schema = model_schema()
    data = to_data(load_model(MINI))
    validator = Draft202012Validator({**schema["root"], "$defs": schema["definitions"]})
    assert list(validator.iter_errors(data)) == []
    data["practices"][0]["levels"]["1"]["indicators"][0]["note"] = "not in the model"
    assert [e.validator for e in validator.iter_errors(data)] == ["additionalProperties"]


def test_a_field_of_one_type_or_another_may_be_either_but_not_null():
    """No public field of today's model has such a type (Framework._nodes is private); a new one gets
    a schema that accepts each of its types and nothing else."""
    from macros.model.serialize import _type_schema

    assert _type_schema(int | str) == {"anyOf": [{"type": "integer"}, {"type": "string"}]}
    assert _type_schema(int | None) == {"anyOf": [{"type": "integer"}, {"type": "null"}]}
