from dataclasses import replace

import pytest

from macros.data.loader import load_model
from macros.rules.suggestion import Suggestion, goes_against, suggest
from tests.conftest import MINI


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
