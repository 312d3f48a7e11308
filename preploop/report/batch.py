"""Many orders at once: parallel worker processes, resumable, atomic, one summary.

Each order writes `<order>.pdf` and `<order>.json` into the output folder (only the
JSON with `review`: staff approve and render it in `prep review`). An order whose
files already exist is skipped, so a batch stopped halfway picks up where it left
off; so is one staff have started reviewing (its `<order>.original.json` exists),
whose corrections a new analysis would overwrite. A bad row or a failed order is recorded in
`summary.csv` with its reason and the batch goes on.

One batch at a time per folder: a lock file (`.batch.lock`) refuses a second
one. Workers die with the batch, and each order runs under the budget of
`pipeline.run_bounded`, so a stuck order is stopped rather than a worker.
Temporary files a killed batch left behind are removed by the next run.

Ctrl-C (SIGINT) stops a batch at once: workers ignore it and are killed by the
batch (their order children with them), `summary.csv` lists the orders that
finished, and `BatchInterrupted` tells the caller how many did not. SIGTERM
(a `kill`, a stopped service) does the same.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import fcntl
import os
import re
import signal
import tempfile
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from preploop.catalog import Catalog, load_catalog
from preploop.report.findings import Analysis
from preploop.report.part_files import PART_SUFFIX
from preploop.report.pipeline import Order, ReportError, die_with_parent, run_order, warm_analysis

COLUMNS = ("order_id", "name", "company", "role", "resume", "jd")
ORDER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$")
MAX_ORDERS = 10_000
LOCK_NAME = ".batch.lock"
SUMMARY = "summary.csv"


@dataclass(frozen=True)
class BatchOrder:
    order_id: str
    order: Order
    line: int = 0  # in the orders file


@dataclass(frozen=True)
class Outcome:
    order_id: str
    status: str  # "done", "skipped" or "failed"
    reason: str = ""


class BatchInterrupted(Exception):
    """Ctrl-C (SIGINT) or SIGTERM stopped the batch; `outcomes` are the orders that
    finished, `signal` the signal's number."""

    def __init__(self, outcomes: list[Outcome], unfinished: int, signum: int = signal.SIGINT):
        super().__init__("batch interrupted")
        self.outcomes = outcomes
        self.unfinished = unfinished
        self.signal = signum


class _Terminated(KeyboardInterrupt):
    """SIGTERM, taken the way Ctrl-C is."""


def _terminate(signum, frame):
    raise _Terminated


@dataclass(frozen=True)
class Orders:
    """The rows of an orders file: those that can run, and those refused with a reason."""

    good: list[BatchOrder]
    bad: list[tuple[int, Outcome]]  # (line in the orders file, why it was refused)

    @property
    def total(self) -> int:
        return len(self.good) + len(self.bad)


def read_orders(csv_path: Path) -> Orders:
    """Parse the orders file; paths in it are relative to the file's folder.

    A file that cannot be read at all is a ReportError; a bad row fails alone.
    """
    try:
        with csv_path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle, restkey="_extra")
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise ReportError(f"{csv_path}: missing column(s): {', '.join(missing)}")
            rows = []
            for row in reader:
                rows.append((reader.line_num, row))
                if len(rows) > MAX_ORDERS:
                    raise ReportError(f"{csv_path}: more than {MAX_ORDERS} orders; split the file")
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise ReportError(f"{csv_path}: cannot read orders: {err}") from None
    good, bad, seen = [], [], set()
    for line, row in rows:
        order_id = (row.get("order_id") or "").strip()
        problem = _row_problem(row, order_id, seen)
        if problem:
            shown = order_id if ORDER_ID.match(order_id) else f"line {line}"
            bad.append((line, Outcome(shown, "failed", f"{csv_path.name}:{line}: {problem}")))
            continue
        seen.add(order_id)
        base = csv_path.parent
        good.append(
            BatchOrder(
                order_id,
                Order(
                    name=row["name"].strip(),
                    company=row["company"].strip(),
                    role=row["role"].strip(),
                    resume=base / row["resume"].strip(),
                    job=base / row["jd"].strip(),
                ),
                line,
            )
        )
    return Orders(good, bad)


