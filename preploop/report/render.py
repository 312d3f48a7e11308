"""An `Analysis` and its catalog entry to the personalized report: HTML, then PDF.

The HTML comes from `preploop/theme/report/report.html` through the Jinja environment the
site uses, so the section templates under `preploop/theme/sections/` are shared. All layout
lives in `preploop/theme/report/print.css`. WeasyPrint only ever reads files under
`preploop/theme/report/` (the stylesheet and fonts) and `data:` URIs, see `ThemeOnlyFetcher`:
the resume is untrusted text and must never make the renderer fetch anything.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import math
import mimetypes
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import jinja2
from markupsafe import Markup, escape

from preploop.catalog import RoleEntry
from preploop.errors import UserError
from preploop.report import wording
from preploop.report.findings import Analysis
from preploop.report.part_files import PART_SUFFIX
from preploop.report.tagging import PDF_OPTIONS, running_artifacts
from preploop.report.weasyprint_import import (
    FatalURLFetchingError,
    FontConfiguration,
    URLFetcherResponse,
    weasyprint,
)
from preploop.report.wording import date_span
from preploop.templating import THEME_DIR, environment

REPORT_DIR = THEME_DIR / "report"
TEMPLATE = "report/report.html"
PRODUCT = "PrepLoop"
PAPER_SIZES = {"a4": "A4", "letter": "letter"}
SCREEN_CSS = REPORT_DIR / "screen.css"
PRINT_CSS = REPORT_DIR / "print.css"
# What `warm_renderer` lays out: a heading, styled words and a table cell, in the
# report's fonts.
_WARM_UP = (
    '<html lang="en"><title>Warm-up</title><h1>Warm-up</h1>'
    "<p>One <strong>line</strong> <em>to</em> lay out.</p><table><tr><th>A</th></tr></table>"
)
# The report is 40 to 60 pages; far more means a hostile or broken analysis.
MAX_REPORT_PAGES = 150

STRENGTH_LABELS = {"proven": "Proven", "material": "Material", "gap": "Gap", "live": "In the room"}
SKILL_STATUS_LABELS = {"shown": "Shown", "listed": "Listed only", "missing": "Missing"}

# "[add: what to fill in]" as written by the analysis; the brackets never nest.
_PROMPT = re.compile(r"\[add:\s*([^\]]*)\]")


@dataclass(frozen=True)
class Chapter:
    """One numbered chapter of the report: its anchor and its h1."""

    id: str
    number: int
    title: str


def chapters(analysis: Analysis, *, pay: bool = True) -> list[Chapter]:
    """The report's chapters after the cover and contents, in order; without `pay` (a
    role with no ladder of its own can have no pay by level) there is no pay chapter."""
    n_q = len(analysis.questions)
    titles = [
        ("fit", "Your fit score"),
        ("risks", _counted("Your top {n} risks", "Your top risk", len(analysis.risks))),
        ("principles", "Principles map"),
        ("questions", _counted("Your {n} most likely questions", "Your most likely question", n_q)),
        ("stories", _counted("Your {n} STAR stories", "Your STAR story", len(analysis.stories))),
        *([("mining", "Where to find more stories")] if analysis.story_mining else []),
        ("scripts", "Scripts for your weak spots"),
        ("checklist", "Stage-by-stage checklist"),
        ("ask", "Questions to ask your interviewers"),
        *([("pay", "Pay for your target level")] if pay else []),
        ("cheatsheet", "One-page cheat sheet"),
        ("read", "What we read from your resume"),
        ("method", "How the scores are computed"),
    ]
    return [Chapter(id_, number, title) for number, (id_, title) in enumerate(titles, 1)]


def _counted(many: str, one: str, n: int) -> str:
    if n == 1:
        return one
    return many.format(n=n) if n else many.replace("{n} ", "")


class RenderError(UserError):
    """The report could not be rendered or written; the message is one line."""


class RefusedURL(ValueError):
    """A resource outside what the report may load."""


class ThemeOnlyFetcher(weasyprint.URLFetcher):
    """Serves `data:` URIs and regular files under `root`; refuses everything else.

    `root` defaults to `preploop/theme/report/`, the narrowest folder that holds everything
    the report loads. Paths are resolved before the check, so `..` segments and
    symlinks that lead out of `root` are refused too. Redirects are never followed.
    """

    def __init__(self, root: Path = REPORT_DIR, **kwargs):
        kwargs["allow_redirects"] = False
        kwargs["allowed_protocols"] = ("data", "file")
        super().__init__(**kwargs)
        self.root = Path(root).resolve()

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = self.theme_path(url)
            content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), {"Content-Type": content_type}
            )
        raise RefusedURL(f"the report may not load {scheme or 'relative'} URLs: {url[:80]}")

    def theme_path(self, url: str) -> Path:
        """The file a `file:` URL names, if it is a regular file under the root."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"the report may not load files from another host: {url[:80]}")
        try:
            path = Path(unquote(parts.path)).resolve(strict=True)
        except (OSError, RuntimeError) as err:
            raise RefusedURL(f"no such theme file: {url[:80]}") from err
        if not path.is_relative_to(self.root) or not path.is_file():
            raise RefusedURL(f"the report may only load files under {self.root}: {url[:80]}")
        return path


