"""MkDocs hook: validate data before anything is written, then add generated pages and downloads.

Thin on purpose: the logic lives in plain functions that tests and the CLI call without MkDocs.
What it builds is kept on the MkDocs config under OUTPUTS, where `macros/main.py` finds it.
"""

from __future__ import annotations

import gc
from pathlib import Path

from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

# MkDocs loads this file by path, not as part of the package: absolute imports only.
from macros.loader import load_model
from macros.problems import DataError, print_problems
from macros.routes import edit_path
from macros.site import OUTPUTS, build_outputs, data_dir_for


def on_config(config):
    # Runs before MkDocs cleans site/, so bad data stops the build with the old site intact.
    data_dir = data_dir_for(config.config_file_path)
    try:
        outputs = build_outputs(load_model(data_dir), Path(config.docs_dir), data_dir)
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


def _data_and_docs(config) -> tuple[str, str] | None:
    """The data and docs folders relative to the project, or None if the data lies outside it."""
    root = Path(config.config_file_path).resolve().parent
    data_dir = data_dir_for(config.config_file_path).resolve()
    if not config.edit_uri or not data_dir.is_relative_to(root):
        return None
    return data_dir.relative_to(root).as_posix(), Path(config.docs_dir).resolve().relative_to(root).as_posix()


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
