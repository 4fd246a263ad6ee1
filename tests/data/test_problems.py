"""Problems in data files (macros/data/problems.py): how one is written, and how a DataError holds
every problem found."""

import pytest

from macros.data.problems import DataError, Problem, print_problems


def test_a_problem_is_written_as_path_line_column_error():
    assert str(Problem("data/levels.yaml", 3, 7, "file is empty")) == "data/levels.yaml:3:7: error: file is empty"


def test_problems_sort_by_file_then_line_then_column_then_message():
    problems = [
        Problem("b.yaml", 1, 1, "x"),
        Problem("a.yaml", 10, 1, "x"),
        Problem("a.yaml", 2, 5, "y"),
        Problem("a.yaml", 2, 5, "x"),
        Problem("a.yaml", 2, 1, "z"),
    ]
    assert sorted(problems) == [
        Problem("a.yaml", 2, 1, "z"),
        Problem("a.yaml", 2, 5, "x"),
        Problem("a.yaml", 2, 5, "y"),
        Problem("a.yaml", 10, 1, "x"),
        Problem("b.yaml", 1, 1, "x"),
    ]


def test_data_error_holds_every_problem_once_in_order():
    late, early = Problem("b.yaml", 4, 1, "late"), Problem("a.yaml", 9, 2, "early")
    error = DataError([late, early, late])
    assert error.problems == [early, late]
    assert str(error) == "a.yaml:9:2: error: early\nb.yaml:4:1: error: late"


def test_a_problem_cannot_be_changed():
    problem = Problem("a.yaml", 1, 1, "x")
    with pytest.raises(AttributeError):
        problem.line = 2  # type: ignore[misc]


def test_print_problems_lists_them_then_the_summary_on_standard_error(capsys):
    error = DataError([Problem("b.yaml", 1, 1, "two"), Problem("a.yaml", 1, 1, "one")])
    print_problems(error, "Aborted: {count} problem(s).")
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == "a.yaml:1:1: error: one\nb.yaml:1:1: error: two\nAborted: 2 problem(s).\n"
