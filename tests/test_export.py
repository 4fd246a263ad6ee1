import json

from jsonschema import Draft202012Validator

from macros.export import downloads, export_json, export_schema, model_to_dict
from macros.loader import load_model

from .conftest import MINI


def test_export_matches_its_schema_and_contract(real_model):
    data = json.loads(export_json(real_model))
    Draft202012Validator(json.loads(export_schema())).validate(data)
    assert {"levels", "domains", "practices", "profiles"} <= set(data)
    practice = data["practices"][0]
    assert {"id", "name", "domain", "subdomain", "objective", "description", "levels"} <= set(practice)
    assert set(practice["levels"]) == {"1", "2", "3", "4"}
    assert {"id", "text"} <= set(practice["levels"]["1"]["indicators"][0])
    assert [lv["level"] for lv in data["levels"]] == [0, 1, 2, 3, 4]


def test_profile_export_shape():
    data = model_to_dict(load_model(MINI))
    (profile,) = data["profiles"]
    assert profile["practices"]["p-one"]["1"][0] == {
        "id": "pos-p-one-1-1",
        "text": "Terminals are listed per store.",
        "pass": "Pass if terminals are listed per store.",
        "evidence": "Store records.",
        "tags": ["terminal", "store"],
        "see": [],
    }
    assert profile["archetypes"][1]["targets"] == {"p-one": 3, "p-two": 1}
    assert profile["dimensions"][0]["options"][0]["effects"][0]["direction"] == "down"


def test_schema_rejects_a_broken_export(real_model):
    data = model_to_dict(real_model)
    del data["practices"][0]["levels"]
    errors = list(Draft202012Validator(json.loads(export_schema())).iter_errors(data))
    assert errors


def test_export_is_deterministic():
    assert export_json(load_model(MINI)) == export_json(load_model(MINI))
    assert set(downloads(load_model(MINI))) == {"downloads/smm-guide.json", "downloads/smm-guide.schema.json"}
