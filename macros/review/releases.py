"""The release history for the Changes page: what each release changed in the model, by id, as
`smm-guide diff` reports it between consecutive release tags, and what has changed since the last.

A release is a git tag `vMAJOR.MINOR.PATCH` on a commit of main. Reading git is the hook's and the
CLI's part (`read_history`); the page only renders the `History` it is given.
"""

from __future__ import annotations

import re
from pathlib import Path

from macros.data.problems import DataError
from macros.model.records import Model
from macros.outputs.changes import History, Release
from macros.review.diff import changes_markdown, diff, git, load_side

RELEASE_TAG = re.compile(r"^v(\d+)\.(\d+)\.(\d+)$")


def release_tags(repo: Path) -> list[tuple[str, str]]:
    """(tag, date) of every release tag, oldest first by version number."""
    listed = git(repo, "for-each-ref", "--format=%(refname:short) %(creatordate:short)", "refs/tags")
    found = []
    for line in listed.stdout.decode("utf-8", "replace").splitlines():
        tag, _, date = line.partition(" ")
        if match := RELEASE_TAG.match(tag):
            found.append((tuple(int(part) for part in match.groups()), tag, date))
    return [(tag, date) for _, tag, date in sorted(found)]


def _contents(model: Model) -> str:
    indicators = sum(len(block.indicators) for p in model.practices for block in p.levels.values())
    return (
        f"{len(model.practices)} practices, {indicators} indicators, {len(model.profiles)} profile(s), "
        f"{len(model.frameworks)} framework(s), {len(model.mappings)} mappings"
    )


def _unreadable(tag: str, date: str, error: DataError) -> Release:
    why = f"this version cannot read the data of this release or of the one before ({len(error.problems)} problem(s))"
    return Release(tag, date, "", why)


def read_history(data_dir: Path, current: Model) -> History:
    """Every release with its changes, and the changes since the last one, from the git repository
    that holds `data_dir`; `current` is the model of `data_dir` as it is now."""
    try:
        top = git(data_dir, "rev-parse", "--show-toplevel")
    except DataError:
        return History(missing="git is not installed where this build was made")
    if top.returncode != 0:
        return History(missing="the data folder of this build is not in a git repository")
    repo = Path(top.stdout.decode().strip())
    if git(repo, "rev-parse", "--is-shallow-repository").stdout.strip() == b"true":
        # A shallow checkout (CI's default) has neither the release tags nor their data.
        return History(missing="this build was made from a shallow git checkout, which has no release tags")
    data_path = data_dir.resolve().relative_to(repo.resolve()).as_posix()
    tags = release_tags(repo)
    models: dict[str, Model | DataError] = {}
    for tag, _ in tags:
        try:
            models[tag] = load_side(tag, repo, data_path)
        except DataError as error:
            models[tag] = error
    releases = []
    for index, (tag, date) in enumerate(tags):
        model, before = models[tag], models[tags[index - 1][0]] if index else None
        if isinstance(model, DataError):
            releases.append(_unreadable(tag, date, model))
        elif isinstance(before, DataError):
            releases.append(_unreadable(tag, date, before))
        elif before is None:
            releases.append(Release(tag, date, f"First release: {_contents(model)}."))
        else:
            releases.append(Release(tag, date, changes_markdown(diff(before, model))))
    unreleased = None
    if tags and not isinstance(last := models[tags[-1][0]], DataError):
        unreleased = changes_markdown(diff(last, current))
    return History(tuple(reversed(releases)), unreleased)
