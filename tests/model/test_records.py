"""The model's one import place (macros/model/records.py) names every record of its parts."""

import dataclasses

from macros.model import core, frameworks, index, profiles, records


def test_every_record_of_the_parts_is_named_and_the_same_class():
    parts = {
        name: value
        for module in (core, frameworks, profiles)
        for name, value in vars(module).items()
        if dataclasses.is_dataclass(value) and value.__module__ == module.__name__
    }
    parts |= {"Model": index.Model, "ItemPlace": index.ItemPlace}
    assert set(parts) <= set(records.__all__)
    for name, value in parts.items():
        assert getattr(records, name) is value, name


def test_only_records_and_the_level_numbers_are_named():
    constants = {"LOWEST_LEVEL", "HIGHEST_LEVEL", "LEVEL_NUMBERS"}
    records_named = {name for name in records.__all__ if dataclasses.is_dataclass(getattr(records, name))}
    assert set(records.__all__) - constants == records_named
