"""Checking the tables of a workbook (the workbook contract: sheets Targets, Checklist, Summary, About)
or of a checklist CSV against the model: the model version, the variant, the practice and item ids,
statuses and targets. The result is an Assessment, or ReportError with every problem at once.

A file may hold any combination of profiles, published or made with `smm-guide checklist`. Which
items it should hold is the selection rule's (macros/rules/selection.py), through the
checklist rows of macros/outputs/checklists.py: the report has no rule of its own for it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from macros.assessment.reading import Cells, Sheet
from macros.assessment.records import CHECKLIST_CSV, WORKBOOK, Answer, Assessment, ReportError, text
from macros.model.records import Model
from macros.outputs import checklists
from macros.outputs.export import model_version
from macros.rules import scoring, selection
from macros.rules.selection import Selection

SHEETS = ("Targets", "Checklist", "About")  # the sheets read; Summary is only formulas over these
ABOUT_LABELS = ("Model version", "Variant", "Practices")
ANSWER_COLUMNS = ("Item id", "Status")  # the item id names the item: its practice and level are the model's
STATUS_CHOICES = ", ".join(scoring.LABELS[s] for s in scoring.STATUSES if s)


def _cell(row: Cells, col: int | None) -> str:
    return text(row[col]) if col is not None and col < len(row) else ""


def _columns(sheet: Sheet, wanted: tuple[str, ...], problems: list[str]) -> dict[str, int] | None:
    """Columns found by header, so a reordered sheet still reads; None when one is missing."""
    header = [text(v) for v in (sheet.rows[0] if sheet.rows else ())]
    missing = [name for name in wanted if name not in header]
    problems += [f"{sheet.where(0)}: column '{name}' is missing" for name in missing]
    return None if missing else {name: header.index(name) for name in header if name}


def _answers(sheet: Sheet, problems: list[str]) -> tuple[dict[str, int] | None, list[Answer]]:
    cols = _columns(sheet, ANSWER_COLUMNS, problems)
    if not cols:
        return cols, []
    found = []
    for index, row in enumerate(sheet.rows[1:], start=1):
        item, label = (_cell(row, cols[name]) for name in ANSWER_COLUMNS)
        status = scoring.status_of(label)
        if status is None:
            problems.append(f"{sheet.where(index, cols['Status'])}: status '{label}' is not one of: {STATUS_CHOICES}")
        if item:
            found.append(Answer(index, item, status or scoring.NOT_ASSESSED, _cell(row, cols.get("Notes"))))
        elif label:  # rows without an item id or a status are blank, or notes below the table
            problems.append(f"{sheet.where(index, cols['Item id'])}: the item id is empty")
    return cols, found


def _match(
    sheet: Sheet,
    cols: Mapping[str, int],
    answers: list[Answer],
    expected: Mapping[str, checklists.Row],
    context: str,
    problems: list[str],
) -> dict[str, Answer]:
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
    variant = selection.parse(model, variant_id)  # any combination, published or made on demand
    if variant is None:
        profile_ids = ", ".join(p.id for p in model.profiles) or "none"
        why = f"expected '{selection.GENERAL}' or profile ids in the model's order joined by '{selection.SEPARATOR}'"
        problems.append(f"{sheet.where(krow, 1)}: unknown variant '{variant_id}'; {why} (profiles: {profile_ids})")
    ids, known = [p.strip() for p in listed.split(",") if p.strip()], [p.id for p in model.practices]
    unknown = [p for p in ids if p not in known]
    problems += [f"{sheet.where(prow, 1)}: unknown practice id '{p}'" for p in unknown]
    if not ids:
        problems.append(f"{sheet.where(prow, 1)}: no practice ids; expected them separated by commas")
    # With a wrong practice list every item id would look unknown: the list's own problem says enough.
    return variant, () if unknown else tuple(p for p in known if p in ids)


IN_SCOPE, OUT_OF_SCOPE = scoring.IN_SCOPE, scoring.OUT_OF_SCOPE
SCOPE = {IN_SCOPE.lower(): True, OUT_OF_SCOPE.lower(): False, "": True}  # a blank In scope cell: in scope


def _targets(
    sheet: Sheet, practices: tuple[str, ...], problems: list[str]
) -> tuple[dict[str, int | None], dict[str, str]]:
    """The target of each practice listed, and why each practice out of scope is (its Justification).
    A workbook made before the In scope column has every practice in scope."""
    cols = _columns(sheet, ("Practice id", "Target"), problems)
    targets: dict[str, int | None] = {}
    out: dict[str, str] = {}
    if not cols:
        return targets, out
    for index, row in enumerate(sheet.rows[1:], start=1):
        practice, raw = _cell(row, cols["Practice id"]), _cell(row, cols["Target"])
        if not practice and not raw:
            continue
        if practice not in practices or practice in targets:
            why = "is listed twice" if practice in targets else "is not a practice of this workbook (About)"
            problems.append(f"{sheet.where(index, cols['Practice id'])}: practice '{practice}' {why}")
            continue
        targets[practice] = scoring.TARGET_TEXTS.get(raw)
        if raw and targets[practice] is None:
            problems.append(f"{sheet.where(index, cols['Target'])}: target '{raw}' is not a whole number 0-4")
        scope = _cell(row, cols.get("In scope")).lower()
        if scope not in SCOPE:
            where = sheet.where(index, cols["In scope"])
            problems.append(f"{where}: in scope '{_cell(row, cols['In scope'])}' is not {IN_SCOPE} or {OUT_OF_SCOPE}")
        elif not SCOPE[scope]:
            out[practice] = _cell(row, cols.get("Justification"))
    return targets, out


def _of_items(model: Model, found: list[Answer]) -> tuple[Selection, tuple[str, ...]]:
    """The variant and practices of a CSV, which names neither: the practices of its item ids, and the
    selection of every profile one of its items comes from (general when none does)."""
    known = [p.id for p in model.practices]
    every_profile = selection.select(model, [p.id for p in model.profiles])
    every = {r.item: r.practice for r in checklists.rows(model, known, every_profile)}
    owner = {
        item.id: profile.id
        for profile in model.profiles
        for levels in profile.practices.values()
        for items in levels.values()
        for item in items
    }
    practices = tuple(p for p in known if p in {every.get(a.item) for a in found})
    return selection.select(model, {owner[a.item] for a in found if a.item in owner}), practices


def validate(model: Model, sheets: dict[str, Sheet], path: Path) -> Assessment:
    """A CSV is a lone Checklist sheet: its practices and variant follow from its item ids, and it has no targets."""
    is_csv, have = path.suffix.lower() == ".csv", ", ".join(sheets)  # openpyxl reads no workbook without a sheet
    problems = [f"{path}: {n}: the sheet is missing (sheets: {have})" for n in SHEETS if n not in sheets and not is_csv]
    variant, practices = _about(model, sheets["About"], problems) if "About" in sheets else (None, ())
    known = tuple(p.id for p in model.practices)
    targets, out = _targets(sheets["Targets"], practices or known, problems) if "Targets" in sheets else ({}, {})
    answers: dict[str, Answer] = {}
    cols, found = _answers(sheets["Checklist"], problems) if "Checklist" in sheets else (None, [])
    if is_csv and cols:
        variant, practices = _of_items(model, found)
    if cols and variant and (practices or is_csv):  # else the expected items are unknown, and a problem says why
        expected = {r.item: r for r in checklists.rows(model, list(practices), variant)}
        context = f"not in the checklist of {', '.join(practices) or 'any practice'} with the '{variant.id}' variant"
        answers = _match(sheets["Checklist"], cols, found, expected, context, problems)
    if problems:
        raise ReportError(problems)
    assert variant is not None  # each way of lacking one (no About, an unknown variant, no columns) is a problem
    targets = {p: targets.get(p) for p in practices}
    kind = CHECKLIST_CSV if is_csv else WORKBOOK
    return Assessment(
        path.name, kind, variant, targets, answers, out_of_scope={p: out[p] for p in practices if p in out}
    )
