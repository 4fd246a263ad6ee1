"""The files of a portfolio: found, read, checked and scored as `smm-guide report` reads one
(report.read_assessment), each with its system, date and group (macros/assessment/portfolio.py tables them).

The rules, said in the command's help and on the site (GROUP_FIELDS, SYSTEM_RULE, DATE_RULE, ...):
- A system is the file's `system` (JSON); a workbook or CSV has none, so its file name without the extension
  names it. Files of the same system are its assessments over time.
- The date is the JSON's `created`. Workbooks and CSVs record none: they are listed as undated, and an
  undated assessment counts as older than any dated one of its system.
- Two files claiming the same system and date are a problem of the later one (in path order), not merged.
- The portfolio's current state of a system is its latest assessment.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from macros.assessment.reading import read_json
from macros.assessment.records import JSON, Assessment, ReportError
from macros.assessment.report import read_assessment
from macros.assessment.scoring import Result, score_all
from macros.model.frameworks import Framework
from macros.model.records import Model

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
