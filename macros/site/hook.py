"""MkDocs hook: validate data before anything is written, then add generated pages and downloads.

Thin on purpose: the logic is plain functions (macros/site/build.py, config.py) that tests and the
CLI call without MkDocs. What it builds is kept on the config under OUTPUTS for macros_module.py.
"""

from __future__ import annotations

import gc
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files, InclusionLevel

# MkDocs loads this file by path, not as part of the package: absolute imports only.
from macros.data.loader import load_model
from macros.data.problems import DataError, print_problems
from macros.outputs.pages import BuildContext
from macros.review.releases import read_history
from macros.site import config as build_config
from macros.site.build import OUTPUTS, build_outputs, data_dir_for
from macros.site.offline import WORKER_SHIM


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    # Runs before MkDocs cleans site/, so bad data stops the build with the old site intact.
    data_dir = data_dir_for(config.config_file_path)
    offline = build_config.offline(config)
    try:
        model = load_model(data_dir)
        build = BuildContext(offline, read_history(data_dir, model), build_config.edit_url_for(config))
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


def on_pre_build(config: MkDocsConfig) -> None:
    # After every plugin's on_config: Material's offline plugin has added its CDN copy of the Web
    # Worker shim by now. The site loads nothing from the network: use the copy it ships.
    if build_config.is_offline_copy(config):
        polyfills = [p for p in config.extra.get("polyfills", []) if "iframe-worker" not in str(p)]
        config.extra["polyfills"] = [*polyfills, WORKER_SHIM]


def on_files(files: Files, config: MkDocsConfig) -> Files:
    outputs = config[OUTPUTS]
    folders = build_config.data_and_docs(config)
    for page in outputs.pages:
        # A page the nav does not list (requirements, printable checklists) says so itself.
        inclusion = InclusionLevel.UNDEFINED if page.nav else InclusionLevel.NOT_IN_NAV
        generated = File.generated(config, page.path, content=page.content, inclusion=inclusion)
        generated.edit_uri = build_config.edit_uri_for(page.source, folders)
        files.append(generated)
    for path, content in outputs.files.items():
        files.append(File.generated(config, path, content=content))
    return files
