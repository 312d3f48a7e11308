"""Fit: skills, experience and culture scored from the resume, each score with the
resume lines and reasons behind it. Pure functions, no I/O.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable, Mapping

from preploop.figures.index import NOTHING_REPORTED, ReportedRole
from preploop.model import Company, Level, Principle, Question, Role, RoleFamily
from preploop.report.anatomy import IntentTagger
from preploop.report.bank import first_sentence
from preploop.report.documents import JobDescription, Resume
from preploop.report.findings import (
    Evidence,
    PrincipleFinding,
    Said,
    ScorePart,
    SkillMatch,
    TargetLevel,
)
from preploop.report.jd_parser import title_seniority
from preploop.report.method import value
from preploop.report.phrases import can_be_verb, past_tense
from preploop.report.related_roles import is_related
from preploop.report.terms import find_terms, metrics_in
from preploop.report.wording import date_span

QUESTION_COUNT = value("counts.questions")
FREQUENCY_WEIGHT = value("questions.frequency_weight")
STRENGTH_CREDIT = value("fit.culture.credit")
STRENGTH_ORDER = {"proven": 0, "material": 1, "gap": 2, "live": 3}
SKILL_CREDIT = value("fit.skill.credit")
REQUIRED_WEIGHT = value("fit.skill.required_weight")
PREFERRED_WEIGHT = value("fit.skill.preferred_weight")

SCOPE_PHRASES = tuple(value("words.scope"))
_SCALE = re.compile(
    # The words between are no numbers: "from 40 to 120 students" counts the 120.
    r"\b(\d[\d,]*(?:\.\d+)?)\s?(k|m|b|million|billion|thousand)?\+?\s(?:[^\W\d][\w/-]*\s){0,2}?"
    rf"(?:{'|'.join(map(re.escape, value('words.scale_nouns')))})\b",
    re.IGNORECASE,
)
CATEGORY_FOCUS = {k: tuple(v) for k, v in value("words.category_focus").items()}


# -- culture share and matching ------------------------------------------------


def culture_share(company: Company) -> float:
    """Culture's share of the evaluation, the middle of the company's range, 0-1."""
    return (company.culture.weight.min + company.culture.weight.max) / 200


# -- matching ------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    # Word boundaries that also work for phrases starting or ending in symbols (a/b, c++);
    # not after a word and a hyphen ("self-managed" is no managing, "co-led" is leading).
    return re.compile(rf"(?<![\w])(?<![a-z]{{4}}-){re.escape(phrase.lower())}(?![\w])")


def find_phrases(text: str, phrases: Iterable[str]) -> list[str]:
    """The phrases that occur in `text` as whole words, case-insensitively."""
    lowered = text.lower()
    return [p for p in phrases if _phrase_pattern(p).search(lowered)]


def _unique_lines(evidence: Iterable[Evidence]) -> list[Evidence]:
    """Each resume line once, in the order given."""
    seen: set[str] = set()
    return [e for e in evidence if not (e.line_id in seen or seen.add(e.line_id))]


def where_in_resume(resume: Resume, line_id: str) -> str:
    if line_id[:1] in ("p", "a", "j") and line_id[1:2].isdigit():
        held = {"p": resume.positions, "a": resume.activities, "j": resume.projects}
        position = held[line_id[0]][int(line_id[1:].split(".")[0])]
        where = ", ".join(part for part in (position.title, position.employer) if part)
        return where or ("Projects" if line_id[0] == "j" else "")  # a project under no name
    if line_id == "summary":
        return "Summary"
    if line_id == "headline":
        return "Headline"
    if line_id.startswith("s"):
        return "Skills"
    return "Other"


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
    evidence = _unique_lines(ev for m in skills for ev in m.evidence[:1])
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


# -- culture -------------------------------------------------------------------


def principle_importance(
    company: Company, role: Role, reported: ReportedRole = NOTHING_REPORTED
) -> dict[str, float]:
    """Each principle's share of the culture evaluation: rounds and questions that probe it."""
    raw = {}
    weight = {q.id: FREQUENCY_WEIGHT[reported.frequency(q)] for q in role.questions}
    total_questions = sum(weight.values()) or 1
    for p in company.principles:
        rounds = sum(p.id in r.principles for r in role.rounds) / len(role.rounds)
        questions = (
            sum(weight[q.id] for q in role.questions if p.id in q.principles) / total_questions
        )
        share = value("fit.culture.rounds_share")
        raw[p.id] = share * rounds + (1 - share) * questions + value("fit.culture.floor")
    total = sum(raw.values())
    return {pid: value / total for pid, value in raw.items()}


