"""Where reports live: sorted CSV files under `companies/`, one row per report.

`companies/<company>/reports.csv` (questions) and `pay.csv` (pay) hold the
rows matched to a catalog role; `companies/_unmatched/` holds the rest, in the
same format, until the company or title exists and they are imported again.
Rows are sorted and carry a stable id, so an import reads as a plain diff.

The files are edited by hand and merged by git, so reading one checks every
row (`read_store_file`): a damaged file is a `file:LINE: problem` error like
a YAML one, never a traceback. How files are written: `commit.py`.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from preploop.catalog import CatalogError, Problem, display_path
from preploop.errors import printable
from preploop.figures import settings
from preploop.figures.matching import company_key
from preploop.figures.textfile import TextFileError, open_regular, text_lines

UNMATCHED_DIR = "_unmatched"
FILES = {"questions": "reports.csv", "pay": "pay.csv"}
COLUMNS = {
    "questions": (
        "id",
        "date",
        "company",
        "role",
        "level",
        "title",
        "round",
        "type",
        "question",
        "source",
    ),
    "pay": (
        "id",
        "date",
        "company",
        "role",
        "level",
        "title",
        "location",
        "currency",
        "base",
        "stock",
        "bonus",
        "flag",
        "source",
    ),
}
AMOUNTS = ("base", "stock", "bonus")
OUTLIER = "outlier"  # the pay `flag` of a row outside its level's expected range

Row = tuple[str, ...]  # cells in COLUMNS order: a tuple, as a store can hold a million


def column(kind: str, name: str) -> int:
    return COLUMNS[kind].index(name)


def row_id(kind: str, identity: Iterable[str]) -> str:
    """A report's id: a digest of what the report says (the fields read from the
    export, spacing normalised, the submission time and response id included),
    never of the file's bytes, so the same export saved again with other line
    endings, columns or spacing gives the same ids."""
    return hashlib.sha1("\x1f".join([kind, *identity]).encode()).hexdigest()[:12]


_FORMULA = re.compile(r"[=+\-@\t\r]")
_ANY_FORMULA = re.compile(r"(?:^|\x1f)[=+\-@\t\r]")
_ID = re.compile(r"[0-9a-f]{12}")


def safe_cell(text: str) -> str:
    """A cell a spreadsheet will not run: formula-like text gets a leading quote."""
    return "'" + text if _FORMULA.match(text) else text


def store_path(root: Path, kind: str, company: str | None) -> Path:
    return root / (company or UNMATCHED_DIR) / FILES[kind]


def is_store_header(header: list[str], kind: str) -> bool:
    return tuple(header) == COLUMNS[kind]


def is_row_id(text: str) -> bool:
    return _ID.fullmatch(text) is not None


# -- reading -------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class StoreProblem(Problem):
    """A problem in a store file, said as `file:LINE: what is wrong`."""

    def __str__(self) -> str:
        return printable(f"{self.path}:{self.line}: {self.message}")


class StoreFileError(CatalogError):
    """Store files that cannot be read; `problems` names each file and line."""

    def __init__(self, problems: list[StoreProblem]):
        super().__init__(problems)
        first = self.problems[0]
        self.path, self.line, self.message = first.path, first.line, first.message


def store_error(path: Path, line: int, message: str) -> StoreFileError:
    return StoreFileError([StoreProblem(display_path(path), max(line, 1), 0, "", message)])


_AMOUNT = re.compile(r"[0-9]{1,12}")
_CONFLICT = ("<<<<<<<", "=======", ">>>>>>>", "|||||||")


def read_store_file(path: Path, kind: str) -> Iterator[Row]:
    """Each row of a store file, checked; nothing for a file that does not exist.

    Rows come one at a time (a store can be large); a damaged file raises
    StoreFileError at its first problem, naming the line.
    """
    if not os.path.lexists(path):
        return
    limits = settings()["files"]
    size, line = limits["max_export_bytes"], limits["max_line_bytes"]  # an export's bounds
    try:
        with open_regular(path, size) as handle:
            yield from _checked_rows(path, kind, text_lines(handle, size, line))
    except TextFileError as err:
        raise store_error(path, err.line, err.message) from None


def _checked_rows(path: Path, kind: str, lines: Iterator[str]) -> Iterator[Row]:
    columns = COLUMNS[kind]
    number = 0

    def numbered() -> Iterator[str]:  # physical line numbers, conflict markers refused
        nonlocal number
        for number, line in enumerate(lines, start=1):  # noqa: B007 (read by the caller)
            if line.startswith(_CONFLICT):
                raise store_error(path, number, "a git conflict marker: resolve the merge")
            yield line

    reader = csv.reader(numbered(), strict=True)
    company = path.parent.name
    check = _row_checker(kind, None if company == UNMATCHED_DIR else company)
    seen: set[str] = set()
    try:
        header = next(reader, None)
        if header is None:
            return
        if tuple(header) != columns:
            raise store_error(path, 1, f"the header must be {','.join(columns)}")
        for cells in reader:
            if len(cells) != len(columns):
                if not any(cells):
                    continue  # a blank line
                raise store_error(
                    path, number, f"{len(cells)} cells where the header has {len(columns)}"
                )
            problem = check(cells)
            if problem is None and cells[0] in seen:
                problem = f"id {cells[0]} is on an earlier line too"
            if problem is not None:
                raise store_error(path, number, problem)
            seen.add(cells[0])
            yield tuple(cells)
    except csv.Error as err:
        raise store_error(path, number, f"not valid CSV ({err})") from None


def _row_checker(kind: str, company: str | None):
    """A function that says what is wrong with one row's cells, or None."""
    names = COLUMNS[kind]
    date_at = names.index("date")
    pay = kind == "pay"
    checks_date = functools.lru_cache(maxsize=4096)(date_problem)

    def check(cells: list[str]) -> str | None:
        if not _ID.fullmatch(cells[0]):
            return "the id must be 12 hexadecimal digits"
        problem = checks_date(cells[date_at])
        if problem:
            return problem
        if company is not None and (cells[2] != company or not cells[3]):
            return f"a row of company {company} must name it and one of its roles"
        if _ANY_FORMULA.search("\x1f".join(cells)):  # one search per row: builds read them all
            pairs = zip(names, cells, strict=True)
            found = next(((n, c) for n, c in pairs if _FORMULA.match(c)), None)
            if found:
                return f"the {found[0]} starts with '{found[1][0]}': a spreadsheet would run it"
        if pay:
            return pay_problem(dict(zip(names, cells, strict=True)))
        return None

    return check


