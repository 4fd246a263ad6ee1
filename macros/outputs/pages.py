"""Generated pages: one Jinja template per page kind, rendered from the validated model.

Each page kind is declared once below (which pages, which template, where in the nav, which data
file its "edit this page" opens). Data text reaches a page only through `finalize`, which escapes
it, so contributor text can never become HTML, attribute lists or template code.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined
from markupsafe import Markup

from macros.data.cache import cache_dir
from macros.data.reference import KindDoc
from macros.model.records import HIGHEST_LEVEL, LEVEL_NUMBERS, LOWEST_LEVEL, Group, Model, Profile, Requirement
from macros.outputs import oscal, oscal_document, routes
from macros.outputs.changes import NO_HISTORY, History
from macros.outputs.checklists import Checklist, checklists, scopes
from macros.outputs.crosswalks import (
    Mappings,
    ancestors,
    combined_rows,
    derived_crosswalk,
    framework_pairs,
    practice_by_group,
    requirements_table,
)
from macros.outputs.downloads import NO_OFFLINE_COPY, Download, Offline, checklist_offers
from macros.outputs.escape import escape_markdown, one_line, plain, unmarked
from macros.rules import selection
from macros.rules.suggestion import archetype_suggestions

# Top-level nav positions of generated sections; hand-written pages set theirs with `nav_order`.
NAV_ORDER = {
    "Model overview": 20,
    "Levels": 30,
    "Practices": 40,
    "Profiles": 50,
    "Frameworks": 55,
    "Assess": 60,
    "Glossary": 80,
    "References": 85,
    "Data reference": 88,
    "Changes": 90,
}


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # relative to the docs root, e.g. "practices/access-control.md"
    content: str
    source: str | None  # the data file (relative to the data folder) a reader edits to change this page
    nav: tuple[str, ...] = ()  # section titles from the top, then the page's own title; () = not in nav
    index: bool = False  # the page is the index page of the section `nav` names


@dataclass(frozen=True)
class PageSpec:
    """One page to render: a template, its variables, and its place in the site."""

    template: str
    path: str
    source: str | None
    nav: tuple[str, ...]
    index: bool = False
    context: dict[str, Any] = field(default_factory=dict)


def _finalize(value: object) -> object:
    if isinstance(value, Markup):
        return value
    return escape_markdown(str(value))


def _template_cache() -> FileSystemBytecodeCache | None:
    folder = cache_dir("templates")
    return FileSystemBytecodeCache(str(folder)) if folder else None


def make_environment() -> Environment:
    """The Jinja environment of generated pages and of hand-written pages that opt in to macros."""
    env = Environment(
        loader=PackageLoader("macros.outputs", "templates"),
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
        LEVEL_NUMBERS=LEVEL_NUMBERS, LOWEST_LEVEL=LOWEST_LEVEL, HIGHEST_LEVEL=HIGHEST_LEVEL, routes=routes
    )
    return env


def abbreviations(model: Model) -> dict[str, str]:
    """Glossary tooltips: Markdown's abbr extension marks these wherever they appear on any page."""
    found: dict[str, str] = {}
    for term in model.glossary:
        if term.tooltip:
            # Acronyms match as written; terms also match in lower case, as they appear in sentences.
            shown = [term.abbr] if term.abbr else sorted({term.term, term.term.lower()})
            found.update({text: unmarked(term.definition) for text in shown})
    return found


@dataclass(frozen=True)
class BuildContext:
    """What a build knows besides the data: the offline copy, the release history, and the address
    that opens a data file (path relative to the data folder) in the repository's editor."""

    offline: Offline = NO_OFFLINE_COPY
    history: History = NO_HISTORY
    edit_url: Callable[[str], str] | None = None


NO_CONTEXT = BuildContext()


