"""`make bench`: build-time figures as `name: value` lines. Prints; never fails on a threshold.

Compares the real build (hook, macros, validation) with a plain MkDocs Material build of the
Markdown that `smm-guide generate` writes, at the real data size and at ten times that size.
Build figures are CPU seconds (user + sys) of whole processes, with their wall seconds in brackets:
the machine may be shared, and CPU time is what other load disturbs least. Each is the median of a
few runs, the real and the plain build in turns; ratios are of the CPU medians.
`build-seconds-cold` is one run with the compile cache (macros/data/cache.py) and the render cache
(macros/site/render_cache.py) emptied first, as on a fresh checkout. The other real builds
(`build-seconds`, `build-overhead-ratio`) find the compile cache filled but run with the render
cache off, so that they convert every page as the plain build does: the overhead is the build's own.
Targets: build-overhead-ratio at most 1.10 at both sizes, per-page-scaling at most 1.2.
- `make-build-seconds` and `make-build-ratio`: `make build` (one MkDocs build, warm venv, whole
  process) as a contributor runs it again, with the caches an earlier build filled, against the
  plain build of the same Markdown at the real size. Target: at most 0.7. `make-build-ratio-cold`:
  the same with the render cache off, i.e. every page converted, as in CI.
- `serve-refresh-seconds`: `make serve` on a copy of the data; the median seconds from saving one
  practice's file to its page being served with the change (three edits, each in brackets, with
  the CPU seconds the server spent on each).
  Target: at most 3.

Then figures for the self-assessment page (assess/) of the real-size build:
- `assess-own-js-css-kib`: the stylesheets and scripts of ours that assess/ loads and a plain content
  page (how-to-use/) does not, the model script aside: its own code. Target: at most 60 KiB.
- `assess-all-own-assets-kib`: everything of ours assess/ loads besides Material's bundle and the
  model script, i.e. the above plus the site-wide smm.css and smm-tables.js.
- `assess-model-script-kib`: assets/smm-model.js, the model as data (no target).
  All three are read from the built assess/index.html, so they follow the page as it changes.
- `assess-interactive-ms`, `content-interactive-ms` and `assess-interactive-ratio`: median time from
  navigation start until the page is interactive, assess/ against how-to-use/ in one Chromium run
  (tests/js/tti.mjs, which defines "interactive": load event over, Material's bundle run, and for
  assess/ the page rendered and marked `data-smm-assess="ready"`). Target: ratio at most 2. The same
  again with the CPU throttled 4x (`... 4x-cpu`), as the machine is fast. In brackets: where the
  assess/ time goes, and the median ratio of back-to-back loads, steadier on a busy machine.
  They need Chromium (/usr/bin/chromium or SMM_CHROMIUM), Node.js and playwright-core in tests/js;
  without them they print `skipped (reason)`.

`python -m tools.bench --assess-only SITE_DIR` prints only the assess/ figures for a site already
built (`mkdocs build --site-dir SITE_DIR`).

Then `smm-guide portfolio` on the portfolio of a large operator: PORTFOLIO_FILES JSON exports of the real
model with the Digital Twin profile (every practice, seeded random answers and targets, 3 dates per system;
clearly synthetic: systems are named "synthetic-NNNN", written to a temporary folder, never published):
- `portfolio-seconds FORMAT`: CPU seconds of the whole command (wall in brackets), for md and xlsx.
- `portfolio-peak-mib FORMAT`: its peak resident memory. Target: at most 10 s and 1024 MiB.
`python -m tools.bench --portfolio-only` prints only these.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import yaml

from macros.data.cache import CACHE_DIR
from macros.data.loader import load_model
from macros.outputs.pages import abbreviations
from macros.site.build import write_tree
from macros.site.engines import plain_config
from macros.site.render_cache import SWITCH as RENDER_SWITCH
from tools.server import served

ROOT = Path(__file__).resolve().parent.parent
REPEATS = {1: 3, 10: 2}
JS = ROOT / "tests" / "js"
CHROMIUM = os.environ.get("SMM_CHROMIUM", "/usr/bin/chromium")
ASSESS_PAGE, CONTENT_PAGE = "assess/", "how-to-use/"
MODEL_SCRIPT = "assets/smm-model.js"
MATERIAL_ASSETS = ("assets/javascripts/", "assets/stylesheets/")
TTI_LOADS, TTI_CPU_RATES = 7, (1, 4)


@dataclass(frozen=True)
class Run:
    """One whole process: CPU seconds (user + sys of it and the children it waited for) and wall seconds."""

    cpu: float
    wall: float


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _timed(command: list[str], env: dict[str, str], cwd: Path) -> Run:
    cpu, start = _children_cpu(), time.perf_counter()
    subprocess.run(command, cwd=cwd, env=env, check=True, capture_output=True)
    # The children waited for so far include this one now, with every process it waited for.
    return Run(_children_cpu() - cpu, time.perf_counter() - start)


def _median(runs: list[Run]) -> Run:
    return Run(statistics.median(run.cpu for run in runs), statistics.median(run.wall for run in runs))


def _seconds(run: Run) -> str:
    return f"{run.cpu:.2f} (wall {run.wall:.2f})"


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


@dataclass(frozen=True)
class Measured:
    """Medians of the builds at one size; `make_build` only at the real size."""

    cold: Run
    full: Run
    plain: Run
    make_build: Run | None
    make_build_cold: Run | None
    pages: int


def _make_build(work: Path, *, render_cache: bool = True) -> tuple[list[str], dict[str, str]]:
    """`make build` as a contributor runs it (warm venv, whole process), into a folder of the bench."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", RENDER_SWITCH: "on" if render_cache else "off"}
    env.pop("SMM_GUIDE_OFFLINE_ZIP", None)
    return ["make", "--no-print-directory", "build", f"SITE_DIR={work / 'make-site'}"], env


