"""Kinds that state how the model is reviewed: constraints between practice targets
(`constraints.yaml`, part of the model), ids that may never be used again (`retired.yaml`) and
lint findings reviewers accepted (`acknowledged.yaml`, read by `smm-guide lint` only), and the
test vectors of the scoring rule (`scoring-vectors.yaml`), of the target-suggestion rule
(`suggestion-vectors.yaml`), of the selection rule (`selection-vectors.yaml`) and of the CSV
writer (`csv-vectors.yaml`), the last three read by the tests only."""

from __future__ import annotations

from functools import partial
from types import MappingProxyType

from macros.data.registry import Context, Entry, Kind, unique_ids
from macros.data.yamlsource import DataPath, Source
from macros.model import records as m


def _check_constraints(ctx: Context, entries: list[Entry]) -> None:
    for entry in entries:
        for index, item in enumerate(entry.data["constraints"]):
            for key in ("practice", "at_most"):
                ctx.ids.resolve(("practice",), item[key], entry.source, ("constraints", index, key), "practice")
            if item["practice"] == item["at_most"]:
                path = ("constraints", index, "at_most")
                ctx.problems.append(entry.source.problem(path, "a practice cannot bound itself"))


def _build_constraints(ctx: Context, entries: list[Entry]) -> None:
    ctx.parts["constraints"] = tuple(
        m.Constraint(item["id"], item["practice"], item["at_most"], item["why"])
        for entry in entries
        for item in entry.data["constraints"]
    )


def _check_acknowledged(ctx: Context, entries: list[Entry]) -> None:
    seen: set[frozenset[str]] = set()
    for entry in entries:
        for index, pair in enumerate(entry.data["pairs"]):
            for i_index, item_id in enumerate(pair["items"]):
                path = ("pairs", index, "items", i_index)
                ctx.ids.resolve(("item",), item_id, entry.source, path, "indicator or consideration")
            key = frozenset(pair["items"])
            if key in seen:
                ctx.problems.append(entry.source.problem(("pairs", index), "this pair is acknowledged twice"))
            seen.add(key)
        _check_acknowledged_mappings(ctx, entry)


def _check_acknowledged_mappings(ctx: Context, entry: Entry) -> None:
    """Acknowledged equivalents and counterpart frameworks name what exists, each once."""
    seen: set[tuple[str, str, str]] = set()
    for index, item in enumerate(entry.data.get("equivalents", [])):
        base = ("equivalents", index)
        if ctx.ids.resolve(("framework",), item["framework"], entry.source, (*base, "framework"), "framework"):
            scope = ("requirement", item["framework"])
            ctx.ids.resolve(scope, item["requirement"], entry.source, (*base, "requirement"), "requirement")
        ctx.ids.resolve(("practice",), item["practice"], entry.source, (*base, "practice"), "practice")
        key = (item["framework"], item["requirement"], item["practice"])
        if key in seen:
            ctx.problems.append(entry.source.problem(base, "this mapping is acknowledged twice"))
        seen.add(key)
    for index, pair in enumerate(entry.data.get("counterparts", [])):
        for f_index, framework_id in enumerate(pair["frameworks"]):
            path = ("counterparts", index, "frameworks", f_index)
            ctx.ids.resolve(("framework",), framework_id, entry.source, path, "framework")
        numbers: set[str] = set()
        for d_index, difference in enumerate(pair.get("differences", [])):
            if difference["number"] in numbers:
                path = ("counterparts", index, "differences", d_index)
                ctx.problems.append(entry.source.problem(path, f"number {difference['number']} is listed twice"))
            numbers.add(difference["number"])


def _build_acknowledged(ctx: Context, entries: list[Entry]) -> None:
    ctx.parts["acknowledged"] = {
        frozenset(pair["items"]): pair["reason"] for entry in entries for pair in entry.data["pairs"]
    }
    ctx.parts["acknowledged-equivalents"] = {
        (item["framework"], item["requirement"], item["practice"]): item["reason"]
        for entry in entries
        for item in entry.data.get("equivalents", [])
    }
    places: dict[tuple[str, ...], tuple[Source, DataPath]] = {}
    for entry in entries:
        for index, item in enumerate(entry.data.get("equivalents", [])):
            key = ("equivalent", item["framework"], item["requirement"], item["practice"])
            places[key] = (entry.source, ("equivalents", index))
        for index, pair in enumerate(entry.data.get("counterparts", [])):
            for d_index, difference in enumerate(pair.get("differences", [])):
                key = ("difference", *pair["frameworks"], difference["number"])
                places[key] = (entry.source, ("counterparts", index, "differences", d_index))
    # Where each acknowledgement is written, for `smm-guide lint` to point at one that has gone stale.
    ctx.parts["acknowledgement-places"] = places
    ctx.parts["counterparts"] = tuple(
        (tuple(pair["frameworks"]), {d["number"]: d["reason"] for d in pair.get("differences", [])})
        for entry in entries
        for pair in entry.data.get("counterparts", [])
    )


