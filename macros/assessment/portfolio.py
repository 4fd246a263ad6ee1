"""`smm-guide portfolio`: many assessment files (JSON exports, workbooks, checklist CSVs, in any mix) read,
checked and scored as `smm-guide report` reads one (report.read_assessment), then tabled across systems,
practices, mapped framework requirements and dates. The tables are plain records (Table, Cell), so each
output format (portfolio_rendering) only lays them out.

pandas does the grouping; it is imported in `tables` only, so nothing else pays for it.

The files and their rules (systems, dates, groups) are in portfolio_files.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from macros.assessment.portfolio_files import DATE_RULE, SYSTEM_RULE, Entry, Portfolio, latest
from macros.assessment.scoring import Result
from macros.model.frameworks import Framework
from macros.model.records import LEVEL_NUMBERS, Model

if TYPE_CHECKING:
    import pandas

FURTHEST = 3  # systems named as furthest behind a practice
PROVISIONAL = "?"
OUT = "out"
NONE = "–"
LEGEND = (
    f"Each cell is achieved/target. {PROVISIONAL}: provisional, the next level has unanswered items. "
    f"{OUT}: out of scope. {NONE}: no target, or nothing answered. Colour: the gap (target minus achieved)."
)


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
