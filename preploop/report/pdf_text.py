"""PDF layout to text lines in reading order, with pdfminer.six layout analysis.

Naive extraction scrambles two-column resumes (sidebar text lands in the middle of
the experience section, or the name at the end). Here each page is cut into a
main column and a sidebar at a vertical gutter that almost no text crosses; the
text that does cross it (a header, a footer) splits the page into bands read top
to bottom. Within a band the wider column is read first, then the sidebar.

Text on one baseline in one column becomes one line; pieces far apart on that
line (a title and its dates) are joined with " | ". Lines that wrap (the next
word did not fit) are joined back, hyphenated word breaks included.
"""

from __future__ import annotations

import io
import itertools
import logging
import math
import re
import statistics
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTAnno, LTChar, LTContainer, LTPage, LTTextLineHorizontal

from preploop.report.patterns import DATE as _DATE
from preploop.report.patterns import DATE_RANGE as _DATE_RANGE
from preploop.report.patterns import DATE_SRC, PRESENT
from preploop.report.patterns import DURATION as _DURATION
from preploop.report.wordlists import PdfWords, settings

SEPARATOR = " | "
BULLET_GLYPHS = frozenset("•◦▪‣●○■□►▶➢➤✓✔❖◆◇·∙⁃-–—*")
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


_WORDS = settings(PdfWords)
# Word pieces that are hyphenated compounds, not words split at a line end.
_COMPOUND_PREFIXES = frozenset(_WORDS.compound_prefixes)
_COMPOUND_SUFFIXES = frozenset(_WORDS.compound_suffixes)
_LAYOUT = _WORDS.layout
WIDE_GAP_EM = _LAYOUT.wide_gap_em
NAME_SIZE_RATIO = _LAYOUT.name_size_ratio
_ICON_FONT = re.compile("|".join(re.escape(name) for name in _WORDS.icon_fonts), re.I)
_BOLD_FONT = re.compile("|".join(re.escape(name) for name in _WORDS.bold_fonts), re.I)
# What an icon-font glyph becomes: one private-use character, which cleaning
# reads as a bullet at the start of a line and drops elsewhere.
ICON = "\ue000"


@dataclass
class Segment:
    """A run of words on one baseline, with the geometry the ordering needs."""

    text: str
    x0: float
    x1: float
    y0: float
    y1: float
    size: float
    text_x0: float  # where the words start, after a leading bullet glyph
    first_word_width: float
    bold: float = 0.0  # share of its letters set in a bold font


@dataclass
class Row:
    """One output line: the segments of one column on one baseline."""

    segments: list[Segment]
    page: int = 0
    page_height: float = 1.0
    text: str = ""
    bold: bool = False  # every piece set in bold: the file marks the line as a heading

    @property
    def top(self) -> float:
        return max(s.y1 for s in self.segments)

    @property
    def bottom(self) -> float:
        return min(s.y0 for s in self.segments)

    @property
    def size(self) -> float:
        return max(s.size for s in self.segments)


@dataclass
class _Group:
    """Rows read as one flow: one column of one band, with its right edge."""

    rows: list[Row] = field(default_factory=list)
    right: float = 0.0


def pdf_lines(data: bytes, *, max_pages: int, password: str = "", marks: bool = False) -> list[str]:
    """Text lines of the PDF in reading order. Raises pdfminer's exceptions as they are.

    With `marks`, a line set all in bold comes back as "**line**" (Markdown), which
    the resume parser reads as a heading line.
    """
    params = LAParams(all_texts=True, boxes_flow=None)
    groups: list[_Group] = []
    with quiet("pdfminer"):
        pages = extract_pages(
            io.BytesIO(data), password=password, maxpages=max_pages, laparams=params
        )
        for number, page in enumerate(pages):
            groups.extend(_page_groups(page, number))
    rows = [row for group in groups for row in group.rows]
    for row in rows:
        row.text = _row_text(row.segments)
        row.bold = all(s.bold >= _LAYOUT.bold_share for s in row.segments)
    vocabulary = _vocabulary(row.text for row in rows)
    for group in groups:
        rows_in_order = _join_split_dates(_lift_margin_dates(group.rows))
        group.rows = _join_wrapped(rows_in_order, group.right, vocabulary)
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


# --- characters to segments ---------------------------------------------------


def _is_bullet_glyph(text: str) -> bool:
    return text in BULLET_GLYPHS or text.startswith("(cid:") or _is_private_use(text)


def _is_private_use(text: str) -> bool:
    return len(text) == 1 and 0xE000 <= ord(text) <= 0xF8FF


def _text_lines(item: LTContainer) -> Iterator[LTTextLineHorizontal]:
    for child in item:
        if isinstance(child, LTTextLineHorizontal):
            yield child
        elif isinstance(child, LTContainer) and not isinstance(child, LTChar):
            yield from _text_lines(child)


