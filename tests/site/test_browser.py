"""Browser tests (tests/js/*.test.mjs, Node's test runner driving Debian's Chromium) against a fresh build.

They need Chromium, Node.js and npm; without them they are skipped with the reason shown, so
`make test` still runs on a machine without a browser. CI installs all three (.ci/run).
"""

import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import ROOT
from tools.server import served as serve

JS = ROOT / "tests" / "js"
CHROMIUM = os.environ.get("SMM_CHROMIUM", "/usr/bin/chromium")
MISSING = [
    name
    for name, found in (
        ("chromium", os.path.exists(CHROMIUM)),
        ("node", shutil.which("node")),
        ("npm", shutil.which("npm")),
    )
    if not found
]
pytestmark = pytest.mark.skipif(bool(MISSING), reason=f"browser tests need {', '.join(MISSING)} (see .ci/run)")


@pytest.fixture(scope="module")
def served(published_site, tmp_path_factory):
    """The site as `make publish` makes it, offering the offline copy, and that copy unzipped from it.
    (published_site, tests/support/parallel.py: the same builds as test_offline's, on the same xdist worker.)"""
    site, _ = published_site
    unzipped = tmp_path_factory.mktemp("offline-unzipped")
    with zipfile.ZipFile(site / "downloads" / "smm-guide-offline.zip") as archive:
        archive.extractall(unzipped)
    if not (JS / "node_modules" / "playwright-core").is_dir():
        subprocess.run(["npm", "install", "--no-save", "--no-audit", "--no-fund", "--silent"], cwd=JS, check=True)
    with serve(site) as base:
        yield base, unzipped / "smm-guide"


@pytest.mark.parametrize("suite", sorted(p.name for p in JS.glob("*.test.mjs")))
def test_browser_suite(served, suite):
    base, offline_copy = served
    env = {**os.environ, "SMM_BASE_URL": base, "SMM_OFFLINE_ROOT": str(offline_copy), "SMM_CHROMIUM": CHROMIUM}
    env["SMM_PYTHON"] = sys.executable  # portfolio.test.mjs runs `smm-guide portfolio` for the page it opens
    result = subprocess.run(["node", "--test", suite], cwd=JS, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
