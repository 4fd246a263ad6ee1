"""`smm-guide diff`: one pair of data sets per kind of change, each built from a copy of tests/fixtures/mini.

Every test asserts the whole Diff (so nothing else shows) and a line of the Markdown report.
"""

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest

from macros.data.loader import load_model
from macros.data.problems import DataError
from macros.review.diff import Change, diff, excerpt, load_side, review, to_markdown
from tests.conftest import MINI, edit

P_ONE = "practices/p-one.yaml"


@pytest.fixture(scope="module")
def original():
    return load_model(MINI)


def compare(original, data_dir: Path) -> tuple[tuple[Change, ...], list[str]]:
    """The changes from the mini fixture to `data_dir`, and the lines of the report."""
    result = diff(original, load_model(data_dir))
    return result.changes, to_markdown(result, "main", "branch").splitlines()


def test_indicator_added(original, mini):
    edit(
        mini / P_ONE,
        "        evidence: Evidence 3.\n  2:",
        "        evidence: Evidence 3.\n"
        "      - id: p-one-1-4\n"
        "        text: Refunds need a manager's code.\n"
        "        pass: Pass if refunds need a manager's code.\n"
        "        evidence: Till logs.\n"
        "  2:",
    )
    changes, lines = compare(original, mini)
    assert changes == (
        Change("indicator", "p-one-1-4", "added", None, None, "p-one level 1: Refunds need a manager's code."),
    )
    assert lines[2] == "**Changes:** indicators 1 added."
    assert "| `p-one-1-4` | added | p-one level 1: Refunds need a manager's code. |" in lines


def test_indicator_removed_and_replaced(original, mini):
    # A level keeps at least three indicators: the removed idea comes back under a new id.
    edit(
        mini / P_ONE,
        "      - id: p-one-1-3\n        text: Cash drawers lock when the shift ends.\n",
        "      - id: p-one-1-4\n        text: Cash drawers lock when the till is closed.\n",
    )
    changes, lines = compare(original, mini)
    assert changes == (
        Change(
            "indicator", "p-one-1-3", "removed", None, "p-one level 1: Cash drawers lock when the shift ends.", None
        ),
        Change(
            "indicator", "p-one-1-4", "added", None, None, "p-one level 1: Cash drawers lock when the till is closed."
        ),
    )
    assert lines[2] == "**Changes:** indicators 1 added, 1 removed."
    assert "| `p-one-1-3` | removed | p-one level 1: Cash drawers lock when the shift ends. |" in lines


def test_indicator_reworded_with_low_similarity_is_flagged_first(original, mini):
    edit(
        mini / P_ONE,
        "text: Receipt printers are counted separately from readers.",
        "text: Refunds above the limit need a manager's approval.",
    )
    edit(mini / "mappings/fw-one.yaml", "relationship: supports\n", "relationship: partially-supports\n")
    changes, lines = compare(original, mini)
    reworded, mapping = changes
    assert reworded == Change(
        "indicator",
        "p-one-1-2",
        "reworded",
        "text",
        "Receipt printers are counted separately from readers.",
        "Refunds above the limit need a manager's approval.",
        similarity=0.0,
        flag="similarity 0.00 < 0.7",
    )
    assert mapping == Change(
        "mapping", "fw-one/r-1-2/p-one", "changed", "relationship", "supports", "partially-supports"
    )
    assert lines[2] == (
        "**Changes:** indicators 1 changed; mappings 1 changed. **1 to review:** id kept, meaning may have changed."
    )
    row = (
        "| `p-one-1-2` | reworded (similarity 0.00) | similarity 0.00 < 0.7 | ~~Receipt printers are counted"
        " separately from readers.~~ **Refunds above the limit need a manager's approval.** |"
    )
    assert row in lines
    sections = [line for line in lines if line.startswith("### ")]
    assert sections == ["### Id kept, meaning may have changed", "### Indicators", "### Mappings"]
    assert "| `p-one-1-2` | reworded (similarity 0.00) ⚠ flagged |" in lines[lines.index("### Indicators") + 4]


