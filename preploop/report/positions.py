"""Experience lines to positions: role headings, employer descriptions and bullets.

A role's heading is one to three lines (four with a place) holding a title, an
employer, perhaps a place and the dates, in any order and layout: one comma list
("Title, Company, Mon YYYY - Present"), pieces split by "|", "-" or "at", the
company above the title, the dates first or last, a city in brackets. Lines the
file marks as headings (bold, sub-headings) are heading lines; a plain line under
a finished heading describes the employer; a line opening with a verb is a
bullet. A heading that makes no role leaves its lines unplaced, and the bullets
under it with them, rather than joining them to the role above.

Templates add their own turns (tests/eval/world_layouts.py): a slash between title
and employer ("Product / Growth Lead / Initech"), a margin column of dates with the
place under them (moderncv), labelled places ("City: Chicago"), the employer once
above a LinkedIn group of roles, and employers whose names hold title words ("Lead
Bank"): an organisation's word picks the employer before a place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from preploop.report.documents import Position
from preploop.report.patterns import (
    DATE,
    DATE_RANGE,
    DURATION,
    PLACE,
    SINCE,
    US_STATE,
    is_contact_line,
)
from preploop.report.wordlists import ResumeWords, alternation, settings

_WORDS = settings(ResumeWords)
# A school's name keeps its " at " ("University of Texas at Austin").
INSTITUTION = re.compile(rf"\b(?:{alternation(_WORDS.institution_words)}|uc\s+\w+)\b", re.I)


@dataclass(eq=False)
class Line:
    """One line of the resume, and where it landed."""

    text: str
    bullet: bool = False
    strong: bool = False  # bold, or a sub-heading: the file marks it as a heading
    source: str = ""  # the text as read, before any joining
    places: list[str] = field(default_factory=list)
    into: Line | None = None  # a wrapped tail joined onto this line

    def land(self, place: str) -> None:
        self.places.append(place)

    def root(self) -> Line:
        line = self
        while line.into is not None:
            line = line.into
        return line


def join_words(a: str, b: str) -> str:
    return a + b if a.endswith("-") and a[-2:-1].isalnum() else f"{a} {b}"


def role_date(line: str) -> bool:
    """Whether a line carries a role's dates (not just a year inside a sentence)."""
    if DATE_RANGE.search(line) or SINCE.search(line):
        return True
    return any(DATE.fullmatch(piece) for piece in heading_pieces(line))


def take_dates(text: str) -> tuple[str, str, str]:
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
    rest = re.sub(r"\(\s*\|?\s*\)|\[\s*\|?\s*\]", " ", rest)
    # "Title · | City": a separator that stood before the dates goes with them
    rest = re.sub(r"\s*[·•@]\s*(?=\||$)|(?:^|(?<=\|))\s*[·•@]\s*", " ", rest)
    return re.sub(r"\s+", " ", rest).strip(" |,-·•")


_TITLE_WORDS = frozenset(_WORDS.title_words)
_COMPANY_WORDS = frozenset(_WORDS.company_words)
CONNECTORS = frozenset(_WORDS.connectors)  # "of", "and"... (data/resume.yaml)
_ACTION_VERBS = frozenset(_WORDS.action_verbs)
_EMPLOYMENT_TYPES = frozenset(_WORDS.employment_types)
_REMOTE = frozenset(_WORDS.remote_words)
_PLACE_LABEL = re.compile(rf"(?i)(?:{alternation(_WORDS.place_labels)})\s*:\s*(?P<place>\S.*)")
_PIECE_SPLIT = re.compile(r"\s+[|•·@]\s+|\s*\|\s*|\s+-\s+|\s+at\s+")
_BRACKETS = re.compile(r"\s*\(([^()]{2,40})\)")


