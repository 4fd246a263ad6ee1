"""The assessment workbook (.xlsx): targets, the checklist to fill in, a summary computed by
spreadsheet formulas that implement macros/rules/scoring.py, and an About sheet.

The layout is fixed by the workbook contract (sheet names, columns, formulas), because
`smm-guide report` reads filled-in workbooks back. The formulas are checked against the shared
vectors in data/scoring-vectors.yaml with a real spreadsheet engine (tests/outputs/test_workbook.py).
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime

from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from macros.model.records import LEVEL_NUMBERS, Model
from macros.outputs.checklists import COLUMNS, Row, rows
from macros.outputs.export import NOTICE, model_version
from macros.rules import scoring
from macros.rules.selection import Selection

SHEETS = ("Targets", "Checklist", "Summary", "About")
TARGET_HEADERS = ("Practice id", "Practice", "Target", "Justification", "In scope")
SUMMARY_HEADERS = (
    ("Practice id", "Practice", "Target", "Achieved", "Gap", "Over target", "Assessed")
    + tuple(f"Level {n}" for n in LEVEL_NUMBERS)
    + ("In scope",)
)
IN_SCOPE, OUT_OF_SCOPE = scoring.IN_SCOPE, scoring.OUT_OF_SCOPE  # Targets' In scope; Justification says why out
STATUS_LABELS = [scoring.LABELS[s] for s in scoring.STATUSES if s != scoring.NOT_ASSESSED]
ANSWERS = [s for s in scoring.STATUSES if s != scoring.NOT_ASSESSED]
# The blanks `smm-guide report` reads as spaces (records.text and scoring.status_of split on them): the formulas
# make each a space before TRIM, so 'Met ', 'Met' + no-break space and 'not  met' count as the report counts them.
BLANKS = tuple(c for c in map(chr, range(0x3001)) if c.isspace() and c != " ")  # U+3000 is the last blank
TARGET_LEVELS = [0, 1, 2, 3, 4]
# Checklist column widths (characters) and the columns whose text wraps.
WIDTHS = (14, 24, 6, 14, 48, 40, 30, 12, 24, 14, 32, 14, 12, 32)
WRAPPED = {"Practice", "Item", "Pass criterion", "Evidence hint", "Mapped requirements", "Evidence", "Notes"}
COL = {name: xl_col_to_name(i) for i, name in enumerate(COLUMNS)}
# XlsxWriter would otherwise turn some strings into numbers, formulas or links behind our back.
OPTIONS = {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}


def build_time() -> datetime:
    """SOURCE_DATE_EPOCH (as in the site build) or 1980-01-01, so identical input gives identical bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).replace(tzinfo=None)
    return datetime(1980, 1, 1)


def rule_in_words() -> str:
    """The bullets of scoring.py's docstring: the one statement of the rule, not a copy of it."""
    doc = scoring.__doc__ or ""
    bullets = re.findall(r"^- (.+?)(?=^- |^\s*$)", doc, re.M | re.S)
    return " ".join(" ".join(bullet.split()) for bullet in bullets)


def _write_row(sheet: Worksheet, row: int, values: Iterable[object], fmt: Format | None = None) -> None:
    # Every text goes through write_string: data text starting with = + - @ must stay text.
    for col, value in enumerate(values):
        if isinstance(value, bool) or value is None or value == "":
            continue
        if isinstance(value, int | float):
            sheet.write_number(row, col, value, fmt)
        else:
            sheet.write_string(row, col, str(value), fmt)


def _formula(sheet: Worksheet, row: int, col: int, formula: str) -> None:
    # An empty cached value: the spreadsheet computes every result, we never supply one.
    sheet.write_formula(row, col, formula, None, "")


