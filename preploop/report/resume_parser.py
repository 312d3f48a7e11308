"""Resume text to a `Resume`: sections, name and contact, positions, education, skills.

Every non-empty line lands in exactly one place: the name, the contact details, a
section heading, the summary, a position's heading, description or bullet, an
education entry, the skills, another section (projects, awards...), or the
resume's `unplaced` lines. `trace_resume` says where each line went; lines that
look like experience but found no position are warned about, never dropped.

What the file says about itself comes first: Markdown headings and whole-bold
lines (a DOCX's heading styles and bold runs are written that way by the reader)
mark a role's heading; words only break the ties. Parsing is pure and
deterministic; its word lists are data (data/resume.yaml).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from preploop.report.cleaning import split_bullet
from preploop.report.documents import Contact, Education, Position, Resume, UnplacedLine
from preploop.report.language import detect_language, language_warnings
from preploop.report.patterns import (
    DATE,
    DATE_RANGE,
    DURATION,
    EMAIL,
    LOCATION,
    PLACE,
    SINCE,
    URL,
    US_STATE,
    is_contact_line,
    phones,
)
from preploop.report.readers import markdown_lines, markdown_to_text
from preploop.report.wordlists import ResumeWords, alternation, settings

_WORDS = settings(ResumeWords)


@dataclass(eq=False)
class _Line:
    """One line of the resume, and where it landed."""

    text: str
    bullet: bool = False
    strong: bool = False  # bold, or a sub-heading: the file marks it as a heading
    source: str = ""  # the text as read, before any joining
    places: list[str] = field(default_factory=list)
    into: _Line | None = None  # a wrapped tail joined onto this line

    def land(self, place: str) -> None:
        self.places.append(place)

    def root(self) -> _Line:
        line = self
        while line.into is not None:
            line = line.into
        return line


@dataclass
class _Section:
    kind: str
    lines: list[_Line] = field(default_factory=list)


def parse_resume(text: str, source_format: str = "text", pages: int = 1) -> Resume:
    """Structured resume from text (cleaned or not, Markdown marks welcome)."""
    return trace_resume(text, source_format, pages)[0]


def trace_resume(
    text: str, source_format: str = "text", pages: int = 1
) -> tuple[Resume, list[tuple[str, list[str]]]]:
    """The resume, and for every non-empty input line the places it landed in."""
    lines = _source_lines(text)
    resume = _read(lines, markdown_to_text(text), source_format, pages)
    return resume, [(line.source, line.root().places) for line in lines]


def _source_lines(text: str) -> list[_Line]:
    out = []
    for marked in markdown_lines(text):
        bullet, words = split_bullet(marked.text)
        if words:
            strong = not bullet and (marked.strong or marked.heading >= 3)
            out.append(_Line(words, bullet, strong, source=words))
    return out


def _read(lines: list[_Line], plain: str, source_format: str, pages: int) -> Resume:
    sections = _sections(_join_lowercase_wraps(lines))
    part: dict[str, list[_Line]] = defaultdict(list)
    for section in sections:
        kind = section.kind
        for line in section.lines:  # contact details in a sidebar read after "Summary"
            stray = kind not in ("header", "experience", "education") and _is_contact_detail(line)
            part["links" if stray else kind].append(line)
    name, header_rest = _name(part["header"])
    contact = _contact(header_rest + part["links"], plain)
    for line in part["links"]:
        line.land("contact")
    header_rest = _drop_header_furniture(header_rest, contact)
    positions, unplaced, tool_lines = _experience(part["experience"])
    if not positions:  # no "Experience" heading: look for dated roles in the header
        positions, header_rest = _undeclared_positions(header_rest)
    summary, header_rest = _summary(part["summary"], header_rest)
    education, edu_unplaced = _education(part["education"])
    skills, skill_leftovers = _skills(part["skills"] + tool_lines)
    other: list[str] = []
    for line in header_rest:
        if _role_date(line.text):  # a role's heading outside any section: say so
            unplaced.append(_unplaced(line, "header"))
        else:
            line.land("other")
            other.append(line.text)
    other += skill_leftovers
    for kind in ("projects", "certifications", "other"):
        for line in part[kind]:
            line.land("other")
            other.append(line.text)
    unplaced += edu_unplaced
    language = detect_language(plain)
    return Resume(
        name=name,
        contact=contact,
        summary=summary,
        positions=positions,
        education=education,
        skills=skills,
        other_lines=other,
        unplaced=unplaced,
        source_format=source_format,
        pages=pages,
        language=language,
        warnings=language_warnings(language, "resume") + _unplaced_warnings(unplaced),
    )


def _unplaced(line: _Line, section: str) -> UnplacedLine:
    line.land("unplaced")
    first = line.text.split()[0].lower() if line.text.split() else ""
    verb = first in _ACTION_VERBS or (first.endswith("ed") and len(first) > 4)
    header_role = section == "header" and (line.bullet or verb or _role_date(line.text))
    looks = section == "experience" or header_role
    return UnplacedLine(text=line.text, section=section, looks_like_experience=looks)


def _unplaced_warnings(unplaced: list[UnplacedLine]) -> list[str]:
    """One warning when lines that look like work experience found no position."""
    lost = [u for u in unplaced if u.looks_like_experience]
    if not lost:
        return []
    n = len(lost)
    lines = "1 line" if n == 1 else f"{n} lines"
    was = "was" if n == 1 else "were"
    if all(u.section == "experience" for u in lost):
        where = "under Experience"
    else:
        where = "that look like work experience"
    return [f"{lines} {where} {was} not placed in a position: check the layout"]


def _is_contact_detail(line: _Line) -> bool:
    """A short line that is an email, phone number or profile link."""
    short = len(line.text.split()) <= _WORDS.short_line_words
    return not line.bullet and short and is_contact_line(line.text)


def _drop_header_furniture(lines: list[_Line], contact: Contact) -> list[_Line]:
    """Contact details, a bare location, or a "Resume" title: nothing to analyse."""
    rest = []
    for line in lines:
        text = line.text
        if _DOCUMENT_TITLE.fullmatch(text.strip()):
            line.land("heading")
        elif text == contact.location or is_contact_line(text):
            line.land("contact")
        else:
            rest.append(line)
    return rest


def _experience(items: list[_Line]) -> tuple[list[Position], list[UnplacedLine], list[_Line]]:
    """Positions, unplaced lines, and "Tools: ..." lines that belong with the skills."""
    tools = [item for item in items if not item.bullet and _label_kind(item.text) == "skills"]
    positions, unplaced = _positions([item for item in items if item not in tools])
    return positions, [_unplaced(line, "experience") for line in unplaced], tools


def _undeclared_positions(lines: list[_Line]) -> tuple[list[Position], list[_Line]]:
    """Dated roles in a resume without an Experience heading; the lines left over."""
    found, stray = _positions(lines)
    if any(p.start for p in found):
        return found, stray
    for line in lines:  # not roles after all: the lines stay in the header, unplaced yet
        line.places.clear()
        line.into = None
    return [], lines


def _summary(lines: list[_Line], header_rest: list[_Line]) -> tuple[str, list[_Line]]:
    """The summary section, or else the prose sentences at the top of the resume."""
    if not lines:
        lines = [
            line for line in header_rest if len(line.text.split()) >= _WORDS.summary_prose_words
        ]
    for line in lines:
        line.land("summary")
    return " ".join(line.text for line in lines), [x for x in header_rest if x not in lines]


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
            and not DATE_RANGE.search(item.text)
            and not is_contact_line(item.text)  # "jane@example.com" starts in lower case
        )
        if wrapped and prev is not None:
            prev.text = _join_words(prev.text, item.text)
            item.into = prev
        else:
            out.append(item)
    return out


def _join_words(a: str, b: str) -> str:
    return a + b if a.endswith("-") and a[-2:-1].isalnum() else f"{a} {b}"


# --- sections ------------------------------------------------------------------

_DOCUMENT_TITLE = re.compile(alternation(_WORDS.document_titles), re.I)
_HEADINGS = {phrase: kind for kind, phrases in _WORDS.headings.items() for phrase in phrases}
# Headings with the spaces taken out, for letter-spaced ones ("W O R K E X P ...").
_SPACELESS_HEADINGS = {phrase.replace(" ", ""): kind for phrase, kind in _HEADINGS.items()}


def _heading_kind(text: str) -> str | None:
    """Section kind of a heading line ("WORK EXPERIENCE", "Skills & Awards:"), else None."""
    collapsed = _collapse_spaced_letters(text)
    if collapsed != text:
        return _SPACELESS_HEADINGS.get(collapsed.lower())
    norm = re.sub(r"[^\w&/,+ ]|[\d_]", "", text.lower().replace("&", " and "))
    norm = re.sub(r"\s+", " ", norm).strip()
    if not norm or len(norm.split()) > _WORDS.short_line_words or re.search(r"\d|@", text):
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
            item.land("heading")
            sections.append(_Section(kind))
            continue
        inline = None if item.bullet else _inline_heading(item.text, sections[-1].kind)
        if inline:  # the line lands with its section's content, less its label
            kind, item.text = inline
            item.strong = False
            sections.append(_Section(kind, [item]))
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


def _name(header: list[_Line]) -> tuple[str, list[_Line]]:
    """The first header line that reads like a name; the other header lines.

    A headline above the name ("Senior Engineer") is passed over for a later
    name-like line without job-title words.
    """
    # A glyph before the very first line is an icon (a person), not a list.
    top = [_Line(header[0].text)] + header[1 : _WORDS.name_within_lines] if header else []
    candidates = [i for i, line in enumerate(top) if _name_part(line)]
    if not candidates:
        return "", list(header)
    i = next((i for i in candidates if title_score(_name_part(top[i])) <= 0), candidates[0])
    line = top[i]
    name = _name_part(line)
    header[i].land("name")
    rest = header[:i] + header[i + 1 :]
    extra = line.text.split(" | ", 1)[1].strip() if " | " in line.text else ""
    if extra:  # read for contact details only: the line itself landed as the name
        rest.insert(i, _Line(extra, places=["name"]))
    return (name.title() if name.isupper() else name), rest


def _name_part(line: _Line) -> str:
    """The name in a line ("Jane Doe, PhD | Berlin" -> "Jane Doe"), or "" if none."""
    candidate = line.text.split(" | ")[0].strip()
    name, dash, headline = candidate.partition(" - ")
    if dash and title_score(headline) > 0:  # "Marta Kowalski - Senior Product Manager"
        candidate = name
    candidate = re.sub(r",\s*(?:[A-Z][A-Za-z.]{1,5}\b\.?\s*){1,3}$", "", candidate)
    words = candidate.split()
    if (
        line.bullet
        or is_contact_line(candidate)
        or not 1 <= len(words) <= _WORDS.short_line_words
        or re.search(r"[\d@/:,]", candidate)
        or _DOCUMENT_TITLE.fullmatch(candidate)
    ):
        return ""
    return candidate


def _contact(lines: list[_Line], full_text: str) -> Contact:
    emails: list[str] = []
    links: list[str] = []
    numbers: list[str] = []
    location = ""
    for line in lines:
        text = line.text
        emails += EMAIL.findall(text)
        without_email = EMAIL.sub(" ", text)
        links += [u.rstrip(".,") for u in URL.findall(without_email)]
        numbers += phones(without_email)
        if not location and (is_contact_line(text) or len(lines) <= 6):
            location = _location_in(text)
    if not emails:
        emails = EMAIL.findall(full_text)[:1]
    if not numbers:  # contact details set in a page footer (moderncv casual)
        beside_email = [line for line in full_text.splitlines() if EMAIL.search(line)]
        numbers = [number for line in beside_email for number in phones(EMAIL.sub(" ", line))]
    return Contact(
        email=emails[0] if emails else "",
        phone=numbers[0] if numbers else "",
        location=location,
        links=list(dict.fromkeys(links)),
    )


def _location_in(text: str) -> str:
    rest = URL.sub(" ", EMAIL.sub(" ", text))
    for phone in phones(rest):
        rest = rest.replace(phone, " ")
    for piece in re.split(r"\s+,\s+|\s*[|•·;]\s*|\s{2,}", rest):
        piece = piece.strip(" ,")
        if LOCATION.fullmatch(piece) and not DATE.search(piece):
            return piece
    return ""


def _role_date(line: str) -> bool:
    """Whether a line carries a role's dates (not just a year inside a sentence)."""
    if DATE_RANGE.search(line) or SINCE.search(line):
        return True
    return any(DATE.fullmatch(piece) for piece in _pieces(line))


