"""The selection rule against data/selection-vectors.yaml (the browser is tested against the same
file), and on a loaded model."""

from dataclasses import replace
from types import SimpleNamespace

import pytest

from macros.data.loader import load, load_model
from macros.rules import selection
from tests.conftest import MINI, ROOT

VECTORS = load(ROOT / "data")
SELECTIONS = VECTORS.parts["selection-vectors"]
COMBINATIONS = VECTORS.parts["combination-vectors"]


def _levels(levels: dict) -> dict[int, list[str]]:
    return {int(number): list(ids) for number, ids in levels.items()}


@pytest.mark.parametrize("vector", SELECTIONS, ids=lambda v: v["id"])
def test_selection_vector(vector):
    tiny = vector["model"]
    order = [p["id"] for p in tiny["profiles"]]
    short = {p["id"]: p["short_name"] for p in tiny["profiles"]}
    chosen = selection.in_model_order(order, vector["profiles"])
    assert selection.selection_id(chosen) == vector["expected"]["selection"], vector["description"]
    assert selection.titled([short[p] for p in chosen]) == vector["expected"]["title"], vector["description"]
    items, labels = {}, {}
    for practice_id, levels in tiny["practices"].items():
        items[practice_id] = {}
        for number, general in _levels(levels).items():
            # Like the page's data: a profile with nothing at this level has no entry at all.
            considerations = {
                p["id"]: _levels(p["practices"][practice_id])[number]
                for p in tiny["profiles"]
                if number in _levels(p["practices"].get(practice_id, {}))
            }
            found = selection.level_items(general, considerations, chosen)
            items[practice_id][number] = [item for item, _ in found]
            labels.update({item: short[p] if p else selection.GENERAL_LABEL for item, p in found})
    expected = {pid: _levels(levels) for pid, levels in vector["expected"]["items"].items()}
    assert items == expected, vector["description"]
    assert labels == vector["expected"]["labels"], vector["description"]


@pytest.mark.parametrize("vector", COMBINATIONS, ids=lambda v: v["id"])
def test_combination_vector(vector):
    found = selection.combine(vector["profiles"], vector["suggestions"])
    expected = {
        pid: selection.Combined(e["level"], e["profile"], tuple(e["suggested_by"].items()))
        for pid, e in vector["expected"].items()
    }
    assert found == expected, vector["description"]


def test_the_vectors_reach_the_edges():
    """Chosen out of model order, a profile left out, a tie, a level 0: the cases a slip would break."""
    ids = {v["id"] for v in SELECTIONS} | {v["id"] for v in COMBINATIONS}
    assert {"two-profiles-model-order", "unchosen-profile-left-out", "tie-goes-to-model-order"} <= ids
    assert {len(v["profiles"]) for v in SELECTIONS} >= {0, 1, 2, 3}, "none, one, two and three profiles"
    assert any(len(v["profiles"]) == 3 for v in COMBINATIONS), "three profiles suggesting at once"
    assert any(
        len({s.get(p) for s in v["suggestions"].values()} - {None}) > 1
        for v in COMBINATIONS
        for p in {p for s in v["suggestions"].values() for p in s}
    ), "profiles that suggest different levels for one practice"
    assert any(level == 0 for v in COMBINATIONS for levels in v["suggestions"].values() for level in levels.values())
    assert any(v["profiles"] != sorted(v["profiles"]) for v in SELECTIONS)
    assert any(
        len(e["suggested_by"]) == 3 and len(set(e["suggested_by"].values())) > 1
        for v in COMBINATIONS
        for e in v["expected"].values()
    ), "a winner kept with two other profiles' different suggestions"


def _model(*profiles):
    return SimpleNamespace(profiles=profiles, profile=lambda id: next(p for p in profiles if p.id == id))


POS = SimpleNamespace(id="pos", name="Point of Sale Profile", short_name="POS")
DT = SimpleNamespace(id="dt", name="Digital Twin Profile", short_name="DT")


def test_select_names_and_titles_in_model_order():
    model = _model(POS, DT)
    assert selection.select(model, ()) == selection.Selection("general", "General guidance", ())
    assert selection.select(model, ["dt"]) == selection.Selection("dt", "With the Digital Twin Profile", ("dt",))
    assert selection.select(model, ["dt", "pos", "nope"]) == selection.Selection(
        "pos+dt", "With the Point of Sale Profile and the Digital Twin Profile", ("pos", "dt")
    )


def test_parse_accepts_only_names_the_rule_writes():
    model = _model(POS, DT)
    assert selection.parse(model, "general") == selection.select(model, ())
    assert selection.parse(model, "pos+dt") == selection.select(model, ["pos", "dt"])
    assert selection.parse(model, "dt+pos") is None  # not the model's order
    assert selection.parse(model, "dt+nope") is None
    assert selection.parse(model, "") is None


