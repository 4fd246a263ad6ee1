"""One test per rule the loader enforces, each naming the message, the file and the line.

Every test edits a copy of tests/fixtures/mini, so lines are computed from the edited text.
"""

import json
import re
import shutil
from pathlib import Path

import pytest

from macros.data.kinds import KINDS
from macros.data.loader import display_path, load_model
from macros.data.problems import DataError
from tests.conftest import MINI, append, edit, located, problems_of, where

QUOTE_HINT = "; put it in quotes"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small fixture data set, whose schema folder links to the project's.

    Linking saves half the files of every copy; no test here writes into `schema/` through it.
    """
    target = tmp_path / "data"
    shutil.copytree(MINI, target, ignore=shutil.ignore_patterns("schema"))
    (target / "schema").symlink_to((MINI / "schema").resolve(), target_is_directory=True)
    return target


ID_HINT = "use lowercase letters, digits and single hyphens"
LEVEL_KEYS = "level keys are 1, 2, 3 and 4"


def spot(path: Path, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """Line and column (1-based) of the start of the `occurrence`-th `needle` in the file."""
    text = path.read_text(encoding="utf-8")
    at = -1
    for _ in range(occurrence):
        at = text.index(needle, at + 1)
    return text[:at].count("\n") + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def value_at(path: Path, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """Where the value of `key: value` starts, for a `needle` of the form 'key: value'."""
    line, col = spot(path, needle, occurrence)
    return line, col + needle.index(": ") + 2


def shown(path: Path) -> str:
    """A path as the loader writes it in messages."""
    return display_path(path)


def only(data_dir: Path) -> tuple[str, int, int, str]:
    """The single problem of loading `data_dir`."""
    found = located(data_dir)
    assert len(found) == 1, found
    return found[0]


def at(data_dir: Path, file: str, message: str) -> tuple[int, int]:
    """Line and column of the single problem in `file` whose message is exactly `message`."""
    found = [(line, col) for rel, line, col, text in located(data_dir) if rel == file and text == message]
    assert len(found) == 1, located(data_dir)
    return found[0]


# --- The fixture ---------------------------------------------------------------------------------


def test_fixture_loads(mini):
    model = load_model(mini)
    assert [p.id for p in model.practices] == ["p-one", "p-two"]
    assert model.subdomain("sub-a").practices == ("p-one",)
    assert model.practice("p-one").source == "practices/p-one.yaml"
    assert model.profile("pos").considerations("p-one", 1)[0].tags == ("terminal", "store")


# --- Finding the files -----------------------------------------------------------------------------


def test_data_folder_not_found(tmp_path):
    with pytest.raises(DataError) as caught:
        load_model(tmp_path / "nowhere")
    assert [(p.line, p.col, p.message) for p in caught.value.problems] == [(1, 1, "data folder not found")]
    assert caught.value.problems[0].path.endswith("nowhere")


@pytest.mark.parametrize("name", ["levels.yaml", "domains.yaml", "glossary.yaml", "references.yaml"])
def test_required_file_missing_is_the_only_problem(mini, name):
    (mini / name).unlink()
    # Files that refer to its ids (practices to subdomains, the profile to references) stay quiet.
    assert located(mini) == [(name, 1, 1, "required data file is missing")]


def test_yml_file_is_not_in_a_known_place(mini):
    shutil.copy(mini / "practices/p-one.yaml", mini / "practices/p-three.yml")
    assert only(mini) == ("practices/p-three.yml", 1, 1, "data file is not in a known place; rename it to .yaml")


@pytest.mark.parametrize("rel", ["profiles/pos/notes.yaml", "practices/extra/p-three.yaml", "p-one.yaml"])
def test_yaml_file_in_an_unknown_place_lists_the_known_places(mini, rel):
    (mini / rel).parent.mkdir(parents=True, exist_ok=True)
    (mini / rel).write_text("a: 1\n")
    known = ", ".join(kind.pattern for kind in KINDS)
    assert only(mini) == (rel, 1, 1, f"data file is not in a known place; data files are: {known}")
    assert "practices/*.yaml" in known and "profiles/*/dimensions.yaml" in known


def test_other_files_and_the_schema_folder_are_not_data(mini):
    (mini / "README.md").write_text("notes\n")
    (mini / "practices/notes.txt").write_text("notes\n")
    linked = (mini / "schema").resolve()
    (mini / "schema").unlink()
    shutil.copytree(linked, mini / "schema")
    (mini / "schema/example.yaml").write_text("a: 1\n")
    assert len(load_model(mini).practices) == 2


# --- Reading a file (macros/yamlsource.py, as the loader reports it) --------------------------------


@pytest.mark.parametrize(
    ("raw", "line", "col", "message"),
    [
        (b"", 1, 1, "file is empty"),
        (b"\n  \n", 1, 1, "file is empty"),
        (b"# only a comment\n\n", 1, 1, "file has no data (only comments or blank lines)"),
        (b"id: p-one\nname: caf\xe9\n", 2, 10, "invalid UTF-8 byte 0xe9; save the file as UTF-8"),
        (b"id: p-one\nlevels:\n\t1: x\n", 3, 1, "tab used for indentation; YAML needs spaces"),
        (b"id: p-one\nname: One\nid: p-two\n", 3, 1, "duplicate key 'id' (first defined at line 1)"),
        (b"id: p-one\n[a, b]: x\n", 2, 1, "mapping key must be a plain value"),
        (
            b"id: p-one\ndate: 2020-13-45\n",
            2,
            7,
            "YAML value: '2020-13-45' is not a valid timestamp; put it in quotes if it is text",
        ),
        (b"id: p-one\nname: a\x07b\n", 2, 8, "YAML syntax: character #x0007 is not allowed"),
        (b"id: p-one\nlevels: &x [*x]\n", 2, 9, "YAML value: an alias refers to a value that contains it"),
    ],
)
def test_unreadable_file_gives_one_problem(mini, raw, line, col, message):
    (mini / "practices/p-one.yaml").write_bytes(raw)
    # The broken file claims its id and indicator ids: p-two, the profile and archetypes stay quiet.
    assert only(mini) == ("practices/p-one.yaml", line, col, message)


def test_syntax_error_in_a_practice_gives_exactly_one_problem(mini):
    """Other files refer to p-one by id (related, profile practice, effects, targets) and to its items by see."""
    p_two = mini / "practices/p-two.yaml"
    edit(p_two, "        evidence: Evidence 1.\n", "        evidence: Evidence 1.\n        see: [p-one-1-1]\n")
    profile_practice = mini / "profiles/pos/practices/p-one.yaml"
    edit(profile_practice, "      tags: [terminal]\n", "      tags: [terminal]\n      see: [p-one-2-3]\n")
    assert load_model(mini).practice("p-two").levels[1].indicators[0].see == ("p-one-1-1",)

    line = edit(mini / "practices/p-one.yaml", "name: Practice One", "name: [Practice One")
    rel, found_line, col, message = only(mini)
    assert rel == "practices/p-one.yaml"
    # libyaml notices the unclosed list where the next key starts, on the following line.
    assert (found_line, col) == (line + 1, 7)
    assert message.startswith("YAML syntax: while parsing a flow sequence")


def test_bom_and_crlf_files_load(mini):
    for path in mini.rglob("*.yaml"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert len(load_model(mini).practices) == 2


def test_positions_in_a_crlf_file(mini):
    path = mini / "practices/p-one.yaml"
    edit(path, "order: 1", "order: first")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert only(mini) == ("practices/p-one.yaml", 6, 8, "'order' must be a whole number, not a string")


# --- The first line --------------------------------------------------------------------------------


def test_schema_comment_missing(mini):
    path = mini / "domains.yaml"
    path.write_text(path.read_text().split("\n", 1)[1])
    expected = "# yaml-language-server: $schema=schema/domains.schema.json"
    # The file is otherwise valid: its subdomains still count, so the practices stay quiet.
    assert only(mini) == (
        "domains.yaml",
        1,
        1,
        f"first line must be '{expected}' so editors check the file while typing",
    )


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        # Almost right: one folder too few.
        (
            "profiles/pos/practices/p-one.yaml",
            "../../../schema/",
            "../../schema/",
            "../../../schema/profile-practice.schema.json",
        ),
        # Almost right: the schema of another kind.
        (
            "practices/p-one.yaml",
            "practice.schema.json",
            "profile-practice.schema.json",
            "../schema/practice.schema.json",
        ),
        # Almost right: the comment on the second line.
        ("levels.yaml", "# yaml-language-server", "\n# yaml-language-server", "schema/levels.schema.json"),
    ],
)
def test_schema_comment_wrong(mini, rel, old, new, expected):
    edit(mini / rel, old, new)
    message = f"first line must be '# yaml-language-server: $schema={expected}' so editors check the file while typing"
    assert only(mini) == (rel, 1, 1, message)


# --- Schema errors (wording from macros/schemas.py, schemas from data/schema) ------------------------


def test_unknown_key_with_a_close_match(mini):
    path = mini / "practices/p-one.yaml"
    line = edit(path, "objective: Objective", "objectve: Objective")
    assert located(mini) == [
        ("practices/p-one.yaml", 2, 1, "missing required key 'objective' in the file"),
        ("practices/p-one.yaml", line, 1, "unknown key 'objectve'; did you mean 'objective'?"),
    ]


def test_unknown_key_lists_the_allowed_keys(mini):
    line = append(mini / "levels.yaml", "colour: red\n")
    assert only(mini) == ("levels.yaml", line, 1, "unknown key 'colour'; allowed keys: levels, scopes")


def test_unknown_nested_key_points_at_the_key(mini):
    path = mini / "practices/p-one.yaml"
    line = edit(path, "        evidence: Evidence 2.\n", "        evidence: Evidence 2.\n        weight: 3\n") + 1
    message = "unknown key 'weight'; allowed keys: id, text, pass, evidence, see"
    assert only(mini) == ("practices/p-one.yaml", line, 9, message)


def test_missing_required_key_at_top(mini):
    edit(mini / "practices/p-two.yaml", "absence: Nothing of Practice Two exists.\n", "")
    # Reported where the file's mapping starts: the line after the schema comment.
    assert only(mini) == ("practices/p-two.yaml", 2, 1, "missing required key 'absence' in the file")


def test_missing_required_key_in_a_list_item(mini):
    path = mini / "practices/p-one.yaml"
    edit(path, "        evidence: Evidence 2.\n", "")
    line, col = spot(path, "id: p-one-1-2")
    assert only(mini) == ("practices/p-one.yaml", line, col, "missing required key 'evidence' in 'indicators'")


def test_missing_level_key(mini):
    path = mini / "profiles/pos/practices/p-one.yaml"
    text = path.read_text()
    path.write_text(text[: text.index("  4:\n")])
    line, col = spot(path, "  1:")
    assert only(mini) == ("profiles/pos/practices/p-one.yaml", line, col + 2, "missing required key '4' in 'levels'")


@pytest.mark.parametrize("key", ["5", "10", "4x", "0", "l4"])
@pytest.mark.parametrize("rel", ["practices/p-one.yaml", "profiles/pos/practices/p-one.yaml"])
def test_level_key_must_be_1_to_4(mini, rel, key):
    path = mini / rel
    # Level 3 appears twice: the required '3' is missing, reported on its own.
    line = edit(path, "  3:\n", f"  {key}:\n")
    assert at(mini, rel, f"key '{key}' is not allowed here: {LEVEL_KEYS}") == (line, 3)
    line, col = spot(path, "  1:")
    assert at(mini, rel, "missing required key '3' in 'levels'") == (line, col + 2)


def test_characterization_key_must_be_an_id(mini):
    path = mini / "profiles/pos/archetypes.yaml"
    line = edit(path, "store-size: kiosk", "Store_Size: kiosk")
    assert only(mini) == ("profiles/pos/archetypes.yaml", line, 7, f"key 'Store_Size' is not allowed here: {ID_HINT}")


@pytest.mark.parametrize(
    ("rel", "old", "new", "needle", "message"),
    [
        (
            "practices/p-one.yaml",
            "order: 1",
            "order: first",
            "order: first",
            "'order' must be a whole number, not a string",
        ),
        (
            "practices/p-one.yaml",
            "order: 1",
            "order: 1.5",
            "order: 1.5",
            "'order' must be a whole number, not a number",
        ),
        # Almost right: YAML reads yes, no and numbers as such, not as text.
        (
            "practices/p-one.yaml",
            "name: Practice One",
            "name: yes",
            "name: yes",
            "'name' must be a string, not true/false" + QUOTE_HINT,
        ),
        (
            "references.yaml",
            'version: "1.0"',
            "version: 1.0",
            "version: 1.0",
            "'version' must be a string, not a number" + QUOTE_HINT,
        ),
        (
            "glossary.yaml",
            "abbr: OT",
            "abbr: 7",
            "abbr: 7",
            "'abbr' must be a string or empty, not a number" + QUOTE_HINT,
        ),
        (
            "glossary.yaml",
            "tooltip: true",
            "tooltip: maybe",
            "tooltip: maybe",
            "'tooltip' must be true or false, not a string",
        ),
        # A list where text is expected: quotes would not help.
        ("glossary.yaml", "term: Gateway", "term: [Gateway]", "term: [Gateway]", "'term' must be a string, not a list"),
        (
            "profiles/pos/practices/p-one.yaml",
            "tags: [store]\n  2:",
            "tags: store\n  2:",
            "tags: store",
            "the tags of a consideration must be a list, not a string",
        ),
        (
            "profiles/pos/archetypes.yaml",
            "p-one: {level: 1,",
            "p-one: {level: one,",
            "level: one",
            "'level' must be a whole number, not a string",
        ),
    ],
)
def test_wrong_type(mini, rel, old, new, needle, message):
    path = mini / rel
    edit(path, old, new)
    assert only(mini) == (rel, *value_at(path, needle), message)


def test_unquoted_date_gets_the_quotes_hint(mini):
    path = mini / "references.yaml"
    line = edit(path, 'date: "2020-08"', "date: 2020-08-31")
    rel, found_line, col, message = only(mini)
    assert (rel, found_line, col) == ("references.yaml", line, 11)
    assert message.startswith("'date' must be a string, not ") and message.endswith(QUOTE_HINT)


@pytest.mark.parametrize("name", ["domains.yaml", "levels.yaml", "profiles/pos/profile.yaml"])
def test_root_must_be_a_mapping(mini, name):
    path = mini / name
    path.write_text(path.read_text().split("\n", 1)[0] + "\n- just a list\n")
    assert only(mini) == (name, 2, 1, "the file must be a mapping (key: value), not a list")


DATE_HINT = "write a date as YYYY, YYYY-MM or YYYY-MM-DD, in quotes"
HTTPS_HINT = "use an https:// address"
URL = "url: https://publisher.invalid/doc-one"


@pytest.mark.parametrize(
    ("rel", "old", "new", "message"),
    [
        ("glossary.yaml", "id: gateway", "id: Gateway", f"'id' 'Gateway' is not valid: {ID_HINT}"),
        # Almost right ids: a trailing or double hyphen, an underscore, a trailing newline.
        ("glossary.yaml", "id: gateway", "id: gateway-", f"'id' 'gateway-' is not valid: {ID_HINT}"),
        ("glossary.yaml", "id: gateway", "id: gate--way", f"'id' 'gate--way' is not valid: {ID_HINT}"),
        ("practices/p-one.yaml", "  - p-two\n", "  - p_two\n", f"'related' 'p_two' is not valid: {ID_HINT}"),
        ("references.yaml", "id: doc-one", 'id: "doc-one\\n"', f"'id' 'doc-one\n' is not valid: {ID_HINT}"),
        # Almost right dates.
        ("references.yaml", 'date: "2020-08"', 'date: "2020-8"', f"'date' '2020-8' is not valid: {DATE_HINT}"),
        ("references.yaml", 'date: "2020-08"', 'date: "20-08"', f"'date' '20-08' is not valid: {DATE_HINT}"),
        ("references.yaml", 'date: "2020-08"', 'date: "2020/08"', f"'date' '2020/08' is not valid: {DATE_HINT}"),
        (
            "references.yaml",
            'date: "2020-08"',
            'date: "2020-08-31T10:00"',
            f"'date' '2020-08-31T10:00' is not valid: {DATE_HINT}",
        ),
        ("references.yaml", 'date: "2020-08"', 'date: "2020-08\\n"', f"'date' '2020-08\n' is not valid: {DATE_HINT}"),
        # Almost right addresses.
        (
            "references.yaml",
            URL,
            "url: http://publisher.invalid/doc-one",
            f"'url' 'http://publisher.invalid/doc-one' is not valid: {HTTPS_HINT}",
        ),
        (
            "references.yaml",
            URL,
            "url: HTTPS://publisher.invalid",
            f"'url' 'HTTPS://publisher.invalid' is not valid: {HTTPS_HINT}",
        ),
        (
            "references.yaml",
            URL,
            "url: https:/publisher.invalid",
            f"'url' 'https:/publisher.invalid' is not valid: {HTTPS_HINT}",
        ),
    ],
)
def test_pattern(mini, rel, old, new, message):
    path = mini / rel
    edit(path, old, new)
    position = value_at(path, new) if ": " in new else spot(path, "p_two")
    assert only(mini) == (rel, *position, message)


@pytest.mark.parametrize(
    ("rel", "old", "new", "message"),
    [
        (
            "profiles/pos/profile.yaml",
            "scope: industry-specific",
            "scope: industry",
            "'scope' must be one of: industry-specific, system-specific",
        ),
        ("profiles/pos/dimensions.yaml", "direction: down", "direction: Down", "'direction' must be one of: up, down"),
        (
            "references.yaml",
            "cited_on: [practice,",
            "cited_on: [practices,",
            "'cited_on' must be one of: practice, level, model",
        ),
    ],
)
def test_enum(mini, rel, old, new, message):
    path = mini / rel
    edit(path, old, new)
    line, col = spot(path, new.split(": ")[1].lstrip("["))
    assert only(mini) == (rel, line, col, message)


def _items(path: Path, start: str, end: str) -> tuple[str, str, str]:
    text = path.read_text()
    i, j = text.index(start), text.index(end)
    return text[:i], text[i:j], text[j:]


def test_too_many_considerations_uses_the_label(mini):
    path = mini / "profiles/pos/practices/p-one.yaml"
    before, level_two, after = _items(path, "    - id: pos-p-one-2-1", "  3:\n")
    extra = "".join(level_two.replace("pos-p-one-2-", f"pos-p-one-2-{n}") for n in ("1", "2"))
    path.write_text(before + level_two + extra[: extra.index("    - id: pos-p-one-2-22")] + after)
    line, col = spot(path, "- id: pos-p-one-2-1")
    message = "level 2's considerations has 5 item(s); it needs at most 4"
    assert only(mini) == ("profiles/pos/practices/p-one.yaml", line, col, message)


def test_four_considerations_are_fine(mini):
    path = mini / "profiles/pos/practices/p-one.yaml"
    before, level_two, after = _items(path, "    - id: pos-p-one-2-1", "  3:\n")
    extra = level_two.replace("pos-p-one-2-2", "pos-p-one-2-4").replace("pos-p-one-2-1", "pos-p-one-2-3")
    path.write_text(before + level_two + extra + after)
    assert len(load_model(mini).profile("pos").considerations("p-one", 2)) == 4


def test_too_few_considerations(mini):
    path = mini / "profiles/pos/practices/p-one.yaml"
    before, _, after = _items(path, "    - id: pos-p-one-2-2", "  3:\n")
    path.write_text(before + after)
    line, col = spot(path, "- id: pos-p-one-2-1")
    message = "level 2's considerations has 1 item(s); it needs at least 2"
    assert only(mini) == ("profiles/pos/practices/p-one.yaml", line, col, message)


def test_too_few_indicators_uses_the_label(mini):
    path = mini / "practices/p-one.yaml"
    before, _, after = _items(path, "      - id: p-one-2-3", "  3:\n")
    path.write_text(before + after)
    line, col = spot(path, "- id: p-one-2-1")
    message = "level 2's indicators has 2 item(s); it needs at least 3"
    assert only(mini) == ("practices/p-one.yaml", line, col, message)


@pytest.mark.parametrize(
    ("rel", "old", "new", "needle", "message"),
    [
        (
            "practices/p-one.yaml",
            "  - Second pitfall.\n",
            "",
            "- First pitfall.",
            "'pitfalls' has 1 item(s); it needs at least 2",
        ),
        (
            "profiles/pos/practices/p-one.yaml",
            "tags: [terminal, store]",
            "tags: [terminal, store, till, card]",
            "[terminal, store, till",
            "the tags of a consideration has 4 item(s); it needs at most 3",
        ),
        (
            "levels.yaml",
            "  - level: 4\n",
            "  - level: 4\n    name: Five\n    summary: S.\n    description: D.\n  - level: 4\n",
            "- level: 0",
            "'levels' has 6 item(s); it needs at most 5",
        ),
    ],
)
def test_list_sizes(mini, rel, old, new, needle, message):
    path = mini / rel
    edit(path, old, new)
    assert only(mini) == (rel, *spot(path, needle), message)


def test_minimum_number_of_options(mini):
    path = mini / "profiles/pos/dimensions.yaml"
    text = path.read_text()
    path.write_text(text[: text.index("      - id: hypermarket")])
    assert only(mini) == (
        "profiles/pos/dimensions.yaml",
        *spot(path, "- id: kiosk"),
        "'options' has 1 item(s); it needs at least 2",
    )


def test_empty_text(mini):
    path = mini / "practices/p-one.yaml"
    line = edit(path, "name: Practice One", 'name: ""')
    assert only(mini) == ("practices/p-one.yaml", line, 7, "'name' must not be empty")


@pytest.mark.parametrize(
    ("rel", "old", "new", "needle", "message"),
    [
        ("practices/p-one.yaml", "order: 1", "order: 0", "order: 0", "'order' must be at least 1"),
        ("practices/p-one.yaml", "order: 1", "order: -1", "order: -1", "'order' must be at least 1"),
        (
            "profiles/pos/archetypes.yaml",
            "p-one: {level: 3,",
            "p-one: {level: 5,",
            "level: 5",
            "'level' must be at most 4",
        ),
        (
            "profiles/pos/archetypes.yaml",
            "p-one: {level: 3,",
            "p-one: {level: -1,",
            "level: -1",
            "'level' must be at least 0",
        ),
        ("levels.yaml", "  - level: 4\n", "  - level: 5\n", "level: 5", "'level' must be at most 4"),
        ("profiles/pos/profile.yaml", "tags:\n", "baseline: 5\ntags:\n", "baseline: 5", "'baseline' must be at most 4"),
    ],
)
def test_number_bounds(mini, rel, old, new, needle, message):
    path = mini / rel
    edit(path, old, new)
    assert only(mini) == (rel, *value_at(path, needle), message)


@pytest.mark.parametrize(
    ("rel", "old", "new", "needle", "label"),
    [
        ("practices/p-one.yaml", "  - p-two\n", "  - p-two\n  - p-two\n", "- p-two\n  - p-two", "'related'"),
        ("glossary.yaml", "related: [gateway]", "related: [gateway, gateway]", "[gateway, gateway]", "'related'"),
        (
            "references.yaml",
            "cited_on: [practice, level, model]",
            "cited_on: [practice, level, practice]",
            "[practice, level, practice]",
            "'cited_on'",
        ),
        (
            "profiles/pos/profile.yaml",
            "references: [doc-one]",
            "references: [doc-one, doc-one]",
            "[doc-one, doc-one]",
            "'references'",
        ),
        (
            "profiles/pos/practices/p-one.yaml",
            "tags: [terminal, store]",
            "tags: [store, store]",
            "[store, store]",
            "the tags of a consideration",
        ),
    ],
)
def test_same_item_twice(mini, rel, old, new, needle, label):
    path = mini / rel
    edit(path, old, new)
    assert only(mini) == (rel, *spot(path, needle), f"{label} lists the same item twice")


# --- Markup in prose fields (macros/text.py via the schemas' x-markdown) ------------------------------

RAW_HTML = "raw HTML is not allowed in data text; use Markdown (or put markup in `code`)"


def _script_link(scheme: str) -> str:
    return f"link target '{scheme}:' is not allowed; links may use http, https or mailto"


@pytest.mark.parametrize(
    ("rel", "old", "text", "message"),
    [
        (
            "glossary.yaml",
            "definition: A device that connects field equipment to other networks.",
            "<b>A</b> device",
            RAW_HTML,
        ),
        (
            "glossary.yaml",
            "definition: A device that connects field equipment to other networks.",
            "<!-- x --> A device",
            RAW_HTML,
        ),
        (
            "levels.yaml",
            "description: Nothing happens.",
            "See [this](javascript:alert(1)).",
            _script_link("javascript"),
        ),
        (
            "levels.yaml",
            "description: Nothing happens.",
            "See [this]( JavaScript:alert(1)).",
            _script_link("javascript"),
        ),
        ("levels.yaml", "description: Nothing happens.", "See [x].\n\n[x]: vbscript:run", _script_link("vbscript")),
        ("levels.yaml", "description: Nothing happens.", "See <data:text/html,x>.", _script_link("data")),
        # Prose nested in lists, in list items and in mappings keyed by ids.
        ("practices/p-one.yaml", "- First pitfall.", "<i>First</i> pitfall.", RAW_HTML),
        ("profiles/pos/practices/p-one.yaml", "pass: Pass if terminals are listed per store.", "<u>Pass</u>", RAW_HTML),
        ("profiles/pos/archetypes.yaml", "why: One terminal.", "[x](javascript:go)", _script_link("javascript")),
        ("profiles/pos/dimensions.yaml", "why: One terminal is easy to list.", "<em>One</em> terminal", RAW_HTML),
    ],
)
def test_markup_in_prose_is_rejected(mini, rel, old, text, message):
    path = mini / rel
    prefix = old[: old.index(" ") + 1]
    # Written as a JSON string, which YAML reads as a double-quoted value.
    line = edit(path, old, prefix + json.dumps(text))
    col = spot(path, prefix + json.dumps(text))[1] + len(prefix)
    assert only(mini) == (rel, line, col, message)


def test_markup_in_code_spans_and_safe_links_is_fine(mini):
    text = "Use `<b>` and [the guide](https://example.org) or [mail](mailto:a@b.c)."
    old = "definition: A device that connects field equipment to other networks."
    edit(mini / "glossary.yaml", old, f"definition: {json.dumps(text)}")
    assert load_model(mini).glossary[0].definition == text


@pytest.mark.parametrize(
    ("rel", "old", "new", "message"),
    [
        ("glossary.yaml", "id: gateway", 'id: "<b>gw</b>"', f"'id' '<b>gw</b>' is not valid: {ID_HINT}"),
        (
            "references.yaml",
            URL,
            'url: "javascript:alert(1)"',
            f"'url' 'javascript:alert(1)' is not valid: {HTTPS_HINT}",
        ),
        (
            "references.yaml",
            URL,
            'url: "[x](javascript:alert(1))"',
            f"'url' '[x](javascript:alert(1))' is not valid: {HTTPS_HINT}",
        ),
    ],
)
def test_markup_in_fields_that_are_not_prose(mini, rel, old, new, message):
    """Ids and addresses are not Markdown: their pattern rejects markup, so no markup error is added."""
    path = mini / rel
    edit(path, old, new)
    assert only(mini) == (rel, *value_at(path, new), message)


# --- Ids: unique, and defined before use (macros/registry.py) ----------------------------------------


def _dimension(dim_id: str, options: tuple[str, str]) -> str:
    lines = [f"  - id: {dim_id}", "    name: Again", "    question: Again?", "    description: Again.", "    options:"]
    for option in options:
        lines += [
            f"      - id: {option}",
            "        name: Option",
            "        description: An option.",
            "        effects:",
            "          - {practice: p-two, direction: up, why: Because.}",
        ]
    return "\n".join(lines) + "\n"


DUPLICATES = [
    # (file, text to replace or None to append, new text, what, id, file of the first, its declaration)
    (
        "levels.yaml",
        None,
        "  - id: general\n    name: Again\n    description: Again.\n",
        "scope",
        "general",
        "levels.yaml",
        "id: general",
    ),
    (
        "domains.yaml",
        None,
        "  - id: first-domain\n    name: Again\n    description: Again.\n    subdomains:\n"
        "      - id: sub-c\n        name: C\n        description: C.\n",
        "domain",
        "first-domain",
        "domains.yaml",
        "id: first-domain",
    ),
    ("domains.yaml", "id: sub-b", "id: sub-a", "subdomain", "sub-a", "domains.yaml", "id: sub-a"),
    ("glossary.yaml", "id: ot", "id: gateway", "glossary term", "gateway", "glossary.yaml", "id: gateway"),
    (
        "glossary.yaml",
        "term: Gateway\n",
        "term: Gateway\n    abbr: OT\n",
        "abbreviation",
        "OT",
        "glossary.yaml",
        "abbr: OT",
    ),
    (
        "references.yaml",
        None,
        '  - id: doc-one\n    title: T\n    publisher: P\n    date: "2021"\n    url: https://x.invalid\n',
        "reference",
        "doc-one",
        "references.yaml",
        "id: doc-one",
    ),
    (
        "practices/p-two.yaml",
        "id: p-two\nname: Practice Two\n",
        "name: Practice Two\nid: p-one\n",
        "practice",
        "p-one",
        "practices/p-one.yaml",
        "id: p-one",
    ),
    (
        "practices/p-one.yaml",
        "id: p-one-2-1",
        "id: p-one-1-1",
        "indicator",
        "p-one-1-1",
        "practices/p-one.yaml",
        "id: p-one-1-1",
    ),
    (
        "practices/p-two.yaml",
        "id: p-two-3-2",
        "id: p-one-1-3",
        "indicator",
        "p-one-1-3",
        "practices/p-one.yaml",
        "id: p-one-1-3",
    ),
    (
        "profiles/pos/practices/p-one.yaml",
        "id: pos-p-one-2-1",
        "id: p-one-1-2",
        "consideration",
        "p-one-1-2",
        "practices/p-one.yaml",
        "id: p-one-1-2",
    ),
    (
        "profiles/pos/practices/p-one.yaml",
        "id: pos-p-one-2-2",
        "id: pos-p-one-1-1",
        "consideration",
        "pos-p-one-1-1",
        "profiles/pos/practices/p-one.yaml",
        "id: pos-p-one-1-1",
    ),
    (
        "profiles/pos/profile.yaml",
        "id: store",
        "id: terminal",
        "tag",
        "terminal",
        "profiles/pos/profile.yaml",
        "id: terminal",
    ),
    (
        "profiles/pos/dimensions.yaml",
        None,
        _dimension("store-size", ("small", "large")),
        "dimension",
        "store-size",
        "profiles/pos/dimensions.yaml",
        "id: store-size",
    ),
    (
        "profiles/pos/dimensions.yaml",
        "id: hypermarket",
        "id: kiosk",
        "option",
        "kiosk",
        "profiles/pos/dimensions.yaml",
        "id: kiosk",
    ),
    (
        "profiles/pos/archetypes.yaml",
        "id: big-box",
        "id: corner-shop",
        "archetype",
        "corner-shop",
        "profiles/pos/archetypes.yaml",
        "id: corner-shop",
    ),
]


@pytest.mark.parametrize(
    ("rel", "old", "new", "what", "value", "first_rel", "needle"),
    DUPLICATES,
    ids=[case[3] + "-" + case[0] for case in DUPLICATES],
)
def test_duplicate_id_names_the_first_place(mini, rel, old, new, what, value, first_rel, needle):
    path = mini / rel
    if old is None:
        append(path, new)
    else:
        edit(path, old, new)
    first_line = spot(mini / first_rel, needle)[0]
    occurrence = path.read_text().count(needle)
    line, col = value_at(path, needle, occurrence)
    assert (line, first_rel) != (first_line, rel), "the duplicate must sit elsewhere than the first"
    message = f"{what} id '{value}' is already used in {shown(mini / first_rel)}:{first_line}; ids must be unique"
    assert at(mini, rel, message) == (line, col)


def test_practice_id_must_match_the_file_name(mini):
    (mini / "practices/p-one.yaml").rename(mini / "practices/p-uno.yaml")
    assert only(mini) == ("practices/p-uno.yaml", 2, 5, "id 'p-one' must match the file name 'p-uno'")


def test_profile_id_must_match_the_folder_name(mini):
    (mini / "profiles/pos").rename(mini / "profiles/shop")
    assert only(mini) == ("profiles/shop/profile.yaml", 2, 5, "id 'pos' must match the folder name 'shop'")


def test_profile_practice_must_match_the_file_name(mini):
    folder = mini / "profiles/pos/practices"
    (folder / "p-one.yaml").rename(folder / "p-two.yaml")
    assert only(mini) == (
        "profiles/pos/practices/p-two.yaml",
        2,
        11,
        "practice 'p-one' must match the file name 'p-two'",
    )


def test_order_used_twice(mini):
    line = edit(mini / "practices/p-two.yaml", "order: 2", "order: 1")
    message = f"order 1 is already used by {shown(mini / 'practices/p-one.yaml')}"
    assert only(mini) == ("practices/p-two.yaml", line, 8, message)


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


@pytest.mark.parametrize(
    ("rel", "old", "new", "needle", "message"),
    [
        (
            "practices/p-one.yaml",
            "subdomain: sub-a",
            "subdomain: sub-aa",
            "sub-aa",
            "unknown subdomain 'sub-aa'; did you mean 'sub-a'?",
        ),
        (
            "practices/p-one.yaml",
            "subdomain: sub-a",
            "subdomain: network",
            "network",
            "unknown subdomain 'network'; defined in {domains.yaml}: sub-a, sub-b",
        ),
        (
            "practices/p-one.yaml",
            "  - p-two\n",
            "  - p-twoo\n",
            "p-twoo",
            "unknown related practice 'p-twoo'; did you mean 'p-two'?",
        ),
        # Practices come from many files: the choices, without a single home.
        (
            "practices/p-one.yaml",
            "  - p-two\n",
            "  - logging\n",
            "logging",
            "unknown related practice 'logging'; choose from: p-one, p-two",
        ),
        (
            "glossary.yaml",
            "related: [gateway]",
            "related: [gateways]",
            "gateways",
            "unknown glossary term 'gateways'; did you mean 'gateway'?",
        ),
        (
            "glossary.yaml",
            "related: [gateway]",
            "related: [router]",
            "router",
            "unknown glossary term 'router'; defined in {glossary.yaml}: gateway, ot",
        ),
        (
            "profiles/pos/profile.yaml",
            "[doc-one]",
            "[doc-two]",
            "doc-two",
            "unknown reference 'doc-two'; did you mean 'doc-one'?",
        ),
        (
            "profiles/pos/profile.yaml",
            "[doc-one]",
            "[nist]",
            "nist",
            "unknown reference 'nist'; defined in {references.yaml}: doc-one",
        ),
        (
            "profiles/pos/practices/p-one.yaml",
            "[terminal, store]",
            "[terminal, stor]",
            "stor]",
            "unknown tag 'stor'; did you mean 'store'?",
        ),
        (
            "profiles/pos/practices/p-one.yaml",
            "[terminal, store]",
            "[terminal, payment]",
            "payment",
            "unknown tag 'payment'; defined in {profiles/pos/profile.yaml}: store, terminal",
        ),
        (
            "profiles/pos/dimensions.yaml",
            "practice: p-one\n            direction: up",
            "practice: p-onee\n            direction: up",
            "p-onee",
            "unknown practice 'p-onee'; did you mean 'p-one'?",
        ),
        (
            "profiles/pos/archetypes.yaml",
            "store-size: hypermarket",
            "store-size: mall",
            "mall",
            "unknown option 'mall' in dimension 'store-size'; "
            "defined in {profiles/pos/dimensions.yaml}: hypermarket, kiosk",
        ),
        (
            "profiles/pos/archetypes.yaml",
            "store-size: hypermarket",
            "store-size: hypermarkt",
            "hypermarkt",
            "unknown option 'hypermarkt' in dimension 'store-size'; did you mean 'hypermarket'?",
        ),
    ],
)
def test_unknown_reference(mini, rel, old, new, needle, message):
    path = mini / rel
    edit(path, old, new)
    message = re.sub(r"\{([^}]+)\}", lambda match: shown(mini / match.group(1)), message)
    assert only(mini) == (rel, *spot(path, needle), message)


def test_profile_practice_for_an_unknown_practice(mini):
    folder = mini / "profiles/pos/practices"
    (folder / "p-one.yaml").rename(folder / "p-three.yaml")
    line = edit(folder / "p-three.yaml", "practice: p-one", "practice: p-three")
    text = (folder / "p-three.yaml").read_text()
    (folder / "p-three.yaml").write_text(text.replace("id: pos-p-one-", "id: pos-p-three-"))
    # Practices come from several files: the choices, without a single home.
    message = "unknown practice 'p-three'; choose from: p-one, p-two"
    # (Whatever referred to the renamed consideration ids may complain too: only the profile is looked at.)
    in_profiles = [problem for problem in located(mini) if problem[0].startswith("profiles/")]
    assert in_profiles == [("profiles/pos/practices/p-three.yaml", line, 11, message)]


@pytest.mark.parametrize(
    ("rel", "old", "new", "message"),
    [
        # Almost right: the number of another level, a leading zero, a number 0, another practice.
        (
            "practices/p-one.yaml",
            "id: p-one-1-3",
            "id: p-one-2-9",
            "indicator id 'p-one-2-9' must have the form p-one-1-<number>, e.g. p-one-1-1",
        ),
        (
            "practices/p-one.yaml",
            "id: p-one-1-3",
            "id: p-one-1-03",
            "indicator id 'p-one-1-03' must have the form p-one-1-<number>, e.g. p-one-1-1",
        ),
        (
            "practices/p-one.yaml",
            "id: p-one-4-3",
            "id: p-one-4-0",
            "indicator id 'p-one-4-0' must have the form p-one-4-<number>, e.g. p-one-4-1",
        ),
        (
            "profiles/pos/practices/p-one.yaml",
            "id: pos-p-one-1-2",
            "id: pos-p-two-1-2",
            "consideration id 'pos-p-two-1-2' must have the form pos-p-one-1-<number>, e.g. pos-p-one-1-1",
        ),
        (
            "profiles/pos/practices/p-one.yaml",
            "id: pos-p-one-3-2",
            "id: p-one-3-9",
            "consideration id 'p-one-3-9' must have the form pos-p-one-3-<number>, e.g. pos-p-one-3-1",
        ),
    ],
)
def test_item_id_says_where_the_item_sits(mini, rel, old, new, message):
    path = mini / rel
    edit(path, old, new)
    assert only(mini) == (rel, *value_at(path, new), message)


# --- Archetypes: every dimension and every practice, nothing else -------------------------------------


def test_archetype_missing_a_dimension(mini):
    append(mini / "profiles/pos/dimensions.yaml", _dimension("payment", ("cash", "card")))
    path = mini / "profiles/pos/archetypes.yaml"
    first, second = spot(path, "characterization:"), spot(path, "characterization:", 2)
    message = "missing dimension(s): payment"
    assert located(mini) == [
        ("profiles/pos/archetypes.yaml", *first, message),
        ("profiles/pos/archetypes.yaml", *second, message),
    ]


def test_archetype_unknown_dimension(mini):
    path = mini / "profiles/pos/archetypes.yaml"
    line = edit(path, "store-size: kiosk", "store-sise: kiosk")
    assert located(mini) == [
        ("profiles/pos/archetypes.yaml", line - 1, 5, "missing dimension(s): store-size"),
        ("profiles/pos/archetypes.yaml", line, 7, "unknown dimension 'store-sise'; did you mean 'store-size'?"),
    ]


def test_archetype_missing_a_practice(mini):
    path = mini / "profiles/pos/archetypes.yaml"
    edit(path, "      p-two: {level: 1, why: Little to manage.}\n  - id: big-box", "  - id: big-box")
    assert only(mini) == ("profiles/pos/archetypes.yaml", *spot(path, "targets:"), "missing practice(s): p-two")


def test_archetype_unknown_practice_points_at_the_key(mini):
    path = mini / "profiles/pos/archetypes.yaml"
    extra = "      p-three:\n        level: 1\n        why: Not a practice.\n"
    line = edit(path, "  - id: big-box", extra + "  - id: big-box")
    assert only(mini) == (
        "profiles/pos/archetypes.yaml",
        line,
        7,
        "unknown practice 'p-three'; choose from: p-one, p-two",
    )


# --- Levels ---------------------------------------------------------------------------------------


def test_levels_out_of_order(mini):
    path = mini / "levels.yaml"
    # Almost right: every level present once, two of them swapped.
    first = edit(path, "  - level: 0\n", "  - level: 1\n")
    second = edit(path, "  - level: 1\n    name: Minimum", "  - level: 0\n    name: Minimum")
    assert located(mini) == [
        ("levels.yaml", first, 12, "levels must be listed 0 to 4 in order; expected 0 here"),
        ("levels.yaml", second, 12, "levels must be listed 0 to 4 in order; expected 1 here"),
    ]


# --- Profiles: folders, and ids scoped to one profile ----------------------------------------------


def test_profile_folder_without_profile_yaml(mini):
    (mini / "profiles/pos/profile.yaml").unlink()
    # Each file of the folder says so once; its tags, ids and targets are not checked further.
    message = "this profile folder has no profile.yaml"
    assert located(mini) == [
        ("profiles/pos/archetypes.yaml", 2, 1, message),
        ("profiles/pos/dimensions.yaml", 2, 1, message),
        ("profiles/pos/practices/p-one.yaml", 2, 1, message),
    ]


def copy_profile(mini: Path, name: str) -> Path:
    """A second profile folder with its own profile and consideration ids; all else as in `pos`."""
    folder = mini / "profiles" / name
    shutil.copytree(mini / "profiles/pos", folder)
    edit(folder / "profile.yaml", "id: pos\n", f"id: {name}\n")
    edit(folder / "profile.yaml", "id_prefix: pos\n", f"id_prefix: {name}\n")
    practice = folder / "practices/p-one.yaml"
    practice.write_text(practice.read_text().replace("id: pos-", f"id: {name}-"))
    return folder


def test_second_profile_may_reuse_tag_dimension_option_and_archetype_ids(mini):
    copy_profile(mini, "pos2")
    model = load_model(mini)
    first, second = model.profile("pos"), model.profile("pos2")
    options = [[o.id for o in dim.options] for dim in first.dimensions]
    assert options == [[o.id for o in dim.options] for dim in second.dimensions] == [["kiosk", "hypermarket"]]
    assert [a.id for a in first.archetypes] == [a.id for a in second.archetypes]
    assert [t.id for t in first.tags] == [t.id for t in second.tags]


def test_same_option_twice_in_one_dimension_of_the_second_profile(mini):
    folder = copy_profile(mini, "pos2")
    line = edit(folder / "dimensions.yaml", "id: hypermarket", "id: kiosk")
    first_line = spot(folder / "dimensions.yaml", "id: kiosk")[0]
    message = (
        f"option id 'kiosk' is already used in {shown(folder / 'dimensions.yaml')}:{first_line}; ids must be unique"
    )
    assert at(mini, "profiles/pos2/dimensions.yaml", message) == (line, 13)
    # pos is untouched; pos2's archetype that chose the lost option is told what remains.
    assert {rel for rel, *_ in located(mini)} == {"profiles/pos2/dimensions.yaml", "profiles/pos2/archetypes.yaml"}


def test_same_option_id_in_two_dimensions_of_one_profile(mini):
    append(mini / "profiles/pos/dimensions.yaml", _dimension("payment", ("kiosk", "hypermarket")))
    path = mini / "profiles/pos/archetypes.yaml"
    for option in ("kiosk", "hypermarket"):
        edit(path, f"      store-size: {option}\n", f"      store-size: {option}\n      payment: {option}\n")
    model = load_model(mini)
    assert [dim.id for dim in model.profile("pos").dimensions] == ["store-size", "payment"]
    assert dict(model.profile("pos").archetypes[0].characterization) == {"store-size": "kiosk", "payment": "kiosk"}


def test_second_profile_with_the_same_profile_id(mini):
    folder = copy_profile(mini, "pos2")
    edit(folder / "profile.yaml", "id: pos2\nname: Point of Sale Profile\n", "name: Point of Sale Profile\nid: pos\n")
    message = f"profile id 'pos' is already used in {shown(mini / 'profiles/pos/profile.yaml')}:2; ids must be unique"
    assert at(mini, "profiles/pos2/profile.yaml", message) == (3, 5)
    assert at(mini, "profiles/pos2/profile.yaml", "id 'pos' must match the folder name 'pos2'") == (3, 5)


def test_tags_are_scoped_to_their_profile(mini):
    folder = copy_profile(mini, "pos2")
    edit(folder / "profile.yaml", "id: store\n", "id: shelf\n")
    lines = (folder / "practices/p-one.yaml").read_text().splitlines()
    home = shown(folder / "profile.yaml")
    message = f"unknown tag 'store'; defined in {home}: shelf, terminal"
    expected = [
        ("profiles/pos2/practices/p-one.yaml", number, line.index("store") + 1, message)
        for number, line in enumerate(lines, start=1)
        if "tags:" in line and "store" in line
    ]
    # pos still defines store: only pos2's five uses are unknown.
    assert len(expected) == 5
    assert located(mini) == expected


# --- One mistake, one problem: broken files claim their ids -------------------------------------------


@pytest.mark.parametrize(
    ("rel", "refers"),
    [
        ("references.yaml", "the profile's references"),
        ("domains.yaml", "the practices' subdomains and domains"),
        ("glossary.yaml", "related terms"),
        ("practices/p-one.yaml", "related, targets, effects, the profile practice, see"),
        ("profiles/pos/profile.yaml", "the profile practice's tags"),
        ("profiles/pos/practices/p-one.yaml", "see from a practice"),
        ("profiles/pos/dimensions.yaml", "the archetypes' dimensions and options"),
        ("profiles/pos/archetypes.yaml", "nothing"),
        ("levels.yaml", "nothing"),
    ],
)
def test_broken_file_gives_one_problem(mini, rel, refers):
    edit(
        mini / "practices/p-two.yaml",
        "        evidence: Evidence 1.\n",
        "        evidence: Evidence 1.\n        see: [pos-p-one-1-1, p-one-1-1]\n",
    )
    assert load_model(mini)
    line = append(mini / rel, "xyzzy: 1\n")
    rel_found, found_line, col, message = only(mini)
    assert (rel_found, found_line, col) == (rel, line, 1), refers
    assert message.startswith("unknown key 'xyzzy'; allowed keys: ")


def test_broken_profile_yaml_does_not_make_tags_unknown(mini):
    line = edit(mini / "profiles/pos/profile.yaml", "scope: industry-specific", "scope: shop")
    message = "'scope' must be one of: industry-specific, system-specific"
    assert only(mini) == ("profiles/pos/profile.yaml", line, 8, message)


def test_unreadable_profile_yaml_does_not_make_tags_unknown(mini):
    (mini / "profiles/pos/profile.yaml").write_bytes(b"id: [pos\n")
    rel, line, _, message = only(mini)
    assert (rel, line) == ("profiles/pos/profile.yaml", 2) and message.startswith("YAML syntax:")


def test_broken_dimensions_do_not_make_archetype_dimensions_or_options_unknown(mini):
    line = edit(mini / "profiles/pos/dimensions.yaml", "direction: down", "direction: lower")
    assert only(mini) == ("profiles/pos/dimensions.yaml", line, 24, "'direction' must be one of: up, down")


def test_broken_profile_claims_only_its_own_tags(mini):
    folder = copy_profile(mini, "pos2")
    edit(mini / "profiles/pos/profile.yaml", "scope: industry-specific", "scope: shop")
    edit(folder / "practices/p-one.yaml", "tags: [store]\n  2:", "tags: [stor]\n  2:")
    assert [(rel, message) for rel, _, _, message in located(mini)] == [
        ("profiles/pos/profile.yaml", "'scope' must be one of: industry-specific, system-specific"),
        ("profiles/pos2/practices/p-one.yaml", "unknown tag 'stor'; did you mean 'store'?"),
    ]


def test_bad_glossary_id_and_unknown_subdomain_are_both_reported(mini):
    glossary_line = edit(mini / "glossary.yaml", "id: gateway", "id: Gateway")
    practice_line = edit(mini / "practices/p-one.yaml", "subdomain: sub-a", "subdomain: sub-aa")
    assert located(mini) == [
        ("glossary.yaml", glossary_line, 9, f"'id' 'Gateway' is not valid: {ID_HINT}"),
        ("practices/p-one.yaml", practice_line, 12, "unknown subdomain 'sub-aa'; did you mean 'sub-a'?"),
    ]


def test_a_markup_error_does_not_hide_the_file_ids(mini):
    edit(mini / "practices/p-one.yaml", "description: Description", "description: <b>Description</b>")
    assert [(rel, message) for rel, _, _, message in located(mini)] == [("practices/p-one.yaml", RAW_HTML)]


def test_every_problem_reported_at_once(mini):
    (mini / "references.yaml").unlink()
    (mini / "levels.yaml").write_bytes(b"\xff\xfe")
    (mini / "glossary.yaml").write_bytes(b"terms:\n\t- id: x\n")
    domains = mini / "domains.yaml"
    domains.write_text(domains.read_text().split("\n", 1)[1])
    p_one = edit(mini / "practices/p-one.yaml", "name: Practice One", "name: [Practice One")
    p_two = edit(mini / "practices/p-two.yaml", "subdomain: sub-b", "subdomain: sub-x")
    scope = edit(mini / "profiles/pos/profile.yaml", "scope: industry-specific", "scope: shop")
    tag = edit(mini / "profiles/pos/practices/p-one.yaml", "  2:\n", "  5:\n")
    option = edit(mini / "profiles/pos/dimensions.yaml", "id: hypermarket", "id: kiosk")
    (mini / "practices/p-three.yml").write_text("id: p-three\n")
    archetype = spot(mini / "profiles/pos/archetypes.yaml", "store-size: hypermarket")[0]
    found = [(rel, line, message.split(";")[0].split(" (")[0]) for rel, line, _, message in located(mini)]
    dims = shown(mini / "profiles/pos/dimensions.yaml")
    comment = "# yaml-language-server: $schema=schema/domains.schema.json"
    assert found == [
        ("domains.yaml", 1, f"first line must be '{comment}' so editors check the file while typing"),
        ("glossary.yaml", 2, "tab used for indentation"),
        ("levels.yaml", 1, "invalid UTF-8 byte 0xff"),
        (
            "practices/p-one.yaml",
            p_one + 1,
            "YAML syntax: while parsing a flow sequence did not find expected ',' or ']'",
        ),
        ("practices/p-three.yml", 1, "data file is not in a known place"),
        ("practices/p-two.yaml", p_two, "unknown subdomain 'sub-x'"),
        ("profiles/pos/archetypes.yaml", archetype, "unknown option 'hypermarket' in dimension 'store-size'"),
        ("profiles/pos/dimensions.yaml", option, f"option id 'kiosk' is already used in {dims}:8"),
        ("profiles/pos/practices/p-one.yaml", 4, "missing required key '2' in 'levels'"),
        ("profiles/pos/practices/p-one.yaml", tag, "key '5' is not allowed here: level keys are 1, 2, 3 and 4"),
        ("profiles/pos/profile.yaml", scope, "'scope' must be one of: industry-specific, system-specific"),
        ("references.yaml", 1, "required data file is missing"),
    ]


def test_order_is_not_compared_with_a_broken_practice(mini):
    edit(mini / "practices/p-two.yaml", "order: 2", "order: 1")
    edit(mini / "practices/p-one.yaml", "order: 1", "order: first")
    problems = problems_of(mini)
    assert problems == sorted(set(problems))
    assert [where(p, mini)[0] for p in problems] == ["practices/p-one.yaml"]
