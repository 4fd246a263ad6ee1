"""Single-file kinds: levels and scopes, domains, glossary, references, the mapping method."""

from __future__ import annotations

import json
from functools import partial
from typing import Any

from macros.data.registry import Context, Entry, Ids, Kind, unique_ids
from macros.model import records as m


def _check_levels(ctx: Context, entries: list[Entry]) -> None:
    for entry in entries:
        for index, item in enumerate(entry.data["levels"]):
            if item["level"] != index:
                ctx.problems.append(
                    entry.source.problem(
                        ("levels", index, "level"),
                        f"levels must be listed {m.LOWEST_LEVEL} to {m.HIGHEST_LEVEL} in order; expected {index} here",
                    )
                )


def _build_levels(ctx: Context, entries: list[Entry]) -> None:
    data = entries[0].data
    ctx.parts["levels"] = tuple(
        m.Level(item["level"], item["name"], item["summary"], item["description"], item.get("step_up"))
        for item in data["levels"]
    )
    ctx.parts["scopes"] = tuple(m.Scope(item["id"], item["name"], item["description"]) for item in data["scopes"])


def _define_domains(ids: Ids, entry: Entry) -> None:
    for d_index, domain in enumerate(entry.data["domains"]):
        ids.define(("domain",), domain["id"], entry.source, ("domains", d_index, "id"), "domain")
        for s_index, sub in enumerate(domain["subdomains"]):
            path = ("domains", d_index, "subdomains", s_index, "id")
            ids.define(("subdomain",), sub["id"], entry.source, path, "subdomain")


def domain_of_subdomain(ctx: Context) -> dict[str, str]:
    entry = ctx.single("domains")
    if entry is None:
        return {}
    return {sub["id"]: domain["id"] for domain in entry.data["domains"] for sub in domain["subdomains"]}


def _build_domains(ctx: Context, entries: list[Entry]) -> None:
    practices = ctx.parts["practices"]
    ctx.parts["domains"] = tuple(
        m.Domain(
            domain["id"],
            domain["name"],
            domain["description"],
            tuple(
                m.Subdomain(
                    sub["id"],
                    sub["name"],
                    sub["description"],
                    domain["id"],
                    tuple(p.id for p in practices if p.subdomain == sub["id"]),
                )
                for sub in domain["subdomains"]
            ),
        )
        for domain in entries[0].data["domains"]
    )


def _define_glossary(ids: Ids, entry: Entry) -> None:
    for index, item in enumerate(entry.data["terms"]):
        ids.define(("term",), item["id"], entry.source, ("terms", index, "id"), "glossary term")
        if item.get("abbr"):
            ids.define(("abbr",), item["abbr"], entry.source, ("terms", index, "abbr"), "abbreviation")


def _check_glossary(ctx: Context, entries: list[Entry]) -> None:
    for entry in entries:
        for index, item in enumerate(entry.data["terms"]):
            for r_index, related in enumerate(item.get("related", [])):
                ctx.ids.resolve(("term",), related, entry.source, ("terms", index, "related", r_index), "glossary term")


def _build_glossary(ctx: Context, entries: list[Entry]) -> None:
    terms = (
        m.Term(
            item["id"],
            item["term"],
            item.get("abbr"),
            item["definition"],
            tuple(item.get("related", [])),
            item.get("tooltip", bool(item.get("abbr"))),
        )
        for item in entries[0].data["terms"]
    )
    ctx.parts["glossary"] = tuple(sorted(terms, key=lambda t: t.term.lower()))


def _build_references(ctx: Context, entries: list[Entry]) -> None:
    ctx.parts["references"] = tuple(
        m.Reference(
            item["id"],
            item["title"],
            item["publisher"],
            item.get("version"),
            item["date"],
            item["url"],
            item.get("note"),
            tuple(item.get("cited_on", [])),
        )
        for item in entries[0].data["references"]
    )


MAPPING_SCHEMA = "schema/mapping.schema.json"  # relative to the data folder


def _enum_of(schema: Any, key: str) -> list[str] | None:
    """The `enum` of the first property named `key` anywhere in a JSON Schema, depth first."""
    if isinstance(schema, dict):
        found = schema.get("properties", {}).get(key)
        if isinstance(found, dict) and isinstance(found.get("enum"), list):
            return [str(value) for value in found["enum"]]
        children: list[Any] = list(schema.values())
    elif isinstance(schema, list):
        children = schema
    else:
        return None
    for child in children:
        enum = _enum_of(child, key)
        if enum is not None:
            return enum
    return None


def _check_mapping_method(ctx: Context, entries: list[Entry]) -> None:
    """The relationships are exactly those a mapping may state, in the order mapping.schema.json lists them."""
    path = ctx.data_dir / MAPPING_SCHEMA
    try:
        allowed = _enum_of(json.loads(path.read_text(encoding="utf-8")), "relationship")
    except (OSError, ValueError):
        allowed = None
    for entry in entries:
        if allowed is None:
            message = f"cannot read the allowed relationships from {MAPPING_SCHEMA} to check these against"
            ctx.problems.append(entry.source.problem(("relationships",), message, key=True))
            continue
        listed = [item["id"] for item in entry.data["relationships"]]
        if listed != allowed:
            message = (
                f"relationships must be exactly those a mapping may state, in this order: {', '.join(allowed)} "
                f"(from {MAPPING_SCHEMA}); found {', '.join(listed)}"
            )
            ctx.problems.append(entry.source.problem(("relationships",), message, key=True))


def _oscal(given: dict[str, str]) -> dict[str, str]:
    return {"oscal": given["relationship"], "oscal_why": given["why"]}


def _build_mapping_method(ctx: Context, entries: list[Entry]) -> None:
    data = entries[0].data
    ctx.parts["mapping_method"] = m.MappingMethod(
        summary=data["summary"],
        independence=data["independence"],
        relationships=tuple(
            m.Relationship(item["id"], item["name"], item["definition"], item["test"], **_oscal(item["oscal"]))
            for item in data["relationships"]
        ),
        level=data["level"],
        not_a_mapping=tuple(data["not_a_mapping"]),
        checks=tuple(data["checks"]),
        counterparts=data["counterparts"],
    )


KINDS = (
    Kind(
        "levels",
        "levels.yaml",
        ("scope",),
        partial(unique_ids, "scope", "scope", ("scopes",)),
        _build_levels,
        _check_levels,
        required=True,
    ),
    Kind(
        "domains",
        "domains.yaml",
        ("domain", "subdomain"),
        _define_domains,
        _build_domains,
        after=("practice",),
        required=True,
    ),
    Kind(
        "glossary", "glossary.yaml", ("term", "abbr"), _define_glossary, _build_glossary, _check_glossary, required=True
    ),
    Kind(
        "references",
        "references.yaml",
        ("reference",),
        partial(unique_ids, "reference", "reference", ("references",)),
        _build_references,
        required=True,
    ),
    Kind(
        "mapping-method",
        "mapping-method.yaml",
        ("relationship",),
        partial(unique_ids, "relationship", "relationship", ("relationships",)),
        _build_mapping_method,
        _check_mapping_method,
        required=True,
    ),
)
