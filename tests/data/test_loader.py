"""One test per rule the loader enforces, each naming the message, the file and the line.

Here are the loader's own rules and those every kind shares: finding and reading the files, the
schema comment, schema and markup errors, ids across kinds, and every problem reported at once. The
rules of one data kind are tested in tests/data/kinds/test_<kind module>.py.

Every test edits a copy of tests/fixtures/mini, so lines are computed from the edited text.
"""

import json
import re
import shutil
from pathlib import Path

import pytest

from macros.data.kinds import KINDS
from macros.data.loader import load_model
from macros.data.problems import DataError
from tests.conftest import append, edit, located
from tests.data.loading import _dimension, at, linked_copy, only, shown, spot, value_at

QUOTE_HINT = "; put it in quotes"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return linked_copy(tmp_path)


ID_HINT = "use lowercase letters, digits and single hyphens"
LEVEL_KEYS = "level keys are 1, 2, 3 and 4"


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


@pytest.mark.parametrize(
    "name", ["levels.yaml", "domains.yaml", "glossary.yaml", "references.yaml", "mapping-method.yaml"]
)
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


# --- Reading a file (macros/data/yamlsource.py, as the loader reports it) --------------------------------


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


# --- Schema errors (wording from macros/data/schemas.py, schemas from data/schema) ------------------------


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
    """A practice describes every level; a profile's practice file may leave levels out
    (tests/data/kinds/test_profiles.py)."""
    path = mini / "practices/p-one.yaml"
    text = path.read_text()
    path.write_text(text[: text.index("  4:\n")])
    line, col = spot(path, "  1:")
    assert only(mini) == ("practices/p-one.yaml", line, col + 2, "missing required key '4' in 'levels'")


@pytest.mark.parametrize("key", ["5", "10", "4x", "0", "l4"])
def test_level_key_must_be_1_to_4(mini, key):
    rel = "practices/p-one.yaml"
    path = mini / rel
    # Level 3 appears twice: the required '3' is missing, reported on its own.
    line = edit(path, "  3:\n", f"  {key}:\n")
    assert at(mini, rel, f"key '{key}' is not allowed here: {LEVEL_KEYS}") == (line, 3)
    line, col = spot(path, "  1:")
    assert at(mini, rel, "missing required key '3' in 'levels'") == (line, col + 2)


@pytest.mark.parametrize("key", ["5", "10", "4x", "0", "l4"])
def test_profile_level_key_must_be_1_to_4(mini, key):
    """A profile may leave level 3 out, so the wrong key is the only problem."""
    rel = "profiles/pos/practices/p-one.yaml"
    line = edit(mini / rel, "  3:\n", f"  {key}:\n")
    assert only(mini) == (rel, line, 3, f"key '{key}' is not allowed here: {LEVEL_KEYS}")


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


# --- Markup in prose fields (macros/data/text.py via the schemas' x-markdown) ------------------------------

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


# --- Ids: unique, and defined before use (macros/data/registry.py) ----------------------------------------


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
        ("profiles/pos/practices/p-one.yaml", tag, "key '5' is not allowed here: level keys are 1, 2, 3 and 4"),
        ("profiles/pos/profile.yaml", scope, "'scope' must be one of: industry-specific, system-specific"),
        ("references.yaml", 1, "required data file is missing"),
    ]
