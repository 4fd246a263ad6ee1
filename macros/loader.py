"""Load and validate everything under `data/` into a `Model`, reporting every problem at once."""

from __future__ import annotations

import difflib
import json
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from types import MappingProxyType
from typing import Any

import fastjsonschema

from . import model as m
from .cache import schema_validator
from .problems import DataError, Problem
from .text import text_problems
from .yamlsource import Source, read_source

SCHEMA_DIR = "schema"
# (glob relative to the data folder, schema name); the order is the order files are read in.
FILE_KINDS = (
    ("levels.yaml", "levels"),
    ("domains.yaml", "domains"),
    ("glossary.yaml", "glossary"),
    ("references.yaml", "references"),
    ("practices/*.yaml", "practice"),
    ("profiles/*/profile.yaml", "profile"),
    ("profiles/*/practices/*.yaml", "profile-practice"),
    ("profiles/*/dimensions.yaml", "dimensions"),
    ("profiles/*/archetypes.yaml", "archetypes"),
)
REQUIRED_FILES = ("levels.yaml", "domains.yaml", "glossary.yaml", "references.yaml")
# Fields that hold identifiers or fixed values rather than prose; everything else is checked as text.
NON_TEXT_KEYS = {
    "cited_on",
    "id",
    "domain",
    "subdomain",
    "practice",
    "direction",
    "scope",
    "url",
    "date",
    "version",
    "abbr",
}
TYPE_NAMES = {
    "string": "a string",
    "integer": "a whole number",
    "object": "a mapping (key: value)",
    "array": "a list",
    "boolean": "true or false",
    "null": "empty",
}


def display_path(path: Path) -> str:
    """Paths as a contributor types them: relative to the working folder when possible."""
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _python_type(value: Any) -> str:
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "a mapping",
        type(None): "empty",
    }.get(type(value), type(value).__name__)


def _label(path: tuple) -> str:
    keys = [str(part) for part in path if not isinstance(part, int)]
    return f"'{keys[-1]}'" if keys else "the file"


def _schema_problem(source: Source, error: Any) -> list[Problem]:
    path = tuple(error.absolute_path)
    kind = error.validator
    if kind == "additionalProperties" and isinstance(error.instance, dict):
        allowed = list(error.schema.get("properties", {}))
        problems = []
        for key in error.instance:
            if key in allowed:
                continue
            close = difflib.get_close_matches(key, allowed, n=1)
            hint = f"; did you mean '{close[0]}'?" if close else f"; allowed keys: {', '.join(allowed)}"
            problems.append(source.problem(path + (key,), f"unknown key '{key}'{hint}", key=True))
        return problems
    if kind == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        return [source.problem(path, f"missing required key '{name}' in {_label(path)}") for name in missing]
    if "propertyNames" in error.schema_path:
        name = error.instance
        if path and path[-1] == "levels":
            return [source.problem(path + (name,), f"level key '{name}' is not allowed; use 1, 2, 3 or 4", key=True)]
        return [source.problem(path + (name,), f"key '{name}' is not a valid id", key=True)]
    if kind == "type":
        expected = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        wanted = " or ".join(TYPE_NAMES.get(t, t) for t in expected)
        got = _python_type(error.instance)
        hint = "; put it in quotes" if "string" in expected and got not in ("a list", "a mapping") else ""
        return [source.problem(path, f"{_label(path)} must be {wanted}, not {got}{hint}")]
    if kind == "pattern":
        if error.schema.get("pattern", "").startswith("^[a-z0-9]"):
            message = f"'{error.instance}' is not a valid id: use lowercase letters, digits and single hyphens"
        elif "https" in error.schema.get("pattern", ""):
            message = f"{_label(path)} must be an https:// address"
        else:
            message = f"{_label(path)} '{error.instance}' does not have the expected form (YYYY, YYYY-MM or YYYY-MM-DD)"
        return [source.problem(path, message)]
    if kind == "enum":
        options = ", ".join(str(option) for option in error.validator_value)
        return [source.problem(path, f"{_label(path)} must be one of: {options}")]
    if kind in ("minItems", "maxItems"):
        bound = "at least" if kind == "minItems" else "at most"
        return [
            source.problem(
                path, f"{_label(path)} has {len(error.instance)} items; it needs {bound} {error.validator_value}"
            )
        ]
    if kind == "minLength":
        return [source.problem(path, f"{_label(path)} must not be empty")]
    if kind in ("minimum", "maximum"):
        bound = "at least" if kind == "minimum" else "at most"
        return [source.problem(path, f"{_label(path)} must be {bound} {error.validator_value}")]
    if kind == "uniqueItems":
        return [source.problem(path, f"{_label(path)} lists the same item twice")]
    return [source.problem(path, error.message)]


