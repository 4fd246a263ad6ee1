"""The registry of downloads: every file the site offers, declared once with its path (from
routes), what it is for and what makes it. The Downloads page lists it, practice pages and
printable checklists link into it, and the offline copy carries it; generated files, so every
link to them is checked by MkDocs."""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

from macros.data.cache import cache_dir
from macros.model.records import Model
from macros.outputs import assessment_file, checklists, oscal, routes, workbook
from macros.outputs.checklists import Checklist
from macros.outputs.crosswalks import table_downloads
from macros.outputs.export import export_json, export_schema, version_of
from macros.rules import scoring, selection
from macros.rules.selection import Selection


@dataclass(frozen=True)
class Download:
    path: str
    content: str | bytes
    group: str  # heading on the Downloads page
    title: str
    purpose: str

    @property
    def format(self) -> str:
        return self.path.rsplit(".", 1)[-1].upper()

    @property
    def size(self) -> int:
        return len(self.content.encode("utf-8") if isinstance(self.content, str) else self.content)


@dataclass(frozen=True)
class Offline:
    """The offline copy of the site, as the Downloads page speaks of it."""

    zip: bytes | None = None  # the zipped copy, offered for download
    this_copy: bool = False  # this build is the offline copy itself


NO_OFFLINE_COPY = Offline()  # a build that neither offers the offline copy nor is it


@dataclass(frozen=True)
class Published:
    """What the site publishes besides its pages: downloads (listed on the Downloads page) and the
    files the assessment page reads (not listed)."""

    downloads: list[Download]
    assets: dict[str, str]
    version: str  # the model version, as the export and the saved files name it

    def files(self) -> dict[str, str | bytes]:
        return {d.path: d.content for d in self.downloads} | self.assets


# Everything a workbook's bytes depend on besides the model version, for the cache key.
WORKBOOK_CODE = tuple(Path(str(module.__file__)) for module in (workbook, checklists, scoring, selection))


def _workbook(model: Model, version: str, checklist: Checklist, practice_ids: list[str]) -> bytes:
    """A workbook, reused from an earlier build when nothing it depends on has changed.

    Writing dozens of workbooks takes a noticeable share of a build; like the compile cache, this is
    only an optimization, keyed by everything the bytes depend on.
    """
    chosen = checklist.selection
    parts = [version, chosen.id, *practice_ids, os.environ.get("SOURCE_DATE_EPOCH", ""), xlsxwriter.__version__]
    parts += [hashlib.sha256(path.read_bytes()).hexdigest() for path in WORKBOOK_CODE]
    key = hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
    folder = cache_dir("workbooks")
    cached = folder / f"{key}.xlsx" if folder else None
    if cached and cached.is_file():
        return cached.read_bytes()
    data = workbook.workbook_bytes(model, chosen, practice_ids, version, checklist.rows(practice_ids))
    if cached:
        with contextlib.suppress(OSError):
            cached.write_bytes(data)
    return data


def _checklists(model: Model, version: str, published: list[Checklist]) -> list[Download]:
    found = []
    for checklist in published:
        group = f"Checklists: {checklist.selection.title.lower()}"
        for name, title, practice_ids in checklists.scopes(model, checklist.selection):
            rows = checklist.rows(practice_ids)
            found.append(
                Download(
                    routes.checklist_file(checklist.selection.id, name, "xlsx"),
                    _workbook(model, version, checklist, practice_ids),
                    group,
                    f"{title}: assessment workbook",
                    "Targets with archetype suggestions, the checklist with status dropdowns, a summary that "
                    "computes achieved level and gap by the scoring rule, a radar chart.",
                )
            )
            found.append(
                Download(
                    routes.checklist_file(checklist.selection.id, name, "csv"),
                    checklists.to_csv(rows),
                    group,
                    f"{title} ({len(rows)} items)",
                    "One row per item with empty columns for status, evidence, owner, due date and notes.",
                )
            )
    return found


