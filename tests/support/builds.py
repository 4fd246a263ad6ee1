"""Builds of the site in a subprocess, as `make build` runs them, for the tests that need a real build."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, SHIFTED_CLOCK


def mkdocs_build(site_dir: Path, *, shift_days: int = 0, cwd: Path = ROOT, **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "NO_MKDOCS_2_WARNING": "1", **env}
    launcher = [str(SHIFTED_CLOCK), str(shift_days), "-m"] if shift_days else ["-m"]
    command = [sys.executable, *launcher, "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True)


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
