"""The real site through MkDocs: strict build, reproducibility, failure safety, no network."""

import re
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.support.builds import mkdocs_build, tree_digest
from tests.support.pagecheck import accessibility_problems, unrendered_markdown


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    result = mkdocs_build(folder)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    return folder


def test_strict_build_has_every_page(site):
    assert len(list((site / "practices").glob("*/index.html"))) == 18
    assert len(list((site / "levels").glob("*/index.html"))) == 5
    assert len(list(site.glob("domains/*/index.html"))) == 3
    assert len(list(site.glob("domains/*/*/index.html"))) == 9
    assert (site / "profiles/digital-twin/index.html").is_file()
    assert (site / "downloads/smm-guide.json").is_file()
    assert (site / "downloads/smm-guide.schema.json").is_file()
    assert 'id="matrix"' in (site / "model/index.html").read_text()


def test_generated_pages_are_searchable_and_editable(site):
    index = (site / "search/search_index.json").read_text()
    assert "practices/patch-management/" in index
    html = (site / "practices/patch-management/index.html").read_text()
    assert re.search(r'href="[^"]*/edit/main/data/practices/patch-management\.yaml"', html)
    # The profile's considerations shown beside the general guidance come from another file: linked too.
    profile_file = (
        "https://github.com/smm-guide/smm-guide/edit/main/data/profiles/digital-twin/practices/patch-management.yaml"
    )
    assert f'href="{profile_file}"' in html
    assert 'id="level-3-digital-twin"' in html


def test_no_network_at_view_time(site):
    # Anything the browser would fetch by itself; plain links and rel=canonical are not fetched.
    pattern = re.compile(
        r'<(?:script|img|iframe)[^>]+src="(?:https?:)?//'
        r'|<link[^>]+rel="(?:stylesheet|preload|preconnect|dns-prefetch|icon|manifest)"[^>]+href="(?:https?:)?//',
        re.I,
    )
    for page in site.rglob("*.html"):
        assert not pattern.search(page.read_text()), page
    css = "".join(p.read_text() for p in site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css
    assert 'data-md-component="source"' not in (site / "index.html").read_text()


def test_build_is_reproducible_across_processes_days_and_time_zones(site, tmp_path):
    # Without the render cache: every page converted afresh is byte for byte what `site` holds,
    # whether its build converted a page or took it from the cache.
    again = tmp_path / "again"
    result = mkdocs_build(again, shift_days=400, TZ="Pacific/Auckland", SMM_GUIDE_RENDER_CACHE="off")
    assert result.returncode == 0, result.stderr
    fresh, built = tree_digest(again), tree_digest(site)
    assert sorted(path for path in fresh.keys() | built.keys() if fresh.get(path) != built.get(path)) == []
    assert "render cache: off (SMM_GUIDE_RENDER_CACHE)" in result.stderr


def test_after_a_data_edit_the_next_build_converts_only_the_pages_it_changed(site, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    practice = data / "practices" / "monitoring.yaml"
    anchor = "remote\n  sites have limited bandwidth."
    assert anchor in practice.read_text()
    # A text no earlier run wrote: the render cache outlives a test run, and must not hold these pages yet.
    edit = f" Checked every quarter (run {uuid.uuid4().hex[:8]})."
    practice.write_text(practice.read_text().replace(anchor, anchor + edit, 1))
    warm = mkdocs_build(tmp_path / "warm", SMM_GUIDE_DATA_DIR=str(data))
    assert warm.returncode == 0, warm.stderr
    counts = re.search(r"render cache: (\d+) page\(s\) reused, (\d+) rendered", warm.stderr)
    assert counts, warm.stderr
    reused, rendered = map(int, counts.groups())
    assert 0 < rendered < 40 < reused, counts.group(0)
    fresh = mkdocs_build(tmp_path / "fresh", SMM_GUIDE_DATA_DIR=str(data), SMM_GUIDE_RENDER_CACHE="off")
    assert fresh.returncode == 0, fresh.stderr
    assert tree_digest(tmp_path / "warm") == tree_digest(tmp_path / "fresh")
    assert edit.strip() in (tmp_path / "warm" / "practices" / "monitoring" / "index.html").read_text()


def test_bad_data_fails_before_touching_the_site(site, tmp_path):
    previous = tmp_path / "previous"
    shutil.copytree(site, previous)
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    practice = data / "practices" / "monitoring.yaml"
    practice.write_text(practice.read_text().replace("order: 15", "order: fifteen"))
    (data / "glossary.yaml").write_text("terms:\n\t- id: x\n")
    result = mkdocs_build(previous, SMM_GUIDE_DATA_DIR=str(data))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(r"monitoring\.yaml:\d+:8: error: 'order' must be a whole number", result.stderr)
    assert re.search(r"glossary\.yaml:2:1: error: tab used for indentation", result.stderr)
    assert tree_digest(previous) == tree_digest(site)


def test_no_markdown_left_unrendered(site):
    found = {}
    for page in sorted(site.rglob("*.html")):
        leftovers = unrendered_markdown(page.read_text())
        if leftovers:
            found[page.relative_to(site).as_posix()] = leftovers
    assert not found


def test_accessibility_structure(site):
    """Labelled regions and controls, image alt text; contrast is checked by axe-core (make a11y)."""
    found = {}
    for page in sorted(site.rglob("*.html")):
        problems = accessibility_problems(page.read_text())
        if problems:
            found[page.relative_to(site).as_posix()] = problems
    assert not found


def test_a_bad_hand_written_page_fails_the_same_way_in_both_builds(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "content", "overrides", "data"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    (project / "macros").symlink_to(ROOT / "macros")
    (project / "content" / "bad.md").write_text(
        "---\nrender_macros: true\n---\n\n# Bad\n\nSee {{ practice_link('nope') }}.\n"
    )
    expected = "bad.md:7:1: error: page refers to unknown practice id 'nope'"
    built = mkdocs_build(tmp_path / "site", cwd=project)
    assert built.returncode == 1 and "Traceback" not in built.stderr
    assert expected in built.stderr
    generated = subprocess.run(
        [sys.executable, "-m", "macros.cli.main", "generate", "--out", str(tmp_path / "g"), "--content", "content"],
        cwd=project,
        capture_output=True,
        text=True,
    )
    assert generated.returncode == 1 and "Traceback" not in generated.stderr
    assert f"content/{expected}" in generated.stderr and f"content/{expected}" in built.stderr


def test_own_scripts_ship_minified_and_vendored_files_unchanged(site):
    from macros.site.assets import minified

    for name in ("assets/assess/state.js", "assets/assess.css", "assets/smm.css"):
        source = (ROOT / "content" / name).read_text(encoding="utf-8")
        assert (site / name).read_text(encoding="utf-8") == minified(name, source), name
    for vendored in (ROOT / "content" / "assets" / "vendor").rglob("*.js"):
        relative = vendored.relative_to(ROOT / "content")
        assert (site / relative).read_bytes() == vendored.read_bytes(), relative
