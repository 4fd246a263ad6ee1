"""`smm-guide portfolio`: many assessment files (JSON exports, workbooks, checklist CSVs, in any mix) read,
checked and scored as `smm-guide report` reads one (report.read_assessment), then tabled across systems,
practices, mapped framework requirements and dates. The tables are plain records (Table, Cell), so each
output format (portfolio_rendering) only lays them out.

pandas does the grouping; it is imported in `tables` only, so nothing else pays for it.

The rules, said in the command's help and on the site (GROUP_FIELDS, SYSTEM_RULE, DATE_RULE, ...):
- A system is the file's `system` (JSON); a workbook or CSV has none, so its file name without the extension
  names it. Files of the same system are its assessments over time.
- The date is the JSON's `created`. Workbooks and CSVs record none: they are listed as undated, and an
  undated assessment counts as older than any dated one of its system.
- Two files claiming the same system and date are a problem of the later one (in path order), not merged.
- The portfolio's current state of a system is its latest assessment.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from macros.assessment.reading import read_json
from macros.assessment.records import JSON, Assessment, ReportError
from macros.assessment.report import read_assessment
from macros.assessment.scoring import Result, score_all
from macros.model.frameworks import Framework
from macros.model.records import LEVEL_NUMBERS, Model

if TYPE_CHECKING:
    import pandas

SUFFIXES = (".json", ".xlsx", ".csv")
SYSTEM_RULE = (
    "A system is named by the JSON's system field; a workbook or checklist CSV has none, so its file name "
    "without the extension names it."
)
DATE_RULE = (
    "The date is the JSON's created field; workbooks and CSVs record none and are shown as undated, older than "
    "any dated assessment of their system. Each system's latest assessment is its current state."
)
GROUP_FIELDS = {
    "profile": "the file's checklist: its profile ids joined by + (general without a profile)",
    "archetype": "the archetypes its characterization starts from, joined by + (none in workbooks and CSVs)",
    "folder": "the name of the folder holding the file (e.g. one folder per site or business unit)",
}
NO_DATE = "undated"
NO_GROUP = "none"
FURTHEST = 3  # systems named as furthest behind a practice
PROVISIONAL = "?"
OUT = "out"
NONE = "–"
LEGEND = (
    f"Each cell is achieved/target. {PROVISIONAL}: provisional, the next level has unanswered items. "
    f"{OUT}: out of scope. {NONE}: no target, or nothing answered. Colour: the gap (target minus achieved)."
)


class Entry(NamedTuple):
    """One valid file of the portfolio, scored."""

    path: Path
    assessment: Assessment
    results: tuple[Result, ...]
    system: str
    when: datetime | None
    group: str

    @property
    def date(self) -> str:
        return self.when.strftime("%Y-%m-%d %H:%M") if self.when else NO_DATE

    @property
    def order(self) -> tuple[str, float]:
        """How a system's assessments are ordered: by date, undated first."""
        return self.system.casefold(), self.when.timestamp() if self.when else float("-inf")


class Rejected(NamedTuple):
    path: str
    problems: tuple[str, ...]


class Cell(NamedTuple):
    value: str | int | float | None
    shade: str = ""  # the HTML class: gap0..gap3, out, or "" (no colour)
    sort: int | None = None  # what the HTML sorts a grid cell by: its gap; -1 without one, -2 out of scope


class Table(NamedTuple):
    name: str  # its CSV file and XLSX sheet: lowercase, hyphens
    title: str
    lead: str  # how to read it, one or two sentences
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


class Portfolio(NamedTuple):
    entries: tuple[Entry, ...]  # every valid file, by system then date
    rejected: tuple[Rejected, ...]  # with --skip-invalid only
    group_by: str | None
    framework: Framework | None