def report_html(
    analysis: Analysis, entry: RoleEntry, *, paper: str = "a4", medium: str = "print"
) -> str:
    """The report as one HTML document: for WeasyPrint (`print`), or to read on a screen
    (`screen`: one self-contained file, its stylesheet inline, no script, nothing loaded)."""
    page_size = _page_size(paper)
    if (analysis.catalog.company, analysis.catalog.role) != entry.key:
        raise RenderError(
            f"the analysis is for {analysis.catalog.company}/{analysis.catalog.role}, "
            f"not {entry.company.slug}/{entry.role.slug}"
        )
    numbered = chapters(analysis, pay=bool(entry.role.levels))
    template = _environment().get_template(TEMPLATE)
    return template.render(
        analysis=analysis,
        chapters=numbered,
        chapter={ch.id: ch for ch in numbered},
        entry=entry,
        company=entry.company,
        role=entry.role,
        product=PRODUCT,
        page_size=page_size,
        medium=medium,
        screen_css=Markup(SCREEN_CSS.read_text(encoding="utf-8")) if medium == "screen" else "",
        as_of=_long_date(analysis.as_of),
        culture_weight=entry.company.culture.weight,
        part_names={"skill": "Skills", "experience": "Experience", "culture": "Culture fit"},
        method_chapter=wording.method_chapter(),
        date_span=date_span,
        intent_labels={key: intent.label for key, intent in entry.family.intents.items()},
    )


def warm_renderer() -> None:
    """Do now what every render needs first, once per process: the system's fonts
    scanned, the print stylesheet parsed (its @font-face fonts loaded), every report
    template compiled, and one line laid out and written so WeasyPrint's lazy set-up
    (C types, font shaping, subsetting) is done. `prep report` calls it while the
    analysis runs in a child; each render's child inherits the result."""
    _font_config()
    env = _environment()
    for name in env.list_templates(filter_func=lambda n: n.endswith(".html")):
        if name.startswith(("report/", "sections/")):
            env.get_template(name)
    _pdf(_WARM_UP)


@functools.cache
def _font_config() -> FontConfiguration:
    # Scanning the system's fonts is half a second; each render runs in a child of the
    # process holding this, so what a render adds to it never piles up here.
    return FontConfiguration()


@functools.cache
def _print_stylesheet() -> weasyprint.CSS:
    # Parsed once per process, not once per report: with `warm_renderer`, before the
    # analysis is done. The print HTML therefore links no stylesheet of its own.
    return weasyprint.CSS(
        filename=str(PRINT_CSS),
        base_url=REPORT_DIR.as_uri() + "/",
        url_fetcher=ThemeOnlyFetcher(fail_on_errors=True),
        font_config=_font_config(),
    )


def render_pdf(analysis: Analysis, entry: RoleEntry, *, paper: str = "a4") -> bytes:
    """The report as PDF bytes. Raises RenderError when a theme file cannot be loaded."""
    return _pdf(report_html(analysis, entry, paper=paper))


def _pdf(html: str) -> bytes:
    try:
        document = weasyprint.HTML(
            string=html,
            base_url=REPORT_DIR.as_uri() + "/",
            url_fetcher=ThemeOnlyFetcher(fail_on_errors=True),
        ).render(font_config=_font_config(), stylesheets=[_print_stylesheet()], **PDF_OPTIONS)
        if len(document.pages) > MAX_REPORT_PAGES:
            raise RenderError(
                f"the report would have {len(document.pages)} pages: the limit is "
                f"{MAX_REPORT_PAGES}; shorten the analysis"
            )
        return document.write_pdf(finisher=running_artifacts, **PDF_OPTIONS)
    except FatalURLFetchingError as err:
        cause = err.__cause__ or err
        raise RenderError(f"cannot render the report: {cause}") from None


