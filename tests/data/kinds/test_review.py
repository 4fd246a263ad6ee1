"""The review kinds (macros/data/kinds/review.py): constraints, retired ids, acknowledged lint pairs
and the test vectors. The fixture has none of these files; each test writes the one it needs."""

from pathlib import Path

import pytest
import yaml

from macros.data.loader import load, load_model
from macros.model.core import Retired
from tests.conftest import MINI, ROOT, edit, located
from tests.data.loading import shown

CONSTRAINTS = "# yaml-language-server: $schema=schema/constraints.schema.json\nconstraints:\n"
RETIRED = "# yaml-language-server: $schema=schema/retired.schema.json\nretired:\n"
ACKNOWLEDGED = "# yaml-language-server: $schema=schema/acknowledged.schema.json\npairs:\n"


def constraint(cid: str, practice: str, at_most: str) -> str:
    return f"  - id: {cid}\n    practice: {practice}\n    at_most: {at_most}\n    why: Because.\n"


def retired(item_id: str, replaced_by: str = "") -> str:
    successors = f"    replaced_by: [{replaced_by}]\n" if replaced_by else ""
    return f'  - id: {item_id}\n    date: "2026-01-01"\n    why: Gone.\n' + successors


def pair(first: str, second: str) -> str:
    return f"  - items: [{first}, {second}]\n    reason: Different on purpose.\n"


def write(path: Path, text: str) -> int:
    """Write the file and return the number of its last line."""
    path.write_text(text)
    return text.count("\n")


def test_without_review_files_the_parts_are_empty(mini):
    loaded = load(mini)
    assert loaded.model.constraints == () and loaded.model.scoring_examples == ()
    for part in ("acknowledged", "suggestion-vectors", "selection-vectors", "combination-vectors", "csv-vectors"):
        assert loaded.parts[part] in ((), {}), part


# --- Constraints -----------------------------------------------------------------------------------


def test_constraints_are_built_in_file_order(mini):
    write(
        mini / "constraints.yaml",
        CONSTRAINTS + constraint("b-first", "p-one", "p-two") + constraint("a", "p-two", "p-one"),
    )
    found = [(c.id, c.practice, c.at_most, c.why) for c in load_model(mini).constraints]
    assert found == [("b-first", "p-one", "p-two", "Because."), ("a", "p-two", "p-one", "Because.")]


def test_a_constraint_names_known_practices_and_not_itself(mini):
    text = CONSTRAINTS + constraint("self", "p-one", "p-one") + constraint("typo", "p-tow", "p-two")
    write(mini / "constraints.yaml", text)
    assert located(mini) == [
        ("constraints.yaml", 5, 14, "a practice cannot bound itself"),
        ("constraints.yaml", 8, 15, "unknown practice 'p-tow'; did you mean 'p-two'?"),
    ]


# --- Retired ids -----------------------------------------------------------------------------------


def test_a_retired_id_in_use_is_reported_where_it_is_defined(mini):
    write(mini / "retired.yaml", RETIRED + retired("p-one-9-9") + retired("pos-p-one-1-2"))
    message = f"id 'pos-p-one-1-2' is retired ({shown(mini / 'retired.yaml')}:6) and can never be used again"
    assert located(mini) == [("profiles/pos/practices/p-one.yaml", 10, 11, message)]


def test_a_retired_id_in_use_names_the_line_of_its_id_wherever_it_is_written(mini):
    write(mini / "retired.yaml", RETIRED + '  - date: "2026-01-01"\n    why: Gone.\n    id: pos-p-one-1-2\n')
    message = f"id 'pos-p-one-1-2' is retired ({shown(mini / 'retired.yaml')}:5) and can never be used again"
    assert located(mini) == [("profiles/pos/practices/p-one.yaml", 10, 11, message)]


def test_a_retired_id_names_successors_that_exist(mini):
    write(mini / "retired.yaml", RETIRED + retired("p-one-9-9", "p-one-1-1, zz-9"))
    assert located(mini) == [("retired.yaml", 6, 30, "unknown indicator or consideration 'zz-9'")]


# --- Acknowledged lint pairs -----------------------------------------------------------------------


def test_acknowledged_pairs_are_kept_by_their_items_in_any_order(mini):
    write(mini / "acknowledged.yaml", ACKNOWLEDGED + pair("p-one-1-1", "pos-p-one-1-1"))
    acknowledged = load(mini).parts["acknowledged"]
    assert acknowledged == {frozenset({"pos-p-one-1-1", "p-one-1-1"}): "Different on purpose."}


def test_a_pair_acknowledged_twice_and_unknown_items_are_reported(mini):
    text = ACKNOWLEDGED + pair("p-one-1-1", "p-two-1-1") + pair("p-two-1-1", "p-one-1-1") + pair("p-one-1-1", "p-zz")
    write(mini / "acknowledged.yaml", text)
    assert [(rel, line, col, message.split(";")[0]) for rel, line, col, message in located(mini)] == [
        ("acknowledged.yaml", 5, 5, "this pair is acknowledged twice"),
        ("acknowledged.yaml", 7, 24, "unknown indicator or consideration 'p-zz'"),
    ]


