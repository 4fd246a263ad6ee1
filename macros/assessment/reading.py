"""Reading the file `smm-guide report` is given, before any check against the model: a workbook or a
checklist CSV into tables whose cells know their location, a saved assessment (JSON) into a Source
that knows the line and column of every value. A file that cannot be read raises ReportError."""

from __future__ import annotations

import csv
import io
import json
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from macros.assessment.records import ReportError
from macros.data.problems import Problem
from macros.data.yamlsource import DataPath, Source, decode, read_source
from macros.outputs.assessment_file import MAX_BYTES

Cells = tuple[object, ...]  # one row of a table, as the file holds it


class Sheet(NamedTuple):
    """One table of the file, and how a message names its cells (Checklist!J14, or file.csv:7)."""

    file: str
    name: str
    rows: tuple[Cells, ...]
    lines: tuple[int, ...] | None = None  # a CSV's: the line each row starts on

    def where(self, row: int, col: int | None = None) -> str:
        if self.lines is not None:
            return f"{self.file}:{self.lines[row]}"
        from openpyxl.utils import get_column_letter

        ref = f"{row + 1}:{row + 1}" if col is None else f"{get_column_letter(col + 1)}{row + 1}"
        return f"{self.file}: {self.name}!{ref}"


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
    rows: list[Cells] = []
    lines: list[int] = []
    start = 1
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
    return Located(str(path), value, raw=data)


@dataclass
class Located(Source):
    """A JSON file's Source, whose positions are read when a message first needs one: reading them costs more
    than the whole check of a valid file, which needs none (`smm-guide portfolio` reads a thousand).

    JSON is YAML flow syntax, so the YAML reader gives the positions. The values stay json's: YAML reads a
    few JSON forms otherwise (1e5 is text to it), and rejects some JSON (tab indentation, escaped surrogate
    pairs); then every message points at 1:1 rather than nowhere."""

    raw: bytes = b""

    def where(self, path: DataPath, *, key: bool = False) -> tuple[int, int]:
        if self.raw:
            found, _ = read_source(self.raw, self.path)
            if found is not None:
                self.values, self.keys = found.values, found.keys
            self.raw = b""
        return super().where(path, key=key)
