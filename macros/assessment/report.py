"""`smm-guide report`: achieved levels, gaps and next steps from a filled assessment workbook (the
workbook contract: sheets Targets, Checklist, Summary, About), a checklist CSV, or the JSON that the
self-assessment page exports (the format of macros/assessment.py).

Pure steps: read (file -> tables whose cells know their location, or a JSON Source) -> validate (-> Assessment,
or every problem at once) -> score (macros/scoring.py per practice) -> render (Markdown; HTML from it).
What it does not count, and why, is in SAY below: the report says it too.
"""

from __future__ import annotations

import copy
import csv
import dataclasses
import difflib
import html
import io
import json
import math
import textwrap
import warnings
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from macros.data.problems import Problem
from macros.data.schemas import _detailed_validator, error_problems
from macros.data.yamlsource import Source, decode, read_source
from macros.model.records import HIGHEST_LEVEL, LEVEL_NUMBERS, Model, Practice
from macros.outputs import checklists
from macros.outputs.assessment_file import FORMAT, MAX_BYTES, VERSION, schema_dict
from macros.outputs.escape import one_line
from macros.outputs.export import model_version
from macros.rules import scoring, selection
from macros.rules.selection import Selection

JSON = "assessment saved by the self-assessment page"  # the kind of the file the self-assessment page exports
SET = ("set", None)  # target sources meaning "set by the assessor": the page reads a missing one so
SHEETS = ("Targets", "Checklist", "About")  # the sheets read; Summary is only formulas over these
ABOUT_LABELS = ("Model version", "Variant", "Practices")
ANSWER_COLUMNS = ("Item id", "Status")  # the item id names the item: its practice and level are the model's
STATUS_CHOICES = ", ".join(scoring.LABELS[s] for s in scoring.STATUSES if s)
TARGETS = {f"{n}{zero}": n for n in range(HIGHEST_LEVEL + 1) for zero in ("", ".0")}  # as a cell holds a whole number
DONE = (scoring.MET, scoring.NOT_APPLICABLE)  # statuses that leave nothing to do for an item
# Text from the file is shown as written in Markdown: no emphasis, link or HTML can come from it.
LITERAL = {c: "\\" + c for c in "\\`*_[]"} | {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "~": "&#126;"}
MD_LITERAL = str.maketrans(LITERAL | {"{": "&#123;", "}": "&#125;"})
TARGET_STYLE = 'fill="none" stroke="#000" stroke-width="2" stroke-dasharray="6 4"'
ACHIEVED_STYLE = 'fill="#1f5fa8" fill-opacity="0.2" stroke="#1f5fa8" stroke-width="3"'
SAY = {
    "nothing": "Nothing was assessed: no item in the file has a status, so every level is not assessed.",
    "no targets": "A checklist CSV has no targets: the report shows achieved levels without gaps.",
    "terms": "Gap: target minus achieved level. Over target: achieved level above the target, shown apart because "
    "higher is not always better. Provisional: the level after the achieved one has unanswered items.",
    "later": "The achieved level counts consecutive reached levels from level 1, so answers above the first level "
    "that is not reached cannot change it yet; they count once it is. Each practice lists them under Not counted yet.",
    "workbook": "Not read: the Summary sheet (recomputed here with the same rule), the archetype columns of Targets "
    "(suggestions: only the Target column counts) and",
    "checklist CSV": "Not read:",
    JSON: "Not read: the characterization and guidance.framework (the targets in the file already carry their "
    "result) and created. Practices without a target are scored like the others, without a gap.",
    "direct": "Set directly: the file gives the current level of these practices, which counts instead of their "
    "item answers, as on the self-assessment page:",
    "elsewhere": "Answers to considerations of profiles not chosen in the file's guidance: the page keeps them when "
    "a profile is unticked and does not count them either:",
    "not read": "the Checklist columns other than item id, status and notes: the item id names each item, and its "
    "practice, level and text are the model's. Practices without a target are scored like the others, without a gap.",
}


