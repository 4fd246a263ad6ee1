"""General guidance: one file per practice, `practices/<practice-id>.yaml`."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any

from macros.data.kinds.core import domain_of_subdomain
from macros.data.registry import Context, Entry, Ids, Kind, file_name_matches, item_id_matches
from macros.data.yamlsource import DataPath
from macros.model import records as m


def _define(ids: Ids, entry: Entry) -> None:
    ids.define(("practice",), entry.data["id"], entry.source, ("id",), "practice")
    for number, block in entry.data["levels"].items():
        for index, indicator in enumerate(block["indicators"]):
            path = ("levels", number, "indicators", index, "id")
            ids.define(("item",), indicator["id"], entry.source, path, "indicator")


def _claim(ids: Ids, path: Path, _data: Any) -> None:
    # The file name is the practice id, and indicator ids start with it.
    ids.claim(("practice",), path.stem)
    ids.claim(("item",), f"{path.stem}-*")


def check_see(ids: Ids, entry: Entry, item: dict[str, Any], path: DataPath) -> None:
    for index, target in enumerate(item.get("see", [])):
        if target == item["id"]:
            ids.problems.append(entry.source.problem(path + ("see", index), "an item cannot refer to itself"))
        else:
            ids.resolve(("item",), target, entry.source, path + ("see", index), "indicator or consideration")


def _check(ctx: Context, entries: list[Entry]) -> None:
    subdomains = domain_of_subdomain(ctx)
    orders: dict[int, Entry] = {}
    for entry in entries:
        data, source = entry.data, entry.source
        file_name_matches(ctx.ids, entry, "id", entry.path.stem, "file name")
        if data["order"] in orders:
            other = orders[data["order"]].source.path
            ctx.problems.append(source.problem(("order",), f"order {data['order']} is already used by {other}"))
        orders[data["order"]] = entry
        if ctx.ids.resolve(("subdomain",), data["subdomain"], source, ("subdomain",), "subdomain") and subdomains:
            expected = subdomains.get(data["subdomain"])
            if expected and data["domain"] != expected:
                ctx.problems.append(
                    source.problem(
                        ("domain",),
                        f"domain '{data['domain']}' does not contain subdomain '{data['subdomain']}' "
                        f"(it belongs to '{expected}')",
                    )
                )
        for index, related in enumerate(data["related"]):
            if related == data["id"]:
                ctx.problems.append(source.problem(("related", index), "a practice cannot be related to itself"))
            else:
                ctx.ids.resolve(("practice",), related, source, ("related", index), "related practice")
        for number, block in data["levels"].items():
            for index, indicator in enumerate(block["indicators"]):
                path = ("levels", number, "indicators", index)
                item_id_matches(ctx.ids, entry, indicator["id"], path + ("id",), data["id"], number, "indicator")
                check_see(ctx.ids, entry, indicator, path)


def _practice(entry: Entry) -> m.Practice:
    data = entry.data
    levels = {
        int(number): m.PracticeLevel(
            int(number),
            block["objective"],
            block["considerations"],
            tuple(
                m.Indicator(i["id"], i["text"], i["pass"], i["evidence"], tuple(i.get("see", ())))
                for i in block["indicators"]
            ),
        )
        for number, block in sorted(data["levels"].items())
    }
    return m.Practice(
        id=data["id"],
        name=data["name"],
        domain=data["domain"],
        subdomain=data["subdomain"],
        order=data["order"],
        objective=data["objective"],
        description=data["description"],
        absence=data["absence"],
        example=data["example"],
        pitfalls=tuple(data["pitfalls"]),
        related=tuple(data["related"]),
        levels=MappingProxyType(levels),
        source=entry.rel,
    )


def _build(ctx: Context, entries: list[Entry]) -> None:
    ctx.parts["practices"] = tuple(sorted((_practice(entry) for entry in entries), key=lambda p: p.order))


KINDS = (Kind("practice", "practices/*.yaml", ("practice", "item"), _define, _build, _check, claim=_claim),)
