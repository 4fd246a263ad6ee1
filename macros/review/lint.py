"""`smm-guide lint`: content checks that keep the guidance honest, beyond what validation can say.

- Near-duplicate items: every indicator and consideration is compared with every other by TF-IDF
  cosine similarity of its claim. A pair at or above SIMILAR is reported as a duplicate (same
  practice and level), as the same idea at two levels, or as the same idea in two practices,
  unless `acknowledged.yaml` accepts the pair with a reason.
- Archetype targets that go against their own characterization (see macros/rules/suggestion.py) or break
  a declared constraint between practices, without a `deviation` that says why; and deviations
  on targets that go against nothing.
- Acknowledgements of pairs that are no longer similar, so the file does not rot.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from macros.data.loader import Loaded, display_path
from macros.data.problems import Problem
from macros.data.scaffold import MARKER
from macros.model.records import Model
from macros.rules.suggestion import archetype_suggestions, goes_against

SIMILAR = 0.5
# Words that say nothing about what an item checks.
STOP_WORDS = frozenset(
    re.findall(
        r"\w+",
        "a all an and any are as at be been by each every for from in into is it its least no not of on one or "
        "per than that the their them they this to which who whose with within",
    )
)


@dataclass(frozen=True)
class Item:
    id: str
    practice: str
    level: int
    text: str


def items_of(model: Model) -> list[Item]:
    found = [
        Item(i.id, p.id, number, i.text)
        for p in model.practices
        for number, b in p.levels.items()
        for i in b.indicators
    ]
    found += [
        Item(c.id, practice_id, number, c.text)
        for profile in model.profiles
        for practice_id, levels in profile.practices.items()
        for number, considerations in levels.items()
        for c in considerations
    ]
    return found


def _terms(text: str) -> Counter[str]:
    terms = Counter[str]()
    for word in re.findall(r"[a-z0-9]+", text.lower()):
        if word in STOP_WORDS or len(word) < 3:
            continue
        # A light stemmer: plurals and verb endings would otherwise hide repeated wording.
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        terms[word] += 1
    return terms


def similarities(items: list[Item]) -> dict[frozenset[str], float]:
    """Cosine similarity of TF-IDF vectors for every pair of items that share a term."""
    docs = [_terms(item.text) for item in items]
    document_frequency = Counter(term for doc in docs for term in doc)
    count = len(docs)
    vectors = []
    for doc in docs:
        weights = {term: n * math.log(count / document_frequency[term]) for term, n in doc.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vectors.append({term: w / norm for term, w in weights.items()})
    result = {}
    for (a, va), (b, vb) in combinations(enumerate(vectors), 2):
        score = sum(weight * vb.get(term, 0.0) for term, weight in va.items())
        if score > 0:
            result[frozenset((items[a].id, items[b].id))] = score
    return result


def _where(loaded: Loaded, item_id: str) -> tuple[str, int, int]:
    source, path = loaded.ids.defined[("item",)][item_id]
    line, col = source.where(path)
    return source.path, line, col


def duplicate_findings(loaded: Loaded, threshold: float = SIMILAR) -> list[Problem]:
    items = {item.id: item for item in items_of(loaded.model)}
    acknowledged: dict[frozenset[str], str] = loaded.parts.get("acknowledged", {})
    scores = similarities(list(items.values()))
    problems = []
    for pair, score in sorted(scores.items(), key=lambda kv: -kv[1]):
        if score < threshold or pair in acknowledged:
            continue
        a, b = sorted(pair, key=lambda i: (items[i].practice, items[i].level, i))
        first, second = items[a], items[b]
        levels = f"at level {first.level} and level {second.level}" if first.level != second.level else ""
        if first.practice == second.practice:
            kind = f"the same idea {levels}" if levels else "near-duplicate"
        else:
            kind = f"the same idea in two practices {levels}".rstrip()
        path, line, col = _where(loaded, b)
        other = _where(loaded, a)
        message = f"{b} and {a} ({other[0]}:{other[1]}): {kind}, similarity {score:.2f}"
        problems.append(Problem(path, line, col, message + "; merge them, or acknowledge the pair with a reason"))
    for pair in acknowledged:
        if scores.get(pair, 0.0) < threshold:
            first_id = sorted(pair)[0]
            path, line, col = _where(loaded, first_id)
            message = f"the acknowledged pair {' and '.join(sorted(pair))} is no longer similar; remove it"
            problems.append(Problem(path, line, col, message))
    return problems


def target_findings(loaded: Loaded) -> list[Problem]:
    model = loaded.model
    problems = []
    for profile in model.profiles:
        for archetype in profile.archetypes:
            suggestions = archetype_suggestions(model, profile, archetype)
            source, id_path = loaded.ids.defined[("archetype", profile.id)][archetype.id]
            for practice in model.practices:
                target = archetype.target(practice.id)
                reasons = []
                suggestion = suggestions[practice.id]
                if goes_against(target.level, suggestion, profile.baseline):
                    reasons.append(f"its characterization suggests {suggestion.level} (effects {suggestion.net:+d})")
                for constraint in model.constraints:
                    bound = archetype.targets.get(constraint.at_most)
                    if constraint.practice == practice.id and bound is not None and target.level > bound:
                        reasons.append(f"constraint '{constraint.id}' bounds it by {constraint.at_most} ({bound})")
                name = f"archetype {archetype.id}: target {target.level} for {practice.id}"
                at = id_path[:2] + ("targets", practice.id)
                if reasons and not target.deviation:
                    message = f"{name} goes against what {' and '.join(reasons)}; add a deviation that says why"
                    problems.append(source.problem(at, message, key=True))
                elif target.deviation and not reasons:
                    message = f"{name} has a deviation but goes against nothing; remove the deviation"
                    problems.append(source.problem(at, message, key=True))
    return problems


def unfinished_findings(loaded: Loaded) -> list[Problem]:
    """Text a scaffold left to write (`smm-guide new-profile`, `new-framework`)."""
    problems = []
    for path in sorted(loaded.data_dir.rglob("*.yaml")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if MARKER in line:
                problems.append(
                    Problem(display_path(path), number, line.index(MARKER) + 1, "unfinished: write this text")
                )
    return problems


def lint(loaded: Loaded, threshold: float = SIMILAR) -> list[Problem]:
    return sorted(duplicate_findings(loaded, threshold) + target_findings(loaded) + unfinished_findings(loaded))