def classify_line(
    text: str,
    kind: str,
    principle: Principle,
    intents: Iterable[str] = (),
    off_role: bool = False,
    nature: Iterable[str] | None = None,
    likely: Iterable[str] = (),
    told: Mapping[str, float] | None = None,
) -> Evidence | None:
    """How strongly one resume line evidences one principle, or None.

    Only a bullet can prove: a summary is the candidate describing themself. A proof
    also needs the principle's nature: one of its intents among the line's, when the
    principle names any, and the line must be this role's kind of work (`off_role` is
    true for a line the family's `off_role_terms` mark as another role's: a code-review
    standard is not a product manager's insight).
    """
    if kind not in ("bullet", "summary", "other"):
        return None
    proven = find_phrases(text, principle.signals.proven)
    material = find_phrases(text, principle.signals.material)
    # A strict phrase alone is not proof ("made the call sheets", "adopted by local
    # families"): it must come with a result, a second signal for the same principle,
    # or a full achievement sentence around it.
    corroborated = (
        bool(metrics_in(text))
        or any(m not in " ".join(proven) for m in material)
        or (_reads_as_achievement(text) and len(text.split()) >= ACHIEVEMENT_WORDS)
    )
    intents = set(intents)
    of_its_nature = not principle.intents or bool(set(principle.intents) & intents)
    shows = sorted(set(principle.intents) & intents)
    # `told`: intent -> the learned layer's chance that the line tells it well enough to
    # be told; one of the principle's, that sure, proves it as its phrases would.
    floor = value("evidence.told_floor")
    defining = principle.intents[:1]  # the principle's first intent is what it is about
    well_told = any((told or {}).get(i, 0.0) >= floor for i in defining if i in intents)
    if (
        (proven or well_told)
        and kind == "bullet"
        and corroborated
        and of_its_nature
        and not off_role
    ):
        return Evidence(
            line_id="", text=text, strength="proven", matched=proven + material, shows=shows
        )
    # Material: something done that is of the principle's nature (a kind of story it is
    # about, found by the phrase lists or the learned layer). A keyword alone ("roadmap")
    # is not enough; phrases decide only for a principle that names no intents.
    # `nature` widens the principle's own intents with those of the role's questions that
    # probe it: a line good enough to answer a principle's question is material for it.
    # A bullet or summary that tells such a story needs no more (a summary can be
    # material, never proof); a phrase alone needs a line that reports something done.
    # `likely` intents (the learned layer's probable ones, see evidence.likely_floor) count
    # as material, never proof.
    kinds = set(principle.intents if nature is None else nature)
    told = sorted(kinds & (intents | set(likely)))
    if told and kind in ("bullet", "summary"):
        return Evidence(
            line_id="", text=text, strength="material", matched=proven + material, shows=told
        )
    if not kinds and (proven or material) and _reads_as_achievement(text):
        return Evidence(line_id="", text=text, strength="material", matched=proven + material)
    return None


ACHIEVEMENT_WORDS = value("evidence.achievement_min_words")


def _reads_as_achievement(text: str) -> bool:
    """A line that reports something done (a verb first, or a number), not a label or a list."""
    first = re.sub(r"[^a-z-]", "", text.split(maxsplit=1)[0].lower()) if text.strip() else ""
    if bool(metrics_in(text)) or first.endswith("ed"):
        return True
    # A verb in the past tense ("Led", "Built"); "Volunteer:" or "Lead" is a label or a duty.
    return bool(first) and can_be_verb(first) and past_tense(first) == first


def score_principles(
    resume: Resume,
    company: Company,
    role: Role,
    family: RoleFamily,
    tagger: IntentTagger,
    reported: ReportedRole = NOTHING_REPORTED,
) -> list[PrincipleFinding]:
    importance = principle_importance(company, role, reported)
    # Position, project and education headings ("p0", "j1", "e1") are not claims about
    # what you did.
    lines = [line for line in resume.lines() if not re.fullmatch(r"[paje]\d+", line[0])]
    bullets = [(line_id, text) for line_id, text, kind in lines if kind == "bullet"]
    intents = {line_id: set(tagger.tag(text)) for line_id, text in bullets}
    floor = value("evidence.likely_floor")
    likely = {line_id: set(tagger.strengths(text, floor)) for line_id, text in bullets}
    told = {line_id: tagger.story_chances(text) for line_id, text in bullets}
    off_role = {line_id for line_id, text, _ in lines if find_terms(text, family.off_role_terms)}
    findings = []
    for principle in company.principles:
        nature = principle_nature(principle, role)
        evidence = []
        for line_id, text, kind in lines:
            found = classify_line(
                text,
                kind,
                principle,
                intents.get(line_id, ()),
                line_id in off_role,
                nature,
                likely.get(line_id, ()),
                told.get(line_id),
            )
            if found:
                evidence.append(
                    found.model_copy(
                        update={"line_id": line_id, "where": where_in_resume(resume, line_id)}
                    )
                )
        evidence.sort(key=_evidence_rank)
        strength = evidence[0].strength if evidence else "gap"
        if strength == "gap" and principle.judged_live:
            strength = "live"
        findings.append(
            PrincipleFinding(
                id=principle.id,
                name=principle.name,
                strength=strength,
                importance=round(importance[principle.id], 4),
                rounds=[r.name for r in role.rounds if principle.id in r.principles],
                evidence=evidence[:4],
                missing=principle.signals.missing,
                advice=_principle_advice(principle, strength),
            )
        )
    return findings