def render_html(analysis: Analysis, entry: RoleEntry) -> bytes:
    """The report as one HTML file for screens, UTF-8; the same templates and analysis."""
    return report_html(analysis, entry, medium="screen").encode("utf-8")


def write_report(data: bytes, path: Path) -> None:
    """Write `data` to `path` atomically, readable by the owner only.

    The bytes go to a temporary file in the same folder, are flushed to disk, then
    renamed over `path`; a failure at any step leaves no file behind.
    """
    write_reports({Path(path): data})


def write_reports(files: dict[Path, bytes]) -> None:
    """Write several files (a report and its analysis) all or nothing.

    Every file is first written in full to a private temporary file beside its
    target (`.<name>.<random>.part`); only when all are on disk are they renamed
    into place, in order. A failure before the renames leaves no file behind.
    """
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in files.items():
            staged.append((_stage(data, Path(path)), Path(path)))
        for temp, path in staged:
            os.replace(temp, path)
    except BaseException as err:
        for temp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        if isinstance(err, OSError):
            raise RenderError(f"cannot write {path}: {err.strerror or err}") from None
        raise
    for folder in {path.parent for _, path in staged}:
        _fsync_folder(folder)


def _stage(data: bytes, path: Path) -> str:
    """`data` in a flushed, owner-only temporary file beside `path`; returns its name."""
    if not isinstance(data, bytes):
        raise TypeError(f"expected bytes, not {type(data).__name__}")
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=PART_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            os.fchmod(out.fileno(), 0o600)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


# -- template helpers ---------------------------------------------------------


def fill_prompts(text: str) -> Markup:
    """Text escaped, with each "[add: ...]" turned into a visible fill-in box."""
    escaped = str(escape(text))
    return Markup(
        _PROMPT.sub(
            lambda m: f'<span class="fill"><span class="fill__tag">add</span> {m.group(1)}</span>',
            escaped,
        )
    )


def percent(share: float) -> str:
    """0.45 -> '45%'."""
    return f"{round(share * 100)}%"


def score_ring(score: int, size: int = 132, stroke: int = 11, label: str = "") -> Markup:
    """An SVG ring filled to `score` of 100, drawn as an arc path so it prints crisply.

    `label` is its alternative text (the `<title>` a tagged PDF and a screen reader read)."""
    score = max(0, min(100, int(score)))
    r = (size - stroke) / 2
    c = size / 2
    track = (
        f'<circle cx="{c}" cy="{c}" r="{r}" fill="none" stroke="#e6e9ef" stroke-width="{stroke}"/>'
    )
    arc = ""
    if score >= 100:
        arc = (
            f'<circle cx="{c}" cy="{c}" r="{r}" fill="none" stroke="#1f5f8b" '
            f'stroke-width="{stroke}"/>'
        )
    elif score > 0:
        angle = 2 * math.pi * score / 100
        x = c + r * math.sin(angle)
        y = c - r * math.cos(angle)
        large = 1 if score > 50 else 0
        arc = (
            f'<path d="M {c} {c - r} A {r} {r} 0 {large} 1 {x:.2f} {y:.2f}" fill="none" '
            f'stroke="#1f5f8b" stroke-width="{stroke}" stroke-linecap="round"/>'
        )
    return Markup(
        f'<svg class="ring" xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
        f'viewBox="0 0 {size} {size}" role="img">'
        f"<title>{escape(label or f'Fit score {score} of 100')}</title>{track}{arc}</svg>"
    )


@functools.cache
def _environment() -> jinja2.Environment:
    """The shared environment with the report's own filters, leaving the site's untouched."""
    env = environment().overlay(cache_size=100)
    env.filters = {
        **env.filters,
        "fill": fill_prompts,
        "percent": percent,
        "long_date": _long_date,
    }
    env.globals = {
        **env.globals,
        "STRENGTH_LABELS": STRENGTH_LABELS,
        "SKILL_STATUS_LABELS": SKILL_STATUS_LABELS,
        "score_ring": score_ring,
    }
    wording.add_words(env)
    return env


def _page_size(paper: str) -> str:
    try:
        return PAPER_SIZES[paper.lower()]
    except (KeyError, AttributeError):
        choices = ", ".join(PAPER_SIZES)
        raise RenderError(f"unknown paper size '{paper}' (choose one of: {choices})") from None


def _long_date(value: str | datetime.date) -> str:
    """'2026-11-20' -> '20 November 2026'; anything unparseable is shown as given."""
    try:
        day = value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)
    except ValueError:
        return str(value)
    return f"{day.day} {day:%B %Y}"


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable; not every file system lets a folder be opened."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
