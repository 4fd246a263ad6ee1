"""A catalog per framework (identifiers and our titles only) and a mapping collection per framework, in
OSCAL 1.2.1 (macros/outputs/oscal.py gathers every file)."""

from __future__ import annotations

from macros.model.records import (
    Framework,
    Group,
    Model,
    Reference,
    Requirement,
)
from macros.outputs import routes
from macros.outputs.oscal_document import NS, Json, back_matter, document, link, make_uuid, metadata, prop


def authority(model: Model, framework: Framework) -> Reference | None:
    """The publisher's own OSCAL catalog of the framework, where the framework cites one (NIST's CSF 2.0)."""
    found = [model.reference(r) for r in framework.references if "/oscal-content/" in model.reference(r).url]
    return found[0] if found else None


def _requirement(framework: Framework, file: str, node: Group | Requirement) -> Json:
    props = [prop("label", node.code, ours=False), prop("requirement-id", node.id)]
    if node.title_ours:
        props.append(prop("title-ours", "true"))
    props += [prop("security-level", level) for level in node.security_levels]
    page = routes.requirement(framework.id, node.id)
    found: Json = {
        "id": node.id,
        "class": "group" if isinstance(node, Group) else "requirement",
        "title": node.title,
        "props": props,
        "links": [link(file, page, "alternate")],
    }
    children = [framework.node(child) for child in node.children]
    if children:
        found["controls"] = [_requirement(framework, file, child) for child in children]
    return found


def framework_catalog(model: Model, version: str, framework: Framework) -> str:
    """Identifiers and titles as on the site; groups that mappings target are controls, so maps can name them."""
    file = routes.oscal_framework(framework.id)
    mapped_groups = framework.mapped_at == "groups"
    groups = []
    for group in framework.groups:
        if mapped_groups:
            groups.append(_requirement(framework, file, group))
            continue
        groups.append(
            {
                "id": group.id,
                "title": group.name,
                "props": [prop("label", group.code, ours=False), prop("group-id", group.id)],
                "links": [link(file, routes.requirement(framework.id, group.id), "alternate")],
                "controls": [_requirement(framework, file, framework.node(r)) for r in group.requirements],
            }
        )
    source = authority(model, framework)
    remarks = (
        f"The identifiers of {framework.name} with the titles the smm-guide site shows; no requirement text. "
        "Titles marked title-ours are our short labels, not the framework's."
    )
    links = [link(file, routes.framework(framework.id), "alternate", "The framework's page")]
    if source:
        remarks += f" The authority for identifiers and titles is the publisher's own OSCAL catalog: {source.url}"
        links.append({"href": f"#{make_uuid(version, 'reference', source.id)}", "rel": "canonical"})
    body = {
        "uuid": make_uuid(version, "framework", framework.id),
        "metadata": metadata(
            model,
            version,
            framework.name,
            remarks,
            props=[
                prop("framework-id", framework.id),
                prop("framework-version", framework.version),
                prop("framework-date", framework.date),
                prop("framework-publisher", framework.publisher),
            ],
            links=links,
        ),
        ("controls" if mapped_groups else "groups"): groups,
        "back-matter": back_matter(model, version, framework.references),
    }
    return document("catalog", body)


def mapping_collection(model: Model, version: str, framework: Framework) -> str:
    file = routes.oscal_mapping(framework.id)
    method = model.mapping_method
    maps = []
    seen: dict[str, int] = {}
    for entry in (e for e in model.mappings if e.framework == framework.id):
        relationship = method.relationship(entry.relationship)
        key = "/".join((framework.id, entry.requirement, entry.practice, str(entry.level)))
        seen[key] = seen.get(key, 0) + 1
        props = [prop("relationship", entry.relationship), prop("level", entry.level)]
        props += [prop("security-level", entry.security_level)] if entry.security_level is not None else []
        props += [prop("cited-item", item) for item in entry.items]
        maps.append(
            {
                "uuid": make_uuid(version, "map", key, str(seen[key])),
                "relationship": relationship.oscal,
                "sources": [{"type": "control", "id-ref": entry.practice, "props": [prop("level", entry.level)]}],
                "targets": [{"type": "control", "id-ref": entry.requirement}],
                "props": props,
                "links": [
                    link(file, routes.practice_level(entry.practice, entry.level), "related"),
                    link(file, routes.requirement(framework.id, entry.requirement), "related"),
                ],
                "remarks": entry.rationale,
            }
        )
    translation = "\n".join(
        f"- {r.name} (`{r.id}`): `{r.oscal}`. {' '.join(r.oscal_why.split())}" for r in method.relationships
    )
    description = (
        f"{method.summary.strip()}\n\nThe source is the practice from the mapped level on (the level is a property "
        "of each map); the target is the requirement. Each map states OSCAL's set-theory relationship and, as "
        f"the property `relationship` in the namespace {NS}, ours:\n\n{translation}\n\n{method.level.strip()}"
    )
    mapping: Json = {
        "uuid": make_uuid(version, "mapping", framework.id),
        "source-resource": {"type": "catalog", "href": routes.oscal_name(routes.OSCAL_CATALOG)},
        "target-resource": {"type": "catalog", "href": routes.oscal_name(routes.oscal_framework(framework.id))},
        "maps": maps,
    }
    if framework.unmapped:
        mapping["props"] = [prop("unmapped", node, remarks=why) for node, why in framework.unmapped.items()]
        mapping["target-gap-summary"] = {
            "uuid": make_uuid(version, "gap", framework.id),
            "unmapped-controls": [{"with-ids": list(framework.unmapped)}],
        }
    body = {
        "uuid": make_uuid(version, "mapping-collection", framework.id),
        "metadata": metadata(
            model,
            version,
            f"SMM practices mapped to {framework.name}",
            "Our reading of how each practice addresses the framework's requirements; reasons for the requirements "
            "left unmapped are the remarks of the mapping's `unmapped` properties.",
            props=[prop("framework-id", framework.id)],
            links=[link(file, routes.MAPPING_METHOD, "alternate", "How we map")],
        ),
        "provenance": {
            "method": "human",
            "matching-rationale": "semantic",
            "status": "complete",
            "mapping-description": description,
        },
        "mappings": [mapping],
    }
    return document("mapping-collection", body)