class ReportError(Exception):
    """Every problem found in the file, each "location: message", so all are fixed in one pass."""

    problems = property(lambda self: self.args[0])


class Sheet(NamedTuple):
    """One table of the file, and how a message names its cells (Checklist!J14, or file.csv:7)."""

    file: str
    name: str
    rows: tuple[tuple, ...]
    lines: tuple[int, ...] | None = None  # a CSV's: the line each row starts on

    def where(self, row: int, col: int | None = None) -> str:
        if self.lines is not None:
            return f"{self.file}:{self.lines[row]}"
        from openpyxl.utils import get_column_letter

        ref = f"{row + 1}:{row + 1}" if col is None else f"{get_column_letter(col + 1)}{row + 1}"
        return f"{self.file}: {self.name}!{ref}"


class Answer(NamedTuple):
    row: int  # index in the sheet, for messages; -1 in a JSON, whose messages come from its Source
    item: str
    status: str | None  # None: not a status (already reported)
    notes: str


class Assessment(NamedTuple):
    source: str  # the file's name, for the report
    kind: str  # "workbook" or "checklist CSV"
    variant: Selection
    targets: Mapping[str, int | None]  # every practice of the file, in model order -> its target or None
    answers: Mapping[str, Answer]  # item id -> answer
    # Only a JSON carries these:
    system: str = ""  # the name of the assessed system
    levels: Mapping[str, int] = MappingProxyType({})  # practice id -> current level set directly
    justified: Mapping[str, str] = MappingProxyType({})  # practice id -> justification of a target set by hand
    elsewhere: tuple[str, ...] = ()  # answered items of profiles not chosen: not counted


class Result(NamedTuple):
    practice: Practice
    score: scoring.Score
    rows: tuple[checklists.Row, ...]
    statuses: Mapping[str, str]  # every item of the practice; "" when unanswered or not in the file
    answers: Mapping[str, Answer]
    direct: bool = False  # the achieved level was set directly, not scored from the answers


def _text(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())


def _cell(row: tuple, col: int | None) -> str:
    return _text(row[col]) if col is not None and col < len(row) else ""


def read_workbook(path: Path, data: bytes) -> dict[str, Sheet]:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ReportError([f"{path}: not an Excel workbook (.xlsx): the file is not a zip archive"])
    from openpyxl import load_workbook  # here, so the other commands run without openpyxl

    try:
        with warnings.catch_warnings():
            # openpyxl warns that it drops data validation extensions: the report does not need them.
            warnings.simplefilter("ignore")
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            rows = {ws.title: tuple(tuple(r) for r in ws.iter_rows(values_only=True)) for ws in book.worksheets}
    except Exception as error:  # openpyxl raises KeyError, ValueError, XML errors... on a zip that is not xlsx
        why = f"the zip archive holds no readable workbook ({type(error).__name__})"
        raise ReportError([f"{path}: not an Excel workbook (.xlsx): {why}"]) from None
    return {name: Sheet(str(path), name, cells) for name, cells in rows.items()}


def read_csv(path: Path, data: bytes) -> Sheet:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, byte = data[: error.start].count(b"\n") + 1, data[error.start]
        raise ReportError([f"{path}:{line}: not UTF-8 text (byte 0x{byte:02x}); save it as CSV UTF-8"]) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    rows, lines, start = [], [], 1
    try:
        for record in reader:
            rows.append(tuple(record))
            lines.append(start)  # the line a record starts on: a quoted cell may span lines
            start = reader.line_num + 1
    except csv.Error as error:
        raise ReportError([f"{path}:{reader.line_num}: not a readable CSV: {error}"]) from None
    if not rows:
        raise ReportError([f"{path}:1: the file is empty; expected the checklist header row"])
    return Sheet(str(path), path.name, tuple(rows), tuple(lines))


