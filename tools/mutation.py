"""`make mutation`: mutation testing of the modules where a silent bug costs users most.

Runs mutmut (configured in pyproject.toml, `[tool.mutmut]`) and reports the score and every
surviving mutant with its file and line, printed and written to build/mutation-report.txt.

- Results are kept in mutants/ between runs: a mutant already killed stays killed while its
  function is unchanged, so a second run tests only what changed. Survivors are tested again
  every run, since a new test may kill them.
- Equivalent mutants (they change no behaviour any input can show) are listed in
  tests/mutation/equivalent.txt, one per line as `mutant-name: reason`. They are marked skipped
  before mutmut runs, so it does not test them, and left out of the score.
- Score: killed / (total - equivalent). Timeouts and mutants no test reaches count as not killed
  and are listed: mutmut's limit is partly wall-clock time, so on a busy machine it can stop a
  mutant that the tests would have killed, and a run there is to be repeated, not trusted.

Usage: python -m tools.mutation [--fail-under 0.9] [--survivors] [--report-only] [--jobs N] [FILE.py ...]
With files, only their mutants not killed yet are tested and reported, for iterating on one
module; --survivors retests only last run's survivors and the mutants no test reached (after adding tests).
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENT = ROOT / "tests" / "mutation" / "equivalent.txt"
REPORT = ROOT / "build" / "mutation-report.txt"
MUTANTS = ROOT / "mutants"
SURVIVED, SKIPPED = 0, 34
KILLED_CODES = {1, 3, 37}  # test failed, pytest internal error, caught by the type checker
TIMEOUT_CODES = {36, -24, 24, 152, 255}
NO_TESTS_CODES = {5, 33}


@dataclass(frozen=True)
class Mutant:
    name: str
    path: str  # source file, relative to the project root
    code: int | None


def equivalents(text: str) -> dict[str, str]:
    """Mutant name -> reason, from the equivalent-mutants file; every line needs a reason."""
    found: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, _, reason = line.partition(":")
        if not reason.strip() or "__mutmut_" not in name:
            raise SystemExit(f"{EQUIVALENT.relative_to(ROOT)}:{number}: expected 'mutant-name: reason'")
        found[name.strip()] = reason.strip()
    return found


def configured_files() -> list[str]:
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    patterns = config["only_mutate"]
    every = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "macros").rglob("*.py"))
    from fnmatch import fnmatch

    return [path for path in every if any(fnmatch(path, pattern) for pattern in patterns)]


def module_name(path: str) -> str:
    return path.removesuffix(".py").removesuffix("/__init__").replace("/", ".")


def stats_path() -> Path:
    """mutmut's links from each function to the tests that call it."""
    return MUTANTS / "mutmut-stats.json"


def meta_path(path: str) -> Path:
    return MUTANTS / f"{path}.meta"


def update_meta(path: str, change: dict[str, int | None]) -> None:
    file = meta_path(path)
    if not file.is_file():
        return
    meta = json.loads(file.read_text(encoding="utf-8"))
    codes = meta["exit_code_by_key"]
    touched = {name: code for name, code in change.items() if name in codes}
    if touched:
        codes.update(touched)
        file.write_text(json.dumps(meta, indent=4), encoding="utf-8")


def unmutated_copies(files: list[str]) -> list[Path]:
    """Copies in mutants/ of configured files that have no mutants recorded.

    mutmut copies every source file into mutants/; a module configured for mutation after such a
    copy was made is taken as already done (the copy is newer than the source), and its mutants
    are never generated. Removing the copy makes mutmut generate them."""
    return [MUTANTS / path for path in files if (MUTANTS / path).is_file() and not meta_path(path).is_file()]


def mutants_of(path: str) -> list[Mutant]:
    file = meta_path(path)
    if not file.is_file():
        return []
    codes = json.loads(file.read_text(encoding="utf-8"))["exit_code_by_key"]
    return [Mutant(name, path, code) for name, code in codes.items()]


def recorded(path: str, skip: dict[str, str]) -> list[Mutant]:
    """mutants_of(path), the listed equivalents as skipped: a first run, with no results to mark them in
    beforehand, tests them too, and a report read while it runs counts them as equivalent all the same."""
    return [Mutant(m.name, m.path, SKIPPED) if m.name in skip else m for m in mutants_of(path)]