@dataclass
class _Roles:
    """Experience lines as they are read: finished roles, a heading being read."""

    positions: list[Position] = field(default_factory=list)
    unplaced: list[Line] = field(default_factory=list)
    header: list[Line] = field(default_factory=list)
    held: list[Line] = field(default_factory=list)  # prose inside a heading being read
    current: Position | None = None  # the role that bullets go to
    current_lines: list[Line] = field(default_factory=list)  # its heading
    last_bullet: Line | None = None
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

    def completes_heading(self, lines: list[Line]) -> bool:
        """ "Senior Analyst, Merchant Risk  2021 - Present" read as title and employer,
        then "Ledgerline Payments | New York, NY": the second line names the employer."""
        heading = [line.text for line in self.current_lines]
        one_list = len([p for t in heading for p in heading_pieces(take_dates(t)[2])]) == 1
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

    def describe(self, lines: list[Line]) -> None:
        assert self.current is not None
        for line in lines:
            line.land("description")
        text = " ".join(line.text for line in lines)
        self.current.description = f"{self.current.description} {text}".strip()

    def bullet(self, line: Line) -> None:
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


def read_positions(items: list[Line]) -> tuple[list[Position], list[Line]]:
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
            current.bullets[-1] = join_words(current.bullets[-1], item.text)
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


def _starts_role(roles: _Roles, item: Line, marked: bool) -> bool:
    """Whether a plain line after heading lines starts something new.

    A second dated line, or a 4th heading line other than a place, starts a role:
    the previous one had no bullets. Once the dates are known, prose ("Insurance
    marketplace, 800 people") ends the heading: an employer's name is not written so.
    Once title, employer and dates are known, another heading-like line ("X | Y", a
    title, a bold line) ends it too.
    """
    if not _has_role_date(roles.header):
        return False
    if role_date(item.text) or _descriptive(item.text):
        return True
    if _is_place(item.text):  # "City: Chicago | Country: United States", "Austin, TX"
        return False
    if len(roles.header) >= 3:  # a 4th line is a new role's, unless it is the place
        parts = [part.strip() for part in item.text.split(",")]  # "Austin, Texas, United States"
        return not (all(_place_like(part) for part in parts) or _is_place(item.text))
    if not roles.header_complete():
        return False
    heading_like = item.strong or _title_like(item.text) or len(heading_pieces(item.text)) >= 2
    return heading_like or (marked and not item.strong)


def _describes_employer(item: Line, current: Position | None, marked: bool) -> bool:
    """A line under a finished heading, before any bullet, that reads as prose about the
    employer, or that is plain where the file marks its headings bold."""
    plain = _descriptive(item.text) or (marked and not item.strong)
    return plain and _is_description(item, current)


def _is_duty(item: Line) -> bool:
    """A plain line that opens with a verb ("Ran 24 A/B tests"): a bullet without its glyph."""
    text = item.text
    named = _name_like(text)  # "Lead Bank · Full-time" is a name, not "Lead ..." a duty
    return starts_with_verb(text) and not (_title_like(text) or role_date(text) or named)


def _has_role_date(lines: list[Line]) -> bool:
    return any(role_date(line.text) for line in lines)


def _is_description(item: Line, current: Position | None) -> bool:
    """A line about the employer may follow a role's heading, before any bullet."""
    if current is None or current.bullets or current.description or role_date(item.text):
        return False
    words = item.text.split()
    return len(words) <= _WORDS.description_words and not starts_with_verb(item.text)


def starts_with_verb(text: str) -> bool:
    first = re.sub(r"[^\w-]", "", text.split()[0].lower()) if text.split() else ""
    return first in _ACTION_VERBS or (first.endswith("ed") and len(first) > 4)


def _descriptive(text: str) -> bool:
    """Ordinary lower-case words, as in "Series B payments start-up, 120 people".

    Names of employers and job titles are capitalised ("The Revolve Company"),
    apart from short linking words ("Bank of America").
    """
    if _title_like(text) or role_date(text) or is_contact_line(text):
        return False
    words = re.findall(r"[^\W\d_][\w'-]*", text)
    return any(w.islower() and w not in CONNECTORS for w in words)


