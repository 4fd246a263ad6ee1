"""`smm-guide export oscal-results`: a saved assessment (the JSON the self-assessment page exports) as
OSCAL 1.2.1 assessment-results. It is read and checked exactly as `smm-guide report` reads it (reading,
validating_json) and scored by the same rule (scoring); the result names the catalog's controls and the
level parts of macros/outputs/oscal.py.

One finding per practice (target, achieved level and gap as properties; satisfied when a target is set
and reached), one observation per answered item (its status and evidence note). A file of another
model version is resumed as the report resumes it (resuming.py): its notices are the result's remarks,
and an item reworded since it was answered says so in its observation. Uuids come from the
model version and a digest of the file, so the same file gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from macros.assessment.reading import read_json
from macros.assessment.records import ReportError, text
from macros.assessment.scoring import Result, score_all
from macros.assessment.validating_json import validate_json
from macros.model.records import Model
from macros.outputs import oscal_document, routes
from macros.outputs.export import NOTICE, model_version
from macros.outputs.oscal_document import prop
from macros.rules import scoring

Json = dict[str, Any]
METHOD = "UNKNOWN"  # the file says what was answered, not how the assessor found it out


def _when(created: object) -> str:
    """The file's `created` as an OSCAL date-time; the build date when it is not one."""
    try:
        moment = datetime.fromisoformat(str(created).replace("Z", "+00:00"))
    except ValueError:
        return oscal_document.timestamp()
    if moment.tzinfo is None:
        return oscal_document.timestamp()
    return moment.isoformat()


def _observation(uid: str, when: str, item: str, status: str, note: str, reworded: bool) -> Json:
    found: Json = {
        "uuid": uid,
        "title": f"Item {item}",
        "description": f"{item}: {scoring.LABELS[status]}.",
        "props": [prop("item-id", item), prop("status", status)],
        "methods": [METHOD],
        "types": ["control-objective"],
        "collected": when,
    }
    if note:
        found["relevant-evidence"] = [{"description": note}]
    if reworded:
        found["props"].append(prop("reworded", "true"))
        found["remarks"] = "The item was reworded after this answer was given: check the answer against its text now."
    return found


def _finding(uid: str, result: Result, observations: list[str]) -> Json:
    found = result.score
    props = [
        prop("practice-id", result.practice.id),
        prop("achieved-level", found.achieved),
    ]
    if found.target is not None:
        props += [prop("target-level", found.target), prop("gap", found.gap)]
    props += [prop("over-target", found.over)] if found.over else []
    props += [prop("provisional", "true")] if found.provisional else []
    props += [prop("set-directly", "true")] if result.direct else []
    satisfied = found.target is not None and found.gap == 0
    if found.target is None:
        said = f"Achieved level {found.achieved}; no target was set, so there is no gap."
    else:
        said = f"Target {found.target}, achieved level {found.achieved}, gap {found.gap}."
    finding: Json = {
        "uuid": uid,
        "title": result.practice.name,
        "description": said + (" Provisional: the next level has unanswered items." if found.provisional else ""),
        "props": props,
        "target": {
            "type": "statement-id",
            "target-id": f"{result.practice.id}_statement",
            "status": {"state": "satisfied" if satisfied else "not-satisfied"},
        },
    }
    if observations:
        finding["related-observations"] = [{"observation-uuid": o} for o in observations]
    return finding


def assessment_results(model: Model, path: str | Path) -> str:
    """The OSCAL assessment-results of one saved assessment; ReportError with every problem of the file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReportError([f"{path}: cannot read the file: {error.strerror or error}"]) from None
    source = read_json(path, data)
    assessment = validate_json(model, source)
    version, digest = model_version(model), hashlib.sha256(data).hexdigest()[:16]

    def make_uuid(*parts: str) -> str:
        return oscal_document.make_uuid(version, "results", digest, *parts)

    raw: Any = source.data
    when = _when(raw.get("created"))
    system = assessment.system or "an unnamed system"
    results = score_all(model, assessment)
    observations, findings = [], []
    for result in results:
        related = []
        for row in result.rows:
            answer = result.answers.get(row.item)
            if answer is None or answer.status == scoring.NOT_ASSESSED:
                continue
            uid = make_uuid("observation", row.item)
            reworded = row.item in assessment.reworded
            observations.append(_observation(uid, when, row.item, answer.status, text(answer.notes), reworded))
            related.append(uid)
        findings.append(_finding(make_uuid("finding", result.practice.id), result, related))
    guidance = assessment.variant
    scope = [
        prop("model-version", version),
        prop("selection", guidance.id),
        *(prop("profile-id", p) for p in guidance.profiles),
        prop("system", system),
    ]
    catalog = routes.oscal_name(routes.OSCAL_CATALOG)
    plan = make_uuid("plan")
    result_body: Json = {
        "uuid": make_uuid("result"),
        "title": f"Self-assessment of {system}",
        "description": f"{guidance.title}, scored by the smm-guide scoring rule from the answers in {path.name}.",
        "start": when,
        "props": scope,
        "reviewed-controls": {
            "control-selections": [{"include-controls": [{"control-id": r.practice.id} for r in results]}]
        },
        "findings": findings,
    }
    if observations:
        result_body["observations"] = observations
    if assessment.notices:  # a file of another model version, resumed as `smm-guide report` resumes it
        result_body["remarks"] = "Opened from another model version.\n\n" + "\n".join(
            f"- {notice}" for notice in assessment.notices
        )
    body = {
        "uuid": make_uuid(),
        "metadata": {
            "title": f"SMM self-assessment of {system}",
            "last-modified": oscal_document.timestamp(),
            "version": version,
            "oscal-version": oscal_document.OSCAL_VERSION,
            "props": scope,
            "remarks": f"Made by smm-guide from {path.name}, a self-assessment saved by the site's assessment page. "
            f"{NOTICE}",
        },
        # OSCAL requires an assessment plan; the self-assessment has none, so this points at a back-matter
        # resource that names what the assessment followed instead: the catalog and the selection.
        "import-ap": {"href": f"#{plan}"},
        "results": [result_body],
        "back-matter": {
            "resources": [
                {
                    "uuid": plan,
                    "title": "No assessment plan: the smm-guide self-assessment",
                    "description": f"The assessment followed the SMM catalog ({catalog}) with "
                    f"{guidance.title.lower()}; its scope is every practice listed under reviewed controls.",
                    "rlinks": [{"href": catalog}],
                }
            ]
        },
    }
    return json.dumps({"assessment-results": body}, indent=2, ensure_ascii=False) + "\n"
