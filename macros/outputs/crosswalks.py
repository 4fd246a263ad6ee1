"""What the mappings say, arranged for pages and downloads: per requirement, per practice, per level,
and as crosswalk tables. Pure functions of the model; a table here is rendered as a page table and
written as CSV from the same rows, so the two cannot disagree."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass

from macros.model.records import (
    Archetype,
    Consideration,
    Framework,
    Group,
    Indicator,
    MappingEntry,
    Model,
    Practice,
    Profile,
    Requirement,
)
from macros.outputs import routes
from macros.outputs.escape import neutralize_formula


def relationship_names(model: Model) -> dict[str, str]:
    """Relationship id -> the name pages and downloads show, strongest first (data/mapping-method.yaml)."""
    return model.mapping_method.names


@dataclass(frozen=True)
class Cell:
    text: str
    link: str | None = None  # a docs path (routes), made relative by the template


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    # What an abbreviated column label stands for ("" where it says it all): a tooltip on the page.
    expansions: tuple[str, ...] = ()


class Mappings:
    """The mappings of a model, indexed every way the pages need them."""

    def __init__(self, model: Model):
        self.model = model
        self.relationships = relationship_names(model)
        self.direct: dict[tuple[str, str], list[MappingEntry]] = defaultdict(list)
        self.by_practice: dict[str, list[MappingEntry]] = defaultdict(list)
        for entry in model.mappings:
            self.direct[(entry.framework, entry.requirement)].append(entry)
            self.by_practice[entry.practice].append(entry)

    def of(self, framework: Framework, node_id: str) -> tuple[str | None, list[MappingEntry]]:
        """The mappings that apply to a node: its own, else those of the nearest ancestor (whose id is returned)."""
        current: str | None = node_id
        while current is not None:
            found = self.direct.get((framework.id, current))
            if found:
                return (None if current == node_id else current), sorted(found, key=self.order)
            node = framework.node(current)
            current = node.parent if isinstance(node, Requirement) else None
        return None, []

    def order(self, entry: MappingEntry) -> tuple[int, int, str]:
        """How mappings of one requirement are listed: by level, strongest relationship first, then practice."""
        return (entry.level, list(self.relationships).index(entry.relationship), entry.practice)

    def lowest_level(self, framework: Framework, node_id: str) -> int | None:
        _, entries = self.of(framework, node_id)
        return min((e.level for e in entries), default=None)

    def coverage(self, framework: Framework) -> tuple[int, int, int]:
        """(mapped, deliberately unmapped, total) over the nodes every mapping must cover."""
        nodes = framework.mapped_nodes()
        mapped = sum(1 for node in nodes if (framework.id, node.id) in self.direct)
        unmapped = sum(1 for node in nodes if node.id in framework.unmapped)
        return mapped, unmapped, len(nodes)

    def gaps(self, framework: Framework) -> list[Group | Requirement]:
        """Nodes at the mapped level with no mapping and no recorded reason."""
        return [
            node
            for node in framework.mapped_nodes()
            if (framework.id, node.id) not in self.direct and node.id not in framework.unmapped
        ]

    def for_practice(self, practice_id: str) -> dict[str, dict[int, list[MappingEntry]]]:
        """framework id -> level -> the practice's mappings, in framework order."""
        result: dict[str, dict[int, list[MappingEntry]]] = {}
        for framework in self.model.frameworks:
            levels: dict[int, list[MappingEntry]] = defaultdict(list)
            for entry in self.by_practice.get(practice_id, []):
                if entry.framework == framework.id:
                    levels[entry.level].append(entry)
            if levels:
                order = _node_order(framework)
                result[framework.id] = {
                    n: sorted(levels[n], key=lambda e: order[e.requirement]) for n in sorted(levels)
                }
        return result

    def first_reached(self, framework: Framework, level: int) -> list[Group | Requirement]:
        """Mapped nodes whose lowest mapped level is `level`."""
        return [node for node in framework.mapped_nodes() if self.lowest_level(framework, node.id) == level]

    def unmapped_practice_levels(self) -> dict[str, list[int]]:
        """Practice id -> the levels from which the practice meets no requirement of any framework."""
        used = {(e.practice, e.level) for e in self.model.mappings}
        found = {p.id: [n for n in p.levels if (p.id, n) not in used] for p in self.model.practices}
        return {practice_id: levels for practice_id, levels in found.items() if levels}


def _node_order(framework: Framework) -> dict[str, int]:
    nodes: list[Group | Requirement] = [*framework.groups, *framework.requirements]
    return {node.id: index for index, node in enumerate(nodes)}


def ancestors(framework: Framework, node: Group | Requirement) -> list[Group | Requirement]:
    """The group, then each requirement above `node`, from the top."""
    if isinstance(node, Group):
        return []
    chain: list[Group | Requirement] = []
    parent = node.parent
    while parent is not None:
        above = framework.node(parent)
        chain.insert(0, above)
        parent = above.parent
    return [framework.node(node.group), *chain]


def requirements_table(mappings: Mappings, framework: Framework) -> Table:
    """Every node at the mapped level with its practices, lowest level and relationships."""
    rows = []
    for node in framework.mapped_nodes():
        entries = mappings.direct.get((framework.id, node.id), [])
        group = framework.node(node.group) if isinstance(node, Requirement) else node
        practices = "; ".join(
            f"{mappings.model.practice(e.practice).name} ({e.level}, {mappings.relationships[e.relationship].lower()})"
            for e in sorted(entries, key=mappings.order)
        )
        lowest = min((e.level for e in entries), default=None)
        rows.append(
            (
                Cell(node.code, routes.requirement(framework.id, node.id)),
                Cell(node.title),
                Cell(group.code),
                Cell(str(lowest) if lowest else "not mapped"),
                Cell(practices or framework.unmapped.get(node.id, "")),
            )
        )
    return Table(("Id", "Title", "Group", "Lowest level", "Practices (level, relationship)"), tuple(rows))