def test_typo_fix_is_not_flagged(original, mini):
    # The branch fixes a typo that the main line has: compare the typo'd copy with the fixture.
    edit(
        mini / P_ONE,
        "text: Firmware of every reader is recorded weekly.",
        "text: Firmware of evry reader is recorded weekly.",
    )
    result = diff(load_model(mini), original)
    (change,) = result.changes
    assert (change.action, change.field, change.similarity, change.flag) == ("reworded", "text", 1.0, None)
    lines = to_markdown(result, "main", "branch").splitlines()
    assert (
        "| `p-one-2-2` | reworded (similarity 1.00) | Firmware of ~~evry~~ **every** reader is recorded weekly. |"
        in lines
    )
    assert "### Id kept, meaning may have changed" not in lines


def test_negation_is_flagged_however_similar(original, mini):
    edit(
        mini / P_ONE,
        "text: Cash drawers lock when the shift ends.",
        "text: Cash drawers do not lock when the shift ends.",
    )
    (change,) = diff(original, load_model(mini)).changes
    assert change.similarity == 0.88
    assert change.flag == "changed 'not'"


def test_pass_criterion_and_evidence_changed(original, mini):
    edit(
        mini / P_ONE,
        "pass: Pass if card readers carry tamper seals.\n        evidence: Evidence 1.",
        "pass: Pass if every card reader carries a tamper seal.\n        evidence: Photos of the seals.",
    )
    changes, lines = compare(original, mini)
    assert [(c.id, c.action, c.field, c.old, c.new) for c in changes] == [
        ("p-one-2-1", "changed", "evidence", "Evidence 1.", "Photos of the seals."),
        (
            "p-one-2-1",
            "changed",
            "pass",
            "Pass if card readers carry tamper seals.",
            "Pass if every card reader carries a tamper seal.",
        ),
    ]
    assert changes[1].flag == "changed 'every'"
    assert changes[0].flag is None and changes[0].similarity is None
    assert "| `p-one-2-1` | changed evidence | ~~Evidence 1.~~ **Photos of the seals.** |" in lines
    assert any(line.startswith("| `p-one-2-1` | changed pass criterion (similarity 0.75) |") for line in lines)


def test_indicator_moved_to_another_level(original):
    # The loader keeps an indicator id's level in the id, so a move is built on the model itself.
    practice = original.practice("p-one")
    one, two = practice.levels[1], practice.levels[2]
    moved = one.indicators[2]
    levels = dict(practice.levels) | {
        1: replace(one, indicators=one.indicators[:2]),
        2: replace(two, indicators=(*two.indicators, moved)),
    }
    practices = (replace(practice, levels=MappingProxyType(levels)), *original.practices[1:])
    result = diff(original, replace(original, practices=practices))
    assert result.changes == (Change("indicator", "p-one-1-3", "moved", "place", "p-one level 1", "p-one level 2"),)
    assert "| `p-one-1-3` | moved | `p-one level 1` → `p-one level 2` |" in to_markdown(result, "a", "b").splitlines()


def test_practice_renamed_and_removed(original, mini):
    edit(mini / P_ONE, "name: Practice One", "name: Terminal Inventory")
    edit(mini / P_ONE, "objective: Level 2 objective of Practice One.", "objective: Level 2 goal of Practice One.")
    changes, lines = compare(original, mini)
    assert changes == (
        Change(
            "practice",
            "p-one",
            "changed",
            "level 2 objective",
            "Level 2 objective of Practice One.",
            "Level 2 goal of Practice One.",
        ),
        Change("practice", "p-one", "renamed", "name", "Practice One", "Terminal Inventory"),
    )
    assert "| `p-one` | renamed | ~~Practice One~~ **Terminal Inventory** |" in lines
    assert "| `p-one` | changed level 2 objective | Level 2 ~~objective~~ **goal** of Practice One. |" in lines
    # A practice removed (built on the model: the fixture's mappings and targets need both practices).
    removed = diff(original, replace(original, practices=original.practices[:1]))
    assert removed.changes[0] == Change("practice", "p-two", "removed", None, "Practice Two", None)
    assert {c.id for c in removed.of("indicator")} == {f"p-two-{n}-{i}" for n in range(1, 5) for i in range(1, 4)}


