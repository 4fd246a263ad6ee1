"""The rules of practice files (macros/data/kinds/practices.py), each naming the message, the file and
the line. Every test edits a copy of tests/fixtures/mini."""

import pytest

from tests.conftest import append, edit, located, problems_of, where
from tests.data.loading import _items, only, shown, spot

# --- Files: one per practice, named by its id, with its own order --------------------------------


def test_practice_id_must_match_the_file_name(mini):
    (mini / "practices/p-one.yaml").rename(mini / "practices/p-uno.yaml")
    assert only(mini) == ("practices/p-uno.yaml", 2, 5, "id 'p-one' must match the file name 'p-uno'")


def test_order_used_twice(mini):
    line = edit(mini / "practices/p-two.yaml", "order: 2", "order: 1")
    message = f"order 1 is already used by {shown(mini / 'practices/p-one.yaml')}"
    assert only(mini) == ("practices/p-two.yaml", line, 8, message)


def test_order_is_not_compared_with_a_broken_practice(mini):
    edit(mini / "practices/p-two.yaml", "order: 2", "order: 1")
    edit(mini / "practices/p-one.yaml", "order: 1", "order: first")
    problems = problems_of(mini)
    assert problems == sorted(set(problems))
    assert [where(p, mini)[0] for p in problems] == ["practices/p-one.yaml"]


# --- Indicators ----------------------------------------------------------------------------------


def test_too_few_indicators_uses_the_label(mini):
    path = mini / "practices/p-one.yaml"
    before, _, after = _items(path, "      - id: p-one-2-3", "  3:\n")
    path.write_text(before + after)
    line, col = spot(path, "- id: p-one-2-1")
    message = "level 2's indicators has 2 item(s); it needs at least 3"
    assert only(mini) == ("practices/p-one.yaml", line, col, message)


# --- References: domain and subdomain, related practices, see ------------------------------------


def test_domain_does_not_contain_the_subdomain(mini):
    append(
        mini / "domains.yaml",
        "  - id: second-domain\n    name: Second\n    description: Second.\n    subdomains:\n"
        "      - id: sub-c\n        name: C\n        description: C.\n",
    )
    # Almost right: a domain that exists, but not the one of the subdomain.
    line = edit(mini / "practices/p-two.yaml", "domain: first-domain", "domain: second-domain")
    message = "domain 'second-domain' does not contain subdomain 'sub-b' (it belongs to 'first-domain')"
    assert only(mini) == ("practices/p-two.yaml", line, 9, message)


def test_unknown_domain_with_a_known_subdomain(mini):
    line = edit(mini / "practices/p-two.yaml", "domain: first-domain", "domain: frist-domain")
    message = "domain 'frist-domain' does not contain subdomain 'sub-b' (it belongs to 'first-domain')"
    assert only(mini) == ("practices/p-two.yaml", line, 9, message)


def test_practice_related_to_itself(mini):
    line = edit(mini / "practices/p-one.yaml", "  - p-two\n", "  - p-one\n")
    assert only(mini) == ("practices/p-one.yaml", line, 5, "a practice cannot be related to itself")


@pytest.mark.parametrize(
    ("rel", "after", "see"),
    [
        ("practices/p-one.yaml", "        evidence: Evidence 1.\n", "        see: [p-two-1-1, p-one-1-1]\n"),
        (
            "profiles/pos/practices/p-one.yaml",
            "      tags: [terminal, store]\n",
            "      see: [p-one-1-1, pos-p-one-1-1]\n",
        ),
    ],
)
def test_item_refers_to_itself(mini, rel, after, see):
    path = mini / rel
    line = edit(path, after, after + see) + 1
    col = see.index(",") + 3
    assert only(mini) == (rel, line, col, "an item cannot refer to itself")


@pytest.mark.parametrize(
    ("target", "hint"),
    [
        ("p-one-1-11", "; did you mean 'p-one-1-1'?"),
        ("pos-p-one-4-11", "; did you mean 'pos-p-one-4-1'?"),
        # Items come from many files and are too many to list: no choices, no single home.
        ("zzz", ""),
    ],
)
def test_see_unknown_item(mini, target, hint):
    path = mini / "practices/p-two.yaml"
    line = (
        edit(path, "        evidence: Evidence 2.\n", f"        evidence: Evidence 2.\n        see: [{target}]\n") + 1
    )
    assert only(mini) == ("practices/p-two.yaml", line, 15, f"unknown indicator or consideration '{target}'{hint}")


def test_a_broken_practice_claims_only_its_own_indicator_ids(mini):
    """A mapping's items of broken p-one are no second problem; an item no practice file could hold still is."""
    edit(mini / "practices/p-one.yaml", "order: 1", "order: first")
    line = edit(mini / "mappings/fw-one.yaml", "items: [p-one-2-2]", "items: [p-one-2-2, q-one-2-2]")
    assert [(rel, at, message) for rel, at, _, message in located(mini)] == [
        ("mappings/fw-one.yaml", line, "unknown indicator or consideration 'q-one-2-2'; did you mean 'pos-p-one-2-2'?"),
        ("practices/p-one.yaml", 6, "'order' must be a whole number, not a string"),
    ]
