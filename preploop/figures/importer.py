"""`prep reports import`: a form export merged into the report files.

Everything is worked out first (`plan_import`), reading the export one row at
a time; only a plan with no problem is written, all files at once
(`commit.commit`, under the catalog's import lock). Rows already present
(same id) are not added again, so re-importing an export changes no file,
and a newer export adds only its new rows.
"""

from __future__ import annotations

import gc
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from preploop.catalog import Catalog
from preploop.figures import store
from preploop.figures.commit import Writer
from preploop.figures.export import ExportError, open_export
from preploop.figures.matching import CompanyMatcher, TitleMatcher, company_key, level_hints
from preploop.figures.pay import is_outlier


@dataclass
class ImportPlan:
    kind: str
    rows: int = 0
    changes: dict[Path, dict[str, store.Row] | None] = field(default_factory=dict)  # None: delete
    added: Counter = field(default_factory=Counter)  # (company, role) -> new rows
    totals: Counter = field(default_factory=Counter)  # (company, role) -> rows after import
    known: int = 0  # rows that were imported before
    unknown_companies: Counter = field(default_factory=Counter)  # name -> rows
    unknown_titles: Counter = field(default_factory=Counter)  # (company, title) -> rows
    no_question: list[int] = field(default_factory=list)  # row numbers
    spellings: defaultdict = field(default_factory=lambda: defaultdict(Counter))
    no_level: Counter = field(default_factory=Counter)  # (company, role) -> pay rows
    outliers: Counter = field(default_factory=Counter)  # (company, role) -> pay rows
    date_lines: list[str] = field(default_factory=list)  # how ambiguous dates were read

    def writers(self) -> dict[Path, Writer | None]:
        """What `commit.commit` writes: each changed file's rows, or None to delete it."""
        kind = self.kind

        def writer(rows: dict[str, store.Row]) -> Writer:
            return lambda handle: store.write_rows(handle, rows.values(), kind)

        return {p: None if rows is None else writer(rows) for p, rows in self.changes.items()}

    def summary(self, root: Path) -> list[str]:
        """What the import does, line by line; names come from the export, so the
        caller prints them with `printable`."""
        lines = [f"read {_rows(self.rows)}; {sum(self.added.values()):,} new"]
        for (company, role), total in sorted(self.totals.items()):
            lines.append(
                f"  {company}/{role}: {self.added[(company, role)]:,} new, {total:,} in all"
            )
        if self.known:
            lines.append(f"  {_rows(self.known)} imported before")
        unmatched = store.store_path(root, self.kind, None)
        if self.unknown_companies or self.unknown_titles:
            lines.append(f"kept for a later import in {unmatched}:")
        for key, count in self.unknown_companies.most_common():
            name = self.spellings[key].most_common(1)[0][0] if key else "(no company)"
            lines.append(f"  {name}: {_rows(count)}, not in the catalog")
        for (company, title), count in self.unknown_titles.most_common():
            shown = f'"{title}"' if title else "(no title; see --default-role)"
            lines.append(f"  {company} {shown}: {_rows(count)}, no matching role")
        for (company, role), count in sorted(self.no_level.items()):
            lines.append(
                f"  {company}/{role}: {_rows(count)} with no level of the role: "
                "kept, but left out of the pay figures"
            )
        for (company, role), count in sorted(self.outliers.items()):
            lines.append(
                f"  {company}/{role}: {_rows(count)} outside the pay expected at the level "
                f"(pay.expected_total): kept with flag '{store.OUTLIER}', left out of the "
                "pay figures until an editor clears the flag"
            )
        if self.no_question:
            numbers = ", ".join(str(n) for n in self.no_question[:10])
            more = " ..." if len(self.no_question) > 10 else ""
            lines.append(
                f"skipped {_rows(len(self.no_question))} with no answer: row {numbers}{more}"
            )
        lines += self.date_lines
        if not self.changes:
            lines.append("no file changed")
        return lines


def _known_level(catalog: Catalog, company: str, role: str, hints: str) -> bool:
    from preploop.figures.pay import level_code

    codes = {level_code(level.code) for level in catalog.role(company, role).role.levels}
    return any(level_code(hint) in codes for hint in hints.split())


def _rows(count: int) -> str:
    return f"{count:,} row{'s' if count != 1 else ''}"


def plan_import(catalog: Catalog, root: Path, path: Path, **options) -> ImportPlan:
    """What importing `path` would change, as an `ImportPlan`; nothing is written.

    Options: kind ("questions" or "pay"), columns (field -> header), default_role,
    source, date_format ("month-first" or "day-first"). Raises ExportError for a file
    that cannot be imported.
    """
    # A hundred thousand rows make as many small dicts, all kept: the garbage
    # collector would walk them again and again for nothing (about 12% of the time).
    paused = gc.isenabled()
    gc.disable()
    try:
        return _plan_import(catalog, root, path, **options)
    finally:
        if paused:
            gc.enable()


