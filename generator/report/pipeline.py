"""One order from files to a finished report: ingest, analyze, render, write.

Shared by `prep report` and `prep batch`. User errors (bad files, unknown
company, an analysis that fails its schema) become `ReportError` with one line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import multiprocessing
import signal
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from generator.catalog import Catalog, RoleEntry
from generator.report.analyze import analyze
from generator.report.findings import Analysis, CatalogUse
from generator.report.ingest import IngestError, read_job_description, read_resume

# A resume that takes longer than this to read is hostile or broken, not a customer's CV.
INGEST_SECONDS = 60


class ReportError(Exception):
    """A problem with an order's inputs, reported as one line."""


@dataclass(frozen=True)
class Order:
    name: str
    company: str
    role: str
    resume: Path
    job: Path


def role_entry(catalog: Catalog, company: str, role: str) -> RoleEntry:
    try:
        return catalog.role(company, role)
    except KeyError as err:
        raise ReportError(err.args[0]) from None


def catalog_use(entry: RoleEntry, companies_dir: Path) -> CatalogUse:
    """The catalog files this analysis rests on, with a hash of each."""
    files = {}
    for path in (
        companies_dir / entry.company.slug / "company.yaml",
        entry.path,
        companies_dir / "_roles" / f"{entry.family.slug}.yaml",
    ):
        key = path.resolve().relative_to(companies_dir.resolve().parent).as_posix()
        files[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return CatalogUse(
        company=entry.company.slug, role=entry.role.slug, family=entry.family.slug, files=files
    )


def analyze_order(
    order: Order, catalog: Catalog, companies_dir: Path, today: dt.date
) -> tuple[Analysis, RoleEntry]:
    entry = role_entry(catalog, order.company, order.role)
    vocabulary = {skill.name: skill.synonyms for skill in entry.family.skills}
    try:
        with time_limit(INGEST_SECONDS, order.resume):
            resume = read_resume(order.resume)
        with time_limit(INGEST_SECONDS, order.job):
            job = read_job_description(order.job, vocabulary)
    except IngestError as err:
        raise ReportError(str(err)) from None
    analysis = analyze(
        resume,
        job,
        entry,
        candidate=order.name.strip() or resume.name,
        today=today,
        catalog=catalog_use(entry, companies_dir),
    )
    return analysis, entry


def analysis_json(analysis: Analysis) -> bytes:
    """Stable bytes: the same analysis always serializes identically."""
    data = analysis.model_dump(mode="json")
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()


def load_analysis(path: Path) -> Analysis:
    """Read an analysis back (e.g. after staff corrected it), validated against its schema."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ReportError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ReportError(f"{path}: not a readable JSON analysis: {err}") from None
    try:
        return Analysis.model_validate(data)
    except ValidationError as err:
        first = err.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top)"
        count = err.error_count()
        more = f" (and {count - 1} more)" if count > 1 else ""
        raise ReportError(f"{path}: {where}: {first['msg']}{more}") from None


def entry_for_analysis(analysis: Analysis, catalog: Catalog) -> RoleEntry:
    return role_entry(catalog, analysis.catalog.company, analysis.catalog.role)


def changed_catalog_files(analysis: Analysis, entry: RoleEntry, companies_dir: Path) -> list[str]:
    """Catalog files that changed since the analysis was made (its findings may be stale)."""
    now = catalog_use(entry, companies_dir).files
    return sorted(
        path for path, digest in analysis.catalog.files.items() if now.get(path) != digest
    )


def analyze_while_loading_renderer(
    order: Order, catalog: Catalog, companies_dir: Path, today: dt.date
) -> tuple[Analysis, RoleEntry]:
    """`analyze_order` in a forked process while this one imports WeasyPrint.

    Each takes about half a second to a second; on two cores a single report
    is ready that much sooner. The child inherits the catalog (nothing to
    pickle) and sends back the analysis as JSON.
    """
    entry = role_entry(catalog, order.company, order.role)
    receive, send = multiprocessing.Pipe(duplex=False)

    def work() -> None:
        try:
            analysis, _ = analyze_order(order, catalog, companies_dir, today)
            send.send(("ok", analysis_json(analysis)))
        except ReportError as err:
            send.send(("error", str(err)))
        except BaseException as err:  # a bug: reported by the parent, with its type
            send.send(("crash", f"{type(err).__name__}: {err}"))

    child = multiprocessing.get_context("fork").Process(target=work, daemon=True)
    child.start()
    send.close()
    import generator.report.render  # noqa: F401  (the slow import, meanwhile)

    try:
        status, payload = receive.recv()
    except EOFError:
        status, payload = "crash", "the analysis process ended without an answer"
    child.join()
    if status == "error":
        raise ReportError(payload)
    if status == "crash":
        raise RuntimeError(payload)
    return Analysis.model_validate_json(payload), entry


def render_to(analysis: Analysis, entry: RoleEntry, out: Path, paper: str) -> None:
    # Imported here: WeasyPrint is slow to load, and the analysis need not wait for it.
    from generator.report.render import RenderError, render_pdf, write_report

    try:
        write_report(render_pdf(analysis, entry, paper=paper), out)
    except RenderError as err:
        raise ReportError(str(err)) from None


def write_analysis(analysis: Analysis, out: Path) -> None:
    """The analysis as JSON, atomically and owner-only: it quotes the resume."""
    from generator.report.render import RenderError, write_report

    try:
        write_report(analysis_json(analysis), out)
    except RenderError as err:
        raise ReportError(str(err)) from None


@contextlib.contextmanager
def time_limit(seconds: int, path: Path) -> Iterator[None]:
    """Abort reading a file that takes too long (only in a process's main thread)."""

    def expired(signum, frame):
        raise ReportError(f"{path}: took longer than {seconds} s to read; giving up")

    try:
        previous = signal.signal(signal.SIGALRM, expired)
    except ValueError:  # not the main thread: no alarm available, run unbounded
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
