"""`make mutation`'s own rules (tools/mutation.py): the equivalent-mutants file, what counts as killed, and
the configured modules. mutmut itself runs only under `make mutation`."""

import json
from pathlib import Path

import pytest

from tools import mutation


def write_results(mutants: Path, path: str, codes: dict[str, int | None]) -> None:
    """mutmut's results file for the source file `path`, under the folder `mutants`."""
    (mutants / f"{path}.meta").parent.mkdir(parents=True, exist_ok=True)
    (mutants / f"{path}.meta").write_text(json.dumps({"exit_code_by_key": codes}), encoding="utf-8")


def test_every_equivalent_mutant_has_a_reason_and_names_a_configured_module():
    found = mutation.equivalents(mutation.EQUIVALENT.read_text(encoding="utf-8"))
    modules = {mutation.module_name(path) for path in mutation.configured_files()}
    assert found and all(reason for reason in found.values())
    assert not [name for name in found if name.rpartition(".")[0] not in modules]


def test_a_line_without_a_reason_is_refused_with_its_line():
    text = "# comment\n\nmacros.rules.scoring.x_score__mutmut_1: why\nmacros.rules.scoring.x_score__mutmut_2\n"
    with pytest.raises(SystemExit) as refused:
        mutation.equivalents(text)
    assert str(refused.value) == "tests/mutation/equivalent.txt:4: expected 'mutant-name: reason'"


@pytest.mark.parametrize(
    ("code", "state"),
    [(1, "killed"), (3, "killed"), (37, "killed"), (0, "survived"), (34, "equivalent"), (36, "timeout")]
    + [(-24, "timeout"), (5, "no tests"), (33, "no tests"), (None, "not checked"), (2, "suspicious (2)")],
)
def test_mutmut_exit_codes_read_as_the_report_says(code, state):
    assert mutation.status(mutation.Mutant("m.x_f__mutmut_1", "macros/m.py", code)) == state


def test_the_configured_modules_exist_and_cover_the_rules_writers_readers_and_cross_file_checks():
    configured = mutation.configured_files()
    for path in ("macros/rules/scoring.py", "macros/outputs/workbook.py", "macros/assessment/reading.py"):
        assert path in configured
    assert "macros/data/kinds/frameworks.py" in configured and "macros/data/registry.py" in configured


def test_the_first_line_of_a_mutated_method_is_found_in_its_class():
    source = "class A:\n    x = 1\n\n    @staticmethod\n    def where(self):\n        return 1\n\ndef f():\n    pass\n"
    assert mutation.function_start(source, "m.xǁAǁwhere__mutmut_3") == 4
    assert mutation.function_start(source, "m.x_f__mutmut_1") == 8


def test_a_module_copied_before_it_was_configured_has_its_copy_removed_so_its_mutants_are_made(tmp_path, monkeypatch):
    monkeypatch.setattr(mutation, "MUTANTS", tmp_path)
    for path in ("macros/new.py", "macros/done.py"):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "macros/done.py.meta").write_text("{}", encoding="utf-8")
    assert mutation.unmutated_copies(["macros/new.py", "macros/done.py", "macros/absent.py"]) == [
        tmp_path / "macros/new.py"
    ]


def test_a_listed_equivalent_counts_as_equivalent_whatever_a_first_run_recorded(tmp_path, monkeypatch):
    monkeypatch.setattr(mutation, "MUTANTS", tmp_path)
    codes = {"macros.m.x_f__mutmut_1": 0, "macros.m.x_f__mutmut_2": 0, "macros.m.x_f__mutmut_3": 1}
    write_results(tmp_path, "macros/m.py", codes)
    found = mutation.recorded("macros/m.py", {"macros.m.x_f__mutmut_2": "why"})
    assert [mutation.status(m) for m in found] == ["survived", "equivalent", "killed"]


def test_a_run_without_libreoffice_or_node_is_refused_naming_what_to_install():
    """Their tests would be skipped, so the mutants only they catch would count as survivors."""
    assert mutation.missing_programs(lambda program: f"/usr/bin/{program}") == []
    missing = mutation.missing_programs(lambda program: "/usr/bin/node" if program == "node" else None)
    assert missing == ["LibreOffice (Debian: libreoffice-calc-nogui), which recalculates the workbook formulas"]
    # LibreOffice under its other name, as the tests accept it; no Node.js.
    only_office = mutation.missing_programs(
        lambda program: "/usr/bin/libreoffice" if program == "libreoffice" else None
    )
    assert only_office == ["Node.js (Debian: nodejs), which runs the assessment page's script"]