def _take_dates(text: str) -> tuple[str, str, str]:
    """(start, end, text without the dates); a lone date is both start and end."""
    m = DATE_RANGE.search(text) or SINCE.search(text)
    if m:
        end = m.groupdict().get("end") or ""
        return m.group("start"), end, _drop_span(text, m.span())
    m = DATE.search(text)
    if m:
        return m.group(0), m.group(0), _drop_span(text, m.span())
    return "", "", text


def _drop_span(text: str, span: tuple[int, int]) -> str:
    # "Title, Employer, Mar 2019 – Present Warsaw." (moderncv oldstyle): one comma list
    glue = ", " if text[: span[0]].rstrip().endswith(",") else " | "
    rest = f"{text[: span[0]].rstrip().rstrip(',')}{glue}{DURATION.sub(' ', text[span[1] :])}"
    rest = re.sub(r"\(\s*\|?\s*\)", " ", rest)
    return re.sub(r"\s+", " ", rest).strip(" |,-")


# --- positions -----------------------------------------------------------------

_TITLE_WORDS = frozenset(_WORDS.title_words)
_COMPANY_WORDS = frozenset(_WORDS.company_words)
_CONNECTORS = frozenset(_WORDS.connectors)
_ACTION_VERBS = frozenset(_WORDS.action_verbs)
_EMPLOYMENT_TYPES = frozenset(_WORDS.employment_types)
_REMOTE = frozenset(_WORDS.remote_words)
_PIECE_SPLIT = re.compile(r"\s+[|•·@]\s+|\s*\|\s*|\s+-\s+|\s+at\s+")
_BRACKETS = re.compile(r"\s*\(([^()]{2,40})\)")