class PageRenderer:
    def __init__(self, model: Model, edit_url: Callable[[str], str] | None = None):
        self.model = model
        self.edit_url = edit_url
        self.env = make_environment()

    def render(self, spec: PageSpec) -> GeneratedPage:
        template = self.env.get_template(f"{spec.template}.md.j2")
        link = lambda target: routes.relative(spec.path, target)  # noqa: E731
        body = template.render(model=self.model, link=link, edit_url=self.edit_url, **spec.context)
        return GeneratedPage(spec.path, body.rstrip("\n") + "\n", spec.source, spec.nav, spec.index)


def _model_pages(model: Model, published: list[Checklist]) -> Iterator[PageSpec]:
    mappings = Mappings(model)
    yield PageSpec("model", routes.MODEL, "domains.yaml", ("Model overview",))
    yield PageSpec("glossary", routes.GLOSSARY, "glossary.yaml", ("Glossary",))
    yield PageSpec("references", routes.REFERENCES, "references.yaml", ("References",))
    for level in model.levels:
        title = f"Level {level.level}: {level.name}"
        context = {"level": level, "mappings": mappings}
        yield PageSpec("level", routes.level(level.level), "levels.yaml", ("Levels", title), context=context)


def _practice_pages(model: Model, published: list[Checklist]) -> Iterator[PageSpec]:
    mappings = Mappings(model)
    offers = checklist_offers(published)
    for domain in model.domains:
        section = ("Practices", domain.name)
        yield PageSpec("domain", routes.domain(domain.id), "domains.yaml", section, True, {"domain": domain})
        for sub in domain.subdomains:
            context = {"domain": domain, "subdomain": sub}
            yield PageSpec(
                "subdomain", routes.subdomain(domain.id, sub.id), "domains.yaml", (*section, sub.name), True, context
            )
            for practice_id in sub.practices:
                practice = model.practice(practice_id)
                previous, following = model.neighbours(practice_id)
                every = selection.select(model, [p.id for p in model.profiles])
                silent = selection.silent(model, every, practice_id)
                context = {
                    "practice": practice,
                    "domain": domain,
                    "subdomain": sub,
                    "previous": previous,
                    "following": following,
                    "mappings": mappings,
                    "relationships": mappings.relationships,
                    "offers": [o for o in offers if selection.covers(model, o, practice_id)],
                    "offer_titles": {o.id: selection.short_title(model, o) for o in offers},
                    "adding": [model.profile(p) for p in every.profiles if p not in silent],
                    "silent": [model.profile(p) for p in silent],
                }
                nav = (*section, sub.name, practice.name)
                yield PageSpec("practice", routes.practice(practice_id), practice.source, nav, context=context)


def _tag_counts(profile: Profile) -> Counter[str]:
    return Counter(
        tag for levels in profile.practices.values() for items in levels.values() for item in items for tag in item.tags
    )


def _profile_pages(model: Model, published: list[Checklist]) -> Iterator[PageSpec]:
    for profile in model.profiles:
        section = ("Profiles", profile.name)
        context = {"profile": profile}
        yield PageSpec(
            "profile",
            routes.profile(profile.id),
            profile.source,
            section,
            True,
            {**context, "tag_counts": _tag_counts(profile), "pairs": [p for p in profile_pairs(model) if profile in p]},
        )
        if profile.dimensions:
            yield PageSpec(
                "characterization",
                routes.characterization(profile.id),
                profile.dimensions_source,
                (*section, "System characterization"),
                context=context,
            )
        if profile.archetypes:
            yield from _archetype_pages(model, profile, section)
        for domain in model.domains:
            yield PageSpec(
                "profile-domain",
                routes.profile_compare(profile.id, domain.id),
                profile.source,
                (*section, f"Compare: {domain.name}"),
                context={**context, "domain": domain},
            )


def profile_pairs(model: Model) -> list[tuple[Profile, Profile]]:
    """Every pair of profiles that add considerations, each once, in the model's order."""
    adding = [p for p in model.profiles if p.practices]
    return [(first, second) for i, first in enumerate(adding) for second in adding[i + 1 :]]


