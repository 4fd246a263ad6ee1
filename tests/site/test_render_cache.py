"""macros/site/render_cache.py: what a stored page is keyed by, and that a bad entry is never used."""

import json
import os
import time

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from macros.site import render_cache
from macros.site.render_cache import RenderCache, build_key, page_key


def config(tmp_path, **extra) -> MkDocsConfig:
    docs = tmp_path / "docs"
    docs.mkdir(exist_ok=True)
    (docs / "a.md").write_text("# A\n\n## Part\n\nSee [b](b.md#there).\n", encoding="utf-8")
    (docs / "b.md").write_text("# B\n\n## There\n", encoding="utf-8")
    settings = {"site_name": "t", "docs_dir": str(docs), "site_dir": str(tmp_path / "site")}
    settings |= {"markdown_extensions": ["toc"], "validation": {"anchors": "warn"}, **extra}
    loaded = MkDocsConfig()
    loaded.load_dict(settings)
    errors, _ = loaded.validate()
    assert not errors
    return loaded


def files_of(cfg: MkDocsConfig, *names: str) -> Files:
    return Files([File(name, cfg["docs_dir"], cfg["site_dir"], True) for name in names])


def rendered(cfg, files, cache, name="a.md") -> Page:
    page = Page(None, files.get_file_from_path(name), cfg)
    page.read_source(cfg)
    cache.wrap(page)
    page.render(cfg, files)
    return page


def test_the_build_key_follows_the_link_targets_the_configuration_and_the_renderers(tmp_path, monkeypatch):
    cfg = config(tmp_path)
    key = build_key(cfg, files_of(cfg, "a.md", "b.md"))
    assert key == build_key(config(tmp_path), files_of(cfg, "a.md", "b.md"))
    assert key != build_key(cfg, files_of(cfg, "a.md"))  # a link target gone
    assert key != build_key(config(tmp_path, markdown_extensions=["toc", "abbr"]), files_of(cfg, "a.md", "b.md"))
    assert key != build_key(config(tmp_path, use_directory_urls=False), files_of(cfg, "a.md", "b.md"))
    monkeypatch.setattr(render_cache.metadata, "version", lambda name: "9.9" if name == "markdown" else "1")
    assert key != build_key(cfg, files_of(cfg, "a.md", "b.md"))


def test_functions_in_the_configuration_are_keyed_by_name_not_address():
    def fence(source):
        return source

    stable = render_cache._stable({"custom": [{"format": fence}], "n": 1, "t": ("a",)})
    assert stable == {"custom": [{"format": f"{__name__}.{fence.__qualname__}"}], "n": 1, "t": ["a"]}


def test_a_stored_page_comes_back_whole_and_a_changed_one_is_rendered_again(tmp_path):
    cfg = config(tmp_path)
    files = files_of(cfg, "a.md", "b.md")
    first = RenderCache(cfg, files, tmp_path / "cache")
    fresh = rendered(cfg, files, first)
    assert (first.hits, first.misses) == (0, 1)
    second = RenderCache(cfg, files, tmp_path / "cache")
    again = rendered(cfg, files, second)
    assert (second.hits, second.misses) == (1, 0)
    assert again.content == fresh.content and str(again.toc) == str(fresh.toc) and again.toc.items[0].active
    assert again.present_anchor_ids == fresh.present_anchor_ids == {"a", "part"}
    assert {f.src_uri: v for f, v in again.links_to_anchors.items()} == {"b.md": {"there": "b.md#there"}}
    assert again.title == fresh.title == "A"
    (tmp_path / "docs" / "a.md").write_text("# A changed\n", encoding="utf-8")
    third = RenderCache(cfg, files, tmp_path / "cache")
    assert "changed" in rendered(cfg, files, third).content and (third.hits, third.misses) == (0, 1)


def test_an_unreadable_entry_or_one_linking_to_a_missing_file_is_rendered_afresh(tmp_path):
    cfg = config(tmp_path)
    files = files_of(cfg, "a.md", "b.md")
    rendered(cfg, files, RenderCache(cfg, files, tmp_path / "cache"))
    (stored,) = (tmp_path / "cache").glob("*/*.json")
    stored.write_text("{not json", encoding="utf-8")
    broken = RenderCache(cfg, files, tmp_path / "cache")
    assert "<h1" in rendered(cfg, files, broken).content and broken.misses == 1
    entry = json.loads(stored.read_text(encoding="utf-8"))
    entry["links"] = {"gone.md": {"x": "gone.md#x"}}
    stored.write_text(json.dumps(entry), encoding="utf-8")
    stale = RenderCache(cfg, files, tmp_path / "cache")
    rendered(cfg, files, stale)
    assert (stale.hits, stale.misses) == (0, 1)


def test_a_page_that_warns_is_not_stored_so_the_next_build_warns_again(tmp_path):
    cfg = config(tmp_path)
    files = files_of(cfg, "a.md")  # b.md gone: the link warns
    cache = RenderCache(cfg, files, tmp_path / "cache")
    rendered(cfg, files, cache)
    assert not list((tmp_path / "cache").glob("*/*.json"))
    assert cache.misses == 1


def test_entries_unused_for_a_week_are_removed(tmp_path):
    cfg = config(tmp_path)
    files = files_of(cfg, "a.md", "b.md")
    cache = RenderCache(cfg, files, tmp_path / "cache")
    rendered(cfg, files, cache)
    rendered(cfg, files, cache, "b.md")
    old, recent = sorted((tmp_path / "cache").glob("*/*.json"))
    week = render_cache.KEEP_SECONDS
    os.utime(old, (time.time() - week - 60, time.time() - week - 60))
    assert cache.prune() == 1
    assert not old.exists() and recent.exists()


@pytest.mark.parametrize("value, on", [(None, True), ("on", True), ("off", False), ("0", False), ("NO", False)])
def test_the_switch(monkeypatch, value, on):
    if value is None:
        monkeypatch.delenv(render_cache.SWITCH, raising=False)
    else:
        monkeypatch.setenv(render_cache.SWITCH, value)
    assert render_cache.enabled() is on


def test_keys_differ_by_page_path_and_markdown(tmp_path):
    cfg = config(tmp_path)
    files = files_of(cfg, "a.md", "b.md")
    pages = [Page(None, files.get_file_from_path(n), cfg) for n in ("a.md", "b.md")]
    for page in pages:
        page.markdown = "same"
    assert page_key("k", pages[0]) != page_key("k", pages[1])
    pages[1].markdown = "other"
    assert page_key("k", pages[1]) != page_key("k2", pages[1])
