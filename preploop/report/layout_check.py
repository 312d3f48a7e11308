"""Checks on a rendered report's pages: no page nearly blank, no cheat-sheet text cut
short with an ellipsis, no cheat sheet over one page. Run by the tests on the example
reports; not on every order, since reading the PDF back costs a second or two.

Thresholds are data (data/layout.yaml).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pydantic import Field
from pypdf import PdfReader

from preploop.report.wordlists import DataFile, settings

MM = 72 / 25.4  # PDF points per millimetre


class LayoutSettings(DataFile):
    file = "layout"
    min_content_lines: int = Field(description="Lines a page must hold.")
    header_mm: float = Field(description="Running header band.")
    footer_mm: float = Field(description="Running footer band.")
    ellipses: list[str] = Field(description="Marks of text cut short.")


@dataclass(frozen=True)
class LayoutProblem:
    page: int  # 1-based
    detail: str


def page_lines(pdf: bytes) -> list[list[str]]:
    """Per page, the lines of text between the running header and footer, top to bottom."""
    return [body for body, _ in _pages(pdf)]


def _pages(pdf: bytes) -> list[tuple[list[str], str]]:
    """Per page, (its body lines, its running header's text)."""
    tune = settings(LayoutSettings)
    pages: list[tuple[list[str], str]] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        height = float(page.mediabox.height)
        top, bottom = height - tune.header_mm * MM, tune.footer_mm * MM
        rows: dict[int, list[str]] = {}
        header: list[str] = []

        def keep(text, cm, tm, font, size, rows=rows, header=header, top=top, bottom=bottom):
            y = (tm[5] * cm[3]) + cm[5] if cm else tm[5]
            if text.strip() and bottom < y < top:
                rows.setdefault(round(y), []).append(text.strip())
            elif text.strip() and y >= top:
                header.append(text.strip())

        page.extract_text(visitor_text=keep)
        body = [" ".join(rows[y]) for y in sorted(rows, reverse=True)]
        pages.append((body, " ".join(header)))
    return pages


def check_layout(pdf: bytes, cheat_sheet_title: str = "cheat sheet") -> list[LayoutProblem]:
    """Nearly blank pages (not the cover or the last page) and cut cheat-sheet text."""
    tune = settings(LayoutSettings)
    both = _pages(pdf)
    pages = [body for body, _ in both]
    problems: list[LayoutProblem] = []
    for number, (_, header) in enumerate(both, start=1):
        # A chapter's running header shows from its second page on: the sheet spilled.
        if cheat_sheet_title.lower() in header.lower():
            problems.append(LayoutProblem(number, "the cheat sheet runs onto a second page"))
    for number, lines in enumerate(pages[1:-1], start=2):
        if len(lines) < tune.min_content_lines:
            shown = " / ".join(lines)[:80]
            problems.append(LayoutProblem(number, f"nearly blank ({len(lines)} lines): {shown}"))
    for number, lines in enumerate(pages, start=1):
        if any(cheat_sheet_title.lower() in line.lower() for line in lines[:3]):
            for line in lines:
                if any(mark in line for mark in tune.ellipses):
                    problems.append(LayoutProblem(number, f"cut short: {line[:80]}"))
    return problems
