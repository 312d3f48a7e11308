"""Who the candidate is against the role: a student or new graduate, a career switcher,
a resume that reads above the target level, or none of these; and the level to aim at
given the job description and the resume together.

Thresholds are data (data/candidate.yaml); the report words each fact (`Said`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from pydantic import Field

from preploop.model import Company, Level, Role
from preploop.report.documents import JobDescription, Project, Resume, parse_month
from preploop.report.experience import target_level
from preploop.report.findings import (
    CandidateProfile,
    Evidence,
    QuestionPlan,
    Said,
    Story,
    TargetLevel,
)
from preploop.report.wordlists import DataFile, settings, wordlist
from preploop.tunables import Tunables


class WhyNow(Tunables):
    text: str = Field(description="The question as the report prints it.")
    category: str
    testing: str
    angle: str
    story_prompt: str
    follow_ups: list[str]


class CandidateSettings(DataFile):
    file = "candidate"
    early_career_below_years: float = Field(description="Years of work under which: student.")
    switcher_min_years: float = Field(description="Years of work from which: switcher.")
    switcher_relevant_below: float = Field(description="Years in the role under which.")
    switcher_other_year_credit: float = Field(description="A year elsewhere counts this much.")
    transferable_lines: int = Field(description="A switcher's carried-over lines shown.")
    above_top_level_margin: float = Field(description="Years over a top level's minimum.")
    entry_seniorities: list[str] = Field(description="Seniority words of an entry level.")
    stated_years_margin: float = Field(description="Summary years this far off: said first.")
    why_now: WhyNow


def _settings() -> CandidateSettings:
    return settings(CandidateSettings)


def with_activities(resume: Resume, years: float) -> Resume:
    """For a student or new graduate, the resume with its activities read as positions
    (after the jobs, so line ids of the jobs do not move)."""
    if years >= _settings().early_career_below_years or not resume.activities:
        return resume
    return resume.model_copy(
        update={"positions": [*resume.positions, *resume.activities], "activities": []}
    )


def profile_candidate(
    resume: Resume,
    levels: list[Level],
    level: TargetLevel,
    years: float,
    relevant: float,
    *,
    generic: bool = False,
    stated: float | None = None,
) -> tuple[CandidateProfile, TargetLevel]:
    """The kind of candidate and the level of `levels` (the role's ladder, or with
    `generic` its family's generic one) to aim at, each with the reasons the report says.
    `stated`: the years the resume's own summary claims, if it names them."""
    tune = _settings()
    jd_index = next((i for i, lv in enumerate(levels) if lv.code == level.code), 0)
    args = {"years": round(years, 1), "relevant": round(relevant, 1)}
    if years < tune.early_career_below_years:
        entry = levels[0]
        has_entry = entry.seniority in tune.entry_seniorities
        notes = [
            Said(
                code="profile.student",
                args={**args, "activities": len(resume.activities)},
            ),
            Said(code="profile.student.generic", args={"title": entry.title})
            if generic
            else Said(
                code="profile.student.level" if has_entry else "profile.student.no_entry",
                args={
                    "code": entry.code,
                    "title": entry.title,
                    # The posting itself is a new-graduate or intern one.
                    "posting_entry": int(level.reason.code == "level.entry_posting"),
                },
            ),
        ]
        reason = Said(code="level.entry", args={"jd": level.code, "code": entry.code})
        aimed = _level(levels, 0, reason)
        return CandidateProfile(kind="student", notes=notes), aimed
    if years >= tune.switcher_min_years and relevant < tune.switcher_relevant_below:
        credited = relevant + tune.switcher_other_year_credit * (years - relevant)
        fitting = [i for i, lv in enumerate(levels) if lv.min_years <= credited] or [0]
        index = min(fitting[-1], jd_index)
        aimed_code = levels[index].code
        notes = [Said(code="profile.switcher", args=args)]
        if index < jd_index:
            notes.append(
                Said(
                    code="profile.switcher.lower",
                    args={"jd": level.code, "code": aimed_code},
                )
            )
        reason = Said(code="level.switcher", args={**args, "jd": level.code, "code": aimed_code})
        return CandidateProfile(kind="switcher", notes=notes), _level(levels, index, reason)
    above = levels[jd_index + 1] if jd_index + 1 < len(levels) else None
    limit = above.min_years if above else level.min_years + tune.above_top_level_margin
    # Advice to ask for a higher loop needs the resume's own count to agree: a summary
    # saying "8 years" beside dates adding up to ten is not a case for the level above.
    if relevant >= limit and (stated is None or stated >= limit):
        notes = [
            Said(
                code="profile.above" if above else "profile.above.top",
                args={**args, "code": level.code, "above": above.code if above else ""},
            )
        ]
        return CandidateProfile(kind="above", notes=notes), level
    return CandidateProfile(kind="fits"), level


def _level(levels: list[Level], index: int, reason: Said) -> TargetLevel:
    return target_level(levels[index], reason)


_NUMBER_WORDS = wordlist("job_description")["number_words"]
_STATED_YEARS = re.compile(
    rf"\b(\d{{1,2}}|{'|'.join(_NUMBER_WORDS)})\s*\+?\s*(?:years?|yrs)\b(?!\s+old)", re.I
)


# What the summary's years are of, when it says: "6 years of experience in payments and
# retail" counts a part of the career ("in payments and retail"), not all of it.
_STATED_SCOPE = re.compile(
    r"^\s*\+?\s*(?:years?|yrs)\b(?:\s+of(?:\s+\w+)?\s+experience)?"
    r"\s+(?P<scope>(?:in|across|within)\s[^,;.()]+)",
    re.I,
)


def _stated_claim(resume: Resume) -> tuple[float, str] | None:
    """The years the summary (or headline) claims and what they are of ("" for all of the
    career), or None when it names no years."""
    text = resume.summary or resume.headline
    found = _STATED_YEARS.search(text)
    if not found:
        return None
    word = found.group(1).lower()
    scope = _STATED_SCOPE.match(text[found.end(1) :])
    return float(_NUMBER_WORDS.get(word) or int(word)), scope["scope"].strip() if scope else ""


def stated_years(resume: Resume) -> float | None:
    """The years of experience the resume's summary (or headline) claims: "8 years in
    consumer subscription", "two years of experience"; None when it names none."""
    claim = _stated_claim(resume)
    return claim[0] if claim else None


def stated_years_scope(resume: Resume) -> str:
    """What the summary's count of years is of ("in payments and retail"), or ""."""
    claim = _stated_claim(resume)
    return claim[1] if claim else ""


def stated_years_differ(stated: float | None, years: float, scope: str = "") -> list[Said]:
    """The summary's own count of years (`stated_years`), when the dates of the jobs tell
    another: the report counts by the dates, and an interviewer will notice. A count of
    fewer years `scope`d to a field may be a count of part of the career, so the note asks
    to make that plain rather than calling it wrong."""
    if stated is None or abs(stated - years) < _settings().stated_years_margin:
        return []
    args = {"stated": stated, "years": round(years, 1)}
    if scope and stated < years:
        return [Said(code="dates.stated_years.part", args={**args, "scope": scope})]
    return [Said(code="dates.stated_years", args=args)]


def impossible_dates(resume: Resume, today: dt.date, company: Company) -> list[Said]:
    """Dates an interviewer will ask about: an end before its start, a date after today,
    a job at the ordered company before the year it was founded."""
    found: list[Said] = []
    founded = company.founded
    now = (today.year, today.month)
    activities = {id(pos) for pos in resume.activities}
    for pos in [*resume.positions, *resume.activities]:
        where = {"title": pos.title, "employer": pos.employer}
        start, end = parse_month(pos.start), parse_month(pos.end)
        # A society or course a student will finish may show its planned end.
        ends = () if id(pos) in activities else ((pos.end, end),)
        if start and end and _key(end) < _key(start):
            span = {**where, "start": pos.start, "end": pos.end}
            found.append(Said(code="dates.end_before_start", args=span))
        for text, parsed in ((pos.start, start), *ends):
            if parsed and _key(parsed) > now:
                found.append(Said(code="dates.future", args={**where, "date": text}))
                break
        if founded and start and start[0] < founded and _works_at(pos.employer, company):
            early = {**where, "start": pos.start, "founded": founded}
            found.append(Said(code="dates.before_founding", args=early))
    return found


def _key(parsed: tuple[int, int | None]) -> tuple[int, int]:
    return parsed[0], parsed[1] or 1


def _works_at(employer: str, company: Company) -> bool:
    named = _norm(employer)
    return bool(named) and any(
        _norm(n) and _norm(n) in named for n in (company.name, *company.aliases)
    )


def other_company(job: JobDescription, company: Company) -> list[Said]:
    """A posting that names another company than the one ordered."""
    named = _norm(job.company)
    if not named:
        return []
    ours = [_norm(n) for n in (company.name, company.slug, *company.aliases)]
    if any(n and (n in named or named in n) for n in ours):
        return []
    return [Said(code="input.other_company", args={"jd": job.company, "company": company.name})]


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.lower())