def measure(data_dir: Path, work: Path, repeats: int, *, make_build: bool = False) -> Measured:
    env = {**os.environ, "SMM_GUIDE_DATA_DIR": str(data_dir), "NO_MKDOCS_2_WARNING": "1"}
    env.setdefault("SOURCE_DATE_EPOCH", "315532800")
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    shutil.rmtree(CACHE_DIR, ignore_errors=True)
    cold = _timed([*mkdocs, "--site-dir", str(work / "full")], env, ROOT)
    docs = work / "docs"
    model = load_model(data_dir)
    write_tree(model, ROOT / "content", docs, tooltips_in_pages=False, data_dir=data_dir)
    config = plain_config(docs, work / "plain", abbreviations(model))
    plain_env = {key: value for key, value in env.items() if key != "SMM_GUIDE_DATA_DIR"}
    full, plain, made, made_cold = [], [], [], []
    converting = {**env, RENDER_SWITCH: "off"}
    for _ in range(repeats):  # in turns, so that a change in the machine's load falls on each alike
        full.append(_timed([*mkdocs, "--site-dir", str(work / "full")], converting, ROOT))
        plain.append(_timed([*mkdocs, "--config-file", str(config)], plain_env, work))
        if make_build:
            made.append(_timed(*_make_build(work), ROOT))
            made_cold.append(_timed(*_make_build(work, render_cache=False), ROOT))
    pages = sum(1 for _ in (work / "full").rglob("index.html"))
    return Measured(
        cold,
        _median(full),
        _median(plain),
        _median(made) if made else None,
        _median(made_cold) if made else None,
        pages,
    )


