"""The scoring rule against the shared test vectors in data/scoring-vectors.yaml."""

import pytest

from macros.data.loader import load
from macros.rules.scoring import NOT_ASSESSED, NOT_REACHED, REACHED, UNASSESSED, level_state, score, status_of
from tests.conftest import ROOT

VECTORS = load(ROOT / "data").parts["scoring-vectors"]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["id"] for v in VECTORS])
def test_vectors(vector):
    levels = {int(level): statuses for level, statuses in vector["levels"].items()}
    result = score(levels, vector["target"], vector.get("in_scope", True))
    expected = vector["expected"]
    assert result.in_scope is vector.get("in_scope", True)
    assert (result.achieved, result.gap, result.over) == (expected["achieved"], expected["gap"], expected["over"])
    assert (result.assessed, result.provisional) == (expected["assessed"], expected["provisional"])


def test_the_vectors_cover_every_edge_of_the_rule():
    ids = {v["id"] for v in VECTORS}
    assert {"nothing-answered", "not-applicable-alone", "partly-met-does-not-count", "over-achievement"} <= ids
    assert {"out-of-scope", "out-of-scope-unanswered"} <= ids
    assert any(v["target"] is None for v in VECTORS)


@pytest.mark.parametrize(
    ("statuses", "state"),
    [
        (["met", "na"], REACHED),
        (["na", "na"], NOT_REACHED),
        (["met", "partly"], NOT_REACHED),
        (["met", NOT_ASSESSED], UNASSESSED),
        ([NOT_ASSESSED, "not-met"], NOT_REACHED),
        ([], NOT_REACHED),
    ],
)
def test_level_state(statuses, state):
    assert level_state(statuses) == state


@pytest.mark.parametrize(
    ("label", "status"),
    [
        ("Met", "met"),
        ("partly  met", "partly"),
        ("NOT MET", "not-met"),
        ("Not applicable", "na"),
        ("", ""),
        ("na", "na"),
        ("Done", None),
    ],
)
def test_status_labels(label, status):
    assert status_of(label) == status
