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
        # MkDocs accepts the docs folder with slashes around it, or the project root as "" or "/".
        ("data/practices/x.yaml", "/content/", "../data/practices/x.yaml"),
        ("data/x.yaml", "", "data/x.yaml"),
        ("data/x.yaml", "/", "data/x.yaml"),
        ("data/x.yaml", "X", "../data/x.yaml"),
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
        ("https://github.com/o/boX/", "edit/main/content/", "https://github.com/o/boX/edit/main/data/practices/x.yaml"),
    ],
)
def test_edit_url_opens_a_data_file_as_mkdocs_opens_a_page(repo_url, edit_uri, expected):
    assert routes.edit_url(repo_url, edit_uri, "content", "data/practices/x.yaml") == expected


# Every route shape, as published: a URL that moves breaks every link to it from outside the site,
# so a change here needs a redirect (macros/outputs/routes.py). Fixed names first, then each maker.
PUBLISHED = {
    "HOME": "index.md",
    "MODEL": "model.md",
    "GLOSSARY": "glossary.md",
    "REFERENCES": "references.md",
    "MODEL_JSON": "downloads/smm-guide.json",
    "MODEL_SCHEMA": "downloads/smm-guide.schema.json",
    "FRAMEWORKS": "frameworks/index.md",
    "MAPPING_METHOD": "frameworks/how-we-map.md",
    "COVERAGE": "coverage/index.md",
    "CROSSWALKS": "crosswalks/index.md",
    "MAPPINGS_CSV": "downloads/mappings.csv",
    "DATA_REFERENCE": "data-reference.md",
    "CHANGES": "changes.md",
    "CHECKLISTS": "checklists/index.md",
    "SCORING": "scoring.md",
    "DOWNLOADS": "downloads/index.md",
    "OFFLINE_ZIP": "downloads/smm-guide-offline.zip",
    "ASSESS": "assess/index.md",
    "ASSESS_STYLE": "assets/assess.css",
    "MODEL_SCRIPT": "assets/smm-model.js",
    "ASSESSMENT_SCHEMA": "downloads/assessment.schema.json",
    "OSCAL_CATALOG": "downloads/oscal/smm-catalog.json",
}

MADE = [
    (routes.at, ("page.md", "a"), "page.md#a"),
    (routes.level, (2,), "levels/2.md"),
    (routes.practice, ("p",), "practices/p.md"),
    (routes.domain, ("d",), "domains/d/index.md"),
    (routes.subdomain, ("d", "s"), "domains/d/s/index.md"),
    (routes.profile, ("dt",), "profiles/dt/index.md"),
    (routes.characterization, ("dt",), "profiles/dt/characterization.md"),
    (routes.archetypes, ("dt",), "profiles/dt/archetypes/index.md"),
    (routes.archetype, ("dt", "a"), "profiles/dt/archetypes/a/index.md"),
    (routes.combined, ("dt", "a", "fw"), "profiles/dt/archetypes/a/fw.md"),
    (routes.framework, ("fw",), "frameworks/fw/index.md"),
    (routes.requirement, ("fw", "r-1"), "frameworks/fw/r-1.md"),
    (routes.crosswalk, ("fw",), "crosswalks/fw.md"),
    (routes.crosswalk_pair, ("fw-a", "fw-b"), "crosswalks/fw-a--fw-b.md"),
    (routes.download, ("x.csv",), "downloads/x.csv"),
    (routes.checklist_file, ("general", "all", "xlsx"), "downloads/checklists/general/all.xlsx"),
    (routes.checklist_file, ("dt+pos", "p", "csv"), "downloads/checklists/dt+pos/p.csv"),
    (routes.requirements_csv, ("fw",), "downloads/frameworks/fw.csv"),
    (routes.crosswalk_csv, ("fw",), "downloads/crosswalks/fw.csv"),
    (routes.crosswalk_pair_csv, ("fw-a", "fw-b"), "downloads/crosswalks/fw-a--fw-b.csv"),
    (routes.profile_compare, ("dt", "d"), "profiles/dt/compare-d.md"),
    (routes.profile_pair, ("dt", "pos"), "profiles/dt/with-pos.md"),
    (routes.oscal_profile, ("dt",), "downloads/oscal/profile-dt.json"),
    (routes.oscal_archetype, ("dt", "a"), "downloads/oscal/archetype-dt--a.json"),
    (routes.oscal_framework, ("fw",), "downloads/oscal/catalog-fw.json"),
    (routes.oscal_mapping, ("fw",), "downloads/oscal/mapping-fw.json"),
    (routes.oscal_name, ("downloads/oscal/catalog-fw.json",), "catalog-fw.json"),
    (routes.level_anchor, (3,), "level-3"),
    (routes.general_anchor, (3,), "level-3-general"),
    (routes.profile_level_anchor, (3, "dt"), "level-3-dt"),
    (routes.option_anchor, ("dim", "opt"), "dim-opt"),
    (routes.practice_level, ("p", 1), "practices/p.md#level-1"),
    (routes.practice_level, ("p", 1, "dt"), "practices/p.md#level-1-dt"),
    (routes.item, ("p", "p-1-1"), "practices/p.md#p-1-1"),
    (routes.reference, ("ref",), "references.md#ref"),
    (routes.term, ("t",), "glossary.md#t"),
    (routes.checklist, ("general", "all"), "checklists/general/all.md"),
    (routes.checklist, ("dt", "p"), "checklists/dt/p.md"),
]


def test_every_fixed_route_is_where_it_was_published():
    fixed = {name: value for name, value in vars(routes).items() if name.isupper() and isinstance(value, str)}
    assert fixed == PUBLISHED


def test_every_route_maker_is_pinned():
    # (Names starting with x_ are the copies `make mutation` adds to the module while it runs.)
    makers = {
        name
        for name, value in vars(routes).items()
        if callable(value) and value.__module__ == routes.__name__ and not name.startswith("x_")
    }
    helpers = {"relative", "edit_path", "edit_url"}  # tested above: they make links, not published paths
    assert makers - helpers == {maker.__name__ for maker, _, _ in MADE}


@pytest.mark.parametrize(("maker", "args", "path"), MADE, ids=lambda v: getattr(v, "__name__", None))
def test_route_shapes(maker, args, path):
    assert maker(*args) == path


def test_the_assess_page_loads_its_scripts_in_order():
    names = ("rules", "selection", "csv", "dom", "state", "setup", "answers", "chart", "results", "keep", "boot")
    assert tuple(f"assets/assess/{name}.js" for name in names) == routes.ASSESS_SCRIPTS
