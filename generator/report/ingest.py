"""Resume and job-description files (PDF, DOCX, Markdown, text) to structured objects.

Reading refuses bad input with one clear line (`IngestError`), never a traceback:
the size is checked before reading, the page count before parsing. Parsing is pure
and deterministic. Resumes hold personal data: nothing here logs or prints text.

Cleaned text marks list items with a leading "• " and pieces of one line that
were far apart on the page (a title and its dates) with " | ".
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from generator.report.documents import (
    Contact,
    Education,
    JobDescription,
    Position,
    Resume,
)
from generator.report.pdf_text import pdf_lines, quiet

MAX_BYTES = 10 * 1024 * 1024
MAX_PAGES = 20
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024  # a real DOCX resume is well under 5 MB unpacked
MAX_COMPRESSION_RATIO = 100  # text XML compresses ~10:1; far more is a zip bomb
MIN_RESUME_WORDS = 40
MIN_JD_WORDS = 15

FORMATS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
}
_NO_VOCABULARY: Mapping[str, Sequence[str]] = MappingProxyType({})


class IngestError(Exception):
    """A file that cannot be read or analysed; the message is one line for the user."""


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _fail(path: Path, problem: str) -> IngestError:
    name = re.sub(r"[\x00-\x1f\x7f]", "?", Path(path).name)
    return IngestError(f"{name}: {problem}")


# === reading files =============================================================


def read_text(path: Path) -> tuple[str, str, int]:
    """(cleaned text, source format, pages) of a .pdf, .docx, .md/.markdown or .txt file."""
    path = Path(path)
    suffix = path.suffix.lower()
    fmt = FORMATS.get(suffix)
    if fmt is None:
        shown = suffix or "(no extension)"
        raise _fail(path, f"unsupported file type {shown}: use PDF, DOCX, Markdown or plain text")
    data = _read_bytes(path)
    if fmt == "pdf":
        raw, pages = _read_pdf(data, path)
    elif fmt == "docx":
        raw, pages = _read_docx(data, path)
    else:  # plain text is often pasted Markdown, so both get the Markdown cleanup
        raw, pages = markdown_to_text(_decode(data, path)), 1
    text = clean_text(raw)
    if sum(ch.isalpha() for ch in text) < 20:
        if fmt == "pdf":
            raise _fail(path, "no text found: scanned PDFs are not supported")
        raise _fail(path, "no text found in the file")
    return text, fmt, pages


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise _fail(path, "not a file")
        if size > MAX_BYTES:
            mb = size / (1024 * 1024)
            raise _fail(path, f"file is too large ({mb:.1f} MB): the limit is 10 MB")
        if size == 0:
            raise _fail(path, "the file is empty")
        return path.read_bytes()
    except FileNotFoundError:
        raise _fail(path, "file not found") from None
    except OSError as exc:
        raise _fail(path, f"could not open the file ({exc.strerror or 'read error'})") from None


def _decode(data: bytes, path: Path) -> str:
    """Text files: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _fail(path, "the text is not valid UTF-16") from None
    if b"\x00" in data:
        raise _fail(path, "this is not a text file: it holds binary data")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _fail(path, "the text is not UTF-8: save the file as UTF-8 and upload it again")


# --- PDF -----------------------------------------------------------------------


def _read_pdf(data: bytes, path: Path) -> tuple[str, int]:
    if b"%PDF-" not in data[:1024]:
        raise _fail(path, "not a valid PDF file")
    pages = _pdf_page_count(data, path)
    try:
        lines = pdf_lines(data, max_pages=MAX_PAGES)
    except Exception:  # pdfminer raises many types on damaged files; all mean the same
        raise _fail(path, "could not read the PDF: the file is damaged") from None
    return "\n".join(lines), pages


def _pdf_page_count(data: bytes, path: Path) -> int:
    """Pages of the PDF, refusing encrypted and over-long files before any layout work."""
    from pypdf import PdfReader

    try:
        with quiet("pypdf"):
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not _opens_without_password(reader):
                raise _fail(path, "the PDF is encrypted: remove the password and upload it again")
            pages = len(reader.pages)
    except IngestError:
        raise
    except Exception:
        raise _fail(path, "could not read the PDF: the file is damaged") from None
    if pages == 0:
        raise _fail(path, "the PDF has no pages")
    if pages > MAX_PAGES:
        raise _fail(path, f"too many pages ({pages}): the limit is {MAX_PAGES}")
    return pages


def _opens_without_password(reader: object) -> bool:
    """PDFs locked only against editing open with an empty password; those are fine."""
    try:
        return bool(reader.decrypt(""))  # type: ignore[attr-defined]
    except Exception:
        return False


# --- DOCX ----------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# Elements whose text is not part of the paragraph's visible text (or is read elsewhere).
_SKIP = {_W + tag for tag in ("pPr", "rPr", "txbxContent", "instrText", "delText")}
_SKIP.add(_MC_FALLBACK)


def _read_docx(data: bytes, path: Path) -> tuple[str, int]:
    pages = _check_docx_archive(data, path)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        lines = _DocxReader(document).lines()
    except Exception:
        raise _fail(path, "could not read the DOCX file: it is damaged") from None
    return "\n".join(lines), pages


