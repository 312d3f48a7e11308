"""One order from files to a finished report: ingest, analyze, render, write.

Shared by `prep report` and `prep batch`. User errors (bad files, unknown
company, an analysis that fails its schema, an order over its budget) become
`ReportError` with one line.

Every order runs under a budget (README, "Limits"): the analysis and the
rendering each run in a forked child with a memory cap (RLIMIT_AS), and the
parent kills the child when the order's wall-clock time runs out. Files are
written by the parent only, so a killed child never leaves half a file.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import gc
import glob
import hashlib
import json
import os
import resource
import select
import signal
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2

from preploop.catalog import Catalog, RoleEntry
from preploop.errors import ReportError
from preploop.report.analysis_file import MAX_FIELD_CHARS, load_analysis
from preploop.report.findings import Analysis, CatalogUse
from preploop.report.part_files import PART_SUFFIX
from preploop.report.wording import plain

# A resume that takes longer than this to read is hostile or broken, not a customer's CV.
INGEST_SECONDS = 60
# One order (read, analyze, render) gets this much wall-clock time and each of its
# child processes this much address space; a normal report needs about 5 s and 300 MB.
ORDER_SECONDS = 120
ORDER_MEMORY_MB = 1024


class ReadTimeout(BaseException):
    """Raised by `time_limit`: a BaseException, so readers' `except Exception` let it through."""


@dataclass(frozen=True)
class Order:
    name: str
    company: str
    role: str
    resume: Path
    job: Path


@dataclass(frozen=True)
class Budget:
    """Wall-clock seconds for a whole order and address space (MB) for each child."""

    seconds: float = ORDER_SECONDS
    memory_mb: int = ORDER_MEMORY_MB

    @classmethod
    def from_env(cls) -> Budget:
        """The defaults, or PREP_ORDER_SECONDS / PREP_ORDER_MEMORY_MB when set."""
        try:
            seconds = float(os.environ.get("PREP_ORDER_SECONDS") or ORDER_SECONDS)
            memory = int(os.environ.get("PREP_ORDER_MEMORY_MB") or ORDER_MEMORY_MB)
        except ValueError:
            raise ReportError(
                "PREP_ORDER_SECONDS and PREP_ORDER_MEMORY_MB must be numbers"
            ) from None
        return cls(seconds, memory)


def role_entry(catalog: Catalog, company: str, role: str) -> RoleEntry:
    """The role, or a ReportError naming the unknown company or role and the closest name."""
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


def warm_analysis() -> None:
    """Import the analysis and load the tables it reads, for processes that fork one
    child per order (a batch worker): each child then starts with them in memory."""
    from preploop.report import learned, word_forms

    word_forms.load_tables()
    learned.learned()


def analyze_order(
    order: Order, catalog: Catalog, companies_dir: Path, today: dt.date
) -> tuple[Analysis, RoleEntry]:
    # Imported here, in the analysis child of `prep report`: the parent meanwhile
    # imports WeasyPrint, which it needs and the analysis does not.
    from preploop.figures.index import load_figures
    from preploop.report.analyze import analyze
    from preploop.report.ingest import IngestError, read_job_description, read_resume

    entry = role_entry(catalog, order.company, order.role)
    vocabulary = {skill.name: skill.posting_words for skill in entry.family.skills}
    products = {skill.name: skill.products for skill in entry.family.skills}
    try:
        with time_limit(INGEST_SECONDS, order.resume):
            resume = read_resume(order.resume)
        with time_limit(INGEST_SECONDS, order.job):
            job = read_job_description(order.job, vocabulary, products)
    except (IngestError, ReadTimeout) as err:
        raise ReportError(str(err)) from None
    analysis = analyze(
        resume,
        job,
        entry,
        candidate=order.name.strip() or resume.name,
        today=today,
        catalog=catalog_use(entry, companies_dir),
        reported=load_figures(companies_dir, [entry]).of(entry),
    )
    return analysis, entry


