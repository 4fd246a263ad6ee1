"""Self-assessment checklists: the rows (general indicators plus the considerations of the chosen
profiles), their CSV, and the variants the site publishes. The workbook (macros/workbook.py), the
printable pages and `smm-guide report` all use these rows, so they list the same items."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from .model import Model
from .text import neutralize_formula

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
GENERAL = "general"  # the variant without any profile


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

    def cells(self) -> tuple:
        fixed = (self.practice, self.practice_name, self.level, self.item, self.text, self.pass_criterion)
        return (*fixed, self.evidence_hint, self.source, self.requirements, "", "", "", "", "")


@dataclass(frozen=True)
class Variant:
    """One published checklist: general, or with one profile's considerations."""

    id: str  # "general" or a profile id
    title: str
    profiles: tuple[str, ...]


def variants(model: Model) -> list[Variant]:
    found = [Variant(GENERAL, "General guidance", ())]
    found += [Variant(p.id, f"With the {p.name}", (p.id,)) for p in model.profiles if p.practices]
    return found


def requirement_labels(model: Model, item_id: str) -> list[str]:
    """ "code (framework)" of every requirement whose mapping cites the item, each once."""
    labels: list[str] = []
    for entry in model.mappings_citing(item_id):
        framework = model.framework(entry.framework)
        label = f"{framework.node(entry.requirement).code} ({framework.short_name})"
        if label not in labels:
            labels.append(label)
    return labels


def rows(model: Model, practice_ids: list[str], profile_ids: tuple[str, ...] = ()) -> list[Row]:
    """Checklist rows of the practices, level by level: general indicators, then each profile's items."""
    result = []
    for practice_id in practice_ids:
        practice = model.practice(practice_id)
        for number, block in practice.levels.items():
            items = [(i, "General") for i in block.indicators]
            for profile_id in profile_ids:
                profile = model.profile(profile_id)
                items += [(c, profile.short_name) for c in profile.considerations(practice_id, number)]
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
                for item, source in items
            ]
    return result


def to_csv(checklist: list[Row]) -> str:
    """UTF-8 CSV with a header row; text a spreadsheet would run as a formula stays text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for row in checklist:
        writer.writerow([neutralize_formula(str(cell)) if isinstance(cell, str) else cell for cell in row.cells()])
    return out.getvalue()