def _check_docx_archive(data: bytes, path: Path) -> int:
    """Refuse non-zips, zip bombs and over-long documents; return the page count."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _fail(
            path, "not a valid DOCX file (not a zip archive); an old .doc must be saved as .docx"
        ) from None
    try:
        with archive:
            members = archive.infolist()
            _check_unzipped_size(members, path)
            if "word/document.xml" not in {m.filename for m in members}:
                raise _fail(path, "not a valid DOCX file: word/document.xml is missing")
            pages = _docx_pages(archive)
    except IngestError:
        raise
    except Exception:  # zlib, CRC and header errors in the members
        raise _fail(path, "could not read the DOCX file: it is damaged") from None
    if pages > MAX_PAGES:
        raise _fail(path, f"too many pages ({pages}): the limit is {MAX_PAGES}")
    return pages


def _check_unzipped_size(members: list[zipfile.ZipInfo], path: Path) -> None:
    if len(members) > 1000:
        raise _fail(path, f"the DOCX holds too many parts ({len(members)})")
    total = sum(m.file_size for m in members)
    if total > MAX_UNZIPPED_BYTES:
        mb = total / (1024 * 1024)
        raise _fail(path, f"the DOCX is too large when unpacked ({mb:.0f} MB): the limit is 50 MB")
    for m in members:
        ratio = m.file_size / max(m.compress_size, 1)
        if m.file_size > 1024 * 1024 and ratio > MAX_COMPRESSION_RATIO:
            raise _fail(path, f"the DOCX looks like a zip bomb (compression ratio {ratio:.0f}:1)")


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
    styles: dict[str, tuple[str, bool, str]] = field(default_factory=dict)

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
        """A row of one-line cells is one line; otherwise the fullest cell comes first."""
        lines: list[str] = []
        for row in _children(table, "tr"):
            cells = [self._blocks(cell) for cell in _children(row, "tc")]
            cells = [cell for cell in cells if cell]
            if all(len(cell) == 1 for cell in cells):
                if cells:
                    lines.append("\t".join(cell[0] for cell in cells))
                continue
            for cell in sorted(cells, key=lambda c: -sum(len(line) for line in c)):
                lines.extend(cell)
        return lines


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


def markdown_to_text(md: str) -> str:
    """Markdown syntax off, list items kept as "• " lines, link targets kept."""
    out: list[str] = []
    for line in md.splitlines():
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")) or re.fullmatch(r"[-=*_ ]{3,}", stripped):
            continue  # fences, rules, setext underlines
        if re.fullmatch(r"\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?", stripped):
            continue  # table separator row
        line = re.sub(r"^\s{0,3}(#{1,6}\s+|>\s?)", "", line)
        line = re.sub(r"^\s*(?:[-*+]|\d{1,2}[.)])\s+", "• ", line)
        line = re.sub(r"^\s*\|(.*)\|\s*$", lambda m: m.group(1).replace("|", "\t"), line)
        out.extend(_markdown_inline(line).split("\n"))
    return "\n".join(out)


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


# === cleaning ==================================================================

_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st"})
_DASHES_QUOTES = str.maketrans(
    {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
    }
)
# Glyphs that open a list item. "-" and "*" only count when a space follows.
_LEAD_BULLETS = "•◦▪‣●○■□►▶➢➤✓✔❖◆◇·∙⁃➔→"
_MID_BULLETS = re.compile(r"\s*[◦▪‣●○■□►▶➢➤❖◆◇∙⁃]\s*")
# Icon fonts (private use area), emoji, arrows, dingbats, box drawing: junk in text.
_ICONS = re.compile(
    "[\ue000-\uf8ff\U000f0000-\U0010fffd\u2190-\u21ff\u2300-\u23ff\u2500-\u27bf"
    "\u2b00-\u2bff\U0001f000-\U0001faff\ufe0e\ufe0f]"
)
_CID = re.compile(r"\(cid:\d+\)")


def clean_line(line: str) -> str:
    """One line, normalized; a list item comes back as "• text"."""
    s = line.replace("\u00ad", "").translate(_LIGATURES)
    s = unicodedata.normalize("NFKC", s).translate(_DASHES_QUOTES)
    s = re.sub(r"\s*\t[\s\t]*", "\t", s.strip())
    bullet, s = _strip_lead_bullets(s)
    s = _CID.sub(" ", s)
    s = _MID_BULLETS.sub(" • ", s)
    s = _ICONS.sub(" ", s)
    s = "".join(ch for ch in s if ch == "\t" or unicodedata.category(ch) not in ("Cc", "Cf"))
    s = s.strip().replace("\t", " | ")
    s = re.sub(r"\s+", " ", s).strip(" |•")
    if bullet == "icon" and _is_contact_line(s):
        bullet = ""  # an envelope or phone icon before contact details, not a list
    return f"• {s}" if bullet and s else s


def _strip_lead_bullets(s: str) -> tuple[str, str]:
    """("glyph" | "icon" | "", rest): icon means only icon-font glyphs were stripped."""
    kind = ""
    while s:
        m = _CID.match(s) or re.match(r"(?:[-*]|\d{1,2}[.)])(?=\s)|o(?=\s+[A-Z])", s)
        if m:
            s, kind = s[m.end() :].lstrip(), "glyph"
        elif 0xE000 <= ord(s[0]) <= 0xF8FF:
            s, kind = s[1:].lstrip(), kind or "icon"
        elif s[0] in _LEAD_BULLETS:
            s, kind = s[1:].lstrip(), "glyph"
        else:
            break
    return kind, s


def clean_text(text: str) -> str:
    """Whole text cleaned line by line; runs of blank lines become one."""
    text = re.sub(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]", "\n", text)
    out: list[str] = []
    for line in text.split("\n"):
        cleaned = clean_line(line)
        if cleaned or (out and out[-1]):
            out.append(cleaned)
    return "\n".join(out).strip()


def split_bullet(line: str) -> tuple[bool, str]:
    """(is a list item, text without the bullet) of a line."""
    cleaned = clean_line(line)
    if cleaned.startswith("• "):
        return True, cleaned[2:]
    return False, cleaned


# === resumes ===================================================================


def read_resume(path: Path) -> Resume:
    """Read and parse a resume, refusing one too thin to analyse honestly."""
    path = Path(path)
    text, fmt, pages = read_text(path)
    try:
        resume = parse_resume(text, source_format=fmt, pages=pages)
    except Exception as exc:  # a parser bug must still reach the user as one line
        raise _fail(path, "could not make sense of the resume text") from exc
    words = len(text.split())
    if words < MIN_RESUME_WORDS:
        raise _fail(
            path,
            f"too little of the resume could be read to analyse it: only {words} words of text",
        )
    has_bullets = any(line.startswith("• ") for line in text.splitlines())
    if not resume.positions and not has_bullets:
        raise _fail(
            path,
            "too little of the resume could be read to analyse it: "
            "no work experience and no bullet points were found",
        )
    return resume


@dataclass
class _Line:
    text: str
    bullet: bool = False


@dataclass
class _Section:
    kind: str
    lines: list[_Line] = field(default_factory=list)


def parse_resume(text: str, source_format: str = "text", pages: int = 1) -> Resume:
    """Structured resume from text (cleaned or not): sections, positions, skills."""
    lines = markdown_to_text(text).splitlines()
    items = [_Line(t, b) for b, t in map(split_bullet, lines) if t]
    sections = _sections(_join_lowercase_wraps(items))
    part: dict[str, list[_Line]] = defaultdict(list)
    for section in sections:
        part[section.kind].extend(section.lines)
    name, header_rest = _name(part["header"])
    contact = _contact(header_rest + part["links"], text)
    header_rest = [line for line in header_rest if not _is_header_furniture(line.text, contact)]
    positions, leftovers, tool_lines = _experience(part["experience"])
    if not positions:  # no "Experience" heading: look for dated roles in the header
        positions, header_rest = _undeclared_positions(header_rest)
    summary, header_rest = _summary(part["summary"], header_rest)
    education, edu_leftovers = _education(part["education"])
    skills, skill_leftovers = _skills(part["skills"] + tool_lines)
    other = [line.text for line in header_rest] + leftovers + edu_leftovers + skill_leftovers
    other += [line.text for kind in ("projects", "certifications", "other") for line in part[kind]]
    return Resume(
        name=name,
        contact=contact,
        summary=summary,
        positions=positions,
        education=education,
        skills=skills,
        other_lines=other,
        source_format=source_format,
        pages=pages,
    )


def _is_header_furniture(text: str, contact: Contact) -> bool:
    """Contact details, a bare location, or a "Resume" title: nothing to analyse."""
    title = re.fullmatch(r"(?i)resume|résumé|curriculum vitae|cv", text.strip())
    return bool(title) or text == contact.location or _is_contact_line(text)


def _experience(items: list[_Line]) -> tuple[list[Position], list[str], list[_Line]]:
    """Positions, unplaced lines, and "Tools: ..." lines that belong with the skills."""
    tools = [item for item in items if not item.bullet and _label_kind(item.text) == "skills"]
    positions, leftovers = _positions([item for item in items if item not in tools])
    return positions, leftovers, tools


def _undeclared_positions(lines: list[_Line]) -> tuple[list[Position], list[_Line]]:
    found, rest = _positions(lines)
    if any(p.start for p in found):
        return found, [_Line(text) for text in rest]
    return [], lines


def _summary(lines: list[_Line], header_rest: list[_Line]) -> tuple[str, list[_Line]]:
    """The summary section, or else the prose sentences at the top of the resume."""
    if lines:
        return " ".join(line.text for line in lines), header_rest
    prose = [line for line in header_rest if len(line.text.split()) >= 12]
    return " ".join(line.text for line in prose), [x for x in header_rest if x not in prose]


def _join_lowercase_wraps(items: list[_Line]) -> list[_Line]:
    """A line starting in lower case right after a list item is that item wrapped."""
    out: list[_Line] = []
    for item in items:
        prev = out[-1] if out else None
        wrapped = (
            prev is not None
            and prev.bullet
            and not item.bullet
            and item.text[:1].islower()
            and " | " not in item.text
            and not _DATE_RANGE.search(item.text)
            and not _is_contact_line(item.text)  # "jane@example.com" starts in lower case
        )
        if wrapped and prev is not None:
            prev.text = _join_words(prev.text, item.text)
        else:
            out.append(_Line(item.text, item.bullet))
    return out


def _join_words(a: str, b: str) -> str:
    return a + b if a.endswith("-") and a[-2:-1].isalnum() else f"{a} {b}"


# --- sections ------------------------------------------------------------------

_HEADINGS: dict[str, str] = {}
for _kind, _phrases in {
    "experience": "experience|work experience|professional experience|employment|"
    "employment history|work history|career history|relevant experience|professional "
    "background|career|professional history|industry experience|internships|"
    "internship experience|experience summary|work|positions held",
    "education": "education|academic background|academics|education and training|"
    "academic qualifications|educational background|education history",
    "skills": "skills|technical skills|core skills|key skills|core competencies|"
    "competencies|technologies|tools|tech stack|skills and tools|areas of expertise|"
    "expertise|technical proficiencies|proficiencies|skill set|skillset|toolbox|"
    "technical expertise|it skills|computer skills|professional skills|soft skills",
    "summary": "summary|professional summary|profile|professional profile|about|about me|"
    "objective|career objective|career summary|overview|personal statement|"
    "executive summary|summary of qualifications|introduction",
    "projects": "projects|personal projects|selected projects|side projects|key projects|"
    "open source|portfolio|academic projects|project experience|open source contributions",
    "certifications": "certifications|certificates|certification|licenses|"
    "licenses and certifications|licences and certifications|courses|training|"
    "certifications and training|coursework|relevant coursework",
    "other": "awards|honors|honours|achievements|accomplishments|publications|volunteer|"
    "volunteering|volunteer experience|languages|interests|hobbies|activities|leadership|"
    "affiliations|memberships|references|additional information|extracurricular activities|"
    "awards and honors|patents|talks|speaking|research|research experience|military service",
    "links": "links|contact|contact information|contact details|online|social|profiles|"
    "online presence",
}.items():
    _HEADINGS.update(dict.fromkeys(_phrases.split("|"), _kind))
# Headings with the spaces taken out, for letter-spaced ones ("W O R K E X P ...").
_SPACELESS_HEADINGS = {phrase.replace(" ", ""): kind for phrase, kind in _HEADINGS.items()}


def _heading_kind(text: str) -> str | None:
    """Section kind of a heading line ("WORK EXPERIENCE", "Skills & Awards:"), else None."""
    collapsed = _collapse_spaced_letters(text)
    if collapsed != text:
        return _SPACELESS_HEADINGS.get(collapsed.lower())
    norm = re.sub(r"[^a-z&/,+ ]", "", text.lower().replace("&", " and "))
    norm = re.sub(r"\s+", " ", norm).strip()
    if not norm or len(norm.split()) > 6 or re.search(r"\d|@", text):
        return None
    if norm in _HEADINGS:
        return _HEADINGS[norm]
    parts = [p.strip() for p in re.split(r"\band\b|/|,|\+", norm) if p.strip()]
    if len(parts) > 1 and all(p in _HEADINGS for p in parts):
        return _HEADINGS[parts[0]]
    return None


def _collapse_spaced_letters(text: str) -> str:
    """ "S U M M A RY" -> "SUMMARY": a letter-spaced heading read as single letters.

    Only a line made of nothing but capitals, most of them alone, is collapsed
    (not "A B testing" or "J. R. R. Tolkien"); the caller checks the result
    against the known headings, so nothing else is changed.
    """
    words = text.split()
    if len(words) < 4 or not all(w.isalpha() and w.isupper() for w in words):
        return text
    single = sum(len(w) == 1 for w in words)
    return "".join(words) if single >= len(words) - 2 else text


def _sections(items: list[_Line]) -> list[_Section]:
    sections = [_Section("header")]
    for item in items:
        kind = None if item.bullet else _heading_kind(item.text.rstrip(":"))
        if kind:
            sections.append(_Section(kind))
            continue
        inline = None if item.bullet else _inline_heading(item.text, sections[-1].kind)
        if inline:
            kind, rest = inline
            sections.append(_Section(kind, [_Line(rest)]))
            continue
        sections[-1].lines.append(item)
    return sections


def _inline_heading(text: str, current: str) -> tuple[str, str] | None:
    """ "Skills: Python, SQL" opens a section, but a sub-label inside one does not.

    Inside Skills, "Languages:" or "Tools:" are groups of skills; inside a job,
    "Tools: SQL" belongs to the job; inside Education, "Coursework:" is a detail.
    """
    kind = _label_kind(text)
    if kind is None or kind == current or current in ("skills", "experience"):
        return None
    if current == "education" and kind not in ("skills", "experience", "summary"):
        return None
    return kind, text.split(":", 1)[1].strip(" |")


def _label_kind(text: str) -> str | None:
    """Section kind of a "Label: content" line's label, else None."""
    m = re.match(r"([A-Za-z][A-Za-z &/]{2,40}):\s*\S", text)
    return _heading_kind(m.group(1)) if m else None