def _row_problem(row: dict, order_id: str, seen: set[str]) -> str | None:
    if not ORDER_ID.match(order_id):
        return f"bad order_id {order_id[:40]!r}: use letters, digits, '-', '_' and '.'"
    if order_id in seen:
        return f"order_id {order_id!r} appears twice"
    short = [c for c in COLUMNS if row.get(c) is None]
    if short:
        return f"the row has no {', '.join(short)} column(s)"
    if row.get("_extra"):
        return f"the row has more than the {len(COLUMNS)} columns"
    empty = [c for c in ("company", "role", "resume", "jd") if not row[c].strip()]
    if empty:
        return f"empty {', '.join(empty)}"
    return None


def outputs(out_dir: Path, order_id: str) -> tuple[Path, Path]:
    return out_dir / f"{order_id}.pdf", out_dir / f"{order_id}.json"


# Each worker loads the catalog once, not once per order.
_worker_catalog: Catalog | None = None
_worker_companies: Path | None = None


def _init_worker(companies_dir: Path) -> None:
    global _worker_catalog, _worker_companies
    die_with_parent()  # a killed batch must not leave workers rendering
    # Ctrl-C reaches the whole process group; the batch itself decides what stops
    # (it kills the workers), so a worker never dies halfway with a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the batch's handler, if forked
    _worker_companies = companies_dir
    _worker_catalog = load_catalog(companies_dir)
    # Once here, inherited by each order's children: the renderer's fonts and templates,
    # and the analysis's modules and the tables it reads.
    from preploop.report.render import warm_renderer

    warm_renderer()
    warm_analysis()


def _run_one(
    item: BatchOrder,
    out_dir: Path,
    paper: str,
    today: dt.date,
    review: bool = False,
    html: bool = False,
) -> Outcome:
    pdf, json_path = outputs(out_dir, item.order_id)
    try:
        delivered = run_order(
            item.order,
            _worker_catalog,
            _worker_companies,
            today=today,
            paper=paper,
            pdf_out=None if review else pdf,
            analysis_out=json_path,
            render=not review,
            html_out=pdf.with_suffix(".html") if html and not review else None,
        )
        return Outcome(item.order_id, "done", _review_reason(delivered.analysis))
    except ReportError as err:
        return Outcome(item.order_id, "failed", str(err))
    except Exception as err:  # a bug must not stop the other orders
        return Outcome(item.order_id, "failed", f"internal error: {type(err).__name__}: {err}")


def _review_reason(analysis: Analysis) -> str:
    """ "review: ..." when the resume reader could not place lines that look like a job."""
    if any(line.looks_like_experience for line in analysis.resume.unplaced):
        return "review: " + "; ".join(w for w in analysis.warnings if "not placed" in w)
    return ""


def run_batch(
    orders: Orders,
    out_dir: Path,
    *,
    companies_dir: Path,
    jobs: int,
    paper: str,
    today: dt.date,
    progress=None,
    review: bool = False,
    html: bool = False,
) -> list[Outcome]:
    """Run every order not done yet; returns one outcome per row, in the file's order.

    With `html`, each report is also written as one HTML file for screens (`<order>.html`).
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ReportError(f"{out_dir}: cannot create the folder: {err.strerror or err}") from None
    with batch_lock(out_dir):
        remove_stale_parts(out_dir)
        outcomes: dict[str, Outcome] = {}
        todo = []
        for item in orders.good:
            if _complete(out_dir, item.order_id, review, html):
                outcomes[item.order_id] = Outcome(item.order_id, "skipped", "already done")
            else:
                todo.append(item)
        done = len(outcomes) + len(orders.bad)
        if progress:
            progress(done, orders.total)
        if todo:
            pool = ProcessPoolExecutor(
                max_workers=max(1, jobs), initializer=_init_worker, initargs=(companies_dir,)
            )
            try:
                stop_on_term = _on_sigterm(_terminate)
                args = (out_dir, paper, today, review, html)
                futures = [pool.submit(_run_one, item, *args) for item in todo]
                for future in as_completed(futures):
                    outcome = future.result()
                    outcomes[outcome.order_id] = outcome
                    done += 1
                    if progress:
                        progress(done, orders.total)
            except KeyboardInterrupt as stop:
                signum = signal.SIGTERM if isinstance(stop, _Terminated) else signal.SIGINT
                with _sigint_ignored():  # a second Ctrl-C must not cut the summary short
                    _stop_workers(pool)
                    for item in todo:  # finished just as the batch stopped, not yet reported
                        if item.order_id not in outcomes and _complete(
                            out_dir, item.order_id, review
                        ):
                            outcomes[item.order_id] = Outcome(item.order_id, "done")
                    finished = _in_file_order(orders, outcomes)
                    _write_summary(out_dir, finished)
                unfinished = len(orders.good) - len(outcomes)
                raise BatchInterrupted(finished, unfinished, signum) from None
            except BaseException:
                pool.shutdown(cancel_futures=True)
                raise
            finally:
                _on_sigterm(stop_on_term)
            pool.shutdown()
        ordered = _in_file_order(orders, outcomes)
        _write_summary(out_dir, ordered)
    return ordered


def _on_sigterm(handler):
    """Set SIGTERM's handler; the previous one (None off the main thread)."""
    if handler is None:
        return None
    try:
        return signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: signals go elsewhere anyway
        return None


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    try:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        previous_term = signal.signal(signal.SIGTERM, signal.SIG_IGN)
    except ValueError:  # not the main thread: signals go elsewhere anyway
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        signal.signal(signal.SIGTERM, previous_term)


