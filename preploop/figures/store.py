"""Where reports live: sorted CSV files under `companies/`, one row per report.

`companies/<company>/reports.csv` (questions) and `pay.csv` (pay) hold the
rows matched to a catalog role; `companies/_unmatched/` holds the rest, in the
same format, until the company or title exists and they are imported again.
Rows are sorted and carry a stable id, so an import reads as a plain diff.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import tempfile
from pathlib import Path

from preploop.figures.matching import company_key

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
        "base",
        "stock",
        "bonus",
        "source",
    ),
}


def row_id(kind: str, cells: list[str]) -> str:
    """A row's id: a digest of the whole exported row, the submission time and any
    unpublished column included, so two people who report the same question on the
    same day stay two rows, while the same submission exported twice is one."""
    return hashlib.sha1("\x1f".join([kind, *cells]).encode()).hexdigest()[:12]


def store_path(root: Path, kind: str, company: str | None) -> Path:
    return root / (company or UNMATCHED_DIR) / FILES[kind]


def read_rows(path: Path, kind: str) -> dict[str, dict[str, str]]:
    """A store file's rows by id; empty if the file does not exist."""
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["id"]: row for row in csv.DictReader(handle)}


def render(rows: dict[str, dict[str, str]], kind: str) -> str:
    columns = COLUMNS[kind]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    ordered = sorted(
        rows.values(), key=lambda r: (company_key(r["company"]), r["role"], r["date"], r["id"])
    )
    writer.writerows([row.get(c, "") for c in columns] for row in ordered)
    return out.getvalue()


def is_store_header(header: list[str], kind: str) -> bool:
    return tuple(header) == COLUMNS[kind]


def write_all(contents: dict[Path, str | None]) -> None:
    """Write every file or none: each goes to a temporary file first, then all are
    renamed into place. `None` deletes a file."""
    temps: list[tuple[Path, Path]] = []
    try:
        for path, text in contents.items():
            if text is None:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            temps.append((Path(temp), path))
    except BaseException:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        raise
    for temp, path in temps:
        os.replace(temp, path)
    for path, text in contents.items():
        if text is None:
            path.unlink(missing_ok=True)