def _targets(book: Workbook, fmt: dict[str, Format], model: Model, variant: Selection, practice_ids: list[str]) -> None:
    sheet = book.add_worksheet("Targets")
    archetypes = [a for pid in variant.profiles for a in model.profile(pid).archetypes]
    _write_row(sheet, 0, (*TARGET_HEADERS, *(f"Archetype: {a.name}" for a in archetypes)), fmt["header"])
    for row, practice_id in enumerate(practice_ids, start=1):
        suggested = [a.targets.get(practice_id) for a in archetypes]
        _write_row(
            sheet, row, (practice_id, model.practice(practice_id).name, "", "", IN_SCOPE, *suggested), fmt["wrap"]
        )
    last = len(practice_ids)
    sheet.data_validation(
        1,
        4,
        max(last, 1),
        4,
        {
            "validate": "list",
            "source": [IN_SCOPE, OUT_OF_SCOPE],
            "input_title": "In scope",
            "input_message": f"{OUT_OF_SCOPE}: the practice is left out of this assessment (say why under "
            "Justification); it then has no gap. Its answers are kept.",
            "error_title": "Yes or No",
            "error_message": f"Choose {IN_SCOPE} or {OUT_OF_SCOPE}.",
        },
    )
    sheet.data_validation(
        1,
        2,
        max(last, 1),
        2,
        {
            "validate": "list",
            "source": TARGET_LEVELS,
            "input_title": "Target level",
            "input_message": "The level this practice should reach: a whole number from 0 to 4.",
            "error_title": "Not a level",
            "error_message": "Choose a whole number from 0 to 4 (0: the practice is deliberately not performed).",
        },
    )
    _flag_refused(sheet, fmt, 2, max(last, 1), scoring.TARGET_TEXTS)
    _flag_refused(sheet, fmt, 4, max(last, 1), (IN_SCOPE.lower(), OUT_OF_SCOPE.lower()))
    sheet.set_column(0, 0, 18)
    sheet.set_column(1, 1, 32, fmt["wrap"])
    sheet.set_column(2, 2, 8)
    sheet.set_column(3, 3, 48, fmt["wrap"])
    sheet.set_column(4, 4, 9)
    if archetypes:
        sheet.set_column(5, 4 + len(archetypes), 18, fmt["wrap"])
    sheet.freeze_panes(1, 0)


def _flag_refused(sheet: Worksheet, fmt: dict[str, Format], col: int, last: int, texts: Iterable[str]) -> None:
    """Marks the cells of a column that `smm-guide report` refuses: a pasted or typed value gets past the data
    validation, and the Summary counts it as blank, so the sheet must show it is not counted."""
    cell = f"{xl_col_to_name(col)}2"
    sheet.conditional_format(
        1, col, last, col, {"type": "formula", "criteria": _refused(cell, texts), "format": fmt["refused"]}
    )


def _checklist(book: Workbook, fmt: dict[str, Format], checklist: list[Row]) -> None:
    sheet = book.add_worksheet("Checklist")
    _write_row(sheet, 0, COLUMNS, fmt["header"])
    for row, item in enumerate(checklist, start=1):
        _write_row(sheet, row, item.cells())
    last = max(len(checklist), 1)
    for col, (name, width) in enumerate(zip(COLUMNS, WIDTHS, strict=True)):
        cell_format = fmt["date"] if name == "Due date" else fmt["wrap"] if name in WRAPPED else None
        sheet.set_column(col, col, width, cell_format)
    status = COLUMNS.index("Status")
    sheet.data_validation(
        1,
        status,
        last,
        status,
        {
            "validate": "list",
            "source": STATUS_LABELS,
            "ignore_blank": True,
            "input_title": "Status",
            "input_message": "Leave blank while the item is not assessed.",
            "error_title": "Unknown status",
            "error_message": "Choose Met, Partly met, Not met or Not applicable, or leave blank.",
        },
    )
    due = COLUMNS.index("Due date")
    sheet.data_validation(
        1,
        due,
        last,
        due,
        {
            "validate": "date",
            "criteria": "between",
            "minimum": date(2000, 1, 1),
            "maximum": date(2099, 12, 31),
            "error_title": "Not a date",
            "error_message": "Enter a date, for example 2025-06-30.",
        },
    )
    _flag_refused(sheet, fmt, status, last, _typed_forms(ANSWERS))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, last, len(COLUMNS) - 1)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)


def _typed(cell: str) -> str:
    """The text of a cell or range as the report reads it: blanks made spaces, trimmed, in lower case."""
    for blank in BLANKS:
        code = f"CHAR({ord(blank)})" if ord(blank) < 128 else f"_xlfn.UNICHAR({ord(blank)})"
        cell = f'SUBSTITUTE({cell},{code}," ")'
    return f"LOWER(TRIM({cell}))"


