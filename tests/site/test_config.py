"""What a build reads off the MkDocs configuration (macros/site/config.py)."""

import shutil

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from macros.site import config as build_config
from tests.conftest import ROOT


@pytest.fixture
def config(monkeypatch):
    monkeypatch.delenv("SMM_GUIDE_DATA_DIR", raising=False)
    monkeypatch.delenv("SMM_GUIDE_OFFLINE_ZIP", raising=False)
    return load_config(str(ROOT / "mkdocs.yml"))


def test_no_edit_link_for_data_outside_the_project(config, tmp_path, monkeypatch):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    monkeypatch.setenv("SMM_GUIDE_DATA_DIR", str(tmp_path / "data"))
    assert build_config.data_and_docs(config) is None
    monkeypatch.delenv("SMM_GUIDE_DATA_DIR")
    folders = build_config.data_and_docs(config)
    assert folders == ("data", "content")
    assert build_config.edit_uri_for(None, folders) is None
    assert build_config.edit_uri_for("practices/x.yaml", folders) == "../data/practices/x.yaml"
    config.edit_uri = ""
    assert build_config.data_and_docs(config) is None


def test_edit_url_opens_a_data_file_in_the_repository(config):
    config.repo_url = "https://example.org/smm/"
    config.edit_uri = "edit/main/content/"
    edit = build_config.edit_url_for(config)
    assert edit is not None
    assert edit("practices/x.yaml") == "https://example.org/smm/edit/main/data/practices/x.yaml"
    config.repo_url = None
    assert build_config.edit_url_for(config) is None


def test_the_offline_copy_to_offer_is_read_or_missing_loudly(config, tmp_path, monkeypatch, capsys):
    assert build_config.offline(config) == build_config.Offline()
    zipped = tmp_path / "copy.zip"
    zipped.write_bytes(b"PK\x03\x04")
    monkeypatch.setenv("SMM_GUIDE_OFFLINE_ZIP", str(zipped))
    assert build_config.offline(config).zip == b"PK\x03\x04"
    monkeypatch.setenv("SMM_GUIDE_OFFLINE_ZIP", str(tmp_path / "gone.zip"))
    with pytest.raises(Abort):
        build_config.offline(config)
    assert f"{tmp_path / 'gone.zip'}: error: cannot read the offline copy" in capsys.readouterr().err
    assert not build_config.is_offline_copy(config)
