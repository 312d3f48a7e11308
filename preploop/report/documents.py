"""Structured inputs of the personalized report: a parsed resume and job description.

`preploop.report.ingest` builds these from files; `analyze` reads them. They hold
personal data, so nothing here logs or prints.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from pydantic import BaseModel, Field, SerializerFunctionWrapHandler, model_serializer

from preploop.report.wordlists import DateWords, settings

_DATES = settings(DateWords)
# Words that mean "still in this job" in an end date (data/dates.yaml).
PRESENT_WORDS = frozenset(_DATES.present)
_MONTHS = {word: month for month, words in _DATES.months.items() for word in words}
_SEASONS = _DATES.seasons


class Contact(BaseModel):
    email: str = ""
    phone: str = ""
    location: str = ""
    links: list[str] = Field(default_factory=list)


class Position(BaseModel):
    title: str
    employer: str
    location: str = ""
    start: str = ""  # as written on the resume: "Jan 2020", "2019", "03/2018"
    end: str = ""  # as written: "Dec 2022", "Present", "Current"
    # A line about the employer between the heading and the bullets
    # ("Series B payments start-up, 120 people"): context, not a claim.
    description: str = ""
    bullets: list[str] = Field(default_factory=list)

    @model_serializer(mode="wrap")
    def _without_empty_description(self, handler: SerializerFunctionWrapHandler) -> Any:
        return drop_empty(handler(self), "description")


class Project(Position):
    """A project the candidate lists (open source, a hackathon, a capstone): its name stands
    where a job's employer does and the candidate's role on it, if given, where the title
    does ("Creator & Maintainer, DevFlow"). Its bullets are the candidate's own work, read
    as a job's are; its years are no years of work."""


class Education(BaseModel):
    institution: str
    degree: str = ""
    start: str = ""
    end: str = ""
    details: list[str] = Field(default_factory=list)


def drop_empty(data: Any, key: str) -> Any:
    """Fields added later (issue 21; staff review's note and edits) are left out of JSON
    while empty, so an analysis without them stays byte-identical to what it was."""
    if isinstance(data, dict) and not data.get(key):
        data.pop(key, None)
    return data


class UnplacedLine(BaseModel):
    text: str
    section: str  # the section it was read in: "experience", "education", "header"...
    # Under Experience, dated, opening with a verb, or a bullet: a job may be lost.
    looks_like_experience: bool = False


