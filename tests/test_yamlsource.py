from macros.yamlsource import read_source


def test_positions_of_values_and_keys():
    source, problems = read_source(b"a: 1\nb:\n  - x\n  - y\n", "f.yaml")
    assert problems == []
    assert source.data == {"a": 1, "b": ["x", "y"]}
    assert source.where(("b", 1)) == (4, 5)
    assert source.where(("b",), key=True) == (2, 1)


def test_duplicate_key_points_at_second_key():
    source, problems = read_source(b"a: 1\nb: 2\na: 3\n", "f.yaml")
    assert source is None
    assert [str(p) for p in problems] == ["f.yaml:3:1: error: duplicate key 'a' (first defined at line 1)"]


def test_tab_indentation():
    _, problems = read_source(b"a:\n\t- x\n", "f.yaml")
    assert [(p.line, p.col) for p in problems] == [(2, 1)]
    assert "tab" in problems[0].message


def test_invalid_utf8_position():
    _, problems = read_source(b"a: ok\nb: caf\xe9\n", "f.yaml")
    assert [(p.line, p.col) for p in problems] == [(2, 7)]
    assert "UTF-8" in problems[0].message


def test_empty_and_comment_only_files():
    assert "empty" in read_source(b"  \n", "f.yaml")[1][0].message
    assert "no data" in read_source(b"# only a comment\n", "f.yaml")[1][0].message


def test_syntax_error_has_position():
    _, problems = read_source(b"a: [1, 2\nb: 3\n", "f.yaml")
    assert problems[0].line == 2
    assert problems[0].message.startswith("YAML syntax:")


def test_bom_and_crlf_are_accepted():
    source, problems = read_source("\ufeffa: 1\r\nb: two\r\n".encode(), "f.yaml")
    assert problems == []
    assert source.data == {"a": 1, "b": "two"}
    assert source.where(("b",)) == (2, 4)


def test_keys_become_strings():
    source, _ = read_source(b"levels:\n  1: a\n  2: b\n", "f.yaml")
    assert source.data == {"levels": {"1": "a", "2": "b"}}
