"""The model and its index (macros/model/index.py): lookups by id, where each item sits, and what
cites it, on the fixture model."""

from dataclasses import replace

import pytest

from macros.data.loader import load_model
from macros.model.index import ItemPlace, Model
from tests.conftest import MINI


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model(MINI)


def test_parts_are_the_fields_the_loader_builds(model):
    assert Model.parts() == [
        "levels",
        "scopes",
        "domains",
        "practices",
        "profiles",
        "glossary",
        "references",
        "constraints",
        "frameworks",
        "mappings",
        "mapping_method",
        "scoring_examples",
        "retired",
    ]


def test_lookups_by_id_return_the_records(model):
    assert model.domain("first-domain") is model.domains[0]
    assert model.subdomain("sub-b") is model.domains[0].subdomains[1]
    assert model.practice("p-two") is model.practices[1]
    assert model.profile("water-plant") is model.profiles[1]
    assert model.term("ot").abbr == "OT"
    assert model.reference("doc-one") is model.references[0]
    assert model.framework("fw-one") is model.frameworks[0]
    assert model.level(3) is model.levels[3] and model.level(3).name == "Consistent"
    with pytest.raises(KeyError):
        model.practice("p-three")


def test_subdomains_of_every_domain_in_order(model):
    assert [s.id for s in model.subdomains] == ["sub-a", "sub-b"]


def test_where_each_item_sits(model):
    assert model.item_place("p-one-2-3") == ItemPlace("p-one", 2, None)
    assert model.item_place("pos-p-one-4-1") == ItemPlace("p-one", 4, "pos")
    # A profile's items carry its prefix; the place names the profile by its id.
    assert model.item_place("wp-p-two-3-2") == ItemPlace("p-two", 3, "water-plant")
    with pytest.raises(KeyError):
        model.item_place("water-plant-p-two-3-2")


def test_mappings_citing_an_item_in_data_order(model):
    (entry,) = model.mappings_citing("pos-p-one-1-1")
    assert (entry.requirement, entry.practice, entry.level) == ("r-1-1", "p-one", 1)
    assert model.mappings_citing("p-one-1-1") == (entry,)
    assert model.mappings_citing("p-one-4-1") == ()


def test_references_cited_on_a_kind_of_page(model):
    assert model.cited_on("level") == ("doc-one",)
    assert model.cited_on("framework") == ()


def test_neighbours_in_practice_order(model):
    one, two = model.practices
    assert model.neighbours("p-one") == (None, two)
    assert model.neighbours("p-two") == (one, None)


def test_the_index_follows_the_fields_of_a_changed_model(model):
    renamed = replace(model.practices[0], name="Renamed")
    changed = replace(model, practices=(renamed, model.practices[1]))
    assert changed.practice("p-one").name == "Renamed" and model.practice("p-one").name == "Practice One"
    assert changed != model and replace(model) == model


def test_per_model_computes_once_for_the_same_model(model):
    from macros.model.index import per_model

    calls = []

    @per_model
    def count(m):
        calls.append(m)
        return len(calls)

    assert (count(model), count(model)) == (1, 1)
    other = replace(model)  # equal, yet another object: computed again
    assert (count(other), count(model)) == (2, 3)
