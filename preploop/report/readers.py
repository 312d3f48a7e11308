"""Reading files: bytes of a PDF, DOCX, Markdown or text file to cleaned text.

Bad input is refused with one clear line (`IngestError`), never a traceback:
the size is checked before reading, the page count and unpacked size before
parsing. Resumes hold personal data: nothing here logs or prints text.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from preploop.errors import UserError
from preploop.report.cleaning import clean_line, clean_text, gaps_as_tabs, join_hanging_lines
from preploop.report.patterns import DATE, DATE_RANGE

MAX_BYTES = 10 * 1024 * 1024
MAX_PAGES = 20
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024  # a real DOCX resume is well under 5 MB unpacked
MAX_COMPRESSION_RATIO = 100  # text XML compresses ~10:1; far more is a zip bomb
# Text, whatever the format: a resume is a few pages (about 4,000 characters and 60
# lines a page). Longer text is refused before cleaning, parsing and rendering, whose
# cost grows with it (a 1 MB line took minutes to lay out).
MAX_CHARS = 100_000
MAX_LINES = 3_000
MAX_LINE_CHARS = 2_000

FORMATS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
}


class IngestError(UserError):
    """A file that cannot be read or analysed; the message is one line for the user."""


def fail(path: Path, problem: str) -> IngestError:
    """The error for a problem with a file, named without control characters."""
    name = re.sub(r"[\x00-\x1f\x7f]", "?", Path(path).name)
    return IngestError(f"{name}: {problem}")


def read_text(path: Path, marks: bool = False) -> tuple[str, str, int]:
    """(cleaned text, source format, pages) of a .pdf, .docx, .md/.markdown or .txt file.

    With `marks`, the text keeps what the file says about its own structure, written
    as Markdown for `markdown_lines`: headings ("## ") and bold lines ("**...**") of
    a DOCX, lines set all in bold in a PDF, and a Markdown or text file's own markup.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    fmt = FORMATS.get(suffix)
    if fmt is None:
        shown = suffix or "(no extension)"
        raise fail(path, f"unsupported file type {shown}: use PDF, DOCX, Markdown or plain text")
    data = _read_bytes(path)
    if fmt == "pdf":
        raw, pages = _read_pdf(data, path, marks)
    elif fmt == "docx":
        raw, pages = _read_docx(data, path, marks)
    else:  # plain text is often pasted Markdown, so both get the Markdown cleanup
        raw, pages = check_text_size(_decode(data, path), path), 1
        raw = raw if marks else markdown_to_text(raw)
    if marks and fmt in ("markdown", "text"):  # a list item's wrapped lines, indented
        raw = join_hanging_lines(raw)
    if marks:  # a resume: "Northwind Labs      Seattle" is two pieces set apart
        raw = gaps_as_tabs(raw)
    text = clean_text(check_text_size(raw, path))
    if sum(ch.isalpha() for ch in text) < 20:
        if fmt == "pdf":
            raise fail(path, "no text found: scanned PDFs are not supported")
        raise fail(path, "no text found in the file")
    return text, fmt, pages


def check_text_size(text: str, path: Path) -> str:
    """`text` if it is within MAX_CHARS, MAX_LINES and MAX_LINE_CHARS; else refused."""
    if len(text) > MAX_CHARS:
        raise fail(
            path, f"the text is too long ({len(text):,} characters): the limit is {MAX_CHARS:,}"
        )
    lines = text.splitlines()
    if len(lines) > MAX_LINES:
        raise fail(
            path, f"the text has too many lines ({len(lines):,}): the limit is {MAX_LINES:,}"
        )
    for number, line in enumerate(lines, 1):
        if len(line) > MAX_LINE_CHARS:
            raise fail(
                path,
                f"line {number} is too long ({len(line):,} characters): "
                f"the limit is {MAX_LINE_CHARS:,}",
            )
    return text


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise fail(path, "not a file")
        if size > MAX_BYTES:
            mb = size / (1024 * 1024)
            raise fail(path, f"file is too large ({mb:.1f} MB): the limit is 10 MB")
        if size == 0:
            raise fail(path, "the file is empty")
        return path.read_bytes()
    except FileNotFoundError:
        raise fail(path, "file not found") from None
    except OSError as exc:
        raise fail(path, f"could not open the file ({exc.strerror or 'read error'})") from None


