"""The one base for problems a user can fix: a bad catalog file, an unreadable resume,
an export with a broken row, an order over its budget.

Each is shown as its lines on stderr (`lines()`: usually one) and exit code 1 by the
`prep` command's single handler; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import re


class UserError(Exception):
    """A problem in the user's input or setup, said in plain words."""

    def details(self) -> list[str]:
        """Lines printed before the error itself (a catalog's problems, one each)."""
        return []


class ReportError(UserError):
    """A problem with an order's inputs (a file, the catalog, its budget), as one line."""


def printable(text: str) -> str:
    """Control characters (a newline in a key, a terminal escape) shown as escapes, so
    text from a file stays on one line and cannot drive or reorder the terminal; lone surrogates
    (a JSON "\\ud800", bytes that were not UTF-8) too, as they cannot be printed."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode(), text)


# Bidirectional controls too: a right-to-left override in a name would show the rest
# of the line reversed, so a terminal line could read as something else.
_CONTROL = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)
