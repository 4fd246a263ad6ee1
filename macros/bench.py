"""`make bench`: build-time figures as `name: value` lines. Prints; never fails on a threshold.

Compares the real build (hook, macros, validation) with a plain MkDocs Material build of the
Markdown that `smm-guide generate` writes, at the real data size and at ten times that size.
Figures are the fastest of a few runs; `build-seconds-cold` is one run with the compile cache
(macros/cache.py) emptied first, as on a fresh checkout.
Targets: build-overhead-ratio at most 1.15 at both sizes, per-page-scaling at most 1.2.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from .cache import CACHE_DIR
from .engines import plain_config
from .loader import load_model
from .pages import abbreviations
from .site import write_tree

ROOT = Path(__file__).resolve().parent.parent
REPEATS = {1: 3, 10: 2}


def _timed(command: list[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def _best(command: list[str], env: dict[str, str], cwd: Path, repeats: int) -> float:
    # The fastest run is the least disturbed by whatever else the machine does.
    return min(_timed(command, env, cwd) for _ in range(repeats))


def scale_data(source: Path, target: Path, factor: int) -> None:
    """A synthetic data set `factor` times as large: every practice with its profile considerations,
    and every framework with its mappings onto the copied practices."""
    shutil.copytree(source, target)
    practices = sorted((target / "practices").glob("*.yaml"))
    count = len(practices)
    archetype_files = list(target.glob("profiles/*/archetypes.yaml"))
    for copy in range(1, factor):
        suffix = f"-x{copy}"
        for path in practices:
            pid = path.stem
            text = path.read_text(encoding="utf-8")
            text = re.sub(rf"^id: {pid}$", f"id: {pid}{suffix}", text, flags=re.M)
            text = re.sub(rf"(- id: ){pid}-", rf"\g<1>{pid}{suffix}-", text)
            offset = count * copy
            text = re.sub(
                r"^order: (\d+)$", lambda m, offset=offset: f"order: {int(m.group(1)) + offset}", text, flags=re.M
            )
            (path.parent / f"{pid}{suffix}.yaml").write_text(text, encoding="utf-8")
            for considerations in target.glob(f"profiles/*/practices/{pid}.yaml"):
                text = considerations.read_text(encoding="utf-8")
                text = re.sub(rf"^practice: {pid}$", f"practice: {pid}{suffix}", text, flags=re.M)
                text = re.sub(rf"(- id: \w+-){pid}-", rf"\g<1>{pid}{suffix}-", text)
                (considerations.parent / f"{pid}{suffix}.yaml").write_text(text, encoding="utf-8")
    _scale_frameworks(target, factor)
    for path in archetype_files:
        header, body = path.read_text(encoding="utf-8").split("\n", 1)
        data = yaml.safe_load(body)
        for archetype in data["archetypes"]:
            targets = archetype["targets"]
            for copy in range(1, factor):
                targets.update({f"{pid}-x{copy}": dict(targets[pid]) for pid in list(targets) if "-x" not in pid})
        path.write_text(header + "\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _scale_frameworks(target: Path, factor: int) -> None:
    def dump(path: Path, header: str, data: dict) -> None:
        path.write_text(header + "\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")

    for path in sorted((target / "frameworks").glob("*.yaml")):
        header, body = path.read_text(encoding="utf-8").split("\n", 1)
        for copy in range(1, factor):
            data = yaml.safe_load(body)
            data["id"] += f"-x{copy}"
            data["short_name"] += f" x{copy}"
            data["crosswalk_with"] = [f"{other}-x{copy}" for other in data.get("crosswalk_with", [])]
            dump(path.parent / f"{data['id']}.yaml", header, data)
    for path in sorted((target / "mappings").glob("*.yaml")):
        header, body = path.read_text(encoding="utf-8").split("\n", 1)
        for copy in range(1, factor):
            data = yaml.safe_load(body)
            data["framework"] += f"-x{copy}"
            for entry in data["mappings"]:
                practice = entry["practice"]
                entry["practice"] = f"{practice}-x{copy}"
                entry["items"] = [
                    item.replace(f"{practice}-", f"{practice}-x{copy}-", 1) for item in entry.get("items", [])
                ]
            dump(path.parent / f"{data['framework']}.yaml", header, data)


def page_sizes(site: Path) -> tuple[str, int, int]:
    """The largest page (path, bytes) and the median page size of a built site, in bytes."""
    sizes = sorted((path.stat().st_size, path.relative_to(site).as_posix()) for path in site.rglob("index.html"))
    largest_size, largest = sizes[-1]
    return largest, largest_size, statistics.median(size for size, _ in sizes)


def measure(data_dir: Path, work: Path, repeats: int) -> tuple[float, float, float, int]:
    env = {**os.environ, "SMM_GUIDE_DATA_DIR": str(data_dir), "NO_MKDOCS_2_WARNING": "1"}
    env.setdefault("SOURCE_DATE_EPOCH", "315532800")
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    shutil.rmtree(CACHE_DIR, ignore_errors=True)
    cold = _timed([*mkdocs, "--site-dir", str(work / "full")], env, ROOT)
    full = _best([*mkdocs, "--site-dir", str(work / "full")], env, ROOT, repeats)
    docs = work / "docs"
    model = load_model(data_dir)
    write_tree(model, ROOT / "content", docs, tooltips_in_pages=False, data_dir=data_dir)
    config = plain_config(docs, work / "plain", abbreviations(model))
    plain_env = {key: value for key, value in env.items() if key != "SMM_GUIDE_DATA_DIR"}
    plain = _best([*mkdocs, "--config-file", str(config)], plain_env, work, repeats)
    pages = sum(1 for _ in (work / "full").rglob("index.html"))
    return cold, full, plain, pages


def main() -> int:
    results = {}
    with tempfile.TemporaryDirectory(prefix="smm-bench-") as tmp:
        for factor in (1, 10):
            work = Path(tmp) / f"{factor}x"
            work.mkdir()
            data = ROOT / "data"
            if factor > 1:
                data = work / "data"
                scale_data(ROOT / "data", data, factor)
            cold, full, plain, pages = measure(data, work, REPEATS[factor])
            results[factor] = (full, pages)
            largest, largest_size, median = page_sizes(work / "full")
            print(f"pages {factor}x: {pages}")
            print(f"largest-page-kb {factor}x: {largest_size / 1024:.1f} ({largest})")
            print(f"median-page-kb {factor}x: {median / 1024:.1f}")
            print(f"build-seconds-cold {factor}x: {cold:.2f}")
            print(f"build-seconds {factor}x: {full:.2f}")
            print(f"plain-build-seconds {factor}x: {plain:.2f}")
            print(f"build-overhead-ratio {factor}x: {full / plain:.3f}")
            sys.stdout.flush()
    (t1, p1), (t10, p10) = results[1], results[10]
    print(f"per-page-scaling 10x/1x: {(t10 / p10) / (t1 / p1):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