def analysis_json(analysis: Analysis) -> bytes:
    """Stable bytes: the same analysis always serializes identically."""
    data = analysis.model_dump(mode="json")
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode()


# -- reading an analysis back -------------------------------------------------------


def entry_for_analysis(analysis: Analysis, catalog: Catalog) -> RoleEntry:
    return role_entry(catalog, analysis.catalog.company, analysis.catalog.role)


def changed_catalog_files(analysis: Analysis, entry: RoleEntry, companies_dir: Path) -> list[str]:
    """Catalog files that changed since the analysis was made (its findings may be stale)."""
    now = catalog_use(entry, companies_dir).files
    return sorted(
        path for path, digest in analysis.catalog.files.items() if now.get(path) != digest
    )


# -- bounded work in a child process -----------------------------------------------


def analyze_bounded(
    order: Order,
    catalog: Catalog,
    companies_dir: Path,
    today: dt.date,
    *,
    deadline: float,
    budget: Budget,
    meanwhile: Callable[[], object] | None = None,
) -> tuple[Analysis, RoleEntry]:
    """`analyze_order` in a forked child under the order's budget.

    The child inherits the catalog (nothing to pickle) and sends back the
    analysis as JSON. `meanwhile` runs in this process as the child works:
    `prep report` imports WeasyPrint there, saving about half a second.
    """
    entry = role_entry(catalog, order.company, order.role)
    limit = MAX_FIELD_CHARS["candidate"]
    if len(order.name) > limit:
        raise ReportError(f"the name has {len(order.name)} characters: the limit is {limit}")

    def work() -> bytes:
        return analysis_json(analyze_order(order, catalog, companies_dir, today)[0])

    payload = run_bounded(
        work,
        deadline=deadline,
        budget=budget,
        label=f"{_shown(order.resume)}: reading and analysing",
        meanwhile=meanwhile,
    )
    return Analysis.model_validate_json(payload), entry


def render_bounded(
    analysis: Analysis,
    entry: RoleEntry,
    paper: str,
    *,
    deadline: float,
    budget: Budget,
    meanwhile: Callable[[], object] | None = None,
) -> bytes:
    """The report's PDF bytes, rendered in a forked child under the order's budget."""
    from preploop.report.render import RenderError, render_pdf  # slow: WeasyPrint
    from preploop.report.wording import WordingError

    def work() -> bytes:
        try:
            return render_pdf(analysis, entry, paper=paper)
        except (RenderError, WordingError) as err:  # WordingError: facts edited by hand
            raise ReportError(str(err)) from None
        except jinja2.UndefinedError as err:  # a reference `broken_references` does not know
            raise ReportError(f"the analysis names something it does not hold ({err})") from None

    return run_bounded(
        work, deadline=deadline, budget=budget, label="rendering the report", meanwhile=meanwhile
    )


def run_bounded(
    work: Callable[[], bytes],
    *,
    deadline: float,
    budget: Budget,
    label: str,
    meanwhile: Callable[[], object] | None = None,
) -> bytes:
    """Run `work` in a forked child with RLIMIT_AS, killing it at `deadline` (monotonic).

    The child answers on a pipe with one status byte ("o" ok, "e" a ReportError,
    "m" out of memory, "c" a bug) and the payload. It dies with its parent, so a
    killed batch leaves no orphan.
    """
    if time.monotonic() >= deadline:
        raise ReportError(f"{label}: the order's {budget.seconds:g} s budget is used up")
    read_fd, write_fd = os.pipe()
    # What exists now (catalog, modules, fonts) is never garbage: the child's collector
    # skips it, and its pages are not copied on write by being walked.
    gc.freeze()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_fd)
        _child(work, write_fd, budget.memory_mb * 1024 * 1024)
    gc.unfreeze()  # the parent (a batch worker) lives on and collects as before
    os.close(write_fd)
    finished = False
    try:
        if meanwhile:
            meanwhile()
        answer = _read_until(read_fd, deadline)
        finished = answer is not None
    finally:
        os.close(read_fd)
        if not finished:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if answer is None:
        raise ReportError(f"{label} took longer than {budget.seconds:g} s; stopped")
    kind, payload = answer[:1], answer[1:]
    if kind == b"o":
        return payload
    if kind == b"e":
        raise ReportError(payload.decode())
    if kind == b"m":
        raise ReportError(f"{label} needed more than {budget.memory_mb} MB of memory; stopped")
    if kind == b"c":
        raise RuntimeError(payload.decode())
    killed = os.WIFSIGNALED(status) and signal.Signals(os.WTERMSIG(status)).name
    raise ReportError(
        f"{label} stopped without an answer ({killed or 'no result'}); "
        f"it may have needed more than {budget.memory_mb} MB of memory"
    )


