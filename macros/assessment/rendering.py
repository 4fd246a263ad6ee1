"""The report of a scored Assessment: Markdown (scores, chart, each practice's unmet items, open profile
considerations, answers not counted yet and items missing from the file), and a standalone HTML page
made from it. What the report does not count, and why, is in SAY below: the report says it too."""

from __future__ import annotations

from collections.abc import Sequence

from macros.assessment.chart import chart
from macros.assessment.records import CHECKLIST_CSV, JSON, WORKBOOK, Assessment, text
from macros.assessment.scoring import Result
from macros.model.records import HIGHEST_LEVEL, LEVEL_NUMBERS, Model
from macros.outputs import checklists
from macros.outputs.escape import one_line
from macros.outputs.export import model_version
from macros.rules import scoring, selection

DONE = (scoring.MET, scoring.NOT_APPLICABLE)  # statuses that leave nothing to do for an item
# Text from the file is shown as written in Markdown: no emphasis, link or HTML can come from it.
LITERAL = {c: "\\" + c for c in "\\`*_[]"} | {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "~": "&#126;"}
MD_LITERAL = str.maketrans(LITERAL | {"{": "&#123;", "}": "&#125;"})
SAY = {
    "scope": "Scope: {} of {} practices. Scores, gaps, the chart and the items below cover these only; "
    "the practices out of scope are listed with their reasons.",
    "out": "Left out of this assessment: no score or gap is given for them, and answers the file holds for them "
    "are kept but not counted.",
    "no reason": "A not applicable answer needs the reason the item does not apply, in its notes. These have none; "
    "the scores still count them as not applicable:",
    "nothing": "Nothing was assessed: no item in the file has a status, so every level is not assessed.",
    "no targets": "A checklist CSV has no targets: the report shows achieved levels without gaps.",
    "terms": "Gap: target minus achieved level. Over target: achieved level above the target, shown apart because "
    "higher is not always better. Provisional: the level after the achieved one has unanswered items.",
    "later": "The achieved level counts consecutive reached levels from level 1, so answers above the first level "
    "that is not reached cannot change it yet; they count once it is. Each practice lists them under Not counted yet.",
    WORKBOOK: "Not read: the Summary sheet (recomputed here with the same rule), the archetype columns of Targets "
    "(suggestions: only the Target column counts) and",
    CHECKLIST_CSV: "Not read:",
    JSON: "Not read: the characterization and guidance.framework (the targets in the file already carry their "
    "result) and created. Practices without a target are scored like the others, without a gap.",
    "direct": "Set directly: the file gives the current level of these practices, which counts instead of their "
    "item answers, as on the self-assessment page:",
    "elsewhere": "Answers to considerations of profiles not chosen in the file's guidance: the page keeps them when "
    "a profile is unticked and does not count them either:",
    "not read": "the Checklist columns other than item id, status and notes: the item id names each item, and its "
    "practice, level and text are the model's. Practices without a target are scored like the others, without a gap.",
}
STYLE = """body{font-family:sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4;color:#000}
table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #666;padding:.25rem .5rem;text-align:left;
vertical-align:top}figure{margin:1rem 0}svg{max-width:100%;height:auto}
@media print{body{margin:0;max-width:none}table,figure,tr{break-inside:avoid}}"""

Cells = tuple[object, ...]  # one row of a Markdown table


def _literal(value: object) -> str:
    return text(value).translate(MD_LITERAL)


def _table(headers: Cells, rows: Sequence[Cells]) -> list[str]:
    lines = ["| " + " | ".join(map(str, row)) + " |" for row in (headers, *rows)]
    return [lines[0], "|" + "---|" * len(headers), *lines[1:], ""]


def _items(result: Result, rows: Sequence[checklists.Row]) -> list[str]:
    def cells(row: checklists.Row) -> Cells:
        answer = result.answers.get(row.item)
        status = "Not in the file" if answer is None else scoring.LABELS[answer.status] or "Not assessed"
        notes = "" if answer is None else _literal(answer.notes)
        return row.item, row.level, one_line(row.source), one_line(row.text), status, notes

    return _table(("Item", "Level", "Source", "Text", "Status", "Notes"), [cells(r) for r in rows])


def _lacking_reasons(results: Sequence[Result]) -> list[str]:
    """The not applicable answers without a reason, in model order: a problem of the file, listed, not refused."""
    lacking = [
        f"- {row.item} ({one_line(r.practice.name)}, level {row.level}): {one_line(row.text)}"
        for r in results
        for row in r.rows
        if r.statuses[row.item] == scoring.NOT_APPLICABLE and not text(r.answers[row.item].notes)
    ]
    return ["## Not applicable without a reason", "", SAY["no reason"], "", *lacking, ""] if lacking else []


