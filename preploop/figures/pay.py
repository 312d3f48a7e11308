"""Reported pay summed up per role and level (`index.load_figures` gathers it).

Each level gets the median and the 25th-75th percentile of total yearly pay
(base + stock per year + bonus), with the sample size and date range. A level
is shown only from `pay.min_sample` rows on (settings.yaml); below that the
page keeps the editors' sourced figures.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from preploop.catalog import RoleEntry
from preploop.figures import settings, store


@dataclass(frozen=True)
class LevelPay:
    level: str  # a level code of the role
    title: str
    count: int
    median: int
    p25: int
    p75: int
    first: dt.date
    last: dt.date
    shown: bool  # enough rows to publish


def level_code(text: str) -> str:
    return re.sub(r"[\s_-]", "", text).upper()


def expected_total(currency: str, level: str) -> tuple[int, int]:
    """The total yearly pay expected at a level (`pay.expected_total`)."""
    ranges = settings()["pay"]["expected_total"].get(currency, {})
    for codes, bounds in ranges.items():
        if codes != "default" and level_code(level) in {level_code(c) for c in codes.split()}:
            return tuple(bounds)
    return tuple(ranges.get("default", (0, 10**12)))


def is_outlier(currency: str, levels: str, total: int) -> bool:
    """A pay row whose total is outside the range of its (first) level hint."""
    low, high = expected_total(currency, (levels.split() or [""])[0])
    return not low <= total <= high


def read_pay(root: Path, companies: Iterable[str]) -> dict[tuple[str, str], list[dict[str, str]]]:
    """(company, role) -> pay rows as dicts, from the pay files of `companies`;
    StoreFileError names every damaged file."""
    grouped: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    names = store.COLUMNS["pay"]
    for cells in store.read_store(root, "pay", companies):
        row = dict(zip(names, cells, strict=True))
        grouped[(row["company"], row["role"])].append(row)
    return grouped


def level_pay(entry: RoleEntry, rows: list[dict[str, str]]) -> tuple[LevelPay, ...]:
    minimum = settings()["pay"]["min_sample"]
    by_level: dict[str, list[tuple[str, int]]] = defaultdict(list)
    codes = {level_code(level.code): level for level in entry.role.levels}
    currency = entry.role.pay.currency if entry.role.pay else "USD"
    for row in rows:
        if row["flag"] or row["currency"] != currency:
            continue  # an outlier not yet checked, or pay the role's table cannot show
        for hint in row.get("level", "").split():
            if level_code(hint) in codes:
                total = sum(int(row.get(f) or 0) for f in ("base", "stock", "bonus"))
                by_level[level_code(hint)].append((row["date"], total))
                break
    out = []
    for code, level in codes.items():
        found = by_level.get(code)
        if not found:
            continue
        totals = sorted(total for _, total in found)
        if len(totals) > 1:
            p25, median, p75 = statistics.quantiles(totals, n=4, method="inclusive")
        else:
            p25 = median = p75 = totals[0]
        dates = sorted(date for date, _ in found)
        out.append(
            LevelPay(
                level.code,
                level.title,
                len(totals),
                round(median),
                round(p25),
                round(p75),
                dt.date.fromisoformat(dates[0]),
                dt.date.fromisoformat(dates[-1]),
                len(totals) >= minimum,
            )
        )
    return tuple(out)