def _continues(bullet: str, line: str) -> bool:
    """A plain line after a bullet is its wrapped tail when the bullet is mid-sentence."""
    if role_date(line) or " | " in line:
        return False
    last_word = bullet.split()[-1].lower() if bullet.split() else ""
    # "£2.1M a year", "≥ 95% accuracy", "3 warehouses", "97%": a line opening with a
    # symbol, or with a figure and then prose (not a name: "3M, Senior Engineer"),
    # carries on a bullet that did not end its sentence.
    prose = any(w.islower() for w in re.findall(r"[^\W\d_]+", line))
    letters = any(ch.isalpha() for ch in line)
    opens = not line[:1].isalnum() or (line[:1].isdigit() and (prose or not letters))
    figure = opens and not bullet.endswith((".", "!", "?"))
    return figure or bullet.endswith((",", "-", "/", "(", "&")) or last_word in CONNECTORS


def _is_sentence(text: str) -> bool:
    """A sentence, never part of a role's heading (long, or a full stop)."""
    words = len(text.split())
    last = re.sub(r"[^a-z]", "", text.split()[-1].lower()) if words else ""
    abbreviation = last in _TITLE_WORDS or last in _COMPANY_WORDS  # "Operations Mgr."
    full_stop = words >= _WORDS.short_sentence_words and text.endswith(".") and not abbreviation
    sentence = words >= _WORDS.sentence_words or full_stop
    return sentence and not role_date(text) and " | " not in text


def _position_from_header(lines: list[str], group_employer: str) -> tuple[Position | None, str]:
    """Title, employer, location and dates from 1-3 heading lines of a role.

    Returns the position and the employer that later title-only roles inherit
    ("Acme" on its own line above "Senior Engineer  2020 - Present").
    """
    start = end = ""
    parts: list[tuple[str, int]] = []  # (piece, index of its line)
    places: list[str] = []
    dated_line = -1
    margin = False  # the dates open their line: a margin column beside the entry
    pieces: list[tuple[list[str], int]] = []  # comma parts of each piece, its line
    for index, line in enumerate(lines):
        if not start:
            start, end, line = take_dates(line)
            dated_line = index if start else -1
            margin = bool(start and line) and _opens_with_dates(lines[index])
        line = _BRACKETS.sub(lambda m: _bracketed_place(m, places), line)
        line_pieces = _slash_pieces(heading_pieces(line))
        if margin and index > dated_line and len(line_pieces) >= 2 and _place_like(line_pieces[0]):
            places.append(line_pieces.pop(0))  # the place under the dates in the margin
        for piece in line_pieces:
            if labelled := _PLACE_LABEL.fullmatch(piece):  # "City: Chicago"
                places.append(labelled.group("place"))
                continue
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
    after_dates = [i for i in others if 0 <= parts[best][1] < dated_line < parts[i][1]]
    if group_employer and after_dates == others and all(_place_like(pieces[i]) for i in others):
        # "Data Scientist / dates / New York" under "Globex" above the role before
        places += [pieces[i] for i in others]
        return _position(pieces[best], group_employer, ", ".join(places), start, end), (
            group_employer
        )
    employer = _employer(pieces, others)
    rest = [i for i in others if i != employer]
    title = ", ".join([pieces[best]] + [pieces[i] for i in rest if title_score(pieces[i]) > 0])
    places += [pieces[i] for i in rest if title_score(pieces[i]) <= 0]
    # An employer on a line of its own may head several roles ("Acme | Berlin | dates"
    # above "Senior Engineer", then "Engineer | dates" with no employer of its own).
    heads_group = parts[employer][1] != parts[best][1]
    position = _position(title, pieces[employer], ", ".join(places), start, end)
    return position, (position.employer if heads_group else "")


def _employer(pieces: list[str], others: list[int]) -> int:
    """Which of the other pieces names the employer: one with an organisation's word
    first ("Lead Bank" before "Kansas City"), then one without title words."""
    for choice in (
        [i for i in others if title_score(pieces[i]) < 0],
        [i for i in others if title_score(pieces[i]) <= 0],
    ):
        if choice:
            return choice[0]
    return others[0]


