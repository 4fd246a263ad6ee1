"""The id table and the kind registry (macros/data/registry.py), on small in-memory sources."""

import fnmatch
from pathlib import Path

import pytest

from macros.data.kinds import KINDS
from macros.data.problems import Problem
from macros.data.registry import Context, Entry, Ids, Kind, file_name_matches, item_id_matches, ordered
from macros.data.yamlsource import Source, read_source


def source(text: str, name: str = "a.yaml") -> Source:
    parsed, problems = read_source(text.encode(), name)
    assert problems == [] and parsed is not None
    return parsed


def entry(text: str, name: str = "a.yaml") -> Entry:
    return Entry(Path(name), name, source(text, name))


def nothing(_ids: Ids, _entry: Entry) -> None:
    return None


TWO_ITEMS = "items:\n  - id: one\n    note: x\n  - id: two\n"


# --- define -------------------------------------------------------------------------------------


def test_define_records_ids_by_namespace():
    ids, src = Ids(), source(TWO_ITEMS)
    ids.define(("item",), "one", src, ("items", 0, "id"), "item")
    ids.define(("item",), "two", src, ("items", 1, "id"), "item")
    ids.define(("other",), "one", src, ("items", 0, "id"), "other")
    assert ids.problems == []
    assert ids.known(("item",)) == {"one", "two"}
    assert ids.known(("other",)) == {"one"}
    assert ids.known(("missing",)) == set()


def test_duplicate_in_the_same_file_names_the_first_line():
    ids, src = Ids(), source(TWO_ITEMS + "  - id: one\n")
    ids.define(("item",), "one", src, ("items", 0, "id"), "item")
    ids.define(("item",), "one", src, ("items", 2, "id"), "item")
    assert ids.problems == [Problem("a.yaml", 5, 9, "item id 'one' is already used in a.yaml:2; ids must be unique")]


def test_duplicate_in_another_file_names_that_file_and_its_line():
    ids = Ids()
    first = source("# comment\n\nlist:\n  - id: one\n", "first.yaml")
    second = source("id: one\n", "second.yaml")
    ids.define(("item",), "one", first, ("list", 0, "id"), "item")
    ids.define(("item",), "one", second, ("id",), "indicator")
    assert ids.problems == [
        Problem("second.yaml", 1, 5, "indicator id 'one' is already used in first.yaml:4; ids must be unique")
    ]
    # The first definition stays the one on record.
    assert ids.defined[("item",)]["one"][0] is first


def test_same_id_in_different_namespaces_is_fine():
    ids, src = Ids(), source(TWO_ITEMS)
    ids.define(("option", "pos", "size"), "one", src, ("items", 0, "id"), "option")
    ids.define(("option", "pos2", "size"), "one", src, ("items", 0, "id"), "option")
    ids.define(("option", "pos", "colour"), "one", src, ("items", 0, "id"), "option")
    assert ids.problems == []


# --- claim, exists, resolve -----------------------------------------------------------------------


def test_claim_patterns():
    ids = Ids()
    ids.claim(("practice",), "p-one")
    ids.claim(("item",), "p-one-*")
    ids.claim(("tag", "pos"))
    assert ids.exists(("practice",), "p-one")
    assert not ids.exists(("practice",), "p-one-extra")
    assert ids.exists(("item",), "p-one-1-1")
    assert not ids.exists(("item",), "p-two-1-1")
    assert ids.exists(("tag", "pos"), "anything")
    assert not ids.exists(("tag", "pos2"), "anything")
    # Claimed ids are not known: they are neither listed as choices nor required anywhere.
    assert ids.known(("practice",)) == set()


def test_claim_patterns_are_case_sensitive():
    ids = Ids()
    ids.claim(("item",), "p-one-*")
    assert not ids.exists(("item",), "P-ONE-1-1")


def test_resolve_known_and_claimed_ids():
    ids, src = Ids(), source(TWO_ITEMS)
    ids.define(("item",), "one", src, ("items", 0, "id"), "item")
    ids.claim(("item",), "t*")
    assert ids.resolve(("item",), "one", src, ("items", 1, "id"), "item")
    assert ids.resolve(("item",), "two", src, ("items", 1, "id"), "item")
    assert ids.problems == []


def _ids_from(values: list[str], files: tuple[str, ...] = ("home.yaml",)) -> Ids:
    ids = Ids()
    for index, value in enumerate(values):
        name = files[index % len(files)]
        ids.define(("x",), value, source(f"id: {value}\n", name), ("id",), "x")
    return ids


REF = "refs:\n  - first\n  - second\n"


