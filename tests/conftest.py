from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from macros.data.loader import load_model
from macros.data.problems import DataError, Problem

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "fixtures" / "mini"
GOLDEN = ROOT / "tests" / "golden"
# Runs a module with the clock shifted by some days, for reproducibility tests.
SHIFTED_CLOCK = ROOT / "tests" / "support" / "shifted_clock.py"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A writable copy of the small fixture data set."""
    target = tmp_path / "data"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture(scope="session")
def real_model():
    return load_model(ROOT / "data")


# Test modules that only read the same session-scoped builds (offline_copy, published_site below):
# under pytest-xdist a session fixture is made once per worker, so these modules are one unit of
# work for `make test` (--dist loadfile, see pytest_xdist_make_scheduler) and each build is made once.
SHARED_BUILDS = {
    "tests/site/test_offline.py": "published-site",
    "tests/site/test_browser.py": "published-site",
}
# The longest units of work, handed out first so that no worker is left alone with one at the end.
SLOWEST_FIRST = ("published-site", "tests/site/test_mkdocs.py")


def work_unit(nodeid: str) -> str:
    """The unit of work of a test under xdist: its module, or the SHARED_BUILDS name of the module."""
    module = nodeid.split("::", 1)[0]
    return SHARED_BUILDS.get(module, module)


@pytest.fixture(scope="session")
def offline_copy(tmp_path_factory) -> Path:
    """The offline copy as `make offline` builds it (Material's offline plugin), in <tmp>/smm-guide."""
    from tests.support.builds import mkdocs_build  # it imports this module: not at the top

    folder = tmp_path_factory.mktemp("offline-copy") / "smm-guide"
    built = mkdocs_build(folder, OFFLINE="true")
    assert built.returncode == 0, built.stderr
    return folder


@pytest.fixture(scope="session")
def published_site(offline_copy, tmp_path_factory) -> tuple[Path, Path]:
    """The site as `make publish` makes it, offering the offline copy zipped: (site, the zip it was given)."""
    from macros.site.offline import zip_tree
    from tests.support.builds import mkdocs_build

    zipped = offline_copy.parent / "smm-guide-offline.zip"
    zipped.write_bytes(zip_tree(offline_copy))
    site = tmp_path_factory.mktemp("published-site")
    built = mkdocs_build(site, SMM_GUIDE_OFFLINE_ZIP=str(zipped))
    assert built.returncode == 0, built.stderr
    return site, zipped


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """--dist loadfile, with the modules of SHARED_BUILDS as one unit and SLOWEST_FIRST first.

    (Not --dist loadgroup with xdist_group marks: pytest-xdist 3.8.0 groups by rewriting node ids,
    which pytest 9.2 ignores, so the marks would silently do nothing: pytest-dev/pytest-xdist#1386.)
    """
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class SharedBuildScheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    config.option.loadscopereorder = False  # units in collection order, which the workers sort below
    return SharedBuildScheduling(config, log)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """In an xdist worker, the tests of SLOWEST_FIRST first, in that order; the others as collected.
    The scheduler hands out units in this order. A run without xdist keeps the collection order."""
    if not hasattr(config, "workerinput"):
        return

    def rank(item: pytest.Item) -> int:
        unit = work_unit(item.nodeid)
        return SLOWEST_FIRST.index(unit) if unit in SLOWEST_FIRST else len(SLOWEST_FIRST)

    items.sort(key=rank)  # stable


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
