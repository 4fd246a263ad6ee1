"""`smm-guide diff`: what a change does to the model, by id, as a Markdown report for a pull request.

Each side is a data folder or a git ref (its `data/` read with `git archive`), loaded and validated: only
changes to data show, never formatting. An id must never change meaning once published, so an item whose
text or pass criterion changed a lot, or changed a negation, quantifier, number or frequency, is flagged.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import tarfile
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from macros.data.loader import DEFAULT_DATA_DIR, display_path, load_model
from macros.data.problems import DataError, Problem
from macros.model.records import Model
from macros.model.serialize import to_data

SIMILAR_ENOUGH = 0.7  # word similarity below which a reworded item is flagged
TYPO = 0.8  # character similarity at which two words count as one word with a typo fixed
PIVOTS = frozenset(  # words whose change turns a claim around however little else changes
    re.findall(
        r"\S+",
        "not no never none nor without unless except only all every each any some must should may can cannot one two "
        "three four five six seven eight nine ten once twice hourly daily weekly monthly quarterly yearly annually "
        "before after first last hour hours day days week weeks month months year years",
    )
)
KINDS = dict(  # kind -> section title, in report order
    pair.split(":")
    for pair in re.findall(
        r"[^,]+",
        "practice:Practices,indicator:Indicators,consideration:Profile considerations,target:Archetype targets,"
        "effect:Option effects,requirement:Framework requirements,mapping:Mappings,term:Glossary terms,"
        "reference:References,other:Other data",
    )
)
ITEM_KINDS, FLAGGED_FIELDS = ("indicator", "consideration"), ("text", "pass")
# Looked up by a change's field, which is None for a whole record.
FIELD_ACTIONS: dict[str | None, str] = {
    "name": "renamed",
    "term": "renamed",
    "title": "retitled",
    "place": "moved",
    "text": "reworded",
}
FIELD_NAMES: dict[str | None, str] = {"pass": "pass criterion"}
# Parts of `to_data(model)` that the kinds before "other" report, or that only say which file holds what.
COVERED = tuple(
    tuple(pattern.split("/"))
    for pattern in re.findall(
        r"\S+",
        "practices glossary references mappings profiles/*/practices profiles/*/source profiles/*/practice_sources "
        "profiles/*/dimensions_source profiles/*/archetypes_source profiles/*/archetypes/*/targets "
        "profiles/*/archetypes/*/target_reasons profiles/*/archetypes/*/target_deviations "
        "profiles/*/dimensions/*/options/*/effects frameworks/*/requirements frameworks/*/groups/*/requirements "
        "frameworks/*/source frameworks/*/mapping_source",
    )
)
MAPPING_KEY = ("framework", "requirement", "practice")  # what identifies a mapping
REVIEW = "An id must never change meaning once published: for each of these, consider a new id and retiring this one."
MISSING = object()


@dataclass(frozen=True)
class Change:
    kind: str  # a key of KINDS
    id: str  # targets, effects, requirements and mappings join their keys with "/"; other data its path
    action: str  # added, removed, moved, renamed, retitled, reworded or changed
    field: str | None  # None when added or removed
    old: str | None
    new: str | None
    similarity: float | None = None  # of an item's old and new text or pass criterion
    flag: str | None = None  # why the reviewer should check that the id kept its meaning


@dataclass(frozen=True)
class Diff:
    changes: tuple[Change, ...]

    def of(self, kind: str) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.kind == kind)

    @property
    def flagged(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.flag)


def git(repo: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except OSError as error:
        raise DataError([Problem(display_path(repo), 1, 1, f"cannot run git: {error}")]) from None


def load_side(spec: str, repo: Path, data_path: str = DEFAULT_DATA_DIR) -> Model:
    """The model of data folder `spec`, or of the `data_path` folder of git ref `spec` in `repo`; raise DataError.

    An existing folder wins over a ref of the same name. Problems in a ref's data read `REF:data/file.yaml:line:col`.
    """
    if Path(spec).is_dir():
        return load_model(spec)
    found = None if spec.startswith("-") else git(repo, "rev-parse", "--verify", "--quiet", f"{spec}^{{commit}}")
    if found is None or found.returncode != 0:
        message = f"neither a data folder nor a commit of the git repository {display_path(repo)}"
        raise DataError([Problem(spec, 1, 1, message)])
    archive = git(repo, "archive", "--format=tar", found.stdout.decode().strip(), "--", data_path)
    if archive.returncode != 0:
        reason = (archive.stderr.decode(errors="replace").strip().splitlines() or ["git archive failed"])[-1]
        raise DataError([Problem(spec, 1, 1, f"cannot export '{data_path}' from it: {reason}")])
    with tempfile.TemporaryDirectory(prefix="smm-diff-") as folder:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        try:
            return load_model(Path(folder) / data_path)
        except DataError as error:
            raise DataError([_relocated(p, folder, spec) for p in error.problems]) from None
        except Exception as error:  # data older than this version's loader
            message = f"this version of smm-guide cannot read its data ({type(error).__name__}: {error})"
            raise DataError([Problem(spec, 1, 1, message)]) from error


def _relocated(problem: Problem, folder: str, spec: str) -> Problem:
    inside = Path(os.path.relpath(os.path.realpath(problem.path), os.path.realpath(folder))).as_posix()
    return problem if inside.startswith("../") else replace(problem, path=f"{spec}:{inside}")


def _pivot(word: str) -> bool:
    return word in PIVOTS or bool(re.search(r"\d", word))


def _typo(x: str, y: str) -> bool:
    """Two words are one with a typo fixed: alike by character, and not two pivots (one -> none, 10 -> 100)."""
    return SequenceMatcher(None, x, y).ratio() >= TYPO and not (_pivot(x) and _pivot(y))


def review(old: str, new: str) -> tuple[float, str | None]:
    """Word similarity of two wordings (a typo fix keeps a word), and why an id may no longer mean the same."""
    a, b = ([re.sub(r"[^\w]", "", w.lower()) or w for w in text.split()] for text in (old, new))
    same, pivots = 0, Counter[str]()
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        pairs = enumerate(zip(a[i1:i2], b[j1:j2], strict=False)) if tag == "replace" else ()
        typos = {k for k, (x, y) in pairs if _typo(x, y)}
        same += i2 - i1 if tag == "equal" else len(typos)
        pivots.update(w for k, w in enumerate(a[i1:i2]) if tag != "equal" and k not in typos and _pivot(w))
        pivots.subtract(w for k, w in enumerate(b[j1:j2]) if tag != "equal" and k not in typos and _pivot(w))
    score = round(2 * same / (len(a) + len(b)), 2) if a or b else 1.0
    reasons = [f"similarity {score:.2f} < {SIMILAR_ENOUGH}"] if score < SIMILAR_ENOUGH else []
    changed = sorted(w for w, n in pivots.items() if n)
    reasons += ["changed " + ", ".join(f"'{w}'" for w in changed)] if changed else []
    return score, "; ".join(reasons) or None


def _text(value: Any) -> str | None:
    """A value as text; a whole record or object in a few words."""
    if value is None or value is MISSING:
        return None
    if isinstance(value, list):
        return ", ".join(str(_text(item)) for item in value)
    if not isinstance(value, dict):
        return str(value).lower() if isinstance(value, bool) else str(value)
    if "place" in value:
        return f"{value['place']}: {value['text']}"
    if "relationship" in value:
        return f"level {value['level']}, {value['relationship']}"
    if "code" in value and "title" in value:
        return f"{value['code']} {value['title']}"
    return _text(next((value[k] for k in ("name", "title", "term", "direction", "level", "id") if k in value), "…"))


def _fields(value: Any, *drop: str) -> dict[str, Any]:
    return {key: item for key, item in to_data(value).items() if key not in ("id", *drop)}


def _records(model: Model) -> dict[str, dict[str, dict[str, Any]]]:
    """Every kind's records before "other": key -> field -> plain value."""
    blocks = [(p, n, block) for p in model.practices for n, block in p.levels.items()]
    lists = [(pr, p, n, cs) for pr in model.profiles for p, by in pr.practices.items() for n, cs in by.items()]
    options = [(f"{pr.id}/{d.id}/{o.id}", o) for pr in model.profiles for d in pr.dimensions for o in d.options]
    archetypes = [(pr, a) for pr in model.profiles for a in pr.archetypes]
    return {
        "practice": {
            p.id: _fields(p, "levels", "source")
            | {f"level {n} {k}": v for n, b in p.levels.items() for k, v in _fields(b, "level", "indicators").items()}
            for p in model.practices
        },
        "indicator": {i.id: {"place": f"{p.id} level {n}"} | _fields(i) for p, n, b in blocks for i in b.indicators},
        "consideration": {c.id: {"place": f"{pr.id}/{p} level {n}"} | _fields(c) for pr, p, n, cs in lists for c in cs},
        "target": {f"{pr.id}/{a.id}/{p}": _fields(a.target(p)) for pr, a in archetypes for p in a.targets},
        "effect": {f"{key}/{e.practice}": _fields(e, "practice") for key, o in options for e in o.effects},
        "requirement": {f"{f.id}/{r.id}": _fields(r, "children") for f in model.frameworks for r in f.requirements},
        "mapping": {"/".join(getattr(e, k) for k in MAPPING_KEY): _fields(e, *MAPPING_KEY) for e in model.mappings},
        "term": {t.id: _fields(t) for t in model.glossary},
        "reference": {r.id: _fields(r) for r in model.references},
    }


