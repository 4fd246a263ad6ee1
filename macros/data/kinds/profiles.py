"""Profiles: one folder each, `profiles/<profile-id>/` with `profile.yaml`, `practices/<practice-id>.yaml`
(considerations), `dimensions.yaml` (system characterization) and `archetypes.yaml` (example targets).
Tag, dimension, option and archetype ids are unique within their profile, not across profiles."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from macros.data.kinds.practices import check_see
from macros.data.registry import Context, Entry, Ids, Kind, Namespace, file_name_matches, item_id_matches
from macros.data.yamlsource import DataPath
from macros.model import records as m


def folder_of(entry: Entry) -> str:
    """The profile id a file belongs to: its folder under `profiles/`."""
    return entry.rel.split("/")[1]


def _define_profile(ids: Ids, entry: Entry) -> None:
    ids.define(("profile",), entry.data["id"], entry.source, ("id",), "profile")
    for index, tag in enumerate(entry.data["tags"]):
        ids.define(("tag", folder_of(entry)), tag["id"], entry.source, ("tags", index, "id"), "tag")


def _claim_profile(ids: Ids, path: Path, _data: Any) -> None:
    ids.claim(("profile",), path.parent.name)
    ids.claim(("tag", path.parent.name))


def _check_profile(ctx: Context, entries: list[Entry]) -> None:
    for entry in entries:
        file_name_matches(ctx.ids, entry, "id", folder_of(entry), "folder name")
        for index, framework in enumerate(entry.data.get("combine_with", [])):
            ctx.ids.resolve(("framework",), framework, entry.source, ("combine_with", index), "framework")
        for index, ref in enumerate(entry.data["references"]):
            ctx.ids.resolve(("reference",), ref, entry.source, ("references", index), "reference")


def _define_considerations(ids: Ids, entry: Entry) -> None:
    for number, items in entry.data["levels"].items():
        for index, item in enumerate(items):
            ids.define(("item",), item["id"], entry.source, ("levels", number, index, "id"), "consideration")


def _claim_considerations(ids: Ids, path: Path, _data: Any) -> None:
    ids.claim(("item",), f"*-{path.stem}-*")


def _has_profile_file(ctx: Context, entry: Entry) -> bool:
    if (ctx.data_dir / "profiles" / folder_of(entry) / "profile.yaml").is_file():
        return True
    ctx.problems.append(entry.source.problem((), "this profile folder has no profile.yaml"))
    return False


def _check_considerations(ctx: Context, entries: list[Entry]) -> None:
    prefixes = {folder_of(e): e.data["id_prefix"] for e in ctx.entries.get("profile", [])}
    for entry in entries:
        if not _has_profile_file(ctx, entry):
            continue
        prefix = prefixes.get(folder_of(entry))
        file_name_matches(ctx.ids, entry, "practice", entry.path.stem, "file name")
        ctx.ids.resolve(("practice",), entry.data["practice"], entry.source, ("practice",), "practice")
        for number, items in entry.data["levels"].items():
            for index, item in enumerate(items):
                for t_index, tag in enumerate(item["tags"]):
                    path: DataPath = ("levels", number, index, "tags", t_index)
                    ctx.ids.resolve(("tag", folder_of(entry)), tag, entry.source, path, "tag")
                if prefix:
                    item_prefix = f"{prefix}-{entry.data['practice']}"
                    path = ("levels", number, index, "id")
                    item_id_matches(ctx.ids, entry, item["id"], path, item_prefix, number, "consideration")
                check_see(ctx.ids, entry, item, ("levels", number, index))


def _define_dimensions(ids: Ids, entry: Entry) -> None:
    profile = folder_of(entry)
    for d_index, dim in enumerate(entry.data["dimensions"]):
        base = ("dimensions", d_index)
        ids.define(("dimension", profile), dim["id"], entry.source, base + ("id",), "dimension")
        for o_index, option in enumerate(dim["options"]):
            path = base + ("options", o_index, "id")
            ids.define(("option", profile, dim["id"]), option["id"], entry.source, path, "option")


def _effects_or_reason(ctx: Context, entry: Entry, option: dict[str, Any], path: DataPath) -> None:
    """An option moves targets (`effects`) or says why it moves none (`no_effect`): one of the two."""
    name = f"option '{option['id']}'"
    if "effects" in option and "no_effect" in option:
        message = f"{name} has both 'effects' and 'no_effect'; keep the effects, or the reason it has none"
        ctx.problems.append(entry.source.problem(path + ("no_effect",), message, key=True))
    elif "effects" not in option and "no_effect" not in option:
        message = f"{name} needs 'effects', or 'no_effect' with the reason it moves no target"
        ctx.problems.append(entry.source.problem(path + ("id",), message))


def _check_dimensions(ctx: Context, entries: list[Entry]) -> None:
    for entry in entries:
        if not _has_profile_file(ctx, entry):
            continue
        for d_index, dim in enumerate(entry.data["dimensions"]):
            for o_index, option in enumerate(dim["options"]):
                _effects_or_reason(ctx, entry, option, ("dimensions", d_index, "options", o_index))
                for e_index, effect in enumerate(option.get("effects", ())):
                    path = ("dimensions", d_index, "options", o_index, "effects", e_index, "practice")
                    ctx.ids.resolve(("practice",), effect["practice"], entry.source, path, "practice")


def _define_archetypes(ids: Ids, entry: Entry) -> None:
    for index, item in enumerate(entry.data["archetypes"]):
        path = ("archetypes", index, "id")
        ids.define(("archetype", folder_of(entry)), item["id"], entry.source, path, "archetype")


def _exactly(ids: Ids, entry: Entry, path: DataPath, mapping: dict[str, Any], namespace: Namespace, what: str) -> None:
    """Every id of the namespace present, no other key: archetypes must cover the whole model."""
    expected = ids.known(namespace)
    missing = sorted(key for key in expected if key not in mapping)
    if missing:
        ids.problems.append(entry.source.problem(path, f"missing {what}(s): {', '.join(missing)}", key=True))
    for key in mapping:
        if not ids.exists(namespace, key):
            ids.fail(entry.source, path + (key,), f"unknown {what} '{key}'", key, expected, key=True)


def _check_archetypes(ctx: Context, entries: list[Entry]) -> None:
    for entry in entries:
        if not _has_profile_file(ctx, entry):
            continue
        profile = folder_of(entry)
        for a_index, item in enumerate(entry.data["archetypes"]):
            base = ("archetypes", a_index)
            characterization = item["characterization"]
            _exactly(
                ctx.ids, entry, base + ("characterization",), characterization, ("dimension", profile), "dimension"
            )
            for dim_id, option_id in characterization.items():
                if dim_id in ctx.ids.known(("dimension", profile)):
                    path = base + ("characterization", dim_id)
                    where = f" in dimension '{dim_id}'"
                    ctx.ids.resolve(("option", profile, dim_id), option_id, entry.source, path, "option", where)
            _exactly(ctx.ids, entry, base + ("targets",), item["targets"], ("practice",), "practice")
            for practice_id in item.get("out_of_scope", {}):
                if not ctx.ids.exists(("practice",), practice_id):
                    path, known = base + ("out_of_scope", practice_id), ctx.ids.known(("practice",))
                    ctx.ids.fail(entry.source, path, f"unknown practice '{practice_id}'", practice_id, known, key=True)


def _in_folder(ctx: Context, kind: str, profile: str) -> list[Entry]:
    return [entry for entry in ctx.entries.get(kind, []) if folder_of(entry) == profile]


def _item(item: dict[str, Any]) -> m.Consideration:
    return m.Consideration(
        item["id"],
        item["text"],
        item["pass"],
        item["evidence"],
        tuple(item["tags"]),
        tuple(item.get("see", ())),
    )


def _considerations(entries: list[Entry]) -> Mapping[str, Mapping[int, tuple[m.Consideration, ...]]]:
    result = {
        entry.data["practice"]: MappingProxyType(
            {int(number): tuple(_item(i) for i in items) for number, items in sorted(entry.data["levels"].items())}
        )
        for entry in entries
    }
    return MappingProxyType(dict(sorted(result.items())))


def _dimensions(entries: list[Entry]) -> tuple[m.Dimension, ...]:
    return tuple(
        m.Dimension(
            dim["id"],
            dim["name"],
            dim["question"],
            dim["description"],
            tuple(
                m.Option(
                    option["id"],
                    option["name"],
                    option["description"],
                    tuple(m.Effect(e["practice"], e["direction"], e["why"]) for e in option.get("effects", ())),
                    option.get("no_effect"),
                )
                for option in dim["options"]
            ),
        )
        for entry in entries
        for dim in entry.data["dimensions"]
    )


def _archetypes(entries: list[Entry]) -> tuple[m.Archetype, ...]:
    return tuple(
        m.Archetype(
            item["id"],
            item["name"],
            item["summary"],
            MappingProxyType(dict(item["characterization"])),
            MappingProxyType({pid: t["level"] for pid, t in item["targets"].items()}),
            MappingProxyType({pid: t["why"] for pid, t in item["targets"].items()}),
            MappingProxyType({pid: t["deviation"] for pid, t in item["targets"].items() if "deviation" in t}),
            MappingProxyType(dict(item.get("out_of_scope", {}))),
        )
        for entry in entries
        for item in entry.data["archetypes"]
    )


def _build_profiles(ctx: Context, entries: list[Entry]) -> None:
    profiles = []
    for entry in entries:
        data, folder = entry.data, folder_of(entry)
        sources = {
            kind: next((e.rel for e in _in_folder(ctx, kind, folder)), None) for kind in ("dimensions", "archetypes")
        }
        profiles.append(
            m.Profile(
                id=data["id"],
                name=data["name"],
                short_name=data["short_name"],
                id_prefix=data["id_prefix"],
                scope=data["scope"],
                baseline=data.get("baseline", 2),
                combine_with=tuple(data.get("combine_with", ())),
                summary=data["summary"],
                description=data["description"],
                uncertainty=data.get("uncertainty"),
                references=tuple(data["references"]),
                tags=tuple(m.Tag(t["id"], t["name"], t["description"]) for t in data["tags"]),
                practices=_considerations(_in_folder(ctx, "profile-practice", folder)),
                dimensions=_dimensions(_in_folder(ctx, "dimensions", folder)),
                archetypes=_archetypes(_in_folder(ctx, "archetypes", folder)),
                source=entry.rel,
                practice_sources=MappingProxyType(
                    {e.data["practice"]: e.rel for e in _in_folder(ctx, "profile-practice", folder)}
                ),
                dimensions_source=sources["dimensions"],
                archetypes_source=sources["archetypes"],
            )
        )
    ctx.parts["profiles"] = tuple(sorted(profiles, key=lambda p: p.id))


KINDS = (
    Kind(
        "profile",
        "profiles/*/profile.yaml",
        ("profile", "tag"),
        _define_profile,
        _build_profiles,
        _check_profile,
        claim=_claim_profile,
    ),
    Kind(
        "profile-practice",
        "profiles/*/practices/*.yaml",
        ("item",),
        _define_considerations,
        check=_check_considerations,
        claim=_claim_considerations,
    ),
    Kind(
        "dimensions",
        "profiles/*/dimensions.yaml",
        ("dimension", "option"),
        _define_dimensions,
        check=_check_dimensions,
        claim=lambda ids, path, data: ids.claim(("dimension", path.parent.name)),
    ),
    Kind(
        "archetypes",
        "profiles/*/archetypes.yaml",
        ("archetype",),
        _define_archetypes,
        check=_check_archetypes,
        claim=lambda ids, path, data: None,
    ),
)
