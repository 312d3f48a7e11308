"""Experience: the level a posting aims at, the years that count toward it (in this kind
of role, in roles the posting names as related, a current title's level) and the scope the
resume shows; and the skill part's score. Pure functions, no I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from preploop.model import Level, RoleFamily
from preploop.report.documents import JobDescription, Resume
from preploop.report.findings import Evidence, Said, ScorePart, SkillMatch, TargetLevel
from preploop.report.fit import (
    PREFERRED_WEIGHT,
    REQUIRED_WEIGHT,
    SKILL_CREDIT,
    find_phrases,
    unique_lines,
    where_in_resume,
)
from preploop.report.jd_parser import title_seniority
from preploop.report.method import value
from preploop.report.related_roles import is_related
from preploop.report.wording import date_span

SCOPE_PHRASES = tuple(value("words.scope"))
_SCALE = re.compile(
    # The words between are no numbers: "from 40 to 120 students" counts the 120.
    r"\b(\d[\d,]*(?:\.\d+)?)\s?(k|m|b|million|billion|thousand)?\+?\s(?:[^\W\d][\w/-]*\s){0,2}?"
    rf"(?:{'|'.join(map(re.escape, value('words.scale_nouns')))})\b",
    re.IGNORECASE,
)


# -- experience and level ------------------------------------------------------------


def choose_target_level(job: JobDescription, levels: list[Level]) -> TargetLevel:
    """The level of the ladder (the role's own, or its family's generic one) the job
    description aims at, and why."""
    by_seniority = {level.seniority: level for level in reversed(levels)}
    seniority = value("level.seniority_alias").get(job.seniority, job.seniority)
    if job.seniority_from_years:
        seniority = ""  # the years asked say more than the level read from them
    if seniority in by_seniority:
        level = by_seniority[seniority]
        reason = Said(code="level.seniority", args={"seniority": job.seniority})
    elif seniority in ("intern", "junior"):  # no entry level listed: the lowest one
        level = levels[0]
        reason = Said(code="level.entry_posting", args={"seniority": job.seniority})
    elif job.years_required is not None:
        fitting = [lv for lv in levels if lv.min_years <= job.years_required] or [levels[0]]
        level = fitting[-1]
        reason = Said(code="level.years", args={"years": job.years_required})
    else:
        level = levels[len(levels) // 2] if len(levels) > 2 else levels[0]
        reason = Said(code="level.assumed")
    return target_level(level, reason)


def target_level(level: Level, reason: Said) -> TargetLevel:
    """A catalog level as the report's target, with the reason it was chosen."""
    return TargetLevel(
        code=level.code,
        title=level.title,
        seniority=level.seniority,
        min_years=level.min_years,
        reason=reason,
    )


def in_family(title: str, family: RoleFamily) -> bool:
    """A job title of this kind of role ("Senior Product Manager" for product managers)."""
    return bool(find_phrases(title, [family.name, *family.titles]))


def relevant_years(
    resume: Resume, family: RoleFamily, today: dt.date, related: Iterable[str] = ()
) -> float:
    """Years in this kind of role, overlaps once; with `related`, also in the roles the
    posting counts as closely related (`JobDescription.related_roles`)."""
    related = list(related)
    counted = [
        p
        for p in resume.positions
        if in_family(p.title, family) or (related and is_related(p.title, related))
    ]
    return resume.model_copy(update={"positions": counted}).years_of_experience(today)


def score_parts(
    resume: Resume,
    job: JobDescription,
    family: RoleFamily,
    level: TargetLevel,
    skills: list[SkillMatch],
    culture_weight: float,
    today: dt.date,
    read: Resume | None = None,
) -> tuple[ScorePart, ScorePart, float, float]:
    """The skill and experience parts, the years and the relevant years. Years count jobs
    only (`resume`); scope is read in `read`, the resume as the report reads it, where a
    student's activities are experience (a society of 120 members she led is scope)."""
    # Whole percents, so the weights the report prints add up to exactly 100%.
    culture_weight = round(culture_weight, 2)
    rest = round(1 - culture_weight, 2)
    skill_weight = round(rest / 2, 2) if skills else 0.0
    skill = score_skills(skills, skill_weight)
    experience, years, relevant = score_experience(
        resume, job, family, level, round(rest - skill_weight, 2), today, read or resume
    )
    return skill, experience, years, relevant


def score_skills(skills: list[SkillMatch], weight: float) -> ScorePart:
    if not skills:
        return ScorePart(
            score=0,
            weight=0.0,
            reasons=[Said(code="skill.none")],
        )
    total = earned = 0.0
    for match in skills:
        w = REQUIRED_WEIGHT if match.required else PREFERRED_WEIGHT
        total += w
        earned += w * SKILL_CREDIT[match.status]
    count = {s: [m.name for m in skills if m.status == s] for s in SKILL_CREDIT}
    required = sum(m.required for m in skills)
    reasons = [Said(code="skill.counted", args={"count": len(skills), "required": required})]
    if count["shown"]:
        reasons.append(Said(code="skill.shown", args={"skills": count["shown"]}))
    if count["listed"]:
        reasons.append(Said(code="skill.listed", args={"skills": count["listed"]}))
    evidence = unique_lines(ev for m in skills for ev in m.evidence[:1])
    return ScorePart(
        score=round(100 * earned / total),
        weight=weight,
        reasons=reasons,
        evidence=evidence[:8],
        missing=[
            Said(
                code="skill.missing.required" if m.required else "skill.missing.preferred",
                args={"skill": m.name, **_either(m)},
            )
            for m in skills
            if m.status == "missing"
        ],
    )