@dataclass
class _Roles:
    """Experience lines as they are read: finished roles, a heading being read."""

    positions: list[Position] = field(default_factory=list)
    unplaced: list[_Line] = field(default_factory=list)
    header: list[_Line] = field(default_factory=list)
    held: list[_Line] = field(default_factory=list)  # prose inside a heading being read
    current: Position | None = None  # the role that bullets go to
    current_lines: list[_Line] = field(default_factory=list)  # its heading
    last_bullet: _Line | None = None
    group_employer: str = ""  # "Acme" above several roles, each with its own dates

    def flush(self) -> None:
        """The heading read so far becomes a role (or a description, or unplaced lines)."""
        lines, self.header = self.header, []
        held, self.held = self.held, []
        if not lines:
            return
        texts = [line.text for line in lines]
        position, self.group_employer = _position_from_header(texts, self.group_employer)
        weak = position is None or not (position.start or _title_like(position.title))
        if weak and self.current is not None and not _has_role_date(lines):
            # Not a role's heading ("Fintech", "Key projects"): it stays with the role above,
            # unless it names the employer of a "Title, Team  dates" line just above.
            if not self.current.bullets and not self.current.description:
                if not self.completes_heading(lines):
                    self.describe(lines)
            else:
                for line in lines:
                    self.bullet(line)
        elif position is None:
            self.unplaced.extend(lines)
            self.current = None  # bullets that follow must not join the role above
        else:
            for line in lines:
                line.land("position")
            self.positions.append(position)
            self.current, self.last_bullet, self.current_lines = position, None, lines
        for line in held:
            if _is_description(line, self.current):
                self.describe([line])
            else:
                self.bullet(line)

    def completes_heading(self, lines: list[_Line]) -> bool:
        """ "Senior Analyst, Merchant Risk  2021 - Present" read as title and employer,
        then "Ledgerline Payments | New York, NY": the second line names the employer."""
        heading = [line.text for line in self.current_lines]
        one_list = len([p for t in heading for p in _pieces(_take_dates(t)[2])]) == 1
        if not one_list or any(_descriptive(line.text) for line in lines) or not heading:
            return False
        texts = heading + [line.text for line in lines]
        position, _ = _position_from_header(texts, "")
        if position is None or self.current is None or position.start != self.current.start:
            return False
        self.positions[self.positions.index(self.current)] = position
        self.current = position
        for line in lines:
            line.land("position")
        self.current_lines = self.current_lines + lines
        return True

    def describe(self, lines: list[_Line]) -> None:
        assert self.current is not None
        for line in lines:
            line.land("description")
        text = " ".join(line.text for line in lines)
        self.current.description = f"{self.current.description} {text}".strip()

    def bullet(self, line: _Line) -> None:
        if self.current is None:
            self.unplaced.append(line)
            return
        line.land("bullet")
        self.current.bullets.append(line.text)
        self.last_bullet = line

    def header_complete(self) -> bool:
        """Title (with a title word), employer and dates are all known: another plain line
        is not part of it. "Acme | Berlin | 2020 - Present" still waits for its title."""
        position, _ = _position_from_header([line.text for line in self.header], "")
        named = bool(position and position.employer and _title_like(position.title))
        return named and bool(position and position.start)


