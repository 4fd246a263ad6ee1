"""The portfolio's tables (portfolio.tables) as Markdown, one standalone HTML page (inline CSS and SVG, a
few lines of inline script to sort the tables, no request anywhere), an XLSX workbook with one sheet per table,
or one CSV text per table. Text from the files is data: escaped in Markdown and HTML, written as text in
XLSX (the assessment workbook's writer), and neutralized as a formula in CSV."""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Sequence

from macros.assessment.portfolio import Cell, Table, tables
from macros.assessment.portfolio_files import Entry, Portfolio, latest
from macros.assessment.records import text
from macros.assessment.rendering import MD_LITERAL
from macros.model.records import HIGHEST_LEVEL, Model
from macros.outputs.escape import neutralize_formula
from macros.outputs.export import model_version

TITLE = "Portfolio of assessments"
GRIDS = ("systems", "over-time")  # a column per practice: on paper, they fit the page's width
# Light fills under black text (contrast above 12:1); the cell's text says the same, for grey print.
SHADES = {"gap0": "#cdebcd", "gap1": "#fff1a8", "gap2": "#ffd59e", "gap3": "#f6b3b3", "out": "#e2e2e2"}
SHADE_NAMES = {"gap0": "at or over target", "gap1": "gap 1", "gap2": "gap 2", "gap3": "gap 3 or more", "out": "out"}
STYLE = (
    """body{font-family:sans-serif;margin:2rem;line-height:1.4;color:#000;background:#fff}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.85rem}
th,td{border:1px solid #666;padding:.2rem .4rem;text-align:left;vertical-align:top}
th button{all:unset;font:inherit;cursor:pointer;text-decoration:underline dotted}
th button:focus-visible{outline:2px solid #1f5fa8}
td.out{font-style:italic}.legend span{display:inline-block;padding:0 .4rem;margin-right:.3rem;border:1px solid #666}
figure{margin:1rem 0;break-inside:avoid}svg{max-width:100%;height:auto}
"""
    + "".join(f"td.{k},.legend .{k}{{background:{v}}}" for k, v in SHADES.items())
    + """
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
@page{size:A4 landscape;margin:1cm}
.scroll{overflow-x:auto}
@media print{body{margin:0}th button{text-decoration:none}tr,figure{break-inside:avoid}h2{break-after:avoid}
.scroll{overflow:visible}table.grid{table-layout:fixed;width:100%;font-size:6.5pt}
table.grid th{overflow-wrap:anywhere}}"""
)
# Sorting by a column: numbers as numbers (a grid cell by its gap), other text as text.
SCRIPT = """document.querySelectorAll("th button").forEach(function (b) {
  b.addEventListener("click", function () {
    var th = b.parentNode, table = th.closest("table"), col = Array.prototype.indexOf.call(th.parentNode.cells, th);
    var up = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", up ? "ascending" : "descending");
    var key = function (row) {
      var c = row.cells[col];
      return c.dataset.sort !== undefined ? c.dataset.sort : c.textContent;
    };
    var rows = Array.prototype.slice.call(table.tBodies[0].rows).sort(function (x, y) {
      var a = key(x), c = key(y), na = parseFloat(a), nc = parseFloat(c);
      var order = !isNaN(na) && !isNaN(nc) ? na - nc : a.localeCompare(c);
      return up ? order : -order;
    });
    rows.forEach(function (row) { table.tBodies[0].appendChild(row); });
  });
});"""


def _md(value: object) -> str:
    return text(value).translate(MD_LITERAL)


def _value(cell: Cell) -> str:
    return "" if cell.value is None else str(cell.value)


def _intro(model: Model, portfolio: Portfolio) -> tuple[str, str]:
    systems = len(latest(portfolio))
    said = f"{len(portfolio.entries)} assessment file(s) of {systems} system(s). Model version: {model_version(model)}."
    grouped = f" Grouped by {portfolio.group_by}." if portfolio.group_by else ""
    return said, grouped


def _notices(portfolio: Portfolio) -> list[tuple[str, str, str]]:
    """(file, what, message): the rejected files first, then the files opened from another model version."""
    out = [(r.path, "Rejected", p) for r in portfolio.rejected for p in r.problems]
    for entry in portfolio.entries:
        out += [(str(entry.path), "Another model version", n) for n in entry.assessment.notices]
    return out


