"""MkDocs hook: validate data before anything is written, then add generated pages and downloads.

Thin on purpose: the logic is plain functions in macros/site/ that tests and the CLI call without
MkDocs. What it builds is kept on the config under OUTPUTS for macros_module.py."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

# MkDocs loads this file by path, not as part of the package: absolute imports only.
from macros.data.loader import load_model
from macros.data.problems import DataError, print_problems
from macros.outputs.pages import BuildContext
from macros.review.releases import read_history
from macros.site import assets, macros_module, render_cache
from macros.site import config as build_config
from macros.site import files as site_files
from macros.site.build import OUTPUTS, build_outputs, data_dir_for

RENDERED = "smm_guide_render_cache"  # this build's RenderCache, on the MkDocs config
LOG = logging.getLogger("mkdocs.hooks.smm_guide")


def on_startup(command: str, dirty: bool) -> None:
    macros_module.skip_git_info()
    if dirty:
        site_files.dirty_builds_on_purpose()


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
    config.watch.append(str(data_dir))  # `make serve` rebuilds on edits of the data it built from
    config.mdx_configs.setdefault("abbr", {})["glossary"] = outputs.abbreviations
    config[OUTPUTS] = outputs
    # The model and pages live until the build ends: keep the garbage collector from walking them.
    gc.freeze()
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    # After every plugin's on_config, where Material's offline plugin adds its CDN copy of the shim.
    build_config.ship_worker_shim(config)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    site_files.add_outputs(files, config, config[OUTPUTS])
    assets.minify_own_assets(files, config)
    return files


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> None:
    site_files.read_unchanged(nav, config)
    # Every plugin has added its files by now: the set of link targets the pages are keyed by.
    config[RENDERED] = render_cache.for_build(config, files)


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    config[RENDERED].wrap(page)
    return page


def on_post_build(config: MkDocsConfig) -> None:
    site_files.finished()
    LOG.info("render cache: %s", config[RENDERED].finish())
