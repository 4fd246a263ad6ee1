import pytest

from macros.data.problems import Problem
from macros.data.yamlsource import read_source


def problems(raw: bytes) -> list[tuple[int, int, str]]:
    source, found = read_source(raw, "f.yaml")
    assert source is None, "a file with problems gives no data"
    assert all(p.path == "f.yaml" for p in found)
    return [(p.line, p.col, p.message) for p in found]


# --- Positions ------------------------------------------------------------------------------------


def test_positions_of_values_and_keys():
    source, found = read_source(b"a: 1\nb:\n  - x\n  - y\n", "f.yaml")
    assert found == []
    assert source.data == {"a": 1, "b": ["x", "y"]}
    assert source.where(("b", 1)) == (4, 5)
    assert source.where(("b",), key=True) == (2, 1)


def test_where_falls_back_to_the_nearest_parent():
    source, _ = read_source(b"# c\na:\n  b: 1\n", "f.yaml")
    assert source.where(("a", "b", "missing")) == (3, 6)
    assert source.where(("nothing", "here")) == (2, 1)
    assert source.where(()) == (2, 1)
    # A list item has no key: its value stands in.
    list_source, _ = read_source(b"items:\n  - x\n", "f.yaml")
    assert list_source.where(("items", 0), key=True) == (2, 5)


def test_problem_at_a_value_or_its_key():
    source, _ = read_source(b"targets:\n  p-one:\n    level: 1\n", "f.yaml")
    assert source.problem(("targets", "p-one"), "m") == Problem("f.yaml", 3, 5, "m")
    assert source.problem(("targets", "p-one"), "m", key=True) == Problem("f.yaml", 2, 3, "m")


def test_first_line_is_kept():
    source, _ = read_source(b"# yaml-language-server: $schema=x.json\na: 1\n", "f.yaml")
    assert source.first_line == "# yaml-language-server: $schema=x.json"


def test_keys_become_strings():
    source, _ = read_source(b"levels:\n  1: a\n  2: b\n  4x: c\n", "f.yaml")
    assert source.data == {"levels": {"1": "a", "2": "b", "4x": "c"}}


def test_bom_and_crlf_are_accepted():
    source, found = read_source("\ufeffa: 1\r\nb: two\r\n".encode(), "f.yaml")
    assert found == []
    assert source.data == {"a": 1, "b": "two"}
    assert source.where(("b",)) == (2, 4)
    assert source.first_line == "a: 1"


def test_crlf_positions_of_a_problem():
    assert problems(b"a: 1\r\nb: 2\r\na: 3\r\n") == [(3, 1, "duplicate key 'a' (first defined at line 1)")]


def test_aliases_are_read_where_the_anchor_is():
    source, found = read_source(b"a: &x [1, 2]\nb: *x\n", "f.yaml")
    assert found == []
    assert source.data == {"a": [1, 2], "b": [1, 2]}
    assert source.where(("b",)) == (1, 4)


# --- Rules -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [b"", b"  \n", b"\n\n\t\n", b"\r\n"])
def test_empty_file(raw):
    assert problems(raw) == [(1, 1, "file is empty")]


@pytest.mark.parametrize("raw", [b"# only a comment\n", b"\n# one\n\n# two\n", b"\xef\xbb\xbf# bom\n"])
def test_comment_only_file(raw):
    assert problems(raw) == [(1, 1, "file has no data (only comments or blank lines)")]


@pytest.mark.parametrize(
    ("raw", "line", "col", "byte"),
    [
        (b"a: ok\nb: caf\xe9\n", 2, 7, "e9"),
        (b"\xff\xfe", 1, 1, "ff"),
        # Counted in characters, not bytes: 'caf\xc3\xa9' is four characters.
        ("a: ok\nb: café ".encode() + b"\xff\n", 2, 9, "ff"),
        (b"a: ok\n\n\nlast: \x80\n", 4, 7, "80"),
    ],
)
def test_invalid_utf8(raw, line, col, byte):
    assert problems(raw) == [(line, col, f"invalid UTF-8 byte 0x{byte}; save the file as UTF-8")]


def test_tab_indentation_on_every_line():
    assert problems(b"a:\n\t- x\nb:\n  \t- y\n") == [
        (2, 1, "tab used for indentation; YAML needs spaces"),
        (4, 3, "tab used for indentation; YAML needs spaces"),
    ]


def test_tab_inside_a_value_is_fine():
    source, found = read_source(b"a: x\ty\nb: 'p\tq'\n", "f.yaml")
    assert found == []
    assert source.data == {"a": "x\ty", "b": "p\tq"}


