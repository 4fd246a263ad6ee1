"""The report's chart of target and achieved level per practice: an inline SVG radar, styled by
presentation attributes (no stylesheet, no external resource), or a bar list below 3 practices."""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Sequence

from macros.assessment.scoring import Result
from macros.model.records import HIGHEST_LEVEL, LEVEL_NUMBERS
from macros.outputs.escape import one_line

# Dashed black against solid blue, squares against dots: the two series stay apart in grey print.
TARGET_STYLE = 'fill="none" stroke="#000" stroke-width="2" stroke-dasharray="6 4"'
ACHIEVED_STYLE = 'fill="#1f5fa8" fill-opacity="0.2" stroke="#1f5fa8" stroke-width="3"'

Point = tuple[str, int | None, int]  # practice name, target, achieved level


def _radar(points: Sequence[Point]) -> str:
    count, cx, cy, unit = len(points), 430, 280, 50  # unit: pixels per level

    def xy(i: int, level: float) -> tuple[float, float]:
        angle = 2 * math.pi * i / count - math.pi / 2
        return cx + unit * level * math.cos(angle), cy + unit * level * math.sin(angle)

    def shape(values: Sequence[float]) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in map(xy, range(count), values))

    title = "Radar chart: target and achieved level (0-4) per practice"
    svg = [f'<svg viewBox="0 0 860 580" width="860" height="580" role="img" aria-label="{title}" font-size="13">']
    for level in LEVEL_NUMBERS:
        svg.append(f'<polygon points="{shape([level] * count)}" fill="none" stroke="#aaa"/>')
        svg.append(f'<text x="{cx + 4}" y="{cy - unit * level + 13}" fill="#444">{level}</text>')
    for i, (name, target, _) in enumerate(points):
        (x, y), (lx, ly) = xy(i, HIGHEST_LEVEL), xy(i, HIGHEST_LEVEL + 0.5)
        svg.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="#aaa"/>')
        anchor = "middle" if abs(lx - cx) < 1 else "start" if lx > cx else "end"
        lines = textwrap.wrap(name + ("" if target is not None else " (no target)"), 26)
        top = ly - (len(lines) - 1) * 7.5 + 4  # centred on the point, so neighbours above and below stay apart
        spans = (f'<tspan x="{lx:.1f}" y="{top + 15 * k:.1f}">{html.escape(t)}</tspan>' for k, t in enumerate(lines))
        svg.append(f'<text text-anchor="{anchor}">{"".join(spans)}</text>')
    targets, achieved = [t or 0 for _, t, _ in points], [a for _, _, a in points]
    svg += [f'<polygon points="{shape(v)}" {how}/>' for v, how in ((targets, TARGET_STYLE), (achieved, ACHIEVED_STYLE))]
    svg += [f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8"/>' for x, y in map(xy, range(count), targets)]
    svg += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="#1f5fa8"/>' for x, y in map(xy, range(count), achieved)]
    svg.append(f'<line x1="20" y1="560" x2="60" y2="560" {TARGET_STYLE}/><text x="66" y="565">Target</text>')
    svg.append(f'<line x1="150" y1="560" x2="190" y2="560" {ACHIEVED_STYLE}/><text x="196" y="565">Achieved</text>')
    return "\n".join(["<figure>", *svg, "</svg>", f"<figcaption>{title}.</figcaption>", "</figure>"])


def chart(results: Sequence[Result]) -> str:
    """The radar as an HTML block, which Markdown keeps as written up to the next blank line (it has none).
    With fewer than 3 practices a radar has no area to read: a bar list shows the same two series."""
    points = [(r.practice.name, r.score.target, r.score.achieved) for r in results]
    if len(points) >= 3:
        return _radar(points)

    def bar(level: int | None) -> str:
        return f"{'■' * (level or 0)}{'□' * (HIGHEST_LEVEL - (level or 0))} {'none' if level is None else level}"

    lines = [f"- {one_line(name)}: target {bar(target)}; achieved {bar(achieved)}" for name, target, achieved in points]
    return "\n".join(["Target and achieved level (0-4) per practice:", "", *lines])