def _positions(items: list[_Line]) -> tuple[list[Position], list[_Line]]:
    """Positions from experience lines: heading lines (title, employer, dates),
    an optional line describing the employer, then bullets. Returns the positions
    and the lines that found no place."""
    roles = _Roles()
    # A file that marks its role headings (bold, sub-headings) says so for all of them.
    marked = any(item.strong for item in items)
    for item in items:
        current = roles.current if not roles.header else None
        if item.bullet:
            roles.flush()
            roles.bullet(item)
        elif current and roles.last_bullet and _continues(current.bullets[-1], item.text):
            current.bullets[-1] = _join_words(current.bullets[-1], item.text)
            item.into = roles.last_bullet
        elif (_is_sentence(item.text) or _is_duty(item)) and not item.strong:
            if roles.header and not (roles.header_complete() or _has_role_date(roles.header)):
                roles.held.append(item)  # "Acme", a sentence about Acme, then the title
                continue
            roles.flush()
            if _is_description(item, roles.current):
                roles.describe([item])
            else:
                roles.bullet(item)
        elif _describes_employer(item, current, marked):
            roles.describe([item])
        else:
            if roles.header and _starts_role(roles, item, marked):
                roles.flush()
                if _describes_employer(item, roles.current, marked):
                    roles.describe([item])
                    continue
            roles.header.append(item)
    roles.flush()
    return roles.positions, roles.unplaced


