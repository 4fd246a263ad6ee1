"""Every download: listed on the Downloads page, linked, reproducible, and cached safely."""

import csv
import io

import pytest

from macros.data.loader import load_model
from macros.outputs import downloads
from macros.outputs.downloads import all_downloads, checklist_path
from macros.outputs.pages import generate_pages
from tests.conftest import MINI


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    from macros.data import cache

    monkeypatch.setattr(cache, "CACHE_DIR", tmp_path / "cache")
    return tmp_path / "cache"


@pytest.fixture(scope="module")
def model():
    return load_model(MINI)


def test_every_download_is_listed_on_the_downloads_page(model, fresh_cache):
    offered = all_downloads(model)
    page = next(p for p in generate_pages(model, offered) if p.path == "downloads/index.md").content
    for item in offered:
        assert f"]({item.path.removeprefix('downloads/')})" in page, item.path
        assert f"| {item.format} |" in page
    paths = {item.path for item in offered}
    assert {checklist_path("general", "all", "xlsx"), checklist_path("pos", "p-one", "csv")} <= paths
    assert "downloads/smm-guide.json" in paths and "downloads/mappings.csv" in paths


def test_checklist_csv_has_one_row_per_item(model, fresh_cache):
    item = next(d for d in all_downloads(model) if d.path == checklist_path("pos", "p-one", "csv"))
    rows = list(csv.reader(io.StringIO(item.content)))
    assert rows[0][:4] == ["Practice id", "Practice", "Level", "Item id"]
    assert len(rows) - 1 == 12 + 8  # 12 indicators, 8 POS considerations
    assert rows[1][9:] == ["", "", "", "", ""]


def test_workbooks_come_from_the_cache_only_when_nothing_changed(model, fresh_cache, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    path = checklist_path("general", "p-one", "xlsx")
    first = next(d.content for d in all_downloads(model) if d.path == path)
    assert len(list((fresh_cache / "workbooks").iterdir())) == 6
    again = next(d.content for d in all_downloads(model) if d.path == path)
    assert again == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    later = next(d.content for d in all_downloads(model) if d.path == path)
    assert later != first and len(list((fresh_cache / "workbooks").iterdir())) == 12


def test_a_stale_cache_entry_for_other_code_is_not_used(model, fresh_cache, tmp_path, monkeypatch):
    path = checklist_path("general", "p-one", "xlsx")
    first = next(d.content for d in all_downloads(model) if d.path == path)
    changed = tmp_path / "workbook.py"
    changed.write_text(downloads.WORKBOOK_CODE[0].read_text() + "\n# changed\n")
    monkeypatch.setattr(downloads, "WORKBOOK_CODE", (changed, *downloads.WORKBOOK_CODE[1:]))
    next(d.content for d in all_downloads(model) if d.path == path)
    assert len(list((fresh_cache / "workbooks").iterdir())) == 12
    assert first.startswith(b"PK")