def test_consideration_changes(original, mini):
    path = mini / "profiles/pos/practices/p-one.yaml"
    edit(path, "text: Stores keep a log.", "text: Stores keep a written log.")
    edit(
        path,
        "evidence: Store records.\n      tags: [store]\n  3:",
        "evidence: Store records.\n      tags: [store, terminal]\n  3:",
    )
    edit(path, "- id: pos-p-one-4-2", "- id: pos-p-one-4-3")  # a level keeps at least two considerations
    changes, lines = compare(original, mini)
    assert [(c.id, c.action, c.field, c.old, c.new, c.flag) for c in changes] == [
        ("pos-p-one-2-2", "changed", "tags", "store", "store, terminal", None),
        ("pos-p-one-2-2", "reworded", "text", "Stores keep a log.", "Stores keep a written log.", None),
        ("pos-p-one-4-2", "removed", None, "pos/p-one level 4: Firmware drift is reported monthly.", None, None),
        ("pos-p-one-4-3", "added", None, None, "pos/p-one level 4: Firmware drift is reported monthly.", None),
    ]
    assert lines[2] == "**Changes:** profile considerations 1 added, 1 removed, 1 changed."
    assert "| `pos-p-one-2-2` | reworded (similarity 0.89) | Stores keep a **written** log. |" in lines


def test_target_change(original, mini):
    edit(
        mini / "profiles/pos/archetypes.yaml",
        "p-one: {level: 3, why: Many terminals.}",
        "p-one: {level: 2, why: Many terminals.}",
    )
    changes, lines = compare(original, mini)
    assert changes == (Change("target", "pos/big-box/p-one", "changed", "level", "3", "2"),)
    assert "### Archetype targets" in lines
    assert "| `pos/big-box/p-one` | changed level | `3` → `2` |" in lines


def test_effect_changes(original, mini):
    path = mini / "profiles/pos/dimensions.yaml"
    edit(path, "direction: down", "direction: up")
    edit(
        path,
        "            why: Many terminals need a process.\n",
        "            why: Many terminals need a process.\n"
        "          - practice: p-two\n"
        "            direction: up\n"
        "            why: Many tills to manage.\n",
    )
    changes, lines = compare(original, mini)
    assert changes == (
        Change("effect", "pos/store-size/hypermarket/p-two", "added", None, None, "up"),
        Change("effect", "pos/store-size/kiosk/p-one", "changed", "direction", "down", "up"),
    )
    assert "| `pos/store-size/kiosk/p-one` | changed direction | `down` → `up` |" in lines
    assert "| `pos/store-size/hypermarket/p-two` | added | up |" in lines


def test_requirement_changes(original, mini):
    path = mini / "frameworks/fw-one.yaml"
    edit(path, """title: 'Staff "named" accounts'""", "title: Staff user accounts")
    edit(
        path,
        "        requirements:\n"
        "          - id: r-1-1-e-1\n"
        "            code: R 1.1 E 1\n"
        "            title: Automated inventory\n"
        "            security_levels: [3, 4]\n",
        "",
    )
    changes, lines = compare(original, mini)
    assert changes == (
        Change("requirement", "fw-one/r-1-1-e-1", "removed", None, "R 1.1 E 1 Automated inventory", None),
        Change("requirement", "fw-one/r-1-2", "retitled", "title", 'Staff "named" accounts', "Staff user accounts"),
    )
    assert '| `fw-one/r-1-2` | retitled | Staff ~~"named"~~ **user** accounts |' in lines
    assert "| `fw-one/r-1-1-e-1` | removed | R 1.1 E 1 Automated inventory |" in lines


