"""Helpers for the tests that load an edited copy of tests/fixtures/mini and check each problem's
file, line, column and message (tests/data/test_loader.py and tests/data/kinds/)."""

import shutil
from pathlib import Path

from macros.data.loader import display_path
from tests.conftest import MINI, located


def linked_copy(tmp_path: Path) -> Path:
    """A writable copy of the small fixture data set, whose schema folder links to the project's.

    Linking saves half the files of every copy; no test writes into `schema/` through it.
    """
    target = tmp_path / "data"
    shutil.copytree(MINI, target, ignore=shutil.ignore_patterns("schema"))
    (target / "schema").symlink_to((MINI / "schema").resolve(), target_is_directory=True)
    return target


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


def _items(path: Path, start: str, end: str) -> tuple[str, str, str]:
    """The file's text before `start`, from `start` up to `end`, and from `end` on."""
    text = path.read_text()
    i, j = text.index(start), text.index(end)
    return text[:i], text[i:j], text[j:]


def _dimension(dim_id: str, options: tuple[str, str]) -> str:
    """A dimension with two options, as YAML to append to a dimensions.yaml."""
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