# --- header: name and contact --------------------------------------------------

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s|,;()<>]+"
    r"|(?<![\w.@])(?:[\w-]+\.)*(?:linkedin|github|gitlab|twitter|x|medium|behance|dribbble|"
    r"stackoverflow|kaggle|bitbucket)\.com/[^\s|,;()<>]*"
    r"|(?<![\w.@/])[a-z0-9-]+\.(?:dev|io|me|site|page|app|codes)(?:/[^\s|,;()<>]*)?(?![\w.])",
    re.I,
)
_PHONE = re.compile(r"(?<![\w+])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d[\d\s.-]{6,}\d(?!\w)")
_US_STATE = r"(?:[A-Z]{2})"
_PLACE = r"[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){0,3}"
_LOCATION = re.compile(rf"{_PLACE},\s*(?:{_US_STATE}|{_PLACE})|Remote|Hybrid")


def _name(header: list[_Line]) -> tuple[str, list[_Line]]:
    """The first header line that reads like a name; the other header lines.

    A headline above the name ("Senior Engineer") is passed over for a later
    name-like line without job-title words.
    """
    # A glyph before the very first line is an icon (a person), not a list.
    top = [_Line(header[0].text)] + header[1:5] if header else []
    candidates = [i for i, line in enumerate(top) if _name_part(line)]
    if not candidates:
        return "", list(header)
    i = next((i for i in candidates if _title_score(_name_part(top[i])) <= 0), candidates[0])
    line = top[i]
    name = _name_part(line)
    rest = header[:i] + header[i + 1 :]
    extra = line.text.split(" | ", 1)[1].strip() if " | " in line.text else ""
    if extra:
        rest.insert(i, _Line(extra))
    return (name.title() if name.isupper() else name), rest