def practice_by_group(mappings: Mappings, framework: Framework) -> Table:
    """Heatmap rows: per practice and group, how many requirements it maps and from which level.

    Practices that address nothing in the framework get no row; the page counts them instead.
    """
    rows = []
    for practice in mappings.model.practices:
        entries = [e for e in mappings.by_practice.get(practice.id, []) if e.framework == framework.id]
        if not entries:
            continue
        cells = [Cell(practice.name, routes.practice(practice.id))]
        for group in framework.groups:
            found = [e for e in entries if _group_of(framework, e.requirement) == group.id]
            lowest = min((e.level for e in found), default=None)
            cells.append(Cell(f"{len(found)} from L{lowest}" if found else "–"))
        cells.append(Cell(str(len(entries))))
        rows.append(tuple(cells))
    columns = ("Practice", *(group.code for group in framework.groups), "Total")
    return Table(columns, tuple(rows), ("", *(group.name for group in framework.groups), ""))


def _group_of(framework: Framework, node_id: str) -> str:
    node = framework.node(node_id)
    return node.id if isinstance(node, Group) else node.group


def derived_crosswalk(mappings: Mappings, first: Framework, second: Framework) -> Table:
    """first's nodes against second's, joined through the practices both map to (derived, not official)."""
    by_practice: dict[str, list[MappingEntry]] = defaultdict(list)
    for entry in mappings.model.mappings:
        if entry.framework == second.id:
            by_practice[entry.practice].append(entry)
    order = _node_order(second)
    rows = []
    for node in first.mapped_nodes():
        entries = mappings.direct.get((first.id, node.id), [])
        practices = sorted({e.practice for e in entries})
        related = sorted({e.requirement for p in practices for e in by_practice[p]}, key=order.__getitem__)
        names = "; ".join(mappings.model.practice(p).name for p in practices)
        rows.append(
            (
                Cell(node.code, routes.requirement(first.id, node.id)),
                Cell(node.title),
                Cell(names),
                Cell(", ".join(second.node(r).code for r in related)),
            )
        )
    columns = (f"{first.short_name}", "Title", "Through practices", f"{second.short_name} (derived)")
    return Table(columns, tuple(rows))


def framework_pairs(model: Model) -> list[tuple[Framework, Framework]]:
    """The derived crosswalks each framework declares (`crosswalk_with`)."""
    return [(framework, model.framework(other)) for framework in model.frameworks for other in framework.crosswalk_with]


def to_csv(table: Table) -> str:
    """The table as CSV (RFC 4180, UTF-8); cells that a spreadsheet would run as formulas stay text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([neutralize_formula(column) for column in table.columns])
    writer.writerows([neutralize_formula(cell.text) for cell in row] for row in table.rows)
    return out.getvalue()


@dataclass(frozen=True)
class CombinedRow:
    practice: Practice
    target: int
    levels: tuple[int, ...]  # the described levels up to the target
    indicators: tuple[tuple[int, Indicator], ...]  # (level, indicator) for every level up to the target
    considerations: tuple[tuple[int, Consideration], ...]  # (level, consideration) of the profile, same levels
    met: tuple[MappingEntry, ...]  # mappings from a level at or below the target
    open: tuple[MappingEntry, ...]  # mappings that need a higher level


def combined_rows(
    mappings: Mappings, profile: Profile, archetype: Archetype, framework: Framework
) -> list[CombinedRow]:
    """Per practice at an archetype's target: what to do (indicators, considerations) and what it meets."""
    rows = []
    for practice in mappings.model.practices:
        target = archetype.targets[practice.id]
        levels = [n for n in practice.levels if n <= target]
        entries = [e for e in mappings.by_practice.get(practice.id, []) if e.framework == framework.id]
        order = _node_order(framework)
        entries.sort(key=lambda e: order[e.requirement])
        rows.append(
            CombinedRow(
                practice,
                target,
                tuple(levels),
                tuple((n, i) for n in levels for i in practice.levels[n].indicators),
                tuple((n, c) for n in levels for c in profile.considerations(practice.id, n)),
                tuple(e for e in entries if e.level <= target),
                tuple(e for e in entries if e.level > target),
            )
        )
    return rows


def table_downloads(model: Model) -> dict[str, str]:
    """The CSV beside every table of the framework pages and crosswalks, plus every mapping."""
    index = Mappings(model)
    files = {}
    for framework in model.frameworks:
        files[routes.requirements_csv(framework.id)] = to_csv(requirements_table(index, framework))
        files[routes.crosswalk_csv(framework.id)] = to_csv(practice_by_group(index, framework))
    for first, second in framework_pairs(model):
        files[routes.crosswalk_pair_csv(first.id, second.id)] = to_csv(derived_crosswalk(index, first, second))
    if model.mappings:
        columns = (
            "Framework",
            "Requirement",
            "Practice",
            "Level",
            "Relationship",
            "Security level",
            "Items",
            "Rationale",
        )
        rows = tuple(
            tuple(
                Cell(str(value))
                for value in (
                    e.framework,
                    model.framework(e.framework).node(e.requirement).code,
                    e.practice,
                    e.level,
                    e.relationship,
                    e.security_level or "",
                    " ".join(e.items),
                    " ".join(e.rationale.split()),
                )
            )
            for e in model.mappings
        )
        files[routes.MAPPINGS_CSV] = to_csv(Table(columns, rows))
    return files