def _columns(sheet: Sheet, wanted: tuple[str, ...], problems: list[str]) -> dict[str, int] | None:
    """Columns found by header, so a reordered sheet still reads; None when one is missing."""
    header = [_text(v) for v in (sheet.rows[0] if sheet.rows else ())]
    missing = [name for name in wanted if name not in header]
    problems += [f"{sheet.where(0)}: column '{name}' is missing" for name in missing]
    return None if missing else {name: header.index(name) for name in header if name}


def _answers(sheet: Sheet, problems: list[str]) -> tuple[dict[str, int] | None, list[Answer]]:
    cols = _columns(sheet, ANSWER_COLUMNS, problems)
    found = []
    for index, row in enumerate(sheet.rows[1:] if cols else (), start=1):
        item, label = (_cell(row, cols[name]) for name in ANSWER_COLUMNS)
        status = scoring.status_of(label)
        if status is None:
            problems.append(f"{sheet.where(index, cols['Status'])}: status '{label}' is not one of: {STATUS_CHOICES}")
        if item:
            found.append(Answer(index, item, status, _cell(row, cols.get("Notes"))))
        elif label:  # rows without an item id or a status are blank, or notes below the table
            problems.append(f"{sheet.where(index, cols['Item id'])}: the item id is empty")
    return cols, found


def _match(sheet: Sheet, cols: dict, answers: list[Answer], expected: dict, context: str, problems: list[str]):
    """The file's answers by item id, checked against the checklist rows the file should hold."""
    found: dict[str, Answer] = {}
    for answer in answers:
        where = sheet.where(answer.row, cols["Item id"])
        if answer.item not in expected:
            problems.append(f"{where}: unknown item id '{answer.item}': {context}")
        elif answer.item in found:
            first = sheet.where(found[answer.item].row, cols["Item id"]).removeprefix(f"{sheet.file}: ")
            problems.append(f"{where}: item '{answer.item}' is listed twice (also {first})")
        else:
            found[answer.item] = answer
    return found


def _about(model: Model, sheet: Sheet, problems: list[str]) -> tuple[Selection | None, tuple[str, ...]]:
    cells: dict[str, tuple[int, str]] = {}
    for index, row in enumerate(sheet.rows):
        cells.setdefault(_cell(row, 0), (index, _cell(row, 1)))
    missing = [label for label in ABOUT_LABELS if label not in cells]
    problems += [f"{sheet.file}: {sheet.name}!A:A: no row labelled '{label}'" for label in missing]
    if missing:
        return None, ()
    (vrow, version), (krow, variant_id), (prow, listed) = (cells[label] for label in ABOUT_LABELS)
    if version != (ours := model_version(model)):
        why = "make a new workbook from this data, or give --data the data it was made from"
        problems.append(f"{sheet.where(vrow, 1)}: workbook for model version '{version}', data is '{ours}': {why}")
    variant = next((v for v in checklists.published(model) if v.id == variant_id), None)
    if variant is None:
        ids = ", ".join(v.id for v in checklists.published(model))
        problems.append(f"{sheet.where(krow, 1)}: unknown variant '{variant_id}'; expected one of: {ids}")
    ids, known = [p.strip() for p in listed.split(",") if p.strip()], [p.id for p in model.practices]
    unknown = [p for p in ids if p not in known]
    problems += [f"{sheet.where(prow, 1)}: unknown practice id '{p}'" for p in unknown]
    if not ids:
        problems.append(f"{sheet.where(prow, 1)}: no practice ids; expected them separated by commas")
    # With a wrong practice list every item id would look unknown: the list's own problem says enough.
    return variant, () if unknown else tuple(p for p in known if p in ids)


def _targets(sheet: Sheet, practices: tuple[str, ...], problems: list[str]) -> dict[str, int | None]:
    cols = _columns(sheet, ("Practice id", "Target"), problems)
    targets: dict[str, int | None] = {}
    for index, row in enumerate(sheet.rows[1:] if cols else (), start=1):
        practice, raw = _cell(row, cols["Practice id"]), _cell(row, cols["Target"])
        if not practice and not raw:
            continue
        if practice not in practices or practice in targets:
            why = "is listed twice" if practice in targets else "is not a practice of this workbook (About)"
            problems.append(f"{sheet.where(index, cols['Practice id'])}: practice '{practice}' {why}")
            continue
        targets[practice] = TARGETS.get(raw)
        if raw and targets[practice] is None:
            problems.append(f"{sheet.where(index, cols['Target'])}: target '{raw}' is not a whole number 0-4")
    return targets