def notices_table(portfolio: Portfolio) -> Table | None:
    found = _notices(portfolio)
    if not found:
        return None
    lead = (
        "Rejected files are left out of every table (--skip-invalid). Files from another model version are read "
        "with the resume rules: answers kept, retired items moved to their successors, reworded items flagged."
    )
    rows = tuple(tuple(map(Cell, row)) for row in found)
    return Table("notices", "Rejected files and model version notices", lead, ("File", "What", "Message"), rows)


def with_notices(portfolio: Portfolio, tables: Sequence[Table]) -> list[Table]:
    first = notices_table(portfolio)
    return [first, *tables] if first else list(tables)


def to_markdown(model: Model, portfolio: Portfolio, tables: Sequence[Table]) -> str:
    said, grouped = _intro(model, portfolio)
    out = [f"# {TITLE}", "", said + grouped, ""]
    for table in with_notices(portfolio, tables):
        out += [f"## {table.title}", "", _md(table.lead), ""]
        lines = [(_md(h) for h in table.headers), *((_md(_value(c)) for c in row) for row in table.rows)]
        rendered = ["| " + " | ".join(cells) + " |" for cells in lines]
        out += [rendered[0], "|" + "---|" * len(table.headers), *rendered[1:], ""]
    out += ["The HTML output (--format html) adds a chart per system with more than one assessment.", ""]
    return "\n".join(out)