def test_items_of_a_loaded_model_carry_their_labels():
    model = load_model(MINI)
    chosen = selection.select(model, [p.id for p in model.profiles])
    practice = model.practices[0]
    number = next(iter(practice.levels))
    found = selection.items(model, chosen, practice.id, number)
    general = [i.id for i in practice.levels[number].indicators]
    assert [item.id for item, _ in found][: len(general)] == general
    assert {label for _, label in found[: len(general)]} == {"General"}
    later = [(item.id, label) for item, label in found[len(general) :]]
    expected = [
        (c.id, model.profile(p).short_name)
        for p in chosen.profiles
        for c in model.profile(p).considerations(practice.id, number)
    ]
    assert later == expected and expected, "the fixture's first practice level has considerations"
    assert selection.adds_to(model, chosen, [practice.id])
    assert not selection.adds_to(model, selection.select(model, ()), [p.id for p in model.practices])


def test_choose_refuses_unknown_and_repeated_profiles_listing_the_valid_ids():
    model = load_model(MINI)
    assert selection.choose(model, ["water-plant", "pos"]) == selection.select(model, ["pos", "water-plant"])
    assert selection.choose(model, []) == selection.select(model, ())
    with pytest.raises(selection.SelectionError) as unknown:
        selection.choose(model, ["pos", "nope"])
    assert str(unknown.value) == "unknown profile 'nope'; valid profile ids: pos, water-plant"
    with pytest.raises(selection.SelectionError) as twice:
        selection.choose(model, ["pos", "pos"])
    assert str(twice.value) == "profile 'pos' is named twice; valid profile ids: pos, water-plant"


def test_choose_names_every_problem_at_once_and_says_when_the_data_has_no_profiles():
    model = load_model(MINI)
    with pytest.raises(selection.SelectionError) as several:
        selection.choose(model, ["nope", "pos", "pos", "gone"])
    assert str(several.value) == (
        "unknown profile 'nope'; unknown profile 'gone'; profile 'pos' is named twice; "
        "valid profile ids: pos, water-plant"
    )
    with pytest.raises(selection.SelectionError) as bare:
        selection.choose(replace(model, profiles=()), ["pos"])
    assert str(bare.value) == "unknown profile 'pos'; valid profile ids: none (the data has no profiles)"


def test_covers_and_silent_name_what_each_profile_adds_to_a_practice():
    """In the fixture pos adds to p-one only and water-plant to p-two only."""
    model = load_model(MINI)
    both = selection.select(model, ["pos", "water-plant"])
    pos = selection.select(model, ["pos"])
    assert selection.covers(model, selection.select(model, ()), "p-two")
    assert selection.covers(model, pos, "p-one") and not selection.covers(model, pos, "p-two")
    assert not selection.covers(model, both, "p-one"), "water-plant adds nothing to p-one"
    assert selection.silent(model, both, "p-one") == ("water-plant",)
    assert selection.silent(model, both, "p-two") == ("pos",)
    assert selection.silent(model, selection.select(model, ()), "p-one") == ()


def test_short_title_names_the_profiles_by_short_name():
    model = _model(POS, DT)
    assert selection.short_title(model, selection.select(model, ())) == "General"
    assert selection.short_title(model, selection.select(model, ["dt", "pos"])) == "POS + DT"


def test_a_chosen_profile_without_suggestions_leaves_the_others_to_decide():
    # The second profile suggests nothing (its archetype gives no targets): the first one's levels stand.
    only_pos = selection.combine(["pos", "water-plant"], {"pos": {"p-one": 2}})
    assert only_pos == {"p-one": selection.Combined(2, "pos", (("pos", 2),))}
    only_water = selection.combine(["pos", "water-plant"], {"water-plant": {"p-one": 1}})
    assert only_water == {"p-one": selection.Combined(1, "water-plant", (("water-plant", 1),))}


def test_a_combination_keeps_every_profile_s_suggestion_in_the_order_given():
    """The losers' suggestions stay, in the profiles' order, whichever order the suggestions come in."""
    found = selection.combine(["b", "a"], {"a": {"p": 3}, "b": {"p": 2}})
    assert found == {"p": selection.Combined(3, "a", (("b", 2), ("a", 3)))}


def test_items_of_a_level_only_a_profile_has_are_its_considerations():
    """A practice written without level 4 and a profile that adds one there: its items alone, labelled."""
    practice = SimpleNamespace(id="p", levels={1: SimpleNamespace(indicators=("p-1-1",))})
    added = {("p", 4): ("pos-p-4-1",)}
    pos = SimpleNamespace(**vars(POS), considerations=lambda pid, number: added.get((pid, number), ()))
    model = SimpleNamespace(practice=lambda id: practice, profile=lambda id: pos)
    chosen = selection.Selection("pos", "Point of Sale Profile", ("pos",))
    assert selection.items(model, chosen, "p", 4) == [("pos-p-4-1", "POS")]
    assert selection.items(model, chosen, "p", 1) == [("p-1-1", "General")]