def _name_part(line: _Line) -> str:
    """The name in a line ("Jane Doe, PhD | Berlin" -> "Jane Doe"), or "" if none."""
    candidate = line.text.split(" | ")[0].strip()
    candidate = re.sub(r",\s*(?:[A-Z][A-Za-z.]{1,5}\b\.?\s*){1,3}$", "", candidate)
    words = candidate.split()
    if (
        line.bullet
        or _is_contact_line(candidate)
        or not 1 <= len(words) <= 6
        or re.search(r"[\d@/:,]", candidate)
        or re.fullmatch(r"(?i)resume|résumé|curriculum vitae|cv", candidate)
    ):
        return ""
    return candidate


def _is_contact_line(text: str) -> bool:
    return bool(_EMAIL.search(text) or _URL.search(text) or _phones(text))


def _phones(text: str) -> list[str]:
    found = []
    for m in _PHONE.finditer(_EMAIL.sub(" ", text)):
        digits = re.sub(r"\D", "", m.group(0))
        if 9 <= len(digits) <= 15 and not _DATE_RANGE.fullmatch(m.group(0).strip()):
            found.append(m.group(0).strip())
    return found


def _contact(lines: list[_Line], full_text: str) -> Contact:
    emails: list[str] = []
    links: list[str] = []
    phones: list[str] = []
    location = ""
    for line in lines:
        text = line.text
        emails += _EMAIL.findall(text)
        without_email = _EMAIL.sub(" ", text)
        links += [u.rstrip(".,") for u in _URL.findall(without_email)]
        phones += _phones(without_email)
        if not location and (_is_contact_line(text) or len(lines) <= 6):
            location = _location_in(text)
    if not emails:
        emails = _EMAIL.findall(full_text)[:1]
    return Contact(
        email=emails[0] if emails else "",
        phone=phones[0] if phones else "",
        location=location,
        links=list(dict.fromkeys(links)),
    )


def _location_in(text: str) -> str:
    rest = _URL.sub(" ", _EMAIL.sub(" ", text))
    for phone in _phones(rest):
        rest = rest.replace(phone, " ")
    for piece in re.split(r"\s+,\s+|\s*[|•·;]\s*|\s{2,}", rest):
        piece = piece.strip(" ,")
        if _LOCATION.fullmatch(piece) and not _DATE.search(piece):
            return piece
    return ""


# --- dates ---------------------------------------------------------------------

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"(?:19[5-9]\d|20\d\d)"
_MONTH_NUMBER = r"(?:0?[1-9]|1[0-2])"
_DATE_SRC = (
    rf"(?:(?:{_MONTH}|spring|summer|fall|autumn|winter)\s*,?\s*'?{_YEAR}"
    rf"|{_MONTH_NUMBER}\s*/\s*{_YEAR}|{_MONTH_NUMBER}/\d{{2}}(?![\d/])"
    rf"|{_YEAR}[-/.](?:0[1-9]|1[0-2])(?!\d)"
    rf"|{_YEAR})"
)
_PRESENT = r"(?:present|current(?:ly)?|now|today|ongoing|to date|date)"
_DATE = re.compile(rf"(?<![\w/]){_DATE_SRC}(?![\w/])", re.I)
_DATE_RANGE = re.compile(
    rf"(?<![\w/])(?P<start>{_DATE_SRC})\s*(?:-|to|until|till|through|thru|→)\s*"
    rf"(?P<end>{_DATE_SRC}|{_PRESENT})(?![\w/])",
    re.I,
)
_SINCE = re.compile(rf"\bsince\s+(?P<start>{_DATE_SRC})(?![\w/])", re.I)
# "(2 yrs 3 mos)" after the dates, as LinkedIn exports write it.
_DURATION = re.compile(r"\(?\b\d+\+?\s*(?:yrs?|years?)(?:,?\s*\d+\s*(?:mos?|months?))?\)?", re.I)


