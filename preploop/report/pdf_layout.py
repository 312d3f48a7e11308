"""PDF pages to rows of text: characters to pieces, pieces to columns and lines.

Naive extraction scrambles two-column resumes (sidebar text lands in the middle of
the experience section, or the name at the end). Here each page is cut into a
main column and a sidebar at a vertical gutter that almost no text crosses; the
text that does cross it (a header, a footer) splits the page into bands read top
to bottom. Within a band the wider column is read first, then the sidebar.

Text on one baseline in one column becomes one row; pieces far apart on that
line (a title and its dates) are kept apart, to be joined with " | ".
"""

from __future__ import annotations

import itertools
import math
import re
import statistics
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from pdfminer.layout import LTAnno, LTChar, LTContainer, LTPage, LTTextLineHorizontal

from preploop.report.wordlists import PdfWords, settings

SEPARATOR = " | "
BULLET_GLYPHS = frozenset("•◦▪‣●○■□►▶➢➤✓✔❖◆◇·∙⁃-–—*")
WORDS = settings(PdfWords)
LAYOUT = WORDS.layout
WIDE_GAP_EM = LAYOUT.wide_gap_em
NAME_SIZE_RATIO = LAYOUT.name_size_ratio
_ICON_FONT = re.compile("|".join(re.escape(name) for name in WORDS.icon_fonts), re.I)
_BOLD_FONT = re.compile("|".join(re.escape(name) for name in WORDS.bold_fonts), re.I)
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
    font: str = ""  # the font most of its letters are set in


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
class Group:
    """Rows read as one flow: one column of one band, with its right edge."""

    rows: list[Row] = field(default_factory=list)
    right: float = 0.0


# --- characters to segments ---------------------------------------------------


def is_bullet_glyph(text: str) -> bool:
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
        if last is not None and _set_apart(last, item):
            runs.append([])
        runs[-1].append(item)
        last = item
    return [seg for run in runs if (seg := _segment(run))]


def _set_apart(last: LTChar, item: LTChar) -> bool:
    """A gap too wide for a word space, or wider than one where the font changes (a
    margin's dates beside an entry's bold title, about an em apart)."""
    gap, size = item.x0 - last.x1, max(item.size, last.size)
    if gap > WIDE_GAP_EM * size:
        return True
    return item.fontname != last.fontname and gap > LAYOUT.font_change_gap_em * size


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
    close = sum(abs(g - spacing) < LAYOUT.letter_gap_tolerance_em * size for g in gaps)
    uniform = close >= LAYOUT.letter_gap_uniform_share * len(gaps)
    return spacing if spacing >= LAYOUT.letter_gap_min_em * size and uniform else 0.0


def _spaced_letter_gap(
    items: list[object], index: int, last: LTChar | None, spacing: float
) -> bool:
    """Whether the space pdfminer put at items[index] is only letter spacing."""
    after = next((c for c in items[index + 1 :] if isinstance(c, LTChar)), None)
    if last is None or after is None or after.get_text().isspace():
        return False
    return after.x0 - last.x1 < spacing + LAYOUT.letter_gap_word_em * max(last.size, after.size)


def _same_glyph(a: LTChar, b: LTChar) -> bool:
    close = abs(a.x0 - b.x0) < LAYOUT.fake_bold_shift * max(a.width, 0.1) and abs(a.y0 - b.y0) < 1
    return close and a.get_text() == b.get_text() and not a.get_text().isspace()


def _segment(run: list[LTChar | str]) -> Segment | None:
    chars = [c for c in run if isinstance(c, LTChar) and not c.get_text().isspace()]
    if not chars:
        return None
    text = "".join(c if isinstance(c, str) else c.get_text() for c in run)
    words = [c for c in chars if not is_bullet_glyph(c.get_text())]
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
        font=Counter(c.fontname for c in letters).most_common(1)[0][0],
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


def page_groups(page: LTPage, number: int) -> list[Group]:
    segments = [seg for line in _text_lines(page) for seg in _line_segments(line)]
    if not segments:
        return []
    single_words = sum(len(seg.text.split()) == 1 for seg in segments)
    if single_words > LAYOUT.word_fragment_share * len(segments):
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
        groups.append(Group(rows, right))
    return groups


def _find_gutter(segments: list[Segment]) -> float | None:
    """x of a vertical gap between two columns that (almost) no text crosses."""
    if len(segments) < LAYOUT.gutter_min_pieces:
        return None
    lo = min(s.x0 for s in segments)
    hi = max(s.x1 for s in segments)
    band = LAYOUT.gutter_search_band
    xs = range(int(lo + band * (hi - lo)), int(lo + (1 - band) * (hi - lo)) + 1)
    if not xs:
        return None
    crossings = _crossing_counts(segments, xs)
    fewest = min(crossings)
    if fewest > max(2, LAYOUT.gutter_crossing_share * len(segments)):
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
    if side_chars < LAYOUT.side_min_text_share * chars:
        return False
    return not (_dates_column(left) or _dates_column(right))


def _dates_column(side: list[Segment]) -> bool:
    """Whether a side is a margin column of dates (and places) for the rows beside it."""
    dated = sum(1 for s in side if re.search(r"\d{4}", s.text)) / len(side)
    short = all(len(s.text.split()) <= LAYOUT.short_piece_words for s in side)
    return dated >= LAYOUT.dated_side_share or (short and dated >= LAYOUT.short_dated_side_share)


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
        bullet_only = all(is_bullet_glyph(ch) for ch in prev.text.replace(" ", ""))
        # Wider than a word space and in another font: a margin's dates or place beside
        # the entry's title (moderncv), not words of one phrase.
        apart = prev.font != seg.font and gap > LAYOUT.font_change_gap_em * max(prev.size, seg.size)
        if bullet_only or (gap <= WIDE_GAP_EM * max(prev.size, seg.size) and not apart):
            merged[-1] = _joined(prev, seg, gap, bullet_only)
        else:
            merged.append(seg)
    return merged


def _joined(a: Segment, b: Segment, gap: float, a_is_bullet: bool) -> Segment:
    glue = "" if gap <= LAYOUT.glue_gap_em * a.size and not a_is_bullet else " "
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
        font=b.font if a_is_bullet else (a if len(a.text) >= len(b.text) else b).font,
    )


def row_text(segments: list[Segment]) -> str:
    return SEPARATOR.join(s.text for s in segments)