def test_mapping_changes(original, mini):
    path = mini / "mappings/fw-one.yaml"
    edit(
        path,
        "practice: p-one\n    level: 2\n    relationship: supports\n    items: [p-one-2-2]",
        "practice: p-one\n    level: 3\n    relationship: supports\n    items: [p-one-2-2, p-one-3-1]",
    )
    edit(
        path,
        "rationale: Incidents reach headquarters within a day.",
        "rationale: Incidents reach headquarters within an hour.",
    )
    edit(
        path,
        "unmapped:",
        "  - requirement: r-1-2\n"
        "    practice: p-two\n"
        "    level: 1\n"
        "    relationship: supports\n"
        "    items: [p-two-1-1]\n"
        "    rationale: Badges limit who reaches the tills.\n"
        "unmapped:",
    )
    changes, lines = compare(original, mini)
    assert changes == (
        Change("mapping", "fw-one/r-1-2/p-one", "changed", "items", "p-one-2-2", "p-one-2-2, p-one-3-1"),
        Change("mapping", "fw-one/r-1-2/p-one", "changed", "level", "2", "3"),
        Change("mapping", "fw-one/r-1-2/p-two", "added", None, None, "level 1, supports"),
        Change(
            "mapping",
            "fw-one/r-2-1/p-two",
            "changed",
            "rationale",
            "Incidents reach headquarters within a day.",
            "Incidents reach headquarters within an hour.",
        ),
    )
    assert lines[2] == "**Changes:** mappings 1 added, 2 changed."
    assert "| `fw-one/r-1-2/p-one` | changed level | `2` → `3` |" in lines
    assert (
        "| `fw-one/r-2-1/p-two` | changed rationale | Incidents reach headquarters within ~~a day.~~ **an hour.** |"
        in lines
    )


def test_glossary_and_reference_changes(original, mini):
    edit(mini / "glossary.yaml", "definition: A device that connects", "definition: A box that connects")
    edit(
        mini / "glossary.yaml",
        "    related: [gateway]\n",
        "    related: [gateway]\n  - id: till\n    term: Till\n    definition: A cash register.\n",
    )
    edit(mini / "references.yaml", 'date: "2020-08"', 'date: "2021-03"')
    changes, lines = compare(original, mini)
    assert changes == (
        Change(
            "term",
            "gateway",
            "changed",
            "definition",
            "A device that connects field equipment to other networks.",
            "A box that connects field equipment to other networks.",
        ),
        Change("term", "till", "added", None, None, "Till"),
        Change("reference", "doc-one", "changed", "date", "2020-08", "2021-03"),
    )
    assert lines[2] == "**Changes:** glossary terms 1 added, 1 changed; references 1 changed."
    assert "| `till` | added | Till |" in lines
    assert "| `doc-one` | changed date | `2020-08` → `2021-03` |" in lines


def test_other_data_is_reported_too(original, mini):
    edit(mini / "levels.yaml", "summary: Done in places.", "summary: Done in some places.")
    changes, lines = compare(original, mini)
    assert changes == (
        Change("other", "levels/2/summary", "changed", "summary", "Done in places.", "Done in some places."),
    )
    assert "| `levels/2/summary` | changed summary | Done in **some** places. |" in lines


def test_formatting_only_gives_no_changes(original, mini):
    edit(
        mini / P_ONE,
        "        text: A named clerk owns the terminal inventory.\n",
        "        # Reflowed, with a comment: the same data.\n"
        "        text: >-\n"
        "          A named clerk owns\n"
        "          the terminal inventory.\n",
    )
    edit(
        mini / "profiles/pos/practices/p-one.yaml",
        "tags: [terminal, store]",
        "tags:\n        - terminal\n        - store",
    )
    result = diff(original, load_model(mini))
    assert result.changes == ()
    assert to_markdown(result, "main", "branch") == "## Model changes: `main` → `branch`\n\nNo changes to the model.\n"