def _decode(data: bytes, path: Path) -> str:
    """Text files: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise fail(path, "the text is not valid UTF-16") from None
    if b"\x00" in data:
        raise fail(path, "this is not a text file: it holds binary data")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise fail(path, "the text is not UTF-8: save the file as UTF-8 and upload it again")


# --- PDF -----------------------------------------------------------------------


def _read_pdf(data: bytes, path: Path, marks: bool) -> tuple[str, int]:
    from preploop.report.pdf_text import pdf_lines  # pdfminer: only PDFs need it

    if b"%PDF-" not in data[:1024]:
        raise fail(path, "not a valid PDF file")
    pages = _pdf_page_count(data, path)
    try:
        lines = pdf_lines(data, max_pages=MAX_PAGES, marks=marks)
    except Exception:  # pdfminer raises many types on damaged files; all mean the same
        raise fail(path, "could not read the PDF: the file is damaged") from None
    return "\n".join(lines), pages


def _pdf_page_count(data: bytes, path: Path) -> int:
    """Pages of the PDF, refusing encrypted and over-long files before any layout work."""
    # pdfminer, which reads the text next, is loaded already; pypdf would cost 0.1 s.
    from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser
    from pdfminer.pdftypes import resolve1

    from preploop.report.pdf_text import quiet

    try:
        with quiet("pdfminer"):
            # Opens with the empty password, as PDFs locked only against editing need.
            document = PDFDocument(PDFParser(io.BytesIO(data)))
            pages = int(resolve1(resolve1(document.catalog["Pages"])["Count"]))
    except PDFPasswordIncorrect:
        raise fail(path, "the PDF is encrypted: remove the password and upload it again") from None
    except Exception:
        raise fail(path, "could not read the PDF: the file is damaged") from None
    if pages <= 0:
        raise fail(path, "the PDF has no pages")
    if pages > MAX_PAGES:
        raise fail(path, f"too many pages ({pages}): the limit is {MAX_PAGES}")
    return pages


# --- DOCX ----------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# Elements whose text is not part of the paragraph's visible text (or is read elsewhere).
_SKIP = {_W + tag for tag in ("pPr", "rPr", "txbxContent", "instrText", "delText")}
_SKIP.add(_MC_FALLBACK)


def _read_docx(data: bytes, path: Path, marks: bool) -> tuple[str, int]:
    pages = _check_docx_archive(data, path)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        lines = _DocxReader(document, marks).lines()
    except Exception:
        raise fail(path, "could not read the DOCX file: it is damaged") from None
    return "\n".join(lines), pages


def _check_docx_archive(data: bytes, path: Path) -> int:
    """Refuse non-zips, zip bombs and over-long documents; return the page count."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise fail(
            path, "not a valid DOCX file (not a zip archive); an old .doc must be saved as .docx"
        ) from None
    try:
        with archive:
            members = archive.infolist()
            _check_unzipped_size(members, path)
            if "word/document.xml" not in {m.filename for m in members}:
                raise fail(path, "not a valid DOCX file: word/document.xml is missing")
            pages = _docx_pages(archive)
    except IngestError:
        raise
    except Exception:  # zlib, CRC and header errors in the members
        raise fail(path, "could not read the DOCX file: it is damaged") from None
    if pages > MAX_PAGES:
        raise fail(path, f"too many pages ({pages}): the limit is {MAX_PAGES}")
    return pages


def _check_unzipped_size(members: list[zipfile.ZipInfo], path: Path) -> None:
    if len(members) > 1000:
        raise fail(path, f"the DOCX holds too many parts ({len(members)})")
    total = sum(m.file_size for m in members)
    if total > MAX_UNZIPPED_BYTES:
        mb = total / (1024 * 1024)
        raise fail(path, f"the DOCX is too large when unpacked ({mb:.0f} MB): the limit is 50 MB")
    for m in members:
        ratio = m.file_size / max(m.compress_size, 1)
        if m.file_size > 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO:
            raise fail(path, f"the DOCX looks like a zip bomb (compression ratio {ratio:.0f}:1)")


def _docx_pages(archive: zipfile.ZipFile) -> int:
    """Page count Word saved in docProps/app.xml; 1 when absent."""
    try:
        app = archive.read("docProps/app.xml").decode("utf-8", "replace")
    except KeyError:
        return 1
    m = re.search(r"<(?:\w+:)?Pages>(\d+)</", app)
    return max(int(m.group(1)), 1) if m else 1


