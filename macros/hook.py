"""MkDocs hook: validate data before anything is written, then add generated pages and downloads.

Thin on purpose: the logic lives in plain functions that tests and the CLI call without MkDocs.
"""

from __future__ import annotations

import sys

from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

# MkDocs loads this file by path, not as part of the package: absolute imports only.
from macros.loader import load_model_cached
from macros.problems import DataError
from macros.site import Outputs, build_outputs, data_dir_for

_outputs: Outputs | None = None


@event_priority(100)  # before mkdocs-macros, which needs the validated model
def on_config(config):
    # Runs before MkDocs cleans site/, so bad data stops the build with the old site intact.
    global _outputs
    try:
        model = load_model_cached(data_dir_for(config.config_file_path))
    except DataError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        raise Abort(f"Aborted: {len(error.problems)} problem(s) in the data files; site/ was left unchanged.") from None
    _outputs = build_outputs(model)
    config.nav = _outputs.nav
    return config


def on_files(files: Files, config) -> Files:
    assert _outputs is not None
    for page in _outputs.pages:
        generated = File.generated(config, page.path, content=page.content)
        # The edit button of a generated page opens the YAML it came from; edit_uri points at content/.
        generated.edit_uri = f"../{page.source}" if page.source else None
        files.append(generated)
    for path, text in _outputs.files.items():
        files.append(File.generated(config, path, content=text))
    return files