def _line_segments(line: LTTextLineHorizontal) -> list[Segment]:
    """Split a pdfminer text line where the gap is too wide to be a word space."""
    runs: list[list[LTChar | str]] = [[]]
    last: LTChar | None = None
    items = list(line)
    for item in items:
        if isinstance(item, LTChar) and _ICON_FONT.search(item.fontname):
            item._text = ICON  # pdfminer keeps a glyph's text here; get_text() returns it
    spacing = _letter_spacing(items)
    for index, item in enumerate(items):
        if isinstance(item, LTAnno):
            if not (spacing and _spaced_letter_gap(items, index, last, spacing)):
                runs[-1].append(item.get_text())
            continue
        if not isinstance(item, LTChar) or not item.upright:
            continue  # rotated text is a watermark or decoration
        if last is not None and _same_glyph(last, item):
            continue  # fake bold: the same glyph drawn twice, a hair apart
        if last is not None and item.x0 - last.x1 > WIDE_GAP_EM * max(item.size, last.size):
            runs.append([])
        runs[-1].append(item)
        last = item
    return [seg for run in runs if (seg := _segment(run))]


def _letter_spacing(items: list[object]) -> float:
    """The extra space between letters of a letter-spaced line ("S U M M A R Y"), else 0.

    Headings and names set with CSS letter-spacing leave a gap after every letter,
    and pdfminer reads some of those gaps as word spaces.
    """
    chars = [c for c in items if isinstance(c, LTChar) and c.upright]
    gaps = [
        b.x0 - a.x1
        for a, b in itertools.pairwise(chars)
        if a.get_text().isalpha() and b.get_text().isalpha()
    ]
    if len(gaps) < 3 or not chars:
        return 0.0
    size = statistics.median(c.size for c in chars)
    spacing = statistics.median(gaps)
    close = sum(abs(g - spacing) < _LAYOUT.letter_gap_tolerance_em * size for g in gaps)
    uniform = close >= _LAYOUT.letter_gap_uniform_share * len(gaps)
    return spacing if spacing >= _LAYOUT.letter_gap_min_em * size and uniform else 0.0


def _spaced_letter_gap(
    items: list[object], index: int, last: LTChar | None, spacing: float
) -> bool:
    """Whether the space pdfminer put at items[index] is only letter spacing."""
    after = next((c for c in items[index + 1 :] if isinstance(c, LTChar)), None)
    if last is None or after is None or after.get_text().isspace():
        return False
    return after.x0 - last.x1 < spacing + _LAYOUT.letter_gap_word_em * max(last.size, after.size)


def _same_glyph(a: LTChar, b: LTChar) -> bool:
    close = abs(a.x0 - b.x0) < _LAYOUT.fake_bold_shift * max(a.width, 0.1) and abs(a.y0 - b.y0) < 1
    return close and a.get_text() == b.get_text() and not a.get_text().isspace()


def _segment(run: list[LTChar | str]) -> Segment | None:
    chars = [c for c in run if isinstance(c, LTChar) and not c.get_text().isspace()]
    if not chars:
        return None
    text = "".join(c if isinstance(c, str) else c.get_text() for c in run)
    words = [c for c in chars if not _is_bullet_glyph(c.get_text())]
    start = words[0] if words else chars[0]
    letters = [c for c in words if c.get_text().isalnum()] or chars
    return Segment(
        text=" ".join(text.split()),
        x0=chars[0].x0,
        x1=chars[-1].x1,
        y0=min(c.y0 for c in chars),
        y1=max(c.y1 for c in chars),
        size=statistics.median(c.size for c in chars),
        text_x0=start.x0,
        first_word_width=_first_word_width(run, start),
        bold=sum(bool(_BOLD_FONT.search(c.fontname)) for c in letters) / len(letters),
    )


def _first_word_width(run: list[LTChar | str], start: LTChar) -> float:
    """Width of the first word, for telling whether it would have fit on the line above."""
    end = start.x1
    begun = False
    for item in run:
        if item is start:
            begun = True
        if not begun:
            continue
        if isinstance(item, str) or item.get_text().isspace():
            break
        end = item.x1
    return end - start.x0


# --- page layout: columns, bands, rows ----------------------------------------


def _page_groups(page: LTPage, number: int) -> list[_Group]:
    segments = [seg for line in _text_lines(page) for seg in _line_segments(line)]
    if not segments:
        return []
    single_words = sum(len(seg.text.split()) == 1 for seg in segments)
    if single_words > _LAYOUT.word_fragment_share * len(segments):
        # Words drawn one at a time would each look like a column of their own.
        segments = [seg for row in _rows(segments) for seg in row.segments]
    height = page.height or 1.0
    gutter = _find_gutter(segments)
    if gutter is None:
        flows = [(segments, max(s.x1 for s in segments))]
    else:
        flows = _column_flows(segments, gutter)
    groups = []
    for flow, right in flows:
        rows = _rows(flow)
        for row in rows:
            row.page, row.page_height = number, height
        groups.append(_Group(rows, right))
    return groups


