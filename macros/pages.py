"""Generated pages: one Jinja template per page kind, rendered from the validated model.

Data text reaches a page only through `finalize`, which escapes it, so contributor text can never
become HTML, attribute lists or template code.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from markupsafe import Markup

from .cache import cache_dir
from .model import LEVEL_NUMBERS, Model, Practice, Profile
from .text import escape_markdown, one_line, plain


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # relative to the docs root, e.g. "practices/access-control.md"
    content: str
    source: str | None  # the data file (project-relative) a reader edits to change this page


def practice_path(practice_id: str) -> str:
    return f"practices/{practice_id}.md"


def level_path(number: int) -> str:
    return f"levels/{number}.md"


def domain_path(domain_id: str) -> str:
    return f"domains/{domain_id}/index.md"


def subdomain_path(model: Model, subdomain_id: str) -> str:
    return f"domains/{model.subdomain(subdomain_id).domain}/{subdomain_id}/index.md"


def profile_path(profile_id: str, page: str = "index") -> str:
    return f"profiles/{profile_id}/{page}.md"


@cache
def relative(from_page: str, target: str) -> str:
    """A link from one page to another (optionally with #anchor), as MkDocs resolves .md links."""
    path, _, anchor = target.partition("#")
    if not path:
        return f"#{anchor}"
    link = posixpath.relpath(path, posixpath.dirname(from_page) or ".")
    return f"{link}#{anchor}" if anchor else link


def _finalize(value: object) -> object:
    if isinstance(value, Markup):
        return value
    return escape_markdown(str(value))


def _template_cache() -> FileSystemBytecodeCache | None:
    folder = cache_dir("templates")
    return FileSystemBytecodeCache(str(folder)) if folder else None


def make_environment() -> Environment:
    env = Environment(
        loader=PackageLoader("macros", "templates"),
        bytecode_cache=_template_cache(),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(md=escape_markdown, cell=one_line, plain=plain)
    env.globals.update(
        LEVEL_NUMBERS=LEVEL_NUMBERS,
        practice_path=practice_path,
        level_path=level_path,
        domain_path=domain_path,
        profile_path=profile_path,
    )
    return env


def abbreviations(model: Model) -> str:
    """Material shows these as tooltips wherever the term appears on a page."""
    lines = []
    for term in model.terms:
        if not term.tooltip:
            continue
        # Acronyms match as written; terms also match in lower case, as they appear in sentences.
        shown = [term.abbr] if term.abbr else sorted({term.term, term.term.lower()})
        lines += [f"*[{text}]: {plain(term.definition)}" for text in shown]
    return "\n".join(lines)


class PageRenderer:
    def __init__(self, model: Model, data_prefix: str):
        self.model = model
        self.data_prefix = data_prefix
        self.env = make_environment()
        self.footer = abbreviations(model)

    def render(self, kind: str, path: str, source: str | None, **context: object) -> GeneratedPage:
        template = self.env.get_template(f"{kind}.md.j2")
        body = template.render(
            model=self.model,
            link=lambda target: relative(path, target),
            subdomain_path=lambda sub_id: subdomain_path(self.model, sub_id),
            **context,
        )
        edit = f"{self.data_prefix}/{source}" if source else None
        return GeneratedPage(path, body.rstrip("\n") + "\n\n" + self.footer + "\n", edit)


def _profile_pages(renderer: PageRenderer, model: Model, profile: Profile) -> list[GeneratedPage]:
    tag_counts = Counter(
        tag for levels in profile.practices.values() for items in levels.values() for item in items for tag in item.tags
    )
    pages = [
        renderer.render("profile", profile_path(profile.id), profile.source, profile=profile, tag_counts=tag_counts)
    ]
    folder = profile.source.rsplit("/", 1)[0]
    if profile.dimensions:
        pages.append(
            renderer.render(
                "characterization",
                profile_path(profile.id, "characterization"),
                f"{folder}/dimensions.yaml",
                profile=profile,
            )
        )
    if profile.archetypes:
        pages.append(
            renderer.render(
                "archetypes", profile_path(profile.id, "archetypes"), f"{folder}/archetypes.yaml", profile=profile
            )
        )
    for domain in model.domains:
        pages.append(
            renderer.render(
                "profile-domain",
                profile_path(profile.id, f"compare-{domain.id}"),
                profile.source,
                profile=profile,
                domain=domain,
            )
        )
    return pages


def _practice_page(renderer: PageRenderer, model: Model, practice: Practice) -> GeneratedPage:
    previous, following = model.neighbours(practice.id)
    return renderer.render(
        "practice",
        practice_path(practice.id),
        practice.source,
        practice=practice,
        domain=model.domain(practice.domain),
        subdomain=model.subdomain(practice.subdomain),
        previous=previous,
        following=following,
    )


def generate_pages(model: Model, data_prefix: str = "data") -> list[GeneratedPage]:
    """Every generated page of the site, in a stable order."""
    renderer = PageRenderer(model, data_prefix)
    pages = [
        renderer.render("model", "model.md", "domains.yaml"),
        renderer.render("glossary", "glossary.md", "glossary.yaml"),
        renderer.render("references", "references.md", "references.yaml"),
    ]
    pages += [renderer.render("level", level_path(level.level), "levels.yaml", level=level) for level in model.levels]
    for domain in model.domains:
        pages.append(renderer.render("domain", domain_path(domain.id), "domains.yaml", domain=domain))
        pages += [
            renderer.render("subdomain", subdomain_path(model, sub.id), "domains.yaml", domain=domain, subdomain=sub)
            for sub in domain.subdomains
        ]
    pages += [_practice_page(renderer, model, practice) for practice in model.practices]
    for profile in model.profiles:
        pages += _profile_pages(renderer, model, profile)
    return pages


def site_nav(model: Model, pages: list[GeneratedPage]) -> list:
    """The navigation tree: hand-written pages first, then the model, practices and profiles."""
    paths = {page.path for page in pages}
    practices = [
        {
            domain.name: [domain_path(domain.id)]
            + [
                {
                    sub.name: [subdomain_path(model, sub.id)]
                    + [{model.practice(pid).name: practice_path(pid)} for pid in sub.practices]
                }
                for sub in domain.subdomains
            ]
        }
        for domain in model.domains
    ]
    profiles = []
    for profile in model.profiles:
        entries: list = [profile_path(profile.id)]
        for name, page in (("System characterization", "characterization"), ("Archetype targets", "archetypes")):
            if profile_path(profile.id, page) in paths:
                entries.append({name: profile_path(profile.id, page)})
        entries += [
            {f"Compare: {domain.name}": profile_path(profile.id, f"compare-{domain.id}")} for domain in model.domains
        ]
        profiles.append({profile.name: entries})
    return [
        {"Home": "index.md"},
        {"How to use the model": "how-to-use.md"},
        {"Model overview": "model.md"},
        {"Levels": [{f"Level {lv.level}: {lv.name}": level_path(lv.level)} for lv in model.levels]},
        {"Practices": practices},
        {"Profiles": profiles},
        {"Glossary": "glossary.md"},
        {"References": "references.md"},
        {"About": "about.md"},
    ]
