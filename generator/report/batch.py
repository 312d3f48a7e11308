"""Many orders at once: parallel worker processes, resumable, atomic, one summary.

Each order writes `<order>.pdf` and `<order>.json` into the output folder. An
order whose two files already exist is skipped, so a batch stopped halfway
picks up where it left off. A failed order is recorded in `summary.csv` with its
reason and the batch goes on.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from generator.catalog import Catalog, load_catalog
from generator.report.pipeline import Order, ReportError, analyze_order, render_to, write_analysis

COLUMNS = ("order_id", "name", "company", "role", "resume", "jd")
ORDER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")


@dataclass(frozen=True)
class BatchOrder:
    order_id: str
    order: Order


@dataclass(frozen=True)
class Outcome:
    order_id: str
    status: str  # "done", "skipped" or "failed"
    reason: str = ""


def read_orders(csv_path: Path) -> list[BatchOrder]:
    """Parse the orders file; paths in it are relative to the file's folder."""
    try:
        with csv_path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise ReportError(f"{csv_path}: missing column(s): {', '.join(missing)}")
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise ReportError(f"{csv_path}: cannot read orders: {err}") from None
    orders, seen = [], set()
    for line, row in enumerate(rows, start=2):
        order_id = (row["order_id"] or "").strip()
        if not ORDER_ID.match(order_id):
            raise ReportError(
                f"{csv_path}:{line}: bad order_id {order_id!r}: use letters, "
                "digits, '-', '_' and '.'"
            )
        if order_id in seen:
            raise ReportError(f"{csv_path}:{line}: order_id {order_id!r} appears twice")
        seen.add(order_id)
        base = csv_path.parent
        orders.append(
            BatchOrder(
                order_id,
                Order(
                    name=row["name"].strip(),
                    company=row["company"].strip(),
                    role=row["role"].strip(),
                    resume=base / row["resume"].strip(),
                    job=base / row["jd"].strip(),
                ),
            )
        )
    return orders


def outputs(out_dir: Path, order_id: str) -> tuple[Path, Path]:
    return out_dir / f"{order_id}.pdf", out_dir / f"{order_id}.json"


# Each worker loads the catalog once, not once per order.
_worker_catalog: Catalog | None = None
_worker_companies: Path | None = None


def _init_worker(companies_dir: Path) -> None:
    global _worker_catalog, _worker_companies
    _worker_companies = companies_dir
    _worker_catalog = load_catalog(companies_dir)


def _run_one(item: BatchOrder, out_dir: Path, paper: str, today: dt.date) -> Outcome:
    pdf, json_path = outputs(out_dir, item.order_id)
    try:
        analysis, entry = analyze_order(item.order, _worker_catalog, _worker_companies, today)
        # The JSON goes last: its presence with the PDF marks the order as done.
        render_to(analysis, entry, pdf, paper)
        write_analysis(analysis, json_path)
        return Outcome(item.order_id, "done")
    except ReportError as err:
        pdf.unlink(missing_ok=True)
        return Outcome(item.order_id, "failed", str(err))
    except Exception as err:  # a bug must not stop the other orders
        pdf.unlink(missing_ok=True)
        return Outcome(item.order_id, "failed", f"internal error: {type(err).__name__}: {err}")


def run_batch(
    orders: list[BatchOrder],
    out_dir: Path,
    *,
    companies_dir: Path,
    jobs: int,
    paper: str,
    today: dt.date,
    progress=None,
) -> list[Outcome]:
    """Run every order not done yet; returns one outcome per order, in CSV order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    outcomes: dict[str, Outcome] = {}
    todo = []
    for item in orders:
        if all(path.exists() for path in outputs(out_dir, item.order_id)):
            outcomes[item.order_id] = Outcome(item.order_id, "skipped", "already done")
        else:
            todo.append(item)
    if progress:
        progress(len(outcomes), len(orders))
    with ProcessPoolExecutor(
        max_workers=max(1, jobs), initializer=_init_worker, initargs=(companies_dir,)
    ) as pool:
        futures = [pool.submit(_run_one, item, out_dir, paper, today) for item in todo]
        for future in as_completed(futures):
            outcome = future.result()
            outcomes[outcome.order_id] = outcome
            if progress:
                progress(len(outcomes), len(orders))
    ordered = [outcomes[item.order_id] for item in orders]
    _write_summary(out_dir / "summary.csv", ordered)
    return ordered


def _write_summary(path: Path, outcomes: list[Outcome]) -> None:
    lines = [["order_id", "status", "reason"]] + [
        [o.order_id, o.status, o.reason] for o in outcomes
    ]
    tmp = path.with_suffix(".csv.tmp")
    with tmp.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(lines)
    tmp.replace(path)
