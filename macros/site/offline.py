"""The offline copy of the site: a build with Material's offline plugin (file URLs, search without
a server), zipped so that one commit always gives the same bytes.

`make offline` builds the copy and calls `python -m macros.site.offline SITE_DIR ZIP`; `make build` then
offers the zip on the Downloads page (the hook reads it from SMM_GUIDE_OFFLINE_ZIP).
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from macros.outputs.workbook import build_time

OFFLINE_ZIP_ENV = "SMM_GUIDE_OFFLINE_ZIP"
# Material's offline plugin adds a CDN copy of this shim (Web Workers from file://, for search);
# the site loads nothing from the network, so it ships its own copy and the hook points at it.
WORKER_SHIM = "assets/vendor/iframe-worker/shim.js"
FOLDER = "smm-guide"  # the folder the zip unpacks to
ZIP_EPOCH = datetime(1980, 1, 1)  # the earliest time a zip entry can hold


def zip_tree(site: Path, folder: str = FOLDER) -> bytes:
    """Every file under `site` in a zip, in path order, with one timestamp and fixed permissions:
    the same tree gives the same bytes."""
    stamp = max(build_time(), ZIP_EPOCH).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site).as_posix()}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    return buffer.getvalue()


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m macros.site.offline SITE_DIR ZIP", file=sys.stderr)
        return 2
    site, target = Path(argv[0]), Path(argv[1])
    if not (site / "index.html").is_file():
        print(f"{site}: error: not a built site (no index.html)", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(zip_tree(site))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