def _text_field_problems(source: Source, value: Any, path: tuple = ()) -> list[Problem]:
    if isinstance(value, dict):
        return [
            problem
            for key, item in value.items()
            if key not in NON_TEXT_KEYS
            for problem in _text_field_problems(source, item, path + (key,))
        ]
    if isinstance(value, list):
        return [p for index, item in enumerate(value) for p in _text_field_problems(source, item, path + (index,))]
    if isinstance(value, str):
        return [source.problem(path, message) for message in text_problems(value)]
    return []


class _Validators:
    """Schema checks: a compiled validator says quickly whether a file is valid; only for a file
    that is not does jsonschema walk it to list every error with its path."""

    def __init__(self, schema_dir: Path):
        self.schema_dir = schema_dir
        self.schemas: dict[str, dict] = {}
        self.compiled: dict[str, Callable[[Any], Any]] = {}

    def errors(self, kind: str, data: Any) -> list:
        if kind not in self.compiled:
            path = self.schema_dir / f"{kind}.schema.json"
            self.schemas[kind] = json.loads(path.read_text(encoding="utf-8"))
            self.compiled[kind] = schema_validator(self.schemas[kind])
        try:
            self.compiled[kind](data)
        except fastjsonschema.JsonSchemaException:
            # Imported only here: jsonschema costs a noticeable share of a build that has no errors.
            from jsonschema import Draft202012Validator

            return list(Draft202012Validator(self.schemas[kind]).iter_errors(data))
        return []


def _read_file(
    path: Path, kind: str, data_dir: Path, validators: _Validators
) -> tuple[Source | None, list[Problem], bool]:
    """The parsed file (None if unreadable), its problems, and whether it matches its schema."""
    display = display_path(path)
    source, problems = read_source(path.read_bytes(), display)
    if source is None:
        return None, problems, False
    schema_ref = os.path.relpath(data_dir / SCHEMA_DIR / f"{kind}.schema.json", path.parent).replace(os.sep, "/")
    expected = f"# yaml-language-server: $schema={schema_ref}"
    if source.first_line.strip() != expected:
        problems.append(
            Problem(display, 1, 1, f"first line must be '{expected}' so editors check the file while typing")
        )
    schema_problems = [p for error in validators.errors(kind, source.data) for p in _schema_problem(source, error)]
    problems += schema_problems
    if isinstance(source.data, dict):
        problems += _text_field_problems(source, source.data)
    return source, problems, not schema_problems


def _discover(data_dir: Path) -> tuple[list[tuple[Path, str]], list[Problem]]:
    files: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    problems = []
    for required in REQUIRED_FILES:
        if not (data_dir / required).is_file():
            problems.append(Problem(display_path(data_dir / required), 1, 1, "required data file is missing"))
    for pattern, kind in FILE_KINDS:
        for path in sorted(data_dir.glob(pattern)):
            files.append((path, kind))
            seen.add(path)
    known = ", ".join(pattern for pattern, _ in FILE_KINDS)
    for path in sorted(data_dir.rglob("*")):
        if path.is_dir() or path in seen or path.is_relative_to(data_dir / SCHEMA_DIR):
            continue
        if path.suffix in (".yaml", ".yml"):
            hint = "rename it to .yaml" if path.suffix == ".yml" else f"data files are: {known}"
            problems.append(Problem(display_path(path), 1, 1, f"data file is not in a known place; {hint}"))
    return files, problems


