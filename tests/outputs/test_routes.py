import pytest

from macros.outputs import routes


@pytest.mark.parametrize(
    ("source", "target", "link"),
    [
        ("practices/a.md", "practices/b.md", "b.md"),
        ("practices/a.md", "levels/1.md#x", "../levels/1.md#x"),
        ("model.md", "domains/d/index.md", "domains/d/index.md"),
        ("practices/a.md", "#level-1", "#level-1"),
        ("domains/d/s/index.md", "practices/p.md#p-1-1", "../../../practices/p.md#p-1-1"),
        ("profiles/x/compare-d.md", "profiles/x/index.md", "index.md"),
        ("domains/d/s/index.md", "domains/d/index.md", "../index.md"),
    ],
)
def test_relative_links(source, target, link):
    assert routes.relative(source, target) == link


def test_paths_and_anchors():
    assert routes.practice_level("p", 2) == "practices/p.md#level-2"
    assert routes.practice_level("p", 3, "dt") == "practices/p.md#level-3-dt"
    assert routes.item("p", "p-1-2") == "practices/p.md#p-1-2"
    assert routes.subdomain("d", "s") == "domains/d/s/index.md"
    assert routes.profile_compare("dt", "gov") == "profiles/dt/compare-gov.md"
    assert routes.at(routes.characterization("dt"), routes.option_anchor("dim", "opt")) == (
        "profiles/dt/characterization.md#dim-opt"
    )


@pytest.mark.parametrize(
    ("source", "docs_dir", "expected"),
    [
        ("data/practices/x.yaml", "content", "../data/practices/x.yaml"),
        ("data/practices/x.yaml", "site-src/docs", "../../data/practices/x.yaml"),
        ("data/x.yaml", ".", "data/x.yaml"),
    ],
)
def test_edit_path_is_relative_to_the_docs_folder(source, docs_dir, expected):
    assert routes.edit_path(source, docs_dir) == expected


@pytest.mark.parametrize(
    ("repo_url", "edit_uri", "expected"),
    [
        ("https://github.com/o/r", "edit/main/content/", "https://github.com/o/r/edit/main/data/practices/x.yaml"),
        ("https://github.com/o/r/", "edit/main/content/", "https://github.com/o/r/edit/main/data/practices/x.yaml"),
        (
            "https://gitlab.example/g/r",
            "-/edit/dev/content/",
            "https://gitlab.example/g/r/-/edit/dev/data/practices/x.yaml",
        ),
    ],
)
def test_edit_url_opens_a_data_file_as_mkdocs_opens_a_page(repo_url, edit_uri, expected):
    assert routes.edit_url(repo_url, edit_uri, "content", "data/practices/x.yaml") == expected