def credit_told_stories(
    findings: list[PrincipleFinding], told: list[tuple[Question, Evidence]]
) -> list[PrincipleFinding]:
    """One reading: a line the report tells as the story for a question that probes a
    principle is material for that principle (and listed among its evidence when others
    already show it), even when the line alone did not make it so
    (a story may rest on an intent the learned layer finds only faintly). `told` pairs each
    question with the story line it tells, as evidence showing the kinds it was picked for."""
    by_id = {f.id: f for f in findings}
    for question, line in told:
        for name in question.principles:
            finding = by_id.get(name)
            if finding is None:
                continue
            evidence = line.model_copy(update={"strength": "material"})
            if finding.strength not in ("gap", "live"):  # a further line, listed with the others
                if line.line_id not in {e.line_id for e in finding.evidence}:
                    listed = sorted([*finding.evidence, evidence], key=_evidence_rank)
                    by_id[name] = finding.model_copy(update={"evidence": listed})
                continue
            by_id[name] = finding.model_copy(
                update={
                    "strength": "material",
                    "evidence": [evidence],
                    "advice": _material_advice(finding.missing),
                }
            )
    return [by_id[f.id] for f in findings]


def principle_nature(principle: Principle, role: Role) -> set[str]:
    """The kinds of story that evidence a principle: its own intents, and those of the
    role's questions that probe it."""
    asked = {i for q in role.questions if principle.id in q.principles for i in q.intents}
    return set(principle.intents) | asked


def _evidence_rank(evidence: Evidence) -> tuple:
    return (
        STRENGTH_ORDER[evidence.strength],
        -len(metrics_in(evidence.text)),
        -len(evidence.matched),
        _line_order(evidence.line_id),
    )


def _line_order(line_id: str) -> tuple:
    """Resume order for ids like 'p1.b3', 'summary', 'other2'."""
    numbers = tuple(int(n) for n in re.findall(r"\d+", line_id))
    return (line_id[0], numbers)


def _principle_advice(principle: Principle, strength: str) -> Said:
    if strength == "material":
        return _material_advice(principle.signals.missing)
    # For one the room judges, how to show it there is the whole advice.
    shown = principle.demonstrate if strength == "live" else first_sentence(principle.demonstrate)
    return Said(code=f"principle.advice.{strength}", args={"demonstrate": shown})


def _material_advice(missing: str) -> Said:
    return Said(code="principle.advice.material", args={"missing": missing})


def score_culture(findings: list[PrincipleFinding], weight: float, company: Company) -> ScorePart:
    # A principle judged in the room with no line for it is left out, the others' weights
    # scaled up to fill its share: the resume cannot be short of what no one asks it for.
    scored = [f for f in findings if f.strength != "live"]
    total = sum(f.importance for f in scored) or 1.0
    score = 100 * sum(f.importance * STRENGTH_CREDIT[f.strength] for f in scored) / total
    by_strength = {s: [f.name for f in findings if f.strength == s] for s in STRENGTH_CREDIT}
    live = [f.name for f in findings if f.strength == "live"]
    reasons = [
        Said(
            code="culture.weight",
            args={"weight": str(company.culture.weight), "company": company.name},
        ),
        Said(code="culture.strengths", args=by_strength),
        Said(code="culture.credit"),
        *([Said(code="culture.live", args={"principles": live})] if live else []),
    ]
    evidence = _unique_lines(f.evidence[0] for f in findings if f.evidence)
    return ScorePart(
        score=round(score),
        weight=weight,
        reasons=reasons,
        evidence=evidence,
        missing=[
            Said(code="culture.missing", args={"principle": f.name, "missing": f.missing})
            for f in findings
            if f.strength not in ("proven", "live")
        ],
    )


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
