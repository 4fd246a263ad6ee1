"""`make mutation`'s own rules (tools/mutation.py): the equivalent-mutants file, what counts as killed, and
the configured modules. mutmut itself runs only under `make mutation`."""

import json

import pytest

from tools import mutation


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
    (tmp_path / "macros").mkdir()
    codes = {"macros.m.x_f__mutmut_1": 0, "macros.m.x_f__mutmut_2": 0, "macros.m.x_f__mutmut_3": 1}
    (tmp_path / "macros/m.py.meta").write_text(json.dumps({"exit_code_by_key": codes}), encoding="utf-8")
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