class _Assets(HTMLParser):
    """The stylesheets and scripts an HTML page loads, as written in its links and script tags."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and "stylesheet" in (found.get("rel") or "").split() and found.get("href"):
            self.urls.append(found["href"])
        elif tag == "script" and found.get("src"):
            self.urls.append(found["src"])


def own_assets(site: Path, page: str) -> list[str]:
    """Site-relative paths of the stylesheets and scripts of ours (not Material's) that `page` loads, in order."""
    parser = _Assets()
    parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
    paths = []
    for url in parser.urls:
        parts = urlsplit(urljoin(f"http://site/{page}", url))
        path = parts.path.lstrip("/")
        if parts.netloc == "site" and not path.startswith(MATERIAL_ASSETS) and path not in paths:
            paths.append(path)
    return paths


def _kib(site: Path, paths: list[str]) -> str:
    sizes = [(site / path).stat().st_size / 1024 for path in paths]
    listed = " + ".join(f"{PurePosixPath(path).name} {size:.1f}" for path, size in zip(paths, sizes, strict=True))
    return f"{sum(sizes):.1f} ({listed})"


def asset_figures(site: Path) -> None:
    """Prints the sizes of what the assessment page loads of ours (see the module docstring)."""
    loaded = own_assets(site, ASSESS_PAGE)
    site_wide = set(own_assets(site, CONTENT_PAGE))
    code = sorted((path for path in loaded if path != MODEL_SCRIPT), key=lambda path: not path.endswith(".js"))
    print(f"assess-own-js-css-kib: {_kib(site, [path for path in code if path not in site_wide])}")
    print(f"assess-all-own-assets-kib: {_kib(site, code)}")
    if MODEL_SCRIPT in loaded:
        print(f"assess-model-script-kib: {(site / MODEL_SCRIPT).stat().st_size / 1024:.1f}")
    else:
        print(f"assess-model-script-kib: skipped ({ASSESS_PAGE} does not load {MODEL_SCRIPT})")


def _browser_missing() -> str | None:
    """Why the browser figures cannot be taken here, or None."""
    missing = [
        name
        for name, found in (
            (f"chromium ({CHROMIUM})", os.path.exists(CHROMIUM)),
            ("node", shutil.which("node")),
            ("playwright-core (npm install in tests/js)", (JS / "node_modules" / "playwright-core").is_dir()),
        )
        if not found
    ]
    return f"needs {', '.join(missing)}" if missing else None


def _run_tti(base: str) -> dict:
    """The samples of tests/js/tti.mjs: one Chromium run over assess/ and how-to-use/ at each CPU rate."""
    rates = ",".join(str(rate) for rate in TTI_CPU_RATES)
    env = {**os.environ, "SMM_CHROMIUM": CHROMIUM}
    command = ["node", "tti.mjs", base, str(TTI_LOADS), rates]
    result = subprocess.run(command, cwd=JS, env=env, capture_output=True, text=True, timeout=900, check=False)
    if result.returncode != 0:
        raise RuntimeError((result.stderr.strip().splitlines() or ["no output"])[-1])
    return json.loads(result.stdout)


def _rate_suffix(rate: float) -> str:
    return "" if rate == 1 else f" {rate:g}x-cpu"


def _print_tti(run: dict) -> None:
    suffix = _rate_suffix(run["rate"])
    medians = {kind: statistics.median(s["interactive"] for s in samples) for kind, samples in run["samples"].items()}
    assess = run["samples"]["assess"]
    # Where the assessment page's time goes: until DOMContentLoaded, its scripts rendering the page then,
    # and what comes after it (Material mounting its components on the rendered page, the load event).
    loaded = statistics.median(s["domContentLoaded"] for s in assess)
    render = statistics.median(s["assess"] - s["domContentLoaded"] for s in assess)
    after = statistics.median(s["interactive"] - s["assess"] for s in assess)
    detail = f"DOMContentLoaded at {loaded:.0f}, the page rendered {render:.0f}, Material and load after it {after:.0f}"
    print(f"assess-interactive-ms{suffix}: {medians['assess']:.0f} ({detail})")
    print(f"content-interactive-ms{suffix}: {medians['content']:.0f}")
    # Loads i of both pages ran back to back: their ratio cancels drift in the machine's load.
    pairs = zip(assess, run["samples"]["content"], strict=True)
    paired = statistics.median(a["interactive"] / c["interactive"] for a, c in pairs)
    ratio = medians["assess"] / medians["content"]
    print(f"assess-interactive-ratio{suffix}: {ratio:.2f} (median of paired loads {paired:.2f})")


def tti_figures(site: Path) -> None:
    """Prints the time-to-interactive figures of the assessment page (see the module docstring)."""
    names = ("assess-interactive-ms", "content-interactive-ms", "assess-interactive-ratio")
    reason = _browser_missing()
    if reason is None:
        try:
            with served(site) as base:
                result = _run_tti(base)
        except (OSError, RuntimeError, ValueError, subprocess.TimeoutExpired) as error:
            reason = f"tti.mjs failed: {error}"
    if reason is not None:
        for rate in TTI_CPU_RATES:
            for name in names:
                print(f"{name}{_rate_suffix(rate)}: skipped ({reason})")
        return
    for run in result["runs"]:
        _print_tti(run)


def assess_figures(site: Path) -> None:
    """All the figures of the assessment page, for a built site."""
    asset_figures(site)
    sys.stdout.flush()
    tti_figures(site)
    sys.stdout.flush()


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return str(response.read().decode("utf-8"))
    except (OSError, ValueError):
        return None


def _until(condition: Callable[[], bool], limit: float) -> float | None:
    """Seconds until `condition` holds, polling every 50 ms, or None after `limit` seconds."""
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if condition():
            return time.perf_counter() - start
        time.sleep(0.05)
    return None


def _session_cpu(session: int) -> float | None:
    """CPU seconds so far of the live processes of `session` (from Linux's /proc), or None without it."""
    if not Path("/proc/self/stat").is_file():
        return None
    total, tick = 0.0, os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()  # after the command name: state, ppid, ...
        except OSError:
            continue
        if int(fields[3]) == session:
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


SERVE_EDIT = ("practices/access-control.yaml", "  Anyone who reaches the control network")


def serve_refresh_figures(tmp: Path) -> None:
    """`make serve` on a copy of the data: the seconds from saving one practice's file to its page
    being served with the change, the median of a few edits."""
    data = tmp / "serve-data"
    shutil.copytree(ROOT / "data", data)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "SMM_GUIDE_DATA_DIR": str(data), "NO_MKDOCS_2_WARNING": "1"}
    env["SMM_GUIDE_SITE_URL"] = f"http://127.0.0.1:{port}/"
    command = ["make", "--no-print-directory", "serve", f"SERVE_ADDR=127.0.0.1:{port}"]
    server = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    page = f"http://127.0.0.1:{port}/practices/access-control/"
    try:
        if _until(lambda: _fetch(page) is not None, 180) is None:
            print("serve-refresh-seconds: skipped (make serve did not serve the page within 180 s)")
            return
        name, anchor = SERVE_EDIT
        source = data / name
        original = source.read_text(encoding="utf-8")
        seconds, cpu = [], []
        for edit in range(1, 4):
            time.sleep(1.5)  # past the watcher's debounce of the previous change
            token = f"bench{edit}x"
            before = _session_cpu(server.pid)
            source.write_text(original.replace(anchor, f"{anchor} {token}", 1), encoding="utf-8")
            found = _until(lambda token=token: token in (_fetch(page) or ""), 120)
            if found is None:
                print("serve-refresh-seconds: skipped (the edit did not reach the served page within 120 s)")
                return
            after = _session_cpu(server.pid)
            seconds.append(found)
            if before is not None and after is not None:
                cpu.append(after - before)
        detail = ", ".join(f"{s:.2f}" for s in seconds)
        # The server's CPU seconds for each rebuild: what a busy machine stretches into the wall time.
        spent = f"; server CPU {', '.join(f'{s:.2f}' for s in cpu)}" if cpu else ""
        print(f"serve-refresh-seconds: {statistics.median(seconds):.2f} ({detail}{spent})")
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
    sys.stdout.flush()


