"""The machine-readable model (`downloads/smm-guide.json`) and its JSON Schema."""

from __future__ import annotations

import json
from importlib import resources

from .model import Model, Profile

JSON_PATH = "downloads/smm-guide.json"
SCHEMA_PATH = "downloads/smm-guide.schema.json"
FORMAT_VERSION = "1.0"


def _profile(profile: Profile) -> dict:
    return {
        "id": profile.id,
        "name": profile.name,
        "short_name": profile.short_name,
        "scope": profile.scope,
        "summary": profile.summary,
        "description": profile.description,
        "uncertainty": profile.uncertainty,
        "references": list(profile.references),
        "tags": [{"id": t.id, "name": t.name, "description": t.description} for t in profile.tags],
        "practices": {
            practice_id: {
                str(level): [{"id": c.id, "text": c.text, "tags": list(c.tags)} for c in items]
                for level, items in levels.items()
            }
            for practice_id, levels in profile.practices.items()
        },
        "dimensions": [
            {
                "id": d.id,
                "name": d.name,
                "question": d.question,
                "description": d.description,
                "options": [
                    {
                        "id": o.id,
                        "name": o.name,
                        "description": o.description,
                        "effects": [
                            {"practice": e.practice, "direction": e.direction, "why": e.why} for e in o.effects
                        ],
                    }
                    for o in d.options
                ],
            }
            for d in profile.dimensions
        ],
        "archetypes": [
            {
                "id": a.id,
                "name": a.name,
                "summary": a.summary,
                "characterization": dict(a.characterization),
                "targets": {pid: t.level for pid, t in a.targets.items()},
                "target_reasons": {pid: t.why for pid, t in a.targets.items()},
            }
            for a in profile.archetypes
        ],
    }


def model_to_dict(model: Model) -> dict:
    return {
        "format_version": FORMAT_VERSION,
        "notice": (
            "Guidance text by the smm-guide project. Independent; not affiliated with or endorsed by "
            "IIC, DTC, ISA, IEC or NIST."
        ),
        "levels": [
            {"level": lv.level, "name": lv.name, "summary": lv.summary, "description": lv.description}
            for lv in model.levels
        ],
        "scopes": [{"id": s.id, "name": s.name, "description": s.description} for s in model.scopes],
        "domains": [
            {
                "id": d.id,
                "name": d.name,
                "description": d.description,
                "subdomains": [
                    {"id": s.id, "name": s.name, "description": s.description, "practices": list(s.practices)}
                    for s in d.subdomains
                ],
            }
            for d in model.domains
        ],
        "practices": [
            {
                "id": p.id,
                "name": p.name,
                "domain": p.domain,
                "subdomain": p.subdomain,
                "order": p.order,
                "objective": p.objective,
                "description": p.description,
                "absence": p.absence,
                "example": p.example,
                "pitfalls": list(p.pitfalls),
                "related": list(p.related),
                "levels": {
                    str(n): {
                        "objective": block.objective,
                        "considerations": block.considerations,
                        "indicators": [{"id": i.id, "text": i.text, "evidence": i.evidence} for i in block.indicators],
                    }
                    for n, block in p.levels.items()
                },
            }
            for p in model.practices
        ],
        "profiles": [_profile(profile) for profile in model.profiles],
        "glossary": [
            {"id": t.id, "term": t.term, "abbr": t.abbr, "definition": t.definition, "related": list(t.related)}
            for t in model.terms
        ],
        "references": [
            {
                "id": r.id,
                "title": r.title,
                "publisher": r.publisher,
                "version": r.version,
                "date": r.date,
                "url": r.url,
                "note": r.note,
            }
            for r in model.references
        ],
    }


def export_json(model: Model) -> str:
    # Compact: the C encoder is several times faster than indented output on large models.
    return json.dumps(model_to_dict(model), ensure_ascii=False, separators=(",", ":")) + "\n"


def export_schema() -> str:
    return resources.files("macros").joinpath("smm-guide.schema.json").read_text(encoding="utf-8")


def downloads(model: Model) -> dict[str, str]:
    return {JSON_PATH: export_json(model), SCHEMA_PATH: export_schema()}
