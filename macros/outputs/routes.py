"""Every page path and anchor of the site, in one place.

Paths are Markdown files relative to the docs root (MkDocs turns `practices/x.md` into
`practices/x/`); links between pages are made relative with `relative`, so MkDocs checks them.
Published URLs are a public contract: change nothing here without a redirect.
"""

from __future__ import annotations

import posixpath
from functools import cache
from urllib.parse import urljoin

HOME = "index.md"
MODEL = "model.md"
GLOSSARY = "glossary.md"
REFERENCES = "references.md"
MODEL_JSON = "downloads/smm-guide.json"
MODEL_SCHEMA = "downloads/smm-guide.schema.json"


def at(path: str, anchor: str) -> str:
    return f"{path}#{anchor}"


def level(number: int) -> str:
    return f"levels/{number}.md"


def practice(practice_id: str) -> str:
    return f"practices/{practice_id}.md"


def domain(domain_id: str) -> str:
    return f"domains/{domain_id}/index.md"


def subdomain(domain_id: str, subdomain_id: str) -> str:
    return f"domains/{domain_id}/{subdomain_id}/index.md"


def profile(profile_id: str) -> str:
    return f"profiles/{profile_id}/index.md"


def characterization(profile_id: str) -> str:
    return f"profiles/{profile_id}/characterization.md"


def archetypes(profile_id: str) -> str:
    return f"profiles/{profile_id}/archetypes/index.md"


def archetype(profile_id: str, archetype_id: str) -> str:
    return f"profiles/{profile_id}/archetypes/{archetype_id}/index.md"


def combined(profile_id: str, archetype_id: str, framework_id: str) -> str:
    """An archetype's targets with the general indicators, the profile and one framework's requirements."""
    return f"profiles/{profile_id}/archetypes/{archetype_id}/{framework_id}.md"


FRAMEWORKS = "frameworks/index.md"
MAPPING_METHOD = "frameworks/how-we-map.md"  # what the mapping relationships and levels mean
COVERAGE = "coverage/index.md"
CROSSWALKS = "crosswalks/index.md"


def framework(framework_id: str) -> str:
    return f"frameworks/{framework_id}/index.md"


def requirement(framework_id: str, requirement_id: str) -> str:
    """A requirement's permalink: frameworks/<framework-id>/<requirement-id>/."""
    return f"frameworks/{framework_id}/{requirement_id}.md"


def crosswalk(framework_id: str) -> str:
    """Practices against one framework's groups."""
    return f"crosswalks/{framework_id}.md"


def crosswalk_pair(first_id: str, second_id: str) -> str:
    """Two frameworks against each other, derived through the practices."""
    return f"crosswalks/{first_id}--{second_id}.md"


def download(name: str) -> str:
    return f"downloads/{name}"


def checklist_file(selection_id: str, scope: str, extension: str) -> str:
    """A checklist download: scope a practice id or "all", extension "csv" or "xlsx"."""
    return download(f"checklists/{selection_id}/{scope}.{extension}")


def requirements_csv(framework_id: str) -> str:
    return download(f"frameworks/{framework_id}.csv")


def crosswalk_csv(framework_id: str) -> str:
    return download(f"crosswalks/{framework_id}.csv")


def crosswalk_pair_csv(first_id: str, second_id: str) -> str:
    return download(f"crosswalks/{first_id}--{second_id}.csv")


MAPPINGS_CSV = "downloads/mappings.csv"


def profile_compare(profile_id: str, domain_id: str) -> str:
    return f"profiles/{profile_id}/compare-{domain_id}.md"


def profile_pair(first_id: str, second_id: str) -> str:
    """Two profiles side by side, under the one first in the model's order."""
    return f"profiles/{first_id}/with-{second_id}.md"


# Anchors inside pages.
def level_anchor(number: int) -> str:
    return f"level-{number}"


def general_anchor(number: int) -> str:
    return f"level-{number}-general"


def profile_level_anchor(number: int, profile_id: str) -> str:
    return f"level-{number}-{profile_id}"


def option_anchor(dimension_id: str, option_id: str) -> str:
    return f"{dimension_id}-{option_id}"