@pytest.mark.parametrize(
    ("values", "files", "value", "message"),
    [
        # A close match.
        (["gateway", "router"], ("home.yaml",), "gateways", "unknown x 'gateways'; did you mean 'gateway'?"),
        # No close match, few choices from one file: the choices and where they are defined.
        (["gateway", "router"], ("home.yaml",), "zzz", "unknown x 'zzz'; defined in home.yaml: gateway, router"),
        # From several files: the choices without a home.
        (["gateway", "router"], ("a.yaml", "b.yaml"), "zzz", "unknown x 'zzz'; choose from: gateway, router"),
        # Twelve choices are still listed.
        ([f"v{n:02}" for n in range(12)], ("home.yaml",), "zzz", "unknown x 'zzz'; defined in home.yaml: "),
        # More than twelve from one file: only the file.
        ([f"v{n:02}" for n in range(13)], ("home.yaml",), "zzz", "unknown x 'zzz'; see home.yaml"),
        # More than twelve from several files: nothing to add.
        ([f"v{n:02}" for n in range(13)], ("a.yaml", "b.yaml"), "zzz", "unknown x 'zzz'"),
        # Nothing defined at all.
        ([], ("home.yaml",), "zzz", "unknown x 'zzz'"),
    ],
)
def test_resolve_message_forms(values, files, value, message):
    ids, src = _ids_from(values, files), source(REF, "ref.yaml")
    assert not ids.resolve(("x",), value, src, ("refs", 1), "x")
    [problem] = ids.problems
    assert (problem.path, problem.line, problem.col) == ("ref.yaml", 3, 5)
    if message.endswith(": "):
        assert problem.message == message + ", ".join(sorted(values))
    else:
        assert problem.message == message


def test_resolve_adds_where_before_the_hint():
    ids, src = _ids_from(["kiosk", "mall"]), source(REF)
    ids.resolve(("x",), "kiosc", src, ("refs", 0), "option", " in dimension 'size'")
    assert [p.message for p in ids.problems] == ["unknown option 'kiosc' in dimension 'size'; did you mean 'kiosk'?"]


def test_home_is_the_one_file_defining_a_namespace():
    ids = _ids_from(["a", "b"])
    assert ids.homes[("x",)] == "home.yaml"
    ids.define(("x",), "c", source("id: c\n", "other.yaml"), ("id",), "x")
    assert ids.homes[("x",)] is None
    # Once several files define it, it stays without a home.
    ids.define(("x",), "d", source("id: d\n", "home.yaml"), ("id",), "x")
    assert ids.homes[("x",)] is None


def test_fail_points_at_the_key_when_asked():
    src = source("targets:\n  p-three:\n    level: 1\n")
    ids = Ids()
    ids.fail(src, ("targets", "p-three"), "unknown practice 'p-three'", "p-three", ["p-one"])
    ids.fail(src, ("targets", "p-three"), "unknown practice 'p-three'", "p-three", ["p-one"], key=True)
    assert [(p.line, p.col) for p in ids.problems] == [(3, 5), (2, 3)]
    assert ids.problems[0].message == "unknown practice 'p-three'; choose from: p-one"


def test_fail_with_a_value_that_is_not_text():
    ids, src = Ids(), source(REF)
    ids.fail(src, ("refs", 0), "unknown level '4'", 4, ["1", "2", "3", "4x"])
    assert ids.problems[0].message == "unknown level '4'; did you mean '4x'?"


# --- Kinds ---------------------------------------------------------------------------------------


def kind(name: str, after: tuple[str, ...] = (), **extra) -> Kind:
    return Kind(name, f"{name}.yaml", (name,), nothing, after=after, **extra)


def test_ordered_puts_each_kind_after_the_kinds_it_names():
    kinds = [kind("domains", ("practice",)), kind("levels"), kind("practice"), kind("model", ("domains", "levels"))]
    assert [k.name for k in ordered(kinds)] == ["levels", "practice", "domains", "model"]


def test_ordered_keeps_the_given_order_when_free():
    assert [k.name for k in ordered([kind("b"), kind("a"), kind("c")])] == ["b", "a", "c"]


def test_ordered_reports_a_circle():
    kinds = [kind("free"), kind("a", ("b",)), kind("b", ("c",)), kind("c", ("a",))]
    with pytest.raises(ValueError, match=r"^circular 'after' between kinds: a, b, c$"):
        ordered(kinds)


def test_ordered_reports_a_kind_that_does_not_exist():
    with pytest.raises(ValueError, match=r"^'after' names no kind: practise$"):
        ordered([kind("domains", ("practise",)), kind("practice")])
    with pytest.raises(ValueError, match=r"^'after' names no kind: domain, practise$"):
        ordered([kind("profiles", ("practise", "domain")), kind("practice")])