def _starts_role(roles: _Roles, item: _Line, marked: bool) -> bool:
    """Whether a plain line after heading lines starts something new.

    A second dated line, or a 4th heading line other than a place, starts a role:
    the previous one had no bullets. Once title, employer and dates are known, a line describing the
    employer, or another heading-like line ("X | Y", a title, a bold line), ends it.
    """
    if not _has_role_date(roles.header):
        return False
    if _role_date(item.text):
        return True
    if len(roles.header) >= 3:  # a 4th line is a new role's, unless it is the place
        return not (_place_like(item.text) or _is_place(item.text))
    if not roles.header_complete():
        return False
    heading_like = item.strong or _title_like(item.text) or len(_pieces(item.text)) >= 2
    return heading_like or _descriptive(item.text) or (marked and not item.strong)


def _describes_employer(item: _Line, current: Position | None, marked: bool) -> bool:
    """A line under a finished heading, before any bullet, that reads as prose about the
    employer, or that is plain where the file marks its headings bold."""
    plain = _descriptive(item.text) or (marked and not item.strong)
    return plain and _is_description(item, current)


def _is_duty(item: _Line) -> bool:
    """A plain line that opens with a verb ("Ran 24 A/B tests"): a bullet without its glyph."""
    text = item.text
    return _starts_with_verb(text) and not _title_like(text) and not _role_date(text)


