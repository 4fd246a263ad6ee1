"""The MkDocs hook, called as MkDocs calls it (the mkdocs-macros module: tests/site/test_macros_module.py)."""

import shutil

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files

from macros.site import hook
from tests.conftest import ROOT


@pytest.fixture
def config(monkeypatch):
    monkeypatch.delenv("SMM_GUIDE_DATA_DIR", raising=False)
    return load_config(str(ROOT / "mkdocs.yml"))


def test_on_config_loads_the_model_nav_and_tooltips(config):
    config = hook.on_config(config)
    outputs = config[hook.OUTPUTS]
    assert len(outputs.model.practices) == 18
    assert config.nav == outputs.nav
    assert config.mdx_configs["abbr"]["glossary"]["OT"].startswith("Hardware and software that monitors")


def test_bad_data_aborts_before_anything_is_written(config, tmp_path, monkeypatch, capsys):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "glossary.yaml").write_text("terms:\n\t- id: x\n")
    monkeypatch.setenv("SMM_GUIDE_DATA_DIR", str(data))
    with pytest.raises(Abort):
        hook.on_config(config)
    assert "glossary.yaml:2:1: error: tab used for indentation" in capsys.readouterr().err


def test_generated_pages_edit_their_data_file(config):
    config = hook.on_config(config)
    config.plugins._current_plugin = "hook"  # MkDocs sets this while it runs an event handler
    files = hook.on_files(Files([]), config)
    practice = files.get_file_from_path("practices/access-control.md")
    assert practice.edit_uri == "../data/practices/access-control.yaml"
    assert files.get_file_from_path("profiles/digital-twin/archetypes/index.md").edit_uri == (
        "../data/profiles/digital-twin/archetypes.yaml"
    )
    assert files.get_file_from_path("downloads/smm-guide.json") is not None