def _tables(model: Model) -> list[Download]:
    names = {f.id: f for f in model.frameworks}
    found = []
    for path, content in table_downloads(model).items():
        name = path.rsplit("/", 1)[-1].removesuffix(".csv")
        if path.startswith(routes.requirements_csv("")[: -len(".csv")]):
            title, purpose = f"{names[name].short_name} requirements", "Each requirement with its practices and levels."
        elif "--" in name:
            first, second = (names[part].short_name for part in name.split("--"))
            title, purpose = f"{first} and {second} (derived)", "Requirements of one framework against the other."
        elif name in names:
            title, purpose = f"{names[name].short_name} by practice", "Practices against the framework's groups."
        else:
            title, purpose = "All mappings", "Every mapping with its level, relationship and rationale."
        found.append(Download(path, content, "Frameworks and crosswalks", title, purpose))
    return found


def _oscal(model: Model, version: str) -> list[Download]:
    """The OSCAL 1.2.1 files, each with what a compliance tool does with it."""
    group, files = "OSCAL 1.2.1", oscal.files(model, version)

    def offer(path: str, title: str, purpose: str) -> Download:
        return Download(path, files[path], group, title, purpose)

    found = [
        offer(
            routes.OSCAL_CATALOG,
            "SMM catalog",
            "Domains and subdomains as groups, a control per practice with a part per level: objective, "
            "considerations and indicators as assessment objectives with pass criterion and evidence.",
        )
    ]
    for profile in model.profiles:
        found.append(
            offer(
                routes.oscal_profile(profile.id),
                f"{profile.name} (profile)",
                "Imports the catalog and adds the profile's considerations to each practice level.",
            )
        )
        found += [
            offer(
                routes.oscal_archetype(profile.id, archetype.id),
                f"{profile.short_name} archetype: {archetype.name} (profile)",
                "Imports the profile above and sets each practice's target level parameter, with the reason.",
            )
            for archetype in profile.archetypes
        ]
    for framework in model.frameworks:
        found.append(
            offer(
                routes.oscal_framework(framework.id),
                f"{framework.short_name} identifiers (catalog)",
                "Identifiers and the titles shown on this site, for the mappings to resolve against.",
            )
        )
        found.append(
            offer(
                routes.oscal_mapping(framework.id),
                f"{framework.short_name} mappings (mapping collection)",
                "Every mapping with its OSCAL relationship, ours, the cited items and the rationale; the "
                "unmapped requirements with their reasons.",
            )
        )
    return found


def _offline(offline: Offline) -> list[Download]:
    if offline.zip is None:
        return []
    purpose = (
        "Unzip it and open smm-guide/index.html: every page, search, the checklists and the "
        "self-assessment work from disk, with no network and no server."
    )
    return [Download(routes.OFFLINE_ZIP, offline.zip, "Offline copy", "The whole site (zip)", purpose)]


def published(model: Model, published_checklists: list[Checklist], offline: Offline = NO_OFFLINE_COPY) -> Published:
    """Every download of the site and the assessment page's model script, in the order the
    Downloads page lists them (within a group)."""
    exported = export_json(model)
    version = version_of(exported)
    model_files = [
        Download(
            routes.MODEL_JSON,
            exported,
            "The model",
            "The whole model",
            "Every level, practice, indicator, profile, framework and mapping, for other tools.",
        ),
        Download(
            routes.MODEL_SCHEMA,
            export_schema(),
            "The model",
            "Its JSON Schema",
            "Describes and validates the model file.",
        ),
    ]
    schema = Download(
        routes.ASSESSMENT_SCHEMA,
        assessment_file.schema_json(),
        "Self-assessment",
        "Saved assessment: JSON Schema",
        "Describes the JSON file the self-assessment page exports and imports.",
    )
    offered = model_files + _tables(model) + _checklists(model, version, published_checklists) + [schema]
    offered += _oscal(model, version)
    offered += _offline(offline)
    return Published(offered, {routes.MODEL_SCRIPT: assessment_file.model_script(exported, version)}, version)


def checklist_offers(checklist_list: list[Checklist]) -> list[Selection]:
    """The selections whose checklists are downloads, for the links on practice pages."""
    return [checklist.selection for checklist in checklist_list]