def _child(work: Callable[[], bytes], write_fd: int, memory: int) -> None:
    code = 0
    try:
        die_with_parent()
        # What the child has to say goes through the pipe; library noise and crash
        # dumps (which could quote the resume) must not reach the user's terminal.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
        # The budget is what the order may add: a child forked from a big process
        # (a batch worker, a test runner) starts with its parent's address space.
        limit = _address_space("VmSize") + memory
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        try:
            answer = b"o" + work()
        except ReportError as err:
            answer = b"e" + str(err).encode()
        except MemoryError:
            answer = b"m"
        except BaseException as err:
            # Short of memory, C code fails in odd ways (SystemError, ValueError...).
            if _address_space("VmPeak") >= limit * 0.9:
                answer = b"m"
            else:  # a bug: reported by the parent, with its type
                answer = b"c" + f"{type(err).__name__}: {err}".encode()
        with os.fdopen(write_fd, "wb") as out:
            out.write(answer)
    except BaseException:
        code = 1
    finally:
        os._exit(code)


def _address_space(field: str) -> int:
    """This process's address space in bytes, now (VmSize) or at its peak (VmPeak);
    0 if unknown."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(field.encode() + b":"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _read_until(fd: int, deadline: float) -> bytes | None:
    """Everything written to `fd` until EOF, or None if `deadline` passes first."""
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return None
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)


_PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGKILL) -> None:
    """Ask Linux to kill this process when its parent dies (no orphans left rendering)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, sig, 0, 0, 0)
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)


# -- writing -----------------------------------------------------------------------


def check_outputs(outputs: list[Path], inputs: list[Path]) -> None:
    """Refuse output paths that are inputs, special files or each other, or in a folder
    that does not exist or is not writable; called before any work."""
    seen: dict[object, Path] = {}
    for path in inputs:
        seen[_identity(Path(path))] = Path(path)
    for out in map(Path, outputs):
        key = _identity(out)
        if key in seen:
            raise ReportError(f"{out}: the same file as {seen[key]}; choose another output path")
        seen[key] = out
        with contextlib.suppress(OSError):
            if not stat.S_ISREG(out.stat().st_mode):
                raise ReportError(f"{out}: exists and is not a regular file; not overwriting it")
        folder = out.resolve().parent
        if not folder.is_dir():
            raise ReportError(f"{out}: the folder {out.parent} does not exist")
        if not os.access(folder, os.W_OK | os.X_OK):
            raise ReportError(f"{out}: the folder {out.parent} is not writable")


def _identity(path: Path) -> object:
    """What makes two paths one file: device and inode (hard links too), else the real path."""
    try:
        info = path.stat()
        return (info.st_dev, info.st_ino)
    except OSError:
        return path.resolve()


def remove_stale_parts(outputs: list[Path], older_than: float = 2 * ORDER_SECONDS) -> None:
    """Temporary files a killed `prep report` left beside these outputs.

    Only files older than any order could still be writing are removed; a batch,
    which holds a lock on its folder, removes all of its own (`batch.remove_stale_parts`).
    """

    now = time.time()
    for out in map(Path, outputs):
        for part in out.parent.glob(f".{glob.escape(out.name)}.*{PART_SUFFIX}"):
            with contextlib.suppress(OSError):
                if now - part.lstat().st_mtime > older_than:
                    part.unlink()