def _plan_import(
    catalog: Catalog,
    root: Path,
    path: Path,
    *,
    kind: str = "questions",
    columns: dict[str, str] | None = None,
    default_role: str | None = None,
    source: str | None = None,
    date_format: str | None = None,
) -> ImportPlan:
    companies = CompanyMatcher(catalog.companies)
    titles: dict[str, TitleMatcher] = {}
    for company in catalog.companies:
        titles[company.slug] = TitleMatcher(catalog.roles_of(company.slug))
    if default_role and not any(m.match(default_role) for m in titles.values()):
        raise ExportError(f"--default-role {default_role}: no role of that name in the catalog")

    plan = ImportPlan(kind)
    files: dict[Path, dict[str, store.Row]] = {}
    changed: set[Path] = set()
    names = store.COLUMNS[kind]
    unique = {"id", "question"}  # other cells repeat row after row: one string each
    shared = [i for i, name in enumerate(names) if name not in unique]

    def compact(cells) -> store.Row:
        cells = list(cells)
        for i in shared:
            cells[i] = sys.intern(cells[i])
        return tuple(cells)

    def rows_of(target: Path) -> dict[str, store.Row]:
        if target not in files:
            files[target] = {row[0]: compact(row) for row in store.read_store_file(target, kind)}
        return files[target]

    targets: dict[str, Path] = {}
    unmatched_path = store.store_path(root, kind, None)
    unmatched = rows_of(unmatched_path)
    answer = "question" if kind == "questions" else "base"
    produced: set[str] = set()  # ids given in this export: identical reports stay apart
    placed: dict[tuple[str, str], tuple[str | None, str | None]] = {}  # (company, title)
    with open_export(path, kind, columns, date_format) as export:
        keep_ids = store.is_store_header(export.header, kind)  # a store file imported again
        for number, values in export.rows:
            plan.rows += 1
            if not values.get(answer):
                plan.no_question.append(number)
                continue
            raw_company = values.get("company", "")
            title = values.get("role", "") if not keep_ids else values.get("title", "")
            record = {c: store.safe_cell(values.get(c, "")) for c in names}
            record["title"] = store.safe_cell(title)
            record["company"] = store.safe_cell(raw_company)
            record["role"] = ""
            record["source"] = store.safe_cell(
                source or (values.get("source", "") if keep_ids else "")
            )
            level = values.get("level", "")
            hints = level_hints(f"{level} {title}")
            record["level"] = store.safe_cell(" ".join(dict.fromkeys(hints)) or level)
            record["id"] = _identity(kind, values, keep_ids, produced)
            if (raw_company, title) not in placed:  # forms repeat names: each is matched once
                found = companies.match(raw_company)
                placed[(raw_company, title)] = (
                    found,
                    titles[found].match(title or default_role or "") if found else None,
                )
            slug, role = placed[(raw_company, title)]
            if slug is not None:
                record["company"] = slug
            if slug is None:
                plan.unknown_companies[company_key(raw_company)] += 1
                plan.spellings[company_key(raw_company)][raw_company] += 1
            elif role is None:
                plan.unknown_titles[(slug, title)] += 1
            if kind == "pay" and not keep_ids:
                amounts = sum(int(record[m] or 0) for m in store.AMOUNTS)
                outlier = is_outlier(record["currency"], record["level"], amounts)
                record["flag"] = store.OUTLIER if outlier else ""
            if role is None:
                target = unmatched_path
            else:
                record["role"] = role
                if kind == "pay" and not _known_level(catalog, slug, role, record["level"]):
                    plan.no_level[(slug, role)] += 1
                if kind == "pay" and record["flag"]:
                    plan.outliers[(slug, role)] += 1
                if slug not in targets:
                    targets[slug] = store.store_path(root, kind, slug)
                target = targets[slug]
                if unmatched.pop(record["id"], None) is not None:
                    changed.add(unmatched_path)  # matched now: moves out of the unmatched file
            rows = files[target] if target in files else rows_of(target)
            if record["id"] in rows:
                plan.known += 1
            else:
                rows[record["id"]] = compact(record[c] for c in names)
                changed.add(target)
                if role is not None:
                    plan.added[(slug, role)] += 1
        plan.date_lines = export.dates.lines()
    company_at, role_at = store.column(kind, "company"), store.column(kind, "role")
    for target, rows in files.items():
        for row in rows.values():
            if row[role_at]:
                plan.totals[(row[company_at], row[role_at])] += 1
        if not rows:
            if target.exists():
                plan.changes[target] = None
        elif target in changed or store.rendered_digest(rows.values(), kind) != (
            store.file_digest(target)
        ):
            plan.changes[target] = rows
    return plan


def _identity(kind: str, values: dict[str, str], keep_ids: bool, produced: set[str]) -> str:
    """A report's id (see `store.row_id`); the second of two identical reports in one
    export (no response id or time to tell them apart) gets the next id, and so on."""
    if keep_ids and store.is_row_id(values.get("id", "")):
        return values["id"]
    said = [f"{name}={values[name]}" for name in sorted(values)]
    found, count = store.row_id(kind, said), 1
    while found in produced:
        found, count = store.row_id(kind, [*said, str(count)]), count + 1
    produced.add(found)
    return found