def with_transferable(
    profile: CandidateProfile, lines: list, in_family: Callable[[str], bool]
) -> CandidateProfile:
    """A switcher's profile with the lines of their other work (`lines`: the story engine's
    Lines, whose position title `in_family` does not recognise) that already tell a kind
    of story this role is asked about, most kinds and a number first."""
    if profile.kind != "switcher":
        return profile
    carried = [
        line
        for line in lines
        if line.anatomy.lead_intents
        and not line.anatomy.weak
        and line.position is not None
        and not isinstance(line.position, Project)  # their own project is no other work
        and not in_family(line.position.title)
    ]
    # A line where they already did part of the job ("served as product owner for ...")
    # carries over most, whatever else it tells.
    carried.sort(
        key=lambda ln: (
            not in_family(ln.text),
            -len(ln.anatomy.lead_intents),
            -len(ln.anatomy.scope),
            ln.order,
        )
    )
    evidence = [
        Evidence(line_id=ln.line_id, text=ln.text, where=ln.where, shows=ln.anatomy.lead_intents)
        for ln in carried[: _settings().transferable_lines]
    ]
    return profile.model_copy(update={"transferable": evidence})


WHY_NOW_ID = "why-now"


def ask_why_now(
    profile: CandidateProfile, role: Role, questions: list[QuestionPlan], stories: list[Story]
) -> tuple[list[QuestionPlan], list[Story]]:
    """A switcher's twelve questions open with "why this role, why now", answered with
    their first story's line; the least likely question makes room for it."""
    if profile.kind != "switcher" or not questions:
        return questions, stories
    data = _settings().why_now
    # The line closest to the new role answers "why this role": what already carries over.
    source = profile.transferable[0] if profile.transferable else None
    source = source or (stories[0].source if stories else None)
    asked = QuestionPlan(
        id=WHY_NOW_ID,
        text=data.text,
        round=role.rounds[0].name if role.rounds else questions[0].round,
        category=data.category,
        frequency="very-common",
        likelihood=questions[0].likelihood,
        reasons=[Said(code="question.why_now")],
        principles=[],
        story=source,
        story_prompt=data.story_prompt,
        angle=data.angle,
        testing=data.testing,
        follow_ups=list(data.follow_ups),
    )
    room = len(questions) - 1 if len(questions) >= 12 else len(questions)  # at most twelve
    kept = [asked, *questions[:room]]
    dropped = {q.id for q in questions} - {q.id for q in kept}
    # The story drafted from that line, if any, answers it too (no other story claims it).
    told = next(
        (i for i, s in enumerate(stories) if source and s.source.line_id == source.line_id), None
    )
    stories = [
        s.model_copy(
            update={
                "questions": ([WHY_NOW_ID] if i == told else [])
                + [q for q in s.questions if q not in dropped]
            }
        )
        for i, s in enumerate(stories)
    ]
    return kept, stories