class _Checker:
    """Cross-file checks on sources that passed their schema."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.ids: dict[tuple[str, str], tuple[Source, tuple]] = {}

    def unique(self, namespace: str, value: str, source: Source, path: tuple, what: str) -> None:
        key = (namespace, value)
        if key in self.ids:
            first, first_path = self.ids[key]
            line, _ = first.where(first_path)
            self.problems.append(
                source.problem(path, f"{what} id '{value}' is already used in {first.path}:{line}; ids must be unique")
            )
        else:
            self.ids[key] = (source, path)

    def resolve(self, ok: bool, source: Source, path: tuple, message: str, choices: Iterable[str] = ()) -> bool:
        if not ok:
            close = difflib.get_close_matches(str(source_value(source, path)), list(choices), n=1)
            self.problems.append(source.problem(path, message + (f"; did you mean '{close[0]}'?" if close else "")))
        return ok


def source_value(source: Source, path: tuple) -> Any:
    value = source.data
    for part in path:
        value = value[part]
    return value


def _file_id_matches(checker: _Checker, source: Source, key: str, path: Path) -> None:
    if source.data[key] != path.stem:
        checker.problems.append(
            source.problem((key,), f"{key} '{source.data[key]}' must match the file name '{path.stem}.yaml'")
        )


def _build_levels(data: dict) -> tuple[tuple[m.Level, ...], tuple[m.Scope, ...]]:
    levels = tuple(
        m.Level(item["level"], item["name"], item["summary"], item["description"], item.get("step_up"))
        for item in data["levels"]
    )
    scopes = tuple(m.Scope(item["id"], item["name"], item["description"]) for item in data["scopes"])
    return levels, scopes


def _check_levels(checker: _Checker, source: Source) -> None:
    for index, item in enumerate(source.data["levels"]):
        if item["level"] != index:
            checker.problems.append(
                source.problem(
                    ("levels", index, "level"), f"levels must be listed 0 to 4 in order; expected {index} here"
                )
            )


def _build_practice(data: dict, source_path: str) -> m.Practice:
    levels = {
        int(number): m.PracticeLevel(
            int(number),
            block["objective"],
            block["considerations"],
            tuple(m.Indicator(i["id"], i["text"], i["evidence"]) for i in block["indicators"]),
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
        source=source_path,
    )


def load_model(data_dir: str | os.PathLike[str]) -> m.Model:
    """Validate every data file and return the model; raise DataError listing every problem."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError([Problem(display_path(data_dir), 1, 1, "data folder not found")])
    files, problems = _discover(data_dir)
    validators = _Validators(data_dir / SCHEMA_DIR)
    sources: dict[str, list[tuple[Path, Source]]] = {kind: [] for _, kind in FILE_KINDS}
    # Ids of practices whose file has errors still count as known, so one broken file does not
    # also produce an "unknown practice" error in every file that refers to it.
    broken_practices: set[str] = set()
    for path, kind in files:
        source, file_problems, valid = _read_file(path, kind, data_dir, validators)
        problems += file_problems
        if source is not None and valid:
            sources[kind].append((path, source))
        elif kind == "practice" and source is not None and isinstance(source.data, dict):
            broken_practices.add(str(source.data.get("id", path.stem)))
    checker = _Checker()
    result = _assemble(sources, checker, data_dir, broken_practices)
    problems += checker.problems
    if problems or result is None:
        raise DataError(problems or [Problem(display_path(data_dir), 1, 1, "no valid data found")])
    return result