def _role_date(line: str) -> bool:
    """Whether a line carries a role's dates (not just a year inside a sentence)."""
    if _DATE_RANGE.search(line) or _SINCE.search(line):
        return True
    return any(_DATE.fullmatch(piece) for piece in _pieces(line))


def _take_dates(text: str) -> tuple[str, str, str]:
    """(start, end, text without the dates); a lone date is both start and end."""
    m = _DATE_RANGE.search(text) or _SINCE.search(text)
    if m:
        end = m.groupdict().get("end") or ""
        return m.group("start"), end, _drop_span(text, m.span())
    m = _DATE.search(text)
    if m:
        return m.group(0), m.group(0), _drop_span(text, m.span())
    return "", "", text


def _drop_span(text: str, span: tuple[int, int]) -> str:
    rest = f"{text[: span[0]]} | {_DURATION.sub(' ', text[span[1] :])}"
    rest = re.sub(r"\(\s*\|?\s*\)", " ", rest)
    return re.sub(r"\s+", " ", rest).strip(" |,-")


# --- positions -----------------------------------------------------------------

_TITLE_WORDS = _word_set(
    "engineer engineering developer manager director analyst designer scientist architect "
    "consultant specialist technician administrator coordinator officer intern internship "
    "associate assistant lead head vp president founder co-founder cofounder owner programmer "
    "researcher representative executive sre devops tester qa senior junior staff principal "
    "sr jr chief cto ceo cfo coo advisor trainer teacher instructor professor nurse accountant "
    "writer editor recruiter strategist supervisor clerk agent fellow contractor freelance "
    "freelancer member volunteer partner producer marketer operator swe pm"
)
_COMPANY_WORDS = _word_set(
    "inc llc ltd corp corporation company co gmbh ag plc group labs lab technologies "
    "systems solutions bank university college school district hospital agency studio "
    "studios capital ventures consulting services institute foundation association "
    "department ministry government council media networks holdings international "
    "industries health airlines motors limited pty bv sa clinic church"
)
_CONNECTORS = _word_set("and or of the a an to with for in on by from using via at as into")
_PIECE_SPLIT = re.compile(r"\s+[|•·@]\s+|\s*\|\s*|\s+-\s+|\s+at\s+")
_LOCATION_PREFIX = re.compile(rf"({_PLACE},\s*{_US_STATE}),\s*(.+)")
_LOCATION_SUFFIX = re.compile(rf"(.+?),\s*({_PLACE},\s*{_US_STATE})")


@dataclass
class _Header:
    lines: list[str] = field(default_factory=list)

    def has_date(self) -> bool:
        return any(_role_date(line) for line in self.lines)


def _positions(items: list[_Line]) -> tuple[list[Position], list[str]]:
    """Positions from experience lines: heading lines (title, employer, dates) + bullets."""
    positions: list[Position] = []
    leftovers: list[str] = []
    header = _Header()
    group_employer = ""  # "Acme" above several roles, each with its own dates

    def flush() -> None:
        nonlocal group_employer
        if not header.lines:
            return
        position, group = _position_from_header(header.lines, group_employer)
        group_employer = group
        if position:
            positions.append(position)
        else:
            leftovers.extend(header.lines)
        header.lines = []

    for item in items:
        current = positions[-1] if positions and not header.lines else None
        if item.bullet:
            flush()
            if positions:
                positions[-1].bullets.append(item.text)
            else:
                leftovers.append(item.text)
        elif current and current.bullets and _continues(current.bullets[-1], item.text):
            current.bullets[-1] = _join_words(current.bullets[-1], item.text)
        elif _is_description(item.text):  # a sentence, never part of a role's heading
            if positions or header.has_date():
                flush()
                positions[-1].bullets.append(item.text)
            else:
                leftovers.append(item.text)
        else:
            # A second dated line, or a 4th heading line, starts a role: the previous
            # one had no bullets. Up to 3 lines allow "dates / title / employer".
            if header.has_date() and (_role_date(item.text) or len(header.lines) >= 3):
                flush()
            header.lines.append(item.text)
    flush()
    return positions, leftovers


def _continues(bullet: str, line: str) -> bool:
    """A plain line after a bullet is its wrapped tail when the bullet is mid-sentence."""
    if _role_date(line) or " | " in line:
        return False
    last_word = bullet.split()[-1].lower() if bullet.split() else ""
    return bullet.endswith((",", "-", "/", "(", "&")) or last_word in _CONNECTORS


def _is_description(text: str) -> bool:
    """A sentence describing the role, written without a bullet."""
    return len(text.split()) >= 10 and not _role_date(text) and " | " not in text


def _position_from_header(lines: list[str], group_employer: str) -> tuple[Position | None, str]:
    """Title, employer, location and dates from 1-3 heading lines of a role.

    Returns the position and the employer that later title-only roles inherit
    ("Acme" on its own line above "Senior Engineer  2020 - Present").
    """
    start = end = ""
    names: list[tuple[str, int]] = []  # (piece, index of its line)
    dated_line = -1
    location = ""
    for index, line in enumerate(lines):
        if not start:
            start, end, line = _take_dates(line)
            dated_line = index if start else -1
        for piece in _pieces(line):
            if not location and (loc := _split_location(piece)):
                location, piece = loc
            if piece and not _DATE.fullmatch(piece):
                names.append((piece, index))
    if not names:
        return None, group_employer
    if len(names) == 1 and "," in names[0][0]:  # "Software Engineer, Google, Berlin"
        names = [(part.strip(), names[0][1]) for part in names[0][0].split(",") if part.strip()]
    pieces = [piece for piece, _ in names]
    best = max(range(len(pieces)), key=lambda i: (_title_score(pieces[i]), -i))
    others = [i for i in range(len(pieces)) if i != best]
    if not others:
        return _position(pieces[best], group_employer, location, start, end), group_employer
    employer_line = names[others[0]][1]
    heads_group = employer_line != dated_line and names[best][1] == dated_line
    location = location or ", ".join(pieces[i] for i in others[1:] if _title_score(pieces[i]) <= 0)
    position = _position(pieces[best], pieces[others[0]], location, start, end)
    return position, (position.employer if heads_group else "")


def _position(title: str, employer: str, location: str, start: str, end: str) -> Position:
    return Position(title=title, employer=employer, location=location, start=start, end=end)