def validate(model: Model, sheets: dict[str, Sheet], path: Path) -> Assessment:
    """A CSV is a lone Checklist sheet: its practices and variant follow from its item ids, and it has no targets."""
    is_csv, have = path.suffix.lower() == ".csv", ", ".join(sheets) or "none"
    problems = [f"{path}: {n}: the sheet is missing (sheets: {have})" for n in SHEETS if n not in sheets and not is_csv]
    variant, practices = _about(model, sheets["About"], problems) if "About" in sheets else (None, ())
    known = tuple(p.id for p in model.practices)
    targets = _targets(sheets["Targets"], practices or known, problems) if "Targets" in sheets else {}
    answers: dict[str, Answer] = {}
    cols, found = _answers(sheets["Checklist"], problems) if "Checklist" in sheets else (None, [])
    if is_csv and cols:
        every = {
            r.item: r.practice
            for r in checklists.rows(model, list(known), selection.select(model, [p.id for p in model.profiles]))
        }
        practices, items = tuple(p for p in known if p in {every.get(a.item) for a in found}), {a.item for a in found}
        held = {v: {r.item for r in checklists.rows(model, list(practices), v)} for v in checklists.published(model)}
        variant = max(held, key=lambda v: len(items & held[v]))  # the first (general) of those holding the most items
    if cols and variant and (practices or is_csv):  # else the expected items are unknown, and a problem says why
        expected = {r.item: r for r in checklists.rows(model, list(practices), variant)}
        context = f"not in the checklist of {', '.join(practices) or 'any practice'} with the '{variant.id}' variant"
        answers = _match(sheets["Checklist"], cols, found, expected, context, problems)
    if problems:
        raise ReportError(problems)
    targets = {p: targets.get(p) for p in practices}
    return Assessment(path.name, "checklist CSV" if is_csv else "workbook", variant, targets, answers)


def read_json(path: Path, data: bytes) -> Source:
    """The parsed file, with the line and column of every value and key for messages."""
    if len(data) > MAX_BYTES:
        why = f"a saved assessment is at most {MAX_BYTES:,} bytes ({MAX_BYTES // 2**20} MB), so it is not read"
        raise ReportError([f"{path}: the file is {len(data):,} bytes; {why}"])
    text, problems = decode(data, str(path))
    if text is None:
        raise ReportError([str(p) for p in problems])
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReportError(
            [str(Problem(str(path), error.lineno, error.colno, f"not valid JSON: {error.msg}"))]
        ) from None
    # JSON is YAML flow syntax, so the YAML reader gives the positions. The values stay json's: YAML reads a
    # few JSON forms otherwise (1e5 is text to it), and rejects some JSON (tab indentation, escaped surrogate
    # pairs); then every message points at 1:1 rather than nowhere.
    source, _ = read_source(data, str(path))
    source = source or Source(str(path), None)
    source.data = value
    return source


def _schema() -> dict:
    """The published schema, with names for messages. Ids and the model version are checked against the
    model instead of by pattern: "unknown practice 'x'" says more, and each problem is reported once."""
    schema = copy.deepcopy(schema_dict())  # changed below: schema_dict's shared parts stay as they are
    fields = schema["properties"]
    fields["model_version"] = {"type": "string"}
    guidance = fields["guidance"]["properties"]
    guidance["profiles"]["items"], guidance["framework"] = {"type": "string"}, {"type": ["string", "null"]}
    for name in ("targets", "answers", "levels"):
        del fields[name]["propertyNames"]
    # New dicts, each with its label: the two levels are one dict in the schema.
    targets, levels = fields["targets"]["additionalProperties"]["properties"], fields["levels"]
    targets["level"] = {**targets["level"], "x-label": "the target of '{parent}'"}
    levels["additionalProperties"] = {**levels["additionalProperties"], "x-label": "the level of '{key}'"}
    return schema


