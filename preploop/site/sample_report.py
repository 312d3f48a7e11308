"""The sample report: a fictional candidate's real report, published with the site.

Engine-free. The report goes through the same pipeline as a paid order
(`run_order`, with the same budget), and four of its pages (the cover, the fit
score, a question, a STAR story) become preview images with `pdftoppm`.

Rendering takes about ten seconds, so the result is cached under
`.cache/sample-report/<key>/`, keyed by everything that can change it: the
order and its files, the catalog files it reads, the report's templates and
code, and the date it is dated. A build with the same inputs copies files.
Like the social cards, it renders in a second process while MkDocs builds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import multiprocessing
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from preploop.catalog import Catalog
from preploop.templating import THEME_DIR

# preploop.report.* is imported where it is used: loading the analysis takes about
# half a second, which a build whose catalog has no sample (a benchmark's) should not pay.

REPORT_CODE = Path(__file__).resolve().parents[1] / "report"
PUBLISHED_DIR = "report/sample"  # in the site, relative to its root
PDF_NAME = "preploop-sample-report.pdf"
PREVIEW_WIDTH = 600  # pixels; shown at about 280 CSS pixels, sharp on dense screens


@dataclass(frozen=True)
class Preview:
    """One page of the sample shown as an image: which, and how it is described."""

    name: str  # file stem
    label: str  # caption under the image
    outline: str  # words of the report's bookmark that starts the page ("" is the cover)
    alt: str  # what the image shows, for people who cannot see it


PREVIEWS = (
    Preview(
        "cover",
        "The cover",
        "",
        "Cover of the sample report: the candidate's name, the company and role, "
        "and the overall fit score out of 100.",
    ),
    Preview(
        "fit-score",
        "The fit score",
        "fit score",
        "First page of the fit score chapter: the overall score and how it splits "
        "into skills, experience and culture fit.",
    ),
    Preview(
        "question",
        "A likely question",
        "likely questions",
        "First page of the likely questions chapter: a question the candidate should "
        "expect, with the story from their resume to answer it.",
    ),
    Preview(
        "story",
        "A STAR story",
        "STAR stories",
        "First page of the STAR stories chapter: a story drafted from the candidate's "
        "resume lines, with prompts where the resume says too little.",
    ),
)


@dataclass(frozen=True)
class SampleOrder:
    """Who the fictional candidate is and what they apply for (mkdocs.yml, plugin options)."""

    name: str
    company: str
    role: str
    resume: Path
    job: Path

    def available(self, catalog: Catalog) -> bool:
        """False when this catalog or checkout cannot make it (e.g. a benchmark's catalog)."""
        if not any(entry.key == (self.company, self.role) for entry in catalog.roles):
            return False
        from preploop.report.pipeline import role_entry

        try:
            role_entry(catalog, self.company, self.role)
        except Exception:
            return False
        return self.resume.is_file() and self.job.is_file()

    @property
    def title(self) -> str:
        return f"Sample report: {self.name}"


def pdf_href() -> str:
    """The sample PDF's address relative to the site root."""
    return f"{PUBLISHED_DIR}/{PDF_NAME}"


def cache_key(order: SampleOrder, catalog: Catalog, companies_dir: Path, today: dt.date) -> str:
    """A hash of everything the sample depends on."""
    from preploop.report.pipeline import catalog_use, role_entry

    entry = role_entry(catalog, order.company, order.role)
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(f"{label}\0{len(data)}\0".encode())
        digest.update(data)

    add("order", f"{order.name}\0{order.company}\0{order.role}\0{today.isoformat()}".encode())
    add("resume", order.resume.read_bytes())
    add("job", order.job.read_bytes())
    for path, file_hash in sorted(catalog_use(entry, companies_dir).files.items()):
        add(path, file_hash.encode())
    for folder in (THEME_DIR / "report", THEME_DIR / "sections", REPORT_CODE):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if "__pycache__" not in path.parts:
                add(path.relative_to(folder.parent).as_posix(), path.read_bytes())
    add("previews", repr((PREVIEWS, PREVIEW_WIDTH)).encode())
    return digest.hexdigest()[:24]


def render_sample(
    order: SampleOrder, catalog: Catalog, companies_dir: Path, today: dt.date, target: Path
) -> None:
    """Render the report and its previews into the folder `target` (made here, atomically)."""
    # Imported here: the report pipeline (WeasyPrint) only when a sample is rendered.
    from preploop.report.pipeline import Budget, Order, run_order

    pdf = run_order(
        Order(order.name, order.company, order.role, order.resume, order.job),
        catalog,
        companies_dir,
        today=today,
        budget=Budget(),  # the defaults: a sample is a normal order
    ).pdf
    target.parent.mkdir(parents=True, exist_ok=True)  # a fresh clone has no cache yet
    work = Path(tempfile.mkdtemp(prefix=".part-", dir=target.parent))
    try:
        (work / PDF_NAME).write_bytes(pdf)
        for preview, page in zip(PREVIEWS, preview_pages(pdf), strict=True):
            write_preview(work / PDF_NAME, page, work / preview.name)
        work.chmod(0o755)
        try:
            work.replace(target)
        except OSError:
            if not target.is_dir():  # else another build made the same sample first
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


def preview_pages(pdf: bytes) -> list[int]:
    """The 1-based page of each preview, found by the report's own bookmarks."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    starts = {}
    for item in reader.outline:
        if not isinstance(item, list):
            starts[item.title.lower()] = reader.get_destination_page_number(item) + 1
    pages = []
    for preview in PREVIEWS:
        if not preview.outline:
            pages.append(1)
            continue
        found = [page for title, page in starts.items() if preview.outline.lower() in title]
        if not found:
            raise RuntimeError(f"the sample report has no chapter about {preview.outline!r}")
        pages.append(min(found))
    return pages


def write_preview(pdf: Path, page: int, stem: Path) -> None:
    """`stem`.png and `stem`.webp of one page, PREVIEW_WIDTH pixels wide."""
    from PIL import Image

    subprocess.run(
        ["pdftoppm", "-png", "-f", str(page), "-l", str(page), "-singlefile"]
        + ["-scale-to-x", str(PREVIEW_WIDTH), "-scale-to-y", "-1", str(pdf), str(stem)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    with Image.open(stem.with_suffix(".png")) as image:
        image.save(stem.with_suffix(".webp"), "WEBP", quality=80, method=4)


def image_size(stem: Path) -> tuple[int, int]:
    from PIL import Image

    with Image.open(stem.with_suffix(".png")) as image:
        return image.size


class SampleReport:
    """The sample of one build: rendered in a worker process, or found in the cache."""

    def __init__(self, order: SampleOrder, catalog: Catalog, companies_dir: Path, cache_root: Path):
        self.order = order
        self.catalog = catalog
        self.companies_dir = companies_dir
        self.today = dt.date.today()
        self.cache = cache_root / "sample-report"
        self.folder = self.cache / cache_key(order, catalog, companies_dir, self.today)
        self.process: multiprocessing.process.BaseProcess | None = None

    def start(self) -> None:
        """Render now in another process unless cached (or unsafe to fork: `mkdocs serve`)."""
        if self.folder.is_dir() or threading.active_count() > 1:
            return
        self.cache.mkdir(parents=True, exist_ok=True)
        # A plain forked process: it inherits the catalog, which does not pickle.
        self.process = multiprocessing.get_context("fork").Process(
            target=render_sample,
            args=(self.order, self.catalog, self.companies_dir, self.today, self.folder),
            daemon=True,
        )
        self.process.start()

    def finish(self, site_dir: Path) -> None:
        """Wait for the sample if it is rendering, then copy it into the built site."""
        if self.process is not None:
            self.process.join()
            failed = self.process.exitcode != 0
            self.process = None
            if failed:  # the child printed its traceback; say which step failed
                raise RuntimeError("rendering it in a worker process failed (see above)")
        if not self.folder.is_dir():
            render_sample(self.order, self.catalog, self.companies_dir, self.today, self.folder)
        for stale in self.cache.iterdir():  # older keys: the cache holds one sample
            # A .part folder may be another build's render in progress; left alone a while.
            young = stale.name.startswith(".part-") and time.time() - stale.stat().st_mtime < 600
            if stale != self.folder and not young:
                shutil.rmtree(stale, ignore_errors=True)
        shutil.copytree(self.folder, site_dir / PUBLISHED_DIR, dirs_exist_ok=True)

    def cancel(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.join()
            self.process = None

    def previews(self) -> list[tuple[Preview, tuple[int, int]]]:
        """Each preview with its pixel size, for width and height on the page.

        Known before the render finishes: pdftoppm's size follows from the paper
        (A4) and PREVIEW_WIDTH, so it is computed when the cache is cold.
        """
        sizes = []
        for preview in PREVIEWS:
            stem = self.folder / preview.name
            if stem.with_suffix(".png").exists():
                sizes.append((preview, image_size(stem)))
            else:
                sizes.append((preview, (PREVIEW_WIDTH, round(PREVIEW_WIDTH * 297 / 210))))
        return sizes
