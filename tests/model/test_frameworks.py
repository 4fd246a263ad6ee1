"""A framework's records (macros/model/frameworks.py): groups read like requirements, nodes by id,
and the nodes every mapping file must cover; the mapping method's relationships."""

from dataclasses import replace

import pytest

from macros.data.loader import load_model
from macros.model import records as m
from tests.conftest import MINI


@pytest.fixture(scope="module")
def framework():
    return load_model(MINI).framework("fw-one")


def test_a_group_reads_like_a_requirement(framework):
    group = framework.node("g-1")
    assert (group.title, group.security_levels, group.parent, group.title_ours) == ("Identification", (), None, False)
    assert group.children == group.requirements == ("r-1-1", "r-1-2")


def test_nodes_are_groups_and_requirements_at_every_depth(framework):
    assert framework.node("g-2").code == "G 2"
    enhancement = framework.node("r-1-1-e-1")
    assert (enhancement.parent, enhancement.group, enhancement.security_levels) == ("r-1-1", "g-1", (3, 4))
    assert framework.node("r-2-1").title_ours is True
    with pytest.raises(KeyError):
        framework.node("r-9")


def test_mapped_nodes_are_the_top_requirements_or_the_groups(framework):
    assert [n.id for n in framework.mapped_nodes()] == ["r-1-1", "r-1-2", "r-2-1", "r-2-2"]
    by_groups = replace(framework, mapped_at="groups")
    assert [n.id for n in by_groups.mapped_nodes()] == ["g-1", "g-2"]
    assert by_groups.node("r-1-2") == framework.node("r-1-2")  # nodes rebuilt for the copy


def test_mapping_entries_keep_the_data(framework):
    entries = [e for e in load_model(MINI).mappings if e.framework == framework.id]
    assert [(e.requirement, e.security_level, e.items) for e in entries] == [
        ("r-1-1", None, ("p-one-1-1", "pos-p-one-1-1")),
        ("r-1-1", 3, ("p-two-1-2", "p-two-3-1")),
        ("r-1-2", None, ("p-one-2-2",)),
        ("r-2-1", None, ("p-two-2-1",)),
    ]


def test_the_mapping_method_names_its_relationships_strongest_first():
    method = m.MappingMethod(
        "Summary.",
        "Our reading.",
        (
            m.Relationship("strong", "Strong", "Checks all.", "All checked.", "superset-of", "Contains it."),
            m.Relationship("weak", "Weak", "Part.", "A part.", "intersects-with", "Overlaps."),
        ),
        "Lowest level.",
        ("By chance.",),
        ("Cites an item.",),
        "Same numbers.",
    )
    assert method.names == {"strong": "Strong", "weak": "Weak"}
    assert method.relationship("weak").test == "A part."
    with pytest.raises(KeyError):
        method.relationship("none")
