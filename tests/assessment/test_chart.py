"""The chart of target and achieved levels: a radar for 3 practices or more."""

import xml.etree.ElementTree as ET

from macros.outputs import checklists
from macros.rules.selection import select
from tests.conftest import ROOT
from tests.support.assessments import run_report, write_workbook


def test_radar_chart_for_three_or_more_practices(tmp_path, real_model, capsys):
    practices = [p.id for p in real_model.practices[:3]]
    rows = checklists.rows(real_model, practices, select(real_model, ()))
    statuses = {r.item: "Met" for r in rows if r.level == 1 and r.practice != practices[1]}
    book = write_workbook(
        tmp_path / "r.xlsx",
        real_model,
        variant="general",
        practices=practices,
        statuses=statuses,
        targets={practices[0]: 2, practices[1]: 3},
    )
    code, page, _ = run_report(capsys, book, "--format", "html", data=ROOT / "data")
    assert code == 0
    svg = ET.fromstring(page.removeprefix("<!DOCTYPE html>\n")).find(".//figure/svg")
    assert svg is not None and svg.get("role") == "img"
    labels = [" ".join(t.itertext()) for t in svg.iter("text")]
    names = [real_model.practice(p).name for p in practices]
    assert {"Target", "Achieved", "1", "2", "3", "4"} <= set(labels)
    assert all(any(n.split()[0] in label for label in labels) for n in names)
    assert any("(no target)" in label for label in labels)
    assert len([p for p in svg.iter("polygon") if "stroke-dasharray" in p.attrib]) == 1  # the target series
    assert len(list(svg.iter("polygon"))) == 4 + 2  # the level rings and the two series