def _find_gutter(segments: list[Segment]) -> float | None:
    """x of a vertical gap between two columns that (almost) no text crosses."""
    if len(segments) < _LAYOUT.gutter_min_pieces:
        return None
    lo = min(s.x0 for s in segments)
    hi = max(s.x1 for s in segments)
    band = _LAYOUT.gutter_search_band
    xs = range(int(lo + band * (hi - lo)), int(lo + (1 - band) * (hi - lo)) + 1)
    if not xs:
        return None
    crossings = _crossing_counts(segments, xs)
    fewest = min(crossings)
    if fewest > max(2, _LAYOUT.gutter_crossing_share * len(segments)):
        return None  # body text runs across the page: one column
    best_run: tuple[int, int] = (0, -1)
    run_start = None
    for i, count in enumerate([*crossings, fewest + 1]):
        if count == fewest and run_start is None:
            run_start = i
        elif count != fewest and run_start is not None:
            if i - run_start > best_run[1] - best_run[0] + 1:
                best_run = (run_start, i - 1)
            run_start = None
    if best_run[1] - best_run[0] < 2:
        return None  # a gutter is wider than a word space (moderncv oldstyle's: 3 points)
    gutter = xs[(best_run[0] + best_run[1]) // 2]
    return gutter if _two_real_columns(segments, gutter) else None


def _crossing_counts(segments: list[Segment], xs: range) -> list[int]:
    """For each x, how many segments run across it (a prefix sum, linear in the input)."""
    diff = [0] * (len(xs) + 1)
    for seg in segments:
        first = max(math.floor(seg.x0) + 1, xs.start)  # smallest integer x > x0
        last = min(math.ceil(seg.x1) - 1, xs.stop - 1)  # largest integer x < x1
        if first <= last:
            diff[first - xs.start] += 1
            diff[last - xs.start + 1] -= 1
    return list(itertools.accumulate(diff[:-1]))


def _two_real_columns(segments: list[Segment], gutter: float) -> bool:
    """Both sides hold real text, side by side (not a title with dates at the right)."""
    left = [s for s in segments if s.x1 <= gutter]
    right = [s for s in segments if s.x0 >= gutter]
    if len(left) < 3 or len(right) < 3:
        return False
    chars = sum(len(s.text) for s in segments)
    # A sidebar of contact details alone (moderncv oldstyle) is about 5% of the text.
    side_chars = min(sum(len(s.text) for s in left), sum(len(s.text) for s in right))
    if side_chars < _LAYOUT.side_min_text_share * chars:
        return False
    return not (_dates_column(left) or _dates_column(right))


def _dates_column(side: list[Segment]) -> bool:
    """Whether a side is a margin column of dates (and places) for the rows beside it."""
    dated = sum(1 for s in side if re.search(r"\d{4}", s.text)) / len(side)
    short = all(len(s.text.split()) <= _LAYOUT.short_piece_words for s in side)
    return dated >= _LAYOUT.dated_side_share or (short and dated >= _LAYOUT.short_dated_side_share)


def _column_flows(segments: list[Segment], gutter: float) -> list[tuple[list[Segment], float]]:
    """Split into bands at text crossing the gutter; main column, then sidebar, per band."""
    full = sorted((s for s in segments if s.x0 < gutter < s.x1), key=lambda s: -s.y1)
    left = [s for s in segments if s.x1 <= gutter]
    right = [s for s in segments if s.x0 >= gutter]
    left_width = gutter - min(s.x0 for s in left)
    right_width = max(s.x1 for s in right) - gutter
    main, side = (left, right) if left_width >= right_width else (right, left)
    main_right = max(s.x1 for s in main)
    side_right = max(s.x1 for s in side)
    page_right = max(s.x1 for s in segments)

    def band(seg: Segment) -> int:
        middle = (seg.y0 + seg.y1) / 2
        return sum(1 for f in full if (f.y0 + f.y1) / 2 > middle)

    flows: list[tuple[list[Segment], float]] = []
    pending_full: list[Segment] = []
    for k in range(len(full) + 1):
        if k:
            pending_full.append(full[k - 1])
        main_k = [s for s in main if band(s) == k]
        side_k = [s for s in side if band(s) == k]
        if not (main_k or side_k):
            continue
        if pending_full:
            flows.append((pending_full, page_right))
            pending_full = []
        flows.extend(((main_k, main_right), (side_k, side_right)))
    if pending_full:
        flows.append((pending_full, page_right))
    return [flow for flow in flows if flow[0]]


def _rows(segments: list[Segment]) -> list[Row]:
    """Group segments on the same baseline, top to bottom, each row left to right."""
    rows: list[Row] = []
    for seg in sorted(segments, key=lambda s: (-s.y1, s.x0)):
        for row in rows[-2:]:
            if _same_baseline(row, seg):
                row.segments.append(seg)
                break
        else:
            rows.append(Row([seg]))
    for row in rows:
        row.segments = _merge_close(sorted(row.segments, key=lambda s: s.x0))
    return rows


def _same_baseline(row: Row, seg: Segment) -> bool:
    """Whether seg sits on the row's line: overlapping heights, type of a like size.

    A name set large with contact lines beside it (moderncv) overlaps them
    vertically, but is a line of its own.
    """
    if max(row.size, seg.size) > NAME_SIZE_RATIO * min(row.size, seg.size):
        return False
    overlap = min(row.top, seg.y1) - max(row.bottom, seg.y0)
    smallest = min(min(s.y1 - s.y0 for s in row.segments), seg.y1 - seg.y0)
    return overlap >= 0.5 * max(smallest, 0.1)


def _merge_close(segments: list[Segment]) -> list[Segment]:
    """Join pieces of a row that are words of one phrase (justified text, a bullet glyph)."""
    merged: list[Segment] = []
    for seg in segments:
        if not merged:
            merged.append(seg)
            continue
        prev = merged[-1]
        gap = seg.x0 - prev.x1
        if gap < 0 and seg.text == prev.text:
            continue  # the same text drawn twice
        bullet_only = all(_is_bullet_glyph(ch) for ch in prev.text.replace(" ", ""))
        if bullet_only or gap <= WIDE_GAP_EM * max(prev.size, seg.size):
            merged[-1] = _joined(prev, seg, gap, bullet_only)
        else:
            merged.append(seg)
    return merged


def _joined(a: Segment, b: Segment, gap: float, a_is_bullet: bool) -> Segment:
    glue = "" if gap <= _LAYOUT.glue_gap_em * a.size and not a_is_bullet else " "
    longer = a if len(a.text) >= len(b.text) else b
    return Segment(
        text=a.text + glue + b.text,
        x0=a.x0,
        x1=max(a.x1, b.x1),
        y0=min(a.y0, b.y0),
        y1=max(a.y1, b.y1),
        size=b.size if a_is_bullet else longer.size,
        text_x0=b.text_x0 if a_is_bullet else a.text_x0,
        first_word_width=b.first_word_width if a_is_bullet else a.first_word_width,
        bold=b.bold if a_is_bullet else min(a.bold, b.bold),
    )


def _row_text(segments: list[Segment]) -> str:
    return SEPARATOR.join(s.text for s in segments)


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
        bullet = _is_bullet_glyph(row.segments[0].text[:1])
        if bullet and is_date and prev.page == row.page and not _has_dates(prev):
            prev.segments.append(row.segments.pop())
        elif _DURATION.fullmatch(last):
            row.segments.pop()  # "2 years 10 months": said by the dates already
        else:
            continue
        prev.text, row.text = _row_text(prev.segments), _row_text(row.segments)
    return rows


def _join_split_dates(rows: list[Row]) -> list[Row]:
    """ "Mar 2019 – Senior PM, Acme" over "Present • Owned..." -> the whole range on row one."""
    out: list[Row] = []
    for row in rows:
        prev = out[-1] if out else None
        opened = _OPEN_RANGE.match(prev.text) if prev and prev.page == row.page else None
        closed = _RANGE_END.match(row.text) if opened else None
        if prev and opened and closed and not _RANGE_END.match(opened.group("rest")):
            rest = opened.group("rest")
            prev.text = f"{opened.group('start')} – {closed.group('end')}"
            prev.text += f"{SEPARATOR}{rest}" if rest else ""
            row.text = closed.group("rest")
            if not row.text:
                continue
        out.append(row)
    return out


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
        else:
            out.append(row)
    return out


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
    )


def _wraps_into(a: Row, b: Row, right: float) -> bool:
    """True when row b carries on the sentence of row a (a was full, b is aligned)."""
    last, first = a.segments[-1], b.segments[0]
    if a.page != b.page or _is_bullet_glyph(b.text[:1]) or b.text.startswith("(cid:"):
        return False
    if abs(first.size - last.size) > _LAYOUT.wrap_size_change * last.size:
        return False
    if a.text.endswith((".", "!", "?")) and _has_dates(b):
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
        keep = _is_compound(m.group(1), n.group(0), vocabulary)
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
        if edge and (_BROWSER_HEADER.match(text) or _BROWSER_FOOTER.match(text)):
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
