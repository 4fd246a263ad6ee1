"""The Data reference page lists every field of every schema, with an excerpt of real data."""

import json

from macros.data.kinds import KINDS
from macros.data.reference import kind_docs
from macros.outputs.pages import generate_pages
from tests.conftest import ROOT


def _leaf_names(schema, names):
    if isinstance(schema, dict):
        names.update(schema.get("properties", {}))
        for value in schema.values():
            _leaf_names(value, names)
    elif isinstance(schema, list):
        for value in schema:
            _leaf_names(value, names)
    return names


def test_every_kind_and_field_is_documented(real_model):
    docs = kind_docs(ROOT / "data")
    assert [d.name for d in docs] == [k.name for k in KINDS]
    page = next(p for p in generate_pages(real_model, reference=docs) if p.path == "data-reference.md").content
    for doc in docs:
        assert f"## {doc.title} {{ #{doc.name} }}" in page
        raw = json.loads((ROOT / "data" / "schema" / f"{doc.name}.schema.json").read_text())
        documented = {f.path.rsplit(".", 1)[-1].removesuffix("[]") for f in doc.fields}
        assert _leaf_names(raw, set()) <= documented, doc.name
        for field in doc.fields:
            assert f"| `{field.path}` |" in page
    practice = next(d for d in docs if d.name == "practice")
    fields = {f.path: f for f in practice.fields}
    assert (
        fields["levels.N.indicators[].pass"].required and fields["levels.N.indicators[].pass"].type == "Markdown text"
    )
    assert "at least 3 items" in fields["levels.N.indicators"].allowed
    assert practice.example.startswith("# yaml-language-server: $schema=../schema/practice.schema.json")
    assert '<pre class="smm-example"><code>' in page


def test_recursive_requirements_are_listed_once():
    framework = next(d for d in kind_docs(ROOT / "data") if d.name == "framework")
    paths = [f.path for f in framework.fields]
    assert len(paths) == len(set(paths)) < 40


def test_partial_profiles_and_no_effect_options_are_documented():
    docs = {d.name: d for d in kind_docs(ROOT / "data")}
    considerations = {f.path: f for f in docs["profile-practice"].fields}
    assert considerations["levels"].required
    assert "at least 1 keys" in considerations["levels"].allowed
    assert "at least 1 items" in considerations["levels.N"].allowed
    assert "leaves out" in docs["profile-practice"].description
    options = {f.path: f for f in docs["dimensions"].fields}
    no_effect = options["dimensions[].options[].no_effect"]
    assert not no_effect.required and no_effect.type == "Markdown text"
    assert not options["dimensions[].options[].effects"].required
    assert "instead of `effects`" in no_effect.description
