"""Files for the tests of `smm-guide report` (tests/assessment): workbooks, checklist CSVs and saved
assessments (JSON) made from a model, and running the command on them.

The workbooks are built with openpyxl following the workbook contract (sheets Targets, Checklist,
Summary, About), so these tests do not depend on macros/outputs/workbook.py. The JSON files are built
from the model as the page's exportData writes them, so they never go stale.
"""

import json
from pathlib import Path

from openpyxl import Workbook

from macros.assessment.reading import read_json
from macros.assessment.validating_json import validate_json
from macros.cli.main import main
from macros.outputs import checklists
from macros.outputs.assessment_file import FORMAT, VERSION
from macros.outputs.export import model_version
from macros.rules import scoring, selection
from tests.conftest import MINI

STATUS = checklists.COLUMNS.index("Status")
NOTES = checklists.COLUMNS.index("Notes")

# The filled sample: p-one reaches level 1 only (level 2 has a partly met and a not met item), with
# a level 3 answer that does not count yet and one item missing from the file; p-two has no target.
SAMPLE_STATUSES = {
    "p-one-1-1": "Met",
    "p-one-1-2": "Met",
    "p-one-1-3": "met",
    "pos-p-one-1-1": "Met",
    "pos-p-one-1-2": "Not applicable",
    "p-one-2-1": "Met",
    "p-one-2-2": "Partly met",
    "pos-p-one-2-1": "Not met",
    "pos-p-one-2-2": "Met",
    "p-one-3-1": "Met",
    **{f"p-two-{level}-{n}": "Met" for level in (1, 2, 3) for n in (1, 2, 3)},
    "p-two-3-2": "Not applicable",
}
SAMPLE_NOTES = {"p-one-2-2": "Log *missing* for March | see [ticket]", "pos-p-one-2-1": "Owner: store ops"}


def write_workbook(
    path,
    model,
    *,
    variant="pos",
    practices=None,
    statuses=None,
    targets=None,
    notes=None,
    about=None,
    drop=(),
    skip=(),
    extra=(),
    headers=None,
    scope=None,
):
    """A workbook as the contract describes it; `drop` removes sheets, `skip` checklist items,
    `extra` appends checklist rows, `about` overrides About values, `headers` renames Checklist headers,
    `scope` (practice id -> (In scope cell, Justification)) adds the In scope column, which workbooks
    made before it lack."""
    practices = practices or [p.id for p in model.practices]
    chosen = selection.parse(model, variant)
    assert chosen is not None, variant
    statuses, targets, notes = statuses or {}, targets or {}, notes or {}
    book = Workbook()
    sheet = book.active
    sheet.title = "Targets"
    archetypes = [a for pid in chosen.profiles for a in model.profile(pid).archetypes]
    scoped = ["In scope"] if scope is not None else []
    sheet.append(
        ["Practice id", "Practice", "Target", "Justification", *scoped, *[f"Archetype: {a.name}" for a in archetypes]]
    )
    for pid in practices:
        in_scope, why = (scope or {}).get(pid, ("Yes", None))
        cells = [in_scope] if scope is not None else []
        sheet.append(
            [pid, model.practice(pid).name, targets.get(pid), why, *cells, *[a.targets.get(pid) for a in archetypes]]
        )
    sheet = book.create_sheet("Checklist")
    sheet.append([(headers or {}).get(c, c) for c in checklists.COLUMNS])
    for row in checklists.rows(model, practices, chosen):
        if row.item not in skip:
            cells = list(row.cells())
            cells[STATUS], cells[NOTES] = statuses.get(row.item) or None, notes.get(row.item) or None
            sheet.append([c if c != "" else None for c in cells])
    for cells in extra:
        sheet.append(list(cells))
    sheet = book.create_sheet("Summary")
    sheet.append(["Practice id", "Practice", "Target", "Achieved", "Gap", "Over target", "Assessed"])
    for pid in practices:
        sheet.append([pid, model.practice(pid).name, "=Targets!C2"])
    sheet = book.create_sheet("About")
    values = {
        "Title": "Self-assessment",
        "Model version": model_version(model),
        "Variant": variant,
        "Practices": ", ".join(practices),
        "Generated": "1980-01-01",
        "Scoring rule": "see scoring.py",
        "Statuses": "Met, Partly met, Not met, Not applicable",
        "Notice": "Independent.",
        **(about or {}),
    }
    for label, value in values.items():
        sheet.append([label, value])
    for name in drop:
        del book[name]
    book.save(path)
    return path


def checklist_row(model, item, variant="pos"):
    """The 1-based row of `item` on the Checklist sheet of a full workbook."""
    chosen = selection.parse(model, variant)
    assert chosen is not None, variant
    items = [r.item for r in checklists.rows(model, [p.id for p in model.practices], chosen)]
    return items.index(item) + 2


def run_report(capsys, *args, data=MINI):
    code = main(["report", *map(str, args), "--data", str(data)])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def failing(capsys, path, data=MINI):
    code, out, err = run_report(capsys, path, data=data)
    assert code == 1
    assert out == ""
    return err


def sample_workbook(path: Path, model) -> Path:
    """The filled sample: the sample answers and notes, a target for p-one, one row left out."""
    return write_workbook(
        path, model, statuses=SAMPLE_STATUSES, targets={"p-one": 3}, notes=SAMPLE_NOTES, skip={"pos-p-one-4-2"}
    )


def filled_csv(model, path, statuses, variant="pos"):
    chosen = selection.parse(model, variant)
    assert chosen is not None, variant
    lines = checklists.to_csv(checklists.rows(model, [p.id for p in model.practices], chosen)).split("\r\n")
    filled = [lines[0]]
    for line in lines[1:]:
        item = line.split(",")[3] if line else ""
        filled.append(line[: -len(",,,,")] + statuses.get(item, "") + ",,,," if item else line)
    path.write_text("\r\n".join(filled), encoding="utf-8")
    return path


# --- the JSON the self-assessment page exports


def saved(model, **fields):
    """A saved assessment of `model` as the page's exportData writes it; `fields` replace its parts."""
    return {
        "format": FORMAT,
        "version": VERSION,
        "model_version": model_version(model),
        "created": "2025-03-01T09:30:00.000Z",
        "system": "Store 12 tills",
        "guidance": {"profiles": ["pos"], "framework": None},
        "characterization": {},
        "targets": {},
        "answers": {},
        "levels": {},
        **fields,
    }


def answered(statuses, notes=None):
    """The page's answers for statuses written as in a workbook (SAMPLE_STATUSES)."""
    notes = notes or {}
    return {item: {"status": scoring.status_of(label), "note": notes.get(item, "")} for item, label in statuses.items()}


def write_json(path, data):
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")  # as the page's Export JSON does
    return path


def at(path, value, *, after=False):
    """'file:line:col' where `value` first starts in the file as JSON; `after`: where the value of that key starts."""
    content = path.read_text(encoding="utf-8")
    start = content.index(json.dumps(value))
    start = content.index(": ", start) + 2 if after else start
    line_start = content.rfind("\n", 0, start) + 1
    return f"{path}:{content.count(chr(10), 0, start) + 1}:{start - line_start + 1}"


def from_json(model, path):
    return validate_json(model, read_json(path, path.read_bytes()))