def test_mutants_no_test_reached_are_tested_again_with_the_tests_linked_afresh(tmp_path, monkeypatch):
    """mutmut links tests to a function in a full run only: a helper added since has no test linked to it,
    so its mutants would stay unreached. The links are dropped (mutmut makes them again) and the mutants
    are tested again; killed ones and listed equivalents are kept."""
    monkeypatch.setattr(mutation, "MUTANTS", tmp_path)
    monkeypatch.setattr(mutation, "ROOT", tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.mutmut]\n", encoding="utf-8")
    (tmp_path / "mutmut-stats.json").write_text("{}", encoding="utf-8")
    codes = {"macros.m.x_f__mutmut_1": 33, "macros.m.x_f__mutmut_2": 1, "macros.m.x_f__mutmut_3": 0}
    codes |= {"macros.m.x_f__mutmut_4": 33}
    write_results(tmp_path, "macros/m.py", codes)
    mutation.prepare(["macros/m.py"], {"macros.m.x_f__mutmut_4": "why"})
    after = {m.name: m.code for m in mutation.mutants_of("macros/m.py")}
    assert after == {
        "macros.m.x_f__mutmut_1": None,
        "macros.m.x_f__mutmut_2": 1,
        "macros.m.x_f__mutmut_3": None,
        "macros.m.x_f__mutmut_4": mutation.SKIPPED,
    }
    assert not (tmp_path / "mutmut-stats.json").exists()


def test_the_links_to_tests_are_kept_when_every_mutant_was_reached(tmp_path, monkeypatch):
    monkeypatch.setattr(mutation, "MUTANTS", tmp_path)
    monkeypatch.setattr(mutation, "ROOT", tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.mutmut]\n", encoding="utf-8")
    (tmp_path / "mutmut-stats.json").write_text("{}", encoding="utf-8")
    codes = {"macros.m.x_f__mutmut_1": 0, "macros.m.x_f__mutmut_2": 33}
    write_results(tmp_path, "macros/m.py", codes)
    mutation.prepare(["macros/m.py"], {"macros.m.x_f__mutmut_2": "why"})
    assert (tmp_path / "mutmut-stats.json").exists()


def test_a_report_of_some_modules_calls_stale_only_the_equivalents_of_those_modules(tmp_path, monkeypatch):
    monkeypatch.setattr(mutation, "MUTANTS", tmp_path)
    codes = {"macros.rules.scoring.x_score__mutmut_1": 1}
    write_results(tmp_path, "macros/rules/scoring.py", codes)
    skip = {
        "macros.outputs.workbook.x__summary__mutmut_1": "another module, not reported",
        "macros.rules.scoring.x_gone__mutmut_1": "no longer made",
        "macros.unconfigured.x_f__mutmut_1": "a module no longer configured",
    }
    text, score = mutation.report(["macros/rules/scoring.py"], skip, 0)
    stale = next(line for line in text.splitlines() if line.startswith("Listed as equivalent but no longer"))
    assert stale.endswith(": macros.rules.scoring.x_gone__mutmut_1, macros.unconfigured.x_f__mutmut_1")
    assert score == 1.0


def test_a_module_changed_since_its_mutants_were_made_is_tested_whole(tmp_path, monkeypatch):
    """mutmut makes a changed function's mutants anew under the old names: the names not killed before
    would leave the new mutants of killed names untested."""
    import os

    monkeypatch.setattr(mutation, "MUTANTS", tmp_path / "mutants")
    monkeypatch.setattr(mutation, "ROOT", tmp_path)
    for folder in (tmp_path / "macros", tmp_path / "mutants/macros"):
        folder.mkdir(parents=True)
    (tmp_path / "macros/m.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "mutants/macros/m.py").write_text("x = 1\n", encoding="utf-8")
    codes = {"macros.m.x_f__mutmut_1": 1, "macros.m.x_f__mutmut_2": 0}
    write_results(tmp_path / "mutants", "macros/m.py", codes)
    os.utime(tmp_path / "macros/m.py", (1_000, 1_000))
    os.utime(tmp_path / "mutants/macros/m.py", (2_000, 2_000))
    assert mutation.pending("macros/m.py") == ["macros.m.x_f__mutmut_2"]
    os.utime(tmp_path / "macros/m.py", (3_000, 3_000))
    assert mutation.pending("macros/m.py") == ["macros.m.*"]
