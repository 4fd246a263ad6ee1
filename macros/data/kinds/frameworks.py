"""Frameworks (`frameworks/<framework-id>.yaml`: groups and requirements) and the mappings of the
practices to them (`mappings/<framework-id>.yaml`). Requirement ids are unique within a framework."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import MappingProxyType
from typing import Any

from macros.data.registry import Context, Entry, Ids, Kind, file_name_matches
from macros.data.yamlsource import DataPath, Source
from macros.model import records as m

# (path, node data, group id, parent id): groups have neither, top-level requirements no parent.
Node = tuple[DataPath, dict[str, Any], str | None, str | None]


def _walk(requirements: list[dict[str, Any]], path: DataPath, group: str, parent: str | None) -> Iterator[Node]:
    """(path, requirement data, group id, parent id) for every requirement, depth first."""
    for index, item in enumerate(requirements):
        here = path + (index,)
        yield here, item, group, parent
        yield from _walk(item.get("requirements", []), here + ("requirements",), group, item["id"])


def _nodes(data: dict[str, Any]) -> Iterator[Node]:
    for g_index, group in enumerate(data["groups"]):
        yield ("groups", g_index), group, None, None
        yield from _walk(group["requirements"], ("groups", g_index, "requirements"), group["id"], None)


def _define_framework(ids: Ids, entry: Entry) -> None:
    ids.define(("framework",), entry.data["id"], entry.source, ("id",), "framework")
    for path, node, _, _ in _nodes(entry.data):
        ids.define(("requirement", entry.data["id"]), node["id"], entry.source, path + ("id",), "requirement")


def _claim_framework(ids: Ids, path: Path, _data: Any) -> None:
    ids.claim(("framework",), path.stem)
    ids.claim(("requirement", path.stem))


def _check_framework(ctx: Context, entries: list[Entry]) -> None:
    for entry in entries:
        file_name_matches(ctx.ids, entry, "id", entry.path.stem, "file name")
        for index, ref in enumerate(entry.data["references"]):
            ctx.ids.resolve(("reference",), ref, entry.source, ("references", index), "reference")
        for index, other in enumerate(entry.data.get("crosswalk_with", [])):
            path: DataPath = ("crosswalk_with", index)
            if other == entry.data["id"]:
                ctx.problems.append(entry.source.problem(path, "a framework cannot be crosswalked with itself"))
            else:
                ctx.ids.resolve(("framework",), other, entry.source, path, "framework")
        for path, node, _, _ in _nodes(entry.data):
            levels = node.get("security_levels", [])
            if levels and levels != list(range(min(levels), 5)):
                message = "security_levels must run from the lowest level that applies up to 4, e.g. [2, 3, 4]"
                ctx.problems.append(entry.source.problem(path + ("security_levels",), message))


def _build_frameworks(ctx: Context, entries: list[Entry]) -> None:
    mapping_files = {e.data["framework"]: e for e in ctx.entries.get("mapping", [])}
    frameworks = []
    for entry in entries:
        data = entry.data
        requirements = [
            m.Requirement(
                item["id"],
                item["code"],
                item["title"],
                item.get("title_ours", False),
                item.get("description"),
                tuple(item.get("security_levels", ())),
                group,
                parent,
                tuple(child["id"] for child in item.get("requirements", [])),
            )
            for _, item, group, parent in _nodes(data)
            if group is not None
        ]
        groups = tuple(
            m.Group(g["id"], g["code"], g["name"], g.get("description"), tuple(r["id"] for r in g["requirements"]))
            for g in data["groups"]
        )
        mapping = mapping_files.get(data["id"])
        unmapped = {u["requirement"]: u["why"] for u in mapping.data.get("unmapped", [])} if mapping else {}
        frameworks.append(
            m.Framework(
                id=data["id"],
                name=data["name"],
                short_name=data["short_name"],
                publisher=data["publisher"],
                version=data["version"],
                date=data["date"],
                description=data["description"],
                references=tuple(data["references"]),
                mapped_at=data["mapped_at"],
                crosswalk_with=tuple(data.get("crosswalk_with", ())),
                notes=tuple(data.get("notes", ())),
                uncertain=tuple(data.get("uncertain", ())),
                groups=groups,
                requirements=tuple(requirements),
                unmapped=MappingProxyType(unmapped),
                source=entry.rel,
                mapping_source=mapping.rel if mapping else None,
            )
        )
    ctx.parts["frameworks"] = tuple(sorted(frameworks, key=lambda f: f.id))


def _item_places(ctx: Context) -> dict[str, tuple[str, int]]:
    """Item id -> (practice id, level), for every indicator and consideration in a valid file."""
    places = {}
    for entry in ctx.entries.get("practice", []):
        for number, block in entry.data["levels"].items():
            places.update({i["id"]: (entry.data["id"], int(number)) for i in block["indicators"]})
    for entry in ctx.entries.get("profile-practice", []):
        for number, items in entry.data["levels"].items():
            places.update({i["id"]: (entry.data["practice"], int(number)) for i in items})
    return places


def _framework_nodes(ctx: Context, framework_id: str) -> dict[str, tuple[int, list[int]]]:
    """Node id -> (depth: 1 for groups, 2 for top-level requirements, ...; security levels)."""
    entry = next((e for e in ctx.entries.get("framework", []) if e.data["id"] == framework_id), None)
    if entry is None:
        return {}
    return {node["id"]: (len(path) // 2, node.get("security_levels", [])) for path, node, _, _ in _nodes(entry.data)}


def _check_items(
    ctx: Context, source: Source, base: DataPath, item: dict[str, Any], places: dict[str, tuple[str, int]]
) -> None:
    """Cited items exist, belong to the mapped practice and sit at or below the mapped level, and one
    of them sits at it: a level claimed on the strength of lower items alone is the lower level."""
    levels, placed = [], True
    for index, item_id in enumerate(item["items"]):
        path = base + ("items", index)
        if not ctx.ids.resolve(("item",), item_id, source, path, "indicator or consideration"):
            placed = False
            continue
        practice, level = places.get(item_id, (item["practice"], item["level"]))
        if practice != item["practice"] or level > item["level"]:
            message = (
                f"'{item_id}' sits in {practice} at level {level}; cite items of {item['practice']} "
                f"at level {item['level']} or below"
            )
            ctx.problems.append(source.problem(path, message))
            placed = False
            continue
        levels.append(level)
    if placed and levels and max(levels) < item["level"]:
        message = (
            f"no cited item sits at level {item['level']} (the highest is at level {max(levels)}); cite the "
            f"level-{item['level']} items that carry the mapping, or map it at level {max(levels)}"
        )
        ctx.problems.append(source.problem(base + ("level",), message))


def _check_entry(
    ctx: Context,
    source: Source,
    fw: str,
    index: int,
    item: dict[str, Any],
    nodes: dict[str, tuple[int, list[int]]],
    lowest_depth: int,
) -> bool:
    """One mapping: requirement, practice and security level; False if the requirement is unknown."""
    base = ("mappings", index)
    requirement = item["requirement"]
    if not ctx.ids.resolve(("requirement", fw), requirement, source, base + ("requirement",), "requirement"):
        return False
    depth, levels = nodes.get(requirement, (lowest_depth, []))
    if depth < lowest_depth:
        message = f"'{requirement}' is a group; map the requirements in it"
        ctx.problems.append(source.problem(base + ("requirement",), message))
    if "security_level" in item and nodes and item["security_level"] not in levels:
        allowed = ", ".join(map(str, levels)) or "no security level"
        message = f"security_level {item['security_level']} does not apply to '{requirement}' (it has {allowed})"
        ctx.problems.append(source.problem(base + ("security_level",), message))
    return ctx.ids.resolve(("practice",), item["practice"], source, base + ("practice",), "practice")


def _check_mapping(ctx: Context, entries: list[Entry]) -> None:
    places = _item_places(ctx)
    frameworks = {e.data["id"]: e.data for e in ctx.entries.get("framework", [])}
    for entry in entries:
        data, source = entry.data, entry.source
        file_name_matches(ctx.ids, entry, "framework", entry.path.stem, "file name")
        fw = data["framework"]
        if not ctx.ids.resolve(("framework",), fw, source, ("framework",), "framework"):
            continue
        nodes = _framework_nodes(ctx, fw)
        lowest_depth = 1 if frameworks.get(fw, {}).get("mapped_at") == "groups" else 2
        seen: dict[tuple[str, str], int] = {}
        for index, item in enumerate(data["mappings"]):
            if not _check_entry(ctx, source, fw, index, item, nodes, lowest_depth):
                continue
            pair = (item["requirement"], item["practice"])
            if pair in seen:
                line, _ = source.where(("mappings", seen[pair]))
                message = f"'{pair[0]}' is already mapped to '{pair[1]}' at line {line}"
                ctx.problems.append(source.problem(("mappings", index), message))
            seen[pair] = index
            _check_items(ctx, source, ("mappings", index), item, places)
        mapped = {requirement for requirement, _ in seen}
        for index, item in enumerate(data.get("unmapped", [])):
            path = ("unmapped", index, "requirement")
            known = ctx.ids.resolve(("requirement", fw), item["requirement"], source, path, "requirement")
            if known and item["requirement"] in mapped:
                message = f"'{item['requirement']}' is mapped above; remove it from unmapped"
                ctx.problems.append(source.problem(path, message))
        covered = mapped | {item["requirement"] for item in data.get("unmapped", [])}
        missing = [node for node, (depth, _) in nodes.items() if depth == lowest_depth and node not in covered]
        if missing:
            message = f"not mapped and not listed under 'unmapped' with a reason: {', '.join(missing)}"
            ctx.problems.append(source.problem(("mappings",), message, key=True))


def _build_mappings(ctx: Context, entries: list[Entry]) -> None:
    ctx.parts["mappings"] = tuple(
        m.MappingEntry(
            entry.data["framework"],
            item["requirement"],
            item["practice"],
            item["level"],
            item["relationship"],
            item.get("security_level"),
            tuple(item.get("items", ())),
            item["rationale"],
        )
        for entry in sorted(entries, key=lambda e: e.data["framework"])
        for item in entry.data["mappings"]
    )
    # Where each mapping and each unmapped requirement is written, for `smm-guide lint` to point at.
    ctx.parts["mapping-places"] = {
        (entry.data["framework"], item["requirement"], item.get("practice")): (entry.source, (part, index))
        for entry in entries
        for part in ("mappings", "unmapped")
        for index, item in enumerate(entry.data.get(part, []))
    }


KINDS = (
    Kind(
        "framework",
        "frameworks/*.yaml",
        ("framework", "requirement"),
        _define_framework,
        _build_frameworks,
        _check_framework,
        claim=_claim_framework,
    ),
    Kind(
        "mapping",
        "mappings/*.yaml",
        (),
        lambda ids, entry: None,
        _build_mappings,
        _check_mapping,
        claim=lambda ids, path, data: None,
    ),
)