def _walk(
    old: Any, new: Any, path: tuple[str, ...], covered: tuple[tuple[str, ...], ...]
) -> list[tuple[tuple[str, ...], Any, Any]]:
    """Every place where plain data differs, outside `covered`; lists of objects with ids compare by id."""
    if old == new or any(len(p) <= len(path) and all(map(lambda a, b: a in ("*", b), p, path)) for p in covered):
        return []
    items = [*old, *new] if isinstance(old, list) and isinstance(new, list) else None
    if items is not None and all(isinstance(x, dict) and {"id", "level"} & x.keys() for x in items):
        old, new = ({str(x.get("id", x.get("level"))): x for x in side} for side in (old, new))
    if not (isinstance(old, dict) and isinstance(new, dict)):
        return [(path, old, new)]
    keys = sorted(old.keys() | new.keys(), key=lambda k: [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", k)])
    return [found for k in keys for found in _walk(old.get(k, MISSING), new.get(k, MISSING), (*path, k), covered)]


def _changes(kind: str, old: Any, new: Any, covered: tuple[tuple[str, ...], ...] = ()) -> list[Change]:
    changes = []
    for path, before, after in _walk(old, new, (), covered):
        key = "/".join(path) if kind == "other" else path[0]
        name = path[-1] if kind == "other" or len(path) > 1 else None
        action = "added" if before is MISSING else "removed" if after is MISSING else FIELD_ACTIONS.get(name, "changed")
        field = None if action in ("added", "removed") else name
        score = flag = None
        if kind in ITEM_KINDS and field in FLAGGED_FIELDS:
            score, flag = review(before, after)
        changes.append(Change(kind, key, action, field, _text(before), _text(after), score, flag))
    return changes


def diff(old: Model, new: Model) -> Diff:
    """What changing `old` into `new` does to the model, by id, kind by kind in KINDS order."""
    before, after = _records(old), _records(new)
    changes = [change for kind in before for change in _changes(kind, before[kind], after[kind])]
    return Diff(tuple(changes + _changes("other", to_data(old), to_data(new), COVERED)))


def excerpt(old: str, new: str, context: int = 4) -> str:
    """The text with ~~removed~~ and **added** words; unchanged stretches cut to `context` words a side."""
    a, b = old.split(), new.split()
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    parts: list[str] = []
    for index, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag != "equal":
            parts += [f"~~{_clip(a[i1:i2])}~~"] * (i2 > i1) + [f"**{_clip(b[j1:j2])}**"] * (j2 > j1)
            continue
        words = a[i1:i2]
        head, tail = words[:context] if index > 0 else [], words[-context:] if index < len(ops) - 1 else []
        parts += [*head, "…", *tail] if len(words) > len(head) + len(tail) + 1 else words
    return " ".join(parts)


def _clip(words: list[str], most: int = 16) -> str:
    return " ".join(words[:most]) + (" …" if len(words) > most else "")


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _what(change: Change) -> str:
    what = f"changed {FIELD_NAMES.get(change.field, change.field)}" if change.action == "changed" else change.action
    return what.replace("_", " ") + (f" (similarity {change.similarity:.2f})" if change.similarity is not None else "")


def _old_new(change: Change) -> str:
    old, new = change.old or "", change.new or ""
    if change.action in ("added", "removed"):
        return _cell(_clip((new or old).split()))
    if change.action == "moved" or (len(old.split()) <= 1 and len(new.split()) <= 1):
        return f"`{old or '—'}` → `{new or '—'}`"
    return _cell(excerpt(old, new))


def _summary(result: Diff) -> str:
    parts = []
    for kind, title in KINDS.items():
        states: dict[str, str] = {}
        for change in result.of(kind):
            states.setdefault(change.id, change.action if change.action in ("added", "removed") else "changed")
        counts = Counter(states.values())
        numbers = ", ".join(f"{counts[a]} {a}" for a in ("added", "removed", "changed") if counts[a])
        parts += [f"{title.lower()} {numbers}"] if numbers else []
    flagged = len({(c.kind, c.id) for c in result.flagged})
    review = f" **{flagged} to review:** id kept, meaning may have changed." if flagged else ""
    return "**Changes:** " + "; ".join(parts) + "." + review


def to_markdown(result: Diff, old_label: str, new_label: str) -> str:
    """A report for a pull-request comment: a summary, flagged rewordings, then a table per kind."""
    return "\n".join([f"## Model changes: `{old_label}` → `{new_label}`", "", changes_markdown(result)])


def changes_markdown(result: Diff) -> str:
    """The report without its title, for a page that gives it a heading of its own (the Changes page)."""
    if not result.changes:
        return "No changes to the model.\n"
    lines = [_summary(result), ""]
    if result.flagged:
        rows = [f"| `{c.id}` | {_what(c)} | {_cell(c.flag or '')} | {_old_new(c)} |" for c in result.flagged]
        head = ["| Id | What changed | Why | Old → new |", "|---|---|---|---|"]
        lines += ["### Id kept, meaning may have changed", "", REVIEW, "", *head, *rows, ""]
    for kind, title in KINDS.items():
        if changes := result.of(kind):
            rows = [f"| `{c.id}` | {_what(c)}{' ⚠ flagged' if c.flag else ''} | {_old_new(c)} |" for c in changes]
            lines += [f"### {title}", "", "| Id | What changed | Old → new |", "|---|---|---|", *rows, ""]
    return "\n".join(lines)
