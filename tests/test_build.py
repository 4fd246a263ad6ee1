"""The real site through MkDocs: strict build, reproducibility, failure safety, no network."""

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT


def mkdocs_build(site_dir: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1", **env}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    return subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


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


def test_build_is_reproducible(site, tmp_path):
    again = tmp_path / "again"
    assert mkdocs_build(again).returncode == 0
    assert tree_digest(again) == tree_digest(site)


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


def test_labelled_regions_and_images(site):
    """Structural accessibility checks; colour contrast is checked with axe-core (see README)."""
    for page in site.rglob("*.html"):
        html = page.read_text()
        for target in re.findall(r'aria-labelledby="([^"]+)"', html):
            assert f'id="{target}"' in html, (page, target)
        for img in re.findall(r"<img\b[^>]*>", html):
            assert re.search(r'\balt="', img), (page, img)
        for nav in re.findall(r"<nav\b[^>]*>", html):
            assert "aria-label" in nav or "md-" in nav, (page, nav)