def _complete(out_dir: Path, order_id: str, review: bool = False, html: bool = False) -> bool:
    """The order's files are in place (the JSON is renamed last), or staff review it."""
    pdf, json_path = outputs(out_dir, order_id)
    if (out_dir / f"{order_id}.original.json").exists():
        return True
    if review:
        return json_path.exists()
    return json_path.exists() and pdf.exists() and (not html or pdf.with_suffix(".html").exists())


def _in_file_order(orders: Orders, outcomes: dict[str, Outcome]) -> list[Outcome]:
    """The outcomes known so far (bad rows included), in the orders file's order."""
    by_line = [
        (item.line, outcomes[item.order_id]) for item in orders.good if item.order_id in outcomes
    ]
    return [outcome for _, outcome in sorted(by_line + orders.bad, key=lambda pair: pair[0])]


def _write_summary(out_dir: Path, outcomes: list[Outcome]) -> None:
    try:
        write_summary(out_dir / SUMMARY, outcomes)
    except OSError as err:
        raise ReportError(f"cannot write {out_dir / SUMMARY}: {err.strerror or err}") from None


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the workers now; their order children die with them (PDEATHSIG).

    An order a worker was writing is left as `.part` files, removed by the next
    run; its PDF and JSON are only renamed into place once both are complete.
    """
    # The pool has no public way to kill its workers before Python 3.14.
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            worker.kill()
    for worker in workers:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            worker.join(timeout=2)


@contextlib.contextmanager
def batch_lock(out_dir: Path) -> Iterator[None]:
    """Hold `.batch.lock` in `out_dir`, or refuse: two batches must not share a folder."""
    try:
        fd = os.open(out_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as err:
        raise ReportError(f"{out_dir}: cannot create the lock file: {err.strerror}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ReportError(
                f"{out_dir}: another batch is running on this folder; wait for it to finish"
            ) from None
        yield
    finally:
        os.close(fd)  # closing releases the lock


def remove_stale_parts(out_dir: Path) -> None:
    """Temporary files of a killed batch; under the lock, no live writer owns any."""

    for path in out_dir.glob(f".*{PART_SUFFIX}"):
        with contextlib.suppress(OSError):
            path.unlink()


def write_summary(path: Path, outcomes: list[Outcome]) -> None:
    """summary.csv, owner-only, atomically, with every cell safe to open in a spreadsheet."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as handle:
            os.fchmod(handle.fileno(), 0o600)
            writer = csv.writer(handle)
            writer.writerow(["order_id", "status", "reason"])
            for o in outcomes:
                writer.writerow([safe_cell(o.order_id), o.status, safe_cell(o.reason)])
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def safe_cell(text: str) -> str:
    """A cell a spreadsheet will not run as a formula: a leading = + - @ tab or CR is quoted."""
    text = text.replace("\r", " ").replace("\n", " ")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t") else text
