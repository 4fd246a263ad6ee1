"""The OSCAL files: each loads as its compliance-trestle model, every reference in them resolves, the
catalog gives back every practice, level and item of the model, trestle resolves the profiles, and the
same data gives the same bytes."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from trestle.core.profile_resolver import ProfileResolver
from trestle.oscal import OSCAL_VERSION
from trestle.oscal.assessment_results import AssessmentResults
from trestle.oscal.catalog import Catalog
from trestle.oscal.mapping import MappingCollection
from trestle.oscal.profile import Profile

from macros.data.loader import load_model
from macros.outputs import oscal, oscal_document, routes
from macros.outputs.checklists import checklists
from macros.outputs.downloads import published
from macros.outputs.pages import generate_pages
from tests.conftest import MINI, ROOT, SHIFTED_CLOCK

MODELS = {
    "catalog": Catalog,
    "profile": Profile,
    "mapping-collection": MappingCollection,
    "assessment-results": AssessmentResults,
}


@pytest.fixture(scope="module")
def mini_model():
    return load_model(MINI)


def write(files, folder: Path) -> Path:
    for path, text in files.items():
        (folder / routes.oscal_name(path)).write_text(text, encoding="utf-8")
    return folder


def load_with_trestle(folder: Path) -> dict:
    """Every file of the folder read by trestle as the model its root key names."""
    loaded = {}
    for path in sorted(folder.glob("*.json")):
        (kind,) = json.loads(path.read_text(encoding="utf-8"))
        loaded[path.name] = MODELS[kind].oscal_read(path)
        assert loaded[path.name] is not None, path
    return loaded


@pytest.fixture(scope="module")
def real_files(real_model):
    return oscal.files(real_model)


@pytest.fixture(scope="module")
def real_folder(real_files, tmp_path_factory):
    return write(real_files, tmp_path_factory.mktemp("oscal"))


def walk(node, key):
    """Every dict under `node` (itself included) that has `key`."""
    if isinstance(node, dict):
        if key in node:
            yield node
        for value in node.values():
            yield from walk(value, key)
    elif isinstance(node, list):
        for value in node:
            yield from walk(value, key)


def ids(document) -> list[str]:
    return [found["id"] for found in walk(document, "id")]


def body(files, path):
    (value,) = json.loads(files[path]).values()
    return value


def test_every_file_loads_as_its_trestle_model(real_model, real_folder):
    loaded = load_with_trestle(real_folder)
    expected = 1 + sum(1 + len(p.archetypes) for p in real_model.profiles) + 2 * len(real_model.frameworks)
    assert len(loaded) == expected
    assert OSCAL_VERSION == oscal_document.OSCAL_VERSION
    assert {str(doc.metadata.oscal_version.root.root) for doc in loaded.values()} == {oscal_document.OSCAL_VERSION}
    assert isinstance(loaded[routes.oscal_name(routes.OSCAL_CATALOG)], Catalog)
    for framework in real_model.frameworks:
        mapping = loaded[routes.oscal_name(routes.oscal_mapping(framework.id))]
        mapped = [e for e in real_model.mappings if e.framework == framework.id]
        assert len(mapping.mappings[0].maps) == len(mapped)


def test_the_catalog_round_trips_every_practice_level_and_item(real_model, real_folder):
    """Read back by trestle: the controls are the practices, their level parts the levels, the
    assessment objectives the indicators, each with its pass criterion and evidence."""
    catalog = Catalog.oscal_read(real_folder / routes.oscal_name(routes.OSCAL_CATALOG))
    controls = {c.id: c for domain in catalog.groups for sub in domain.groups for c in sub.controls}
    assert list(controls) == [p for d in real_model.domains for s in d.subdomains for p in s.practices]
    assert [g.title for g in catalog.groups] == [d.name for d in real_model.domains]
    for practice in real_model.practices:
        control = controls[practice.id]
        assert control.title == practice.name
        levels = {p.id: p for p in control.parts if p.name == "level"}
        assert list(levels) == [oscal.level_part_id(practice.id, n) for n in practice.levels]
        for number, block in practice.levels.items():
            part = levels[oscal.level_part_id(practice.id, number)]
            assert [p.value for p in part.props if p.name == "level"] == [str(number)]
            objectives = [p for p in part.parts if p.name == "assessment-objective"]
            assert [p.id for p in objectives] == [i.id for i in block.indicators]
            for objective, indicator in zip(objectives, block.indicators, strict=True):
                assert objective.prose == indicator.text
                inner = {p.name: p.prose for p in objective.parts}
                assert inner == {"pass-criterion": indicator.pass_criterion, "evidence": indicator.evidence}
    levels = next(r for r in catalog.back_matter.resources if r.title == "Comprehensiveness levels")
    for level in real_model.levels:  # stated once, level 0 included
        assert f"**{level.level} {level.name}.**" in levels.description
    assert len(catalog.back_matter.resources) == 1 + len(real_model.references)


def test_every_reference_resolves(real_model, real_files):
    catalog = body(real_files, routes.OSCAL_CATALOG)
    catalog_ids = ids(catalog)
    assert len(catalog_ids) == len(set(catalog_ids)), "ids are unique in the catalog"
    controls = {c["id"] for holder in walk(catalog, "controls") for c in holder["controls"]}
    params = {p["id"] for c in walk(catalog, "params") for p in c["params"]}
    resources = {r["uuid"] for r in catalog["back-matter"]["resources"]}
    for found in walk(catalog, "href"):
        if found["href"].startswith("#"):
            assert found["href"][1:] in controls | resources, found
    parts = set(catalog_ids)
    names = set(real_files)
    for profile in real_model.profiles:
        vertical = body(real_files, routes.oscal_profile(profile.id))
        assert [i["href"] for i in vertical["imports"]] == [routes.oscal_name(routes.OSCAL_CATALOG)]
        alters = vertical["modify"]["alters"]
        added = [p["id"] for alter in alters for add in alter["adds"] for p in add["parts"]]
        wanted = [c.id for pr in profile.practices.values() for level in pr.values() for c in level]
        assert sorted(added) == sorted(wanted)
        for alter in alters:
            assert alter["control-id"] in controls
            assert all(add["by-id"] in parts and add["by-id"].startswith(alter["control-id"]) for add in alter["adds"])
        parts |= set(added)
        for archetype in profile.archetypes:
            document = body(real_files, routes.oscal_archetype(profile.id, archetype.id))
            assert [routes.download("oscal/" + i["href"]) for i in document["imports"]] == [
                routes.oscal_profile(profile.id)
            ]
            targets = {s["param-id"]: s["values"] for s in document["modify"]["set-parameters"]}
            assert set(targets) <= params
            assert targets == {oscal.target_param_id(p): [str(level)] for p, level in archetype.targets.items()}
    for framework in real_model.frameworks:
        framework_catalog = body(real_files, routes.oscal_framework(framework.id))
        requirements = {c["id"] for holder in walk(framework_catalog, "controls") for c in holder["controls"]}
        collection = body(real_files, routes.oscal_mapping(framework.id))
        (mapping,) = collection["mappings"]
        for end in ("source-resource", "target-resource"):
            assert routes.download("oscal/" + mapping[end]["href"]) in names
        for entry in mapping["maps"]:
            assert all(s["id-ref"] in controls for s in entry["sources"])
            assert all(t["id-ref"] in requirements for t in entry["targets"])
            cited = [p["value"] for p in entry["props"] if p["name"] == "cited-item"]
            assert cited and set(cited) <= parts, entry["uuid"]
        gap = mapping.get("target-gap-summary", {"unmapped-controls": [{"with-ids": []}]})
        unmapped = gap["unmapped-controls"][0]["with-ids"]
        assert unmapped == list(framework.unmapped)
        assert set(unmapped) <= requirements
        reasons = {p["value"]: p["remarks"] for p in mapping.get("props", []) if p["name"] == "unmapped"}
        assert reasons == dict(framework.unmapped)
    # Unique in each file; across files a uuid is shared only by the same reference in two back-matters.
    shared: dict[str, str] = {}
    for path, text in real_files.items():
        uuids = [u["uuid"] for u in walk(json.loads(text), "uuid")]
        assert len(uuids) == len(set(uuids)), path
        for found in walk(json.loads(text), "uuid"):
            same = json.dumps(found, sort_keys=True) if "rlinks" in found else path
            assert shared.setdefault(found["uuid"], same) == same, (path, found["uuid"])


def test_trestle_resolves_an_archetype_through_its_profile(real_model, real_folder, monkeypatch):
    """The archetype's targets and the profile's considerations land in the resolved catalog."""
    (real_folder / ".trestle").mkdir(exist_ok=True)  # trestle keeps its cache there
    monkeypatch.chdir(real_folder)  # trestle reads a relative import against the working folder
    profile = real_model.profiles[0]
    archetype = profile.archetypes[0]
    path = real_folder / routes.oscal_name(routes.oscal_archetype(profile.id, archetype.id))
    resolved = ProfileResolver.get_resolved_profile_catalog(real_folder, path)

    def controls(node):
        yield from getattr(node, "controls", None) or ()
        for group in getattr(node, "groups", None) or ():  # trestle's group models differ in what they hold
            yield from controls(group)

    found = {control.id: control for control in controls(resolved)}
    assert set(found) == {p.id for p in real_model.practices}
    for practice in real_model.practices:
        (param,) = found[practice.id].params
        assert param.values == [str(archetype.targets[practice.id])]
        assert param.guidelines[0].prose == archetype.target_reasons[practice.id]
        for number in practice.levels:
            (level,) = [p for p in found[practice.id].parts if p.id == oscal.level_part_id(practice.id, number)]
            items = [p.id for p in level.parts if p.name == "assessment-objective"]
            block = practice.levels[number].indicators
            assert items == [i.id for i in block] + [c.id for c in profile.considerations(practice.id, number)]


def test_relationships_translate_as_the_mapping_method_says(mini_model):
    files = oscal.files(mini_model)
    method = mini_model.mapping_method
    for framework in mini_model.frameworks:
        (mapping,) = body(files, routes.oscal_mapping(framework.id))["mappings"]
        entries = [e for e in mini_model.mappings if e.framework == framework.id]
        assert len(mapping["maps"]) == len(entries)
        for entry, found in zip(entries, mapping["maps"], strict=True):
            assert found["relationship"] == method.relationship(entry.relationship).oscal
            ours = [p for p in found["props"] if p["name"] == "relationship"]
            assert ours == [{"name": "relationship", "value": entry.relationship, "ns": oscal_document.NS}]
            assert found["remarks"] == entry.rationale
            assert found["sources"][0]["id-ref"] == entry.practice
            assert found["targets"] == [{"type": "control", "id-ref": entry.requirement}]
        description = body(files, routes.oscal_mapping(framework.id))["provenance"]["mapping-description"]
        for relationship in method.relationships:
            assert f"{relationship.name} (`{relationship.id}`): `{relationship.oscal}`." in description


def test_the_mini_catalog_in_detail(mini_model):
    """Golden-ish: the shape a compliance tool sees, on the small fixture."""
    files = oscal.files(mini_model)
    catalog = body(files, routes.OSCAL_CATALOG)
    assert [g["id"] for g in catalog["groups"]] == [f"{d.id}_domain" for d in mini_model.domains]
    practice = mini_model.practices[0]
    (control,) = [c for c in walk(catalog, "params") if c["id"] == practice.id]
    assert control["class"] == "practice"
    assert control["props"][0] == {"name": "practice-id", "value": practice.id, "ns": oscal_document.NS}
    assert control["links"][0] == {
        "href": f"../../practices/{practice.id}/",
        "rel": "alternate",
        "text": "The practice page",
    }
    assert [p["name"] for p in control["parts"][:2]] == ["statement", "overview"]
    level = next(p for p in control["parts"] if p["id"] == oscal.level_part_id(practice.id, 1))
    assert level["title"] == f"Level 1: {mini_model.level(1).name}"
    assert level["links"] == [{"href": f"../../practices/{practice.id}/#level-1", "rel": "alternate"}]
    indicator = practice.levels[1].indicators[0]
    objective = next(p for p in level["parts"] if p["id"] == indicator.id)
    assert objective["links"] == [{"href": f"../../practices/{practice.id}/#{indicator.id}", "rel": "alternate"}]
    assert [p["id"] for p in objective["parts"]] == [f"{indicator.id}_pass", f"{indicator.id}_evidence"]
    profile = mini_model.profiles[0]
    vertical = body(files, routes.oscal_profile(profile.id))
    assert vertical["metadata"]["title"] == profile.name
    assert vertical["merge"] == {"as-is": True}


def test_same_data_same_bytes_and_dates_from_source_date_epoch(tmp_path):
    """Two exports under different clocks and time zones are byte-identical; last-modified is SOURCE_DATE_EPOCH."""
    outputs = []
    for shift in ("0", "400"):
        out = tmp_path / f"oscal-{shift}"
        command = [sys.executable, str(SHIFTED_CLOCK), shift, "-m", "macros.cli.main", "export", "oscal"]
        env = {"TZ": "Asia/Kolkata" if shift != "0" else "UTC", "SOURCE_DATE_EPOCH": "1700000000"}
        subprocess.run([*command, "--out", str(out), "--data", str(MINI)], cwd=ROOT, check=True, env=env)
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1]
    catalog = json.loads(outputs[0][routes.oscal_name(routes.OSCAL_CATALOG)])
    assert catalog["catalog"]["metadata"]["last-modified"] == "2023-11-14T22:13:20Z"


def test_the_site_offers_the_files_and_the_pages_show_how_to_load_them(mini_model, tmp_path):
    offered = published(mini_model, checklists(mini_model)).downloads
    files = oscal.files(mini_model)
    oscal_downloads = [d for d in offered if d.path in files]
    assert [d.path for d in oscal_downloads] == list(files)
    assert all(d.content == files[d.path] and d.group == "OSCAL 1.2.1" for d in oscal_downloads)
    pages = {p.path: p.content for p in generate_pages(mini_model, checklists(mini_model), offered)}
    method = pages[routes.MAPPING_METHOD]
    for relationship in mini_model.mapping_method.relationships:
        assert f"| {relationship.name} | `{relationship.oscal}` |" in method
    # The two-line examples on both pages run as written (the trestle installed here), in the files' folder.
    folder = write(files, tmp_path)
    for page in (routes.DOWNLOADS, routes.MAPPING_METHOD):
        (example,) = re.findall(r"```sh\n(.*?)```", pages[page], re.S)
        install, run = example.strip().splitlines()
        assert install == f"pip install compliance-trestle=={oscal.TRESTLE}"
        code = run.removeprefix("python -c '").removesuffix("'")
        ran = subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True, text=True)
        assert ran.returncode == 0, ran.stderr
        assert ran.stdout.strip()


def test_the_pages_name_the_pinned_trestle():
    assert f"compliance-trestle=={oscal.TRESTLE}\n" in (ROOT / "requirements.lock").read_text(encoding="utf-8")


def test_nothing_in_the_package_imports_trestle():
    """compliance-trestle is a test dependency: the build and the installed package never need it."""
    sources = [
        p for p in (ROOT / "macros").rglob("*.py") if re.search(r"^\s*(from|import) trestle", p.read_text(), re.M)
    ]
    assert sources == []
    assert "trestle" not in (ROOT / "pyproject.toml").read_text()
