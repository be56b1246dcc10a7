"""Problems found in a file: an error or a warning with the place it was found."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One message about a file, printed as `FILE:LINE:COL: message` (line and column from 1)."""

    path: str
    line: int
    column: int
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}" if self.line else self.path
        label = "warning: " if self.severity is Severity.WARNING else ""
        return f"{where}: {label}{self.message}"


class FileProblemError(Exception):
    """A file could not be used; `problems` says where and why, one line each."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems
