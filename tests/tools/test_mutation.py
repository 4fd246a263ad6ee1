"""`make mutation`'s own rules (tools/mutation.py): the equivalent-mutants file, what counts as killed, and
the configured modules. mutmut itself runs only under `make mutation`."""

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
