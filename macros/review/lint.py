"""`smm-guide lint`: content checks that keep the guidance honest, beyond what validation can say.

- Near-duplicate items: every indicator and consideration is compared with every other by TF-IDF
  cosine similarity of its claim. A pair at or above SIMILAR is reported as a duplicate (same
  practice and level), as the same idea at two levels, or as the same idea in two practices,
  unless `acknowledged.yaml` accepts the pair with a reason.
- Archetype targets that go against their own characterization (see macros/rules/suggestion.py) or break
  a declared constraint between practices, without a `deviation` that says why; and deviations
  on targets that go against nothing.
- Wording that lets a level be passed on the team's own terms: a scope the team chooses ("at least
  one site"), a level-4 sentence frame shared by several practices, a control the considerations
  promise that no indicator checks up to that level.
- Mappings a machine can judge (data/mapping-method.yaml says why): an `equivalent` whose cited items
  leave a word of the requirement's title unchecked, and a number mapped in one of two counterpart
  frameworks (IEC 62443-3-3 and 4-2) but not in the other, unless `acknowledged.yaml` accepts it.
- Acknowledgements that no longer match a finding, so the file does not rot.

Apart from findings, `omissions` lists what each profile leaves out (practices with no file, levels
with no considerations): information for a reviewer, since a profile covers only where it adds something.
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
from macros.data.yamlsource import Source
from macros.model.records import HIGHEST_LEVEL, Model, Requirement
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


# Words of a requirement's title that no item needs to repeat for an `equivalent` to hold.
TITLE_FILLER = frozenset(re.findall(r"\w+", "management control security general based use requirement"))
# Scope words a claim must not leave to the assessed team: the assessment names the system.
CHOSEN_SCOPE = re.compile(
    r"\bat least one (?:of (?:its|the) )?(?:site|project|system|deployment|twin|plant|installation|"
    r"facility|location|line|product|programme|program|network|fleet|contract|supplier|vendor)s?\b",
    re.IGNORECASE,
)
SENTENCE_TERMS = 4  # a sentence with fewer words that say something ("Metrics report.") is no frame
SHARED_SENTENCE = 0.6  # share of words two top-level sentences of different practices may have in common
# Controls that considerations tend to promise and only an indicator can make part of a level.
PROMISED_CONTROLS = {
    "multi-factor authentication": re.compile(r"multi-?factor|\bMFA\b", re.IGNORECASE),
    "software bills of materials": re.compile(r"\bSBOMs?\b|software bills? of materials", re.IGNORECASE),
    "hardware-anchored keys": re.compile(r"secure element|\bTPMs?\b|hardware security modules?|\bHSMs?\b"),
}


@dataclass(frozen=True)
class Item:
    id: str
    practice: str
    level: int
    text: str
    pass_criterion: str


def items_of(model: Model) -> list[Item]:
    found = [
        Item(i.id, p.id, number, i.text, i.pass_criterion)
        for p in model.practices
        for number, b in p.levels.items()
        for i in b.indicators
    ]
    found += [
        Item(c.id, practice_id, number, c.text, c.pass_criterion)
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


def _mapping_problem(loaded: Loaded, key: tuple[str, str, str | None], at: str, message: str) -> Problem:
    source: Source
    source, path = loaded.parts["mapping-places"][key]
    return source.problem((*path, at), message, key=True)


def _acknowledgement_problem(loaded: Loaded, key: tuple[str, ...], message: str) -> Problem:
    source: Source
    source, path = loaded.parts["acknowledgement-places"][key]
    return source.problem(path, message)


def equivalent_findings(loaded: Loaded) -> list[Problem]:
    """An `equivalent` whose cited items name no word of part of the requirement's title."""
    model, acknowledged = loaded.model, loaded.parts.get("acknowledged-equivalents", {})
    checked = {item.id: set(_terms(f"{item.text} {item.pass_criterion}")) for item in items_of(model)}
    equivalents = {
        (e.framework, e.requirement, e.practice): e for e in model.mappings if e.relationship == "equivalent"
    }
    problems = []
    for key, entry in equivalents.items():
        if key in acknowledged:
            continue
        title = model.framework(entry.framework).node(entry.requirement).title
        covered = set().union(*(checked[item_id] for item_id in entry.items))
        missing = sorted(set(_terms(title)) - TITLE_FILLER - covered)
        if missing:
            message = (
                f"'{entry.requirement}' is mapped as equivalent, but no cited item checks '{', '.join(missing)}' "
                "of its title; cite the items that do, lower the relationship, or acknowledge it with a reason"
            )
            problems.append(_mapping_problem(loaded, key, "relationship", message))
    for key in acknowledged:
        if key not in equivalents:
            message = f"{key[0]} {key[1]} <- {key[2]} is not an equivalent mapping; remove its acknowledgement"
            problems.append(_acknowledgement_problem(loaded, ("equivalent", *key), message))
    return problems


def _numbers(model: Model, framework_id: str) -> dict[str, list[Requirement]]:
    """Requirement number (the end of its code: 2.7 of SR 2.7 and of NDR 2.7) -> top-level requirements."""
    numbers: dict[str, list[Requirement]] = {}
    for requirement in model.framework(framework_id).requirements:
        if requirement.parent is None:
            numbers.setdefault(requirement.code.split()[-1], []).append(requirement)
    return numbers


