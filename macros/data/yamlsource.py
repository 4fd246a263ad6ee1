"""Read one YAML data file into plain Python values plus the source position of every value.

PyYAML's own loader forgets positions and silently keeps the last of two duplicate keys; a
contributor needs both caught and pointed at, so we compose the node tree and build values
ourselves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from macros.data.problems import Problem

DataPath = tuple[str | int, ...]  # keys and list indexes from the root of a file to one value
# libyaml composes nodes (with the same marks) several times faster than the pure-Python parser.
COMPOSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
BOM = "\ufeff"
STR_TAG = "tag:yaml.org,2002:str"


@dataclass
class Source:
    """A parsed file: its values, and where each value (and each mapping key) starts."""

    path: str
    data: Any
    values: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[DataPath, tuple[int, int]] = field(default_factory=dict)
    first_line: str = ""

    def where(self, path: DataPath, *, key: bool = False) -> tuple[int, int]:
        """Position of the value at `path` (or of its key), falling back to the nearest parent."""
        table = self.keys if key else self.values
        while path:
            if path in table:
                return table[path]
            if key and path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def problem(self, path: DataPath, message: str, *, key: bool = False) -> Problem:
        line, col = self.where(path, key=key)
        return Problem(self.path, line, col, message)


def _position(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def decode(raw: bytes, display: str) -> tuple[str | None, list[Problem]]:
    """UTF-8 text without a BOM, or the problem: the first invalid byte at its line and column."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8")) + 1  # in characters, as YAML counts
        return None, [Problem(display, line, col, f"invalid UTF-8 byte 0x{raw[exc.start]:02x}; save the file as UTF-8")]
    return text.removeprefix(BOM), []


def _tab_problems(text: str, display: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(display, number, indent.index("\t") + 1, "tab used for indentation; YAML needs spaces")
            )
    return problems


class _Builder:
    def __init__(self, source: Source):
        self.source = source
        self.problems: list[Problem] = []
        self.scalars = yaml.SafeLoader("")
        self.open: set[int] = set()  # collections being built: an alias to one of them never ends

    def scalar(self, node: yaml.Node) -> Any:
        if node.tag == STR_TAG:
            return node.value  # what the constructor would return, without its bookkeeping
        try:
            return self.scalars.construct_object(node)
        except yaml.constructor.ConstructorError:
            raise
        except (ValueError, TypeError, AttributeError, OverflowError) as exc:
            # A value that only looks like a date or number (2020-13-45), or a tag it does not fit (!!int abc).
            kind = node.tag.rsplit(":", 1)[-1]
            message = f"'{node.value}' is not a valid {kind}; put it in quotes if it is text"
            raise yaml.constructor.ConstructorError(None, None, message, node.start_mark) from exc

    def build(self, node: yaml.Node, path: DataPath) -> Any:
        self.source.values[path] = _position(node.start_mark)
        if isinstance(node, yaml.CollectionNode):
            if id(node) in self.open:
                raise yaml.constructor.ConstructorError(
                    None, None, "an alias refers to a value that contains it", node.start_mark
                )
            self.open.add(id(node))
            try:
                return self._collection(node, path)
            finally:
                self.open.discard(id(node))
        return self.scalar(node)

    def _collection(self, node: yaml.CollectionNode, path: DataPath) -> Any:
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self.scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                if key is None or isinstance(key, (list, dict)):
                    line, col = _position(key_node.start_mark)
                    self.problems.append(Problem(self.source.path, line, col, "mapping key must be a plain value"))
                    continue
                key = str(key)
                if key in result:
                    line, col = _position(key_node.start_mark)
                    first = self.source.keys[path + (key,)]
                    self.problems.append(
                        Problem(
                            self.source.path, line, col, f"duplicate key '{key}' (first defined at line {first[0]})"
                        )
                    )
                    continue
                self.source.keys[path + (key,)] = _position(key_node.start_mark)
                result[key] = self.build(value_node, path + (key,))
            return result
        return [self.build(item, path + (index,)) for index, item in enumerate(node.value)]


def read_source(raw: bytes, display: str) -> tuple[Source | None, list[Problem]]:
    """Parse `raw` (the bytes of the file shown as `display`); never raises for bad input."""
    if not raw.strip():
        return None, [Problem(display, 1, 1, "file is empty")]
    text, problems = decode(raw, display)
    if text is None:
        return None, problems
    problems = _tab_problems(text, display)
    if problems:
        return None, problems
    try:
        root = yaml.compose(text, Loader=COMPOSER)
    except yaml.reader.ReaderError as exc:
        # Not marked, and libyaml counts its position in bytes: the reader stops at the first such character.
        at = text.find(chr(exc.character))
        before = text[: max(at, 0)]
        line, col = (before.count("\n") + 1, at - (before.rfind("\n") + 1) + 1) if at >= 0 else (1, 1)
        return None, [Problem(display, line, col, f"YAML syntax: character #x{exc.character:04x} is not allowed")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _position(mark) if mark else (1, 1)
        message = " ".join(part for part in (exc.context, exc.problem) if part)
        return None, [Problem(display, line, col, f"YAML syntax: {message}")]
    except yaml.YAMLError as exc:
        return None, [Problem(display, 1, 1, f"YAML syntax: {exc}")]
    if root is None:
        return None, [Problem(display, 1, 1, "file has no data (only comments or blank lines)")]
    source = Source(display, None, first_line=text.splitlines()[0] if text else "")
    builder = _Builder(source)
    try:
        source.data = builder.build(root, ())
    except yaml.constructor.ConstructorError as exc:
        line, col = _position(exc.problem_mark) if exc.problem_mark else (1, 1)
        return None, [Problem(display, line, col, f"YAML value: {exc.problem}")]
    return (source if not builder.problems else None), builder.problems
