import dataclasses
import json
import subprocess
import sys

import pytest
from jsonschema import Draft202012Validator

from macros.data.loader import load_model
from macros.model.serialize import EXPORT_NAMES
from macros.outputs.export import downloads, export_json, export_schema, model_to_dict
from tests.conftest import MINI, ROOT, SHIFTED_CLOCK, edit


@pytest.fixture(scope="module")
def validator():
    return Draft202012Validator(json.loads(export_schema()))


def test_export_matches_its_schema_and_contract(real_model, validator):
    data = json.loads(export_json(real_model))
    validator.validate(data)
    assert list(data)[:2] == ["format_version", "notice"]
    assert {"levels", "domains", "practices", "profiles", "glossary", "references", "constraints"} <= set(data)
    assert [lv["level"] for lv in data["levels"]] == [0, 1, 2, 3, 4]
    assert [p["id"] for p in data["practices"]] == [p.id for p in real_model.practices]


def _assert_lossless(value, exported, where="model"):
    """Every public field of every model record appears in the export, recursively."""
    if dataclasses.is_dataclass(value):
        names = [f.name for f in dataclasses.fields(value) if not f.name.startswith("_")]
        assert list(exported) == [EXPORT_NAMES.get(n, n) for n in names], where
        for name in names:
            _assert_lossless(getattr(value, name), exported[EXPORT_NAMES.get(name, name)], f"{where}.{name}")
    elif isinstance(value, dict) or hasattr(value, "items"):
        assert list(exported) == [str(key) for key in value], where
        for key, item in value.items():
            _assert_lossless(item, exported[str(key)], f"{where}[{key}]")
    elif isinstance(value, tuple):
        assert len(exported) == len(value), where
        for index, item in enumerate(value):
            _assert_lossless(item, exported[index], f"{where}[{index}]")
    else:
        assert exported == value, where


def test_every_model_field_is_exported(real_model):
    data = model_to_dict(real_model)
    del data["format_version"], data["notice"]
    _assert_lossless(real_model, data)


def test_export_follows_model_order_not_file_order(mini):
    edit(mini / "practices/p-one.yaml", "order: 1", "order: 3")
    data = model_to_dict(load_model(mini))
    assert [p["id"] for p in data["practices"]] == ["p-two", "p-one"]


def test_profile_export_shape():
    data = model_to_dict(load_model(MINI))
    assert [(p["id"], p["id_prefix"]) for p in data["profiles"]] == [("pos", "pos"), ("water-plant", "wp")]
    profile = data["profiles"][0]
    assert profile["practices"]["p-one"]["1"][0] == {
        "id": "pos-p-one-1-1",
        "text": "Terminals are listed per store.",
        "pass": "Pass if terminals are listed per store.",
        "evidence": "Store records.",
        "tags": ["terminal", "store"],
        "see": [],
    }
    assert profile["archetypes"][1]["targets"] == {"p-one": 3, "p-two": 1}
    assert profile["archetypes"][1]["target_reasons"]["p-one"] == "Many terminals."
    assert profile["dimensions"][0]["options"][0]["effects"][0]["direction"] == "down"
    assert profile["baseline"] == 2


@pytest.mark.parametrize(
    "break_it",
    [
        lambda d: d["practices"][0].pop("levels"),
        lambda d: d.update(extra_key=1),
        lambda d: d["practices"][0]["levels"]["1"]["indicators"][0].update(note="x"),
        lambda d: d["profiles"][0]["archetypes"][0]["targets"].update({"p-one": "three"}),
        lambda d: d.update(format_version="0.9"),
    ],
)
def test_schema_rejects_a_broken_export(validator, break_it):
    data = model_to_dict(load_model(MINI))
    validator.validate(data)
    break_it(data)
    assert list(validator.iter_errors(data))


def test_export_is_byte_identical_across_processes_and_days(tmp_path):
    outputs = []
    for shift in ("0", "400"):
        out = tmp_path / f"model-{shift}.json"
        launcher = [str(SHIFTED_CLOCK), shift, "-m"]
        command = [
            sys.executable,
            *launcher,
            "macros.cli.main",
            "export",
            "json",
            "--out",
            str(out),
            "--data",
            str(MINI),
        ]
        subprocess.run(
            command, cwd=ROOT, check=True, capture_output=True, env={"TZ": "Asia/Kolkata" if shift else "UTC"}
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    assert set(downloads(load_model(MINI))) == {"downloads/smm-guide.json", "downloads/smm-guide.schema.json"}


def test_falsy_values_survive_the_export():
    """A target of 0 (the practice deliberately not performed), false flags and empty lists are data:
    the JSON and the assessment page's model script keep them."""
    from macros.outputs.assessment_file import model_script
    from macros.outputs.export import model_version

    model = load_model(MINI)
    exported = export_json(model)
    data = json.loads(exported)
    pos = next(p for p in data["profiles"] if p["id"] == "pos")
    corner = next(a for a in pos["archetypes"] if a["id"] == "corner-shop")
    assert corner["targets"] == {"p-one": 1, "p-two": 0}
    assert corner["target_deviations"] == {"p-two": "The kiosk runs no software of its own."}
    requirement = data["frameworks"][0]["requirements"][0]
    assert requirement["title_ours"] is False and requirement["description"] is None
    script = model_script(exported, model_version(model))
    page = json.loads(json.loads(script.split("JSON.parse(", 1)[1].split(");\n", 1)[0]))
    page_corner = next(
        a for p in page["profiles"] if p["id"] == "pos" for a in p["archetypes"] if a["id"] == "corner-shop"
    )
    assert page_corner["targets"] == {"p-one": 1, "p-two": 0}


def test_text_beyond_ascii_is_exported_as_written(mini):
    """The export is UTF-8 JSON a reader can search for "Zürich", not "Z\\u00fcrich"."""
    edit(mini / "practices" / "p-one.yaml", "name: Practice One", "name: Practice Zürich → One")
    exported = export_json(load_model(mini))
    assert '"name":"Practice Zürich → One"' in exported
    assert "\\u" not in exported