def _single(sources: dict, kind: str) -> Source | None:
    return sources[kind][0][1] if sources[kind] else None


def _assemble(
    sources: dict[str, list[tuple[Path, Source]]], checker: _Checker, data_dir: Path, broken_practices: set[str]
) -> m.Model | None:
    levels_src, domains_src = _single(sources, "levels"), _single(sources, "domains")
    glossary_src, references_src = _single(sources, "glossary"), _single(sources, "references")
    if not (levels_src and domains_src and glossary_src and references_src):
        return None
    _check_levels(checker, levels_src)
    levels, scopes = _build_levels(levels_src.data)

    domain_of_subdomain: dict[str, str] = {}
    for d_index, domain in enumerate(domains_src.data["domains"]):
        checker.unique("domain", domain["id"], domains_src, ("domains", d_index, "id"), "domain")
        for s_index, sub in enumerate(domain["subdomains"]):
            checker.unique(
                "subdomain", sub["id"], domains_src, ("domains", d_index, "subdomains", s_index, "id"), "subdomain"
            )
            domain_of_subdomain[sub["id"]] = domain["id"]

    practices = _practices(sources["practice"], checker, domain_of_subdomain, data_dir)
    practice_ids = {p.id for p in practices} | broken_practices
    for _, source in sources["practice"]:
        for index, related in enumerate(source.data["related"]):
            checker.resolve(
                related in practice_ids and related != source.data["id"],
                source,
                ("related", index),
                f"related practice '{related}' is not another practice",
                practice_ids,
            )

    domains = tuple(
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
        for domain in domains_src.data["domains"]
    )
    terms = _terms(glossary_src, checker)
    references = _references(references_src, checker)
    reference_ids = {r.id for r in references}
    profiles = _profiles(sources, checker, practice_ids, reference_ids, data_dir)
    return m.Model(levels, scopes, domains, practices, profiles, terms, references)


def _practices(
    entries: list[tuple[Path, Source]], checker: _Checker, domain_of_subdomain: dict[str, str], data_dir: Path
) -> tuple[m.Practice, ...]:
    practices = []
    orders: dict[int, Source] = {}
    for path, source in entries:
        data = source.data
        checker.unique("practice", data["id"], source, ("id",), "practice")
        _file_id_matches(checker, source, "id", path)
        if data["order"] in orders:
            checker.problems.append(
                source.problem(("order",), f"order {data['order']} is already used by {orders[data['order']].path}")
            )
        orders[data["order"]] = source
        if checker.resolve(
            data["subdomain"] in domain_of_subdomain,
            source,
            ("subdomain",),
            f"unknown subdomain '{data['subdomain']}'",
            domain_of_subdomain,
        ):
            expected = domain_of_subdomain[data["subdomain"]]
            checker.resolve(
                data["domain"] == expected,
                source,
                ("domain",),
                f"domain '{data['domain']}' does not contain subdomain '{data['subdomain']}' "
                f"(it belongs to '{expected}')",
            )
        for number, block in data["levels"].items():
            for index, indicator in enumerate(block["indicators"]):
                checker.unique(
                    "item", indicator["id"], source, ("levels", number, "indicators", index, "id"), "indicator"
                )
        practices.append(_build_practice(data, path.relative_to(data_dir).as_posix()))
    return tuple(sorted(practices, key=lambda p: p.order))


def _terms(source: Source, checker: _Checker) -> tuple[m.Term, ...]:
    items = source.data["terms"]
    ids = {item["id"] for item in items}
    for index, item in enumerate(items):
        checker.unique("term", item["id"], source, ("terms", index, "id"), "glossary term")
        if item.get("abbr"):
            checker.unique("abbr", item["abbr"], source, ("terms", index, "abbr"), "abbreviation")
        for r_index, related in enumerate(item.get("related", [])):
            checker.resolve(
                related in ids, source, ("terms", index, "related", r_index), f"unknown glossary term '{related}'", ids
            )
    terms = (
        m.Term(
            item["id"],
            item["term"],
            item.get("abbr"),
            item["definition"],
            tuple(item.get("related", [])),
            item.get("tooltip", bool(item.get("abbr"))),
        )
        for item in items
    )
    return tuple(sorted(terms, key=lambda t: t.term.lower()))


