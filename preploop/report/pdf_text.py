"""PDF layout to text lines in reading order, with pdfminer.six layout analysis.

`pdf_layout` cuts each page into columns and rows; here the rows of each column
are read in order: lines that wrap (the next word did not fit) are joined back,
hyphenated word breaks included; dates split over two lines are put together;
page numbers, running headers and footers are dropped; the candidate's name comes
first. Pieces of one row far apart (a title and its dates) are joined with " | ".
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import logging
import re
import statistics
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams

from preploop.report.patterns import DATE as _DATE
from preploop.report.patterns import DATE_RANGE as _DATE_RANGE
from preploop.report.patterns import DATE_SRC, MONTH, PRESENT
from preploop.report.patterns import DURATION as _DURATION
from preploop.report.pdf_layout import LAYOUT as _LAYOUT
from preploop.report.pdf_layout import (
    SEPARATOR,
    Group,
    Row,
    Segment,
    is_bullet_glyph,
    page_groups,
    row_text,
)
from preploop.report.pdf_layout import WORDS as _WORDS
from preploop.report.wordlists import ResumeWords, settings

_PAGE_NUMBER = re.compile(r"(?i)(page\s*)?\d{1,3}(\s*(of|/)\s*\d{1,3})?")
# A footer that ends in a page count ("John Doe - 1/3", "Page 2 of 3").
_PAGE_COUNT_END = re.compile(r"(?i)(?:^|\s)(?:page\s*)?\d{1,3}\s*(?:/|of)\s*\d{1,3}$")
# What a browser prints at the top and bottom of each page: "5/10/24, 11:52 AM"
# with the page title, and the page's address with "1/2".
_BROWSER_HEADER = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\b", re.I)
_BROWSER_FOOTER = re.compile(r"^(?:https?|file)://\S+(?:\s*\|\s*\d{1,3}\s*/\s*\d{1,3})?$", re.I)
# A date range broken over two lines in a narrow margin column: "Mar 2019 –" above
# "Present" (moderncv). The end date starts the next line.
_OPEN_RANGE = re.compile(rf"^(?P<start>{DATE_SRC})\s*[-\u2010-\u2014]\s*(?P<rest>.*)$", re.I)
_DASHES = re.compile("[\u2010-\u2015]")
_RANGE_END = re.compile(rf"^(?P<end>{DATE_SRC}|{PRESENT})(?![\w/])\s*(?P<rest>.*)$", re.I)
# A line ending in a month ("Sept."): its year, on the next line, is the same date.
_MONTH_END = re.compile(rf"{MONTH}$", re.I)
# The rest of a range broken after its end month: "Aug | Growth PM, Hooli".
_MONTH_START = re.compile(rf"(?P<month>{MONTH})(?:\s*\|)?\s*(?P<rest>.*)$", re.I)
# A heading whose date range wrapped in a narrow column: "... | Sep 2017" (or
# "Sep 2017 –") above "– Mar 2021" (or "Present") on a line of its own.
_DANGLING_START = re.compile(rf"(?:^|\s)(?:{DATE_SRC})\s*[-\u2010-\u2014]?$", re.I)
_LONE_END = re.compile(rf"^[-\u2010-\u2014]?\s*(?:{DATE_SRC}|{PRESENT})$", re.I)
# Word pieces that are hyphenated compounds, not words split at a line end.
_COMPOUND_PREFIXES = frozenset(_WORDS.compound_prefixes)
_COMPOUND_SUFFIXES = frozenset(_WORDS.compound_suffixes)
_CONNECTORS = frozenset(settings(ResumeWords).connectors)  # "of", "and"... (data/resume.yaml)


def pdf_lines(data: bytes, *, max_pages: int, password: str = "", marks: bool = False) -> list[str]:
    """Text lines of the PDF in reading order. Raises pdfminer's exceptions as they are.

    With `marks`, a line set all in bold comes back as "**line**" (Markdown), which
    the resume parser reads as a heading line.
    """
    params = LAParams(all_texts=True, boxes_flow=None)
    groups: list[Group] = []
    with quiet("pdfminer"):
        pages = extract_pages(
            io.BytesIO(data), password=password, maxpages=max_pages, laparams=params
        )
        for number, page in enumerate(pages):
            groups.extend(page_groups(page, number))
    rows = [row for group in groups for row in group.rows]
    for row in rows:
        row.text = row_text(row.segments)
        row.bold = all(s.bold >= _LAYOUT.bold_share for s in row.segments)
    vocabulary = _vocabulary(row.text for row in rows)
    for group in groups:
        rows_in_order = _join_split_dates(_lift_margin_dates(group.rows))
        group.rows = _lift_stacked_dates(_join_wrapped(rows_in_order, group.right, vocabulary))
    rows = _drop_page_furniture([row for group in groups for row in group.rows])
    rows = [row for row in _name_first(rows) if row.text.strip()]
    return [f"**{row.text}**" if marks and row.bold else row.text for row in rows]


@contextmanager
def quiet(logger_name: str) -> Iterator[None]:
    """PDF libraries warn about font quirks and broken files; the user gets our one line."""
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


# --- joining wrapped lines ----------------------------------------------------


def _lift_margin_dates(rows: list[Row]) -> list[Row]:
    """Dates set at the right of a role's first bullet belong to the role's heading above.

    rendercv's classic theme stacks place, dates and duration at the right of an
    entry: the dates land beside the first bullet, the duration beside the second.
    """
    for prev, row in itertools.pairwise(rows):
        if len(row.segments) < 2:
            continue
        last = _DASHES.sub("-", row.segments[-1].text.strip())
        is_date = _DATE.fullmatch(last) or _DATE_RANGE.fullmatch(last)
        bullet = is_bullet_glyph(row.segments[0].text[:1])
        if bullet and is_date and prev.page == row.page and not _has_dates(prev):
            prev.segments.append(row.segments.pop())
        elif _DURATION.fullmatch(last):
            row.segments.pop()  # "2 years 10 months": said by the dates already
        else:
            continue
        prev.text, row.text = row_text(prev.segments), row_text(row.segments)
    return rows


def _lift_stacked_dates(rows: list[Row]) -> list[Row]:
    """Dates right-aligned under a role's place, beside its line of description, belong to
    the heading above (rendercv: place, then dates, stacked at the right of an entry).

    Wrapped lines are joined first, so a title that wrapped beside its own dates keeps them.
    """
    for prev, row in itertools.pairwise(rows):
        if len(row.segments) < 2 or len(prev.segments) < 2 or prev.page != row.page:
            continue
        last = _DASHES.sub("-", row.segments[-1].text.strip())
        stacked = abs(prev.segments[-1].x1 - row.segments[-1].x1) < _LAYOUT.wrap_align_points
        if stacked and _DATE_RANGE.fullmatch(last) and not _has_dates(prev):
            prev.segments.append(row.segments.pop())
            prev.text, row.text = row_text(prev.segments), row_text(row.segments)
    return rows


def _join_split_dates(rows: list[Row]) -> list[Row]:
    """ "Mar 2019 – Senior PM, Acme" over "Present • Owned..." -> the whole range on row one;
    "Engineer | Acme | Sep 2017" over "– Mar 2021" -> one heading."""
    out: list[Row] = []
    for row in rows:
        prev = out[-1] if out else None
        if prev and prev.page == row.page and _margin_range_end(prev, row):
            first = prev.segments[0]  # "Sep 2017 | Engineer | Acme" over "– Mar 2021"
            start = re.sub(r"\s*[-\u2010-\u2015]\s*$", "", first.text)
            end = re.sub(r"^\s*[-\u2010-\u2015]\s*", "", row.text).strip()
            joined = f"{start} – {end}"
            prev.text, first.text = prev.text.replace(first.text, joined, 1), joined
            continue
        if prev and prev.page == row.page and _dangling_range(prev, row):
            start = re.sub(r"\s*[-\u2010-\u2015]\s*$", "", prev.text)
            end = re.sub(r"^\s*[-\u2010-\u2015]\s*", "", row.text).strip()
            prev.text = f"{start} – {end}"
            prev.segments = [*prev.segments[:-1], _continued(prev.segments[-1], row)]
            continue
        opened = _OPEN_RANGE.match(prev.text) if prev and prev.page == row.page else None
        closed = _RANGE_END.match(row.text) if opened else None
        if prev and opened and closed and not _RANGE_END.match(opened.group("rest")):
            rest, end = opened.group("rest"), closed.group("end")
            month = _MONTH_START.match(rest)
            if month and re.fullmatch(r"\d{4}", end):  # "Feb 2018 – Aug" over "2021"
                end, rest = f"{month.group('month')} {end}", month.group("rest")
            prev.text = f"{opened.group('start')} – {end}"
            rest = rest.lstrip(" |")
            prev.text += f"{SEPARATOR}{rest}" if rest else ""
            row.text = closed.group("rest").lstrip(" |")
            if len(row.segments) > 1 and _RANGE_END.fullmatch(row.segments[0].text.strip()):
                # the end was a piece of its own (a margin's): the rest stays set apart
                row.segments = row.segments[1:]
                if _OPEN_RANGE.match(prev.segments[0].text):
                    prev.segments[0].text = f"{opened.group('start')} – {end}"
            if not row.text:
                continue
        out.append(row)
    return out


def _margin_range_end(prev: Row, row: Row) -> bool:
    """Row is only the end of a range begun in the first piece of row `prev`, set under it
    in a narrow margin column (the dates beside an entry's title)."""
    if len(prev.segments) < 2 or len(row.segments) != 1 or not _LONE_END.match(row.text.strip()):
        return False
    first, end = prev.segments[0], row.segments[0]
    start = re.sub(r"\s*[-\u2010-\u2015]\s*$", "", first.text.strip())
    if not _DATE.fullmatch(start) or _DATE_RANGE.search(_DASHES.sub("-", prev.text)):
        return False
    tolerance = _LAYOUT.wrap_align_points
    aligned = abs(end.x0 - first.x0) <= tolerance or abs(end.x1 - first.x1) <= tolerance
    return aligned and end.x1 <= prev.segments[1].x0


def _dangling_range(prev: Row, row: Row) -> bool:
    """Row is only the end of a range that row `prev` opened at its end."""
    if not _LONE_END.match(row.text.strip()) or _DATE_RANGE.search(_DASHES.sub("-", prev.text)):
        return False
    return bool(_DANGLING_START.search(prev.text.strip()))


def _vocabulary(texts: Iterable[str]) -> Counter[str]:
    """How often each word (and hyphenated compound) occurs in the document."""
    words: Counter[str] = Counter()
    for text in texts:
        words.update(re.findall(r"[a-z]+(?:-[a-z]+)*", text.lower()))
        words.update(re.findall(r"[a-z]+", text.lower()))
    return words


def _join_wrapped(rows: list[Row], right: float, vocabulary: Counter[str]) -> list[Row]:
    out: list[Row] = []
    for row in rows:
        if out and _wraps_into(out[-1], row, right):
            prev = out[-1]
            # The broken word's tail ("gorithm") must occur elsewhere to prove a compound.
            prev.text = _join_text(prev.text, row.text, vocabulary - _vocabulary([row.text]))
            prev.segments = [*prev.segments[:-1], _continued(prev.segments[-1], row)]
        elif out and (k := _wrapped_cell(out[-1], row)) >= 0:
            # "Northwind   Jan 2022 - Present" over "Labs (Seattle)": a cell wrapped.
            prev = out[-1]
            cell = _continued(prev.segments[k], row)
            cell.text = _join_text(prev.segments[k].text, row.text, vocabulary)
            cell.x1 = max(prev.segments[k].x1, row.segments[0].x1)
            prev.text = prev.text.replace(prev.segments[k].text, cell.text, 1)
            prev.segments = [*prev.segments[:k], cell, *prev.segments[k + 1 :]]
        else:
            out.append(row)
    return out


def _wrapped_cell(a: Row, b: Row) -> int:
    """Which cell of row a row b carries on (-1: none): a heading's cell that wrapped while
    the cell to its right (the employer, the dates) stayed put."""
    if a.page != b.page or len(a.segments) < 2 or len(b.segments) != 1 or not _has_dates(a):
        return -1
    first = b.segments[0]
    for k, (cell, right) in enumerate(itertools.pairwise(a.segments)):
        same_font = cell.font == first.font  # a description set in italics is not a wrap
        # "Title – Acme" over "– Berlin" in the same bold type: a heading's dash, no bullet
        dash = b.text[:1] in "-\u2013\u2014" and cell.bold >= _LAYOUT.bold_share
        if (is_bullet_glyph(b.text[:1]) and not dash) or not same_font:
            continue
        gap = a.bottom - b.top
        if not _LAYOUT.wrap_gap_min_em * cell.size <= gap <= _LAYOUT.wrap_gap_max_em * cell.size:
            continue
        aligned = abs(first.x0 - cell.x0) <= _LAYOUT.wrap_align_points
        next_end = cell.x1 + 0.25 * cell.size + first.first_word_width
        if aligned and next_end >= right.x0 - _LAYOUT.cell_gap_em * cell.size:
            return -1 if _prose_under_name(cell.text, b.text) else k
    return -1


def _prose_under_name(cell: str, line: str) -> bool:
    """ "Software Engineer" over "Early-education non-profit": a name's cell does not wrap
    into ordinary lower-case words; that line is a description of its own."""
    name = all(w[:1].isupper() for w in cell.split() if w.lower() not in _CONNECTORS)
    return name and any(w.islower() and w not in _CONNECTORS for w in line.split())


def _same_type(a: Segment, b: Segment) -> bool:
    """Like size and like weight: a change of either starts another element."""
    bold = _LAYOUT.bold_share
    close = abs(a.size - b.size) <= _LAYOUT.wrap_size_change * a.size
    return close and (a.bold >= bold) == (b.bold >= bold)


def _continued(last: Segment, row: Row) -> Segment:
    """The last segment of a row once the next row is joined to it.

    It keeps the indentation of where it began (for the next alignment test) and
    takes the vertical extent and right end of the joined row.
    """
    tail = row.segments[-1]
    return Segment(
        text=last.text,
        x0=last.x0,
        x1=tail.x1,
        y0=row.bottom,
        y1=row.top,
        size=last.size,
        text_x0=last.text_x0,
        first_word_width=last.first_word_width,
        bold=min(last.bold, *(s.bold for s in row.segments)),
        font=last.font,
    )


def _wraps_into(a: Row, b: Row, right: float) -> bool:
    """True when row b carries on the sentence of row a (a was full, b is aligned)."""
    last, first = a.segments[-1], b.segments[0]
    if a.page != b.page or is_bullet_glyph(b.text[:1]) or b.text.startswith("(cid:"):
        return False
    if not _same_type(last, first):
        return False
    if len(b.segments) > 1 and _has_dates(b):
        return False  # pieces set apart with dates: a role's heading, not a wrapped line
    if a.text.endswith((".", "!", "?")) and _has_dates(b) and not _MONTH_END.search(a.text):
        return False  # a sentence ended; a line with dates is the next role's heading
    gap = a.bottom - b.top
    if not _LAYOUT.wrap_gap_min_em * last.size <= gap <= _LAYOUT.wrap_gap_max_em * last.size:
        return False
    aligned = min(abs(first.x0 - last.text_x0), abs(first.x0 - last.x0))
    aligned = aligned <= _LAYOUT.wrap_align_points
    if not aligned or _looks_like_heading(b.text):
        return False
    if re.search(r"[A-Za-z][-\u2010]$", a.text) and b.text[:1].isalpha():
        return True  # a word broken at its hyphen: the column may end short of `right`
    next_end = last.x1 + 0.25 * last.size + first.first_word_width
    return next_end >= right - _LAYOUT.wrap_right_slack_em * last.size


def _has_dates(row: Row) -> bool:
    """A date range in the row, or a date set apart at its right ("Intern, Acme  2014")."""
    if _DATE_RANGE.search(_DASHES.sub("-", row.text)):
        return True
    return any(_DATE.fullmatch(seg.text.strip()) for seg in row.segments[1:])


def _looks_like_heading(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    short = len(text.split()) <= _LAYOUT.heading_max_words
    return short and bool(letters) and all(ch.isupper() for ch in letters)


def _join_text(a: str, b: str, vocabulary: Collection[str]) -> str:
    if a.endswith("\u00ad"):
        return a[:-1] + b  # soft hyphen: the word was split
    if re.search(r"\d[-\u2010]$", a) and b[:1].isalpha():
        return a + b  # "a 12-" + "person team"
    m = re.search(r"([A-Za-z]+)[-\u2010]$", a)
    n = re.match(r"[A-Za-z]+", b)
    if m and n:
        # "pause-" + "instead-of-cancel": a chain of hyphens is a compound
        chain = b[n.end() : n.end() + 1] in ("-", "\u2010")
        keep = chain or _is_compound(m.group(1), n.group(0), vocabulary)
        return (a if keep else a[:-1]) + b
    return f"{a} {b}"


def _is_compound(left: str, right: str, vocabulary: Collection[str]) -> bool:
    """Whether "left-" + "right" at a line break is a hyphenated compound or a split word."""
    lo, ro = left.lower(), right.lower()
    if f"{lo}-{ro}" in vocabulary:
        return True
    if lo + ro in vocabulary:
        return False
    if right[:1].isupper() or lo in _COMPOUND_PREFIXES or ro in _COMPOUND_SUFFIXES:
        return True
    return len(ro) >= 3 and ro in vocabulary


# --- page furniture and the name ----------------------------------------------


def _drop_page_furniture(rows: list[Row]) -> list[Row]:
    """Drop page numbers, and headers/footers repeated on later pages."""
    seen: set[str] = set()
    out = []
    for row in rows:
        position = (row.top + row.bottom) / 2 / row.page_height
        edge = min(position, 1 - position) < _LAYOUT.page_edge_share
        # LaTeX sets page numbers lower on the page than a browser does
        margin = min(position, 1 - position) < _LAYOUT.page_margin_share
        key = re.sub(r"\d+", "#", row.text.lower())
        text = row.text.strip()
        if margin and (_PAGE_NUMBER.fullmatch(text) or _is_page_footer(text)):
            continue
        if edge and _BROWSER_HEADER.match(text):
            # A browser prints the page's title beside the date: on page 1 it may be
            # the only place a posting's title is, so it stays, less the date.
            title = _BROWSER_HEADER.sub("", text).strip(" |")
            if row.page > 0 or not title:
                continue
            row = dataclasses.replace(row, text=title)
        if edge and _BROWSER_FOOTER.match(text):
            continue
        if edge and row.page > 0 and key in seen:
            continue
        if edge:
            seen.add(key)
        out.append(row)
    return out


def _is_page_footer(text: str) -> bool:
    """A short line ending in a page count: "John Doe – 1/3", "Resume | Page 2 of 3"."""
    return len(text.split()) <= _LAYOUT.footer_max_words and bool(_PAGE_COUNT_END.search(text))


def _name_first(rows: list[Row]) -> list[Row]:
    """Put the candidate's name (largest type near the top of page 1) first."""
    first_page = [row for row in rows if row.page == 0]
    if len(first_page) < 2:
        return rows
    body = statistics.median(row.size for row in first_page)
    top = [row for row in first_page if row.top > (1 - _LAYOUT.name_top_share) * row.page_height]
    candidates = [row for row in top if _looks_like_name(row.text)]
    if not candidates:
        return rows
    name = max(candidates, key=lambda row: row.size)
    if name is rows[0] or name.size < _LAYOUT.name_size_over_body * body:
        return rows
    return [name, *(row for row in rows if row is not name)]


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 1 <= len(words) <= _LAYOUT.name_max_words and not re.search(r"[\d@|/:]", text)