def write_outputs(files: dict[Path, bytes]) -> None:
    """Write each file atomically, owner-only; if any fails, none is left behind."""
    from preploop.report.render import RenderError, write_reports

    try:
        write_reports(files)
    except RenderError as err:
        raise ReportError(str(err)) from None


@contextlib.contextmanager
def time_limit(seconds: float, path: Path) -> Iterator[None]:
    """Abort reading a file that takes too long (only in a process's main thread)."""

    def expired(signum, frame):
        raise ReadTimeout(f"{_shown(path)}: took longer than {seconds} s to read; giving up")

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


def _shown(path: Path) -> str:
    """A file's name for a message: no control characters, no folder (it may be personal)."""
    return "".join("?" if ord(ch) < 32 or ord(ch) == 127 else ch for ch in Path(path).name)


# -- one order, end to end ------------------------------------------------------------


@dataclass(frozen=True)
class Delivered:
    """What one order produced, and what its runner should be told."""

    analysis: Analysis
    entry: RoleEntry
    pdf: bytes
    warnings: tuple[str, ...]  # the analysis's own, and catalog files changed since


def run_order(
    source: Order | Path,
    catalog: Catalog,
    companies_dir: Path,
    *,
    today: dt.date,
    paper: str = "a4",
    budget: Budget | None = None,
    pdf_out: Path | None = None,
    analysis_out: Path | None = None,
    meanwhile: Callable[[], object] | None = None,
    render: bool = True,
    html_out: Path | None = None,
) -> Delivered:
    """One order under its budget: a resume and job description (an `Order`), or a
    reviewed `analysis.json` (a path), to the report's PDF. Written to `pdf_out` and
    `analysis_out` when given (checked before any work; atomic, owner-only), and the same
    report as one HTML file for screens to `html_out`.

    `prep report`, `prep batch` and the site's sample report all come through here;
    `render=False` stops before the PDF (`prep batch --review` queues the analysis).
    """
    budget = budget or Budget.from_env()
    deadline = time.monotonic() + budget.seconds
    inputs = [source] if isinstance(source, Path) else [source.resume, source.job]
    outputs = [path for path in (pdf_out, html_out, analysis_out) if path]
    check_outputs(outputs, inputs)
    remove_stale_parts(outputs)
    warnings: list[str] = []
    if isinstance(source, Path):
        analysis = load_analysis(source)
        entry = entry_for_analysis(analysis, catalog)
        for path in changed_catalog_files(analysis, entry, companies_dir):
            warnings.append(f"{path} changed since this analysis was made")
    else:
        analysis, entry = analyze_bounded(
            source,
            catalog,
            companies_dir,
            today,
            deadline=deadline,
            budget=budget,
            meanwhile=meanwhile,
        )
    warnings.extend(analysis.warnings)
    warnings += [f"read this first: {plain(fact)}" for fact in analysis.read_first]

    def staff_checks() -> None:
        from preploop.report.consistency import check
        from preploop.report.draft_check import check_drafts

        # Staff see any contradiction between chapters before the report goes out.
        warnings.extend(
            f"contradiction: {v.detail}" for v in check(analysis, entry.company, entry.role)
        )
        warnings.extend(f"draft: {f.code}: {f.detail[:80]}" for f in check_drafts(analysis.stories))

    pdf = b""
    if render:  # the checks run here while the child renders: the second core is free
        pdf = render_bounded(
            analysis, entry, paper, deadline=deadline, budget=budget, meanwhile=staff_checks
        )
    else:
        staff_checks()
    files = {pdf_out: pdf} if pdf_out else {}
    if html_out and render:
        from preploop.report.render import render_html

        files[html_out] = render_html(analysis, entry)
    if analysis_out:  # renamed into place last: in a batch, it marks the order done
        files[analysis_out] = analysis_json(analysis)
    if files:
        write_outputs(files)
    return Delivered(analysis, entry, pdf, tuple(warnings))