def _has_role_date(lines: list[_Line]) -> bool:
    return any(_role_date(line.text) for line in lines)


def _is_description(item: _Line, current: Position | None) -> bool:
    """A line about the employer may follow a role's heading, before any bullet."""
    if current is None or current.bullets or current.description or _role_date(item.text):
        return False
    words = item.text.split()
    return len(words) <= _WORDS.description_words and not _starts_with_verb(item.text)


def _starts_with_verb(text: str) -> bool:
    first = re.sub(r"[^\w-]", "", text.split()[0].lower()) if text.split() else ""
    return first in _ACTION_VERBS or (first.endswith("ed") and len(first) > 4)


def _descriptive(text: str) -> bool:
    """Ordinary lower-case words, as in "Series B payments start-up, 120 people".

    Names of employers and job titles are capitalised ("The Revolve Company"),
    apart from short linking words ("Bank of America").
    """
    if _title_like(text) or _role_date(text) or is_contact_line(text):
        return False
    words = re.findall(r"[^\W\d_][\w'-]*", text)
    return any(w.islower() and w not in _CONNECTORS for w in words)


def _continues(bullet: str, line: str) -> bool:
    """A plain line after a bullet is its wrapped tail when the bullet is mid-sentence."""
    if _role_date(line) or " | " in line:
        return False
    last_word = bullet.split()[-1].lower() if bullet.split() else ""
    return bullet.endswith((",", "-", "/", "(", "&")) or last_word in _CONNECTORS


def _is_sentence(text: str) -> bool:
    """A sentence, never part of a role's heading (long, or a full stop)."""
    words = len(text.split())
    full_stop = words >= _WORDS.short_sentence_words and text.endswith(".")
    sentence = words >= _WORDS.sentence_words or full_stop
    return sentence and not _role_date(text) and " | " not in text


def _position_from_header(lines: list[str], group_employer: str) -> tuple[Position | None, str]:
    """Title, employer, location and dates from 1-3 heading lines of a role.

    Returns the position and the employer that later title-only roles inherit
    ("Acme" on its own line above "Senior Engineer  2020 - Present").
    """
    start = end = ""
    parts: list[tuple[str, int]] = []  # (piece, index of its line)
    places: list[str] = []
    dated_line = -1
    pieces: list[tuple[list[str], int]] = []  # comma parts of each piece, its line
    for index, line in enumerate(lines):
        if not start:
            start, end, line = _take_dates(line)
            dated_line = index if start else -1
        line = _BRACKETS.sub(lambda m: _bracketed_place(m, places), line)
        for piece in _pieces(line):
            commas = []
            for part in _comma_parts(piece):
                (places if _is_place(part) else commas).append(part)
            if commas and not DATE.fullmatch(", ".join(commas)):
                pieces.append((commas, index))
    parts = _header_parts(pieces, places)
    if not parts:
        return None, group_employer
    pieces = [piece for piece, _ in parts]
    best = max(range(len(pieces)), key=lambda i: (title_score(pieces[i]), -i))
    others = [i for i in range(len(pieces)) if i != best]
    if not others:
        location = ", ".join(places)
        return _position(pieces[best], group_employer, location, start, end), group_employer
    employer = next((i for i in others if title_score(pieces[i]) <= 0), others[0])
    rest = [i for i in others if i != employer]
    title = ", ".join([pieces[best]] + [pieces[i] for i in rest if title_score(pieces[i]) > 0])
    places += [pieces[i] for i in rest if title_score(pieces[i]) <= 0]
    heads_group = parts[employer][1] != dated_line and parts[best][1] == dated_line
    position = _position(title, pieces[employer], ", ".join(places), start, end)
    return position, (position.employer if heads_group else "")


