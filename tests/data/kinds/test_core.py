"""The single-file kinds (macros/data/kinds/core.py): levels and scopes, domains, glossary and
references. Every test edits a copy of tests/fixtures/mini, or reads it."""

import shutil

from macros.data.loader import load_model
from tests.conftest import MINI, append, edit, located
from tests.data.loading import spot

# --- Levels --------------------------------------------------------------------------------------


def test_levels_out_of_order(mini):
    path = mini / "levels.yaml"
    # Almost right: every level present once, two of them swapped.
    first = edit(path, "  - level: 0\n", "  - level: 1\n")
    second = edit(path, "  - level: 1\n    name: Minimum", "  - level: 0\n    name: Minimum")
    assert located(mini) == [
        ("levels.yaml", first, 12, "levels must be listed 0 to 4 in order; expected 0 here"),
        ("levels.yaml", second, 12, "levels must be listed 0 to 4 in order; expected 1 here"),
    ]


def test_levels_and_scopes_are_built_in_order(mini):
    model = load_model(mini)
    assert [(lv.level, lv.name) for lv in model.levels][:2] == [(0, "None"), (1, "Minimum")]
    assert model.levels[0].step_up is None and model.levels[1].step_up == "Someone starts."
    assert [(s.id, s.name, s.description) for s in model.scopes] == [("general", "General", "Any system.")]


# --- Domains ---------------------------------------------------------------------------------------


def test_subdomains_list_their_practices_in_practice_order(mini):
    edit(mini / "practices/p-two.yaml", "subdomain: sub-b", "subdomain: sub-a")
    edit(mini / "practices/p-one.yaml", "order: 1", "order: 5")
    (domain,) = load_model(mini).domains
    assert [(s.id, s.domain, s.practices) for s in domain.subdomains] == [
        ("sub-a", "first-domain", ("p-two", "p-one")),
        ("sub-b", "first-domain", ()),
    ]


# --- Glossary --------------------------------------------------------------------------------------


def test_glossary_is_sorted_by_term_ignoring_case(mini):
    append(
        mini / "glossary.yaml",
        "  - id: actuator\n    term: actuator\n    definition: A part that moves.\n",
    )
    assert [t.term for t in load_model(mini).glossary] == ["actuator", "Gateway", "Operational technology"]


def test_tooltip_follows_the_abbreviation_unless_set(mini):
    terms = {t.id: t for t in load_model(mini).glossary}
    # gateway has no abbreviation but asks for a tooltip; ot has one and says nothing.
    assert (terms["gateway"].abbr, terms["gateway"].tooltip) == (None, True)
    assert (terms["ot"].abbr, terms["ot"].tooltip) == ("OT", True)
    edit(mini / "glossary.yaml", "    tooltip: true\n", "")
    edit(mini / "glossary.yaml", "    abbr: OT\n", "    abbr: OT\n    tooltip: false\n")
    terms = {t.id: t for t in load_model(mini).glossary}
    assert terms["gateway"].tooltip is False and terms["ot"].tooltip is False


def test_related_terms_keep_their_order(mini):
    append(mini / "glossary.yaml", "  - id: actuator\n    term: Actuator\n    definition: A part that moves.\n")
    edit(mini / "glossary.yaml", "related: [gateway]", "related: [gateway, actuator]")
    terms = {t.id: t for t in load_model(mini).glossary}
    assert terms["ot"].related == ("gateway", "actuator") and terms["gateway"].related == ()


# --- References ------------------------------------------------------------------------------------


def test_reference_fields_and_optional_ones(mini):
    (reference,) = load_model(mini).references
    assert (reference.id, reference.version, reference.date, reference.note) == (
        "doc-one",
        "1.0",
        "2020-08",
        "The exact date is uncertain.",
    )
    assert reference.cited_on == ("practice", "level", "model")
    for line in (
        '    version: "1.0"\n',
        "    note: The exact date is uncertain.\n",
        "    cited_on: [practice, level, model]\n",
    ):
        edit(mini / "references.yaml", line, "")
    (reference,) = load_model(mini).references
    assert (reference.version, reference.note, reference.cited_on) == (None, None, ())


# --- Mapping method ----------------------------------------------------------------------------------


def test_mapping_method_is_built_in_data_order(mini):
    method = load_model(mini).mapping_method
    assert [(r.id, r.name) for r in method.relationships] == [
        ("equivalent", "Equivalent"),
        ("supports", "Supports"),
        ("partially-supports", "Partially supports"),
    ]
    assert method.relationship("supports").test.startswith("A cited item checks the central element")
    assert method.names == {
        "equivalent": "Equivalent",
        "supports": "Supports",
        "partially-supports": "Partially supports",
    }
    assert method.not_a_mapping == ("An item that finds a failure only by chance.",)
    assert method.checks == ("Every mapping cites at least one item.",)
    assert method.summary and method.independence and method.level and method.counterparts


def test_mapping_method_lists_exactly_the_relationships_a_mapping_may_state(mini):
    path = mini / "mapping-method.yaml"
    # Supports and partially supports swapped: the ids are right, the order is not.
    edit(path, "  - id: supports\n    name: Supports\n", "  - id: partially-supports\n    name: Supports\n")
    edit(path, "  - id: partially-supports\n    name: Partially", "  - id: supports\n    name: Partially")
    expected = (
        "relationships must be exactly those a mapping may state, in this order: equivalent, supports, "
        "partially-supports (from schema/mapping.schema.json); found equivalent, partially-supports, supports"
    )
    assert located(mini) == [("mapping-method.yaml", *spot(path, "relationships:"), expected)]


def test_mapping_method_relationship_missing_or_unknown(mini):
    path = mini / "mapping-method.yaml"
    edit(path, "  - id: equivalent\n", "  - id: identical\n")
    [(_, line, _, message)] = located(mini)
    assert line == spot(path, "relationships:")[0] and message.endswith("found identical, supports, partially-supports")


def test_mapping_method_relationship_ids_are_unique(mini):
    edit(mini / "mapping-method.yaml", "  - id: supports\n", "  - id: equivalent\n")
    messages = [message for _, _, _, message in located(mini)]
    assert any(m.startswith("relationship id 'equivalent' is already used in") for m in messages)
    assert any(m.startswith("relationships must be exactly those a mapping may state") for m in messages)


def test_a_relationship_added_to_the_mapping_schema_needs_its_definition(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)  # the schema folder copied, not linked: this test edits it
    schema = data / "schema/mapping.schema.json"
    edit(schema, '"partially-supports"]', '"partially-supports", "conflicts"]')
    [(file, _, _, message)] = located(data)
    assert file == "mapping-method.yaml"
    assert "in this order: equivalent, supports, partially-supports, conflicts" in message
    edit(schema, '"enum": ["equivalent", "supports", "partially-supports", "conflicts"]', '"type": "string"')
    assert ("mapping-method.yaml", "cannot read the allowed relationships from schema/mapping.schema.json") in [
        (file, message.split(" to check")[0]) for file, _, _, message in located(data)
    ]
