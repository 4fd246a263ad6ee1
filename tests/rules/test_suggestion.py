from dataclasses import replace

import pytest

from macros.data.loader import load, load_model
from macros.rules.suggestion import Suggestion, goes_against, suggest
from tests.conftest import MINI, ROOT

# The shared vectors on the real data (the browser is tested against the same file).
VECTORS = load(ROOT / "data").parts["suggestion-vectors"]


@pytest.fixture(scope="module")
def profile():
    return load_model(MINI).profile("pos")


def test_suggestion_starts_at_the_baseline_and_follows_effects(profile):
    kiosk = suggest(profile, {"store-size": "kiosk"}, ["p-one", "p-two"])
    assert (kiosk["p-one"].level, kiosk["p-one"].net) == (1, -1)
    assert kiosk["p-two"] == Suggestion("p-two", 2, 0, ())
    (reason,) = kiosk["p-one"].reasons
    assert reason[:2] == ("store-size", "kiosk") and reason[2].why == "One terminal is easy to list."
    assert suggest(profile, {}, ["p-one"])["p-one"].level == 2


def test_a_practice_an_effect_names_is_suggested_even_if_not_asked_for(profile):
    """As the page's suggest() (rules.js) does: its slot is made when the effect is met."""
    found = suggest(profile, {"store-size": "kiosk"}, ["p-two"])
    assert list(found) == ["p-two", "p-one"]
    assert (found["p-one"].level, found["p-one"].net) == (1, -1)


@pytest.mark.parametrize(("baseline", "expected"), [(4, 4), (0, 0)])
def test_suggestion_is_clamped_to_the_level_range(profile, baseline, expected):
    option = "hypermarket" if baseline == 4 else "kiosk"
    assert suggest(replace(profile, baseline=baseline), {"store-size": option}, ["p-one"])["p-one"].level == expected


@pytest.mark.parametrize(
    ("target", "level", "net", "against"),
    [
        (3, 3, 1, False),
        (2, 3, 1, False),
        (1, 3, 1, True),  # effects point up, target below the baseline
        (3, 1, -1, True),  # effects point down, target above the baseline
        (4, 2, 0, True),  # two levels from the suggestion
        (0, 2, 0, True),
        (1, 2, 0, False),
    ],
)
def test_goes_against(target, level, net, against):
    assert goes_against(target, Suggestion("p", level, net, ()), 2) is against


@pytest.mark.parametrize("vector", VECTORS, ids=[v["id"] for v in VECTORS])
def test_suggestion_vectors(real_model, vector):
    profile = real_model.profile(vector["profile"])
    assert profile.baseline == vector["baseline"], "the vector assumes another baseline"
    found = suggest(profile, vector["characterization"], [p.id for p in real_model.practices])
    assert {practice: found[practice].level for practice in vector["expected"]} == vector["expected"]


def test_the_suggestion_vectors_cover_up_down_mixed_and_clamping(real_model):
    seen = set()
    for vector in VECTORS:
        profile = real_model.profile(vector["profile"])
        found = suggest(profile, vector["characterization"], [p.id for p in real_model.practices])
        for practice in vector["expected"]:
            suggestion = found[practice]
            directions = {effect.direction for _, _, effect in suggestion.reasons}
            seen |= {"up"} if suggestion.net > 0 else {"down"} if suggestion.net < 0 else set()
            seen |= {"mixed"} if directions == {"up", "down"} else set()
            raw = profile.baseline + suggestion.net
            seen |= {"clamped high"} if raw > 4 else {"clamped low"} if raw < 0 else set()
    assert seen == {"up", "down", "mixed", "clamped high", "clamped low"}


def test_a_target_on_the_other_side_of_the_baseline_goes_against_even_when_close():
    from macros.rules.suggestion import Suggestion, goes_against

    # Baseline 4, one effect up (clamped to 4): a target of 3 is one level off, but below the baseline.
    assert goes_against(3, Suggestion("p", 4, 1, ()), 4)
    # Baseline 0, one effect down (clamped to 0): a target of 1 is above the baseline.
    assert goes_against(1, Suggestion("p", 0, -1, ()), 0)
    assert not goes_against(4, Suggestion("p", 4, 1, ()), 4)
    assert not goes_against(3, Suggestion("p", 3, 0, ()), 3)  # no effects: only the distance counts
    assert goes_against(1, Suggestion("p", 3, 0, ()), 3)