def _either(match: SkillMatch) -> dict[str, list[str]]:
    """The skills a job takes instead of this one, as a sentence's argument (or none)."""
    return {"alternatives": match.alternatives} if match.alternatives else {}


def _transferable(other_years: float, required: float) -> float:
    """What years in another kind of role count for: part, and only part of what is
    asked (a teacher's seven years do not make a mid-level PM)."""
    counted = value("fit.experience.other_roles_count") * other_years
    return min(counted, value("fit.experience.other_roles_cap") * required)


def _related_args(job: JobDescription, resume: Resume, years: float) -> dict:
    """The related roles' years as a sentence's arguments, when any count: the roles of
    the posting's list that the candidate held, never the whole list ("strategy" for a
    consultant who never held a strategy role)."""
    if years < 0.05:
        return {}
    held = [r for r in job.related_roles if any(is_related(p.title, [r]) for p in resume.positions)]
    return {"related": round(years, 1), "related_roles": held or job.related_roles}


def title_below_posting(
    resume: Resume, job: JobDescription, family: RoleFamily, today: dt.date
) -> tuple[str, int] | None:
    """(current title, levels below) when the latest job, of this kind of role, names a
    level below the one the posting names ("Software Engineer II" for a senior posting).
    Only a level the posting says in words counts (one read from its years adds nothing
    the years do not already weigh), and not an entry level: a student's internship title
    is no level below a graduate posting. A title naming no level says nothing."""
    latest = resume.latest_position(today)
    if job.seniority_from_years or latest is None or not in_family(latest.title, family):
        return None
    order, alias = value("level.order"), value("level.seniority_alias")
    ours = title_seniority(latest.title)
    ours, theirs = alias.get(ours, ours), alias.get(job.seniority, job.seniority)
    if theirs in ("intern", "junior") or ours not in order or theirs not in order:
        return None
    steps = order.index(theirs) - order.index(ours)
    return (latest.title, steps) if steps > 0 else None


def score_experience(
    resume: Resume,
    job: JobDescription,
    family: RoleFamily,
    level: TargetLevel,
    weight: float,
    today: dt.date,
    read: Resume,
) -> tuple[ScorePart, float, float]:
    years = resume.years_of_experience(today)
    relevant = relevant_years(resume, family, today)
    required = job.years_required
    if required is None:  # an entry posting asks no years, whatever its level's usual
        entry = value("level.seniority_alias").get(job.seniority, job.seniority)
        required = 0 if entry in ("intern", "junior") else level.min_years
    # What the posting accepts decides whether its years are met: years in a role it names
    # as closely related count in full. The score weighs years in this kind of role, as
    # recruiters do: the related roles count there as any other kind of work.
    counted = relevant_years(resume, family, today, job.related_roles)
    effective = counted + _transferable(years - counted, required)
    in_role = relevant + _transferable(years - relevant, required)
    years_score = 1.0 if required == 0 else min(1.0, in_role / required)
    below = title_below_posting(resume, job, family, today)
    steps = below[1] if below else 0
    title_factor = max(0.0, 1 - value("fit.experience.title_step_discount") * steps)
    scope_lines = scope_evidence(read)
    full_scope = value("fit.experience.scope_lines_for_full")
    scope_score = min(1.0, len(scope_lines) / full_scope)
    share = value("fit.experience.years_share")
    score = round(100 * (share * years_score * title_factor + (1 - share) * scope_score))
    reasons = [
        Said(code="experience.target", args={"code": level.code, "title": level.title}),
        level.reason,
        Said(
            code="experience.years",
            args={
                "years": round(years, 1),
                "relevant": round(relevant, 1),
                "family": family.name,
                **_related_args(job, resume, counted - relevant),
                "effective": round(effective, 1),
                "required": required,
                "posted": int(job.years_required is not None),  # the posting names the years
            },
        ),
        Said(code="experience.scope", args={"count": len(scope_lines)}),
    ]
    missing = []
    if effective < required:
        more = round(required - effective, 1)
        missing.append(Said(code="experience.more_years", args={"years": more}))
    elif years_score < 1:  # the years are met only through the related roles
        missing.append(Said(code="experience.in_role", args={"family": family.name}))
    if below:
        args = {"title": below[0], "seniority": job.seniority, "steps": steps}
        missing.append(Said(code="experience.title_below", args=args))
    if scope_score < 1:
        args = {"count": len(scope_lines), "full": full_scope}
        missing.append(Said(code="experience.more_scope", args=args))
    headings = [
        Evidence(
            line_id=f"p{i}",
            text=f"{p.title}, {p.employer} ({date_span(p.start, p.end) or 'undated'})",
            where="Experience",
        )
        for i, p in enumerate(resume.positions)
    ]
    part = ScorePart(
        score=score,
        weight=weight,
        reasons=reasons,
        evidence=headings + scope_lines[:4],
        missing=missing,
    )
    return part, years, relevant


def scope_evidence(resume: Resume) -> list[Evidence]:
    """Bullets that show scope: people led, an area owned, or work at scale."""
    return [
        Evidence(line_id=i, text=t, where=where_in_resume(resume, i), matched=found)
        for i, t, kind in resume.lines()
        if kind == "bullet" and (found := find_phrases(t, SCOPE_PHRASES) + scale_in(t))
    ]


def scale_in(text: str) -> list[str]:
    """'4M+ daily active users', '3,000 merchants': how many people or things the work
    reached, when that is many (see words.scale_nouns)."""
    return [
        m.group(0)
        for m in _SCALE.finditer(text)
        if m[2] or float(m[1].replace(",", "")) >= value("words.scale_min")
    ]
