"""Every download: listed on the Downloads page, linked, reproducible, and cached safely."""

import csv
import io

import pytest

from macros.data.loader import load_model
from macros.outputs import downloads, routes
from macros.outputs.checklists import checklists
from macros.outputs.downloads import NO_OFFLINE_COPY, Offline
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


def all_downloads(model, offline=NO_OFFLINE_COPY):
    return downloads.published(model, checklists(model), offline).downloads


def test_every_download_is_listed_on_the_downloads_page(model, fresh_cache):
    offered = all_downloads(model)
    page = next(p for p in generate_pages(model, checklists(model), offered) if p.path == "downloads/index.md").content
    for item in offered:
        assert f"]({item.path.removeprefix('downloads/')})" in page, item.path
        assert f"| {item.format} |" in page
    paths = {item.path for item in offered}
    assert {routes.checklist_file("general", "all", "xlsx"), routes.checklist_file("pos", "p-one", "csv")} <= paths
    assert "downloads/smm-guide.json" in paths and "downloads/mappings.csv" in paths


def test_checklist_csv_has_one_row_per_item(model, fresh_cache):
    item = next(d for d in all_downloads(model) if d.path == routes.checklist_file("pos", "p-one", "csv"))
    rows = list(csv.reader(io.StringIO(item.content)))
    assert rows[0][:4] == ["Practice id", "Practice", "Level", "Item id"]
    assert len(rows) - 1 == 12 + 8  # 12 indicators, 8 POS considerations
    assert rows[1][9:] == ["", "", "", "", ""]


def test_workbooks_come_from_the_cache_only_when_nothing_changed(model, fresh_cache, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    path = routes.checklist_file("general", "p-one", "xlsx")
    first = next(d.content for d in all_downloads(model) if d.path == path)
    # A workbook per published selection and scope (all practices, then each practice).
    workbooks = len(checklists(model)) * (1 + len(model.practices))
    assert len(list((fresh_cache / "workbooks").iterdir())) == workbooks
    again = next(d.content for d in all_downloads(model) if d.path == path)
    assert again == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    later = next(d.content for d in all_downloads(model) if d.path == path)
    assert later != first and len(list((fresh_cache / "workbooks").iterdir())) == 2 * workbooks


def test_a_stale_cache_entry_for_other_code_is_not_used(model, fresh_cache, tmp_path, monkeypatch):
    path = routes.checklist_file("general", "p-one", "xlsx")
    first = next(d.content for d in all_downloads(model) if d.path == path)
    changed = tmp_path / "workbook.py"
    changed.write_text(downloads.WORKBOOK_CODE[0].read_text() + "\n# changed\n")
    monkeypatch.setattr(downloads, "WORKBOOK_CODE", (changed, *downloads.WORKBOOK_CODE[1:]))
    next(d.content for d in all_downloads(model) if d.path == path)
    workbooks = len(checklists(model)) * (1 + len(model.practices))
    assert len(list((fresh_cache / "workbooks").iterdir())) == 2 * workbooks
    assert first.startswith(b"PK")


def test_the_registry_holds_every_file_once_and_the_page_script_unlisted(model, fresh_cache):
    offline = Offline(zip=b"PK-not-really")
    published = downloads.published(model, checklists(model), offline)
    paths = [d.path for d in published.downloads]
    assert len(paths) == len(set(paths))
    assert routes.ASSESSMENT_SCHEMA in paths and routes.OFFLINE_ZIP in paths
    assert routes.MODEL_SCRIPT not in paths and routes.MODEL_SCRIPT in published.assets
    assert set(published.files()) == set(paths) | {routes.MODEL_SCRIPT}
    assert routes.OFFLINE_ZIP not in {d.path for d in all_downloads(model)}


def test_page_csv_and_workbook_of_a_selection_list_the_same_items(model, fresh_cache):
    """One computation of the rows per selection feeds the printable page, the CSV and the workbook."""
    from openpyxl import load_workbook

    published = checklists(model)
    offered = {d.path: d.content for d in downloads.published(model, published).downloads}
    pages = {p.path: p.content for p in generate_pages(model, published, [])}
    for checklist in published:
        practice = model.practices[0].id
        expected = [row.item for row in checklist.by_practice[practice]]
        csv_rows = list(
            csv.reader(io.StringIO(offered[routes.checklist_file(checklist.selection.id, practice, "csv")]))
        )
        assert [r[3] for r in csv_rows[1:]] == expected
        book = load_workbook(io.BytesIO(offered[routes.checklist_file(checklist.selection.id, practice, "xlsx")]))
        items = [row[3] for row in book["Checklist"].iter_rows(min_row=2, values_only=True) if row[3]]
        assert items == expected
        page = pages[routes.checklist(checklist.selection.id, practice)]
        shown = [page.index(f"| **{item}**{{ .smm-id }} ") for item in expected]
        assert shown == sorted(shown), "the printable page lists the items in the same order"