def test_duplicate_key_points_at_second_key():
    assert problems(b"a: 1\nb: 2\na: 3\n") == [(3, 1, "duplicate key 'a' (first defined at line 1)")]


def test_duplicate_nested_key_names_the_first_line():
    raw = b"# schema\nlevels:\n  1:\n    objective: x\n\n    text: y\n    objective: z\n  2: {}\n"
    assert problems(raw) == [(7, 5, "duplicate key 'objective' (first defined at line 4)")]


def test_duplicate_keys_that_differ_only_in_how_they_are_written():
    # 1 and '1' are the same key once keys are text.
    assert problems(b"levels:\n  1: a\n  '1': b\n") == [(3, 3, "duplicate key '1' (first defined at line 2)")]


def test_every_duplicate_key_is_reported():
    assert problems(b"a: 1\na: 2\nb: 1\nb: 2\n") == [
        (2, 1, "duplicate key 'a' (first defined at line 1)"),
        (4, 1, "duplicate key 'b' (first defined at line 3)"),
    ]


@pytest.mark.parametrize(
    ("raw", "line", "col"),
    [
        (b"a: 1\n[x, y]: 2\n", 2, 1),
        (b"a: 1\n{x: 1}: 2\n", 2, 1),
        (b"a: 1\n? - x\n: 2\n", 2, 3),
        (b"a: 1\n~: 2\n", 2, 1),
    ],
)
def test_key_must_be_a_plain_value(raw, line, col):
    assert problems(raw) == [(line, col, "mapping key must be a plain value")]


@pytest.mark.parametrize(
    ("raw", "line", "col", "start"),
    [
        (b"a: [1, 2\nb: 3\n", 2, 2, "YAML syntax: while parsing a flow sequence"),
        (b"a: 'open\nb: 3\n", 3, 1, "YAML syntax: while scanning a quoted scalar"),
        (b"a: 1\n b: 2\n", 2, 3, "YAML syntax: mapping values are not allowed"),
        (b"a: 1\n- b\n", 2, 1, "YAML syntax: while parsing a block mapping"),
        (b"a: *missing\n", 1, 4, "YAML syntax: found undefined alias"),
    ],
)
def test_syntax_error_has_position(raw, line, col, start):
    [(found_line, found_col, message)] = problems(raw)
    assert (found_line, found_col) == (line, col)
    assert message.startswith(start)
    assert "\n" not in message


@pytest.mark.parametrize(
    ("raw", "line", "col", "character"),
    [
        (b"a: x\x07y\n", 1, 5, "0007"),
        ("a: ok\nb: éé\x01\n".encode(), 2, 6, "0001"),
        ("a: ok\nb: \ufffe\n".encode(), 2, 4, "fffe"),
    ],
)
def test_character_that_yaml_does_not_allow(raw, line, col, character):
    assert problems(raw) == [(line, col, f"YAML syntax: character #x{character} is not allowed")]


@pytest.mark.parametrize(
    ("raw", "line", "col", "message"),
    [
        # Looks like a date but is none: a crash before, now a problem.
        (b"date: 2020-13-45\n", 1, 7, "'2020-13-45' is not a valid timestamp; put it in quotes if it is text"),
        (b"a: 1\n2020-02-30: x\n", 2, 1, "'2020-02-30' is not a valid timestamp; put it in quotes if it is text"),
        (b"n: !!int twelve\n", 1, 4, "'twelve' is not a valid int; put it in quotes if it is text"),
        (b"n: !!float x\n", 1, 4, "'x' is not a valid float; put it in quotes if it is text"),
        (b"d: !!timestamp soon\n", 1, 4, "'soon' is not a valid timestamp; put it in quotes if it is text"),
        (b"a: !custom x\n", 1, 4, "could not determine a constructor for the tag '!custom'"),
        (b"a: !!python/name:os.system x\n", 1, 4, "could not determine a constructor for the tag"),
    ],
)
def test_value_yaml_cannot_build(raw, line, col, message):
    [(found_line, found_col, found)] = problems(raw)
    assert (found_line, found_col) == (line, col)
    assert found.startswith(f"YAML value: {message}")


def test_valid_dates_still_load_as_dates():
    source, found = read_source(b"date: 2020-02-29\n", "f.yaml")
    assert found == [] and str(source.data["date"]) == "2020-02-29"


@pytest.mark.parametrize(
    ("raw", "line", "col"),
    [
        (b"a: &x [*x]\n", 1, 4),
        # Reported where the anchor is: the alias is no node of its own.
        (b"# c\nroot: &r\n  child: *r\n", 2, 7),
    ],
)
def test_alias_inside_its_own_value(raw, line, col):
    assert problems(raw) == [(line, col, "YAML value: an alias refers to a value that contains it")]
