"""The single-file kinds (macros/data/kinds/core.py): levels and scopes, domains, glossary and
references. Every test edits a copy of tests/fixtures/mini, or reads it."""

from macros.data.loader import load_model
from tests.conftest import append, edit, located

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
