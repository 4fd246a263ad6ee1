"""MkDocs hook: validate data before anything is written, then add generated pages and downloads.

Thin on purpose: the logic lives in plain functions that tests and the CLI call without MkDocs.
What it builds is kept on the MkDocs config under OUTPUTS, where `macros/main.py` finds it.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

# MkDocs loads this file by path, not as part of the package: absolute imports only.
from macros.data.loader import load_model
from macros.data.problems import DataError, print_problems
from macros.outputs.downloads import Offline
from macros.outputs.pages import BuildContext
from macros.outputs.routes import edit_path, edit_url
from macros.review.releases import read_history
from macros.site.build import OUTPUTS, build_outputs, data_dir_for
from macros.site.offline import OFFLINE_ZIP_ENV, WORKER_SHIM


def _is_offline_copy(config) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def _offline(config) -> Offline:
    """What the Downloads page says about the offline copy: this is it, here it is, or none was built."""
    if _is_offline_copy(config):
        return Offline(this_copy=True)
    zip_path = os.environ.get(OFFLINE_ZIP_ENV)
    if not zip_path:
        return Offline()
    try:
        return Offline(zip=Path(zip_path).read_bytes())
    except OSError as error:
        print(f"{zip_path}: error: cannot read the offline copy ({OFFLINE_ZIP_ENV}): {error.strerror}", file=sys.stderr)
        raise Abort("Aborted: the offline copy to offer is missing (above); site/ was left unchanged.") from None


def on_config(config):
    # Runs before MkDocs cleans site/, so bad data stops the build with the old site intact.
    data_dir = data_dir_for(config.config_file_path)
    offline = _offline(config)
    try:
        model = load_model(data_dir)
        build = BuildContext(offline, read_history(data_dir, model), _edit_url(config))
        outputs = build_outputs(model, Path(config.docs_dir), data_dir, build)
    except DataError as error:
        print_problems(error, "Aborted: {count} problem(s) in the data files; site/ was left unchanged.")
        raise Abort("Aborted: the data files have problems (listed above).") from None
    config.nav = outputs.nav
    config.mdx_configs.setdefault("abbr", {})["glossary"] = outputs.abbreviations
    config[OUTPUTS] = outputs
    # The model and the generated pages live until the build ends; keep the garbage collector from
    # walking them again on every collection while MkDocs renders hundreds of pages.
    gc.freeze()
    return config


def on_pre_build(config):
    # After every plugin's on_config: Material's offline plugin has added its CDN copy of the Web
    # Worker shim by now. The site loads nothing from the network: use the copy it ships.
    if _is_offline_copy(config):
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = [*polyfills, WORKER_SHIM]


def _data_and_docs(config) -> tuple[str, str] | None:
    """The data and docs folders relative to the project, or None if the data lies outside it."""
    root = Path(config.config_file_path).resolve().parent
    data_dir = data_dir_for(config.config_file_path).resolve()
    if not config.edit_uri or not data_dir.is_relative_to(root):
        return None
    return data_dir.relative_to(root).as_posix(), Path(config.docs_dir).resolve().relative_to(root).as_posix()


def _edit_url(config) -> Callable[[str], str] | None:
    """Data file -> the address that opens it for editing, for links in the pages' text."""
    folders = _data_and_docs(config)
    if folders is None or not config.repo_url:
        return None
    data, docs = folders
    return lambda source: edit_url(config.repo_url, config.edit_uri, docs, f"{data}/{source}")


def _edit_uri(source: str | None, folders: tuple[str, str] | None) -> str | None:
    """A generated page's edit link opens its data file; edit_uri points at the docs folder."""
    if source is None or folders is None:
        return None
    return edit_path(f"{folders[0]}/{source}", folders[1])


def on_files(files: Files, config) -> Files:
    outputs = config[OUTPUTS]
    folders = _data_and_docs(config)
    for page in outputs.pages:
        generated = File.generated(config, page.path, content=page.content)
        generated.edit_uri = _edit_uri(page.source, folders)
        files.append(generated)
    for path, content in outputs.files.items():
        files.append(File.generated(config, path, content=content))
    return files
