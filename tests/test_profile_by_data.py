"""A profile added by data alone, as a contributor would: copied into a temporary copy of
data/ beside the real profiles, with an id_prefix (wp) that differs from its id
(water-plant) and covering one practice only. The profile-generic content checks, the page and
download generators, a strict MkDocs build and `smm-guide report` then run over it unchanged."""

import shutil

import pytest
from openpyxl import load_workbook

from macros.cli.main import main
from macros.data.loader import load_model
from macros.outputs import checklists, routes
from macros.outputs.downloads import published
from macros.outputs.pages import generate_pages
from tests import test_guidance
from tests.conftest import MINI, ROOT
from tests.support.builds import mkdocs_build

NEW = "water-plant"


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    data = tmp_path_factory.mktemp("profile-by-data") / "data"
    shutil.copytree(ROOT / "data", data)
    folder = data / "profiles" / NEW
    (folder / "practices").mkdir(parents=True)
    reference = load_model(data).references[0].id
    profile = (MINI / "profiles" / NEW / "profile.yaml").read_text().replace("doc-one", reference)
    (folder / "profile.yaml").write_text(profile)
    practice = (MINI / "profiles" / NEW / "practices" / "p-two.yaml").read_text().replace("p-two", "monitoring")
    (folder / "practices" / "monitoring.yaml").write_text(practice)
    return data


@pytest.fixture(scope="module")
def model(data):
    return load_model(data)


def test_the_profile_validates_with_its_own_prefix(model):
    profile = model.profile(NEW)
    assert profile.id_prefix == "wp" and list(profile.practices) == ["monitoring"]
    assert [p.id for p in model.profiles] == [p.id for p in load_model(ROOT / "data").profiles] + [NEW]


def test_the_profile_generic_content_checks_pass(model):
    test_guidance.test_item_ids_name_their_practice_and_level(model)
    test_guidance.test_every_item_is_one_checkable_claim(model)
    test_guidance.test_no_item_rests_on_interviews_alone(model)


def test_pages_and_downloads_cover_the_profile_and_the_combination(model):
    made = checklists.checklists(model)
    pages = {p.path: p.content for p in generate_pages(model, made, [])}
    files = {d.path for d in published(model, made).downloads}
    both = "+".join(p.id for p in model.profiles)  # every profile combined
    assert routes.profile_pair("digital-twin", NEW) in pages
    assert routes.checklist(both, "all") in pages and routes.checklist_file(both, "all", "xlsx") in files
    assert routes.checklist_file(both, "monitoring", "csv") in files, "every profile adds to monitoring"
    assert routes.checklist_file(both, "access-control", "csv") not in files, "the new one adds nothing there"
    assert routes.checklist_file(NEW, "access-control", "csv") not in files
    assert routes.checklist(NEW, "access-control") not in pages
    monitoring = pages[routes.practice("monitoring")]
    assert monitoring.count('<input type="checkbox"') == len(model.profiles)
    access = pages[routes.practice("access-control")]
    assert "The Water Plant Profile adds nothing to this practice" in access


def test_a_strict_build_and_a_report_of_the_combined_workbook(data, model, tmp_path, capsys):
    site = tmp_path / "site"
    built = mkdocs_build(site, SMM_GUIDE_DATA_DIR=str(data))
    assert built.returncode == 0, built.stderr[-3000:]
    assert (site / "profiles" / "digital-twin" / f"with-{NEW}" / "index.html").is_file()
    both = "+".join(p.id for p in model.profiles)
    book = site / "downloads" / "checklists" / both / "monitoring.xlsx"
    sheet = load_workbook(book)["Checklist"]
    sources = {row[7] for row in sheet.iter_rows(min_row=2, values_only=True) if row[3]}
    assert sources == {"General", *(p.short_name for p in model.profiles)}
    assert "Water" in sources
    assert main(["report", str(book), "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert f"({both})" in out