def practice_level(practice_id: str, number: int, profile_id: str | None = None) -> str:
    anchor = profile_level_anchor(number, profile_id) if profile_id else level_anchor(number)
    return at(practice(practice_id), anchor)


def item(practice_id: str, item_id: str) -> str:
    """An indicator or consideration: each has an anchor named by its id on its practice page."""
    return at(practice(practice_id), item_id)


def reference(reference_id: str) -> str:
    return at(REFERENCES, reference_id)


def term(term_id: str) -> str:
    return at(GLOSSARY, term_id)


@cache
def relative(from_page: str, target: str) -> str:
    """A link from one page to another (optionally with #anchor), as MkDocs resolves .md links."""
    path, _, anchor = target.partition("#")
    if not path:
        return f"#{anchor}"
    # Both paths are clean and relative to the docs root, so plain string work is enough (and
    # much faster than posixpath.relpath, which asks the operating system for the working folder).
    source = from_page.split("/")[:-1]
    parts = path.split("/")
    shared = 0
    while shared < min(len(source), len(parts) - 1) and source[shared] == parts[shared]:
        shared += 1
    link = "/".join([".."] * (len(source) - shared) + parts[shared:])
    return f"{link}#{anchor}" if anchor else link


def edit_path(source: str, docs_dir: str) -> str:
    """A data file's path relative to the docs folder, for a generated page's "edit this page" link.

    `source` is relative to the project root, `docs_dir` is the docs folder relative to it; MkDocs
    appends the result to `edit_uri`, which points at the docs folder.
    """
    return posixpath.relpath(source, docs_dir.strip("/") or ".")


def edit_url(repo_url: str, edit_uri: str, docs_dir: str, source: str) -> str:
    """The address that opens project file `source` in the repository's editor, as MkDocs makes
    a page's "edit this page" address from `repo_url` and `edit_uri`."""
    return urljoin(repo_url.rstrip("/") + "/", edit_uri + edit_path(source, docs_dir))


DATA_REFERENCE = "data-reference.md"
CHANGES = "changes.md"  # what each release changed in the model
CHECKLISTS = "checklists/index.md"
SCORING = "scoring.md"
DOWNLOADS = "downloads/index.md"
OFFLINE_ZIP = "downloads/smm-guide-offline.zip"  # the whole site for use without a network (make offline)
ASSESS = "assess/index.md"  # the in-browser self-assessment
ASSESS_STYLE = "assets/assess.css"
# The assess page's own scripts (content/assets/assess/), in the order it loads them: classic
# scripts sharing one namespace, since Chromium refuses module scripts from file://.
ASSESS_SCRIPTS = tuple(
    f"assets/assess/{name}.js"
    for name in ("rules", "selection", "csv", "dom", "state", "setup", "answers", "chart", "results", "keep", "boot")
)
MODEL_SCRIPT = "assets/smm-model.js"  # the model as a script (window.SMM_MODEL), read by the assess page
ASSESSMENT_SCHEMA = "downloads/assessment.schema.json"  # the format of a saved assessment


def checklist(variant: str, name: str) -> str:
    """A printable checklist: variant "general" or a profile id; name a practice id or "all"."""
    return f"checklists/{variant}/{name}.md"


# OSCAL 1.2.1 files (macros/outputs/oscal.py): side by side in one folder, so their imports and
# mapping resources name each other by file name alone.
OSCAL_CATALOG = "downloads/oscal/smm-catalog.json"


def oscal_profile(profile_id: str) -> str:
    return download(f"oscal/profile-{profile_id}.json")


def oscal_archetype(profile_id: str, archetype_id: str) -> str:
    return download(f"oscal/archetype-{profile_id}--{archetype_id}.json")


def oscal_framework(framework_id: str) -> str:
    return download(f"oscal/catalog-{framework_id}.json")


def oscal_mapping(framework_id: str) -> str:
    return download(f"oscal/mapping-{framework_id}.json")


def oscal_name(path: str) -> str:
    """An OSCAL file's name, as the files of the folder refer to each other."""
    return posixpath.basename(path)
