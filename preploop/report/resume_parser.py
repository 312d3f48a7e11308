"""Resume text to a `Resume`: sections, name and contact, positions, education, skills.

Every non-empty line lands in exactly one place: the name, the headline, the contact
details, a section heading, the summary, a position's heading, description or bullet,
a project's name, role or bullet, an education entry, the skills, another section
(certifications, awards...), or the resume's `unplaced` lines. `trace_resume` says
where each line went; lines that look like experience but found no position are warned
about, never dropped.

What the file says about itself comes first: Markdown headings and whole-bold
lines (the readers write a DOCX's heading styles and bold paragraphs, and a PDF's
bold lines, that way) mark a role's heading; words only break the ties. The
Experience section is read by `positions`. Parsing is pure and deterministic; its
word lists and thresholds are data (data/resume.yaml, data/dates.yaml).
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
    EMAIL,
    LOCATION,
    PLACE,
    URL,
    US_STATE,
    is_contact_line,
    phones,
)
from preploop.report.positions import (
    CONNECTORS,
    INSTITUTION,
    Line,
    heading_pieces,
    join_words,
    read_positions,
    role_date,
    starts_with_verb,
    take_dates,
    title_score,
)
from preploop.report.projects import read_projects
from preploop.report.readers import markdown_lines, markdown_to_text
from preploop.report.wordlists import ResumeWords, alternation, settings

_WORDS = settings(ResumeWords)


@dataclass
class _Section:
    kind: str
    lines: list[Line] = field(default_factory=list)


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


def _source_lines(text: str) -> list[Line]:
    out = []
    for marked in markdown_lines(text):
        bullet, words = split_bullet(marked.text)
        if words:
            strong = not bullet and (marked.strong or marked.heading >= 2)
            line = Line(words, bullet, strong, source=words)
            if not bullet and _FIELD_LABEL.fullmatch(words.rstrip(": ")):
                line.land("label")  # "Main activities and responsibilities": a form's label
            elif not bullet and (labelled := _LABELLED_FIELD.fullmatch(words)):
                # "Dates | 01/2022 - present"; the value may be a list item of its own
                line.bullet, line.text = split_bullet(labelled.group("value"))
            out.append(line)
    return out


# A form-like CV's labels (data/resume.yaml): alone on a line, or before a value.
_FIELD_LABEL = re.compile(rf"(?i)(?:{alternation(_WORDS.field_labels)})")
_LABELLED_FIELD = re.compile(rf"{_FIELD_LABEL.pattern}\s*(?:\||:)\s*(?P<value>\S.*)")


def _read(lines: list[Line], plain: str, source_format: str, pages: int) -> Resume:
    sections = _sections(_join_lowercase_wraps([line for line in lines if not line.places]))
    part: dict[str, list[Line]] = defaultdict(list)
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
    activities, activity_lines = _undeclared_positions(part["activities"])
    summary, header_rest = _summary(part["summary"], header_rest)
    headline, header_rest = _headline(header_rest)
    education, edu_unplaced = _education(part["education"])
    skills, skill_leftovers = _skills(part["skills"] + tool_lines)
    other: list[str] = []
    for line in header_rest:
        if role_date(line.text):  # a role's heading outside any section: say so
            unplaced.append(_unplaced(line, "header"))
        else:
            line.land("other")
            other.append(line.text)
    other += skill_leftovers
    for kind in ("certifications", "other", "activities"):
        for line in activity_lines if kind == "activities" else part[kind]:
            line.land("other")
            other.append(line.text)
    unplaced += edu_unplaced
    language = detect_language(plain)
    return Resume(
        name=name,
        headline=headline,
        contact=contact,
        summary=summary,
        positions=positions,
        activities=activities,
        projects=read_projects(part["projects"]),
        education=education,
        skills=skills,
        other_lines=other,
        unplaced=unplaced,
        source_format=source_format,
        pages=pages,
        language=language,
        warnings=language_warnings(language, "resume") + _unplaced_warnings(unplaced),
    )


def _unplaced(line: Line, section: str) -> UnplacedLine:
    line.land("unplaced")
    # Wherever it was read (the header, a margin column read into Education...), a dated
    # line or one opening with a verb may be a lost job; so is a bullet above any section
    # (under Education a bullet is a school's detail: "Ph.D. in Physics, MIT").
    bullet = line.bullet and section == "header"
    looks = section == "experience" or bool(
        bullet or starts_with_verb(line.text) or role_date(line.text)
    )
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
        where = "that looks like work experience" if n == 1 else "that look like work experience"
    return [f"{lines} {where} {was} not placed in a position: check the layout"]


def _is_contact_detail(line: Line) -> bool:
    """A short line that is an email, phone number or profile link."""
    short = len(line.text.split()) <= _WORDS.short_line_words
    return not line.bullet and short and is_contact_line(line.text)


def _drop_header_furniture(lines: list[Line], contact: Contact) -> list[Line]:
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


def _experience(items: list[Line]) -> tuple[list[Position], list[UnplacedLine], list[Line]]:
    """Positions, unplaced lines, and "Tools: ..." lines that belong with the skills."""
    tools = [item for item in items if not item.bullet and _label_kind(item.text) == "skills"]
    positions, unplaced = read_positions([item for item in items if item not in tools])
    return positions, [_unplaced(line, "experience") for line in unplaced], tools


def _undeclared_positions(lines: list[Line]) -> tuple[list[Position], list[Line]]:
    """Dated roles in a resume without an Experience heading; the lines left over."""
    found, stray = read_positions(lines)
    if any(p.start for p in found):
        return found, stray
    for line in lines:  # not roles after all: the lines stay in the header, unplaced yet
        line.places.clear()
        line.into = None
    return [], lines


def _summary(lines: list[Line], header_rest: list[Line]) -> tuple[str, list[Line]]:
    """The summary section, or else the prose sentences at the top of the resume."""
    if not lines:
        lines = [
            line for line in header_rest if len(line.text.split()) >= _WORDS.summary_prose_words
        ]
    for line in lines:
        line.land("summary")
    return " ".join(line.text for line in lines), [x for x in header_rest if x not in lines]


def _headline(header_rest: list[Line]) -> tuple[str, list[Line]]:
    """The title a resume gives its candidate by the name ("SENIOR SOFTWARE ENGINEER"): the
    first header line that is a job title and nothing else."""
    for line in header_rest:
        text = line.text.strip()
        words = text.split()
        if (
            not line.bullet
            and 1 <= len(words) <= _WORDS.headline_words
            and title_score(text) > 0
            and not re.search(r"\d|@|:", text)
            and not role_date(text)
            and not is_contact_line(text)
        ):
            line.land("headline")
            return _uncapitalised(text), [x for x in header_rest if x is not line]
    return "", header_rest


def _uncapitalised(title: str) -> str:
    """ "SENIOR SOFTWARE ENGINEER" -> "Senior Software Engineer", as the name is; short
    words keep their capitals ("VP OF DATA" -> "VP of Data", "ML ENGINEER")."""
    if not title.isupper():
        return title
    words = []
    for i, word in enumerate(title.split()):
        if i and word.lower() in CONNECTORS:
            words.append(word.lower())
        elif len(word) <= 3:
            words.append(word)
        else:
            words.append("-".join(part.capitalize() for part in word.split("-")))
    return " ".join(words)


def _join_lowercase_wraps(items: list[Line]) -> list[Line]:
    """A line starting in lower case right after a list item is that item wrapped."""
    out: list[Line] = []
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
            prev.text = join_words(prev.text, item.text)
            item.into = prev
        else:
            out.append(item)
    return out


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


def _sections(items: list[Line]) -> list[_Section]:
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


def _name(header: list[Line]) -> tuple[str, list[Line]]:
    """The first header line that reads like a name; the other header lines.

    A headline above the name ("Senior Engineer") is passed over for a later
    name-like line without job-title words.
    """
    # A glyph before the very first line is an icon (a person), not a list.
    top = [Line(header[0].text)] + header[1 : _WORDS.name_within_lines] if header else []
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
        rest.insert(i, Line(extra, places=["name"]))
    return (name.title() if name.isupper() else name), rest


def _name_part(line: Line) -> str:
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


def _contact(lines: list[Line], full_text: str) -> Contact:
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


# --- education -----------------------------------------------------------------

_DEGREE = re.compile(rf"(?<![A-Za-z])(?:{'|'.join(_WORDS.degree_patterns)})(?![A-Za-z])", re.I)


def _education(items: list[Line]) -> tuple[list[Education], list[UnplacedLine]]:
    """Entries from school, degree and date lines; other lines are details of the last."""
    entries: list[Education] = []
    leftovers: list[UnplacedLine] = []
    for item in items:
        if (
            item.bullet
            and not entries
            and not (_DEGREE.search(item.text) or INSTITUTION.search(item.text))
        ):
            leftovers.append(_unplaced(item, "education"))  # a school's bullet opens an entry
            continue
        item.land("education")
        start, end, text = take_dates(item.text)
        current = entries[-1] if entries else None
        school, degree = _school_and_degree(text)
        plain = bool(text) and not degree and not INSTITUTION.search(text)
        if current and plain and not item.bullet and not current.end and _dates_line(item.text):
            current.start, current.end = ("", end) if start == end else (start, end)
            if not _DATE_WORDS.fullmatch(text) and not LOCATION.fullmatch(text):
                current.details.append(text)  # "Exchange term | 2017 - 2018": keep the words
            continue
        detail = current and (current.institution or current.degree) and (item.bullet or plain)
        school_bullet = item.bullet and bool(school and degree)  # "• B.S. in Physics, MIT, 2016"
        if current and detail and not school_bullet:
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
    start, _, rest = take_dates(text)
    if not start:
        return False
    return role_date(text) or bool(_DATE_WORDS.fullmatch(rest) or LOCATION.fullmatch(rest))


def _school_and_degree(text: str) -> tuple[str, str]:
    """("UC Berkeley", "B.S. Computer Science") from one line; either may be ""."""
    has_degree, has_school = bool(_DEGREE.search(text)), bool(INSTITUTION.search(text))
    if has_degree and not has_school:
        return "", text
    if not has_degree:  # a school, with or without a keyword ("UC Berkeley | Berkeley, CA")
        pieces = heading_pieces(text, split_at=False)
        return (pieces[0] if pieces else ""), ""
    text = re.sub(rf"[,|]\s*{PLACE},\s*{US_STATE}\s*(?=[,|]|$)", "", text)  # "New Haven, CT"
    pieces = [p for p in re.split(r"\s*[|•·]\s*|\s+-\s+|,\s*", text) if p]
    school = next(p for p in pieces if INSTITUTION.search(p))
    rest = [p for p in pieces if p != school and not LOCATION.fullmatch(p)]
    return school, ", ".join(rest)


# --- skills --------------------------------------------------------------------


def _skills(items: list[Line]) -> tuple[list[str], list[str]]:
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