@dataclass
class _DocxReader:
    """Walks the document XML in order: paragraphs, tables, text boxes, headers."""

    document: object
    marks: bool = False  # write headings and bold lines as Markdown (see read_text)
    styles: dict[str, tuple[str, bool, str]] = field(default_factory=dict)
    in_table: bool = False

    def __post_init__(self) -> None:
        root = self.document.styles.element  # type: ignore[attr-defined]
        for style in root.iterchildren(_W + "style"):
            name = style.find(_W + "name")
            based = style.find(_W + "basedOn")
            self.styles[style.get(_W + "styleId", "")] = (
                name.get(_W + "val", "") if name is not None else "",
                style.find(f"{_W}pPr/{_W}numPr") is not None,
                based.get(_W + "val", "") if based is not None else "",
            )

    def lines(self) -> list[str]:
        body = self._blocks(self.document.element.body)  # type: ignore[attr-defined]
        header, footer = self._header_footer_lines()
        seen = set(body)
        return (
            [line for line in header if line not in seen]
            + body
            + [line for line in footer if line not in seen]
        )

    def _header_footer_lines(self) -> tuple[list[str], list[str]]:
        header: list[str] = []
        footer: list[str] = []
        for rel in self.document.part.rels.values():  # type: ignore[attr-defined]
            kind = rel.reltype.rsplit("/", 1)[-1]
            if rel.is_external or kind not in ("header", "footer"):
                continue
            target = header if kind == "header" else footer
            for line in self._blocks(rel.target_part.element):
                if line not in target:
                    target.append(line)
        return header, footer

    def _blocks(self, parent: object) -> list[str]:
        lines: list[str] = []
        for child in parent:  # type: ignore[attr-defined]
            if child.tag == _W + "p":
                lines.extend(self._paragraph(child))
            elif child.tag == _W + "tbl":
                lines.extend(self._table(child))
            elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
                lines.extend(self._blocks(child))
        return lines

    def _paragraph(self, p: object) -> list[str]:
        text = self._inline(p)
        lines = [line for line in text.split("\n") if line.strip()]
        if lines and self._is_list_item(p):
            lines[0] = "• " + lines[0]
        elif lines and self.marks and not self.in_table:
            lines = self._marked(p, lines)
        for box in _text_boxes(p):
            lines.extend(self._blocks(box))
        return lines

    def _inline(self, element: object) -> str:
        parts: list[str] = []
        for child in element:  # type: ignore[attr-defined]
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag == _W + "t":
                parts.append(child.text or "")
            elif tag in (_W + "tab", _W + "ptab"):
                parts.append("\t")  # tab stops separate a title from its dates
            elif tag in (_W + "br", _W + "cr"):
                parts.append("\n")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
            elif tag == _W + "hyperlink":
                parts.append(self._hyperlink(child))
            elif isinstance(tag, str):
                parts.append(self._inline(child))
        return "".join(parts)

    def _hyperlink(self, link: object) -> str:
        """Link text, plus its address when the text hides it ("LinkedIn" -> the URL)."""
        text = self._inline(link)
        rel = self.document.part.rels.get(link.get(_R_ID, ""))  # type: ignore[attr-defined]
        if rel is None or not rel.is_external:
            return text
        url = rel.target_ref.removeprefix("mailto:")
        bare = re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
        if not url.startswith(("http", "www")) and "@" not in url:
            return text
        return text if bare.lower() in text.lower() else f"{text} ({url})"

    def _marked(self, p: object, lines: list[str]) -> list[str]:
        """A heading style as "## ", a paragraph whose every word is bold as "**...**"."""
        level = self._heading_level(p)
        if level:
            return [f"{'#' * level} {line.strip()}" for line in lines]
        if _all_bold(p, self._style_bold(p)):
            return [f"**{line.strip()}**" for line in lines]
        return lines

    def _style_chain(self, p: object) -> list[str]:
        ppr = p.find(_W + "pPr")  # type: ignore[attr-defined]
        style = ppr.find(_W + "pStyle") if ppr is not None else None
        style_id = style.get(_W + "val", "") if style is not None else ""
        chain = []
        for _ in range(10):  # basedOn chains are short; the bound guards against loops
            if style_id not in self.styles:
                break
            chain.append(style_id)
            style_id = self.styles[style_id][2]
        return chain

    def _is_title(self, p: object) -> bool:
        """The paragraph has Word's Title style (the name, on a resume)."""
        return any(self.styles[i][0].lower() == "title" for i in self._style_chain(p))

    def _heading_level(self, p: object) -> int:
        for style_id in self._style_chain(p):
            name = self.styles[style_id][0].lower()
            if name == "title":
                return 1
            if m := re.fullmatch(r"heading ([1-6])", name):
                return int(m.group(1))
        return 0

    def _style_bold(self, p: object) -> bool:
        """Whether the paragraph's style makes its text bold."""
        root = self.document.styles.element  # type: ignore[attr-defined]
        for style_id in self._style_chain(p):
            for style in root.iterchildren(_W + "style"):
                if style.get(_W + "styleId") == style_id:
                    return _on(style.find(f"{_W}rPr/{_W}b"), False)
        return False

    def _is_list_item(self, p: object) -> bool:
        """Word bullets are list formatting (numPr), often through the paragraph style."""
        ppr = p.find(_W + "pPr")  # type: ignore[attr-defined]
        if ppr is None:
            return False
        num = ppr.find(_W + "numPr")
        if num is not None:
            num_id = num.find(_W + "numId")
            return num_id is None or num_id.get(_W + "val") != "0"
        style = ppr.find(_W + "pStyle")
        style_id = style.get(_W + "val", "") if style is not None else ""
        for _ in range(10):  # basedOn chains are short; the bound guards against loops
            if style_id not in self.styles:
                return False
            name, numbered, based = self.styles[style_id]
            if numbered or name.lower().startswith("list"):
                return True
            style_id = based
        return False

    def _table(self, table: object) -> list[str]:
        """A row of one-line cells is one line; a row of long cells lays out the page; a row
        with one long cell is an entry (see `_entry_row`)."""
        lines: list[str] = []
        self.in_table = True
        for row in _children(table, "tr"):
            elements = [cell for cell in _children(row, "tc") if self._blocks(cell)]
            cells = [self._blocks(cell) for cell in elements]
            if len(cells) >= 2 and sum(len(cell) > 1 for cell in cells) >= 2:
                lines.extend(self._page_table(elements, cells))
                continue
            if all(len(cell) == 1 for cell in cells):
                if cells:
                    lines.append("\t".join(cell[0] for cell in cells))
                continue
            lines.extend(_entry_row(cells))
        self.in_table = False
        return lines

    def _page_table(self, elements: list[object], cells: list[list[str]]) -> list[str]:
        """A row of long cells lays out the page (a sidebar beside the main text): the main
        cell first, the others after it, but a sidebar's lines above its first heading
        (the contact details, with no heading of their own) go before everything, where
        a resume's header is."""
        order = sorted(range(len(cells)), key=lambda i: -sum(len(line) for line in cells[i]))
        head: list[str] = []
        body: list[str] = []
        for i in order:  # the main cell's own lines above a heading (its name) come first
            lead = self._lines_before_heading(elements[i])
            head += cells[i][:lead]
            body += cells[i][lead:]
        return head + body

    def _lines_before_heading(self, cell: object) -> int:
        """How many lines of a cell come before its first heading-styled paragraph."""
        count = 0
        for child in cell:  # type: ignore[attr-defined]
            if child.tag == _W + "tcPr":
                continue
            if child.tag != _W + "p":
                return 0
            if self._heading_level(child) and not self._is_title(child):
                return count
            count += len(self._paragraph(child))
        return 0  # no heading at all: not a sidebar with its own sections


