"""`smm-guide report`: achieved levels, gaps and next steps from a filled assessment workbook, a
checklist CSV, or the JSON that the self-assessment page exports.

Pure steps, each in its module: read (reading: file -> tables whose cells know their location, or a JSON
Source) -> validate (validating, validating_json: -> Assessment, or every problem at once) -> score
(scoring: macros/rules/scoring.py per practice) -> render (rendering: Markdown; HTML from it).
"""

from __future__ import annotations

from pathlib import Path

from macros.assessment.reading import read_csv, read_json, read_workbook
from macros.assessment.records import Assessment, ReportError
from macros.assessment.rendering import to_html, to_markdown
from macros.assessment.scoring import score_all
from macros.assessment.validating import validate
from macros.assessment.validating_json import validate_json
from macros.model.records import Model


def read_assessment(model: Model, path: str | Path) -> Assessment:
    """The Assessment of one file of any kind; raises ReportError with every problem found in it."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReportError([f"{path}: cannot read the file: {error.strerror or error}"]) from None
    if path.suffix.lower() == ".json":
        return validate_json(model, read_json(path, data))
    sheets = {"Checklist": read_csv(path, data)} if path.suffix.lower() == ".csv" else read_workbook(path, data)
    return validate(model, sheets, path)


def make_report(model: Model, path: str | Path, fmt: str = "md") -> str:
    """The report of one file; raises ReportError with every problem found in it."""
    assessment = read_assessment(model, path)
    text = to_markdown(model, assessment, score_all(model, assessment))
    return to_html(text) if fmt == "html" else text