def test_the_kind_table_is_ordered():
    names = [k.name for k in KINDS]
    assert all(names.index(dependency) < names.index(k.name) for k in KINDS for dependency in k.after)
    assert names.index("practice") < names.index("domains")


def test_broken_file_claims_every_namespace_by_default():
    ids = Ids()
    Kind("domains", "domains.yaml", ("domain", "subdomain"), nothing).claim_broken(ids, Path("domains.yaml"), None)
    assert ids.exists(("domain",), "any") and ids.exists(("subdomain",), "any")
    assert not ids.exists(("practice",), "any")


def test_broken_file_claims_what_its_kind_says():
    calls = []
    custom = kind("practice", claim=lambda ids, path, data: calls.append((path, data)))
    custom.claim_broken(Ids(), Path("practices/p-one.yaml"), {"id": "p-one"})
    assert calls == [(Path("practices/p-one.yaml"), {"id": "p-one"})]


@pytest.mark.parametrize(
    ("rel", "claimed", "not_claimed"),
    [
        ("practices/p-one.yaml", [("practice", "p-one"), ("item", "p-one-1-1")], [("practice", "p-two")]),
        ("profiles/pos/profile.yaml", [("profile", "pos"), ("tag", "anything")], [("profile", "pos2")]),
        ("profiles/pos/practices/p-one.yaml", [("item", "pos-p-one-1-1")], [("item", "p-one-1-1")]),
        ("profiles/pos/dimensions.yaml", [("dimension", "anything")], [("option", "anything")]),
        ("profiles/pos/archetypes.yaml", [], [("archetype", "anything")]),
    ],
)
def test_what_broken_files_of_each_kind_claim(rel, claimed, not_claimed):
    [found] = [k for k in KINDS if fnmatch.fnmatchcase(rel, k.pattern)]
    ids = Ids()
    found.claim_broken(ids, Path(rel), None)
    folder = rel.split("/")[1] if rel.startswith("profiles/") else None

    def namespace(name: str) -> tuple[str, ...]:
        return (name, folder) if name in ("tag", "dimension", "archetype") else (name,)

    assert all(ids.exists(namespace(name), value) for name, value in claimed)
    assert not any(ids.exists(namespace(name), value) for name, value in not_claimed)


# --- Checks shared by kinds -------------------------------------------------------------------------


def test_file_name_matches():
    ids, good, bad = Ids(), entry("id: p-one\n", "p-one.yaml"), entry("# c\nid: p-uno\n", "p-one.yaml")
    file_name_matches(ids, good, "id", "p-one", "file name")
    file_name_matches(ids, bad, "id", "p-one", "file name")
    assert ids.problems == [Problem("p-one.yaml", 2, 5, "id 'p-uno' must match the file name 'p-one'")]


@pytest.mark.parametrize(
    ("item_id", "ok"),
    [
        ("p-one-2-1", True),
        ("p-one-2-12", True),
        ("p-one-2-0", False),
        ("p-one-2-01", False),
        ("p-one-3-1", False),
        ("p-one-2-1x", False),
        ("p-one-2-", False),
        ("x-p-one-2-1", False),
        ("p-onex2-1", False),
    ],
)
def test_item_id_matches(item_id, ok):
    ids, e = Ids(), entry(f"levels:\n  2:\n    - id: {item_id}\n")
    item_id_matches(ids, e, item_id, ("levels", "2", 0, "id"), "p-one", "2", "indicator")
    message = f"indicator id '{item_id}' must have the form p-one-2-<number>, e.g. p-one-2-1"
    assert ids.problems == ([] if ok else [Problem("a.yaml", 3, 11, message)])


def test_prefix_is_taken_literally():
    # A dot in a prefix is not "any character".
    ids, e = Ids(), entry("id: aXb-1-1\n")
    item_id_matches(ids, e, "aXb-1-1", ("id",), "a.b", "1", "consideration")
    assert len(ids.problems) == 1


# --- Context --------------------------------------------------------------------------------------


def test_context_single_and_problems(tmp_path):
    ids = Ids()
    one = entry("id: one\n")
    ctx = Context(tmp_path, ids, {"levels": [one], "glossary": []})
    assert ctx.single("levels") is one
    assert ctx.single("glossary") is None
    assert ctx.single("unknown") is None
    ids.problems.append(Problem("a.yaml", 1, 1, "x"))
    assert ctx.problems is ids.problems and len(ctx.problems) == 1
    assert one.data == {"id": "one"}