def test_similarity_and_excerpt():
    assert review("Stores keep a log.", "Stores keep a log.") == (1.0, None)
    assert review("Stores keep a log.", "Stores kep a log") == (1.0, None)  # a typo and punctuation
    assert review("Cash drawers lock.", "Receipts print twice.") == (0.0, "similarity 0.00 < 0.7; changed 'twice'")
    assert review("Keep one spare.", "Keep none spare.") == (0.67, "similarity 0.67 < 0.7; changed 'none', 'one'")
    # A pivot that only moves is no change of its own.
    assert review("Every till locks at night.", "At night, every till locks.") == (0.6, "similarity 0.60 < 0.7")
    long = "one two three four five six seven eight nine ten eleven twelve"
    assert excerpt(long, long.replace("six", "6")) == "one two three four five ~~six~~ **6** seven eight nine ten …"
    assert excerpt(long, long.replace("twelve", "13")) == "… eight nine ten eleven ~~twelve~~ **13**"


def git(repo: Path, *args: str) -> None:
    config = ["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "-C", str(repo), *config, *args], check=True, capture_output=True)


def test_git_refs(tmp_path, original):
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "data")  # the schema link is copied as files
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "mini")
    edit(repo / "data" / P_ONE, "text: Auditors sample refunds each month.", "text: Auditors sample refunds each week.")
    git(repo, "commit", "-q", "-am", "weekly")
    result = diff(load_side("HEAD~1", repo), load_side("HEAD", repo))
    (change,) = result.changes
    assert (change.id, change.action, change.flag) == ("p-one-4-1", "reworded", "changed 'month', 'week'")
    assert to_markdown(result, "HEAD~1", "HEAD").splitlines()[0] == "## Model changes: `HEAD~1` → `HEAD`"
    # A data folder is a side too: the first commit holds the fixture unchanged.
    assert diff(load_side(str(MINI), repo), load_side("HEAD~1", repo)).changes == ()
    with pytest.raises(DataError, match="neither a data folder nor a commit"):
        load_side("no-such-branch", repo)
    edit(repo / "data" / P_ONE, "id: p-one-4-2", "id: p-one-5-2")
    git(repo, "commit", "-q", "-am", "broken")
    with pytest.raises(DataError) as caught:
        load_side("HEAD", repo)
    assert all(p.path.startswith("HEAD:data/") for p in caught.value.problems)
    assert any(p.path == "HEAD:data/practices/p-one.yaml" for p in caught.value.problems)


def test_a_changed_number_is_flagged_in_an_otherwise_similar_rewording(original, mini):
    edit(
        mini / "practices/p-two.yaml",
        "text: Kiosk screens blank after 2 idle minutes.",
        "text: Kiosk screens blank after 20 idle minutes.",
    )
    changes, lines = compare(original, mini)
    (change,) = changes
    assert (change.id, change.action, change.flag) == ("p-two-1-1", "reworded", "changed '2', '20'")
    assert change.similarity is not None and change.similarity >= 0.7  # flagged for the number alone
    assert any(line.startswith("| `p-two-1-1` | reworded") and "changed '2', '20'" in line for line in lines)


def table_cells(line: str) -> list[str]:
    """The cells of a Markdown table row; `\\|` is a pipe inside a cell."""
    return [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]


def test_a_pipe_in_text_stays_inside_its_table_cell(original, mini):
    old = "text: 'Loyalty data stays on the central server: \"store | kiosk\" copies are refused.'"
    edit(mini / "practices/p-two.yaml", old, "text: 'Loyalty data stays on the central server | no copies.'")
    lines = to_markdown(diff(original, load_model(mini)), "main", "branch").splitlines()
    rows, header = [], None
    for line in lines:
        if line.startswith("| Id |"):
            header = table_cells(line)
        elif line.startswith("| `p-two-1-2` |"):
            rows.append(line)
            assert header and len(table_cells(line)) == len(header), line
    assert rows and all("\\|" in row for row in rows)