def date_problem(text: str) -> str | None:
    """What is wrong with a report date (YYYY-MM-DD), or None."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return "the date must be a date such as 2026-03-01"
    if len(text) != 10:
        return "the date must be written YYYY-MM-DD"
    floor = settings()["dates"]["floor"]
    if day < floor:
        return f"the date is before {floor.isoformat()} (dates.floor)"
    if day > dt.date.today():
        return "the date is in the future"
    return None


def pay_problem(row: dict[str, str]) -> str | None:
    """What is wrong with a stored pay row's currency, amounts or flag, or None."""
    plausible = settings()["pay"]["plausible"]
    if row["currency"] not in plausible:
        return f"the currency must be one of {', '.join(plausible)}"
    for name in AMOUNTS:
        value = row[name]
        if value and not _AMOUNT.fullmatch(value):
            return f"the {name} must be a whole number with no separators"
        problem = amount_problem(name, int(value) if value else None, row["currency"])
        if problem:
            return problem
    if row["flag"] not in ("", OUTLIER):
        return f"the flag must be empty or {OUTLIER}"
    return None


def amount_problem(name: str, value: int | None, currency: str) -> str | None:
    """Why a yearly amount cannot be a salary (`pay.plausible`), or None."""
    low, high = settings()["pay"]["plausible"][currency][name]
    if value is None or low <= value <= high:
        return None
    return f"the {name} is outside {low:,}-{high:,} {currency} (pay.plausible in settings.yaml)"


def read_store(root: Path, kind: str, companies: Iterable[str]) -> Iterator[Row]:
    """Every row of the files of `companies`; every damaged file is named in one
    StoreFileError (after the rows of the good ones)."""
    problems: list[StoreProblem] = []
    for company in sorted(companies):
        try:
            yield from read_store_file(root / company / FILES[kind], kind)
        except StoreFileError as err:
            problems.extend(err.problems)
    if problems:
        raise StoreFileError(problems)


# -- writing -------------------------------------------------------------------


def write_rows(handle: TextIO, rows: Iterable[Row], kind: str) -> None:
    """The file's text: the header, then the rows sorted by company, role, date, id."""
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerow(COLUMNS[kind])
    c, r, d = column(kind, "company"), column(kind, "role"), column(kind, "date")
    writer.writerows(sorted(rows, key=lambda row: (company_key(row[c]), row[r], row[d], row[0])))


class _Digest:
    """A text sink that keeps only a digest: a file's new text, compared unwritten."""

    def __init__(self) -> None:
        self.hash = hashlib.sha256()

    def write(self, text: str) -> None:
        self.hash.update(text.encode())


def rendered_digest(rows: Iterable[Row], kind: str) -> bytes:
    sink = _Digest()
    write_rows(sink, rows, kind)  # type: ignore[arg-type]
    return sink.hash.digest()


def file_digest(path: Path) -> bytes | None:
    if not path.exists():
        return None
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").digest()