def found_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """The assessment files named, a folder giving those it holds at any depth; and the problems: a path
    that does not exist, a folder without assessment files."""
    files: list[Path] = []
    problems: list[str] = []
    for given in map(Path, paths):
        if given.is_dir():
            inside = sorted(p for p in given.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not inside:
                kinds = ", ".join(SUFFIXES)
                problems.append(f"{given}: error: the folder holds no assessment file ({kinds}), at any depth")
            files += inside
        elif given.is_file():
            files.append(given)
        else:
            problems.append(f"{given}: error: no such file or folder")
    return list(dict.fromkeys(files)), problems


def when(created: str) -> datetime | None:
    """The JSON's created as a UTC date-time; None when it is missing or not a date."""
    try:
        found = datetime.fromisoformat(created)
    except ValueError:
        return None
    return (found if found.tzinfo else found.replace(tzinfo=UTC)).astimezone(UTC)


def group_of(assessment: Assessment, path: Path, group_by: str | None) -> str:
    if group_by == "profile":
        return assessment.variant.id
    if group_by == "archetype":
        return "+".join(assessment.archetypes) or NO_GROUP
    if group_by == "folder":
        return path.parent.name or NO_GROUP
    return ""


def _entry(model: Model, path: Path, group_by: str | None) -> Entry:
    assessment = read_assessment(model, path)
    system = assessment.system or path.stem
    return Entry(
        path,
        assessment,
        tuple(score_all(model, assessment)),
        system,
        when(assessment.created),
        group_of(assessment, path, group_by),
    )


def _claimed_twice(entries: Sequence[Entry]) -> dict[Path, str]:
    """The later file of each pair claiming the same system and date -> its problem, at its created field."""
    first: dict[tuple[str, datetime | None], Entry] = {}
    problems: dict[Path, str] = {}
    for entry in entries:
        key = (entry.system, entry.when)
        if key not in first:
            first[key] = entry
            continue
        why = (
            f"system '{entry.system}' dated {entry.date} is also claimed by {first[key].path}: two assessments of one "
            "system at one date are not merged; give them different systems or dates, or leave one out"
        )
        if entry.assessment.kind == JSON:
            source = read_json(entry.path, entry.path.read_bytes())
            problems[entry.path] = str(source.problem(("created",), why))
        else:
            problems[entry.path] = f"{entry.path}: error: {why}"
    return problems


def read_portfolio(
    model: Model,
    paths: Iterable[str | Path],
    *,
    group_by: str | None = None,
    only: Sequence[str] = (),
    framework: str | None = None,
    skip_invalid: bool = False,
) -> Portfolio:
    """Every file read and scored; ReportError with the problems of every file at once, unless `skip_invalid`
    (then the invalid files are Rejected). `only`: the groups to keep, by `group_by`."""
    files, problems = found_files(paths)
    if framework is not None and framework not in [f.id for f in model.frameworks]:
        known = ", ".join(f.id for f in model.frameworks) or "none"
        problems.append(f"smm-guide: error: unknown framework '{framework}'; the model's frameworks: {known}")
    if problems:  # a wrong path or option: nothing to skip, the command was mistyped
        raise ReportError(problems)
    entries: list[Entry] = []
    rejected: list[Rejected] = []
    for path in files:
        try:
            entries.append(_entry(model, path, group_by))
        except ReportError as error:
            rejected.append(Rejected(str(path), tuple(error.problems)))
    twice = _claimed_twice(entries)
    rejected += [Rejected(str(e.path), (twice[e.path],)) for e in entries if e.path in twice]
    entries = [e for e in entries if e.path not in twice and (not only or e.group in only)]
    if rejected and not skip_invalid:
        raise ReportError([p for r in sorted(rejected) for p in r.problems])
    if not entries:
        why = "no valid assessment file is left" if rejected else f"no assessment file in groups {', '.join(only)}"
        raise ReportError([*(p for r in rejected for p in r.problems), f"smm-guide: error: {why}"])
    chosen = model.framework(framework) if framework else None
    return Portfolio(tuple(sorted(entries, key=lambda e: e.order)), tuple(sorted(rejected)), group_by, chosen)


def latest(portfolio: Portfolio) -> list[Entry]:
    """Each system's latest assessment, by system name."""
    last: dict[str, Entry] = {}
    for entry in portfolio.entries:  # ordered by system then date: the last one wins
        last[entry.system] = entry
    return list(last.values())


def grid_cell(result: Result) -> Cell:
    """achieved/target, marked provisional, coloured by the gap."""
    found = result.score
    if not found.in_scope:
        return Cell(OUT, "out", -2)
    target = NONE if found.target is None else str(found.target)
    if not found.assessed:
        return Cell(f"{NONE}/{target}", "", -1)
    mark = PROVISIONAL if found.provisional else ""
    if found.gap is None:
        return Cell(f"{found.achieved}/{target}{mark}", "", -1)
    return Cell(f"{found.achieved}/{target}{mark}", f"gap{min(found.gap, 3)}", found.gap)


def _who(portfolio: Portfolio) -> tuple[str, ...]:
    return ("Group",) if portfolio.group_by else ()


def _grid(model: Model, portfolio: Portfolio, entries: Sequence[Entry], name: str, title: str, lead: str) -> Table:
    headers = ("System", *_who(portfolio), "Date", "File", *(p.id for p in model.practices))
    rows = []
    for entry in entries:
        group = (Cell(entry.group),) if portfolio.group_by else ()
        fixed = (Cell(entry.system), *group, Cell(entry.date), Cell(entry.path.name))
        rows.append((*fixed, *(grid_cell(r) for r in entry.results)))
    return Table(name, title, lead, headers, tuple(rows))


def _scores(model: Model, portfolio: Portfolio) -> pandas.DataFrame:
    """One row per file and practice: the numbers every table counts."""
    import pandas  # here only: the site build and the other commands never import it

    rows = [
        {
            "file": str(entry.path),
            "system": entry.system,
            "group": entry.group,
            "date": entry.date,
            "practice": r.practice.id,
            "target": r.score.target,
            "achieved": r.score.achieved if r.score.assessed and r.score.in_scope else None,
            "gap": r.score.gap,
            "over": r.score.over,
            "provisional": r.score.provisional,
            "in_scope": r.score.in_scope,
            "assessed": r.score.assessed,
        }
        for entry in portfolio.entries
        for r in entry.results
    ]
    columns = ["file", "system", "group", "date", "practice", "target", "achieved", "gap", "over"]
    frame = pandas.DataFrame(rows, columns=[*columns, "provisional", "in_scope", "assessed"])
    for column in ("target", "achieved", "gap"):
        frame[column] = frame[column].astype("Int64")  # nullable: no target, no gap
    return frame


def _practices(model: Model, portfolio: Portfolio, frame: pandas.DataFrame) -> Table:
    headers = (
        *_who(portfolio),
        "Practice",
        "Systems in scope",
        *(f"At level {n}" for n in (0, *LEVEL_NUMBERS)),
        "Not assessed",
        "Out of scope",
        "Median gap",
        "Furthest behind",
    )
    rows = []
    groups = sorted(frame["group"].unique()) if portfolio.group_by else [""]
    for group in groups:
        part = frame[frame["group"] == group] if portfolio.group_by else frame
        for practice in model.practices:
            these = part[part["practice"] == practice.id]
            scoped = these[these["in_scope"]]
            assessed = scoped[scoped["assessed"]]
            levels = assessed["achieved"].value_counts()
            gaps = assessed.dropna(subset=["gap"])
            median = statistics.median(gaps["gap"].tolist()) if len(gaps) else None
            behind = gaps[gaps["gap"] > 0].sort_values(["gap", "system"], ascending=[False, True])
            named = [f"{s} (gap {g})" for s, g in zip(behind["system"], behind["gap"], strict=True)][:FURTHEST]
            more = len(behind) - len(named)
            cells: list[Cell] = [Cell(group)] if portfolio.group_by else []
            cells += [Cell(f"{practice.name} ({practice.id})"), Cell(len(scoped))]
            cells += [Cell(int(levels.get(n, 0))) for n in (0, *LEVEL_NUMBERS)]
            cells += [Cell(len(scoped) - len(assessed)), Cell(len(these) - len(scoped))]
            cells += [Cell(NONE if median is None else int(median) if median == int(median) else float(median))]
            cells += [Cell("; ".join(named) + (f"; and {more} more" if more else "") or NONE)]
            rows.append(tuple(cells))
    lead = (
        "Each system's latest assessment. Median gap: over the systems with a target and an answer. Furthest "
        f"behind: the {FURTHEST} largest gaps."
    )
    return Table("practices", "Per practice across the portfolio", lead, headers, tuple(rows))


def requirement_states(model: Model, framework: Framework, entry: Entry) -> dict[str, str]:
    """Each requirement the framework's mappings name -> met, not met or unknown in this assessment.

    A mapping says a practice addresses the requirement from a level on. Not met: the practice is in scope,
    assessed, and below that level, for at least one mapping. Met: every mapping's practice is in scope and at
    its level. Unknown otherwise (a mapped practice not assessed or out of scope)."""
    scores = {r.practice.id: r.score for r in entry.results}
    states: dict[str, list[str]] = {}
    for mapping in model.mappings:
        if mapping.framework != framework.id:
            continue
        found = scores[mapping.practice]
        if found.in_scope and found.assessed:
            state = "met" if found.achieved >= mapping.level else "not met"
        else:
            state = "unknown"
        states.setdefault(mapping.requirement, []).append(state)
    return {
        requirement: "not met" if "not met" in found else "unknown" if "unknown" in found else "met"
        for requirement, found in states.items()
    }


def _requirements(model: Model, portfolio: Portfolio, current: Sequence[Entry]) -> Table:
    framework = portfolio.framework
    assert framework is not None  # only called with one
    states = {entry.system: requirement_states(model, framework, entry) for entry in current}
    order = [g.id for g in framework.groups] + [r.id for r in framework.requirements]
    mapped = sorted({m.requirement for m in model.mappings if m.framework == framework.id}, key=order.index)
    rows = []
    for requirement in mapped:
        node = framework.node(requirement)
        levels = "; ".join(
            f"{m.practice} ≥ {m.level}"
            for m in model.mappings
            if m.framework == framework.id and m.requirement == requirement
        )
        behind = [s for s in states if states[s][requirement] == "not met"]
        counts = [sum(states[s][requirement] == state for s in states) for state in ("not met", "met", "unknown")]
        rows.append(
            (Cell(f"{node.code} {node.title}"), Cell(levels), *map(Cell, counts), Cell(", ".join(behind) or NONE))
        )
    rows.sort(key=lambda row: -int(row[2].value or 0))  # stable: document order among equals
    lead = (
        f"{framework.name}: each requirement the mappings name, with the practice levels it is mapped to, in each "
        "system's latest assessment. Not met: a mapped practice in scope is below its level. Met: every mapped "
        "practice is at its level. Unknown: a mapped practice is not assessed or out of scope. Most not met first."
    )
    headers = ("Requirement", "Mapped to", "Not met in", "Met in", "Unknown in", "Systems not meeting it")
    return Table("requirements", f"Requirements of {framework.short_name}", lead, headers, tuple(rows))


def _files(portfolio: Portfolio) -> Table:
    rows = []
    for entry in portfolio.entries:
        a = entry.assessment
        named = "the file" if a.system else "the file name"
        dated = entry.date if entry.when else f"none in the file{f' (created: {a.created})' if a.created else ''}"
        group = (Cell(entry.group),) if portfolio.group_by else ()
        opened = f"another model version: {len(a.notices)} notice(s)" if a.notices else "this model version"
        rows.append((Cell(str(entry.path)), Cell(a.kind), Cell(f"{entry.system} (from {named})"), Cell(dated), *group))
        rows[-1] += (Cell(opened),)
    headers = ("File", "Kind", "System", "Date", *_who(portfolio), "Opened with")
    return Table("files", "Files", f"{SYSTEM_RULE} {DATE_RULE}", headers, tuple(rows))


def _long(frame: pandas.DataFrame) -> Table:
    plain = frame.astype(object).where(frame.notna(), None)  # Python values: None for no target, no gap

    def cell(value: object) -> Cell:
        if isinstance(value, bool):
            return Cell("yes" if value else "no")
        return Cell(value if value is None or isinstance(value, int | str) else str(value))

    headers = tuple(str(c) for c in frame.columns)
    rows = tuple(tuple(cell(v) for v in row) for row in plain.itertuples(index=False, name=None))
    lead = "One row per file and practice, for BI tools: achieved is empty when out of scope or nothing answered."
    return Table("scores", "Scores", lead, headers, rows)


def tables(model: Model, portfolio: Portfolio, *, long: bool = False) -> list[Table]:
    """The portfolio's tables, in the order the outputs show them; `long` adds the one-row-per-score table
    that the CSV and XLSX outputs carry for BI tools."""
    current = latest(portfolio)
    frame = _scores(model, portfolio)
    now = frame[frame["file"].isin([str(e.path) for e in current])]
    out = [
        _grid(
            model,
            portfolio,
            sorted(current, key=lambda e: (e.group, e.system.casefold())),
            "systems",
            "Systems x practices",
            f"Each system's latest assessment. {LEGEND}",
        ),
        _practices(model, portfolio, now),
    ]
    if portfolio.framework is not None:
        out.append(_requirements(model, portfolio, current))
    lead = f"Every assessment of each system, oldest first. {LEGEND}"
    out += [_grid(model, portfolio, portfolio.entries, "over-time", "Over time", lead), _files(portfolio)]
    return out + [_long(frame)] if long else out