def coverage(profile: Profile, practice_id: str) -> str:
    """How many considerations a profile adds to a practice and at which levels: "13 (levels 1–4)",
    "2 (level 3)", "5 (levels 2, 4)", or "–" for none."""
    levels = [n for n in LEVEL_NUMBERS if profile.considerations(practice_id, n)]
    if not levels:
        return "–"
    count = sum(len(profile.considerations(practice_id, n)) for n in levels)
    if len(levels) == 1:
        return f"{count} (level {levels[0]})"
    contiguous = levels[-1] - levels[0] + 1 == len(levels)
    return f"{count} (levels {f'{levels[0]}–{levels[-1]}' if contiguous else ', '.join(map(str, levels))})"


def _pair_pages(model: Model, published: list[Checklist]) -> Iterator[PageSpec]:
    offered = {checklist.selection.id for checklist in published}
    for first, second in profile_pairs(model):
        pair = selection.select(model, (first.id, second.id))
        context = {
            "first": first,
            "second": second,
            "pair": pair,
            "published": pair.id in offered,
            "coverage": {p.id: {q.id: coverage(p, q.id) for q in model.practices} for p in (first, second)},
        }
        nav = ("Profiles", first.name, f"With the {second.short_name} profile")
        yield PageSpec("profile-pair", routes.profile_pair(first.id, second.id), first.source, nav, context=context)


def _archetype_pages(model: Model, profile: Profile, section: tuple[str, ...]) -> Iterator[PageSpec]:
    source, index = profile.archetypes_source, Mappings(model)
    section = (*section, "Archetype targets")
    yield PageSpec("archetypes", routes.archetypes(profile.id), source, section, True, {"profile": profile})
    for archetype in profile.archetypes:
        suggestions = archetype_suggestions(model, profile, archetype)
        context = {"profile": profile, "archetype": archetype, "suggestions": suggestions}
        page = routes.archetype(profile.id, archetype.id)
        yield PageSpec("archetype", page, source, (*section, archetype.name), True, context)
        for framework in map(model.framework, profile.combine_with):
            rows = combined_rows(index, profile, archetype, framework)
            context = {**context, "framework": framework, "rows": rows, "relationships": index.relationships}
            nav = (*section, archetype.name, framework.short_name)
            yield PageSpec(
                "combined", routes.combined(profile.id, archetype.id, framework.id), source, nav, context=context
            )


def _framework_pages(model: Model, published: list[Checklist]) -> Iterator[PageSpec]:
    if not model.frameworks:
        return
    index = Mappings(model)
    shared = {"mappings": index, "relationships": index.relationships}
    yield PageSpec("frameworks", routes.FRAMEWORKS, None, ("Frameworks",), True, shared)
    example = routes.oscal_name(routes.oscal_mapping(model.frameworks[0].id))
    method = {
        "method": model.mapping_method,
        "oscal_ns": oscal_document.NS,
        "oscal_example": example,
        "trestle": oscal.TRESTLE,
    }
    yield PageSpec(
        "mapping-method", routes.MAPPING_METHOD, "mapping-method.yaml", ("Frameworks", "How we map"), context=method
    )
    for framework in model.frameworks:
        section = ("Frameworks", framework.short_name)
        context = {**shared, "framework": framework, "requirements_table": requirements_table(index, framework)}
        yield PageSpec("framework", routes.framework(framework.id), framework.source, section, True, context)
        nodes: list[Group | Requirement] = [*framework.groups, *framework.requirements]
        for position, node in enumerate(nodes):
            inherited_from, entries = index.of(framework, node.id)
            chain = ancestors(framework, node)
            context = {
                **shared,
                "framework": framework,
                "node": node,
                "group": chain[0] if chain else None,
                "ancestors": chain,
                "entries": entries,
                "inherited_from": inherited_from,
                "previous": nodes[position - 1] if position else None,
                "following": nodes[position + 1] if position + 1 < len(nodes) else None,
            }
            source = framework.mapping_source or framework.source
            yield PageSpec("requirement", routes.requirement(framework.id, node.id), source, (), context=context)
    yield PageSpec(
        "crosswalks", routes.CROSSWALKS, None, ("Frameworks", "Crosswalks"), True, {"pairs": framework_pairs(model)}
    )
    for framework in model.frameworks:
        table = practice_by_group(index, framework)
        yield PageSpec(
            "crosswalk",
            routes.crosswalk(framework.id),
            framework.mapping_source,
            ("Frameworks", "Crosswalks", framework.short_name),
            context={"framework": framework, "table": table},
        )
    for first, second in framework_pairs(model):
        table = derived_crosswalk(index, first, second)
        yield PageSpec(
            "crosswalk-pair",
            routes.crosswalk_pair(first.id, second.id),
            None,
            ("Frameworks", "Crosswalks", f"{first.short_name} and {second.short_name}"),
            context={"first": first, "second": second, "table": table},
        )
    yield PageSpec("coverage", routes.COVERAGE, None, ("Frameworks", "Coverage gaps"), context=shared)


