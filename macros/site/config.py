"""What a build reads off the MkDocs configuration: whether it is the offline copy, which offline
copy it offers, and the addresses that open data files for editing. Plain functions, so the hook
stays thin and tests call them without running MkDocs."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.exceptions import Abort

from macros.outputs.downloads import Offline
from macros.outputs.routes import edit_path, edit_url
from macros.site.build import data_dir_for
from macros.site.offline import OFFLINE_ZIP_ENV, WORKER_SHIM

Folders = tuple[str, str]  # the data and docs folders, relative to the project


def is_offline_copy(config: Any) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def ship_worker_shim(config: Any) -> None:
    """In the offline copy, point at the Web Worker shim the site ships instead of the CDN copy
    Material's offline plugin adds: the site loads nothing from the network."""
    if is_offline_copy(config):
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = [*polyfills, WORKER_SHIM]


def offline(config: Any) -> Offline:
    """What the Downloads page says about the offline copy: this is it, here it is, or none was built."""
    if is_offline_copy(config):
        return Offline(this_copy=True)
    zip_path = os.environ.get(OFFLINE_ZIP_ENV)
    if not zip_path:
        return Offline()
    try:
        return Offline(zip=Path(zip_path).read_bytes())
    except OSError as error:
        print(f"{zip_path}: error: cannot read the offline copy ({OFFLINE_ZIP_ENV}): {error.strerror}", file=sys.stderr)
        raise Abort("Aborted: the offline copy to offer is missing (above); site/ was left unchanged.") from None


def data_and_docs(config: Any) -> Folders | None:
    """The data and docs folders relative to the project, or None if the data lies outside it."""
    root = Path(config.config_file_path).resolve().parent
    data_dir = data_dir_for(config.config_file_path).resolve()
    if not config.edit_uri or not data_dir.is_relative_to(root):
        return None
    return data_dir.relative_to(root).as_posix(), Path(config.docs_dir).resolve().relative_to(root).as_posix()


def edit_url_for(config: Any) -> Callable[[str], str] | None:
    """Data file -> the address that opens it for editing, for links in the pages' text."""
    folders = data_and_docs(config)
    if folders is None or not config.repo_url:
        return None
    data, docs = folders
    repo_url, edit_uri = str(config.repo_url), str(config.edit_uri)
    return lambda source: edit_url(repo_url, edit_uri, docs, f"{data}/{source}")


def edit_uri_for(source: str | None, folders: Folders | None) -> str | None:
    """A generated page's edit link opens its data file; edit_uri points at the docs folder."""
    if source is None or folders is None:
        return None
    return edit_path(f"{folders[0]}/{source}", folders[1])