def _name_like(text: str) -> bool:
    """Capitalised words (linking words aside), as a name is written: not a phrase."""
    words = re.findall(r"[^\W\d_][\w'&.-]*", text)
    return bool(words) and all(w[:1].isupper() for w in words if w.lower() not in CONNECTORS)


def _header_parts(pieces: list[tuple[list[str], int]], places: list[str]) -> list[tuple[str, int]]:
    """The name-like parts of a heading: a lone comma list ("Title, Employer, City") is
    split; beside other pieces, the title keeps its commas ("Senior PM, Growth") and a
    name keeps its first part, the places after it going to `places`."""
    if not pieces:
        return []
    joined = [", ".join(commas) for commas, _ in pieces]
    best = max(range(len(pieces)), key=lambda i: (title_score(joined[i]), -i))
    others = [i for i in range(len(pieces)) if i != best]
    lone = not others
    if not lone and len(pieces[best][0]) > 1 and not places:
        # "Staff Engineer, Tailspin Toys | dates" over "Denver": beside pieces that are
        # only places, the title's comma list is the whole heading (but beside a sure
        # place, "Lumen Streaming | Los Angeles, CA", a name is the employer's)
        only_places = all(all(_place_like(p) for p in pieces[i][0]) for i in others)
        scores = [title_score(p) for p in pieces[best][0]]
        named = min(scores) < max(scores)  # a name beside the title ("Head Start Partners")
        if only_places and named:
            places.extend(joined[i] for i in others)
            lone = True
    if lone:
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
        and all(w[:1].isupper() for w in words if w.lower() not in CONNECTORS)
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


def _opens_with_dates(line: str) -> bool:
    """ "01/2022 - Present | Senior PM": the line starts with its date range."""
    m = DATE_RANGE.search(line)
    return bool(m) and not line[: m.start()].strip(" [(|")


def _slash_pieces(pieces: list[str]) -> list[str]:
    """ "Product / Growth Lead / Initech": the last name after a slash, when it is not part of
    the title, is a piece of its own (a title keeps its own slashes)."""
    out = []
    for piece in pieces:
        head, slash, tail = piece.rpartition(" / ")
        named = tail[:1].isupper() and title_score(tail) <= 0 and not DATE.fullmatch(tail)
        if slash and named and title_score(head) > 0:
            out += [head, tail]
        else:
            out.append(piece)
    return out


def _is_place(part: str) -> bool:
    """ "Austin, TX", "Remote": a location for sure (a lone city is told by its position)."""
    if part.lower() in _REMOTE or _PLACE_LABEL.fullmatch(part):
        return True
    m = re.fullmatch(rf"{PLACE},\s*{US_STATE}", part)
    # The city holds no title or company word; the state is a state ("Denver, CO" is in
    # Colorado, not a company "Co").
    return bool(m) and title_score(part.rsplit(",", 1)[0]) == 0


def _place_like(part: str) -> bool:
    """A capitalised name of one to three words that is not a title: "Berlin", "New York"."""
    words = part.split()
    if not 1 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    return title_score(part) == 0 and not any(w.lower() in _COMPANY_WORDS for w in words)


def _position(title: str, employer: str, location: str, start: str, end: str) -> Position:
    return Position(title=title, employer=employer, location=location, start=start, end=end)


def heading_pieces(line: str, split_at: bool = True) -> list[str]:
    """Pieces of a heading line, split at " | ", " - ", " @ " and " at ".

    " at " is kept inside a school's name ("University of Texas at Austin").
    """
    parts: list[str] = []
    joined = False  # whether the next part carries on the last one
    for i, part in enumerate(re.split(f"({_PIECE_SPLIT.pattern})", line)):
        if i % 2:  # a separator
            keep = not split_at or INSTITUTION.search(parts[-1] if parts else "")
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
