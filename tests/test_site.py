import json

from macros.loader import load_model
from macros.site import render_content_page, wants_macros, write_tree

from .conftest import MINI, ROOT


def test_generate_writes_pages_downloads_and_content(tmp_path, real_model):
    out = tmp_path / "out"
    write_tree(real_model, ROOT / "content", out)
    assert len(list((out / "practices").glob("*.md"))) == 18
    assert json.loads((out / "downloads/smm-guide.json").read_text())["practices"]
    home = (out / "index.md").read_text()
    assert "{{" not in home and "[Level 1: Minimum](levels/1.md)" in home
    assert (out / "assets/smm.css").is_file()
    assert "nav:" in (out / "nav.yml").read_text()


def test_only_opted_in_pages_are_rendered():
    model = load_model(MINI)
    plain_page = "# Title\n\nLiteral {{ braces }} stay.\n"
    assert not wants_macros(plain_page)
    assert render_content_page(model, "x.md", plain_page) == plain_page
    opted = "---\nrender_macros: true\n---\n{{ practice_link('p-one') }} of {{ model.practices | length }}\n"
    assert render_content_page(model, "sub/x.md", opted).endswith("[Practice One](../practices/p-one.md) of 2\n")