def counterpart_findings(loaded: Loaded) -> list[Problem]:
    """A number mapped in one of two counterpart frameworks and unmapped in the other."""
    model, problems = loaded.model, []
    first_practice: dict[tuple[str, str], str] = {}
    for entry in model.mappings:
        first_practice.setdefault((entry.framework, entry.requirement), entry.practice)
    for frameworks, differences in loaded.parts.get("counterparts", ()):
        sides = [_numbers(model, framework_id) for framework_id in frameworks]
        differing = set()
        for number in sorted(set(sides[0]) & set(sides[1]), key=lambda n: tuple(int(p) for p in n.split("."))):
            mapped = [
                [r for r in side[number] if (framework_id, r.id) in first_practice]
                for framework_id, side in zip(frameworks, sides, strict=True)
            ]
            if bool(mapped[0]) == bool(mapped[1]):
                continue
            differing.add(number)
            if number in differences:
                continue
            index = 0 if mapped[0] else 1
            framework_id, requirement = frameworks[index], mapped[index][0]
            codes = " / ".join(r.code for r in sides[1 - index][number])
            message = (
                f"{requirement.code} is mapped, but {codes} is unmapped in {frameworks[1 - index]}; map both, "
                "unmap both, or acknowledge the difference with a reason"
            )
            key = (framework_id, requirement.id, first_practice[(framework_id, requirement.id)])
            problems.append(_mapping_problem(loaded, key, "requirement", message))
        for number in sorted(set(differences) - differing):
            message = f"{number} is mapped alike in {' and '.join(frameworks)} now; remove the acknowledged difference"
            problems.append(_acknowledgement_problem(loaded, ("difference", *frameworks, number), message))
    return problems


def scope_findings(loaded: Loaded) -> list[Problem]:
    """Items whose scope the assessed team picks ("at least one site"): the assessment names it."""
    problems = []
    for item in items_of(loaded.model):
        found = CHOSEN_SCOPE.search(f"{item.text} {item.pass_criterion}")
        if found:
            path, line, col = _where(loaded, item.id)
            message = (
                f"{item.id} leaves its scope to the team ('{found.group(0)}'); name the system, site or twin "
                "under assessment instead"
            )
            problems.append(Problem(path, line, col, message))
    return problems


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.;])\s+", " ".join(text.split()))


def shared_top_level_findings(loaded: Loaded) -> list[Problem]:
    """Level-4 sentences of two practices that share most of their words once each practice's own name is
    set aside: a frame filled in with a subject. The top level is written per practice."""
    sentences = []
    for practice in loaded.model.practices:
        level, names = practice.levels[HIGHEST_LEVEL], set(_terms(practice.name))
        texts = [level.objective, level.considerations]
        texts += [text for i in level.indicators for text in (i.text, i.pass_criterion)]
        for sentence in (s for text in texts for s in _sentences(text)):
            terms = set(_terms(sentence)) - names
            if len(terms) >= SENTENCE_TERMS:
                sentences.append((practice.id, sentence, terms))
    problems = []
    for (first, sentence, terms), (second, other, other_terms) in combinations(sentences, 2):
        overlap = len(terms & other_terms) / (len(terms | other_terms) or 1)
        if first != second and overlap >= SHARED_SENTENCE:
            source = loaded.ids.defined[("practice",)][second][0]
            line, col = source.where(("levels", str(HIGHEST_LEVEL)))
            message = (
                f"level {HIGHEST_LEVEL} of {second} and of {first} share a sentence frame ('{other}' / "
                f"'{sentence}', overlap {overlap:.2f}); write each practice's top level in its own terms"
            )
            problems.append(Problem(source.path, line, col, message))
    return problems


def promise_findings(loaded: Loaded) -> list[Problem]:
    """A control that a level's considerations promise and no indicator of the practice checks up to that
    level: the level could be met without it."""
    problems = []
    for practice in loaded.model.practices:
        checked = ""
        for number, level in sorted(practice.levels.items()):
            checked += " ".join(f"{i.text} {i.pass_criterion} {i.evidence}" for i in level.indicators) + " "
            for control, pattern in PROMISED_CONTROLS.items():
                if pattern.search(level.considerations) and not pattern.search(checked):
                    source = loaded.ids.defined[("practice",)][practice.id][0]
                    line, col = source.where(("levels", str(number), "considerations"))
                    message = (
                        f"the level-{number} considerations of {practice.id} mention {control}, which no "
                        f"indicator of the practice checks up to level {number}; add one or drop the promise"
                    )
                    problems.append(Problem(source.path, line, col, message))
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


def omissions(loaded: Loaded) -> list[Problem]:
    """The practices each profile has no file for, at its `id`, and the levels each of its practice files
    leaves out, at the file's `levels`: not findings, a profile covers only where it changes the practice."""
    model, notes = loaded.model, []
    levels = range(1, HIGHEST_LEVEL + 1)
    for profile in model.profiles:
        source, path = loaded.ids.defined[("profile",)][profile.id]
        left_out = [p.id for p in model.practices if p.id not in profile.practices]
        if left_out:
            message = f"profile {profile.id} adds nothing to {len(left_out)} practice(s): {', '.join(left_out)}"
            notes.append(source.problem(path, message))
        for practice_id, by_level in profile.practices.items():
            missing = [str(n) for n in levels if n not in by_level]
            if missing:
                first = profile.considerations(practice_id, min(by_level))[0].id
                item_source, _ = loaded.ids.defined[("item",)][first]
                message = f"profile {profile.id} adds nothing to {practice_id} at level(s) {', '.join(missing)}"
                notes.append(item_source.problem(("levels",), message, key=True))
    return sorted(notes)


def lint(loaded: Loaded, threshold: float = SIMILAR) -> list[Problem]:
    return sorted(
        duplicate_findings(loaded, threshold)
        + target_findings(loaded)
        + equivalent_findings(loaded)
        + counterpart_findings(loaded)
        + scope_findings(loaded)
        + shared_top_level_findings(loaded)
        + promise_findings(loaded)
        + unfinished_findings(loaded)
    )