def _html_table(table: Table) -> list[str]:
    head = "".join(f'<th scope="col"><button type="button">{html.escape(h)}</button></th>' for h in table.headers)
    grid = ' class="grid"' if table.name in GRIDS else ""
    out = [f'<div class="scroll"><table id="{table.name}"{grid}>', f"<thead><tr>{head}</tr></thead>", "<tbody>"]
    for row in table.rows:
        cells = []
        for cell in row:
            attrs = f' class="{cell.shade}"' if cell.shade else ""
            attrs += "" if cell.sort is None else f' data-sort="{cell.sort}"'
            cells.append(f"<td{attrs}>{html.escape(_value(cell))}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    return [*out, "</tbody>", "</table></div>"]


def history_chart(model: Model, entries: Sequence[Entry]) -> str:
    """One system's assessments, oldest first: per practice, achieved (solid, dots; hollow when provisional)
    against target (dashed), each on a small 0-4 scale, from left to right by date."""
    left, step, band, rows_at, unit = 190, 90, 46, 12, 8  # pixels: labels, dates, practice, top, level
    practices = [(i, p) for i, p in enumerate(model.practices) if any(e.results[i].score.in_scope for e in entries)]
    width, height = left + step * (len(entries) - 1) + 60, rows_at + band * len(practices) + 30
    system = html.escape(entries[0].system)
    label = f"{system}: achieved (solid line, dots) and target (dashed) per practice, levels 0 to 4, by date"
    svg = [
        f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{label}" '
        'font-size="11">'
    ]

    def x(k: int) -> int:
        return left + step * k

    for row, (i, practice) in enumerate(practices):
        base = rows_at + band * row + unit * HIGHEST_LEVEL + 4

        def y(level: int, base: int = base) -> int:
            return base - unit * level

        svg.append(
            f'<text x="{left - 12}" y="{base - unit * 2 + 4}" text-anchor="end">{html.escape(practice.id)}</text>'
        )
        svg += [
            f'<line x1="{left - 6}" x2="{x(len(entries) - 1) + 6}" y1="{y(v)}" y2="{y(v)}" stroke="#bbb" '
            'stroke-width="0.5"/>'
            for v in (0, HIGHEST_LEVEL)
        ]
        scores = [e.results[i].score for e in entries]
        targets = [(x(k), y(s.target)) for k, s in enumerate(scores) if s.in_scope and s.target is not None]
        achieved = [(x(k), y(s.achieved), s.provisional) for k, s in enumerate(scores) if s.in_scope and s.assessed]
        if targets:
            points = " ".join(f"{a},{b}" for a, b in targets)
            svg.append(
                f'<polyline points="{points}" fill="none" stroke="#000" stroke-width="1.5" stroke-dasharray="4 3"/>'
            )
        if achieved:
            points = " ".join(f"{a},{b}" for a, b, _ in achieved)
            svg.append(f'<polyline points="{points}" fill="none" stroke="#1f5fa8" stroke-width="2"/>')
            svg += [
                f'<circle cx="{a}" cy="{b}" r="3" fill="{"#fff" if p else "#1f5fa8"}" stroke="#1f5fa8"/>'
                for a, b, p in achieved
            ]
    for k, entry in enumerate(entries):
        svg.append(f'<text x="{x(k)}" y="{height - 8}" text-anchor="middle">{html.escape(entry.date[:10])}</text>')
    caption = f"{system}: achieved and target per practice over time (0 to 4 per row). Values: the Over time table."
    return "\n".join(["<figure>", *svg, "</svg>", f"<figcaption>{caption}</figcaption>", "</figure>"])


def to_html(model: Model, portfolio: Portfolio, tables: Sequence[Table]) -> str:
    said, grouped = _intro(model, portfolio)
    legend = "".join(f'<span class="{k}">{v}</span>' for k, v in SHADE_NAMES.items())
    body = [f"<h1>{TITLE}</h1>", f"<p>{html.escape(said + grouped)}</p>"]
    for table in with_notices(portfolio, tables):
        body += [f'<h2 id="{table.name}-title">{html.escape(table.title)}</h2>', f"<p>{html.escape(table.lead)}</p>"]
        if table.name in ("systems", "over-time"):
            body.append(f'<p class="legend">Gap: {legend}</p>')
        body += _html_table(table)
        if table.name == "over-time":
            systems: dict[str, list[Entry]] = {}
            for entry in portfolio.entries:
                systems.setdefault(entry.system, []).append(entry)
            body += [history_chart(model, e) for e in systems.values() if len(e) > 1]
    body.append("<p>Sort a table by a column with its heading button.</p>")
    head = f'<meta charset="utf-8"/><title>{TITLE}</title><style>{STYLE}</style>'
    page = f'<!DOCTYPE html>\n<html lang="en"><head>{head}</head><body>\n' + "\n".join(body)
    return page + f"\n<script>{SCRIPT}</script>\n</body></html>\n"


def to_csv(portfolio: Portfolio, tables: Sequence[Table]) -> dict[str, str]:
    """File name -> CSV text, one per table; a cell a spreadsheet would run as a formula starts with '."""
    out = {}
    for table in with_notices(portfolio, tables):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([neutralize_formula(h) for h in table.headers])
        for row in table.rows:
            writer.writerow([neutralize_formula(c.value) if isinstance(c.value, str) else c.value for c in row])
        out[f"{table.name}.csv"] = buffer.getvalue()
    return out


def to_xlsx(portfolio: Portfolio, tables: Sequence[Table]) -> bytes:
    """One sheet per table, text written as text (never a formula), with filters to sort and filter by."""
    from xlsxwriter import Workbook  # here: only this format needs it

    from macros.outputs.workbook import OPTIONS, _write_row, build_time

    buffer = io.BytesIO()
    book = Workbook(buffer, OPTIONS)
    book.set_properties({"title": TITLE, "created": build_time()})
    header = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDE6F0"})
    for table in with_notices(portfolio, tables):
        sheet = book.add_worksheet(table.name)
        _write_row(sheet, 0, table.headers, header)
        for index, row in enumerate(table.rows, start=1):
            _write_row(sheet, index, [c.value for c in row])
        sheet.freeze_panes(1, 1)
        sheet.autofilter(0, 0, len(table.rows), len(table.headers) - 1)
        sheet.set_column(0, len(table.headers) - 1, 14)
    book.close()
    return buffer.getvalue()


def render(model: Model, portfolio: Portfolio, fmt: str) -> str | bytes | dict[str, str]:
    """The portfolio in one format: md or html text, xlsx bytes, or csv texts by file name."""
    found = tables(model, portfolio, long=fmt in ("csv", "xlsx"))
    if fmt == "html":
        return to_html(model, portfolio, found)
    if fmt == "xlsx":
        return to_xlsx(portfolio, found)
    if fmt == "csv":
        return to_csv(portfolio, found)
    return to_markdown(model, portfolio, found)
