from pathlib import Path

import pytest

from macros.loader import load_model

from .conftest import one_problem, problems_of


def edit(path: Path, old: str, new: str) -> int:
    """Replace `old` with `new` once and return the 1-based line where `new` starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return text[: text.index(new)].count("\n") + 1


def test_fixture_loads(mini):
    model = load_model(mini)
    assert [p.id for p in model.practices] == ["p-one", "p-two"]
    assert model.subdomain("sub-a").practices == ("p-one",)
    assert model.practice("p-one").source == "practices/p-one.yaml"
    assert model.profile("pos").considerations("p-one", 1)[0].tags == ("terminal", "store")


def test_wrong_type(mini):
    line = edit(mini / "practices/p-one.yaml", "order: 1", "order: first")
    problem = one_problem(mini, "practices/p-one.yaml", "'order' must be a whole number")
    assert (problem.line, problem.col) == (line, 8)


def test_unquoted_date_gets_a_hint(mini):
    line = edit(mini / "references.yaml", 'date: "2020-08"', "date: 2020-08-31")
    problem = one_problem(mini, "references.yaml", "'date' must be a string")
    assert problem.line == line and "quotes" in problem.message


def test_missing_required_field(mini):
    edit(mini / "practices/p-two.yaml", "absence: Nothing of Practice Two exists.\n", "")
    problem = one_problem(mini, "practices/p-two.yaml", "missing required key 'absence'")
    assert problem.line == 2


def test_unknown_key_points_at_the_key_with_a_hint(mini):
    line = edit(mini / "practices/p-one.yaml", "objective: Objective", "objectve: Objective")
    problem = one_problem(mini, "practices/p-one.yaml", "unknown key 'objectve'")
    assert (problem.line, problem.col) == (line, 1)
    assert "did you mean 'objective'" in problem.message


def test_level_key_outside_range(mini):
    line = edit(mini / "practices/p-one.yaml", "  4:\n", "  5:\n")
    problem = one_problem(mini, "practices/p-one.yaml", "key '5' is not allowed here: level keys are 1, 2, 3 and 4")
    assert (problem.line, problem.col) == (line, 3)


def test_too_few_indicators(mini):
    path = mini / "practices/p-one.yaml"
    text = path.read_text()
    start = text.index("      - id: p-one-2-3")
    end = text.index("  3:\n")
    path.write_text(text[:start] + text[end:])
    problem = one_problem(mini, "practices/p-one.yaml", "needs at least 3")
    assert problem.message == "level 2's indicators has 2 item(s); it needs at least 3"


def test_duplicate_id_across_files(mini):
    line = edit(mini / "practices/p-two.yaml", "- id: p-two-1-1", "- id: p-one-1-1")
    problem = one_problem(mini, "practices/p-two.yaml", "indicator id 'p-one-1-1' is already used")
    assert problem.line == line
    assert "p-one.yaml:" in problem.message


def test_unresolved_reference_with_suggestion(mini):
    line = edit(mini / "practices/p-one.yaml", "  - p-two\n", "  - p-twoo\n")
    problem = one_problem(mini, "practices/p-one.yaml", "related practice 'p-twoo'")
    assert (problem.line, problem.col) == (line, 5)
    assert "did you mean 'p-two'" in problem.message


def test_subdomain_in_another_domain(mini):
    edit(mini / "domains.yaml", "      - id: sub-b\n", "      - id: sub-c\n")
    problem = one_problem(mini, "practices/p-two.yaml", "unknown subdomain 'sub-b'")
    assert problem.line == 5


def test_invalid_id_pattern(mini):
    edit(mini / "glossary.yaml", "id: gateway", "id: Gateway_Term")
    one_problem(mini, "glossary.yaml", "'id' 'Gateway_Term' is not valid: use lowercase letters")


def test_raw_html_and_script_links_rejected(mini):
    line = edit(mini / "glossary.yaml", "definition: A device", "definition: <script>alert(1)</script> A device")
    assert one_problem(mini, "glossary.yaml", "raw HTML").line == line
    edit(mini / "levels.yaml", "description: Nothing happens.", "description: See [this](javascript:alert(1)).")
    one_problem(mini, "levels.yaml", "link target 'javascript:' is not allowed")


def test_profile_tag_and_archetype_checks(mini):
    edit(mini / "profiles/pos/practices/p-one.yaml", "tags: [store]\n  2:", "tags: [stor]\n  2:")
    edit(mini / "profiles/pos/archetypes.yaml", "store-size: hypermarket", "store-size: mall")
    edit(
        mini / "profiles/pos/archetypes.yaml",
        "      p-two: {level: 1, why: Little to manage.}\n  - id: big-box",
        "  - id: big-box",
    )
    assert "did you mean 'store'" in one_problem(mini, "practices/p-one.yaml", "unknown tag 'stor'").message
    one_problem(mini, "archetypes.yaml", "unknown option 'mall' in dimension 'store-size'")
    one_problem(mini, "archetypes.yaml", "missing practice(s): p-two")


def test_schema_comment_required(mini):
    path = mini / "domains.yaml"
    path.write_text(path.read_text().split("\n", 1)[1])
    problem = one_problem(mini, "domains.yaml", "first line must be")
    assert "$schema=schema/domains.schema.json" in problem.message


def test_unknown_file_and_missing_file(mini):
    (mini / "practices" / "p-one.yaml").rename(mini / "practices" / "p-one.yml")
    (mini / "glossary.yaml").unlink()
    problems = problems_of(mini)
    assert any(p.path.endswith("p-one.yml") and "rename it to .yaml" in p.message for p in problems)
    assert any(p.path.endswith("glossary.yaml") and "missing" in p.message for p in problems)


def test_every_problem_reported_at_once(mini):
    (mini / "practices/p-one.yaml").write_bytes(b"id: [\n")
    (mini / "practices/p-two.yaml").write_bytes(b"")
    (mini / "levels.yaml").write_bytes(b"\xff\xfe")
    files = {Path(p.path).name for p in problems_of(mini)}
    assert {"p-one.yaml", "p-two.yaml", "levels.yaml"} <= files


def test_bom_and_crlf_files_load(mini):
    for path in mini.rglob("*.yaml"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert len(load_model(mini).practices) == 2


@pytest.mark.parametrize("name", ["domains.yaml", "levels.yaml"])
def test_root_must_be_a_mapping(mini, name):
    path = mini / name
    path.write_text(path.read_text().split("\n", 1)[0] + "\n- just a list\n")
    one_problem(mini, name, "must be a mapping")


def test_a_broken_practice_does_not_cascade(mini):
    edit(mini / "practices/p-two.yaml", "order: 2", "order: second")
    problems = problems_of(mini)
    assert [p.path.rsplit("/", 1)[-1] for p in problems] == ["p-two.yaml"]