def _checklist_pages(model: Model, published: list[Checklist]) -> Iterator[PageSpec]:
    section = ("Assess", "Printable checklists")
    variants = [checklist.selection for checklist in published]
    names = {c.selection.id: [name for name, _, _ in scopes(model, c.selection)] for c in published}
    yield PageSpec("checklists", routes.CHECKLISTS, None, section, True, {"variants": variants, "names": names})
    for checklist in published:
        for name, _, practice_ids in scopes(model, checklist.selection):
            context = {
                "variant": checklist.selection,
                "name": name,
                "practice_ids": practice_ids,
                "checklist_rows": checklist.by_practice,
            }
            yield PageSpec("checklist", routes.checklist(checklist.selection.id, name), None, (), context=context)
    yield PageSpec("scoring", routes.SCORING, "scoring-vectors.yaml", ("Assess", "How scoring works"))


def _assess_pages(model: Model, published: list[Checklist]) -> Iterator[PageSpec]:
    """The in-browser self-assessment: the index page of the Assess section (content/assets/assess/)."""
    characterized = [profile for profile in model.profiles if profile.dimensions]
    yield PageSpec("assess", routes.ASSESS, None, ("Assess",), True, {"characterized": characterized})


# Every page kind family; a new one is one generator here plus its templates.
PAGE_KINDS: tuple[Callable[[Model, list[Checklist]], Iterator[PageSpec]], ...] = (
    _model_pages,
    _practice_pages,
    _profile_pages,
    _pair_pages,
    _framework_pages,
    _assess_pages,
    _checklist_pages,
)


def page_specs(model: Model, published: list[Checklist]) -> list[PageSpec]:
    return [spec for kind in PAGE_KINDS for spec in kind(model, published)]


def generate_pages(
    model: Model,
    published: list[Checklist] | None = None,
    downloads: Sequence[Download] = (),
    reference: list[KindDoc] | None = None,
    build: BuildContext = NO_CONTEXT,
) -> list[GeneratedPage]:
    """Every generated page of the site, in a stable order: `published` are the checklists of the
    published selections, `downloads` the registry the Downloads page lists, `reference`
    (macros/data/reference.py, read from the schemas) makes the Data reference page, `build` says
    what the build knows besides the data."""
    renderer = PageRenderer(model, build.edit_url)
    specs = page_specs(model, checklists(model) if published is None else published)
    context = {"downloads": downloads, "offline": build.offline, "trestle": oscal.TRESTLE}
    specs.append(PageSpec("downloads", routes.DOWNLOADS, None, ("Assess", "Downloads"), context=context))
    # Listed in the nav once there is a release to show; before that it would be an empty page.
    changes_nav = ("Changes",) if build.history.releases else ()
    specs.append(PageSpec("changes", routes.CHANGES, None, changes_nav, context={"history": build.history}))
    if reference:
        specs.append(
            PageSpec("data-reference", routes.DATA_REFERENCE, None, ("Data reference",), context={"kinds": reference})
        )
    return [renderer.render(spec) for spec in specs]