def _references(source: Source, checker: _Checker) -> tuple[m.Reference, ...]:
    for index, item in enumerate(source.data["references"]):
        checker.unique("reference", item["id"], source, ("references", index, "id"), "reference")
    return tuple(
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
        for item in source.data["references"]
    )


def _profiles(
    sources: dict, checker: _Checker, practice_ids: set[str], reference_ids: set[str], data_dir: Path
) -> tuple[m.Profile, ...]:
    profiles = []
    for path, source in sources["profile"]:
        data = source.data
        folder = path.parent
        checker.unique("profile", data["id"], source, ("id",), "profile")
        if data["id"] != folder.name:
            checker.problems.append(
                source.problem(("id",), f"profile id '{data['id']}' must match its folder name '{folder.name}'")
            )
        for index, ref in enumerate(data["references"]):
            checker.resolve(
                ref in reference_ids, source, ("references", index), f"unknown reference '{ref}'", reference_ids
            )
        tag_ids = {tag["id"] for tag in data["tags"]}
        for index, tag in enumerate(data["tags"]):
            checker.unique(f"tag:{data['id']}", tag["id"], source, ("tags", index, "id"), "tag")
        considerations = _considerations(
            _in_folder(sources, "profile-practice", folder), checker, practice_ids, tag_ids
        )
        dimensions = _dimensions(_in_folder(sources, "dimensions", folder), checker, practice_ids)
        archetypes = _archetypes(_in_folder(sources, "archetypes", folder), checker, practice_ids, dimensions)
        profiles.append(
            m.Profile(
                id=data["id"],
                name=data["name"],
                short_name=data["short_name"],
                scope=data["scope"],
                summary=data["summary"],
                description=data["description"],
                uncertainty=data.get("uncertainty"),
                references=tuple(data["references"]),
                tags=tuple(m.Tag(t["id"], t["name"], t["description"]) for t in data["tags"]),
                practices=considerations,
                dimensions=dimensions,
                archetypes=archetypes,
                source=path.relative_to(data_dir).as_posix(),
            )
        )
    profiled = {folder for path, _ in sources["profile"] for folder in [path.parent]}
    for kind in ("profile-practice", "dimensions", "archetypes"):
        for path, source in sources[kind]:
            owner = next((f for f in profiled if f in path.parents), None)
            if owner is None:
                checker.problems.append(Problem(source.path, 1, 1, "this profile folder has no profile.yaml"))
    return tuple(sorted(profiles, key=lambda p: p.id))


def _in_folder(sources: dict, kind: str, folder: Path) -> list[tuple[Path, Source]]:
    return [(path, source) for path, source in sources[kind] if folder in path.parents]


def _considerations(entries, checker: _Checker, practice_ids: set[str], tag_ids: set[str]):
    result = {}
    for path, source in entries:
        data = source.data
        _file_id_matches(checker, source, "practice", path)
        checker.resolve(
            data["practice"] in practice_ids,
            source,
            ("practice",),
            f"unknown practice '{data['practice']}'",
            practice_ids,
        )
        levels = {}
        for number, items in sorted(data["levels"].items()):
            for index, item in enumerate(items):
                checker.unique("item", item["id"], source, ("levels", number, index, "id"), "consideration")
                for t_index, tag in enumerate(item["tags"]):
                    checker.resolve(
                        tag in tag_ids,
                        source,
                        ("levels", number, index, "tags", t_index),
                        f"unknown tag '{tag}'",
                        tag_ids,
                    )
            levels[int(number)] = tuple(m.Consideration(i["id"], i["text"], tuple(i["tags"])) for i in items)
        result[data["practice"]] = MappingProxyType(levels)
    return MappingProxyType(dict(sorted(result.items())))


