import json

from macros.data.loader import load_model
from macros.outputs.pages import GeneratedPage
from macros.site.build import build_outputs, site_nav, write_tree
from macros.site.content import NavEntry
from tests.conftest import MINI, ROOT


def test_generate_writes_pages_downloads_and_content(tmp_path, real_model):
    out = tmp_path / "out"
    write_tree(real_model, ROOT / "content", out)
    assert len(list((out / "practices").glob("*.md"))) == 18
    assert json.loads((out / "downloads/smm-guide.json").read_text())["practices"]
    home = (out / "index.md").read_text()
    assert "{{" not in home and "[Level 1: Minimum](levels/1.md)" in home
    assert "*[OT]: " in home and "*[OT]: " in (out / "practices/monitoring.md").read_text()
    assert (out / "assets/smm.css").is_file()
    assert "nav:" in (out / "nav.yml").read_text()


def walk(items):
    for item in items:
        if isinstance(item, str):
            yield item
        else:
            for value in item.values():
                yield from walk([value] if isinstance(value, str) else value)


def test_nav_lists_every_generated_page_once():
    outputs = build_outputs(load_model(MINI), ROOT / "content")
    listed = list(walk(outputs.nav))
    assert len(listed) == len(set(listed))
    assert {page.path for page in outputs.pages if page.nav} <= set(listed)
    # Requirement pages and checklists are reached from their index pages; the hook marks them not in the nav.
    # So is the Changes page of a build without a release history, as this one is.
    unlisted = {page.path for page in outputs.pages if not page.nav} - {"changes.md"}
    assert unlisted and all(path.startswith(("frameworks/fw-one/", "checklists/")) for path in unlisted)
    assert "changes.md" not in listed
    assert listed[:3] == ["index.md", "how-to-use.md", "model.md"]
    assert listed[-1] == "about.md"
    assert {"checklists/index.md", "scoring.md", "downloads/index.md"} <= set(listed)


def test_a_new_hand_written_page_joins_the_nav_without_code(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "index.md").write_text("---\nnav_title: Home\nnav_order: 0\n---\n# Welcome\n")
    (content / "workshops.md").write_text("# Running a workshop\n\nText.\n")
    (content / "faq.md").write_text("---\nnav_order: 25\n---\n# Questions\n")
    (content / "draft.md").write_text("---\nnav_exclude: true\n---\n# Draft\n")
    nav = build_outputs(load_model(MINI), content).nav
    titles = [next(iter(item)) for item in nav]
    assert titles.index("Home") == 0
    assert titles.index("Model overview") < titles.index("Questions") < titles.index("Levels")
    assert "Running a workshop" in titles and "Draft" not in titles
    assert {"Running a workshop": "workshops.md"} in nav


def test_sections_keep_their_index_page_first():
    pages = [
        GeneratedPage("s/b.md", "", None, ("Section", "B")),
        GeneratedPage("s/index.md", "", None, ("Section",), index=True),
        GeneratedPage("s/a.md", "", None, ("Section", "A")),
    ]
    nav = site_nav(pages, [NavEntry("x.md", "Later", 99)])
    assert nav == [{"Section": ["s/index.md", {"B": "s/b.md"}, {"A": "s/a.md"}]}, {"Later": "x.md"}]
