"""Resume and job-description files to `Resume` and `JobDescription` objects.

The stages live in their own modules: `readers` (file bytes to text, with
limits; `pdf_text` for PDF layout), `cleaning` (glyphs, bullets, hyphens),
`resume_parser` (sections, name, contact, education, skills) with `positions`
(role headings and their bullets), and `jd_parser`. Word lists and thresholds
are data (`wordlists`, data/*.yaml). This module joins them and refuses input
too thin to analyse.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from preploop.report.documents import JobDescription, Resume
from preploop.report.jd_parser import NO_VOCABULARY, parse_job_description
from preploop.report.readers import MAX_PAGES, IngestError, fail, markdown_to_text, read_text
from preploop.report.resume_parser import parse_resume

__all__ = [
    "MAX_PAGES",
    "IngestError",
    "parse_job_description",
    "parse_resume",
    "read_job_description",
    "read_resume",
    "read_text",
]

MIN_RESUME_WORDS = 40
MIN_JD_WORDS = 15


def read_resume(path: Path) -> Resume:
    """Read and parse a resume, refusing one too thin to analyse honestly."""
    path = Path(path)
    marked, fmt, pages = read_text(path, marks=True)
    text = markdown_to_text(marked)
    try:
        resume = parse_resume(marked, source_format=fmt, pages=pages)
    except MemoryError:
        raise  # the order's memory budget, reported as such by the caller
    except Exception as exc:  # a parser bug must still reach the user as one line
        raise fail(path, "could not make sense of the resume text") from exc
    words = len(text.split())
    if words < MIN_RESUME_WORDS:
        raise fail(
            path,
            f"too little of the resume could be read to analyse it: only {words} words of text",
        )
    has_bullets = any(line.startswith("• ") for line in text.splitlines())
    if not resume.positions and not has_bullets:
        raise fail(
            path,
            "too little of the resume could be read to analyse it: "
            "no work experience and no bullet points were found",
        )
    return resume


def read_job_description(
    path: Path,
    vocabulary: Mapping[str, Sequence[str]] = NO_VOCABULARY,
    products: Mapping[str, Sequence[str]] = NO_VOCABULARY,
) -> JobDescription:
    path = Path(path)
    text, _, _ = read_text(path)
    words = len(text.split())
    if words < MIN_JD_WORDS:
        raise fail(path, f"too little text in the job description to analyse it ({words} words)")
    try:
        return parse_job_description(text, vocabulary, products)
    except MemoryError:
        raise  # the order's memory budget, reported as such by the caller
    except Exception as exc:  # a parser bug must still reach the user as one line
        raise fail(path, "could not make sense of the job description text") from exc
