"""The offline copy: a reproducible zip of a build with Material's offline plugin, offered by the site.
(tests/js/offline.test.mjs opens the copy from disk in Chromium.)"""

import os
import re
import zipfile
from io import BytesIO

from macros.site.offline import WORKER_SHIM, main, zip_tree
from tests.support.builds import mkdocs_build, tree_digest

# offline_copy and published_site (tests/support/parallel.py) are built once for this module and test_browser,
# on one xdist worker (SHARED_BUILDS there).


def test_zip_is_the_same_bytes_for_the_same_tree(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "page.html").write_text("<p>b</p>")
    (tmp_path / "index.html").write_text("<p>home</p>")
    first = zip_tree(tmp_path)
    os.utime(tmp_path / "index.html", (1, 1))  # file times are not part of the zip
    assert zip_tree(tmp_path) == first
    with zipfile.ZipFile(BytesIO(first)) as archive:
        assert archive.namelist() == ["smm-guide/b/page.html", "smm-guide/index.html"]
        assert {info.date_time for info in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}
        assert archive.read("smm-guide/index.html") == b"<p>home</p>"


def test_zip_command_refuses_a_folder_that_is_not_a_site(tmp_path, capsys):
    assert main([str(tmp_path), str(tmp_path / "out.zip")]) == 1
    assert "not a built site" in capsys.readouterr().err
    assert not (tmp_path / "out.zip").exists()


def test_offline_copy_opens_from_disk_without_network(offline_copy):
    # File URLs: a page is practices/x.html, not a folder that a browser would list from disk.
    assert (offline_copy / "practices" / "monitoring.html").is_file()
    assert not (offline_copy / "practices" / "monitoring").exists()
    assert (offline_copy / "search" / "search_index.js").is_file()
    home = (offline_copy / "index.html").read_text()
    assert f'src="{WORKER_SHIM}"' in home
    for page in offline_copy.rglob("*.html"):
        assert not re.search(r'<script[^>]+src="(?:https?:)?//', page.read_text()), page
    downloads = (offline_copy / "downloads" / "index.html").read_text()
    assert "This is the offline copy" in downloads and "smm-guide-offline.zip" not in downloads


def test_the_site_offers_the_zip_it_is_given(offline_copy, published_site):
    site, zipped = published_site
    assert zipped.read_bytes() == zip_tree(offline_copy)
    assert (site / "downloads" / "smm-guide-offline.zip").read_bytes() == zipped.read_bytes()
    page = (site / "downloads" / "index.html").read_text()
    assert 'href="smm-guide-offline.zip"' in page and "No offline copy in this build" not in page
    # The published site does not load the shim the offline copy needs.
    assert "iframe-worker" not in (site / "index.html").read_text()


def test_a_missing_zip_stops_the_build_with_a_clear_message(tmp_path):
    previous = tmp_path / "site"
    previous.mkdir()
    (previous / "index.html").write_text("old")
    result = mkdocs_build(previous, SMM_GUIDE_OFFLINE_ZIP=str(tmp_path / "missing.zip"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(r"missing\.zip: error: cannot read the offline copy \(SMM_GUIDE_OFFLINE_ZIP\)", result.stderr)
    assert tree_digest(previous) == {"index.html": tree_digest(previous)["index.html"]}
