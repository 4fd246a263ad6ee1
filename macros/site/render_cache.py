"""Pages rendered by an earlier build, reused while nothing they depend on has changed.

Converting Markdown to HTML is most of a build's time, and a page's HTML depends only on its
Markdown, its path, the set of files it can link to, the Markdown configuration and the versions of
the packages that render it. A build keys each page by all of these and reuses the HTML, table of
contents and anchors an earlier build of the same virtual environment stored under that key, so a
`make build` after editing one data file converts only the pages that edit changed.

Only ever an optimization, like macros/data/cache.py beside it: a page that rendered with a warning
is not stored (so a later build warns again), entries are written whole or not at all (builds of the
test suite run side by side), an entry that cannot be read is rendered afresh, and SMM_GUIDE_RENDER_CACHE=off
turns it off. Entries unused for a week are removed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, get_toc

from macros.data.cache import cache_dir

SWITCH = "SMM_GUIDE_RENDER_CACHE"
RENDERERS = ("mkdocs", "markdown", "pymdown-extensions", "mkdocs-material")
KEEP_SECONDS = 7 * 24 * 3600
FORMAT = 1  # of the stored entries


def enabled() -> bool:
    return os.environ.get(SWITCH, "on").lower() not in ("off", "0", "no")


def _stable(value: Any) -> Any:
    """A JSON-ready form of a Markdown configuration: functions by their qualified name, not their address."""
    if isinstance(value, dict):
        return {str(key): _stable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_stable(item) for item in value]
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"
    return value if value is None or isinstance(value, str | int | float | bool) else repr(value)


def build_key(config: MkDocsConfig, files: Files) -> str:
    """What every page's HTML depends on besides its own Markdown and path."""
    versions = {name: metadata.version(name) for name in RENDERERS}
    links = sorted((file.src_uri, file.dest_uri, file.url, file.inclusion.name) for file in files)
    settings = {
        "extensions": _stable(config["markdown_extensions"]),
        "configs": _stable(config["mdx_configs"]),
        "use_directory_urls": config["use_directory_urls"],
        "validation": _stable(dict(config["validation"])),
        "site_url": config["site_url"],
    }
    text = json.dumps([FORMAT, versions, settings, links], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def page_key(build: str, page: Page) -> str:
    text = json.dumps([build, page.file.src_uri, page.markdown], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextlib.contextmanager
def _counting_warnings() -> Iterator[_Warnings]:
    handler, logger = _Warnings(), logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)


def _tokens(links: Iterable[AnchorLink]) -> list[dict[str, Any]]:
    """A table of contents as the toc extension's tokens, which get_toc turns back into it."""
    return [{"level": a.level, "id": a.id, "name": a.title, "children": _tokens(a.children)} for a in links]


def _entry(page: Page) -> dict[str, Any]:
    links = page.links_to_anchors
    return {
        "format": FORMAT,
        "content": page.content,
        "toc": _tokens(page.toc),
        "title": page._title_from_render,
        "anchors": sorted(page.present_anchor_ids or ()),
        "links": None if links is None else {file.src_uri: anchors for file, anchors in links.items()},
    }


def _restore(page: Page, entry: dict[str, Any], files: Files) -> bool:
    links = entry["links"]
    targets = {uri: file for uri in links or () if (file := files.get_file_from_path(uri))}
    if entry.get("format") != FORMAT or len(targets) != len(links or ()):
        return False
    page.content = entry["content"]
    page.toc = get_toc(entry["toc"])
    page._title_from_render = entry["title"]
    page.present_anchor_ids = set(entry["anchors"])
    page.links_to_anchors = None if links is None else {targets[uri]: anchors for uri, anchors in links.items()}
    return True


class RenderCache:
    """One build's use of the stored pages: `wrap` each page before MkDocs renders it."""

    def __init__(self, config: MkDocsConfig, files: Files, folder: Path | None) -> None:
        self.key = build_key(config, files)
        self.folder = folder
        self.files = files
        self.hits = self.misses = 0

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.json"

    def _load(self, key: str) -> dict[str, Any] | None:
        path = self._path(key)
        try:
            entry: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            os.utime(path)  # used: kept another week
        except (OSError, ValueError):
            return None
        return entry

    def _store(self, key: str, entry: dict[str, Any]) -> None:
        path = self._path(key)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, path)  # whole or not at all, whatever else builds beside this one

    def wrap(self, page: Page) -> None:
        """Make `page.render` reuse a stored rendering of the same inputs, or render and store it."""
        if self.folder is None:
            return
        render: Callable[[MkDocsConfig, Files], None] = page.render

        def cached_render(config: MkDocsConfig, files: Files) -> None:
            key = page_key(self.key, page)
            entry = self._load(key)
            if entry is not None and _restore(page, entry, files):
                self.hits += 1
                return
            self.misses += 1
            with _counting_warnings() as warnings:
                render(config, files)
            if not warnings.count:
                self._store(key, _entry(page))

        page.render = cached_render  # type: ignore[method-assign]

    def finish(self) -> str:
        """Prune the stored pages; what this build took from them, in words."""
        if self.folder is None:
            return f"off ({SWITCH})"
        self.prune()
        return f"{self.hits} page(s) reused, {self.misses} rendered"

    def prune(self, now: float | None = None) -> int:
        """Remove entries no build has used for a week; the number removed."""
        if self.folder is None:
            return 0
        limit, removed = (now or time.time()) - KEEP_SECONDS, 0
        for path in self.folder.glob("*/*.json"):
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < limit:
                    path.unlink()
                    removed += 1
        return removed


def for_build(config: MkDocsConfig, files: Files) -> RenderCache:
    return RenderCache(config, files, cache_dir("pages") if enabled() else None)
