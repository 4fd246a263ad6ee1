"""The files a build adds to MkDocs, and `make serve`'s dirty rebuilds (macros/site/files.py): only
what changed is rendered again, and the result is the site a fresh build makes."""

import logging
import re
import shutil
from dataclasses import replace

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import Files

from macros.site import files as site_files
from macros.site import hook
from tests.conftest import MINI, ROOT, edit


@pytest.fixture
def fresh_process(monkeypatch):
    """As if no build had run in this process yet."""
    monkeypatch.setattr(site_files, "WRITTEN", site_files.Written())
    monkeypatch.setattr(site_files, "PENDING", site_files.Written())


@pytest.fixture
def data(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(MINI, copy)
    monkeypatch.setenv("SMM_GUIDE_DATA_DIR", str(copy))
    monkeypatch.delenv("SMM_GUIDE_OFFLINE_ZIP", raising=False)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    return copy


def _config(site_dir, docs_dir=None):
    extra = {"docs_dir": str(docs_dir)} if docs_dir else {}
    return load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), **extra)


@pytest.fixture
def docs(tmp_path):
    """Hand-written pages for the fixture data (the real ones name the real practices)."""
    folder = tmp_path / "content"
    shutil.copytree(ROOT / "content" / "assets", folder / "assets")
    (folder / "index.md").write_text("# Home\n\nThe fixture's guidance.\n", encoding="utf-8")
    return folder


def _changed(outputs, config) -> set[str]:
    files = Files([])
    site_files.add_outputs(files, config, outputs)
    return {f.src_uri for f in files if f.is_modified()}


def test_a_rebuild_marks_only_what_changed(fresh_process, data, tmp_path):
    config = hook.on_config(_config(tmp_path / "site"))
    config.plugins._current_plugin = "hook"  # MkDocs sets this while it runs an event handler
    outputs = config[hook.OUTPUTS]
    every = {p.path for p in outputs.pages} | set(outputs.files)
    assert _changed(outputs, config) == every, "the first build of a process writes everything"
    site_files.finished()
    assert _changed(outputs, config) == set()
    first = outputs.pages[0]
    edited = replace(outputs, pages=[replace(first, content=first.content + "\nMore.\n"), *outputs.pages[1:]])
    assert _changed(edited, config) == {first.path}
    # Not finished (a failed rebuild): the next one still compares with the last finished build.
    assert _changed(edited, config) == {first.path}
    site_files.finished()
    assert _changed(edited, config) == set()
    renamed = replace(edited, nav=[*edited.nav, {"Extra": "extra.md"}])
    assert _changed(renamed, config) == {p.path for p in outputs.pages}, "a new nav rebuilds every page"


def test_the_dirty_warning_informs_and_does_not_fail_a_strict_build(fresh_process):
    site_files.dirty_builds_on_purpose()
    site_files.dirty_builds_on_purpose()  # started twice, filtered once
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("mkdocs.commands.build")
    logger.addHandler(handler)
    try:
        logger.warning("A 'dirty' build is being performed, this will likely lead to inaccurate navigation")
        logger.warning("Doc file 'x.md' contains a link to 'y.md', which is not found")
    finally:
        logger.removeHandler(handler)
    assert [r.levelname for r in records] == ["INFO", "WARNING"]
    assert sum(isinstance(f, site_files._DirtyOnPurpose) for f in logger.filters) == 1


def _pages(site) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


def test_a_dirty_rebuild_after_a_data_edit_gives_the_pages_of_a_fresh_build(fresh_process, data, docs, tmp_path):
    served = tmp_path / "served"
    build(hook_config := _config(served, docs), dirty=True)
    assert hook_config[hook.OUTPUTS].pages
    site_files.finished()  # what the served site's build of this process wrote
    before = _pages(served)
    practice = "practices/p-one.yaml"
    text = (data / practice).read_text(encoding="utf-8")
    claim = re.search(r"text: (.+)", text).group(1)
    edit(data / practice, f"text: {claim}", f"text: {claim} Reviewed yearly.")
    build(_config(served, docs), dirty=True)
    fresh = tmp_path / "fresh"
    build(_config(fresh, docs))
    after, expected = _pages(served), _pages(fresh)
    assert after == expected
    changed = {path for path in after if after[path] != before.get(path)}
    assert "practices/p-one/index.html" in changed
    assert len(changed) < len(after) / 2, f"{len(changed)} of {len(after)} pages were rendered again"