# --- Test vectors ----------------------------------------------------------------------------------


def test_scoring_vectors_become_the_models_examples(mini):
    write(
        mini / "scoring-vectors.yaml",
        "# yaml-language-server: $schema=schema/scoring-vectors.schema.json\nvectors:\n"
        "  - id: one\n    description: One level met.\n    target: 2\n"
        '    levels: {2: [met, ""], 1: [met], 4: [""], 3: [""]}\n'
        "    expected: {achieved: 1, gap: 1, over: 0, assessed: true, provisional: true}\n",
    )
    (example,) = load_model(mini).scoring_examples
    assert (example.id, example.target, example.achieved, example.gap, example.provisional) == ("one", 2, 1, 1, True)
    assert list(example.levels.items()) == [(1, ("met",)), (2, ("met", "")), (3, ("",)), (4, ("",))]


def test_csv_vectors_are_read_for_the_tests_only(mini):
    write(
        mini / "csv-vectors.yaml",
        "# yaml-language-server: $schema=schema/csv-vectors.schema.json\nvectors:\n"
        '  - id: plain\n    description: Plain.\n    cells: [a, 2]\n    expected: "a,2\\r\\n"\n',
    )
    loaded = load(mini)
    assert loaded.parts["csv-vectors"] == (
        {"id": "plain", "description": "Plain.", "cells": ["a", 2], "expected": "a,2\r\n"},
    )
    assert not hasattr(loaded.model, "csv_vectors")


def test_suggestion_vectors_name_only_ids_that_exist(mini):
    (mini / "suggestion-vectors.yaml").write_text(
        "# yaml-language-server: $schema=schema/suggestion-vectors.schema.json\n"
        "vectors:\n"
        "  - id: one\n"
        "    description: Names what exists.\n"
        "    profile: pos\n"
        "    baseline: 2\n"
        "    characterization: {store-size: kiosk}\n"
        "    expected: {p-one: 1}\n"
        "  - id: two\n"
        "    description: Names what does not.\n"
        "    profile: pos\n"
        "    baseline: 2\n"
        "    characterization: {store-size: tiny, store-sise: kiosk}\n"
        "    expected: {p-tow: 1}\n"
        "  - id: three\n"
        "    description: Another profile.\n"
        "    profile: atm\n"
        "    baseline: 2\n"
        "    characterization: {store-size: kiosk}\n"
        "    expected: {p-one: 1}\n"
        "  - id: four\n"
        "    description: Checked after a vector of an unknown profile.\n"
        "    profile: pos\n"
        "    baseline: 2\n"
        "    characterization: {store-size: kiosk}\n"
        "    expected: {p-four: 1}\n"
    )
    found = {problem[1:] for problem in located(mini) if problem[0] == "suggestion-vectors.yaml"}
    options = f"defined in {shown(mini / 'profiles/pos/dimensions.yaml')}: hypermarket, kiosk"
    # Each at the id that is wrong: a dimension or practice at its key, an option at its value.
    assert found == {
        (13, 36, f"unknown option 'tiny' in dimension 'store-size'; {options}"),
        (13, 42, "unknown dimension 'store-sise' of profile 'pos'; did you mean 'store-size'?"),
        (14, 16, "unknown practice 'p-tow'; did you mean 'p-two'?"),
        (17, 14, "unknown profile 'atm'; choose from: pos, water-plant"),
        (26, 16, "unknown practice 'p-four'; choose from: p-one, p-two"),
    }


def test_suggestion_vectors_are_a_kind_of_their_own():
    loaded = load(MINI)
    assert loaded.parts["suggestion-vectors"] == ()
    assert not hasattr(loaded.model, "suggestion_vectors")


def test_a_mapping_acknowledged_twice_is_reported(mini):
    equivalent = "  - framework: fw-one\n    requirement: r-1-1\n    practice: p-one\n    reason: Checked.\n"
    pairs = ACKNOWLEDGED + pair("p-one-1-1", "p-two-1-1")
    write(mini / "acknowledged.yaml", pairs + "equivalents:\n" + equivalent + equivalent)
    assert [(rel, line, message) for rel, line, _, message in located(mini)] == [
        ("acknowledged.yaml", 10, "this mapping is acknowledged twice"),
    ]


def test_a_counterpart_difference_listed_twice_is_reported(mini):
    from tests.conftest import with_second_framework

    with_second_framework(mini)
    difference = "      - number: '1.2'\n        reason: Deliberately apart.\n"
    text = "counterparts:\n  - frameworks: [fw-one, fw-two]\n    why: Same numbers.\n    differences:\n"
    pairs = ACKNOWLEDGED + pair("p-one-1-1", "p-two-1-1")
    write(mini / "acknowledged.yaml", pairs + text + difference + difference)
    assert [(rel, line, message) for rel, line, _, message in located(mini)] == [
        ("acknowledged.yaml", 11, "number 1.2 is listed twice"),
    ]