def _pieces(line: str, split_at: bool = True) -> list[str]:
    """Pieces of a heading line, split at " | ", " - ", " @ " and " at ".

    " at " is kept inside a school's name ("University of Texas at Austin").
    """
    parts: list[str] = []
    joined = False  # whether the next part carries on the last one
    for i, part in enumerate(re.split(f"({_PIECE_SPLIT.pattern})", line)):
        if i % 2:  # a separator
            keep = not split_at or _INSTITUTION.search(parts[-1] if parts else "")
            joined = bool(keep and re.fullmatch(r"\s+at\s+", part))
            if joined and parts:
                parts[-1] += part
            continue
        if joined and parts:
            parts[-1] += part
        else:
            parts.append(part)
        joined = False
    return [p.strip(" ,;:()") for p in parts if p.strip(" ,;:()")]


def _split_location(piece: str) -> tuple[str, str] | None:
    """(location, what is left) when the piece is or holds "City, ST"."""
    if _LOCATION.fullmatch(piece) and _title_score(piece) == 0:
        return piece, ""
    if m := _LOCATION_PREFIX.fullmatch(piece):
        return m.group(1), m.group(2)
    if m := _LOCATION_SUFFIX.fullmatch(piece):
        return m.group(2), m.group(1)
    return None


def _title_score(piece: str) -> int:
    words = re.findall(r"[a-z-]+", piece.lower())
    return sum(w in _TITLE_WORDS for w in words) - 2 * sum(w in _COMPANY_WORDS for w in words)


# --- education -----------------------------------------------------------------

_DEGREE = re.compile(
    r"(?<![A-Za-z])(?:bachelor|master|doctor(?:ate)?|ph\.?\s?d|mba|b\.?\s?sc|m\.?\s?sc|"
    r"b\.?\s?eng|m\.?\s?eng|b\.?\s?tech|m\.?\s?tech|associate'?s? (?:degree|of)|diploma|"
    r"high school diploma|ged|llb|llm|[BM]\.[SA]\.?|[BM][SA](?= in | of ))(?![A-Za-z])",
    re.I,
)
_INSTITUTION = re.compile(
    r"\b(?:university|universit[éeä]t?|college|institute|school|academy|polytechnic|"
    r"conservatory|bootcamp|mit|ucla|nyu|uc\s+\w+)\b",
    re.I,
)


def _education(items: list[_Line]) -> tuple[list[Education], list[str]]:
    """Entries from school, degree and date lines; other lines are details of the last."""
    entries: list[Education] = []
    leftovers: list[str] = []
    for item in items:
        start, end, text = _take_dates(item.text)
        current = entries[-1] if entries else None
        school, degree = _school_and_degree(text)
        plain = bool(text) and not degree and not _INSTITUTION.search(text)
        if current and plain and not item.bullet and not current.end and _dates_line(item.text):
            current.start, current.end = ("", end) if start == end else (start, end)
            if not _DATE_WORDS.fullmatch(text) and not _LOCATION.fullmatch(text):
                current.details.append(text)  # "Exchange term | 2017 - 2018": keep the words
            continue
        if current and (current.institution or current.degree) and (item.bullet or plain):
            current.details.append(item.text)  # "GPA 3.8", "Dean's list"
            continue
        if item.bullet:
            leftovers.append(item.text)
            continue
        if current is None or (school and current.institution) or (degree and current.degree):
            current = Education(institution="")
            entries.append(current)
        current.institution = current.institution or school
        current.degree = current.degree or degree
        if start and not current.end:  # a lone year is when the degree was finished
            current.start, current.end = ("", end) if start == end else (start, end)
    return [e for e in entries if e.institution or e.degree], leftovers


_DATE_WORDS = re.compile(
    r"(?i)(?:graduated|graduating|graduation|expected|anticipated|completed|conferred|"
    r"awarded|class of|grad\.?|degree expected)?\s*:?"
)


def _dates_line(text: str) -> bool:
    """A line of an entry's dates: "2015 - 2019", "Expected May 2026", "Boston, MA | 2019"."""
    start, _, rest = _take_dates(text)
    if not start:
        return False
    return _role_date(text) or bool(_DATE_WORDS.fullmatch(rest) or _LOCATION.fullmatch(rest))


def _school_and_degree(text: str) -> tuple[str, str]:
    """("UC Berkeley", "B.S. Computer Science") from one line; either may be ""."""
    has_degree, has_school = bool(_DEGREE.search(text)), bool(_INSTITUTION.search(text))
    if has_degree and not has_school:
        return "", text
    if not has_degree:  # a school, with or without a keyword ("UC Berkeley | Berkeley, CA")
        pieces = _pieces(text, split_at=False)
        return (pieces[0] if pieces else ""), ""
    text = re.sub(rf"[,|]\s*{_PLACE},\s*{_US_STATE}\s*(?=[,|]|$)", "", text)  # "New Haven, CT"
    pieces = [p for p in re.split(r"\s*[|•·]\s*|\s+-\s+|,\s*", text) if p]
    school = next(p for p in pieces if _INSTITUTION.search(p))
    rest = [p for p in pieces if p != school and not _LOCATION.fullmatch(p)]
    return school, ", ".join(rest)


# --- skills --------------------------------------------------------------------


def _skills(items: list[_Line]) -> tuple[list[str], list[str]]:
    """Skills from list items, comma lists, chips and "Label: a, b" lines."""
    skills: list[str] = []
    leftovers: list[str] = []
    for item in items:
        for token in _split_top_level(item.text):
            token = re.sub(r"^[A-Za-z][\w &/-]{0,30}:\s*", "", token).strip(" .")
            token = re.sub(r"^(?:and|or)\s+", "", token)
            if not token:
                continue
            base = re.sub(r"\([^()]*\)", "", token)  # "AWS (EC2, EKS, RDS)" is one skill
            if len(base.split()) > 5 or len(base) > 50 or len(token) > 120:
                leftovers.append(token)
            elif token.lower() not in {s.lower() for s in skills}:
                skills.append(token)
    return skills, leftovers


def _split_top_level(text: str) -> list[str]:
    """Split on , ; | • outside parentheses ("Python (Django, Flask)" stays whole)."""
    tokens, depth, current = [], 0, []
    for ch in text:
        depth += (ch in "([{") - (ch in ")]}")
        if depth <= 0 and ch in ",;|•·":
            tokens.append("".join(current).strip())
            current = []
            depth = 0
        else:
            current.append(ch)
    tokens.append("".join(current).strip())
    return [t for t in tokens if t]


# === job descriptions ==========================================================


