"""The model as OSCAL 1.2.1 JSON (downloads/oscal/): the SMM catalog, one profile per vertical profile
and per archetype, a catalog per framework (identifiers and our titles only) and a mapping collection
per framework.

Every id of ours travels as the OSCAL id where OSCAL allows it and as a property in our namespace (NS);
uuids are uuid5 of our ids and the model version, and `last-modified` is the build date, so the same
data gives the same bytes. Links to pages are relative to the files' folder on the site.

What every file shares is in oscal_document; the framework catalogs and mapping collections in oscal_frameworks.
"""

from __future__ import annotations

from macros.model.records import (
    Archetype,
    Consideration,
    Domain,
    Indicator,
    Model,
    Practice,
    Profile,
)
from macros.outputs import routes
from macros.outputs.export import model_version
from macros.outputs.oscal_document import (
    LEVELS_RESOURCE,
    NS,
    Json,
    back_matter,
    document,
    link,
    make_uuid,
    metadata,
    prop,
)
from macros.outputs.oscal_frameworks import framework_catalog, mapping_collection

TRESTLE = "5.2.0"  # the compliance-trestle release the pages name and the tests load the files with


def _assessed_part(file: str, practice_id: str, item: Indicator | Consideration, props: list[Json]) -> Json:
    """An indicator or consideration: an assessment objective with its pass criterion and evidence."""
    return {
        "id": item.id,
        "name": "assessment-objective",
        "props": [prop("item-id", item.id), *props],
        "links": [link(file, routes.item(practice_id, item.id), "alternate")],
        "prose": item.text,
        "parts": [
            {"id": f"{item.id}_pass", "name": "pass-criterion", "ns": NS, "prose": item.pass_criterion},
            {"id": f"{item.id}_evidence", "name": "evidence", "ns": NS, "prose": item.evidence},
        ],
    }


def level_part_id(practice_id: str, level: int) -> str:
    return f"{practice_id}_level{level}"


def target_param_id(practice_id: str) -> str:
    return f"{practice_id}_target"


def _control(model: Model, version: str, file: str, practice: Practice) -> Json:
    levels = []
    for number, block in practice.levels.items():
        part_id = level_part_id(practice.id, number)
        levels.append(
            {
                "id": part_id,
                "name": "level",
                "ns": NS,
                "title": f"Level {number}: {model.level(number).name}",
                "props": [prop("level", number)],
                "links": [link(file, routes.practice_level(practice.id, number), "alternate")],
                "parts": [
                    {"id": f"{part_id}_objective", "name": "objective", "ns": NS, "prose": block.objective},
                    {"id": f"{part_id}_guidance", "name": "guidance", "prose": block.considerations},
                    *(_assessed_part(file, practice.id, item, []) for item in block.indicators),
                ],
            }
        )
    pitfalls = [
        {"id": f"{practice.id}_pitfall{n}", "name": "pitfall", "ns": NS, "prose": text}
        for n, text in enumerate(practice.pitfalls, start=1)
    ]
    return {
        "id": practice.id,
        "class": "practice",
        "title": practice.name,
        "params": [
            {
                "id": target_param_id(practice.id),
                "props": [prop("practice-id", practice.id)],
                "links": [{"href": f"#{make_uuid(version, 'resource', LEVELS_RESOURCE)}", "rel": "reference"}],
                "label": "target comprehensiveness level",
                "usage": "The comprehensiveness level (0 to 4) this practice should reach in the assessed scope; "
                "the levels are stated once, in the back-matter resource linked here.",
                # A constraint, not a `select`: a profile's value for a select parameter is lost when
                # compliance-trestle resolves the profile, and the target is what an archetype sets.
                "constraints": [
                    {
                        "description": "A comprehensiveness level: 0, 1, 2, 3 or 4.",
                        "tests": [{"expression": "matches(., '^[0-4]$')"}],
                    }
                ],
            }
        ],
        "props": [prop("practice-id", practice.id), prop("sort-id", f"{practice.order:02d}", ours=False)],
        "links": [
            link(file, routes.practice(practice.id), "alternate", "The practice page"),
            *({"href": f"#{related}", "rel": "related"} for related in practice.related),
        ],
        "parts": [
            {"id": f"{practice.id}_statement", "name": "statement", "prose": practice.objective},
            {"id": f"{practice.id}_overview", "name": "overview", "prose": practice.description},
            {"id": f"{practice.id}_absence", "name": "absence", "ns": NS, "prose": practice.absence},
            {"id": f"{practice.id}_example", "name": "example", "ns": NS, "prose": practice.example},
            *pitfalls,
            *levels,
        ],
    }


def _domain_group(model: Model, version: str, file: str, domain: Domain) -> Json:
    def subgroup(sub_id: str) -> Json:
        sub = model.subdomain(sub_id)
        return {
            "id": f"{sub.id}_subdomain",
            "class": "subdomain",
            "title": sub.name,
            "props": [prop("subdomain-id", sub.id)],
            "links": [link(file, routes.subdomain(domain.id, sub.id), "alternate")],
            "parts": [{"id": f"{sub.id}_subdomain_overview", "name": "overview", "prose": sub.description}],
            "controls": [_control(model, version, file, model.practice(p)) for p in sub.practices],
        }

    return {
        "id": f"{domain.id}_domain",
        "class": "domain",
        "title": domain.name,
        "props": [prop("domain-id", domain.id)],
        "links": [link(file, routes.domain(domain.id), "alternate")],
        "parts": [{"id": f"{domain.id}_domain_overview", "name": "overview", "prose": domain.description}],
        "groups": [subgroup(sub.id) for sub in domain.subdomains],
    }


