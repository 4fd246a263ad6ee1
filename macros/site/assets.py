"""Our own scripts and stylesheets ship minified; the sources in content/assets stay as written.

The minifiers only drop comments and whitespace (no renaming), so what runs in the browser is the
code the Node tests read from content/assets, and the browser tests run the shipped copy."""

from __future__ import annotations

import re

import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

# assets/*.js, assets/*.css and the assessment page's scripts; vendored files keep their own form.
OWN_ASSET = re.compile(r"assets/(?:assess/)?[^/]+\.(js|css)")


def minified(path: str, text: str) -> str:
    """The text of an asset as it ships: a script or stylesheet without comments and spare whitespace."""
    if path.endswith(".js"):
        return str(rjsmin.jsmin(text))
    return str(rcssmin.cssmin(text))


def minify_own_assets(files: Files, config: MkDocsConfig) -> None:
    """Replace our own static scripts and stylesheets in `files` by their minified text."""
    for file in files.media_files():
        if OWN_ASSET.fullmatch(file.src_uri) and file.abs_src_path:
            with open(file.abs_src_path, encoding="utf-8") as source:
                text = minified(file.src_uri, source.read())
            files.remove(file)
            files.append(File.generated(config, file.src_uri, content=text))
