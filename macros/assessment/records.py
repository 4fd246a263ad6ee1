"""What the steps of `smm-guide report` hand each other: the Assessment a file gives once it is valid,
its answers, and the error that carries every problem found in a file."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from macros.rules.selection import Selection

# The kinds of file, as the report names them.
WORKBOOK = "workbook"
CHECKLIST_CSV = "checklist CSV"
JSON = "assessment saved by the self-assessment page"  # the kind of the file the self-assessment page exports


class ReportError(Exception):
    """Every problem found in the file, each "location: message", so all are fixed in one pass."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems)
        self.problems = problems


class Answer(NamedTuple):
    row: int  # index in the sheet, for messages; -1 in a JSON, whose messages come from its Source
    item: str
    # One of scoring.STATUSES. A label that is not a status is a problem of the file, reported when read:
    # its answer never reaches an Assessment.
    status: str
    notes: str


class Assessment(NamedTuple):
    source: str  # the file's name, for the report
    kind: str  # WORKBOOK, CHECKLIST_CSV or JSON
    variant: Selection
    targets: Mapping[str, int | None]  # every practice of the file, in model order -> its target or None
    answers: Mapping[str, Answer]  # item id -> answer
    out_of_scope: Mapping[str, str] = MappingProxyType({})  # practice id -> why it is out of scope
    # A JSON made with another model version (resuming.resume): what changed, said in the report.
    notices: tuple[str, ...] = ()
    reworded: tuple[str, ...] = ()  # answered items reworded since the answer: check again
    # Only a JSON carries these:
    system: str = ""  # the name of the assessed system
    levels: Mapping[str, int] = MappingProxyType({})  # practice id -> current level set directly
    justified: Mapping[str, str] = MappingProxyType({})  # practice id -> justification of a target set by hand
    elsewhere: tuple[str, ...] = ()  # answered items of profiles not chosen: not counted
    created: str = ""  # when the assessment was started, as the file writes it (the portfolio orders by it)
    archetypes: tuple[str, ...] = ()  # the archetypes its characterization starts from (a portfolio group)


def text(value: object) -> str:
    """A cell or value of the file as one line of text; "" for an empty cell."""
    return "" if value is None else " ".join(str(value).split())
