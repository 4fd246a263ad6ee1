"""LibreOffice for the tests that need a real spreadsheet engine: a workbook opened, recalculated and
saved as a user's LibreOffice would, so formulas get values. Tests that need it are marked NEEDS_LIBREOFFICE
and skipped, saying so, where it is not installed (`.ci/run` installs it)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""


def recalculate(source: Path, tmp_path: Path, *more: Path) -> Path:
    """Open and save the files in LibreOffice (one run) with a fresh profile that always recalculates on load:
    the recalculated copy of `source`; those of `more` have the same names in the same folder."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    profile = tmp_path / "lo-profile"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS, encoding="utf-8")
    out = tmp_path / "recalculated"
    command = [office, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}"]
    command += ["--convert-to", "xlsx", "--outdir", str(out), str(source), *map(str, more)]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return out / source.name


NEEDS_LIBREOFFICE = pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")),
    reason="LibreOffice (soffice) is not installed: the workbook formulas cannot be recalculated here",
)
