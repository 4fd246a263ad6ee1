"""The release history of the Changes page, read from the release tags of a git repository."""

import shutil

from macros.data.loader import load_model
from macros.outputs.changes import NO_HISTORY, History
from macros.outputs.pages import BuildContext, generate_pages
from macros.review.releases import read_history, release_tags
from tests.conftest import MINI, edit
from tests.review.test_diff import P_ONE, git

MONTH, WEEK, DAY = (f"text: Auditors sample refunds each {unit}." for unit in ("month", "week", "day"))


def changes(model, history: History):
    return next(p for p in generate_pages(model, build=BuildContext(history=history)) if p.path == "changes.md")


def changes_page(model, history: History) -> str:
    return changes(model, history).content


def tagged_repo(tmp_path):
    """Releases v0.1.0 (the mini fixture), v0.2.0 (monthly -> weekly), a tag that is not a release,
    v0.10.0 (no change), and an unreleased change (weekly -> daily) in the working tree."""
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "data")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "mini")
    git(repo, "tag", "v0.1.0")
    edit(repo / "data" / P_ONE, MONTH, WEEK)
    git(repo, "commit", "-q", "-am", "weekly")
    git(repo, "tag", "-a", "v0.2.0", "-m", "second release")
    git(repo, "tag", "preview-1")
    git(repo, "commit", "-q", "--allow-empty", "-m", "nothing in data")
    git(repo, "tag", "v0.10.0")
    edit(repo / "data" / P_ONE, WEEK, DAY)
    return repo


def test_release_tags_in_version_order(tmp_path):
    repo = tagged_repo(tmp_path)
    tags = release_tags(repo)
    assert [tag for tag, _ in tags] == ["v0.1.0", "v0.2.0", "v0.10.0"]
    assert all(len(date) == 10 and date[4] == "-" for _, date in tags)


def test_each_release_lists_its_changes_by_id_and_the_unreleased_ones(tmp_path):
    repo = tagged_repo(tmp_path)
    current = load_model(repo / "data")
    history = read_history(repo / "data", current)
    assert [r.tag for r in history.releases] == ["v0.10.0", "v0.2.0", "v0.1.0"]
    newest, second, first = history.releases
    assert newest.changes == "No changes to the model.\n"
    assert "`p-one-4-1`" in second.changes and "reworded" in second.changes and "month" in second.changes
    assert second.changes.startswith("**Changes:** indicators 1 changed.")
    assert first.changes.startswith("First release: 2 practices")
    assert "`p-one-4-1`" in history.unreleased and "day" in history.unreleased

    page = changes_page(current, history)
    assert "## Since v0.10.0, not released yet { #unreleased }" in page
    assert "## v0.2.0 (" in page and "{ #v0-2-0 }" in page
    assert page.index("## v0.10.0") < page.index("## v0.2.0") < page.index("## v0.1.0")
    assert "### Indicators" in page  # the diff's own sections sit under the release heading
    assert "Model changes:" not in page


def test_a_release_whose_data_this_version_cannot_read_is_named_not_fatal(tmp_path):
    repo = tagged_repo(tmp_path)
    git(repo, "commit", "-q", "-am", "daily")
    edit(repo / "data" / P_ONE, "id: p-one-4-2", "id: p-one-5-2")  # an id that breaks the id rules
    git(repo, "commit", "-q", "-am", "broken")
    git(repo, "tag", "v0.11.0")
    edit(repo / "data" / P_ONE, "id: p-one-5-2", "id: p-one-4-2")
    history = read_history(repo / "data", load_model(repo / "data"))
    broken = history.releases[0]
    assert broken.tag == "v0.11.0" and "cannot read the data" in broken.problem
    assert history.unreleased is None
    assert "The changes of this release cannot be listed: this version cannot read" in changes_page(
        load_model(repo / "data"), history
    )


def test_without_tags_or_without_git_the_page_says_so(tmp_path, mini):
    model = load_model(mini)
    outside = read_history(mini, model)
    assert outside.missing == "the data folder of this build is not in a git repository"
    assert "The history is read from the release tags of the git repository, and the data folder" in changes_page(
        model, outside
    )
    repo = tmp_path / "repo"
    shutil.copytree(MINI, repo / "data")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "mini")
    untagged = read_history(repo / "data", model)
    assert untagged == History()
    assert "No release has been tagged yet." in changes_page(model, untagged)
    assert "this build was made without the release history" in changes_page(model, NO_HISTORY)


def test_a_shallow_checkout_says_so_instead_of_no_release(tmp_path):
    repo = tagged_repo(tmp_path)
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow))
    history = read_history(shallow / "data", load_model(shallow / "data"))
    assert history.missing == "this build was made from a shallow git checkout, which has no release tags"
    assert "No release has been tagged yet" not in changes_page(load_model(shallow / "data"), history)


def test_the_changes_page_is_in_the_nav_only_once_there_is_a_release(tmp_path, mini):
    model = load_model(mini)
    assert changes(model, NO_HISTORY).nav == ()
    assert changes(model, History()).nav == ()
    assert changes(model, read_history(mini, model)).nav == ()
    repo = tagged_repo(tmp_path)
    assert changes(model, read_history(repo / "data", load_model(repo / "data"))).nav == ("Changes",)