def read_job_description(
    path: Path, vocabulary: Mapping[str, Sequence[str]] = _NO_VOCABULARY
) -> JobDescription:
    path = Path(path)
    text, _, _ = read_text(path)
    words = len(text.split())
    if words < MIN_JD_WORDS:
        raise _fail(path, f"too little text in the job description to analyse it ({words} words)")
    try:
        return parse_job_description(text, vocabulary)
    except Exception as exc:  # a parser bug must still reach the user as one line
        raise _fail(path, "could not make sense of the job description text") from exc


_JD_HEADINGS = (
    (
        "preferred",
        "preferred|nice to have|nice to haves|bonus|bonus points|pluses|plus|"
        "it's a plus|extra credit|good to have|desired|desirable|ideally|additional qualifications",
    ),
    (
        "required",
        "requirements|required|qualifications|minimum qualifications|basic "
        "qualifications|required qualifications|what you'll need|what you will need|what you need|"
        "what we're looking for|what we are looking for|what we look for|must have|must haves|"
        "you have|you bring|who you are|about you|your profile|skills and experience|"
        "experience and skills|what you bring|you might be a fit|you are|key requirements|"
        "essential|requirements and qualifications|skills|your skills|the ideal candidate",
    ),
    (
        "responsibilities",
        "responsibilities|what you'll do|what you will do|the role|your role|"
        "key responsibilities|duties|in this role|day to day|what you'll be doing|your impact|"
        "what you will be doing|the job|role overview|about the role|your mission|job duties",
    ),
    (
        "other",
        "about us|about the company|benefits|perks|compensation|salary|why join|"
        "why join us|equal opportunity|location|how to apply|our values|what we offer|"
        "who we are|life at|about the team|the team|pay|eeo",
    ),
)
_PREFERRED_MARKERS = re.compile(
    r"\b(?:nice to have|preferred|a plus|is a plus|bonus|appreciated|not required|ideally|"
    r"desirable|good to have)\b",
    re.I,
)
_ABBREVIATION_END = re.compile(
    r"(?:\b(?:e\.g|i\.e|etc|vs|incl|approx|sr|jr|inc|ltd|co|dr|mr|ms|mrs|no|u\.s|st)|"
    r"\b[A-Z])\.$",
    re.I,
)


def _jd_heading(text: str) -> str | None:
    norm = re.sub(r"[*_#:]", "", text.lower()).replace("-", " ")
    norm = re.sub(r"\s+", " ", norm.replace("&", "and")).strip(" .")
    if not norm or len(norm.split()) > 8:
        return None
    for kind, phrases in _JD_HEADINGS:
        for phrase in phrases.split("|"):
            if norm == phrase or (norm.startswith(phrase + " ") and len(phrase.split()) > 1):
                return kind
    return None


def parse_job_description(
    text: str, vocabulary: Mapping[str, Sequence[str]] = _NO_VOCABULARY
) -> JobDescription:
    """Sections, seniority, years and skills of a job posting."""
    cleaned = clean_text(markdown_to_text(text))
    parts = _jd_parts(cleaned)
    required = [s for s in parts["required"] if not _PREFERRED_MARKERS.search(s)]
    preferred = [s for s in parts["required"] if _PREFERRED_MARKERS.search(s)]
    preferred += parts["preferred"]
    title, company = _jd_title_company(cleaned)
    if vocabulary:
        scope = required or [s for s in _all_sentences(cleaned) if s not in preferred]
        required_skills = _vocabulary_matches(scope, vocabulary)
        preferred_skills = [
            s for s in _vocabulary_matches(preferred, vocabulary) if s not in required_skills
        ]
    else:
        required_skills = _listed_skills(required)
        preferred_skills = [s for s in _listed_skills(preferred) if s not in required_skills]
    return JobDescription(
        title=title,
        company=company,
        seniority=_seniority(title, cleaned),
        years_required=_years_required(required, cleaned),
        required_lines=required,
        preferred_lines=preferred,
        responsibility_lines=parts["responsibilities"],
        required_skills=required_skills,
        preferred_skills=preferred_skills,
        text=cleaned,
    )


def _jd_parts(cleaned: str) -> dict[str, list[str]]:
    """Items per section: each bullet is one, prose is split into sentences."""
    parts: dict[str, list[str]] = {"intro": [], "required": [], "preferred": []}
    parts.update(responsibilities=[], other=[])
    section, paragraph = "intro", []
    open_bullet: list[str] | None = None

    def flush() -> None:
        if paragraph:
            parts[section].extend(_sentences(" ".join(paragraph)))
            paragraph.clear()

    for raw in cleaned.split("\n"):
        bullet, line = split_bullet(raw)
        kind = None if bullet else _jd_heading(line)
        inline = None if bullet or kind else re.match(r"([^:]{3,40}):\s+(.+)", line)
        inline_kind = _jd_heading(inline.group(1)) if inline else None
        if not line or kind or inline_kind:
            flush()
            open_bullet = None
            section = kind or inline_kind or section
            if inline and inline_kind:
                paragraph.append(inline.group(2))
        elif bullet:
            flush()
            parts[section].append(line.rstrip(".;"))
            open_bullet = parts[section]
        elif open_bullet is not None and line[:1].islower():
            open_bullet[-1] = f"{open_bullet[-1]} {line}".rstrip(".;")
        else:
            open_bullet = None
            paragraph.append(line)
    flush()
    return parts


def _sentences(paragraph: str) -> list[str]:
    pieces = re.split(r";\s+|(?<=[.!?])\s+(?=[A-Z0-9(\"'])", paragraph)
    out: list[str] = []
    for piece in pieces:
        if out and _ABBREVIATION_END.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return [s.strip().rstrip(".;").strip() for s in out if s.strip(" .;")]


def _all_sentences(cleaned: str) -> list[str]:
    return [s for part in _jd_parts(cleaned).values() for s in part]


_TITLE_FIELD = re.compile(r"(?im)^(?:job title|title|position|role)\s*:\s*(.+)$")
_LOOKING_FOR = re.compile(
    r"(?:looking for|seeking|hiring|searching for|recruiting)\s+(?:an?\s+|our\s+(?:next|first)\s+)?"
    r"(?:(?:talented|experienced|passionate|motivated|skilled|strong|exceptional|driven)\s+)*"
    r"((?:[A-Z][\w/&+.-]*|of|and)(?:\s+(?:[A-Z][\w/&+.-]*|of|and|&|-))*)"
)


_ABOUT_COMPANY = re.compile(r"(?m)^About ([A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,3})$")
_NOT_COMPANIES = ("The", "You", "Us", "Our", "This")


