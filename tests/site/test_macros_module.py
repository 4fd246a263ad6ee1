"""The mkdocs-macros module (macros/site/macros_module.py), called as mkdocs-macros calls it, with the
model the MkDocs hook loaded."""

import subprocess
from types import SimpleNamespace

import mkdocs_macros.context
import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from macros.site import hook, macros_module
from tests.conftest import ROOT


@pytest.fixture
def config(monkeypatch):
    monkeypatch.delenv("SMM_GUIDE_DATA_DIR", raising=False)
    return load_config(str(ROOT / "mkdocs.yml"))


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


def test_a_build_starts_no_git_command_for_mkdocs_macros(config, monkeypatch):
    monkeypatch.setattr(mkdocs_macros.context, "get_git_info", mkdocs_macros.context.get_git_info)  # undone after
    started = []
    monkeypatch.setattr(subprocess, "check_output", lambda command, **_: started.append(command) or "")
    hook.on_startup(command="build", dirty=False)
    config.plugins["macros"].on_config(config)
    assert started == []
    assert config.plugins["macros"].variables["git"]["status"] is False
