"""Content checks: near-duplicates, acknowledged pairs, archetype targets against their own rules."""

import pytest

from macros.cli.main import main
from macros.data.loader import load
from macros.review.lint import Item, lint, similarities
from tests.conftest import ROOT, edit

FIRST = "text: A named clerk owns the terminal inventory."
SECOND = "text: Receipt printers are counted separately from readers."
REFUND = "text: Payment terminals log every refund."
REFUND_AGAIN = "text: Every payment terminal logs each refund."


def messages(data_dir) -> list[str]:
    return [f"{p.path.rsplit('/', 1)[-1]}:{p.line}: {p.message}" for p in lint(load(data_dir))]


def test_the_fixture_is_clean(mini):
    assert messages(mini) == []


def test_the_real_data_is_clean():
    """Run on the real data by `make test`: new duplicates or contradictions fail the build."""
    findings = lint(load(ROOT / "data"))
    assert not findings, "\n".join(str(f) for f in findings)


def test_similarity_ignores_word_forms_and_stop_words():
    items = [
        Item("a", "p", 1, "Gateways are listed with their firmware versions."),
        Item("b", "q", 2, "A list of every gateway and its firmware version."),
        Item("c", "q", 2, "Backups are restored in an exercise."),
    ]
    scores = similarities(items)
    assert scores[frozenset(("a", "b"))] > 0.9
    assert frozenset(("a", "c")) not in scores


@pytest.mark.parametrize(
    ("target_file", "old", "kind"),
    [
        ("practices/p-one.yaml", SECOND, "near-duplicate"),
        ("practices/p-one.yaml", "text: Payment keys rotate every quarter.", "the same idea at level 1 and level 3"),
        ("practices/p-two.yaml", "text: Kiosk screens blank after two idle minutes.", "in two practices,"),
        (
            "practices/p-two.yaml",
            "text: Self-checkout cameras record the bagging area.",
            "the same idea in two practices at level 1 and level 3",
        ),
    ],
)
def test_duplicates_are_reported_with_their_kind(mini, target_file, old, kind):
    edit(mini / "practices/p-one.yaml", FIRST, REFUND)
    line = edit(mini / target_file, old, REFUND_AGAIN)
    (found,) = messages(mini)
    # Reported at the id of the later of the two items.
    assert found.startswith(f"{target_file.rsplit('/', 1)[-1]}:{line - 1}: ")
    assert kind in found and "similarity" in found


def test_acknowledged_pairs_are_silent_and_stale_ones_reported(mini):
    edit(mini / "practices/p-one.yaml", FIRST, REFUND)
    edit(mini / "practices/p-one.yaml", SECOND, REFUND_AGAIN)
    (mini / "acknowledged.yaml").write_text(
        "# yaml-language-server: $schema=schema/acknowledged.schema.json\npairs:\n"
        "  - items: [p-one-1-1, p-one-1-2]\n    reason: Deliberate.\n"
        "  - items: [p-one-2-1, p-two-3-3]\n    reason: Once similar.\n"
    )
    (found,) = messages(mini)
    assert "the acknowledged pair p-one-2-1 and p-two-3-3 is no longer similar" in found


def test_targets_against_the_characterization_need_a_deviation(mini):
    path = mini / "profiles/pos/archetypes.yaml"
    line = edit(path, "p-one: {level: 3, why: Many terminals.}", "p-one: {level: 1, why: Many terminals.}")
    assert messages(mini) == [
        f"archetypes.yaml:{line}: archetype big-box: target 1 for p-one goes against what its characterization "
        "suggests 3 (effects +1); add a deviation that says why"
    ]
    edit(path, "{level: 1, why: Many terminals.}", "{level: 1, why: Many terminals., deviation: Owner's choice.}")
    assert messages(mini) == []


def test_a_deviation_that_deviates_from_nothing_is_reported(mini):
    path = mini / "profiles/pos/archetypes.yaml"
    edit(path, "{level: 3, why: Many terminals.}", "{level: 3, why: M., deviation: D.}")
    (found,) = messages(mini)
    assert "target 3 for p-one has a deviation but goes against nothing" in found


def test_declared_constraints_bound_targets(mini):
    (mini / "constraints.yaml").write_text(
        "# yaml-language-server: $schema=schema/constraints.schema.json\nconstraints:\n"
        "  - id: one-within-two\n    practice: p-one\n    at_most: p-two\n    why: One builds on two.\n"
    )
    (found,) = messages(mini)
    assert "target 3 for p-one goes against what constraint 'one-within-two' bounds it by p-two (1)" in found


def test_cli_exit_status(mini, capsys):
    assert main(["lint", str(mini)]) == 0
    edit(mini / "profiles/pos/archetypes.yaml", "{level: 3, why: Many terminals.}", "{level: 0, why: Many terminals.}")
    assert main(["lint", str(mini)]) == 1
    assert ": lint: archetype big-box" in capsys.readouterr().err