def _one_of(texts: Iterable[str]) -> str:
    return "{" + ",".join(f'"{t}"' for t in texts) + "}"


def _is(cell: str, texts: Iterable[str]) -> str:
    """Whether the cell (or each cell of a range) is typed as one of `texts` (lower case)."""
    return f"ISNUMBER(MATCH({_typed(cell)},{_one_of(texts)},0))"


def _refused(cell: str, texts: Iterable[str]) -> str:
    """A conditional format's test: the cell holds something the report refuses (blank is accepted)."""
    return f'=AND({_typed(cell)}<>"",NOT({_is(cell, texts)}))'


def _typed_forms(statuses: Iterable[str]) -> list[str]:
    return [form for status in statuses for form in scoring.typed_forms(status)]


def _range(column: str, last: int) -> str:
    """The absolute range of one Checklist column over the table's rows."""
    return f"Checklist!${COL[column]}$2:${COL[column]}${last}"


def _level_formula(row: int, level: int, last: int, items: int) -> str:
    """reached / not reached / not assessed for one level, as scoring.level_state decides it. `items` is the
    number of items the level has, fixed when the workbook is made: a deleted row is an unanswered item, as
    it is for the report, not one item fewer to meet."""

    def count(statuses: Iterable[str]) -> str:
        rows = f"({_range('Practice id', last)}=$A{row})*({_range('Level', last)}={level})"
        return f"SUMPRODUCT({rows}*{_is(_range('Status', last), _typed_forms(statuses))})"

    blocking = count((scoring.NOT_MET, scoring.PARTLY))
    met, answered = count((scoring.MET,)), count((scoring.MET, scoring.NOT_APPLICABLE))
    return (
        f'=IF({blocking}>0,"{scoring.NOT_REACHED}",'
        f'IF({items}>{answered},"{scoring.UNASSESSED}",'
        f'IF({met}>0,"{scoring.REACHED}","{scoring.NOT_REACHED}")))'
    )


def _on_targets(column: str, row: int) -> str:
    """The cell of `column` in the Targets row of the practice on Summary `row`: found by practice id, so a
    sorted Targets sheet keeps each target on its practice. An error when the practice has no row there."""
    return f"INDEX(Targets!${column}:${column},MATCH($A{row},Targets!$A:$A,0))"


def _summary(
    book: Workbook, fmt: dict[str, Format], model: Model, practice_ids: list[str], checklist: list[Row]
) -> None:
    sheet = book.add_worksheet("Summary")
    _write_row(sheet, 0, SUMMARY_HEADERS, fmt["header"])
    states = [xl_col_to_name(7 + i) for i in range(len(LEVEL_NUMBERS))]  # H-K
    last = max(len(checklist), 1) + 1
    for index, practice_id in enumerate(practice_ids, start=1):
        r = index + 1
        _write_row(sheet, index, (practice_id, model.practice(practice_id).name))
        # A target the report refuses (2.5, 5, -1, text) is no target here: no gap is computed from it.
        found = f"MATCH({_typed(_on_targets('C', r))},{_one_of(scoring.TARGET_TEXTS)},0)"
        levels = "{" + ",".join(str(n) for n in scoring.TARGET_TEXTS.values()) + "}"
        _formula(sheet, index, 2, f'=IFERROR(INDEX({levels},{found}),"")')
        # In scope unless its Targets row says No: a file made before the column existed has every practice in.
        _formula(sheet, index, 11, f'=IFERROR({_typed(_on_targets("E", r))}<>"{OUT_OF_SCOPE.lower()}",TRUE)')
        # Achieved: the consecutive reached levels from level 1.
        achieved = "4"
        for number, col in reversed(list(zip(LEVEL_NUMBERS, states, strict=True))):
            achieved = f'IF({col}{r}<>"{scoring.REACHED}",{number - 1},{achieved})'
        _formula(sheet, index, 3, f"={achieved}")
        # No gap and no over target without a target, out of scope, or with nothing answered (scoring.with_gap).
        counted = f'OR(C{r}="",NOT(L{r}),NOT(G{r}))'
        _formula(sheet, index, 4, f'=IF({counted},"",MAX(C{r}-D{r},0))')
        _formula(sheet, index, 5, f'=IF({counted},"",MAX(D{r}-C{r},0))')
        mine = f"({_range('Practice id', last)}=$A{r})"
        _formula(sheet, index, 6, f"=SUMPRODUCT({mine}*{_is(_range('Status', last), _typed_forms(ANSWERS))})>0")
        for number in LEVEL_NUMBERS:
            items = sum(1 for row in checklist if row.practice == practice_id and row.level == number)
            _formula(sheet, index, 6 + number, _level_formula(r, number, last, items))
    sheet.set_column(0, 0, 18)
    sheet.set_column(1, 1, 32, fmt["wrap"])
    sheet.set_column(2, 11, 12)
    sheet.freeze_panes(1, 0)
    _chart(book, sheet, len(practice_ids))


