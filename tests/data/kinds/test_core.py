"""The single-file kinds (macros/data/kinds/core.py): levels and scopes, domains, glossary and
references. Every test edits a copy of tests/fixtures/mini, or reads it."""

from tests.conftest import edit, located

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
