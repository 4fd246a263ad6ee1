"""The files a build adds to MkDocs: generated pages and downloads, with their edit links, and
whether each differs from what the previous build of this process wrote.

`make serve` runs MkDocs' dirty rebuilds, which render only the files that say they changed. A
data edit changes a few pages; the rest keep the HTML written before. A change to what every page
shows (the nav, the glossary tooltips) rebuilds everything, and so does a model change for the
hand-written pages that render the model's macros. What was written is recorded only once a build
has finished, so a failed rebuild changes nothing.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from macros.site.build import Outputs
from macros.site.config import data_and_docs, edit_uri_for
from macros.site.content import wants_macros


class TrackedFile(File):
    """A file that knows whether it differs from the previous build (MkDocs asks in dirty builds only)."""

    changed: bool = True

    def is_modified(self) -> bool:
        if self.generated_by:  # made by this build: compared with the previous build's by digest
            return self.changed
        return self.changed or super().is_modified()  # a hand-written file: also when edited


def _digest(content: str | bytes) -> str:
    return hashlib.blake2b(content.encode("utf-8") if isinstance(content, str) else content).hexdigest()


@dataclass
class Written:
    """What a build of this process wrote: a digest per generated path, and of what every page shows."""

    files: dict[str, str] = field(default_factory=dict)
    frame: str = ""
    model: str = ""


WRITTEN = Written()  # the previous finished build of this process
PENDING = Written()  # the build in progress, recorded by `finished`


def _generated(config: MkDocsConfig, path: str, content: str | bytes, inclusion: InclusionLevel) -> TrackedFile:
    file = TrackedFile.generated(config, path, content=content, inclusion=inclusion)
    assert isinstance(file, TrackedFile)
    file.changed = WRITTEN.files.get(path) != PENDING.files.setdefault(path, _digest(content))
    return file


def add_outputs(files: Files, config: MkDocsConfig, outputs: Outputs) -> None:
    """Add the generated pages and downloads to `files`; mark what changed since the last build."""
    global PENDING
    PENDING = Written(frame=_digest(repr((outputs.nav, outputs.abbreviations))), model=outputs.version)
    everything = PENDING.frame != WRITTEN.frame
    folders = data_and_docs(config)
    for page in outputs.pages:
        # A page the nav does not list (requirements, printable checklists) says so itself.
        inclusion = InclusionLevel.UNDEFINED if page.nav else InclusionLevel.NOT_IN_NAV
        generated = _generated(config, page.path, page.content, inclusion)
        generated.changed |= everything
        generated.edit_uri = edit_uri_for(page.source, folders)
        files.append(generated)
    for path, content in outputs.files.items():
        files.append(_generated(config, path, content, InclusionLevel.UNDEFINED))
    rebuild = bool(WRITTEN.frame)  # a later build of this process: make serve
    for written in [f for f in files.documentation_pages() if rebuild and not isinstance(f, TrackedFile)]:
        tracked = TrackedFile(written.src_uri, written.src_dir, written.dest_dir, written.use_directory_urls)
        renders_model = wants_macros(written.content_string) and PENDING.model != WRITTEN.model
        tracked.changed = everything or renders_model
        files.remove(written)
        files.append(tracked)


class _DirtyOnPurpose(logging.Filter):
    """MkDocs warns that a dirty build may leave stale navigation; these builds mark every page
    whose navigation changed, so the warning is information, and must not fail a strict build."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING and record.getMessage().startswith("A 'dirty' build"):
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def dirty_builds_on_purpose() -> None:
    """Called when `make serve` starts MkDocs with --dirty."""
    build_log = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DirtyOnPurpose) for f in build_log.filters):
        build_log.addFilter(_DirtyOnPurpose())


def read_unchanged(nav: Navigation, config: MkDocsConfig) -> None:
    """A dirty build renders only changed pages, and links from them name their neighbours by
    title; read the source of the others (cheap: no rendering) so their titles are known."""
    for page in nav.pages:
        if page.markdown is None and not page.file.is_modified():
            page.read_source(config)


def finished() -> None:
    """The build finished: its files are what the next dirty rebuild compares with."""
    global WRITTEN
    WRITTEN = PENDING