@pytest.mark.parametrize(
    ("name", "first", "again", "what"),
    [
        ("scoring-vectors.yaml", "nothing-answered", "  - id: everything-met", "scoring vector"),
        ("csv-vectors.yaml", "plain-text", "  - id: separators-and-quotes", "CSV vector"),
        ("selection-vectors.yaml", "general-only", "  - id: one-profile\n", "selection vector"),
        ("selection-vectors.yaml", "general-only", "  - id: one-profile-suggests", "selection vector"),
    ],
)
def test_every_vector_id_is_unique_in_its_file(mini, name, first, again, what):
    """The project's own vector files, one id written twice (in the selection file, across its two lists)."""
    text = (ROOT / "data" / name).read_text(encoding="utf-8")
    write(mini / name, text)
    line = edit(mini / name, again, f"  - id: {first}" + ("\n" if again.endswith("\n") else ""))
    defined = text[: text.index(f"  - id: {first}")].count("\n") + 1
    message = f"{what} id '{first}' is already used in {shown(mini / name)}:{defined}; ids must be unique"
    assert located(mini) == [(name, line, 9, message)]


def test_constraint_ids_are_unique_at_the_id_itself(mini):
    write(mini / "constraints.yaml", CONSTRAINTS + constraint("one", "p-one", "p-two") * 2)
    message = f"constraint id 'one' is already used in {shown(mini / 'constraints.yaml')}:3; ids must be unique"
    assert located(mini) == [("constraints.yaml", 7, 9, message)]


def test_acknowledged_equivalents_and_counterparts_name_what_exists(mini):
    """Each unknown name at its own line and column; an unknown framework's requirement is not looked up."""
    equivalents = (
        "equivalents:\n"
        "  - {framework: fw-uno, requirement: r-1-1, practice: p-one, reason: Checked.}\n"
        "  - {framework: fw-one, requirement: r-1-9, practice: p-one, reason: Checked.}\n"
        "  - {framework: fw-one, requirement: r-1-1, practice: p-tow, reason: Checked.}\n"
    )
    counterparts = "counterparts:\n  - frameworks: [fw-one, fw-too]\n    why: Same numbers.\n"
    write(mini / "acknowledged.yaml", ACKNOWLEDGED + pair("p-one-1-1", "p-two-1-1") + equivalents + counterparts)
    assert located(mini) == [
        ("acknowledged.yaml", 6, 17, "unknown framework 'fw-uno'; did you mean 'fw-one'?"),
        ("acknowledged.yaml", 7, 38, "unknown requirement 'r-1-9'; did you mean 'r-1-2'?"),
        ("acknowledged.yaml", 8, 55, "unknown practice 'p-tow'; did you mean 'p-two'?"),
        ("acknowledged.yaml", 10, 26, "unknown framework 'fw-too'; did you mean 'fw-one'?"),
    ]


def test_one_id_in_two_kinds_of_vector_file_is_no_clash(mini):
    """Ids are unique within a kind: a CSV vector may share its id with a scoring vector."""
    write(mini / "scoring-vectors.yaml", (ROOT / "data" / "scoring-vectors.yaml").read_text(encoding="utf-8"))
    write(mini / "csv-vectors.yaml", (ROOT / "data" / "csv-vectors.yaml").read_text(encoding="utf-8"))
    edit(mini / "csv-vectors.yaml", "  - id: plain-text", "  - id: nothing-answered")
    assert load(mini).parts["csv-vectors"][0]["id"] == "nothing-answered"  # loads: no problem raised


def test_retired_ids_are_built_with_their_date_reason_and_successors(mini):
    write(mini / "retired.yaml", RETIRED + retired("p-one-9-9", "p-one-1-1, p-one-1-2") + retired("p-two-9-9"))
    assert load_model(mini).retired == (
        Retired("p-one-9-9", "2026-01-01", "Gone.", ("p-one-1-1", "p-one-1-2")),
        Retired("p-two-9-9", "2026-01-01", "Gone.", ()),
    )


def test_scoring_vectors_are_kept_whole_and_in_scope_unless_they_say_otherwise(mini):
    vectors = (ROOT / "data" / "scoring-vectors.yaml").read_text(encoding="utf-8")
    write(mini / "scoring-vectors.yaml", vectors)
    loaded = load(mini)
    written = yaml.safe_load(vectors)["vectors"]
    assert [v["id"] for v in loaded.parts["scoring-vectors"]] == [v["id"] for v in written]
    examples = loaded.model.scoring_examples
    assert [e.description for e in examples] == [v["description"] for v in written]
    assert [e.in_scope for e in examples] == [v.get("in_scope", True) for v in written]
    assert {True, False} <= {e.in_scope for e in examples}
    assert any("in_scope" not in v for v in written), "a vector that leaves in_scope to its default"