def prepare(files: list[str], skip: dict[str, str]) -> None:
    """Survivors are tested again (tests may have changed); equivalents are not tested at all.

    Mutants no test reached are tested again too, with mutmut's links from functions to the tests that
    call them made afresh: it makes them in a full run of the suite and, in later runs, only for new
    tests, so a function added since (a helper that old tests call) has no test linked to it.

    mutmut copies tests/ and the also_copy folders over its earlier copies, so a file deleted or
    moved since would linger there: the copies are removed first and made afresh."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    for folder in ("tests", *config.get("also_copy", [])):
        if (MUTANTS / folder).is_dir():
            shutil.rmtree(MUTANTS / folder)
    for copy in unmutated_copies(files):
        copy.unlink()
    found_in = {path: mutants_of(path) for path in files}
    if any(m.code in NO_TESTS_CODES and m.name not in skip for found in found_in.values() for m in found):
        stats_path().unlink(missing_ok=True)
    retested = {SURVIVED, *NO_TESTS_CODES}
    for path, found in found_in.items():
        change: dict[str, int | None] = {m.name: None for m in found if m.code in retested}
        change.update({m.name: SKIPPED for m in found if m.name in skip})
        update_meta(path, change)


def pending(path: str) -> list[str]:
    """What mutmut should (re)test of one file: every mutant not killed and not equivalent, or the
    whole module when its mutants have not been made yet or the file changed since they were made
    (mutmut makes the mutants of a changed function anew, under the names of the old ones). mutmut
    reruns every mutant it is given by name, killed ones too, so killed ones are left out."""
    found = mutants_of(path)
    copy = MUTANTS / path
    if not found or not copy.is_file() or (ROOT / path).stat().st_mtime >= copy.stat().st_mtime:
        return [f"{module_name(path)}.*"]
    return [m.name for m in found if status(m) not in ("killed", "equivalent")]


def function_start(source: str, mutant: str) -> int:
    """The first line (decorators included) of the function a mutant name points at."""
    mangled = mutant.rpartition(".")[2].partition("__mutmut_")[0]
    owner, name = (None, mangled[2:]) if mangled.startswith("x_") else mangled.split("ǁ")[1:]
    body = ast.parse(source).body
    if owner is not None:
        body = next(node.body for node in body if isinstance(node, ast.ClassDef) and node.name == owner)
    for node in body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name:
            return min([node.lineno, *(d.lineno for d in node.decorator_list)])
    return 1


def located_change(mutant: Mutant) -> tuple[int, str, str]:
    """(line in the source file, the original line, the mutated line) of one mutant."""
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    diff = get_diff_for_mutant(mutant.name, path=mutant.path).splitlines()
    start = function_start((ROOT / mutant.path).read_text(encoding="utf-8"), mutant.name)
    line, removed, added = start, "", ""
    offset = 0
    for row in diff:
        hunk = re.match(r"@@ -(\d+)", row)
        if hunk:
            offset = int(hunk.group(1)) - 1
            continue
        if row.startswith(("---", "+++")):
            continue
        if row.startswith("-") and not removed:
            removed, line = row[1:].strip(), start + offset
        elif row.startswith("+") and not added:
            added = row[1:].strip()
            if not removed:
                line = start + offset
        if not row.startswith("+"):
            offset += 1
    return line, removed, added


def status(mutant: Mutant) -> str:
    if mutant.code == SKIPPED:
        return "equivalent"
    if mutant.code in KILLED_CODES:
        return "killed"
    if mutant.code in TIMEOUT_CODES:
        return "timeout"
    if mutant.code == SURVIVED:
        return "survived"
    if mutant.code in NO_TESTS_CODES:
        return "no tests"
    return "not checked" if mutant.code is None else f"suspicious ({mutant.code})"


def report(files: list[str], skip: dict[str, str], seconds: float) -> tuple[str, float]:
    lines = ["Mutation testing (mutmut, configured in pyproject.toml [tool.mutmut])", ""]
    total: Counter[str] = Counter()
    problems: list[str] = []
    found_in = {path: recorded(path, skip) for path in files}  # each results file read once
    for path, found in found_in.items():
        counts = Counter(status(m) for m in found)
        total += counts
        considered = len(found) - counts["equivalent"]
        caught = counts["killed"]
        score = caught / considered if considered else 1.0
        others = ", ".join(f"{counts[k]} {k}" for k in sorted(counts) if k != "killed")
        checked = considered - counts["not checked"]
        partial = f"; {caught / checked:.3f} of the {checked} checked" if counts["not checked"] and checked else ""
        lines.append(f"{path}: {score:.3f} ({caught}/{considered} killed{'; ' + others if others else ''}{partial})")
        for mutant in found:
            state = status(mutant)
            if state in ("killed", "equivalent", "not checked"):
                continue  # mutants not checked yet (an interrupted run) are counted above, not listed
            line, removed, added = located_change(mutant)
            problems.append(f"{path}:{line}: {state}: {mutant.name}\n    - {removed}\n    + {added}")
    considered = sum(total.values()) - total["equivalent"]
    caught = total["killed"]
    score = caught / considered if considered else 1.0
    lines += ["", f"Survivors and mutants no test reaches ({len(problems)}):", *problems]
    # Each with its change: mutmut numbers mutants within a function, so an edit to the function can make a
    # listed name point at another mutant. The change shown is the one skipped; check it against the reason.
    lines += ["", f"Equivalent mutants skipped ({total['equivalent']}), listed in {EQUIVALENT.relative_to(ROOT)}:"]
    for path, found in found_in.items():
        for mutant in found:
            if status(mutant) == "equivalent":
                line, removed, added = located_change(mutant)
                why = skip.get(mutant.name, "")
                lines.append(f"{path}:{line}: {mutant.name}: {why}\n    - {removed}\n    + {added}")
    # Stale: a name of a module no longer configured, or of a reported module that no longer makes it.
    # A report of some modules says nothing about the names of the others.
    configured = {module_name(path) for path in configured_files()}
    reported = {module_name(path) for path in files}
    listed = {m.name for found in found_in.values() for m in found}
    stale = [
        name
        for name in skip
        if (module := name.rpartition(".")[0]) not in configured
        or (module in reported and name not in listed and mutants_exist(files))
    ]
    if stale:
        lines.append("Listed as equivalent but no longer generated (remove them): " + ", ".join(sorted(stale)))
    unchecked = total["not checked"]
    if unchecked:
        checked = considered - unchecked
        share = f"{caught / checked:.3f}" if checked else "-"
        lines += ["", f"Not checked yet (an interrupted run): {unchecked}; score of the {checked} checked: {share}"]
    lines += [
        "",
        f"Score: {score:.3f} = {caught} killed / ({sum(total.values())} total - {total['equivalent']} equivalent)",
        f"Wall time: {seconds:.0f} s",
    ]
    return "\n".join(lines) + "\n", score


def mutants_exist(files: list[str]) -> bool:
    return all(meta_path(path).is_file() for path in files)


# Programs some tests need; without them those tests are skipped and the mutants only they catch survive.
# Each under any of its names, as the tests look for it (tests/support/office.py).
NEEDED = {
    (
        "soffice",
        "libreoffice",
    ): "LibreOffice (Debian: libreoffice-calc-nogui), which recalculates the workbook formulas",
    ("node",): "Node.js (Debian: nodejs), which runs the assessment page's script",
}


def missing_programs(which: Callable[[str], str | None]) -> list[str]:
    return [why for names, why in NEEDED.items() if not any(which(name) for name in names)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help="only these configured source files (default: all)")
    parser.add_argument("--fail-under", type=float, default=0.0, help="exit 1 when the score is lower")
    parser.add_argument("--report-only", action="store_true", help="report the results kept in mutants/")
    parser.add_argument("--survivors", action="store_true", help="retest only the mutants that survived last time")
    parser.add_argument("--jobs", type=int, default=1, help="mutants tested at once (default 1)")
    args = parser.parse_args(argv)
    configured = configured_files()
    unknown = [f for f in args.files if f not in configured]
    if unknown:
        parser.error(f"not configured for mutation in pyproject.toml: {', '.join(unknown)}")
    files = args.files or configured
    skip = equivalents(EQUIVALENT.read_text(encoding="utf-8"))
    import time

    started = time.monotonic()
    missing = [] if args.report_only else missing_programs(shutil.which)
    if missing:
        why = "without them their tests are skipped, and the mutants only they catch would count as survivors"
        print(f"make mutation needs {'; and '.join(missing)}: {why}.", file=sys.stderr)
        return 2
    if not args.report_only:
        retest = {"survived", "timeout", "no tests"}
        survivors = [m.name for path in files for m in mutants_of(path) if status(m) in retest and m.name not in skip]
        prepare(files, skip)
        patterns = survivors if args.survivors else [name for path in args.files for name in pending(path)]
        if args.survivors and not survivors:
            print("No survivors to retest.")
        if args.files and not patterns and not args.survivors:
            print("Nothing to test: every mutant of these files is killed or listed as equivalent.")
        command = [str(Path(sys.executable).parent / "mutmut"), "run", "--max-children", str(args.jobs), *patterns]
        wanted = patterns or not (args.files or args.survivors)
        run = subprocess.run(command, cwd=ROOT, check=False) if wanted else None
        if run is not None and run.returncode != 0:
            return run.returncode
        for path in files:  # a rerun of named mutants also ran the listed equivalents
            update_meta(path, dict.fromkeys(skip, SKIPPED))
    text, score = report(files, skip, time.monotonic() - started)
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text(text, encoding="utf-8")
    print(text, end="")
    print(f"Report written to {REPORT.relative_to(ROOT)}")
    return 1 if score < args.fail_under else 0


if __name__ == "__main__":
    sys.exit(main())