def _entry_row(cells: list[list[str]]) -> list[str]:
    """A table row with one long cell: an entry, its short cells read left to right around
    it (a label on the left, "Main activities and responsibilities", comes first), but
    dates alone in a cell (Europass) join its first line, as dates set at the right of a
    heading do."""
    main_index = max(range(len(cells)), key=lambda i: sum(len(line) for line in cells[i]))
    main = cells[main_index]
    before: list[str] = []
    after: list[str] = []
    dated = False
    for i, cell in enumerate(cells):
        if i == main_index:
            continue
        if not dated and len(cell) == 1 and _only_dates(cell[0]):
            main, dated = [f"{main[0]}\t{cell[0]}", *main[1:]], True
        else:
            (before if i < main_index else after).extend(cell)
    return before + main + after


def _only_dates(text: str) -> bool:
    """A cell holding nothing but a date or a range of dates."""
    text = clean_line(text)
    return bool(DATE.fullmatch(text) or DATE_RANGE.fullmatch(text))


def _all_bold(p: object, style_bold: bool) -> bool:
    """Whether every run with visible text in the paragraph is bold."""
    seen = False
    for run in p.iter(_W + "r"):  # type: ignore[attr-defined]
        text = "".join(t.text or "" for t in run.iter(_W + "t"))
        if not text.strip():
            continue
        seen = True
        if not _on(run.find(f"{_W}rPr/{_W}b"), style_bold):
            return False
    return seen