class Resume(BaseModel):
    name: str
    # The line under (or over) the name that says who the candidate is ("Senior Software
    # Engineer"): their own title, no line of work.
    headline: str = ""
    contact: Contact
    summary: str = ""
    positions: list[Position]
    education: list[Education]
    skills: list[str]
    # Dated roles under Activities, Volunteering, Leadership...: experience for a
    # student or new graduate, left aside otherwise (analysis: candidate.py).
    activities: list[Position] = Field(default_factory=list)
    # Projects (name, role, bullets): the candidate's own work, apart from their jobs.
    projects: list[Project] = Field(default_factory=list)
    # Readable lines that fit no section (certifications, awards, interests...),
    # kept so the analysis can still quote them.
    other_lines: list[str] = Field(default_factory=list)
    # Lines the reader could not place (a role heading it did not understand and
    # the bullets under it): kept, quoted by the analysis, and warned about.
    unplaced: list[UnplacedLine] = Field(default_factory=list)
    source_format: str  # "pdf" | "docx" | "markdown" | "text"
    pages: int = 1
    # ISO 639-1 code of the resume's language, "" when it cannot be told.
    language: str = ""
    # One-line notes for the user about how the file was read ("not in English").
    warnings: list[str] = Field(default_factory=list)

    @model_serializer(mode="wrap")
    def _without_empty_unplaced(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        for key in ("unplaced", "activities", "projects", "headline"):
            data = drop_empty(data, key)
        return data

    def lines(self) -> list[tuple[str, str, str]]:
        """Every evidence line as (line_id, text, kind), in resume order.

        Ids are stable for the same resume: "headline", "summary", "p0" (position 0
        heading), "p0.b2" (position 0, bullet 2), "a0" / "a0.b1" (activity), "j0" /
        "j0.b1" (project), "e1" / "e1.d0" (education), "s3" (skill 3), "other4"
        (other_lines[4]), "unplaced0" (unplaced[0]). Kind is "bullet", "summary",
        "skills" or "other".
        """
        out: list[tuple[str, str, str]] = []
        if self.headline:
            out.append(("headline", self.headline, "other"))
        if self.summary:
            out.append(("summary", self.summary, "summary"))
        for i, pos in enumerate(self.positions):
            heading = ", ".join(part for part in (pos.title, pos.employer) if part)
            if heading:
                out.append((f"p{i}", heading, "other"))
            out.extend((f"p{i}.b{j}", text, "bullet") for j, text in enumerate(pos.bullets))
        # Activities (volunteering, societies) of someone with work behind them: still
        # their own deeds, so still evidence and stories ("a0.b1").
        for i, act in enumerate(self.activities):
            heading = ", ".join(part for part in (act.title, act.employer) if part)
            if heading:
                out.append((f"a{i}", heading, "other"))
            out.extend((f"a{i}.b{j}", text, "bullet") for j, text in enumerate(act.bullets))
        for i, project in enumerate(self.projects):
            heading = ", ".join(part for part in (project.title, project.employer) if part)
            if heading:
                out.append((f"j{i}", heading, "other"))
            out.extend((f"j{i}.b{j}", text, "bullet") for j, text in enumerate(project.bullets))
        for i, edu in enumerate(self.education):
            heading = ", ".join(part for part in (edu.degree, edu.institution) if part)
            if heading:
                out.append((f"e{i}", heading, "other"))
            out.extend((f"e{i}.d{j}", text, "other") for j, text in enumerate(edu.details))
        out.extend((f"s{i}", skill, "skills") for i, skill in enumerate(self.skills))
        out.extend((f"other{i}", text, "other") for i, text in enumerate(self.other_lines))
        out.extend((f"unplaced{i}", u.text, "other") for i, u in enumerate(self.unplaced))
        return out

    def latest_position(self, today: datetime.date) -> Position | None:
        """The position that ends last (a current one, "Present", ends today); of two that
        end together, the one listed first. None when no position is dated."""
        spans = [(_month_span(p, today), -i) for i, p in enumerate(self.positions)]
        ends = [(span[1], order) for span, order in spans if span]
        return self.positions[-max(ends)[1]] if ends else None

    def years_of_experience(self, today: datetime.date) -> float:
        """Total years covered by the positions, overlaps counted once.

        `today` stands in for "Present" so that the result does not depend on the
        clock. Months count inclusively ("Jan 2020 - Mar 2020" is 3 months). A bare
        year is read as mid-year on both ends ("2019 - 2021" is 2 years), which
        never claims more than the resume says. Positions without a parseable start
        are skipped.
        """
        spans = [span for pos in self.positions if (span := _month_span(pos, today))]
        spans.sort()
        total = 0
        cur_start, cur_end = None, None
        for start, end in spans:
            if cur_end is None or start > cur_end:
                if cur_end is not None:
                    total += cur_end - cur_start
                cur_start, cur_end = start, end
            else:
                cur_end = max(cur_end, end)
        if cur_end is not None:
            total += cur_end - cur_start
        return round(total / 12, 2)


class JobDescription(BaseModel):
    title: str = ""
    company: str = ""
    # One of SENIORITY_LEVELS, or "" when the posting does not say.
    seniority: str = ""
    # True when no word says the level and it was read from the years asked ("2+ years").
    seniority_from_years: bool = False
    years_required: int | None = None
    # Roles the posting counts as closely related to its own ("strategy, operations or
    # consulting"): years in them count toward the years asked.
    related_roles: list[str] = Field(default_factory=list)
    required_lines: list[str] = Field(default_factory=list)
    preferred_lines: list[str] = Field(default_factory=list)
    responsibility_lines: list[str] = Field(default_factory=list)
    required_skills: list[str] = Field(default_factory=list)
    preferred_skills: list[str] = Field(default_factory=list)
    # Skills listed as alternatives ("Java, C++, or C#"): each group is one requirement,
    # met by any of its skills. A skill the vocabulary lacks may appear as written.
    skill_choices: list[list[str]] = Field(default_factory=list)
    text: str = ""
    language: str = ""  # as for Resume
    warnings: list[str] = Field(default_factory=list)

    @model_serializer(mode="wrap")
    def _without_default_source(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = drop_empty(handler(self), "seniority_from_years")
        return drop_empty(drop_empty(data, "skill_choices"), "related_roles")

    def requirements(self, skills: list[str]) -> list[list[str]]:
        """`skills` as requirements: alternatives together, where the first of them is."""
        out: list[list[str]] = []
        seen: set[str] = set()
        for name in skills:
            if name not in seen:
                group = next((g for g in self.skill_choices if name in g), [name])
                seen.update(group)
                out.append(group)
        return out


SENIORITY_LEVELS = (
    "intern",
    "junior",
    "mid",
    "senior",
    "staff",
    "principal",
    "lead",
    "manager",
    "director",
)


def parse_month(text: str) -> tuple[int, int | None] | None:
    """(year, month or None) from "Jan 2020", "03/2018", "2019-05", "Summer 2021", "2019"."""
    s = text.strip().lower()
    if m := re.fullmatch(r"(\d{1,2})\s*/\s*(\d{4}|\d{2})", s):
        year = int(m.group(2))
        if year < 100:  # "03/18": two-digit years are this century unless clearly not
            year += 2000 if year < 70 else 1900
        month = int(m.group(1))
        return (year, month) if 1 <= month <= 12 else None
    if m := re.fullmatch(r"(\d{4})\s*[-/.]\s*(\d{1,2})", s):
        month = int(m.group(2))
        return (int(m.group(1)), month) if 1 <= month <= 12 else None
    if m := re.fullmatch(r"([^\W\d_]+)\.?\s*,?\s*'?(\d{4})", s):
        word, year = m.group(1), int(m.group(2))
        month = _SEASONS.get(word) or _MONTHS.get(word) or _MONTHS.get(word[:3])
        return (year, month) if month else None
    if re.fullmatch(r"\d{4}", s):
        return (int(s), None)
    return None


def _month_span(pos: Position, today: datetime.date) -> tuple[int, int] | None:
    """Half-open [start, end) in months since year 0, or None when unreadable."""
    start = parse_month(pos.start)
    if start is None:
        return None
    now = today.year * 12 + today.month  # exclusive end of the current month
    if not pos.end.strip() or pos.end.strip().lower() in PRESENT_WORDS:
        end_month = now
    else:
        end = parse_month(pos.end)
        if end is None:
            return None
        year, month = end
        end_month = year * 12 + (month if month else 6)  # bare year: through June
    year, month = start
    start_month = year * 12 + (month - 1 if month else 6)  # bare year: from July
    if month is None and parse_month(pos.end) == (year, None):
        end_month = start_month + 6  # "2019 - 2019": count half a year
    end_month = min(end_month, now)
    return (start_month, end_month) if end_month > start_month else None
