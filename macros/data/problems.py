"""Problems found in data files, reported as `path:line:col: error: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: error: {self.message}"


class DataError(Exception):
    """Raised with every problem found, so a contributor fixes them all in one pass."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


def print_problems(error: DataError, summary: str) -> None:
    """Every problem on standard error, then `summary` with {count} filled in."""
    import sys

    for problem in error.problems:
        print(problem, file=sys.stderr)
    print(summary.format(count=len(error.problems)), file=sys.stderr)
