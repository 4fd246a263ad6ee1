"""`make test` in two pytest-xdist workers (a pytest plugin, loaded by tests/conftest.py).

The builds that several test modules only read are session fixtures here. Under pytest-xdist a
session fixture is made once per worker, so the modules that share one are one unit of work
(--dist loadfile, see pytest_xdist_make_scheduler) and each build is made once per run. A plain
`.venv/bin/pytest` runs everything in one process, in collection order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

# Test modules that only read the same session-scoped builds (offline_copy, published_site below).
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
def offline_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy as `make offline` builds it (Material's offline plugin), in <tmp>/smm-guide."""
    from tests.support.builds import mkdocs_build  # it imports tests.conftest, which loads this plugin

    folder = tmp_path_factory.mktemp("offline-copy") / "smm-guide"
    built = mkdocs_build(folder, OFFLINE="true")
    assert built.returncode == 0, built.stderr
    return folder


@pytest.fixture(scope="session")
def published_site(offline_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
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
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
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
