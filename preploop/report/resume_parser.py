"""Resume text to a `Resume`: sections, name and contact, positions, education, skills.

Parsing is pure and deterministic; its word lists are data (data/resume.yaml).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from preploop.report.cleaning import split_bullet
from preploop.report.documents import Contact, Education, Position, Resume
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
from preploop.report.readers import markdown_to_text
from preploop.report.wordlists import alternation, wordlist


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
        kind = section.kind
        for line in section.lines:  # contact details in a sidebar read after "Summary"
            stray = kind not in ("header", "experience", "education") and _is_contact_detail(line)
            part["links" if stray else kind].append(line)
    name, header_rest = _name(part["header"])
    language = detect_language(text)
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
        language=language,
        warnings=language_warnings(language, "resume"),
    )


def _is_contact_detail(line: _Line) -> bool:
    """A short line that is an email, phone number or profile link."""
    return not line.bullet and len(line.text.split()) <= 6 and is_contact_line(line.text)


def _is_header_furniture(text: str, contact: Contact) -> bool:
    """Contact details, a bare location, or a "Resume" title: nothing to analyse."""
    title = _DOCUMENT_TITLE.fullmatch(text.strip())
    return bool(title) or text == contact.location or is_contact_line(text)


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
            and not DATE_RANGE.search(item.text)
            and not is_contact_line(item.text)  # "jane@example.com" starts in lower case
        )
        if wrapped and prev is not None:
            prev.text = _join_words(prev.text, item.text)
        else:
            out.append(_Line(item.text, item.bullet))
    return out


def _join_words(a: str, b: str) -> str:
    return a + b if a.endswith("-") and a[-2:-1].isalnum() else f"{a} {b}"


# --- sections ------------------------------------------------------------------

_RESUME_WORDS = wordlist("resume")
_DOCUMENT_TITLE = re.compile(alternation(_RESUME_WORDS["document_titles"]), re.I)
_HEADINGS = {
    phrase: kind for kind, phrases in _RESUME_WORDS["headings"].items() for phrase in phrases
}
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
    i = next((i for i in candidates if title_score(_name_part(top[i])) <= 0), candidates[0])
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
    name, dash, headline = candidate.partition(" - ")
    if dash and title_score(headline) > 0:  # "Marta Kowalski - Senior Product Manager"
        candidate = name
    candidate = re.sub(r",\s*(?:[A-Z][A-Za-z.]{1,5}\b\.?\s*){1,3}$", "", candidate)
    words = candidate.split()
    if (
        line.bullet
        or is_contact_line(candidate)
        or not 1 <= len(words) <= 6
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
    glue = " " if text[: span[0]].rstrip().endswith(",") else " | "
    rest = f"{text[: span[0]]}{glue}{DURATION.sub(' ', text[span[1] :])}"
    rest = re.sub(r"\(\s*\|?\s*\)", " ", rest)
    return re.sub(r"\s+", " ", rest).strip(" |,-")


# --- positions -----------------------------------------------------------------

_TITLE_WORDS = frozenset(_RESUME_WORDS["title_words"])
_COMPANY_WORDS = frozenset(_RESUME_WORDS["company_words"])
_CONNECTORS = frozenset(_RESUME_WORDS["connectors"])
_PIECE_SPLIT = re.compile(r"\s+[|•·@]\s+|\s*\|\s*|\s+-\s+|\s+at\s+")
_LOCATION_PREFIX = re.compile(rf"({PLACE},\s*{US_STATE}),\s*(.+)")
_LOCATION_SUFFIX = re.compile(rf"(.+?),\s*({PLACE},\s*{US_STATE})")


@dataclass
class _Header:
    lines: list[str] = field(default_factory=list)

    def has_date(self) -> bool:
        return any(_role_date(line) for line in self.lines)

    def closed_by_dates(self) -> bool:
        """Names first, then a line of dates: a role's heading that is complete."""
        return len(self.lines) >= 2 and _role_date(self.lines[-1]) and not _role_date(self.lines[0])


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
            # After "Employer | Title" and its dates, another "X | Y" is the next role.
            if header.has_date() and (
                _role_date(item.text)
                or len(header.lines) >= 3
                or (header.closed_by_dates() and len(_pieces(item.text)) >= 2)
            ):
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
    """A sentence describing the role, written without a bullet (long, or a full stop)."""
    words = len(text.split())
    sentence = words >= 10 or (words >= 6 and text.endswith("."))
    return sentence and not _role_date(text) and " | " not in text


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
            if piece and not DATE.fullmatch(piece):
                names.append((piece, index))
    if not names:
        return None, group_employer
    if len(names) == 1 and "," in names[0][0]:  # "Software Engineer, Google, Berlin"
        names = [(part.strip(), names[0][1]) for part in names[0][0].split(",") if part.strip()]
    pieces = [piece for piece, _ in names]
    best = max(range(len(pieces)), key=lambda i: (title_score(pieces[i]), -i))
    others = [i for i in range(len(pieces)) if i != best]
    if not others:
        return _position(pieces[best], group_employer, location, start, end), group_employer
    employer_line = names[others[0]][1]
    heads_group = employer_line != dated_line and names[best][1] == dated_line
    location = location or ", ".join(pieces[i] for i in others[1:] if title_score(pieces[i]) <= 0)
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
    if LOCATION.fullmatch(piece) and title_score(piece) == 0:
        return piece, ""
    if m := _LOCATION_PREFIX.fullmatch(piece):
        return m.group(1), m.group(2)
    if m := _LOCATION_SUFFIX.fullmatch(piece):
        return m.group(2), m.group(1)
    return None


def title_score(piece: str) -> int:
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
            if not _DATE_WORDS.fullmatch(text) and not LOCATION.fullmatch(text):
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
