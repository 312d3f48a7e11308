"""Read a form's CSV export: find the columns by their headers, parse the rows.

Any problem is an `ExportError` naming the file, the row (as a spreadsheet
numbers it: the header is row 1) and what is wrong. Rows are read one at a
time (`open_export` yields them as they are parsed), so memory does not grow
with the file; the importer plans the whole file before writing anything.
Errors never quote a cell: an export holds people's answers, and a file
given by mistake may hold anything. Only header names are shown.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import NamedTuple

from preploop.errors import UserError
from preploop.figures import settings
from preploop.figures.store import COLUMNS, amount_problem, date_problem
from preploop.figures.textfile import TextFileError, open_regular, text_lines

FIELDS = ("id", "submitted", "date", "company", "role", "level", "question", "round", "type")
PAY_FIELDS = (
    "id",
    "submitted",
    "date",
    "company",
    "role",
    "level",
    "base",
    "stock",
    "bonus",
    "currency",
    "location",
)
IGNORED = ("comments",)  # recognised so that they are never stored; see CONTRIBUTING.md

_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%Y-%m")
_MONTH_FORMATS = ("%B %Y", "%b %Y")
# "03/10/2026" is March 10 to a form set up in the US and 3 October elsewhere.
DATE_ORDERS = {
    "month-first": ("%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y"),
    "day-first": ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y"),
}
_ORDER_NAMES = {"month-first": "month/day", "day-first": "day/month"}


class ExportError(UserError):
    """A problem with an export, said in one line."""


class ExportRow(NamedTuple):  # a tuple: a million may be read per import
    number: int  # as a spreadsheet numbers it: the header is row 1
    values: dict[str, str]  # field -> cell text (spacing normalised, dates ISO, amounts whole)


@dataclass
class DateReading:
    """How an export's slashed dates are read: month/day unless the editor chose
    (`--date-format`) or the file shows otherwise (a 13/10/2026 before any date that
    could be read both ways). What the import says about it comes from here."""

    order: str = "month-first"
    chosen: bool = False  # given with --date-format
    ambiguous: int = 0  # dates the other order reads as another day
    example: tuple[int, str, str] | None = None  # (row, as read, the other reading)
    shown_by: int = 0  # the row whose date can only be read day/month, when that decided
    only_month_first: int = 0  # a row whose date can only be month/day

    def lines(self) -> list[str]:
        """What the import says about its dates (nothing when none was ambiguous)."""
        name = _ORDER_NAMES[self.order]
        if not self.ambiguous:
            return []
        row, read, other = self.example or (0, "", "")
        some = "1 date" if self.ambiguous == 1 else f"{self.ambiguous:,} different dates"
        line = (
            f"{some} could be month/day or day/month: read as {name} "
            f"(row {row}: {read}, not {other})"
        )
        if self.chosen:
            return [f"{line}, as --date-format {self.order} says"]
        if self.shown_by:
            return [f"{line}, since row {self.shown_by} can only be {name}"]
        return [f"{line}; if the form wrote day/month, run again with --date-format day-first"]


@dataclass(frozen=True)
class Export:
    path: Path
    columns: dict[str, str]  # field -> header it was found under
    header: list[str]
    rows: Iterator[ExportRow]  # read as they are used; ExportError at the first bad row
    dates: DateReading


@contextlib.contextmanager
def open_export(
    path: Path,
    kind: str = "questions",
    columns: dict[str, str] | None = None,
    date_format: str | None = None,
) -> Iterator[Export]:
    """The export, its rows read as they are used. `date_format` is "month-first" or
    "day-first" for slashed dates; None reads month/day unless the file shows day/month."""
    limits = settings()["files"]
    dates = DateReading(order=date_format or "month-first", chosen=date_format is not None)
    try:
        with open_regular(path, limits["max_export_bytes"]) as handle:
            lines = text_lines(handle, limits["max_export_bytes"], limits["max_line_bytes"])
            yield _read(path, kind, columns, lines, dates)
    except TextFileError as err:
        where = f"line {err.line}: " if err.line else ""
        raise ExportError(f"{path}: {where}{err.message}") from None


def _read(
    path: Path,
    kind: str,
    columns: dict[str, str] | None,
    lines: Iterator[str],
    dates: DateReading,
) -> Export:
    first: list[str] = []
    for line in lines:  # the delimiter is guessed from the first line that has text
        first.append(line)
        if line.strip():
            break
    delimiter = max((",", ";", "\t"), key="".join(first).count)
    reader = csv.reader(_chain(first, lines), delimiter=delimiter, strict=True)
    fields = PAY_FIELDS if kind == "pay" else FIELDS
    try:
        for number, cells in enumerate(reader, start=1):
            if any(cell.strip() for cell in cells):
                header = [" ".join(cell.split()) for cell in cells]
                found = _header_fields(path, number, header, kind, fields, columns)
                rows = _rows(path, kind, reader, number, found, len(header), dates)
                return Export(path, {f: header[i] for f, i in found.items()}, header, rows, dates)
    except csv.Error as err:
        raise ExportError(f"{path}: row 1: not valid CSV ({err})") from None
    except TextFileError as err:
        raise ExportError(f"{path}: row 1: {err.message}") from None
    raise ExportError(f"{path}: the file is empty")


def _chain(first: list[str], rest: Iterator[str]) -> Iterator[str]:
    yield from first
    yield from rest


def _rows(
    path: Path,
    kind: str,
    reader,
    number: int,
    found: dict[str, int],
    width: int,
    reading: DateReading,
) -> Iterator[ExportRow]:
    pairs = list(found.items())
    header_row = number
    dates: dict[str, str] = {}  # forms repeat dates: each is read once
    last_row = header_row + settings()["files"]["max_export_rows"]
    try:
        for number, cells in enumerate(reader, start=header_row + 1):  # noqa: B007
            if number > last_row:
                raise ExportError(
                    f"{path}: row {number}: more than {last_row - header_row:,} rows "
                    "(files.max_export_rows): split the export"
                )
            if not any(cells):
                continue  # a blank line
            if len(cells) != width and _bad_width(path, number, cells, width):
                continue  # a blank line
            values = {field: " ".join(cells[i].split()) for field, i in pairs}
            if "date" not in values and "submitted" in values:
                values["date"] = values["submitted"]  # the form asks no interview date
            raw_date = values.get("date")
            if raw_date is not None:
                if raw_date not in dates:
                    dates[raw_date] = _parse_date(path, number, raw_date, reading)
                values["date"] = dates[raw_date]
            if kind == "pay":
                _read_pay(path, number, values)
            yield ExportRow(number, values)
    except csv.Error as err:
        raise ExportError(f"{path}: row {number + 1}: not valid CSV ({err})") from None
    except TextFileError as err:
        raise ExportError(f"{path}: row {number + 1}: {err.message}") from None


def _header_fields(
    path: Path,
    number: int,
    header: list[str],
    kind: str,
    fields: tuple[str, ...],
    columns: dict[str, str] | None,
) -> dict[str, int]:
    if tuple(header) == COLUMNS[kind]:  # one of our own files, imported again
        found = {name: i for i, name in enumerate(header)}
    else:
        found = _find_columns(path, header, fields, columns or {})
    found_fields = {*found, "date"} if "submitted" in found else set(found)  # see _rows
    missing = [f for f in settings()["required"][kind] if f not in found_fields]
    if missing:
        raise ExportError(
            f"{path}: row {number}: no {', '.join(missing)} column among the headers "
            f"{_shown_header(header)}; name it with --column {missing[0]}=HEADER"
        )
    return found


def _shown_header(header: list[str]) -> str:
    """The headers, if the line reads like a header; a file that is no CSV export
    (given by mistake, or through a link) is not quoted."""
    if len(header) < 2 or any(len(cell) > 80 for cell in header):
        return "(the first line is not a CSV header)"
    return f"({'; '.join(header)[:200]})"


def _bad_width(path: Path, number: int, cells: list[str], width: int) -> bool:
    """True for a blank line; an error for a row with cells missing or left over."""
    if not any(cell.strip() for cell in cells):
        return True
    if len(cells) > width and not any(cell.strip() for cell in cells[width:]):
        return False  # empty cells past the header's end: harmless
    raise ExportError(
        f"{path}: row {number}: {len(cells)} cells where the header has {width} "
        "(a stray comma or quote?)"
    )


def _find_columns(
    path: Path, header: list[str], fields: tuple[str, ...], explicit: dict[str, str]
) -> dict[str, int]:
    found: dict[str, int] = {}
    lowered = [h.casefold() for h in header]
    for field, name in explicit.items():
        if field not in fields:
            raise ExportError(f"--column {field}=...: no such field (fields: {', '.join(fields)})")
        wanted = " ".join(name.split()).casefold()
        if wanted not in lowered:
            raise ExportError(f"{path}: row 1: no column headed '{name}' for --column {field}")
        found[field] = lowered.index(wanted)
    taken = set(found.values())
    patterns = settings()["headers"]
    for field in patterns:
        if field in found or (field not in fields and field not in IGNORED):
            continue
        for pattern in patterns[field]:
            index = next(
                (
                    i
                    for i, h in enumerate(lowered)
                    if i not in taken and re.search(pattern, h, re.IGNORECASE)
                ),
                None,
            )
            if index is not None:
                found[field] = index
                taken.add(index)
                break
    return {f: i for f, i in found.items() if f not in IGNORED}


# -- pay -----------------------------------------------------------------------

# After currency marks and spaces are gone: plain, US grouping, European
# grouping, or a decimal part of one or two digits. "185.000" and "185,000"
# are both 185 thousand: nobody reports a salary to the tenth of a cent.
_NUMBER = re.compile(
    r"(?P<plain>\d+)"
    r"|(?P<us>\d{1,3}(?:,\d{3})+(?:\.\d+)?)"
    r"|(?P<eu>\d{1,3}(?:\.\d{3})+(?:,\d+)?)"
    r"|(?P<dot>\d+\.\d{1,2})"
    r"|(?P<comma>\d+,\d{1,2})"
)
_SCALED = re.compile(r"(\d+(?:[.,]\d+)?)([km])")  # 185k, 1.2m, 1,2m
_YEARLY = re.compile(r"/\s*(?:yr|year)|per year|a year|yearly|annual(?:ly)?|p\.?a\.?")
_MAX_DIGITS = 12


def parse_amount(text: str) -> tuple[int | None, str | None]:
    """'$185,000', '€185.000,50', '185k', '1.2M' -> (whole amount, currency or None);
    ('', None) -> (None, None). Raises ValueError for anything else."""
    rest = _YEARLY.sub("", text.casefold())
    currency = None
    marks = [(m, code) for code, ms in settings()["pay"]["currencies"].items() for m in ms]
    for mark, code in sorted(marks, key=lambda pair: -len(pair[0])):
        if mark in rest:
            if currency not in (None, code):
                raise ValueError("names two currencies")
            currency = code
            rest = rest.replace(mark, "")
    rest = re.sub(r"[\s\u00a0\u202f\u2009']", "", rest)
    if not rest:
        return None, currency
    if len(re.sub(r"\D", "", rest)) > _MAX_DIGITS:
        raise ValueError("has too many digits")
    scaled = _SCALED.fullmatch(rest)
    if scaled:
        number = Decimal(scaled.group(1).replace(",", "."))
        number *= 1_000 if scaled.group(2) == "k" else 1_000_000
    else:
        match = _NUMBER.fullmatch(rest)
        if not match:
            raise ValueError("is not an amount such as 185000, 185,000, 185.000 or 185k")
        digits = match.group()
        if match.lastgroup in ("us", "dot"):
            digits = digits.replace(",", "")
        elif match.lastgroup in ("eu", "comma"):
            digits = digits.replace(".", "").replace(",", ".")
        number = Decimal(digits)
    return int(number.quantize(Decimal(1), rounding=ROUND_HALF_UP)), currency


def _read_pay(path: Path, number: int, values: dict[str, str]) -> None:
    """Amounts as whole numbers in one currency, each within `pay.plausible`."""
    pay = settings()["pay"]
    named = values.get("currency", "").upper()
    if named and named not in pay["plausible"]:
        raise ExportError(
            f"{path}: row {number}: the currency must be one of {', '.join(pay['plausible'])}"
        )
    currencies = {named} if named else set()
    amounts: dict[str, int | None] = {}
    for money in ("base", "stock", "bonus"):
        if money in values:
            try:
                amounts[money], found = parse_amount(values[money])
            except ValueError as err:
                raise ExportError(f"{path}: row {number}: the {money} amount {err}") from None
            currencies |= {found} - {None}
    if len(currencies) > 1:
        raise ExportError(f"{path}: row {number}: the amounts are in different currencies")
    currency = currencies.pop() if currencies else pay["default_currency"]
    for money, amount in amounts.items():
        problem = amount_problem(money, amount, currency)
        if problem:
            raise ExportError(f"{path}: row {number}: {problem}")
        values[money] = "" if amount is None else str(amount)
    values["currency"] = currency


# -- dates ---------------------------------------------------------------------


def _parse_date(path: Path, number: int, text: str, reading: DateReading) -> str:
    day = _read_date(text) or _read_slashed(path, number, text, reading)
    if day is None:
        raise ExportError(f"{path}: row {number}: cannot read the date (use YYYY-MM-DD)")
    problem = date_problem(day)
    if problem:
        raise ExportError(f"{path}: row {number}: {problem}")
    return day


def _read_date(text: str) -> str | None:
    if len(text) == 10 and text[4] == "-" and text[7] == "-":  # ISO, the common case
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    for candidate in _date_parts(text):
        for fmt in _DATE_FORMATS:
            with contextlib.suppress(ValueError):
                return dt.datetime.strptime(candidate, fmt).date().isoformat()
    for fmt in _MONTH_FORMATS:
        with contextlib.suppress(ValueError):
            return dt.datetime.strptime(text, fmt).date().isoformat()
    return None


def _date_parts(text: str) -> list[str]:
    """The date, and the date part of a timestamp ("3/10/2026 14:02:11", "...T14:02")."""
    return [text, text.split(" ")[0], text.split("T")[0]]


def _slashed(text: str, order: str) -> str | None:
    for candidate in _date_parts(text):
        for fmt in DATE_ORDERS[order]:
            with contextlib.suppress(ValueError):
                return dt.datetime.strptime(candidate, fmt).date().isoformat()
    return None


def _read_slashed(path: Path, number: int, text: str, reading: DateReading) -> str | None:
    """A date such as 03/10/2026 in the export's order; an order the file contradicts
    is an error that says how to choose (the date itself is not quoted)."""
    month_first, day_first = _slashed(text, "month-first"), _slashed(text, "day-first")
    if month_first is None and day_first is None:
        return None
    if month_first and day_first:
        read = month_first if reading.order == "month-first" else day_first
        if month_first != day_first:
            other = day_first if read == month_first else month_first
            reading.ambiguous += 1
            reading.example = reading.example or (number, read, other)
        return read
    only = "month-first" if month_first else "day-first"
    if only == reading.order:
        if only == "month-first":
            reading.only_month_first = reading.only_month_first or number
        return month_first or day_first
    name, wanted = _ORDER_NAMES[only], _ORDER_NAMES[reading.order]
    if reading.chosen:
        raise ExportError(
            f"{path}: row {number}: the date can only be {name}, not {wanted} as "
            f"--date-format {reading.order} says"
        )
    if reading.ambiguous or reading.only_month_first:
        earlier = reading.example[0] if reading.example else reading.only_month_first
        raise ExportError(
            f"{path}: row {number}: the date can only be {name}, but row {earlier} was read "
            f"as {wanted}: choose with --date-format month-first or day-first"
        )
    reading.order, reading.shown_by = only, number  # nothing read yet the other way
    return day_first