def _practice(result: Result, with_profiles: bool) -> list[str]:
    practice, found, following = result.practice, result.score, result.score.achieved + 1
    states = "; ".join(f"level {n}: {found.states[n]}" for n in LEVEL_NUMBERS)
    lead = states[0].upper() + states[1:] + "."
    if result.direct:
        lead = f"Level {found.achieved} set directly: the item answers do not count for it. By the answers, {states}."
    out = [f"## {one_line(practice.name)} ({practice.id})", "", lead, ""]
    unmet = [r for r in result.rows if r.level == following and result.statuses[r.item] not in DONE]
    # Every item not applicable: nothing is unmet, yet not applicable answers alone never reach a level.
    none_unmet = ["None, but not applicable answers alone do not reach a level.", ""]
    if following <= HIGHEST_LEVEL:
        out += [f"### Unmet items of level {following}", "", *(_items(result, unmet) if unmet else none_unmet)]
    if with_profiles:
        wanted = [r for r in result.rows if r.source != selection.GENERAL_LABEL and r.level <= (found.target or 0)]
        still = [r for r in wanted if result.statuses[r.item] not in DONE]
        upto, none_open = "", "No target is set."
        if found.target is not None:
            upto = f" up to level {found.target}"
            none_open = f"None: all {len(wanted)} are met or not applicable." if wanted else "None in this checklist."
        out += [f"### Open profile considerations{upto}", "", *(_items(result, still) if still else [none_open, ""])]
    later = [r.level for r in result.rows if r.level > following and result.statuses[r.item] and not result.direct]
    if later:
        levels = ", ".join(str(n) for n in sorted(set(later)))
        out += ["### Not counted yet", "", f"{len(later)} answer(s) at level(s) {levels}: level {following} is "]
        out[-1] += f"{found.states[following]}.\n"
    missing = [r for r in result.rows if r.item not in result.answers]
    if missing:
        out += ["### Items missing from the file", "", "They count as not assessed.", ""]
        out += [f"- {r.item} (level {r.level}): {one_line(r.text)}" for r in missing] + [""]
    return out


def to_markdown(model: Model, assessment: Assessment, results: Sequence[Result]) -> str:
    variant, name = assessment.variant, _literal(assessment.source)
    out = ["# Assessment report", ""]
    if assessment.system:
        out += [f"Assessed system: {_literal(assessment.system)}", ""]
    out += [f"Source: {name} ({assessment.kind}). Model version: {model_version(model)}. "]
    out[-1] += f"Checklist: {one_line(variant.title)} ({variant.id}).\n"
    everything, results = results, [r for r in results if r.score.in_scope]
    if len(results) < len(everything):
        out += [SAY["scope"].format(len(results), len(everything)), ""]
    if assessment.notices:
        out += ["## Opened from another model version", "", *(f"- {_literal(n)}" for n in assessment.notices), ""]
    out += _lacking_reasons(results)
    if not any(r.score.assessed for r in results):
        out += [SAY["nothing"], ""]
    out += [SAY["no targets"], ""] if assessment.kind == CHECKLIST_CSV else []
    rows: list[Cells] = []
    for r in results:
        # Over target is shown where a gap is: not without a target, nor with nothing answered.
        numbers = (r.score.target, r.score.achieved, r.score.gap, None if r.score.gap is None else r.score.over)
        target, achieved, gap, over = ("–" if v is None else v for v in numbers)
        achieved = f"{achieved} (set directly)" if r.direct else achieved
        practice = f"{one_line(r.practice.name)} ({r.practice.id})"
        rows.append((practice, target, achieved, gap, over, "yes" if r.score.provisional else "no"))
    out += ["## Scores", "", *_table(("Practice", "Target", "Achieved", "Gap", "Over target", "Provisional"), rows)]
    out += [SAY["terms"], "", chart(results), ""]
    if assessment.justified:
        justified = [
            (f"{one_line(model.practice(p).name)} ({p})", assessment.targets[p], _literal(why) or "–")
            for p, why in assessment.justified.items()
        ]
        out += ["## Targets set by the assessor", "", *_table(("Practice", "Target", "Justification"), justified)]
    if len(results) < len(everything):
        reasons = [
            (f"{one_line(r.practice.name)} ({r.practice.id})", _literal(assessment.out_of_scope[r.practice.id]) or "–")
            for r in everything
            if not r.score.in_scope
        ]
        out += ["## Out of scope", "", SAY["out"], "", *_table(("Practice", "Why it is out of scope"), reasons)]
    for result in results:
        out += _practice(result, bool(variant.profiles))
    out += ["## Answers not counted", "", SAY["later"], ""]
    if assessment.levels:
        out += [f"{SAY['direct']} {', '.join(p for p in assessment.levels if p not in assessment.out_of_scope)}.", ""]
    if assessment.elsewhere:
        out += [f"{SAY['elsewhere']} {', '.join(assessment.elsewhere)}.", ""]
    out += [SAY[JSON] if assessment.kind == JSON else SAY[assessment.kind] + " " + SAY["not read"], ""]
    return "\n".join(out)


def to_html(markdown_text: str) -> str:
    """A standalone page, with no external resource. The Markdown holds no raw HTML but the chart: text
    from the file is escaped, and the model's checked on load, so converting it is safe."""
    from markdown import markdown  # here: only this format needs it (it comes with MkDocs)

    body = markdown(markdown_text, extensions=["tables"], output_format="xhtml")
    head = f'<meta charset="utf-8"/><title>Assessment report</title><style>{STYLE}</style>'
    return f'<!DOCTYPE html>\n<html lang="en"><head>{head}</head><body>\n{body}\n</body></html>\n'