def _header_parts(pieces: list[tuple[list[str], int]], places: list[str]) -> list[tuple[str, int]]:
    """The name-like parts of a heading: a lone comma list ("Title, Employer, City") is
    split; beside other pieces, the title keeps its commas ("Senior PM, Growth") and a
    name keeps its first part, the places after it going to `places`."""
    if not pieces:
        return []
    joined = [", ".join(commas) for commas, _ in pieces]
    best = max(range(len(pieces)), key=lambda i: (title_score(joined[i]), -i))
    others = [i for i in range(len(pieces)) if i != best]
    if not others:
        return [(part, pieces[best][1]) for part in pieces[best][0]]
    parts = []
    for i, (commas, index) in enumerate(pieces):
        if i == best:
            parts.append((joined[i], index))
            continue
        if i != others[0] and all(_place_like(part) for part in commas):
            places.append(joined[i])  # "Acme | Denver, Colorado"
            continue
        parts.append((commas[0], index))
        for part in commas[1:]:
            if _place_like(part):
                places.append(part)
            else:
                parts.append((part, index))
    return parts


def _bracketed_place(m: re.Match[str], places: list[str]) -> str:
    """ "Contoso (Berlin)": the place in brackets is noted and taken out of the name."""
    inside = m.group(1).strip()
    words = inside.split()
    is_place = (
        len(words) <= 4
        and inside.lower() not in _EMPLOYMENT_TYPES
        and all(w[:1].isupper() for w in words if w.lower() not in _CONNECTORS)
        and not re.search(r"\d", inside)
        and title_score(inside) == 0
    )
    if not is_place:
        return m.group(0)
    places.append(inside)
    return ""


def _comma_parts(piece: str) -> list[str]:
    """ "Globex Corp, Austin, TX" -> ["Globex Corp", "Austin, TX"]; "Acme, Inc." stays whole."""
    parts: list[str] = []
    for raw in re.split(r",\s*(?![^()]*\))", piece):
        part = raw.strip(" ,;:")
        if not part:
            continue
        state = re.fullmatch(US_STATE, part)
        suffix = part.lower().strip(".") in _COMPANY_WORDS and len(part.split()) == 1
        if parts and (state or suffix):
            parts[-1] = f"{parts[-1]}, {part}"
        else:
            parts.append(part)
    return parts


def _is_place(part: str) -> bool:
    """ "Austin, TX", "Remote": a location for sure (a lone city is told by its position)."""
    if part.lower() in _REMOTE:
        return True
    m = re.fullmatch(rf"{PLACE},\s*{US_STATE}", part)
    return bool(m) and title_score(part) == 0


def _place_like(part: str) -> bool:
    """A capitalised name of one to three words that is not a title: "Berlin", "New York"."""
    words = part.split()
    if not 1 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    return title_score(part) == 0 and not any(w.lower() in _COMPANY_WORDS for w in words)


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
    pieces = [p.strip(" ,;:") for p in parts]
    # A bracket cut open by the dates taken out of it ("Intern (2016" ) goes too.
    return [p.strip("()") if p.count("(") != p.count(")") else p for p in pieces if p]


def _title_like(text: str) -> bool:
    return title_score(text) > 0


def title_score(piece: str) -> int:
    """Title words count for, organisation words twice against; a title word at the end
    (the head of "Systems Engineer") counts twice more."""
    words = re.findall(r"[a-z-]+", piece.lower())
    score = sum(w in _TITLE_WORDS for w in words) - 2 * sum(w in _COMPANY_WORDS for w in words)
    head = bool(words) and words[-1] in _TITLE_WORDS and not words[-1].endswith("ing")
    return score + 2 * head if score or head else 0


# --- education -----------------------------------------------------------------

_DEGREE = re.compile(rf"(?<![A-Za-z])(?:{'|'.join(_WORDS.degree_patterns)})(?![A-Za-z])", re.I)
_INSTITUTION = re.compile(rf"\b(?:{alternation(_WORDS.institution_words)}|uc\s+\w+)\b", re.I)