def _dimensions(entries, checker: _Checker, practice_ids: set[str]) -> tuple[m.Dimension, ...]:
    dimensions = []
    for _, source in entries:
        for d_index, dim in enumerate(source.data["dimensions"]):
            base = ("dimensions", d_index)
            checker.unique(f"dimension:{source.path}", dim["id"], source, base + ("id",), "dimension")
            options = []
            for o_index, option in enumerate(dim["options"]):
                checker.unique(f"option:{dim['id']}", option["id"], source, base + ("options", o_index, "id"), "option")
                for e_index, effect in enumerate(option["effects"]):
                    checker.resolve(
                        effect["practice"] in practice_ids,
                        source,
                        base + ("options", o_index, "effects", e_index, "practice"),
                        f"unknown practice '{effect['practice']}'",
                        practice_ids,
                    )
                effects = tuple(m.Effect(e["practice"], e["direction"], e["why"]) for e in option["effects"])
                options.append(m.Option(option["id"], option["name"], option["description"], effects))
            dimensions.append(m.Dimension(dim["id"], dim["name"], dim["question"], dim["description"], tuple(options)))
    return tuple(dimensions)


def _archetypes(
    entries, checker: _Checker, practice_ids: set[str], dimensions: tuple[m.Dimension, ...]
) -> tuple[m.Archetype, ...]:
    options = {d.id: {o.id for o in d.options} for d in dimensions}
    archetypes = []
    for _, source in entries:
        for a_index, item in enumerate(source.data["archetypes"]):
            base = ("archetypes", a_index)
            checker.unique(f"archetype:{source.path}", item["id"], source, base + ("id",), "archetype")
            _exactly(
                checker, source, base + ("characterization",), item["characterization"], list(options), "dimension"
            )
            for dim_id, option_id in item["characterization"].items():
                if dim_id in options:
                    checker.resolve(
                        option_id in options[dim_id],
                        source,
                        base + ("characterization", dim_id),
                        f"'{option_id}' is not an option of dimension '{dim_id}'",
                        options[dim_id],
                    )
            _exactly(checker, source, base + ("targets",), item["targets"], sorted(practice_ids), "practice")
            targets = {pid: m.Target(t["level"], t["why"]) for pid, t in item["targets"].items()}
            archetypes.append(
                m.Archetype(
                    item["id"],
                    item["name"],
                    item["summary"],
                    MappingProxyType(dict(item["characterization"])),
                    MappingProxyType(targets),
                )
            )
    return tuple(archetypes)


def _exactly(checker: _Checker, source: Source, path: tuple, mapping: dict, expected: list[str], what: str) -> None:
    """Every expected key present, no other key: archetypes must cover the whole model."""
    missing = [key for key in expected if key not in mapping]
    if missing:
        checker.problems.append(source.problem(path, f"missing {what}(s): {', '.join(missing)}", key=True))
    for key in mapping:
        if key not in expected:
            checker.resolve(False, source, path + (key,), f"unknown {what} '{key}'", expected)


_cache: dict[str, tuple[tuple, m.Model]] = {}


def _fingerprint(data_dir: Path) -> tuple:
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(data_dir.rglob("*")) if p.is_file())


def load_model_cached(data_dir: str | os.PathLike[str]) -> m.Model:
    """The hook and the macros module both need the model; read the files once per change."""
    data_dir = Path(data_dir).resolve()
    fingerprint = _fingerprint(data_dir)
    hit = _cache.get(str(data_dir))
    if hit and hit[0] == fingerprint:
        return hit[1]
    model = load_model(data_dir)
    _cache[str(data_dir)] = (fingerprint, model)
    return model