def _levels_resource(model: Model, version: str) -> Json:
    meanings = [f"**{lv.level} {lv.name}.** {lv.summary.strip()} {lv.description.strip()}" for lv in model.levels]
    return {
        "uuid": make_uuid(version, "resource", LEVELS_RESOURCE),
        "title": "Comprehensiveness levels",
        "description": "Every practice describes levels 1 to 4; level 0 is the absence of the practice. "
        "Levels are cumulative: a level is reached when every level below it is.\n\n" + "\n\n".join(meanings),
        "props": [prop("levels", " ".join(str(lv.level) for lv in model.levels))],
    }


def catalog(model: Model, version: str) -> str:
    file = routes.OSCAL_CATALOG
    remarks = (
        "The IIC IoT Security Maturity Model as the smm-guide project writes it: one group per domain and "
        "subdomain, one control per practice, one part per comprehensiveness level with its objective, "
        "considerations (guidance) and indicators (assessment objectives with their pass criterion and evidence). "
        f"Each control's parameter {target_param_id('<practice>')} is its target level. Links are relative to "
        "the site's downloads/oscal/ folder."
    )
    body = {
        "uuid": make_uuid(version, "catalog"),
        "metadata": metadata(
            model,
            version,
            "IoT Security Maturity Model (smm-guide)",
            remarks,
            props=[prop("model-version", version)],
            links=[link(file, routes.HOME, "alternate", "The smm-guide site")],
        ),
        "groups": [_domain_group(model, version, file, domain) for domain in model.domains],
        "back-matter": back_matter(
            model, version, (r.id for r in model.references), [_levels_resource(model, version)]
        ),
    }
    return document("catalog", body)


# Profiles ------------------------------------------------------------------------------------------


def _profile_remarks(profile: Profile) -> str:
    found = [profile.summary.strip(), profile.description.strip()]
    if profile.uncertainty:
        found.append(f"Uncertain: {profile.uncertainty.strip()}")
    return "\n\n".join(found)


def vertical_profile(model: Model, version: str, profile: Profile) -> str:
    """The profile's considerations added to the levels of the catalog's controls."""
    file = routes.oscal_profile(profile.id)
    alters = []
    for practice in model.practices:
        adds = [
            {
                "position": "ending",
                "by-id": level_part_id(practice.id, number),
                "parts": [
                    _assessed_part(
                        file, practice.id, item, [prop("profile-id", profile.id), *(prop("tag", t) for t in item.tags)]
                    )
                    for item in profile.considerations(practice.id, number)
                ],
            }
            for number in practice.levels
            if profile.considerations(practice.id, number)
        ]
        if adds:
            alters.append({"control-id": practice.id, "adds": adds})
    tags = [prop("tag", tag.id, remarks=f"{tag.name}: {tag.description.strip()}") for tag in profile.tags]
    body: Json = {
        "uuid": make_uuid(version, "profile", profile.id),
        "metadata": metadata(
            model,
            version,
            profile.name,
            _profile_remarks(profile),
            props=[prop("profile-id", profile.id), prop("scope", profile.scope), *tags],
            links=[link(file, routes.profile(profile.id), "alternate", "The profile's page")],
        ),
        "imports": [{"href": routes.oscal_name(routes.OSCAL_CATALOG), "include-all": {}}],
        "merge": {"as-is": True},
    }
    if alters:
        body["modify"] = {"alters": alters}
    if profile.references:
        body["back-matter"] = back_matter(model, version, profile.references)
    return document("profile", body)


def archetype_profile(model: Model, version: str, profile: Profile, archetype: Archetype) -> str:
    """The archetype's target per practice, set on the catalog's target parameters, with the reason."""
    file = routes.oscal_archetype(profile.id, archetype.id)

    def set_target(practice_id: str) -> Json:
        target = archetype.target(practice_id)
        guidelines = [{"prose": target.why}]
        if target.deviation:
            guidelines.append({"prose": f"Against the suggestion rule: {target.deviation}"})
        return {"param-id": target_param_id(practice_id), "values": [str(target.level)], "guidelines": guidelines}

    characterization = [
        prop("characterization", option, kind=dimension) for dimension, option in archetype.characterization.items()
    ]
    body = {
        "uuid": make_uuid(version, "archetype", profile.id, archetype.id),
        "metadata": metadata(
            model,
            version,
            f"{profile.name}: {archetype.name}",
            archetype.summary.strip(),
            props=[prop("profile-id", profile.id), prop("archetype-id", archetype.id), *characterization],
            links=[link(file, routes.archetype(profile.id, archetype.id), "alternate", "The archetype's page")],
        ),
        "imports": [{"href": routes.oscal_name(routes.oscal_profile(profile.id)), "include-all": {}}],
        "merge": {"as-is": True},
        "modify": {"set-parameters": [set_target(p.id) for p in model.practices if p.id in archetype.targets]},
    }
    return document("profile", body)


def files(model: Model, version: str | None = None) -> dict[str, str]:
    """Every OSCAL file by its path on the site, catalog first."""
    version = version or model_version(model)
    found = {routes.OSCAL_CATALOG: catalog(model, version)}
    for profile in model.profiles:
        found[routes.oscal_profile(profile.id)] = vertical_profile(model, version, profile)
        for archetype in profile.archetypes:
            found[routes.oscal_archetype(profile.id, archetype.id)] = archetype_profile(
                model, version, profile, archetype
            )
    for framework in model.frameworks:
        found[routes.oscal_framework(framework.id)] = framework_catalog(model, version, framework)
        found[routes.oscal_mapping(framework.id)] = mapping_collection(model, version, framework)
    return found