def _education(items: list[_Line]) -> tuple[list[Education], list[UnplacedLine]]:
    """Entries from school, degree and date lines; other lines are details of the last."""
    entries: list[Education] = []
    leftovers: list[UnplacedLine] = []
    for item in items:
        if item.bullet and not entries:
            leftovers.append(_unplaced(item, "education"))
            continue
        item.land("education")
        start, end, text = _take_dates(item.text)
        current = entries[-1] if entries else None
        school, degree = _school_and_degree(text)
        plain = bool(text) and not degree and not _INSTITUTION.search(text)
        if current and plain and not item.bullet and not current.end and _dates_line(item.text):
            current.start, current.end = ("", end) if start == end else (start, end)
            if not _DATE_WORDS.fullmatch(text) and not LOCATION.fullmatch(text):
                current.details.append(text)  # "Exchange term | 2017 - 2018": keep the words
            continue
        if current and (current.institution or current.degree) and (item.bullet or plain):
            current.details.append(item.text)  # "GPA 3.8", "Dean's list"
            continue
        if current is None or (school and current.institution) or (degree and current.degree):
            current = Education(institution="")
            entries.append(current)
        current.institution = current.institution or school
        current.degree = current.degree or degree
        if start and not current.end:  # a lone year is when the degree was finished
            current.start, current.end = ("", end) if start == end else (start, end)
    return [e for e in entries if e.institution or e.degree], leftovers


_DATE_WORDS = re.compile(rf"(?i)(?:{alternation(_WORDS.graduation_words)})?\s*:?")


def _dates_line(text: str) -> bool:
    """A line of an entry's dates: "2015 - 2019", "Expected May 2026", "Boston, MA | 2019"."""
    start, _, rest = _take_dates(text)
    if not start:
        return False
    return _role_date(text) or bool(_DATE_WORDS.fullmatch(rest) or LOCATION.fullmatch(rest))


def _school_and_degree(text: str) -> tuple[str, str]:
    """("UC Berkeley", "B.S. Computer Science") from one line; either may be ""."""
    has_degree, has_school = bool(_DEGREE.search(text)), bool(_INSTITUTION.search(text))
    if has_degree and not has_school:
        return "", text
    if not has_degree:  # a school, with or without a keyword ("UC Berkeley | Berkeley, CA")
        pieces = _pieces(text, split_at=False)
        return (pieces[0] if pieces else ""), ""
    text = re.sub(rf"[,|]\s*{PLACE},\s*{US_STATE}\s*(?=[,|]|$)", "", text)  # "New Haven, CT"
    pieces = [p for p in re.split(r"\s*[|•·]\s*|\s+-\s+|,\s*", text) if p]
    school = next(p for p in pieces if _INSTITUTION.search(p))
    rest = [p for p in pieces if p != school and not LOCATION.fullmatch(p)]
    return school, ", ".join(rest)


# --- skills --------------------------------------------------------------------


def _skills(items: list[_Line]) -> tuple[list[str], list[str]]:
    """Skills from list items, comma lists, chips and "Label: a, b" lines."""
    skills: list[str] = []
    leftovers: list[str] = []
    for item in items:
        before = len(leftovers)
        for token in _split_top_level(item.text):
            token = re.sub(r"^[A-Za-z][\w &/-]{0,30}:\s*", "", token).strip(" .")
            token = re.sub(r"^(?:and|or)\s+", "", token)
            if not token:
                continue
            base = re.sub(r"\([^()]*\)", "", token)  # "AWS (EC2, EKS, RDS)" is one skill
            too_long = (
                len(base.split()) > _WORDS.skill_max_words or len(base) > _WORDS.skill_max_chars
            )
            if too_long or len(token) > 120:
                leftovers.append(token)
            elif token.lower() not in {s.lower() for s in skills}:
                skills.append(token)
        # A sentence in the skills section is kept with the other lines.
        item.land("other" if len(leftovers) > before else "skills")
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