def _schema_problems(source: Source) -> Iterator[Problem]:
    for error in _detailed_validator()(_schema()).iter_errors(source.data):
        if error.validator == "enum" and "" in error.validator_value:  # the statuses: "" would read as nothing
            path, choices = tuple(error.absolute_path), ", ".join(s for s in scoring.STATUSES if s)
            yield source.problem(path, f"the status of '{path[1]}' must be one of: {choices}, or \"\" (not assessed)")
        else:
            yield from error_problems(source, error)


def _unknown(source: Source, path: tuple, what: str, value: Any, known: list[str], *, key: bool = False) -> Problem:
    close = difflib.get_close_matches(str(value), known, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    if not close and len(known) <= 8:  # a short list helps more than nothing; a long one buries the message
        hint = f"; expected one of: {', '.join(known)}"
    return source.problem(path, f"unknown {what} '{value}'{hint}", key=key)


def _ids(model: Model, source: Source) -> list[Problem]:
    """Every id of the file that the model lacks, and a model version that is not the model's."""
    data, problems = source.data, []

    def part(*keys: str, kind: type = dict) -> Any:  # empty where the schema found another type
        value = data
        for name in keys:
            value = value.get(name) if isinstance(value, dict) else None
        return value if isinstance(value, kind) else kind()

    version, ours = data.get("model_version"), model_version(model)
    if isinstance(version, str) and version != ours:
        why = f"assessment for model version '{version}', data is '{ours}': give --data the data it was made from"
        problems.append(source.problem(("model_version",), why))
    profiles, practices = [p.id for p in model.profiles], [p.id for p in model.practices]
    for index, profile in enumerate(part("guidance", "profiles", kind=list)):
        if isinstance(profile, str) and profile not in profiles:
            problems.append(_unknown(source, ("guidance", "profiles", index), "profile", profile, profiles))
    framework, frameworks = part("guidance").get("framework"), [f.id for f in model.frameworks]
    if isinstance(framework, str) and framework not in frameworks:
        problems.append(_unknown(source, ("guidance", "framework"), "framework", framework, frameworks))
    for name in ("targets", "levels"):
        problems += [
            _unknown(source, (name, p), "practice", p, practices, key=True) for p in part(name) if p not in practices
        ]
    # Any item of the model may be answered: the page keeps the answers of a profile that is unticked again.
    items = [r.item for r in checklists.rows(model, practices, selection.select(model, profiles))]
    problems += [
        _unknown(source, ("answers", i), "item", i, items, key=True) for i in part("answers") if i not in items
    ]
    return problems


def validate_json(model: Model, source: Source) -> Assessment:
    """The Assessment of a saved assessment, or every problem found in it, each at its line and column."""
    data = source.data
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        # Not an assessment at all: a list of its other "problems" would only bury this one.
        found = f", not {json.dumps(data['format'])}" if isinstance(data, dict) and "format" in data else ""
        why = f'not a saved assessment: "format" must be "{FORMAT}"{found}'
        raise ReportError([str(source.problem(("format",), why))])
    if data.get("version") != VERSION:
        found = json.dumps(data.get("version"))
        why = f"format version {found} is not supported; this smm-guide reads version {VERSION}"
        raise ReportError([str(source.problem(("version",), why))])
    problems = [*_schema_problems(source), *_ids(model, source)]
    if problems:
        raise ReportError([str(p) for p in sorted(set(problems))])

    practices, targets, given = [p.id for p in model.practices], data["targets"], data["answers"]
    variant = selection.select(model, tuple(p.id for p in model.profiles if p.id in data["guidance"]["profiles"]))
    answers = {}
    for row in checklists.rows(model, practices, variant):
        # The page drops an answer left without status and note: an item missing from the file is not assessed.
        entry = given.get(row.item, {"status": scoring.NOT_ASSESSED, "note": ""})
        answers[row.item] = Answer(-1, row.item, entry["status"], entry["note"])
    return Assessment(
        Path(source.path).name,
        JSON,
        variant,
        {p: int(targets[p]["level"]) if p in targets else None for p in practices},
        answers,
        system=_text(data.get("system")),
        levels={p: int(data["levels"][p]) for p in practices if p in data["levels"]},
        justified={
            p: targets[p]["justification"] for p in practices if p in targets and targets[p].get("source") in SET
        },
        elsewhere=tuple(item for item in given if item not in answers),
    )


def set_directly(found: scoring.Score, level: int) -> scoring.Score:
    """The score of a practice whose current level the assessor set, as the page's scoreOf gives it: that
    level, never provisional; the level states stay those of the answers, which the report shows apart."""
    gap = None if found.target is None else max(found.target - level, 0)
    over = 0 if found.target is None else max(level - found.target, 0)
    return dataclasses.replace(found, achieved=level, gap=gap, over=over, assessed=True, provisional=False)


def score_all(model: Model, assessment: Assessment) -> list[Result]:
    results = []
    for practice_id, target in assessment.targets.items():
        rows = tuple(checklists.rows(model, [practice_id], assessment.variant))
        answers = {r.item: assessment.answers[r.item] for r in rows if r.item in assessment.answers}
        # An item missing from the file counts as not assessed: provisional, never "not met".
        statuses = {r.item: answers[r.item].status if r.item in answers else "" for r in rows}
        levels = {n: [statuses[r.item] for r in rows if r.level == n] for n in LEVEL_NUMBERS}
        found, direct = scoring.score(levels, target), assessment.levels.get(practice_id)
        if direct is not None:
            found = set_directly(found, direct)
        results.append(Result(model.practice(practice_id), found, rows, statuses, answers, direct is not None))
    return results


def _radar(points: list[tuple[str, int | None, int]]) -> str:
    count, cx, cy, unit = len(points), 430, 280, 50  # unit: pixels per level

    def xy(i: int, level: float) -> tuple[float, float]:
        angle = 2 * math.pi * i / count - math.pi / 2
        return cx + unit * level * math.cos(angle), cy + unit * level * math.sin(angle)

    def shape(values: list[float]) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in map(xy, range(count), values))

    title = "Radar chart: target and achieved level (0-4) per practice"
    svg = [f'<svg viewBox="0 0 860 580" width="860" height="580" role="img" aria-label="{title}" font-size="13">']
    for level in LEVEL_NUMBERS:
        svg.append(f'<polygon points="{shape([level] * count)}" fill="none" stroke="#aaa"/>')
        svg.append(f'<text x="{cx + 4}" y="{cy - unit * level + 13}" fill="#444">{level}</text>')
    for i, (name, target, _) in enumerate(points):
        (x, y), (lx, ly) = xy(i, HIGHEST_LEVEL), xy(i, HIGHEST_LEVEL + 0.5)
        svg.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="#aaa"/>')
        anchor = "middle" if abs(lx - cx) < 1 else "start" if lx > cx else "end"
        lines = textwrap.wrap(name + ("" if target is not None else " (no target)"), 26)
        top = ly - (len(lines) - 1) * 7.5 + 4  # centred on the point, so neighbours above and below stay apart
        spans = (f'<tspan x="{lx:.1f}" y="{top + 15 * k:.1f}">{html.escape(t)}</tspan>' for k, t in enumerate(lines))
        svg.append(f'<text text-anchor="{anchor}">{"".join(spans)}</text>')
    # Dashed black against solid blue, squares against dots: the two series stay apart in grey print.
    targets, achieved = [t or 0 for _, t, _ in points], [a for _, _, a in points]
    svg += [f'<polygon points="{shape(v)}" {how}/>' for v, how in ((targets, TARGET_STYLE), (achieved, ACHIEVED_STYLE))]
    svg += [f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8"/>' for x, y in map(xy, range(count), targets)]
    svg += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="#1f5fa8"/>' for x, y in map(xy, range(count), achieved)]
    svg.append(f'<line x1="20" y1="560" x2="60" y2="560" {TARGET_STYLE}/><text x="66" y="565">Target</text>')
    svg.append(f'<line x1="150" y1="560" x2="190" y2="560" {ACHIEVED_STYLE}/><text x="196" y="565">Achieved</text>')
    return "\n".join(["<figure>", *svg, "</svg>", f"<figcaption>{title}.</figcaption>", "</figure>"])


def chart(results: list[Result]) -> str:
    """The radar as an HTML block, which Markdown keeps as written up to the next blank line (it has none).
    With fewer than 3 practices a radar has no area to read: a bar list shows the same two series."""
    points = [(r.practice.name, r.score.target, r.score.achieved) for r in results]
    if len(points) >= 3:
        return _radar(points)

    def bar(level: int | None) -> str:
        return f"{'■' * (level or 0)}{'□' * (HIGHEST_LEVEL - (level or 0))} {'none' if level is None else level}"

    lines = [f"- {one_line(name)}: target {bar(target)}; achieved {bar(achieved)}" for name, target, achieved in points]
    return "\n".join(["Target and achieved level (0-4) per practice:", "", *lines])


def _table(headers: tuple, rows: list[tuple]) -> list[str]:
    lines = ["| " + " | ".join(map(str, row)) + " |" for row in (headers, *rows)]
    return [lines[0], "|" + "---|" * len(headers), *lines[1:], ""]


def _items(result: Result, rows: list[checklists.Row]) -> list[str]:
    def cells(row: checklists.Row) -> tuple:
        answer = result.answers.get(row.item)
        status = "Not in the file" if answer is None else scoring.LABELS[answer.status] or "Not assessed"
        notes = "" if answer is None else _text(answer.notes).translate(MD_LITERAL)
        return row.item, row.level, one_line(row.source), one_line(row.text), status, notes

    return _table(("Item", "Level", "Source", "Text", "Status", "Notes"), [cells(r) for r in rows])


def _practice(result: Result, with_profiles: bool) -> list[str]:
    practice, found, following = result.practice, result.score, result.score.achieved + 1
    states = "; ".join(f"level {n}: {found.states[n]}" for n in LEVEL_NUMBERS)
    lead = states[0].upper() + states[1:] + "."
    if result.direct:
        lead = f"Level {found.achieved} set directly: the item answers do not count for it. By the answers, {states}."
    out = [f"## {one_line(practice.name)} ({practice.id})", "", lead, ""]
    unmet = [r for r in result.rows if r.level == following and result.statuses[r.item] not in DONE]
    # Every item not applicable: nothing is unmet, yet not applicable answers alone never reach a level.
    none = ["None, but not applicable answers alone do not reach a level.", ""]
    if following <= HIGHEST_LEVEL:
        out += [f"### Unmet items of level {following}", "", *(_items(result, unmet) if unmet else none)]
    if with_profiles:
        wanted = [r for r in result.rows if r.source != "General" and r.level <= (found.target or 0)]
        still = [r for r in wanted if result.statuses[r.item] not in DONE]
        none = f"None: all {len(wanted)} are met or not applicable." if wanted else "None in this checklist."
        upto, none = (f" up to level {found.target}", none) if found.target is not None else ("", "No target is set.")
        out += [f"### Open profile considerations{upto}", "", *(_items(result, still) if still else [none, ""])]
    later = [r.level for r in result.rows if r.level > following and result.statuses[r.item] and not result.direct]
    if later:
        levels = ", ".join(str(n) for n in sorted(set(later)))
        out += ["### Not counted yet", "", f"{len(later)} answer(s) at level(s) {levels}: level {following} is "]
        out[-1] += f"{found.states[following]}.\n"
    missing = [r for r in result.rows if r.item not in result.answers]
    if missing:
        out += ["### Items missing from the file", "", "They count as not assessed.", ""]
        out += [f"- {r.item} (level {r.level}): {one_line(r.text)}" for r in missing] + [""]
    return out


def to_markdown(model: Model, assessment: Assessment, results: list[Result]) -> str:
    variant, name = assessment.variant, _text(assessment.source).translate(MD_LITERAL)
    out = ["# Assessment report", ""]
    if assessment.system:
        out += [f"Assessed system: {_text(assessment.system).translate(MD_LITERAL)}", ""]
    out += [f"Source: {name} ({assessment.kind}). Model version: {model_version(model)}. "]
    out[-1] += f"Checklist: {one_line(variant.title)} ({variant.id}).\n"
    if not any(r.score.assessed for r in results):
        out += [SAY["nothing"], ""]
    out += [SAY["no targets"], ""] if assessment.kind == "checklist CSV" else []
    rows = []
    for r in results:
        numbers = (r.score.target, r.score.achieved, r.score.gap, None if r.score.target is None else r.score.over)
        target, achieved, gap, over = ("–" if v is None else v for v in numbers)
        achieved = f"{achieved} (set directly)" if r.direct else achieved
        practice = f"{one_line(r.practice.name)} ({r.practice.id})"
        rows.append((practice, target, achieved, gap, over, "yes" if r.score.provisional else "no"))
    out += ["## Scores", "", *_table(("Practice", "Target", "Achieved", "Gap", "Over target", "Provisional"), rows)]
    out += [SAY["terms"], "", chart(results), ""]
    if assessment.justified:
        justified = [
            (
                f"{one_line(model.practice(p).name)} ({p})",
                assessment.targets[p],
                _text(why).translate(MD_LITERAL) or "–",
            )
            for p, why in assessment.justified.items()
        ]
        out += ["## Targets set by the assessor", "", *_table(("Practice", "Target", "Justification"), justified)]
    for result in results:
        out += _practice(result, bool(variant.profiles))
    out += ["## Answers not counted", "", SAY["later"], ""]
    if assessment.levels:
        out += [f"{SAY['direct']} {', '.join(assessment.levels)}.", ""]
    if assessment.elsewhere:
        out += [f"{SAY['elsewhere']} {', '.join(assessment.elsewhere)}.", ""]
    out += [SAY[JSON] if assessment.kind == JSON else SAY[assessment.kind] + " " + SAY["not read"], ""]
    return "\n".join(out)


STYLE = """body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4;color:#000}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #666;padding:.25rem .5rem;text-align:left;
vertical-align:top}figure{margin:1rem 0}svg{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none}table,figure,tr{break-inside:avoid}}"""


def to_html(markdown_text: str) -> str:
    """A standalone page, with no external resource. The Markdown holds no raw HTML but the chart: text
    from the file is escaped, and the model's checked on load, so converting it is safe."""
    from markdown import markdown  # here: only this format needs it (it comes with MkDocs)

    body = markdown(markdown_text, extensions=["tables"], output_format="xhtml")
    head = f'<meta charset="utf-8"/><title>Assessment report</title><style>{STYLE}</style>'
    return f'<!DOCTYPE html>\n<html lang="en"><head>{head}</head><body>\n{body}\n</body></html>\n'


def make_report(model: Model, path: str | Path, fmt: str = "md") -> str:
    """The report of one file; raises ReportError with every problem found in it."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReportError([f"{path}: cannot read the file: {error.strerror or error}"]) from None
    if path.suffix.lower() == ".json":
        assessment = validate_json(model, read_json(path, data))
    else:
        sheets = {"Checklist": read_csv(path, data)} if path.suffix.lower() == ".csv" else read_workbook(path, data)
        assessment = validate(model, sheets, path)
    text = to_markdown(model, assessment, score_all(model, assessment))
    return to_html(text) if fmt == "html" else text
