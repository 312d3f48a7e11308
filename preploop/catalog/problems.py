"""Catalog problems: each one a file, line, column, field and message, printed on one line."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

from preploop.errors import UserError, printable
from preploop.yamlsource import Loc, YamlDocument, format_loc


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    where: str
    message: str

    def __str__(self) -> str:
        line = f"{self.path}:{self.line}:{self.column}: {self.where}: {self.message}"
        return printable(line)


class CatalogError(UserError):
    """The catalog has problems; `problems` lists them all, in file order."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))  # a company's problem, once for all roles
        count = len(self.problems)
        super().__init__(f"{count} problem{'s' if count != 1 else ''} in the catalog")

    def report(self) -> str:
        return "\n".join(self.details())

    def details(self) -> list[str]:
        return [str(problem) for problem in self.problems]


def did_you_mean(name: str, known: list[str]) -> str:
    """' (did you mean 'x'?)' for a close match, else the names there are."""
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    if close:
        return f" (did you mean '{close[0]}'?)"
    shown = ", ".join(known[:10]) + (f" and {len(known) - 10} more" if len(known) > 10 else "")
    return f" (known: {shown or 'none'})"


def problem_at(
    doc: YamlDocument, loc: Loc, message: str, *, key: bool = False, at: Loc | None = None
) -> Problem:
    position = doc.position(loc, key=key)
    return Problem(
        display_path(doc.path), position.line, position.column, format_loc(at or loc), message
    )


def display_path(path: Path) -> str:
    """A path as the editor typed it: relative to the working folder when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return relative if not relative.startswith("..") else str(path)
