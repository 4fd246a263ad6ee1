"""The core model's records (macros/model/core.py): the level numbers, and read-only records."""

import dataclasses

import pytest

from macros.data.loader import load_model
from macros.model.core import HIGHEST_LEVEL, LEVEL_NUMBERS, LOWEST_LEVEL
from tests.conftest import MINI


def test_level_0_is_the_absence_and_1_to_4_are_described_per_practice():
    assert (LOWEST_LEVEL, HIGHEST_LEVEL, LEVEL_NUMBERS) == (0, 4, (1, 2, 3, 4))
    model = load_model(MINI)
    assert [level.level for level in model.levels] == [LOWEST_LEVEL, *LEVEL_NUMBERS]
    assert all(tuple(practice.levels) == LEVEL_NUMBERS for practice in model.practices)


def test_records_cannot_be_changed():
    practice = load_model(MINI).practice("p-one")
    with pytest.raises(dataclasses.FrozenInstanceError):
        practice.name = "Other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        practice.levels[5] = practice.levels[1]  # type: ignore[index]
