"""What every OSCAL file of the model shares (macros/outputs/oscal.py, oscal_frameworks.py): the OSCAL version,
our namespace, uuids, props, links to pages, metadata, back-matter resources and the JSON document itself."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from macros.model.records import (
    Model,
    Reference,
)
from macros.outputs import routes
from macros.outputs.export import NOTICE
from macros.outputs.workbook import build_time

OSCAL_VERSION = "1.2.1"
NS = "https://smm-guide.github.io/smm-guide/ns/oscal"  # names our own props and parts
ROOT = uuid.uuid5(uuid.NAMESPACE_URL, NS)
LEVELS_RESOURCE = "comprehensiveness-levels"  # the back-matter resource that states the levels once

Json = dict[str, Any]


def make_uuid(version: str, *parts: str) -> str:
    """A uuid from our ids and the model version: the same data gives the same uuid."""
    return str(uuid.uuid5(ROOT, "/".join((version, *parts))))


def timestamp() -> str:
    return build_time().strftime("%Y-%m-%dT%H:%M:%SZ")


def prop(name: str, value: object, *, ours: bool = True, kind: str | None = None, remarks: str | None = None) -> Json:
    """A property; `kind` is OSCAL's `class`."""
    found: Json = {"name": name, "value": " ".join(str(value).split())}
    if ours:
        found["ns"] = NS
    if kind:
        found["class"] = kind
    return found | ({"remarks": remarks} if remarks else {})


def page_url(from_file: str, target: str) -> str:
    """A page's published address (a folder URL), relative to the file that links to it."""
    path, _, anchor = target.partition("#")
    folder = path.removesuffix("index.md").removesuffix(".md")
    folder = folder if folder.endswith("/") or not folder else folder + "/"
    link = routes.relative(from_file, folder + "index.md").removesuffix("index.md") or "./"
    return f"{link}#{anchor}" if anchor else link


def link(from_file: str, target: str, rel: str, text: str | None = None) -> Json:
    found: Json = {"href": page_url(from_file, target), "rel": rel}
    return found | ({"text": text} if text else {})


def metadata(model: Model, version: str, title: str, remarks: str, **more: Any) -> Json:
    found: Json = {
        "title": title,
        "last-modified": timestamp(),
        "version": version,
        "oscal-version": OSCAL_VERSION,
    }
    found |= {key.replace("_", "-"): value for key, value in more.items() if value}
    found["remarks"] = f"{remarks}\n\n{NOTICE} {model.mapping_method.independence.strip()}"
    return found


def resource(version: str, reference: Reference) -> Json:
    citation = ". ".join(
        part for part in (reference.publisher, reference.title, reference.version, reference.date) if part
    )
    found: Json = {
        "uuid": make_uuid(version, "reference", reference.id),
        "title": reference.title,
        "props": [prop("reference-id", reference.id)],
        "citation": {"text": citation + "."},
        "rlinks": [{"href": reference.url}],
    }
    return found | ({"remarks": reference.note} if reference.note else {})


def back_matter(model: Model, version: str, reference_ids: Iterable[str], extra: Sequence[Json] = ()) -> Json:
    return {"resources": [*extra, *(resource(version, model.reference(r)) for r in reference_ids)]}


def document(kind: str, body: Json) -> str:
    return json.dumps({kind: body}, indent=2, ensure_ascii=False) + "\n"


# The SMM catalog -----------------------------------------------------------------------------------
