"""A profile's records (macros/model/profiles.py): its considerations by practice and level, its tags,
and each archetype's targets."""

from dataclasses import replace

import pytest

from macros.data.loader import load_model
from macros.model.profiles import Target
from tests.conftest import MINI


@pytest.fixture(scope="module")
def model():
    return load_model(MINI)


def test_considerations_of_a_practice_level(model):
    water = model.profile("water-plant")
    assert [c.id for c in water.considerations("p-two", 3)] == ["wp-p-two-3-1", "wp-p-two-3-2"]
    assert water.considerations("p-two", 3)[0].see == ("p-two-3-1",)


def test_no_considerations_where_the_profile_adds_none(model):
    assert model.profile("water-plant").considerations("p-one", 1) == ()
    assert model.profile("pos").considerations("p-two", 2) == ()
    assert model.profile("pos").considerations("p-one", 0) == ()


def test_a_tag_by_id(model):
    assert model.profile("water-plant").tag("dosing").name == "Dosing"
    with pytest.raises(StopIteration):
        model.profile("water-plant").tag("store")  # pos's tag, not this profile's


def test_an_archetype_target_with_its_reason_and_deviation(model):
    small = model.profile("water-plant").archetypes[0]
    assert small.target("p-one") == Target(1, "An operator sees every dose.", None)
    assert dict(small.characterization) == {"dosing-control": "manual"}
    big_box = model.profile("pos").archetypes[1]
    assert big_box.target("p-one") == Target(3, "Many terminals.", None)
    deviating = replace(small, target_deviations={"p-one": "The owner's choice."})
    assert deviating.target("p-one").deviation == "The owner's choice."
    with pytest.raises(KeyError):
        small.target("p-three")


def test_an_archetype_leaves_no_practice_out_unless_its_data_says_so(model):
    assert [dict(a.out_of_scope) for p in model.profiles for a in p.archetypes] == [{}, {}, {}]


def test_profile_fields_from_the_data(model):
    pos, water = model.profiles
    assert (water.id, water.id_prefix, water.short_name, water.baseline) == ("water-plant", "wp", "Water", 2)
    assert (pos.combine_with, water.combine_with) == (("fw-one",), ())
    assert water.practice_sources == {"p-two": "profiles/water-plant/practices/p-two.yaml"}
    assert water.dimensions_source == "profiles/water-plant/dimensions.yaml"
