"""Contributor workflow files: CI and Pages workflows, pre-commit hooks, CONTRIBUTING.md and LICENSE.

They must agree with the project itself: the README's quick start, pyproject's Python range, the data
kinds the loader reads and the subcommands of `smm-guide`.
"""

from __future__ import annotations

import argparse
import re
import tomllib

import pytest
import yaml
from packaging.specifiers import SpecifierSet

from macros.cli.main import build_parser
from macros.data.kinds import KINDS
from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
PYTHONS = ["3.11", "3.12", "3.13"]
MAJOR_PIN = re.compile(r"^[\w.-]+/[\w.-]+@v\d+$")


def load_yaml(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    # YAML 1.1 (PyYAML) reads the key `on` as the boolean True.
    found = workflow.get("on", workflow.get(True))
    if isinstance(found, str):
        return {found: None}
    if isinstance(found, list):
        return dict.fromkeys(found)
    return found or {}


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def runs(job: dict) -> list[str]:
    """Every command line of the job's `run` steps, in order, without comments or blank lines."""
    lines = []
    for step in steps(job):
        for line in str(step.get("run", "")).splitlines():
            line = line.split(" #", 1)[0].strip()
            if line and not line.startswith("#"):
                lines.append(line)
    return lines


def uses(job: dict, action: str) -> list[dict]:
    return [step for step in steps(job) if str(step.get("uses", "")).split("@")[0] == action]


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, "README's quick start has no ```sh block"
    commands = [line.split("#", 1)[0].strip() for line in block.group(1).splitlines()]
    return [command for command in commands if command]


def in_order(wanted: list[str], lines: list[str]) -> bool:
    position = 0
    for line in lines:
        if position < len(wanted) and line == wanted[position]:
            position += 1
    return position == len(wanted)


@pytest.fixture(scope="module")
def pr():
    return load_yaml(WORKFLOWS / "pr.yml")


@pytest.fixture(scope="module")
def pages():
    return load_yaml(WORKFLOWS / "pages.yml")


def test_quick_start_is_make_build_and_make_test():
    assert quick_start_commands() == ["make build", "make test"]


@pytest.mark.parametrize("name", ["pr.yml", "pages.yml", "mutation.yml"])
def test_workflows_parse_and_pin_actions_to_major_versions(name):
    workflow = load_yaml(WORKFLOWS / name)
    assert isinstance(workflow, dict) and workflow.get("jobs"), name
    for job_id, job in workflow["jobs"].items():
        assert job.get("runs-on"), (name, job_id)
        for step in steps(job):
            if "uses" in step:
                assert MAJOR_PIN.match(step["uses"]), (name, job_id, step["uses"])


def test_mutation_testing_runs_weekly_with_its_engines_and_keeps_the_report():
    workflow = load_yaml(WORKFLOWS / "mutation.yml")
    assert {"schedule", "workflow_dispatch"} <= set(triggers(workflow))
    job = workflow["jobs"]["mutation"]
    script = "\n".join(runs(job))
    assert re.search(r"^make mutation\b", script, re.M), script
    for package in ("nodejs", "libreoffice-calc-nogui"):
        assert re.search(rf"\b{re.escape(package)}\b", script), package
    assert uses(job, "actions/cache")[0]["with"]["path"] == "mutants"
    assert uses(job, "actions/upload-artifact")[0]["with"]["path"] == "build/mutation-report.txt"


def test_pr_workflow_runs_on_pull_requests(pr):
    assert "pull_request" in triggers(pr)
    assert pr.get("permissions", {}).get("contents") == "read"


def test_pr_workflow_runs_the_quick_start_on_every_python(pr):
    job = pr["jobs"]["test"]
    matrix = job["strategy"]["matrix"]["python"]
    assert matrix == PYTHONS, "write the versions as strings: YAML reads 3.10 as 3.1"
    setup = uses(job, "actions/setup-python")
    assert len(setup) == 1 and setup[0]["with"]["python-version"] == "${{ matrix.python }}"
    assert in_order(quick_start_commands(), runs(job)), runs(job)
    # `make build` is the strict build: the Makefile passes --strict to mkdocs.
    assert re.search(r"^build:.*\n(\t.*\n)*\t.*mkdocs build --strict", (ROOT / "Makefile").read_text(), re.M)


def test_pr_workflow_installs_the_test_packages(pr):
    script = "\n".join(runs(pr["jobs"]["test"]))
    assert "apt-get install" in script
    for package in ("chromium", "nodejs", "npm", "libreoffice-calc-nogui"):
        assert re.search(rf"\b{re.escape(package)}\b", script), package


def test_pr_workflow_uploads_the_built_site(pr):
    upload = uses(pr["jobs"]["test"], "actions/upload-artifact")
    assert len(upload) == 1
    assert upload[0]["with"]["path"].rstrip("/") == "site"


def test_pr_workflow_comments_with_the_model_diff(pr):
    job = pr["jobs"]["model-diff"]
    assert job["permissions"]["pull-requests"] == "write"
    assert ".venv/bin/smm-guide diff origin/${{ github.base_ref }} HEAD --out diff.md" in runs(job)
    checkout = uses(job, "actions/checkout")
    assert checkout and checkout[0]["with"]["fetch-depth"] == 0, "the diff needs the base branch's history"
    script = "\n".join(str(step.get("with", {}).get("script", "")) for step in uses(job, "actions/github-script"))
    assert "diff.md" in script or any("gh pr comment" in line and "diff.md" in line for line in runs(job))


def test_pr_workflow_python_versions_are_allowed_by_pyproject(pr):
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    allowed = SpecifierSet(pyproject["project"]["requires-python"])
    matrix = pr["jobs"]["test"]["strategy"]["matrix"]["python"]
    refused = [version for version in matrix if not allowed.contains(version)]
    assert not refused, f"requires-python {allowed} refuses {', '.join(refused)}"


def test_pages_workflow_deploys_main(pages):
    assert triggers(pages)["push"]["branches"] == ["main"]
    permissions = pages["permissions"]
    assert permissions["pages"] == "write" and permissions["id-token"] == "write"
    assert pages["concurrency"]["group"]
    build, deploy = pages["jobs"]["build"], pages["jobs"]["deploy"]
    assert "make publish" in runs(build), "the published site offers its offline copy"
    assert uses(build, "actions/configure-pages")
    upload = uses(build, "actions/upload-pages-artifact")
    assert len(upload) == 1 and upload[0]["with"]["path"].rstrip("/") == "site"
    assert deploy["needs"] == "build" or deploy["needs"] == ["build"]
    assert uses(deploy, "actions/deploy-pages")
    assert deploy["environment"]["name"] == "github-pages"


def test_pre_commit_hooks_use_the_venv_tools():
    config = load_yaml(ROOT / ".pre-commit-config.yaml")
    hooks = [hook for repo in config["repos"] if repo["repo"] == "local" for hook in repo["hooks"]]
    assert hooks and all(hook["language"] == "system" for hook in hooks)
    assert all(hook["entry"].startswith(".venv/bin/") for hook in hooks), [hook["entry"] for hook in hooks]
    by_entry = {hook["entry"].split(" --")[0]: hook for hook in hooks}

    for command in (".venv/bin/smm-guide validate data", ".venv/bin/smm-guide lint data"):
        hook = by_entry[command]
        assert re.search(hook["files"], "data/practices/access-control.yaml"), command
        assert not re.search(hook["files"], "macros/cli/main.py"), command
        assert hook.get("pass_filenames") is False, command

    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    assert re.search(r"^ruff==", lock, re.M), "ruff must be pinned in requirements.lock"
    for command in (".venv/bin/ruff check", ".venv/bin/ruff format"):
        hook = by_entry[command]
        types = set(hook.get("types", [])) | set(hook.get("types_or", []))
        assert "python" in types or re.search(hook.get("files", "$^"), "macros/cli/main.py"), command


def data_file_patterns() -> dict[str, str]:
    """Schema name -> where its files live, from data/schema/*.schema.json and the loader's kinds."""
    patterns = {kind.name: kind.pattern for kind in KINDS}
    schemas = sorted(p.name.removesuffix(".schema.json") for p in (ROOT / "data" / "schema").glob("*.schema.json"))
    schemas = [name for name in schemas if name != "common"]  # shared definitions, no file of its own
    assert schemas
    unknown = [name for name in schemas if name not in patterns]
    assert not unknown, f"schemas without a data kind: {unknown}"
    return {name: patterns[name] for name in schemas}


def test_contributing_names_every_data_file_kind():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "yaml-language-server: $schema=" in text and "data/schema" in text
    missing = []
    for name, pattern in data_file_patterns().items():
        # The path under data/; `*` may be written as a placeholder (<practice-id>) or a real name.
        parts = (re.escape(part) for part in pattern.split("*"))
        regex = r"(?<![\w/<>.-])data/" + r"(?:<[\w-]+>|[a-z0-9-]+)".join(parts) + r"(?![\w/-])"
        if not re.search(regex, text):
            missing.append(f"data/{pattern} ({name}.schema.json)")
        if f"{name}.schema.json" not in text:
            missing.append(f"{name}.schema.json")
    assert not missing, f"CONTRIBUTING.md does not mention: {', '.join(missing)}"


def test_contributing_names_every_cli_subcommand():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    parser = build_parser()
    subparsers = next(action for action in parser._actions if isinstance(action, argparse._SubParsersAction))
    commands = sorted(subparsers.choices)
    assert commands
    missing = [command for command in commands if not re.search(rf"smm-guide {re.escape(command)}\b", text)]
    assert not missing, f"CONTRIBUTING.md does not mention: {', '.join(f'smm-guide {c}' for c in missing)}"


def test_contributing_states_the_golden_page_command():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for needed in (
        "UPDATE_GOLDEN=1 .venv/bin/pytest tests/outputs/test_pages.py",
        "make validate",
        "make test",
        "make serve",
    ):
        assert needed in text, needed


def test_license_is_apache_2():
    lines = [line.strip() for line in (ROOT / "LICENSE").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines[:3] == ["Apache License", "Version 2.0, January 2004", "http://www.apache.org/licenses/"]
    assert lines[-1] == "limitations under the License."
    assert "APPENDIX: How to apply the Apache License to your work." in lines
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["license"] == {"text": "Apache-2.0"}


def test_pull_request_template_lists_the_checks():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    for needed in ("smm-guide validate", "smm-guide lint", "own words", "references.yaml", "retired.yaml", "diff"):
        assert needed in text, needed


def test_every_layer_of_the_package_is_in_the_layer_contract():
    """A new subpackage of macros/ must take its place in the layers, or nothing checks its imports."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")
    named = {name.strip() for layer in contract["layers"] for name in layer.split("|")}
    packages = {f"macros.{p.name}" for p in (ROOT / "macros").iterdir() if (p / "__init__.py").is_file()}
    assert packages == named
    assert not [p.name for p in (ROOT / "macros").glob("*.py") if p.name != "__init__.py"], "modules belong to a layer"
    lint = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "lint-imports" in lint and "mypy" in lint


def test_the_installed_package_holds_no_development_tools():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["setuptools"]["packages"]["find"]["include"] == ["macros*"]
    assert not list((ROOT / "macros").rglob("bench.py"))
    assert (ROOT / "macros" / "py.typed").is_file()
