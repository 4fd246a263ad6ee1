"""The generated tree builds with other engines: plain MkDocs Material and Zensical (`make zensical`)."""

import shutil
import subprocess

import pytest
import yaml

from macros.site.build import write_tree
from macros.site.engines import plain_config
from tests.conftest import ROOT

ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"


def test_relative_config_for_zensical(tmp_path, real_model):
    docs = tmp_path / "docs"
    write_tree(real_model, ROOT / "content", docs)
    path = plain_config(docs, tmp_path / "site", relative=True)
    config = yaml.safe_load(path.read_text())
    assert path.name == "mkdocs.yml" and config["docs_dir"] == "docs" and config["site_dir"] == "site"
    assert config["plugins"] == ["search"] and "hooks" not in config
    assert (tmp_path / "overrides" / "partials").is_dir() or any((tmp_path / "overrides").iterdir())
    assert not (docs / "nav.yml").exists() and config["nav"][0] == {"Home": "index.md"}


@pytest.mark.skipif(not ZENSICAL.exists(), reason="Zensical is not installed: run `make zensical` once")
def test_zensical_builds_every_page(tmp_path, real_model):
    docs = tmp_path / "docs"
    # with data_dir, as `make zensical` builds it: the Data reference, which the home page links, is there
    written = write_tree(real_model, ROOT / "content", docs, data_dir=ROOT / "data")
    plain_config(docs, tmp_path / "site", relative=True)
    result = subprocess.run([str(ZENSICAL), "build"], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = [p.relative_to(docs) for p in written if p.suffix == ".md"]
    missing = [
        str(page)
        for page in pages
        if not (
            tmp_path / "site" / (page.with_suffix("") if page.stem != "index" else page.parent) / "index.html"
        ).is_file()
    ]
    assert not missing, missing[:10]
    assert len(pages) > 400
    shutil.rmtree(tmp_path / "site")
