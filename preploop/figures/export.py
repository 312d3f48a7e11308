"""Read a form's CSV export: find the columns by their headers, parse the rows.

Any problem is an `ExportError` naming the file, the row (as a spreadsheet
numbers it: the header is row 1) and what is wrong, and nothing is returned.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from preploop.errors import UserError
from preploop.figures import settings
from preploop.figures.store import COLUMNS

FIELDS = ("id", "date", "company", "role", "level", "question", "round", "type")
PAY_FIELDS = ("id", "date", "company", "role", "level", "base", "stock", "bonus", "location")
IGNORED = ("comments",)  # recognised so that they are never stored; see CONTRIBUTING.md

_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%Y/%m/%d", "%d.%m.%Y", "%m/%d/%y", "%Y-%m")
_MONTH_FORMATS = ("%B %Y", "%b %Y")


class ExportError(UserError):
    """A problem with an export, said in one line."""


class ExportRow(NamedTuple):  # a tuple: a hundred thousand are made per import
    number: int  # as a spreadsheet numbers it: the header is row 1
    values: dict[str, str]  # field -> cell text, for the fields found
    cells: list[str]  # the whole row as exported: what identifies it


@dataclass(frozen=True)
class Export:
    path: Path
    columns: dict[str, str]  # field -> header it was found under
    rows: list[ExportRow]
    header: list[str]


def read_export(
    path: Path, kind: str = "questions", columns: dict[str, str] | None = None
) -> Export:
    text = _decode(path)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    fields = PAY_FIELDS if kind == "pay" else FIELDS
    header: list[str] | None = None
    found: dict[str, int] = {}
    rows: list[ExportRow] = []
    dates: dict[str, str] = {}
    number = 0
    try:
        for number, cells in enumerate(reader, start=1):
            if header is None:
                if any(cells) and any(cell.strip() for cell in cells):
                    header = [" ".join(cell.split()) for cell in cells]
                    found = _header_fields(path, number, header, kind, fields, columns)
                    pairs = list(found.items())
                    width = len(header)
                continue
            if not any(cells):
                continue  # a blank line
            if len(cells) != width and _bad_width(path, number, cells, width):
                continue  # a blank line
            values = {field: " ".join(cells[i].split()) for field, i in pairs}
            raw_date = values.get("date")
            if raw_date is not None:
                if raw_date not in dates:  # forms repeat dates: each is read once
                    dates[raw_date] = _parse_date(path, number, raw_date)
                values["date"] = dates[raw_date]
            if kind == "pay":
                for money in ("base", "stock", "bonus"):
                    if money in values:
                        values[money] = _parse_amount(path, number, money, values[money])
            rows.append(ExportRow(number, values, cells))
    except csv.Error as err:
        raise ExportError(f"{path}: row {number + 1}: not valid CSV ({err})") from None
    if header is None:
        raise ExportError(f"{path}: the file is empty")
    return Export(path, {f: header[i] for f, i in found.items()}, rows, header)


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
    missing = [f for f in settings()["required"][kind] if f not in found]
    if missing:
        raise ExportError(
            f"{path}: row {number}: no {', '.join(missing)} column among the headers "
            f"({'; '.join(header)[:200]}); name it with --column {missing[0]}=HEADER"
        )
    return found


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


def _decode(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ExportError(f"{path}: cannot read the file ({err.strerror})") from None
    if b"\x00" in data[:4096]:
        raise ExportError(f"{path}: row 1: binary data, not a CSV export")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = data[: err.start].decode("utf-8-sig", errors="replace")
        row = sum(1 for _ in csv.reader(io.StringIO(before, newline=""))) or 1
        raise ExportError(
            f"{path}: row {row}: not UTF-8 text (byte {err.start}); export the file as CSV UTF-8"
        ) from None


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first.count)


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


_AMOUNT = re.compile(r"^(\d+(?:\.\d+)?)\s*([km]?)$", re.IGNORECASE)


def _parse_amount(path: Path, number: int, field: str, text: str) -> str:
    """'$185,000', '185k', '1.2M' -> '185000'; empty stays empty (read as none)."""
    cleaned = re.sub(r"[\s,$€£₹]|usd|eur|gbp|/yr|per year", "", text.casefold())
    if not cleaned:
        return ""
    match = _AMOUNT.match(cleaned)
    if not match:
        raise ExportError(f"{path}: row {number}: cannot read the {field} amount '{text[:40]}'")
    scale = {"": 1, "k": 1_000, "m": 1_000_000}[match.group(2).lower()]
    return str(round(float(match.group(1)) * scale))


def _parse_date(path: Path, number: int, text: str) -> str:
    if len(text) == 10 and text[4] == "-" and text[7] == "-":  # ISO, the common case
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            pass
    candidates = [text, text.split(" ")[0], text.split("T")[0]]
    for candidate in candidates:
        for fmt in _DATE_FORMATS:
            try:
                return dt.datetime.strptime(candidate, fmt).date().isoformat()
            except ValueError:
                pass
    for fmt in _MONTH_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            pass
    raise ExportError(f"{path}: row {number}: cannot read the date '{text[:40]}' (use YYYY-MM-DD)")
