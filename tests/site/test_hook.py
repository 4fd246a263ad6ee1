"""The MkDocs hook and the mkdocs-macros module, called as MkDocs calls them."""

import shutil
from types import SimpleNamespace

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files

from macros.site import config as build_config
from macros.site import hook, macros_module
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


def _page(text: str, meta: dict) -> SimpleNamespace:
    file = SimpleNamespace(content_string=text, src_uri="guide/x.md", abs_src_path=str(ROOT / "content/guide/x.md"))
    return SimpleNamespace(meta=meta, file=file)


def test_macros_module_renders_opted_in_pages_once(config):
    config = hook.on_config(config)
    meta = {"render_macros": True}
    page = _page("---\nrender_macros: true\n---\n{{ practice_link('monitoring') }}\n", meta)
    env = SimpleNamespace(page=page, conf=config, markdown="", variables={"page": page})
    macros_module.on_pre_page_macros(env)
    assert env.markdown == "[Monitoring Practices](../practices/monitoring.md)\n"
    assert meta["render_macros"] is False  # mkdocs-macros must not render it again


def test_macros_module_aborts_with_the_file_and_line(config, capsys):
    config = hook.on_config(config)
    page = _page("---\nrender_macros: true\n---\n\n{{ practice_link('nope') }}\n", {"render_macros": True})
    env = SimpleNamespace(page=page, conf=config, markdown="", variables={"page": page})
    with pytest.raises(Abort):
        macros_module.on_pre_page_macros(env)
    assert "content/guide/x.md:5:1: error: page refers to unknown practice id 'nope'" in capsys.readouterr().err


def test_pages_without_macros_are_left_alone(config):
    page = _page("# Plain {{ x }}\n", {})
    env = SimpleNamespace(page=page, conf=config, markdown="# Plain {{ x }}\n", variables={"page": page})
    macros_module.on_pre_page_macros(env)
    assert env.markdown == "# Plain {{ x }}\n"