def build_figures(tmp: Path) -> None:
    """Builds at each size in `tmp` and prints the build figures; the real-size site stays in tmp/1x/full."""
    results = {}
    for factor in (1, 10):
        work = tmp / f"{factor}x"
        work.mkdir()
        data = ROOT / "data"
        if factor > 1:
            data = work / "data"
            scale_data(ROOT / "data", data, factor)
        measured = measure(data, work, REPEATS[factor], make_build=factor == 1)
        results[factor] = measured
        if measured.make_build:
            print(f"make-build-seconds: {_seconds(measured.make_build)}")
            print(f"make-build-ratio: {measured.make_build.cpu / measured.plain.cpu:.3f}")
        if measured.make_build_cold:
            print(f"make-build-seconds-cold: {_seconds(measured.make_build_cold)}")
            print(f"make-build-ratio-cold: {measured.make_build_cold.cpu / measured.plain.cpu:.3f}")
        largest, largest_size, median = page_sizes(work / "full")
        print(f"pages {factor}x: {measured.pages}")
        print(f"largest-page-kb {factor}x: {largest_size / 1024:.1f} ({largest})")
        print(f"median-page-kb {factor}x: {median / 1024:.1f}")
        print(f"build-seconds-cold {factor}x: {_seconds(measured.cold)}")
        print(f"build-seconds {factor}x: {_seconds(measured.full)}")
        print(f"plain-build-seconds {factor}x: {_seconds(measured.plain)}")
        print(f"build-overhead-ratio {factor}x: {measured.full.cpu / measured.plain.cpu:.3f}")
        sys.stdout.flush()
    one, ten = results[1], results[10]
    print(f"per-page-scaling 10x/1x: {(ten.full.cpu / ten.pages) / (one.full.cpu / one.pages):.3f}")
    sys.stdout.flush()


