from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from macros.data.loader import load_model
from macros.data.problems import DataError, Problem

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
GOLDEN = ROOT / "tests" / "golden"
# Runs a module with the clock shifted by some days, for reproducibility tests.
SHIFTED_CLOCK = ROOT / "tests" / "support" / "shifted_clock.py"
# Builds shared by the modules that only read them, and their scheduling in pytest-xdist workers.
pytest_plugins = ["tests.support.parallel"]


@pytest.fixture(autouse=True)
def _caches_forgotten_under_mutation():
    """Under mutmut (`make mutation`), each test starts with the package's caches empty. mutmut links a
    function to the tests that called it in its first run of the suite, and a cached function is called by
    the first test that needs it only: its mutants would be tested against that one test."""
    if os.environ.get("MUTANT_UNDER_TEST"):
        for name, module in list(sys.modules.items()):
            if name.startswith("macros."):
                for value in list(vars(module).values()):
                    if not isinstance(value, type) and callable(getattr(value, "cache_clear", None)):
                        value.cache_clear()
    yield


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small fixture data set."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture(scope="session")
def real_model():
    return load_model(ROOT / "data")


def problems_of(data_dir: Path) -> list[Problem]:
    with pytest.raises(DataError) as caught:
        load_model(data_dir)
    return caught.value.problems


def one_problem(data_dir: Path, file_suffix: str, text: str) -> Problem:
    """The single problem about `file_suffix` whose message contains `text`."""
    found = [p for p in problems_of(data_dir) if p.path.endswith(file_suffix) and text in p.message]
    assert len(found) == 1, f"expected one problem with {text!r} in {file_suffix}, got {found}"
    return found[0]


def where(problem: Problem, data_dir: Path) -> tuple[str, int, int]:
    """The problem's file relative to `data_dir` (with forward slashes), line and column."""
    path = Path(os.path.normpath(Path.cwd() / problem.path))
    return path.relative_to(data_dir).as_posix(), problem.line, problem.col


def located(data_dir: Path) -> list[tuple[str, int, int, str]]:
    """Every problem of loading `data_dir` as (file relative to it, line, column, message)."""
    return [(*where(p, data_dir), p.message) for p in problems_of(data_dir)]


def edit(path: Path, old: str, new: str) -> int:
    """Replace `old` with `new` once and return the 1-based line where `new` starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def append(path: Path, new: str) -> int:
    """Add `new` at the end of the file and return the line where it starts."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text + new, encoding="utf-8")
    return text.count("\n") + 1


SECOND_FRAMEWORK = ROOT / "tests" / "fixtures" / "second-framework"


def with_second_framework(data_dir: Path) -> Path:
    """Add fw-two (tests/fixtures/second-framework), which declares `crosswalk_with: [fw-one]`, to a
    writable copy of the fixture: the derived crosswalk of a framework pair."""
    shutil.copytree(SECOND_FRAMEWORK, data_dir, dirs_exist_ok=True)
    return data_dir
