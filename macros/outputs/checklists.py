"""Self-assessment checklists: the rows of a selection (macros/rules/selection.py), their CSV, and
the selections the site publishes. The workbook, the printable pages and `smm-guide report` all use
these rows, so they list the same items."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined

from macros.model.index import per_model
from macros.model.records import LEVEL_NUMBERS, Model
from macros.outputs.escape import neutralize_formula
from macros.rules import selection
from macros.rules.selection import Selection

# The columns of a checklist, in order; the last five are for the assessor to fill in.
COLUMNS = (
    "Practice id",
    "Practice",
    "Level",
    "Item id",
    "Item",
    "Pass criterion",
    "Evidence hint",
    "Source",
    "Mapped requirements",
    "Status",
    "Evidence",
    "Owner",
    "Due date",
    "Notes",
)
ANSWER_COLUMNS = COLUMNS[-5:]


@dataclass(frozen=True)
class Row:
    practice: str
    practice_name: str
    level: int
    item: str
    text: str
    pass_criterion: str
    evidence_hint: str
    source: str  # "General" or the profile's short name
    requirements: str

    def cells(self) -> tuple[str | int, ...]:
        fixed = (self.practice, self.practice_name, self.level, self.item, self.text, self.pass_criterion)
        return (*fixed, self.evidence_hint, self.source, self.requirements, "", "", "", "", "")


def published(model: Model) -> list[Selection]:
    """The selections the site publishes checklists for: general, each profile that adds items, and
    all of those profiles combined when there are two or more. Any other combination is made on
    demand (`smm-guide checklist`)."""
    adding = [p.id for p in model.profiles if p.practices]
    combined = [selection.select(model, adding)] if len(adding) > 1 else []
    return [selection.select(model, ()), *(selection.select(model, (p,)) for p in adding), *combined]


def scopes(model: Model, chosen: Selection) -> list[tuple[str, str, list[str]]]:
    """The files and pages of a published selection: (name, title, practice ids), first all practices,
    then each practice the selection covers (selection.covers), so none repeats a smaller selection's."""
    every = [("all", "All practices", [p.id for p in model.practices])]
    return every + [(p.id, p.name, [p.id]) for p in model.practices if selection.covers(model, chosen, p.id)]


def requirement_labels(model: Model, item_id: str) -> list[str]:
    """ "code (framework)" of every requirement whose mapping cites the item, each once."""
    labels: list[str] = []
    for entry in model.mappings_citing(item_id):
        framework = model.framework(entry.framework)
        label = f"{framework.node(entry.requirement).code} ({framework.short_name})"
        if label not in labels:
            labels.append(label)
    return labels


def rows(model: Model, practice_ids: list[str], chosen: Selection) -> list[Row]:
    """Checklist rows of the practices, level by level, as the selection rule orders them."""
    result = []
    for practice_id in practice_ids:
        practice = model.practice(practice_id)
        for number in practice.levels:
            result += [
                Row(
                    practice.id,
                    practice.name,
                    number,
                    item.id,
                    " ".join(item.text.split()),
                    " ".join(item.pass_criterion.split()),
                    " ".join(item.evidence.split()),
                    source,
                    "; ".join(requirement_labels(model, item.id)),
                )
                for item, source in selection.items(model, chosen, practice_id, number)
            ]
    return result


@per_model
def _kept(model: Model) -> dict[tuple[tuple[str, ...], Selection], tuple[Row, ...]]:
    return {}  # filled by kept_rows: the rows of each practices and selection asked for, for this model


def kept_rows(model: Model, practice_ids: Sequence[str], chosen: Selection) -> tuple[Row, ...]:
    """rows(), computed once per model, practices and selection: a command that reads many files of one
    model (`smm-guide portfolio`) asks for the same rows for each file."""
    key = (tuple(practice_ids), chosen)
    found = _kept(model)
    if key not in found:
        found[key] = tuple(rows(model, list(practice_ids), chosen))
    return found[key]


def to_csv(checklist: list[Row]) -> str:
    """UTF-8 CSV with a header row; text a spreadsheet would run as a formula stays text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in checklist:
        writer.writerow([neutralize_formula(str(cell)) if isinstance(cell, str) else cell for cell in row.cells()])
    return out.getvalue()


def to_html(model: Model, chosen: Selection, checklist: list[Row], version: str) -> str:
    """A standalone printable checklist page, with no link or resource outside itself (`smm-guide
    checklist --format html`); every text from the data is HTML-escaped."""
    env = Environment(
        loader=PackageLoader("macros.outputs", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    wanted = {row.practice for row in checklist}
    practices = [p for p in model.practices if p.id in wanted]
    by_practice = {p.id: [row for row in checklist if row.practice == p.id] for p in practices}
    title = practices[0].name if len(practices) == 1 else f"{len(practices)} practices"
    return env.get_template("checklist.html.j2").render(
        title=title,
        variant=chosen,
        version=version,
        practices=practices,
        by_practice=by_practice,
        level_names={lv.level: lv.name for lv in model.levels},
        LEVEL_NUMBERS=LEVEL_NUMBERS,
    )


@dataclass(frozen=True)
class Checklist:
    """The rows of one published selection, computed once and shared by its printable pages, CSV
    files and workbooks."""

    selection: Selection
    by_practice: dict[str, list[Row]]

    def rows(self, practice_ids: list[str]) -> list[Row]:
        return [row for practice_id in practice_ids for row in self.by_practice[practice_id]]


def checklists(model: Model) -> list[Checklist]:
    """Every published selection with its rows, practice by practice."""
    every = [p.id for p in model.practices]
    found = []
    for chosen in published(model):
        by_practice: dict[str, list[Row]] = {practice_id: [] for practice_id in every}
        for row in rows(model, every, chosen):
            by_practice[row.practice].append(row)
        found.append(Checklist(chosen, by_practice))
    return found
