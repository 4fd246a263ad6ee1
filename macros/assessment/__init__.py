"""`smm-guide report`: read an assessment file, check it against the model, score it and render the
report. The steps are modules (reading, validating, validating_json, scoring, chart, rendering) over
the records they share (records); report.make_report runs them in order."""

from macros.assessment.records import ReportError
from macros.assessment.report import make_report

__all__ = ["ReportError", "make_report"]