def _check_retired(ctx: Context, entries: list[Entry]) -> None:
    for entry in entries:
        for index, item in enumerate(entry.data["retired"]):
            if item["id"] in ctx.ids.known(("item",)):
                source, path = ctx.ids.defined[("item",)][item["id"]]
                line, _ = entry.source.where(("retired", index, "id"))
                message = f"id '{item['id']}' is retired ({entry.source.path}:{line}) and can never be used again"
                ctx.problems.append(source.problem(path, message))
            for r_index, successor in enumerate(item.get("replaced_by", [])):
                path = ("retired", index, "replaced_by", r_index)
                ctx.ids.resolve(("item",), successor, entry.source, path, "indicator or consideration")


def _build_retired(ctx: Context, entries: list[Entry]) -> None:
    ctx.parts["retired"] = tuple(
        m.Retired(item["id"], str(item["date"]), item["why"], tuple(item.get("replaced_by", ())))
        for entry in entries
        for item in entry.data["retired"]
    )


def _build_vectors(ctx: Context, entries: list[Entry]) -> None:
    vectors = tuple(vector for entry in entries for vector in entry.data["vectors"])
    ctx.parts["scoring-vectors"] = vectors
    ctx.parts["scoring_examples"] = tuple(
        m.ScoringExample(
            v["id"],
            v["description"],
            v["target"],
            MappingProxyType({int(n): tuple(statuses) for n, statuses in sorted(v["levels"].items())}),
            **v["expected"],
            in_scope=v.get("in_scope", True),
        )
        for v in vectors
    )


def _check_suggestion_vectors(ctx: Context, entries: list[Entry]) -> None:
    """Every id a vector names exists: its profile, the profile's dimensions and options, practices."""
    ids = ctx.ids
    for entry in entries:
        for index, vector in enumerate(entry.data["vectors"]):
            base, profile = ("vectors", index), vector["profile"]
            if not ids.resolve(("profile",), profile, entry.source, (*base, "profile"), "profile"):
                continue
            dimensions = ("dimension", profile)
            for dim_id, option_id in vector["characterization"].items():
                path = (*base, "characterization", dim_id)
                if not ids.exists(dimensions, dim_id):
                    message = f"unknown dimension '{dim_id}' of profile '{profile}'"
                    ids.fail(entry.source, path, message, dim_id, ids.known(dimensions), key=True)
                elif dim_id in ids.known(dimensions):
                    where = f" in dimension '{dim_id}'"
                    ids.resolve(("option", profile, dim_id), option_id, entry.source, path, "option", where)
            for practice_id in vector["expected"]:
                if not ids.exists(("practice",), practice_id):
                    path = (*base, "expected", practice_id)
                    message = f"unknown practice '{practice_id}'"
                    ids.fail(entry.source, path, message, practice_id, ids.known(("practice",)), key=True)


def _build_suggestion_vectors(ctx: Context, entries: list[Entry]) -> None:
    ctx.parts["suggestion-vectors"] = tuple(vector for entry in entries for vector in entry.data["vectors"])


def _build_selection_vectors(ctx: Context, entries: list[Entry]) -> None:
    ctx.parts["selection-vectors"] = tuple(vector for entry in entries for vector in entry.data["vectors"])
    ctx.parts["combination-vectors"] = tuple(vector for entry in entries for vector in entry.data["combinations"])


def _build_csv_vectors(ctx: Context, entries: list[Entry]) -> None:
    ctx.parts["csv-vectors"] = tuple(vector for entry in entries for vector in entry.data["vectors"])


KINDS = (
    Kind(
        "constraints",
        "constraints.yaml",
        ("constraint",),
        partial(unique_ids, "constraint", "constraint", ("constraints",)),
        _build_constraints,
        _check_constraints,
    ),
    Kind(
        "scoring-vectors",
        "scoring-vectors.yaml",
        ("vector",),
        partial(unique_ids, "vector", "scoring vector", ("vectors",)),
        _build_vectors,
    ),
    Kind(
        "suggestion-vectors",
        "suggestion-vectors.yaml",
        ("suggestion-vector",),
        partial(unique_ids, "suggestion-vector", "suggestion vector", ("vectors",)),
        _build_suggestion_vectors,
        _check_suggestion_vectors,
    ),
    Kind(
        "selection-vectors",
        "selection-vectors.yaml",
        ("selection-vector",),
        partial(unique_ids, "selection-vector", "selection vector", ("vectors", "combinations")),
        _build_selection_vectors,
    ),
    Kind(
        "csv-vectors",
        "csv-vectors.yaml",
        ("csv-vector",),
        partial(unique_ids, "csv-vector", "CSV vector", ("vectors",)),
        _build_csv_vectors,
    ),
    Kind("retired", "retired.yaml", (), lambda ids, entry: None, _build_retired, _check_retired),
    Kind("acknowledged", "acknowledged.yaml", (), lambda ids, entry: None, _build_acknowledged, _check_acknowledged),
)