def _chart(book: Workbook, sheet: Worksheet, count: int) -> None:
    # A radar needs at least three spokes to show a shape; with fewer, bars compare the values.
    chart = book.add_chart({"type": "radar"} if count >= 3 else {"type": "bar"})
    last = count + 1
    for letter in ("C", "D"):  # Target, Achieved
        chart.add_series(
            {
                "name": f"=Summary!${letter}$1",
                "categories": f"=Summary!$B$2:$B${last}",
                "values": f"=Summary!${letter}$2:${letter}${last}",
            }
        )
    chart.set_title({"name": "Target and achieved level per practice"})
    value_axis = {"min": 0, "max": 4, "major_unit": 1}
    if count >= 3:
        chart.set_y_axis(value_axis)
    else:
        chart.set_x_axis(value_axis)  # a bar chart's value axis is horizontal
    chart.set_size({"width": 640, "height": 480})
    sheet.insert_chart("M2", chart)


def _about(
    book: Workbook,
    fmt: dict[str, Format],
    version: str,
    variant: Selection,
    practice_ids: list[str],
    generated: datetime,
) -> None:
    sheet = book.add_worksheet("About")
    statuses = ", ".join(STATUS_LABELS) + "; leave blank while not assessed."
    entries = (
        ("Title", f"smm-guide self-assessment workbook: {variant.title}"),
        ("Model version", version),
        ("Variant", variant.id),
        ("Practices", ", ".join(practice_ids)),
        ("Generated", generated.strftime("%Y-%m-%d")),
        ("Scoring rule", rule_in_words()),
        ("Statuses", statuses),
        ("Notice", NOTICE),
    )
    for row, (label, value) in enumerate(entries):
        sheet.write_string(row, 0, label, fmt["header"])
        sheet.write_string(row, 1, value, fmt["wrap"])
    sheet.set_column(0, 0, 16)
    sheet.set_column(1, 1, 100, fmt["wrap"])


def workbook_bytes(
    model: Model,
    variant: Selection,
    practice_ids: list[str],
    version: str | None = None,
    checklist: list[Row] | None = None,
) -> bytes:
    """The .xlsx of one checklist variant for the given practices (one, or all), in model order.

    `version` is export.model_version(model) and `checklist` the rows of these practices in this
    selection; pass them when making many workbooks of one model, so they are computed once.
    """
    wanted = set(practice_ids)
    ordered = [p.id for p in model.practices if p.id in wanted]
    if not ordered or len(ordered) != len(wanted):
        raise ValueError(f"a workbook needs practices of the model, got {sorted(wanted)}")
    generated = build_time()
    buffer = io.BytesIO()
    # in_memory: XlsxWriter then dates every zip entry 1980-01-01, so the bytes do not depend on the clock.
    book = Workbook(buffer, OPTIONS)
    book.set_properties({"title": "smm-guide self-assessment workbook", "created": generated})
    fmt = {
        "header": book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDE6F0"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd", "valign": "top"}),
        # Spreadsheets' own "bad" style: dark red on light red (5.9:1 contrast).
        "refused": book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006", "bold": True}),
    }
    checklist = rows(model, ordered, variant) if checklist is None else checklist
    _targets(book, fmt, model, variant, ordered)
    _checklist(book, fmt, checklist)
    _summary(book, fmt, model, ordered, checklist)
    _about(book, fmt, version or model_version(model), variant, ordered, generated)
    book.close()
    return buffer.getvalue()
