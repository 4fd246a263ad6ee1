"""Every download: listed on the Downloads page, linked, reproducible, and cached safely."""

import csv
import io

import pytest

from macros.data.loader import load_model
from macros.outputs import downloads, routes
from macros.outputs.checklists import checklists, scopes
from macros.outputs.downloads import NO_OFFLINE_COPY, Offline
from macros.outputs.pages import generate_pages
from tests.conftest import MINI, edit


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
    # A workbook per published selection and scope (all practices, then each practice it covers).
    workbooks = sum(len(scopes(model, c.selection)) for c in checklists(model))
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
    workbooks = sum(len(scopes(model, c.selection)) for c in checklists(model))
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
        practice = scopes(model, checklist.selection)[-1][0]  # the last practice it covers, or "all"
        expected = [
            row.item for row in checklist.rows([p.id for p in model.practices] if practice == "all" else [practice])
        ]
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


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def with_formula_text(mini):
    """The fixture with text a spreadsheet would run, in every kind of field the downloads carry."""
    edits = {
        "practices/p-one.yaml": [
            ("name: Practice One", 'name: "=HYPERLINK(\\"http://x\\")"'),
            ("text: A named clerk owns the terminal inventory.", 'text: "+1+2 clerks own the inventory."'),
            ("pass: Pass if a named clerk owns the terminal inventory.", 'pass: "-2+3 if a clerk owns it."'),
            ("evidence: Evidence 1.", 'evidence: "@SUM(A1)"'),
        ],
        "frameworks/fw-one.yaml": [
            ("code: R 1.1\n", 'code: "=R 1.1"\n'),
            ("title: Terminal inventory", 'title: "@Terminal inventory"'),
            ("name: Identification", 'name: "-Identification"'),
            ("short_name: FW One", 'short_name: "+FW One"'),
        ],
        "mappings/fw-one.yaml": [
            ("rationale: The named clerk's", 'rationale: "=The named clerk\'s"\n    # '),
        ],
    }
    for name, changes in edits.items():
        for old, new in changes:
            edit(mini / name, old, new)
    return load_model(mini)


def test_every_csv_download_keeps_formula_text_as_text(mini, fresh_cache):
    model = with_formula_text(mini)
    offered = [d for d in all_downloads(model) if d.path.endswith(".csv")]
    kinds = {d.path.split("/")[1] for d in offered}
    assert kinds == {"checklists", "frameworks", "crosswalks", "mappings.csv"}
    seen = set()
    for item in offered:
        for row in csv.reader(io.StringIO(item.content)):
            risky = [cell for cell in row if cell.startswith(FORMULA_STARTS)]
            assert not risky, (item.path, risky)
            seen.update(cell for cell in row if cell.startswith("'"))
    # Each dangerous value reached some CSV, neutralized.
    for text in (
        '\'=HYPERLINK("http://x")',
        "'+1+2 clerks own the inventory.",
        "'-2+3 if a clerk owns it.",
        "'@SUM(A1)",
    ):
        assert text in seen, text
    assert {"'=R 1.1", "'@Terminal inventory"} <= seen
    assert any(cell.startswith("'=The named clerk's") for cell in seen)
    # A checklist's mapped requirements start with a requirement code.
    assert any(cell.startswith("'=R 1.1 (+FW One)") for cell in seen)


def test_every_workbook_keeps_formula_text_as_text(mini, fresh_cache):
    from openpyxl import load_workbook

    model = with_formula_text(mini)
    books = [d for d in all_downloads(model) if d.path.endswith(".xlsx")]
    assert books
    for item in books:
        book = load_workbook(io.BytesIO(item.content))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if sheet.title == "Summary" and cell.column > 2 and cell.row > 1:
                        continue  # the summary's own formulas
                    assert cell.data_type != "f", (item.path, sheet.title, cell.coordinate, cell.value)
        if "/all." in item.path:
            assert book["Targets"]["B2"].value == '=HYPERLINK("http://x")'
            assert book["Summary"]["B2"].data_type == "s"
            assert book["Summary"]["B2"].value == '=HYPERLINK("http://x")'


ALL_GENERAL = routes.checklist_file("general", "all", "xlsx")


def workbook_of(model, path=ALL_GENERAL) -> bytes:
    return next(d.content for d in all_downloads(model) if d.path == path)


def about(content: bytes) -> dict:
    from openpyxl import load_workbook

    return dict(load_workbook(io.BytesIO(content))["About"].values)


def test_a_data_edit_never_serves_a_stale_cached_workbook(mini, fresh_cache):
    """The cache key holds the model version: after an edit the workbook is the new model's, so
    `smm-guide report` accepts it once filled in."""
    from macros.outputs.export import model_version

    before = load_model(mini)
    workbook_of(before)
    edit(mini / "practices/p-one.yaml", "evidence: Evidence 1.", "evidence: Evidence one.")
    after = load_model(mini)
    assert model_version(after) != model_version(before)
    assert about(workbook_of(after))["Model version"] == model_version(after)


@pytest.mark.parametrize("index", range(len(downloads.WORKBOOK_CODE)))
def test_each_module_the_workbook_bytes_come_from_is_in_the_key(model, fresh_cache, tmp_path, monkeypatch, index):
    path = routes.checklist_file("general", "p-one", "xlsx")
    workbook_of(model, path)
    files = list(downloads.WORKBOOK_CODE)
    changed = tmp_path / files[index].name
    changed.write_text(files[index].read_text() + "\n# changed\n")
    files[index] = changed
    monkeypatch.setattr(downloads, "WORKBOOK_CODE", tuple(files))
    cached = len(list((fresh_cache / "workbooks").iterdir()))
    workbook_of(model, path)
    assert len(list((fresh_cache / "workbooks").iterdir())) == 2 * cached


def test_the_selection_and_the_practices_are_in_the_key(model, fresh_cache, monkeypatch):
    """Workbooks of one model differ by variant and scope, and each is served as itself."""
    from openpyxl import load_workbook

    def listed(selection_id, scope):
        book = load_workbook(io.BytesIO(workbook_of(model, routes.checklist_file(selection_id, scope, "xlsx"))))
        info = dict(book["About"].values)
        return info["Variant"], info["Practices"]

    for _ in range(2):  # the second round is served from the cache
        assert listed("general", "all") == ("general", "p-one, p-two")
        assert listed("general", "p-two") == ("general", "p-two")
        assert listed("pos", "p-one") == ("pos", "p-one")
    monkeypatch.setattr(downloads.xlsxwriter, "__version__", "0.0.0")
    cached = len(list((fresh_cache / "workbooks").iterdir()))
    workbook_of(model)
    assert len(list((fresh_cache / "workbooks").iterdir())) == 2 * cached
