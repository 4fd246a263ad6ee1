"""Content checks: near-duplicates, acknowledged pairs, archetype targets against their own rules."""

import pytest

from macros.cli.main import main
from macros.data.loader import load
from macros.review.lint import Item, lint, omissions, similarities
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
        Item("a", "p", 1, "Gateways are listed with their firmware versions.", ""),
        Item("b", "q", 2, "A list of every gateway and its firmware version.", ""),
        Item("c", "q", 2, "Backups are restored in an exercise.", ""),
    ]
    scores = similarities(items)
    assert scores[frozenset(("a", "b"))] > 0.9
    assert frozenset(("a", "c")) not in scores


@pytest.mark.parametrize(
    ("target_file", "old", "kind"),
    [
        ("practices/p-one.yaml", SECOND, "near-duplicate"),
        ("practices/p-one.yaml", "text: Payment keys rotate every quarter.", "the same idea at level 1 and level 3"),
        ("practices/p-two.yaml", "text: Kiosk screens blank after 2 idle minutes.", "in two practices,"),
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


ACKNOWLEDGED = "# yaml-language-server: $schema=schema/acknowledged.schema.json\npairs: []\n"


def test_an_equivalent_checks_every_word_of_the_title(mini):
    edit(mini / "frameworks/fw-one.yaml", "title: Terminal inventory\n", "title: Terminal inventory and disposal\n")
    (found,) = messages(mini)
    assert found == (
        "fw-one.yaml:7: 'r-1-1' is mapped as equivalent, but no cited item checks 'disposal' of its title; "
        "cite the items that do, lower the relationship, or acknowledge it with a reason"
    )
    (mini / "acknowledged.yaml").write_text(
        ACKNOWLEDGED + "equivalents:\n  - framework: fw-one\n    requirement: r-1-1\n    practice: p-one\n"
        "    reason: The inventory records the disposal date.\n"
    )
    assert messages(mini) == []
    edit(mini / "mappings/fw-one.yaml", "relationship: equivalent", "relationship: supports")
    (found,) = messages(mini)
    assert (
        found == "acknowledged.yaml:4: fw-one r-1-1 <- p-one is not an equivalent mapping; remove its acknowledgement"
    )


def test_a_title_word_in_a_pass_criterion_counts_as_checked(mini):
    edit(mini / "frameworks/fw-one.yaml", "title: Terminal inventory\n", "title: Terminal inventory and disposal\n")
    edit(
        mini / "practices/p-one.yaml",
        "pass: Pass if a named clerk owns the terminal inventory.",
        "pass: Pass if a named clerk owns the terminal inventory, disposals included.",
    )
    assert messages(mini) == []


def _counterpart_framework(mini, mapped: str) -> None:
    """fw-two: fw-one's requirements at another scope, with the same numbers, `mapped` mapped."""
    framework = (mini / "frameworks/fw-one.yaml").read_text()
    framework = framework.replace("id: fw-one", "id: fw-two").replace("code: R ", "code: C ")
    (mini / "frameworks/fw-two.yaml").write_text(framework.replace("short_name: FW One", "short_name: FW Two"))
    others = [r for r in ("r-1-1", "r-1-2", "r-2-1", "r-2-2") if r != mapped]
    (mini / "mappings/fw-two.yaml").write_text(
        "# yaml-language-server: $schema=../schema/mapping.schema.json\nframework: fw-two\nmappings:\n"
        f"  - requirement: {mapped}\n    practice: p-one\n    level: 1\n    relationship: supports\n"
        "    items: [p-one-1-1]\n    rationale: The clerk's inventory covers the component.\nunmapped:\n"
        + "".join(f"  - requirement: {r}\n    why: Nothing here covers it.\n" for r in others)
    )


def test_counterpart_frameworks_map_their_numbers_alike(mini):
    _counterpart_framework(mini, "r-2-2")
    counterparts = "counterparts:\n  - frameworks: [fw-one, fw-two]\n    why: Same numbers, two scopes.\n"
    (mini / "acknowledged.yaml").write_text(ACKNOWLEDGED + counterparts)
    found = messages(mini)
    tail = "; map both, unmap both, or acknowledge the difference with a reason"
    assert found == [
        "fw-one.yaml:4: R 1.1 is mapped, but C 1.1 is unmapped in fw-two" + tail,
        "fw-one.yaml:17: R 1.2 is mapped, but C 1.2 is unmapped in fw-two" + tail,
        "fw-one.yaml:23: R 2.1 is mapped, but C 2.1 is unmapped in fw-two" + tail,
        "fw-two.yaml:4: C 2.2 is mapped, but R 2.2 is unmapped in fw-one" + tail,
    ]


def test_acknowledged_counterpart_differences_are_silent_and_stale_ones_reported(mini):
    _counterpart_framework(mini, "r-1-1")
    differences = "".join(
        f"      - number: '{n}'\n        reason: Deliberately apart.\n" for n in ("1.2", "2.1", "2.2")
    )
    (mini / "acknowledged.yaml").write_text(
        ACKNOWLEDGED
        + "counterparts:\n  - frameworks: [fw-one, fw-two]\n    why: Same numbers.\n    differences:\n"
        + differences
    )
    assert messages(mini) == [
        "acknowledged.yaml:11: 2.2 is mapped alike in fw-one and fw-two now; remove the acknowledged difference"
    ]


def test_a_scope_the_team_chooses_is_reported(mini):
    edit(
        mini / "practices/p-one.yaml",
        "pass: Pass if card readers carry tamper seals.",
        "pass: Pass if card readers carry tamper seals in at least one site.",
    )
    (found,) = messages(mini)
    assert found.endswith(
        "p-one-2-1 leaves its scope to the team ('at least one site'); name the system, site or twin under "
        "assessment instead"
    )


def test_a_top_level_frame_shared_by_two_practices_is_reported(mini):
    frame = "Quarterly reports show every measure against its target and each miss has an owner."
    edit(
        mini / "practices/p-one.yaml",
        "considerations: Level 4 considerations of Practice One.",
        f"considerations: {frame}",
    )
    assert messages(mini) == []
    edit(
        mini / "practices/p-two.yaml",
        "considerations: Level 4 considerations of Practice Two.",
        f"considerations: {frame.replace('every', 'each')}",
    )
    (found,) = messages(mini)
    assert found.startswith("p-two.yaml:66: level 4 of p-two and of p-one share a sentence frame")
    assert found.endswith("overlap 1.00); write each practice's top level in its own terms")


def test_a_promised_control_needs_an_indicator_up_to_its_level(mini):
    promise = "considerations: Level 2 considerations of Practice One, with multi-factor login for clerks."
    edit(mini / "practices/p-one.yaml", "considerations: Level 2 considerations of Practice One.", promise)
    (found,) = messages(mini)
    assert found == (
        "p-one.yaml:35: the level-2 considerations of p-one mention multi-factor authentication, which no "
        "indicator of the practice checks up to level 2; add one or drop the promise"
    )
    edit(mini / "practices/p-one.yaml", "evidence: Evidence 2.", "evidence: MFA configuration of the clerk accounts.")
    assert messages(mini) == []


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
    big_box, corner_shop = sorted(messages(mini))
    assert "target 3 for p-one goes against what constraint 'one-within-two' bounds it by p-two (1)" in big_box
    # The corner shop does not perform p-two at all (target 0), so its p-one target of 1 is over it too.
    assert "target 1 for p-one goes against what constraint 'one-within-two' bounds it by p-two (0)" in corner_shop


def test_cli_exit_status(mini, capsys):
    assert main(["lint", str(mini)]) == 0
    edit(mini / "profiles/pos/archetypes.yaml", "{level: 3, why: Many terminals.}", "{level: 0, why: Many terminals.}")
    assert main(["lint", str(mini)]) == 1
    assert ": lint: archetype big-box" in capsys.readouterr().err


def notes(data_dir) -> list[str]:
    return [f"{p.path.rsplit('/', 1)[-1]}:{p.line}:{p.col}: {p.message}" for p in omissions(load(data_dir))]


def test_omissions_list_the_practices_a_profile_leaves_out(mini):
    assert notes(mini) == [
        "profile.yaml:2:5: profile pos adds nothing to 1 practice(s): p-two",
        "profile.yaml:2:5: profile water-plant adds nothing to 1 practice(s): p-one",
    ]


def test_omissions_list_the_levels_a_practice_file_leaves_out(mini):
    path = mini / "profiles/pos/practices/p-one.yaml"
    text = path.read_text()
    path.write_text(text[: text.index("  2:\n")] + text[text.index("  4:\n") :])
    assert "p-one.yaml:3:1: profile pos adds nothing to p-one at level(s) 2, 3" in notes(mini)
    assert messages(mini) == []  # information, not findings


def test_cli_prints_omissions_as_information(mini, capsys):
    assert main(["lint", str(mini)]) == 0
    out = capsys.readouterr().out
    assert ": info: profile water-plant adds nothing to 1 practice(s): p-one" in out
    assert out.rstrip().endswith("no findings")