# The command in a process that reports its own peak memory on its last line of standard error (KiB on Linux).
PEAK_REPORTING = (
    "import resource, sys\nfrom macros.cli.main import main\ncode = main(sys.argv[1:])\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\nsys.exit(code)"
)
PORTFOLIO_FILES, PORTFOLIO_DATES, PORTFOLIO_PROFILE = 1000, 3, "digital-twin"
STATUS_WEIGHTS = {"met": 6, "partly": 2, "not-met": 2, "na": 1, "": 1}


def portfolio_set(folder: Path, count: int = PORTFOLIO_FILES) -> None:
    """`count` synthetic JSON exports of the real model, as the assessment page writes them."""
    import random

    from macros.outputs import checklists
    from macros.outputs.assessment_file import FORMAT, VERSION
    from macros.outputs.export import model_version
    from macros.rules import selection

    model = load_model(ROOT / "data")
    practices = [p.id for p in model.practices]
    rows = checklists.rows(model, practices, selection.select(model, [PORTFOLIO_PROFILE]))
    rng = random.Random(21)  # the same set on every run
    statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        system, date = divmod(n, PORTFOLIO_DATES)
        answers = {
            r.item: {"status": s, "note": ""}
            for r, s in zip(rows, rng.choices(statuses, weights, k=len(rows)), strict=True)
        }
        data = {
            "format": FORMAT,
            "version": VERSION,
            "model_version": model_version(model),
            "created": f"{2024 + date}-03-01T09:00:00.000Z",
            "system": f"synthetic-{system:04d}",
            "guidance": {"profiles": [PORTFOLIO_PROFILE], "framework": None},
            "characterization": {},
            "targets": {p: {"level": rng.randint(1, 4), "justification": ""} for p in practices},
            "answers": {item: answer for item, answer in answers.items() if answer["status"]},
            "levels": {},
        }
        (folder / f"synthetic-{n:04d}.json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def portfolio_figures(tmp: Path) -> None:
    """`smm-guide portfolio` on PORTFOLIO_FILES synthetic assessments: CPU, wall seconds and peak memory."""
    folder = tmp / "portfolio"
    portfolio_set(folder)
    for fmt in ("md", "xlsx"):
        out = tmp / f"portfolio.{fmt}"
        command = [sys.executable, "-c", PEAK_REPORTING, "portfolio", str(folder), "--format", fmt, "--out", str(out)]
        cpu, start = _children_cpu(), time.perf_counter()
        done = subprocess.run([*command, "--framework", "iec-62443-3-3"], cwd=ROOT, capture_output=True, text=True)
        run = Run(_children_cpu() - cpu, time.perf_counter() - start)
        if done.returncode != 0:
            print(f"portfolio-seconds {fmt}: failed ({done.stderr.strip().splitlines()[-2:]})")
            continue
        peak = int(done.stderr.strip().splitlines()[-1]) / 1024
        print(f"portfolio-seconds {fmt}: {_seconds(run)} ({PORTFOLIO_FILES} files, {out.stat().st_size // 1024} KiB)")
        print(f"portfolio-peak-mib {fmt}: {peak:.0f}")
        sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["--assess-only"]:
        if len(args) != 2 or not (Path(args[1]) / ASSESS_PAGE / "index.html").is_file():
            print("usage: python -m tools.bench [--assess-only BUILT_SITE_DIR]", file=sys.stderr)
            return 2
        assess_figures(Path(args[1]))
        return 0
    if args == ["--portfolio-only"]:
        with tempfile.TemporaryDirectory(prefix="smm-bench-") as tmp:
            portfolio_figures(Path(tmp))
        return 0
    if args:
        print("usage: python -m tools.bench [--assess-only BUILT_SITE_DIR | --portfolio-only]", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="smm-bench-") as tmp:
        build_figures(Path(tmp))
        serve_refresh_figures(Path(tmp))
        assess_figures(Path(tmp) / "1x" / "full")
        portfolio_figures(Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