def _on(toggle: object, default: bool) -> bool:
    """A Word on/off property (<w:b/>, <w:b w:val="0"/>), or the default when absent."""
    if toggle is None:
        return default
    return toggle.get(_W + "val", "true") not in ("0", "false")  # type: ignore[attr-defined]


def _children(element: object, tag: str) -> Iterator[object]:
    """Children with the tag, looking through content controls (w:sdt)."""
    for child in element:  # type: ignore[attr-defined]
        if child.tag == _W + tag:
            yield child
        elif child.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            yield from _children(child, tag)


def _text_boxes(p: object) -> list[object]:
    """Outermost text boxes in a paragraph, skipping the duplicate VML fallback copies."""
    boxes = []
    for box in p.iter(_W + "txbxContent"):  # type: ignore[attr-defined]
        ancestors = list(box.iterancestors())
        inside = ancestors[: ancestors.index(p)] if p in ancestors else ancestors
        if not any(a.tag in (_MC_FALLBACK, _W + "txbxContent") for a in inside):
            boxes.append(box)
    return boxes


# --- Markdown ------------------------------------------------------------------


@dataclass(frozen=True)
class MarkedLine:
    """A line of text with what its markup said about it."""

    text: str
    heading: int = 0  # 1-6 for "# ..." to "###### ...", else 0
    strong: bool = False  # the whole line is bold ("**Senior PM, Acme**")


def markdown_to_text(md: str) -> str:
    """Markdown syntax off, list items kept as "• " lines, link targets kept."""
    return "\n".join(line.text for line in markdown_lines(md))


def markdown_lines(md: str) -> list[MarkedLine]:
    """Lines of Markdown without their syntax, each with its heading level and boldness."""
    out: list[MarkedLine] = []
    for line in md.splitlines():
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")) or re.fullmatch(r"[-=*_ ]{3,}", stripped):
            continue  # fences, rules, setext underlines
        if re.fullmatch(r"\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?", stripped):
            continue  # table separator row
        heading = re.match(r"^\s{0,3}(#{1,6})\s+", line)
        line = re.sub(r"^\s{0,3}(#{1,6}\s+|>\s?)", "", line)
        line = re.sub(r"^\s*(?:[-*+]|\d{1,2}[.)])\s+", "• ", line)
        line = re.sub(r"^\s*\|(.*)\|\s*$", lambda m: m.group(1).replace("|", "\t"), line)
        strong = bool(re.fullmatch(r"\s*(\*\*|__)(?:(?!\1).)+\1\s*", line))
        level = len(heading.group(1)) if heading else 0
        out.extend(MarkedLine(text, level, strong) for text in _markdown_inline(line).split("\n"))
    return out


def _markdown_inline(line: str) -> str:
    line = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", line)
    line = re.sub(r"\[([^\]]+)\]\(\s*<?([^)\s>]+)>?[^)]*\)", _markdown_link, line)
    line = re.sub(r"<((?:https?|mailto):[^>\s]+)>", r"\1", line)
    line = re.sub(r"<br\s*/?>", "\n", line, flags=re.I)
    line = re.sub(r"</?[A-Za-z][^>]*>", "", line)
    line = re.sub(r"(\*\*|__)(.+?)\1", r"\2", line)
    line = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", line)
    line = re.sub(r"(?<!\w)_(?!\s)(.+?)(?<!\s)_(?!\w)", r"\1", line)
    return re.sub(r"`([^`]*)`", r"\1", line)


def _markdown_link(m: re.Match[str]) -> str:
    text, url = m.group(1), m.group(2).removeprefix("mailto:")
    bare = re.sub(r"^https?://(www\.)?", "", url).rstrip("/")
    return text if bare.lower() in text.lower() else f"{text} ({url})"