def _jd_title_company(cleaned: str) -> tuple[str, str]:
    lines = [line for line in cleaned.split("\n") if line.strip()]
    title = company = ""
    if m := _TITLE_FIELD.search(cleaned):
        title, company = _split_title_line(m.group(1).strip())
    elif lines and _looks_like_title_line(lines[0]):
        title, company = _split_title_line(lines[0])
    elif m := _LOOKING_FOR.search(cleaned[:800]):
        title = re.sub(r"\s+(?:of|and|&|-)$", "", m.group(1))
    if m := re.search(r"(?im)^company\s*:\s*(.+)$", cleaned):
        company = m.group(1).strip()
    elif not company and (m := _ABOUT_COMPANY.search(cleaned)):
        company = m.group(1) if m.group(1).split()[0] not in _NOT_COMPANIES else ""
    return title.strip(" .,:"), company.strip(" .,:")


def _split_title_line(line: str) -> tuple[str, str]:
    """("Senior PM, Personalization", "Netflix") from "Senior PM, Personalization at Netflix".

    The company comes after " at ", "@" or "|" (or before "|" when the other side
    is the title); a comma part stays in the title then, being the team. Without
    a company, "Staff Engineer, Platform" and "Engineer - Payments" keep the role only.
    """
    title, company = line, ""
    if m := re.search(r"\s+(?:at|@|\|)\s+", line):  # "Senior PM at Acme"
        title, company = line[: m.start()], line[m.end() :]
        if "|" in m.group(0) and _title_score(company) > max(_title_score(title), 0):
            title, company = company, title  # "Netflix | Senior PM"
        company = re.split(r"\s+(?:\||-)\s+", company)[0]  # "Acme | Remote"
        return re.split(r"\s+-\s+", title)[0], company
    return re.split(r"\s+-\s+|,\s+", title)[0], company  # "Engineer - Payments": a team


def _looks_like_title_line(line: str) -> bool:
    words = line.split()
    return (
        1 <= len(words) <= 10
        and not line.rstrip().endswith((".", ":", "!"))
        and _jd_heading(line) is None
        and not line.startswith("•")
    )


_SENIORITY_RULES = (
    ("director", r"\b(?:director|head of|vp|vice president|chief)\b"),
    (
        "manager",
        r"(?<!product )(?<!program )(?<!project )(?<!account )(?<!community )(?<!success )"
        r"(?<!marketing )(?<!partner )(?<!brand )(?<!content )(?<!release )(?<!office )"
        r"\bmanager\b",
    ),
    ("principal", r"\bprincipal\b"),
    ("staff", r"\bstaff\b"),
    ("lead", r"\blead\b"),
    ("senior", r"\b(?:senior|sr)\b"),
    ("mid", r"\b(?:mid[- ]?level|intermediate)\b"),
    ("intern", r"\b(?:intern|internship|co-op|trainee|apprentice)\b"),
    ("junior", r"\b(?:junior|jr|entry[- ]level|graduate|new grad|associate)\b"),
)


def _seniority(title: str, cleaned: str) -> str:
    for level, pattern in _SENIORITY_RULES:
        if re.search(pattern, title, re.I):
            return level
    if re.search(r"\b(?:entry[- ]level|new grad(?:uate)?s?)\b", cleaned, re.I):
        return "junior"
    if re.search(r"\binternship\b", cleaned, re.I):
        return "intern"
    return ""


_NUMBER_WORDS = dict(
    one=1, two=2, three=3, four=4, five=5, six=6, seven=7, eight=8, nine=9, ten=10, twelve=12
)
_NUM = r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"
_YEARS_PATTERNS = (
    re.compile(rf"\b{_NUM}\s*\+?\s*(?:-|to)\s*{_NUM}\s*\+?\s*(?:years|yrs)\b", re.I),
    re.compile(
        rf"\b(?:at least|minimum(?: of)?|min\.?|over|more than)\s+{_NUM}\s*\+?\s*(?:years|yrs)\b",
        re.I,
    ),
    re.compile(rf"\b{_NUM}\s*\+?\s*(?:years|yrs)\b(?!\s+old)", re.I),
)


def _years_required(required: list[str], cleaned: str) -> int | None:
    """Lower bound of the experience asked for ("3-5 years" -> 3), required lines first."""
    experience_sentences = [s for s in _all_sentences(cleaned) if "experience" in s.lower()]
    for sentences in (required, experience_sentences):
        for sentence in sentences:
            for pattern in _YEARS_PATTERNS:
                if m := pattern.search(sentence):
                    word = m.group(1).lower()
                    years = _NUMBER_WORDS.get(word) or int(word)
                    if 0 < years <= 30:
                        return years
    return None


def _term_pattern(term: str) -> re.Pattern[str] | None:
    """Whole-word, case-insensitive match; very short terms ("Go", "R") match their case."""
    words = [re.escape(w) for w in re.split(r"[\s-]+", term.strip()) if w]
    if not words:
        return None
    body = r"[\s-]+".join(words)
    if len(term) >= 4 and term[-1].isalnum():
        body += r"(?:s|es|ing|ed)?"
    flags = 0 if len(term.strip()) <= 2 else re.I
    return re.compile(rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])", flags)


def _vocabulary_matches(lines: list[str], vocabulary: Mapping[str, Sequence[str]]) -> list[str]:
    """Canonical skill names found in the lines, in order of first mention."""
    text = "\n".join(lines)
    found: list[tuple[int, int, str]] = []
    for order, (name, synonyms) in enumerate(vocabulary.items()):
        positions = [
            m.start()
            for term in (name, *synonyms)
            if (pattern := _term_pattern(term)) and (m := pattern.search(text))
        ]
        if positions:
            found.append((min(positions), order, name))
    return [name for _, _, name in sorted(found)]


def _listed_skills(lines: list[str]) -> list[str]:
    """Without a vocabulary: items of obvious lists ("Amplitude, Mixpanel, or Looker")."""
    skills: list[str] = []
    for line in lines:
        groups = re.findall(r"\(([^)]*,[^)]*)\)", line)
        if line.count(",") >= 2:
            groups.append(re.sub(r"\([^)]*\)", "", line))
        for group in groups:
            for item in re.split(r",\s*|\s+(?:and|or)\s+", group):
                item = re.sub(r"^(?:and|or)\s+", "", item.strip(" .;"))
                item = re.split(r"\b(?:with|in|of|using|like|including|such as)\s+", item)[-1]
                words = item.split()
                if 1 <= len(words) <= 3 and re.search(r"[A-Z+#/]", item) and item not in skills:
                    skills.append(item)
    return skills
