"""The analysis: pure, deterministic functions from a resume, a job description and
the catalog to an `Analysis`. No I/O, no clock: the caller passes the date.

Rules (see DESIGN.md, "The analysis, honestly"):
- every number comes with the resume lines and reasons behind it;
- a principle is "proven" only by a bullet that contains one of the company's
  strict phrases for it; looser phrases make a line "material";
- drafted stories only repeat what the resume says; anything else is an
  "[add: ...]" prompt for the candidate.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable

from preploop.catalog import RoleEntry
from preploop.model import Company, Level, Principle, Question, Role, RoleFamily
from preploop.report import stories as story_engine
from preploop.report.anatomy import IntentTagger
from preploop.report.documents import JobDescription, Resume
from preploop.report.findings import (
    Analysis,
    CatalogUse,
    ChecklistStage,
    Evidence,
    Fit,
    PayLevel,
    PrincipleFinding,
    QuestionPlan,
    Risk,
    ScorePart,
    Script,
    SkillMatch,
    TargetLevel,
)
from preploop.report.method import value
from preploop.report.phrases import can_be_verb, past_tense
from preploop.report.terms import find_terms, metrics_in

QUESTION_COUNT = value("counts.questions")
FREQUENCY_WEIGHT = value("questions.frequency_weight")
STRENGTH_CREDIT = value("fit.culture.credit")
STRENGTH_ORDER = {"proven": 0, "material": 1, "gap": 2}
SKILL_CREDIT = value("fit.skill.credit")
REQUIRED_WEIGHT = value("fit.skill.required_weight")
PREFERRED_WEIGHT = value("fit.skill.preferred_weight")

# Words that show scope in a line: leading people, owning an area, scale.
SCOPE_PHRASES = (
    "led",
    "managed",
    "owned",
    "head of",
    "team of",
    "mentored",
    "hired",
    "launched",
    "million",
    "budget",
    "org-wide",
    "company-wide",
    "global",
    "p&l",
    "roadmap",
)
# Keywords that tie a question category to what a job description stresses.
CATEGORY_FOCUS = {
    "metrics": ("metric", "kpi", "okr", "a/b", "experiment", "analytics", "sql", "data"),
    "strategy": ("strategy", "roadmap", "vision", "market", "competitive"),
    "execution": ("launch", "deliver", "ship", "execution", "sprint", "backlog", "prd"),
    "product-sense": ("user", "customer", "discovery", "design", "research"),
    "technical": ("technical", "api", "architecture", "engineering"),
    "coding": ("python", "java", "go", "code", "coding", "algorithm"),
    "system-design": ("distributed", "scale", "system", "architecture", "microservice"),
    "leadership": ("lead", "mentor", "manage", "stakeholder", "influence"),
    "behavioral": ("stakeholder", "communication", "collaborat"),
    "culture": ("ownership", "autonomy", "judgment", "values"),
}


# -- entry point -------------------------------------------------------------


def analyze(
    resume: Resume,
    job: JobDescription,
    entry: RoleEntry,
    *,
    candidate: str,
    today: dt.date,
    catalog: CatalogUse,
) -> Analysis:
    """Everything the report says about one candidate, with its evidence."""
    company, role, family = entry.company, entry.role, entry.family
    level = choose_target_level(job, role)
    skills = match_skills(resume, job, family)
    tagger = IntentTagger(family.intents, company.intents, role.intents)
    principles = score_principles(resume, company, role, family, tagger)
    culture_weight = culture_share(company)
    skill_part, experience_part, years, relevant = _score_parts(
        resume, job, family, level, skills, culture_weight, today
    )
    culture_part = score_culture(principles, culture_weight, company)
    overall = round(
        skill_part.score * skill_part.weight
        + experience_part.score * experience_part.weight
        + culture_part.score * culture_part.weight
    )
    risks = rank_risks(principles, skills, experience_part, company, role, level, years, relevant)
    ranked = rank_questions(job, company, role, principles)
    bank = [question for question, _, _ in ranked]
    lines = story_engine.story_lines(resume, principles, tagger)
    matches = story_engine.assign(bank, lines, tagger)
    stories = story_engine.build_stories(bank, matches, lines, principles, resume, tagger)
    questions = plan_questions(ranked, matches, company, role, principles)
    return Analysis(
        candidate=candidate,
        as_of=today.isoformat(),
        catalog=catalog,
        resume=resume,
        job=job,
        target_level=level,
        years_of_experience=years,
        relevant_years=relevant,
        fit=Fit(
            overall=overall, skill=skill_part, experience=experience_part, culture=culture_part
        ),
        skills=skills,
        principles=principles,
        risks=risks,
        questions=questions,
        stories=stories,
        scripts=write_scripts(risks, principles, skills, company, resume, relevant, level),
        questions_to_ask=questions_to_ask(family, company, principles, job, role),
        checklist=build_checklist(role, principles, stories, skills, risks),
        pay=pay_for_level(role, level),
        story_mining=story_engine.mining_prompts(resume, bank, matches, principles, tagger),
        warnings=[*resume.warnings, *job.warnings],
    )


def culture_share(company: Company) -> float:
    """Culture's share of the evaluation, the middle of the company's range, 0-1."""
    return (company.culture.weight.min + company.culture.weight.max) / 200


# -- matching ------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    # Word boundaries that also work for phrases starting or ending in symbols (a/b, c++).
    return re.compile(rf"(?<![\w]){re.escape(phrase.lower())}(?![\w])")


def find_phrases(text: str, phrases: Iterable[str]) -> list[str]:
    """The phrases that occur in `text` as whole words, case-insensitively."""
    lowered = text.lower()
    return [p for p in phrases if _phrase_pattern(p).search(lowered)]


def _unique_lines(evidence: Iterable[Evidence]) -> list[Evidence]:
    """Each resume line once, in the order given."""
    seen: set[str] = set()
    return [e for e in evidence if not (e.line_id in seen or seen.add(e.line_id))]


def _where(resume: Resume, line_id: str) -> str:
    if line_id.startswith("p"):
        position = resume.positions[int(line_id[1:].split(".")[0])]
        return ", ".join(part for part in (position.title, position.employer) if part)
    if line_id == "summary":
        return "Summary"
    if line_id.startswith("s"):
        return "Skills"
    return "Other"


# -- skills --------------------------------------------------------------------


def match_skills(resume: Resume, job: JobDescription, family: RoleFamily) -> list[SkillMatch]:
    """Each skill the job asks for: shown in a bullet, only listed, or missing.

    The same term matcher reads the job description, so a skill it found there is
    found here in the same words.
    """
    vocabulary = {skill.name: [skill.name, *skill.synonyms] for skill in family.skills}
    wanted = [(name, True) for name in job.required_skills]
    wanted += [(name, False) for name in job.preferred_skills if name not in job.required_skills]
    lines = resume.lines()
    matches = []
    for name, required in wanted:
        words = vocabulary.get(name, [name])
        shown, listed = [], []
        for line_id, text, kind in lines:
            found = find_terms(text, words)
            if not found or kind == "other" and re.fullmatch(r"[pe]\d+", line_id):
                continue
            evidence = Evidence(
                line_id=line_id, text=text, where=_where(resume, line_id), matched=found
            )
            (listed if kind in ("skills", "other") else shown).append(evidence)
        status = "shown" if shown else "listed" if listed else "missing"
        matches.append(
            SkillMatch(name=name, required=required, status=status, evidence=(shown or listed)[:3])
        )
    return matches


# -- experience and level ------------------------------------------------------------


def choose_target_level(job: JobDescription, role: Role) -> TargetLevel:
    """The role level the job description aims at, and why."""
    levels = role.levels
    by_seniority = {level.seniority: level for level in reversed(levels)}
    alias = {"lead": "staff", "manager": "senior", "director": "director"}
    seniority = alias.get(job.seniority, job.seniority)
    if seniority in by_seniority:
        level = by_seniority[seniority]
        reason = f"The job description reads as {job.seniority}-level."
    elif job.years_required is not None:
        fitting = [lv for lv in levels if lv.min_years <= job.years_required] or [levels[0]]
        level = fitting[-1]
        reason = f"The job description asks for {job.years_required}+ years."
    else:
        level = levels[len(levels) // 2] if len(levels) > 2 else levels[0]
        reason = "The job description names no level or years, so we assume the usual hire."
    return TargetLevel(
        code=level.code,
        title=level.title,
        seniority=level.seniority,
        min_years=level.min_years,
        reason=reason,
    )


def _relevant_years(resume: Resume, family: RoleFamily, today: dt.date) -> float:
    titles = [family.name, *family.titles]
    relevant = [p for p in resume.positions if find_phrases(p.title, titles)]
    return resume.model_copy(update={"positions": relevant}).years_of_experience(today)


def _score_parts(
    resume: Resume,
    job: JobDescription,
    family: RoleFamily,
    level: TargetLevel,
    skills: list[SkillMatch],
    culture_weight: float,
    today: dt.date,
) -> tuple[ScorePart, ScorePart, float, float]:
    # Whole percents, so the weights the report prints add up to exactly 100%.
    culture_weight = round(culture_weight, 2)
    rest = round(1 - culture_weight, 2)
    skill_weight = round(rest / 2, 2) if skills else 0.0
    skill = score_skills(skills, skill_weight)
    experience, years, relevant = score_experience(
        resume, job, family, level, round(rest - skill_weight, 2), today
    )
    return skill, experience, years, relevant


def score_skills(skills: list[SkillMatch], weight: float) -> ScorePart:
    if not skills:
        return ScorePart(
            score=0,
            weight=0.0,
            reasons=[
                "The job description names no skills we recognise, so skills are not "
                "scored and their weight moves to experience."
            ],
        )
    total = earned = 0.0
    for match in skills:
        w = REQUIRED_WEIGHT if match.required else PREFERRED_WEIGHT
        total += w
        earned += w * SKILL_CREDIT[match.status]
    count = {s: [m.name for m in skills if m.status == s] for s in SKILL_CREDIT}
    reasons = [
        f"{len(skills)} skills from the job description "
        f"({sum(m.required for m in skills)} required); required skills count double."
    ]
    if count["shown"]:
        reasons.append(f"Shown in your experience: {', '.join(count['shown'])}.")
    if count["listed"]:
        reasons.append(
            f"Only in your skills list, so worth less until a bullet shows them: "
            f"{', '.join(count['listed'])}."
        )
    evidence = _unique_lines(ev for m in skills for ev in m.evidence[:1])
    return ScorePart(
        score=round(100 * earned / total),
        weight=weight,
        reasons=reasons,
        evidence=evidence[:8],
        missing=[
            f"{m.name} ({'required' if m.required else 'preferred'})"
            for m in skills
            if m.status == "missing"
        ],
    )


def score_experience(
    resume: Resume,
    job: JobDescription,
    family: RoleFamily,
    level: TargetLevel,
    weight: float,
    today: dt.date,
) -> tuple[ScorePart, float, float]:
    years = resume.years_of_experience(today)
    relevant = _relevant_years(resume, family, today)
    required = job.years_required if job.years_required is not None else level.min_years
    effective = relevant + value("fit.experience.other_roles_count") * (years - relevant)
    years_score = 1.0 if required == 0 else min(1.0, effective / required)
    scope_lines = _scope_evidence(resume)
    full_scope = value("fit.experience.scope_lines_for_full")
    scope_score = min(1.0, len(scope_lines) / full_scope)
    share = value("fit.experience.years_share")
    score = round(100 * (share * years_score + (1 - share) * scope_score))
    reasons = [
        f"The target is {level.code} {level.title}. {level.reason}",
        f"Your resume covers {years:.1f} years of work, {relevant:.1f} of them in "
        f"{family.name.lower()} roles; other roles count half, giving {effective:.1f} "
        f"against {required} years asked.",
        f"{len(scope_lines)} bullets show scope (leading, owning, scale); {full_scope} or "
        "more earn the full scope credit.",
    ]
    missing = []
    if years_score < 1:
        missing.append(f"{required - effective:.1f} more years of relevant experience")
    if scope_score < 1:
        missing.append("bullets that show the scope you owned (team size, budget, users)")
    headings = [
        Evidence(
            line_id=f"p{i}",
            text=f"{p.title}, {p.employer} ({story_engine.date_span(p.start, p.end) or 'undated'})",
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


def principle_importance(company: Company, role: Role) -> dict[str, float]:
    """Each principle's share of the culture evaluation: rounds and questions that probe it."""
    raw = {}
    total_questions = sum(FREQUENCY_WEIGHT[q.frequency] for q in role.questions) or 1
    for p in company.principles:
        rounds = sum(p.id in r.principles for r in role.rounds) / len(role.rounds)
        questions = (
            sum(FREQUENCY_WEIGHT[q.frequency] for q in role.questions if p.id in q.principles)
            / total_questions
        )
        raw[p.id] = 0.5 * rounds + 0.5 * questions + 0.01  # never exactly zero
    total = sum(raw.values())
    return {pid: value / total for pid, value in raw.items()}


def classify_line(
    text: str,
    kind: str,
    principle: Principle,
    intents: Iterable[str] = (),
    off_role: bool = False,
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
    of_its_nature = not principle.intents or bool(set(principle.intents) & set(intents))
    if proven and kind == "bullet" and corroborated and of_its_nature and not off_role:
        return Evidence(line_id="", text=text, strength="proven", matched=proven + material)
    if (proven or material) and _reads_as_achievement(text):
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
    resume: Resume, company: Company, role: Role, family: RoleFamily, tagger: IntentTagger
) -> list[PrincipleFinding]:
    importance = principle_importance(company, role)
    # Position and education headings ("p0", "e1") are not claims about what you did.
    lines = [line for line in resume.lines() if not re.fullmatch(r"[pe]\d+", line[0])]
    intents = {line_id: set(tagger.tag(text)) for line_id, text, kind in lines if kind == "bullet"}
    off_role = {line_id for line_id, text, _ in lines if find_terms(text, family.off_role_terms)}
    findings = []
    for principle in company.principles:
        evidence = []
        for line_id, text, kind in lines:
            found = classify_line(
                text, kind, principle, intents.get(line_id, ()), line_id in off_role
            )
            if found:
                evidence.append(
                    found.model_copy(update={"line_id": line_id, "where": _where(resume, line_id)})
                )
        evidence.sort(key=_evidence_rank)
        strength = evidence[0].strength if evidence else "gap"
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


def _principle_advice(principle: Principle, strength: str) -> str:
    first = _first_sentence(principle.demonstrate)
    if strength == "proven":
        return (
            f"Lead with your strongest line for this, and tell it with the decision first. {first}"
        )
    if strength == "material":
        return f"You have material: turn it into a story by adding {principle.signals.missing}."
    return f"Nothing on your resume speaks to this yet. Find a story from any job: {first}"


def _first_sentence(text: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return sentence if sentence.endswith((".", "!", "?")) else sentence + "."


def score_culture(findings: list[PrincipleFinding], weight: float, company: Company) -> ScorePart:
    score = 100 * sum(f.importance * STRENGTH_CREDIT[f.strength] for f in findings)
    by_strength = {s: [f.name for f in findings if f.strength == s] for s in STRENGTH_CREDIT}
    reasons = [
        f"Culture is {company.culture.weight}% of the evaluation at {company.name}; each "
        "principle counts by how many rounds and likely questions probe it.",
        f"Proven: {', '.join(by_strength['proven']) or 'none'}. Material: "
        f"{', '.join(by_strength['material']) or 'none'}. Gaps: "
        f"{', '.join(by_strength['gap']) or 'none'}.",
        "A proven principle earns full credit, material a little over half, a gap none.",
    ]
    evidence = _unique_lines(f.evidence[0] for f in findings if f.evidence)
    return ScorePart(
        score=round(score),
        weight=weight,
        reasons=reasons,
        evidence=evidence,
        missing=[f"{f.name}: {f.missing}" for f in findings if f.strength != "proven"],
    )


# -- risks ---------------------------------------------------------------------


def rank_risks(
    principles: list[PrincipleFinding],
    skills: list[SkillMatch],
    experience: ScorePart,
    company: Company,
    role: Role,
    level: TargetLevel,
    years: float,
    relevant: float,
) -> list[Risk]:
    """The three weaknesses that put the most of this company's evaluation at stake."""
    culture_weight = culture_share(company)
    by_id = {p.id: p for p in company.principles}
    risks = []
    for finding in principles:
        proofs = [e for e in finding.evidence if e.strength == "proven"]
        if finding.strength == "proven" and len(proofs) < 2:
            # One proof is one story: interviewers often ask for a second example.
            risks.append(
                Risk(
                    title=f"Only one story for {finding.name}",
                    kind="principle",
                    weight=round(culture_weight * finding.importance * 0.2, 4),
                    why=f"Your resume proves it once (\u201c{proofs[0].text}\u201d). "
                    f"{company.name} probes it in {', '.join(finding.rounds) or 'several rounds'}, "
                    "and a follow-up asking for another example is common.",
                    prepare_first=f"Prepare a second, different example: {finding.missing}.",
                    principle_id=finding.id,
                )
            )
            continue
        if finding.strength == "proven":
            continue
        at_stake = culture_weight * finding.importance * (1 - STRENGTH_CREDIT[finding.strength])
        rounds = ", ".join(finding.rounds) or "the behavioural questions"
        if finding.strength == "gap":
            title = f"No evidence yet for {finding.name}"
            why = (
                f"{company.name} probes it in {rounds}, and no line on your resume shows it. "
                "Interviewers will ask for a specific example."
            )
        else:
            title = f"{finding.name} is implied, not shown"
            why = (
                f"{company.name} probes it in {rounds}. Your resume has lines to build on "
                f"(\u201c{finding.evidence[0].text}\u201d) but does not yet say "
                f"{finding.missing}."
            )
        risks.append(
            Risk(
                title=title,
                kind="principle",
                weight=round(at_stake, 4),
                why=why,
                prepare_first=_first_sentence(by_id[finding.id].demonstrate)
                + f" Draft the story with {finding.missing}.",
                principle_id=finding.id,
            )
        )
    missing_required = [s.name for s in skills if s.required and s.status == "missing"]
    if missing_required:
        total = sum(REQUIRED_WEIGHT if s.required else PREFERRED_WEIGHT for s in skills)
        share = REQUIRED_WEIGHT * len(missing_required) / total
        risks.append(
            Risk(
                title=f"Required skills not shown: {', '.join(missing_required)}",
                kind="skill",
                weight=round(experience.weight * share, 4),
                why="The job description requires them and your resume does not mention them.",
                prepare_first="For each, prepare one concrete example of using it, or the "
                "closest thing you have done and how you would close the gap.",
            )
        )
    shortfall = max(0.0, 1 - experience.score / 100)
    if shortfall > 0.15:
        risks.append(
            Risk(
                title=f"Experience below what {level.code} usually asks",
                kind="experience",
                weight=round(experience.weight * shortfall, 4),
                why=f"{level.code} {level.title} usually means {level.min_years}+ years; your "
                f"resume shows {years:.1f} years, {relevant:.1f} of them in this kind of role.",
                prepare_first="Lead with scope rather than years: the size of what you owned, "
                "the people you led and the results you can put a number on.",
            )
        )
    risks.sort(key=lambda r: (-r.weight, r.title))
    return risks[:3]


# -- questions -----------------------------------------------------------------------


def _principle_question(principle: Principle, role: Role) -> Question:
    """A question built from a principle, used when the bank is shorter than twelve."""
    round_id = next((r.id for r in role.rounds if principle.id in r.principles), role.rounds[-1].id)
    return Question(
        id=f"principle-{principle.id}",
        text=f"Tell me about a time you showed {principle.name.lower()}.",
        category="culture",
        round=round_id,
        principles=[principle.id],
        frequency="occasional",
        testing=_first_sentence(principle.look_for),
        angle=_first_sentence(principle.demonstrate),
        follow_ups=[
            "What would you do differently now?",
            "Who disagreed, and how did you handle it?",
        ],
    )


def rank_questions(
    job: JobDescription,
    company: Company,
    role: Role,
    principles: list[PrincipleFinding],
) -> list[tuple[Question, list[str], float]]:
    """The twelve questions most likely for this candidate, with the reasons and score."""
    bank = list(role.questions)
    for principle in company.principles:
        if len(bank) >= QUESTION_COUNT:
            break
        if not any(q.id == f"principle-{principle.id}" for q in bank):
            bank.append(_principle_question(principle, role))
    findings = {f.id: f for f in principles}
    job_text = " ".join([job.title, *job.required_lines, *job.responsibility_lines])
    scored = []
    for index, question in enumerate(bank):
        if question.reported is not None:  # the real share, from reported interviews
            from preploop.figures.aggregate import share_likelihood

            likelihood = share_likelihood(question.reported.share)
            share, total = question.reported.share, question.reported.reports
            reasons = [f"Asked in {share:.0%} of {total:,} reported questions for this role."]
        else:
            likelihood = FREQUENCY_WEIGHT[question.frequency]
            reasons = [f"Reported as {question.frequency.replace('-', ' ')} for this role."]
        for pid in question.principles:
            strength = findings[pid].strength
            if strength == "gap":
                likelihood += value("questions.gap_boost")
                reasons.append(f"It probes {findings[pid].name}, a gap on your resume.")
            elif strength == "material":
                likelihood += value("questions.material_boost")
                reasons.append(f"It probes {findings[pid].name}, which you have yet to prove.")
        focus = find_terms(job_text, CATEGORY_FOCUS.get(question.category, ()))
        if focus:
            likelihood += value("questions.focus_boost") * min(2, len(focus))
            reasons.append(f"The job description stresses {', '.join(focus[:3])}.")
        scored.append((-likelihood, index, question, reasons, likelihood))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [(q, reasons, likelihood) for _, _, q, reasons, likelihood in scored[:QUESTION_COUNT]]


def plan_questions(
    ranked: list[tuple[Question, list[str], float]],
    matches: list[story_engine.Match],
    company: Company,
    role: Role,
    principles: list[PrincipleFinding],
) -> list[QuestionPlan]:
    """Each ranked question with the story picked for it, and why."""
    rounds = {r.id: r.name for r in role.rounds}
    names = {p.id: p.name for p in company.principles}
    findings = {f.id: f for f in principles}
    plans = []
    for (question, reasons, likelihood), match in zip(ranked, matches, strict=True):
        story = None
        if match.line is not None:
            line = match.line
            evidence = next(
                (line.evidence[p] for p in question.principles if p in line.evidence), None
            )
            story = evidence or Evidence(line_id=line.line_id, text=line.text, where=line.where)
            story = story.model_copy(update={"where": line.where})
            prompt = _story_prompt(story, question, findings)
        else:
            prompt = match.prompt
        plans.append(
            QuestionPlan(
                id=question.id,
                text=question.text,
                round=rounds.get(question.round, question.round),
                category=question.category,
                frequency=question.frequency,
                likelihood=round(likelihood, 3),
                reasons=reasons,
                principles=[names[p] for p in question.principles],
                story=story,
                story_reason=match.reason,
                story_words=match.words,
                story_prompt=prompt,
                angle=question.angle,
                testing=question.testing,
                follow_ups=list(question.follow_ups[:2]),
            )
        )
    return plans


def _story_prompt(
    story: Evidence, question: Question, findings: dict[str, PrincipleFinding]
) -> str:
    if story.strength == "proven":
        return "Tell it decision first, then the evidence, then what you would do again."
    unproven = [findings[p] for p in question.principles if findings[p].strength != "proven"]
    if unproven:
        return f"[add: {unproven[0].missing}]"
    return "Open with what you decided, then the evidence, then the result and what you learned."


# -- scripts, questions to ask, checklist, pay -------------------------------------------


def write_scripts(
    risks: list[Risk],
    principles: list[PrincipleFinding],
    skills: list[SkillMatch],
    company: Company,
    resume: Resume,
    relevant: float,
    level: TargetLevel,
) -> list[Script]:
    """What to say when an interviewer presses on a weak spot."""
    scripts = []
    by_id = {p.id: p for p in company.principles}
    findings = {f.id: f for f in principles}
    # The principles behind the top risks first, then the other unproven ones.
    order = [r.principle_id for r in risks if r.principle_id]
    order += [
        f.id
        for f in sorted(principles, key=lambda f: -f.importance)
        if f.strength != "proven" and f.id not in order
    ]
    for pid in order[:4]:
        finding, principle = findings[pid], by_id[pid]
        if finding.strength == "proven":
            script = (
                f"Another example is from [add: a second job or project]: [add: "
                f"{finding.missing}]. What the two have in common is [add: the habit "
                "they show]."
            )
            when = f"When they ask for a second example of {finding.name.lower()}."
        elif finding.evidence:
            line = finding.evidence[0]
            script = (
                f"The closest example I have is from {line.where}: \u201c{line.text}\u201d. "
                f"[add: {finding.missing}]. Looking back, [add: what you would do "
                "differently, said plainly]."
            )
            when = f"When they ask for an example of {finding.name.lower()}."
        else:
            script = (
                "I'll be direct: I have not had a situation that shows this as clearly as "
                "I would like. The closest is [add: a moment from any job, project or "
                f"course]. At {company.name} I would [add: how you would act, using "
                f"this: {_first_sentence(principle.demonstrate)}]."
            )
            when = f"When they ask for an example of {finding.name.lower()}."
        scripts.append(Script(topic=finding.name, when=when, script=script, principle_id=pid))
    for skill in [s for s in skills if s.required and s.status != "shown"][:2]:
        scripts.append(
            Script(
                topic=skill.name,
                when=f"When they ask about your experience with {skill.name}.",
                script=(
                    f"I have not used {skill.name} in my day-to-day work yet. The closest I "
                    "have done is [add: the nearest tool, project or course], and in my "
                    "first 90 days I would [add: how you would close the gap]."
                ),
            )
        )
    if any(r.kind == "experience" for r in risks):
        scope = _scope_evidence(resume)[:1]
        proof = f" \u201c{scope[0].text}\u201d" if scope else " [add: the biggest thing you owned]"
        scripts.append(
            Script(
                topic="Years of experience",
                when=f"When they suggest {level.code} needs more years than you have.",
                script=(
                    f"I have {relevant:.1f} years in this kind of role, fewer than many "
                    f"{level.code} hires, so judge me on scope:{proof}. [add: the decisions "
                    "you made alone and their outcome]."
                ),
            )
        )
    return scripts


def _scope_evidence(resume: Resume) -> list[Evidence]:
    return [
        Evidence(line_id=i, text=t, where=_where(resume, i), matched=found)
        for i, t, kind in resume.lines()
        if kind == "bullet" and (found := find_phrases(t, SCOPE_PHRASES))
    ]


def questions_to_ask(
    family: RoleFamily,
    company: Company,
    principles: list[PrincipleFinding],
    job: JobDescription,
    role: Role,
) -> list[str]:
    """The family's questions, then two drawn from this job description's own words."""
    asks = list(family.questions_to_ask)
    title = job.title or role.title
    duties = [line for line in job.responsibility_lines if 4 <= len(line.split()) <= 16]
    for duty in duties[:2]:
        asks.append(
            f"The posting asks the {title} to \u201c{duty.rstrip('.')}\u201d. What does doing "
            "that well look like in the first quarter?"
        )
    asks.append(f"What would a great first six months look like for the {title}?")
    return asks


def build_checklist(
    role: Role,
    principles: list[PrincipleFinding],
    stories: list[story_engine.Story],
    skills: list[SkillMatch],
    risks: list[Risk],
) -> list[ChecklistStage]:
    """Per round: what to stress, which stories to have ready, and which of your risks
    it is likely to probe."""
    findings = {f.id: f for f in principles}
    missing_skills = [s.name for s in skills if s.required and s.status == "missing"]
    question_round = {q.id: q.round for q in role.questions}
    stages = []
    for index, round_ in enumerate(role.rounds):
        emphasize, watch = [], []
        for pid in round_.principles:
            finding = findings[pid]
            if finding.strength == "proven":
                emphasize.append(
                    f"{finding.name}: you can claim it; lead with "
                    f"\u201c{story_engine.story_title(finding.evidence[0].text, 7)}\u201d."
                )
            elif finding.strength == "material":
                emphasize.append(f"{finding.name}: build the story out; add {finding.missing}.")
        for risk in risks:
            if (
                risk.principle_id
                and risk.principle_id in round_.principles
                or risk.kind == "experience"
                and index == 0
            ):
                watch.append(f"{risk.title}: {risk.prepare_first}")
        if round_.id in ("recruiter-screen",) or not round_.principles:
            emphasize.append("Why this company and this team, in two sentences.")
        technical = any(word in round_.name.lower() for word in ("coding", "technical", "system"))
        if technical and missing_skills:
            watch.append(f"Required skills not on your resume: {', '.join(missing_skills)}.")
        ready = [
            s.title
            for s in stories
            if any(question_round.get(q) == round_.id for q in s.questions)
            or (s.principle_id and s.principle_id in round_.principles)
        ]
        stages.append(
            ChecklistStage(
                round_id=round_.id,
                name=round_.name,
                duration=str(round_.duration),
                format=round_.format,
                emphasize=emphasize,
                stories=ready[:4],
                watch_out=watch,
            )
        )
    return stages


def pay_for_level(role: Role, level: TargetLevel) -> PayLevel | None:
    if role.pay is None:
        return None
    levels: dict[str, Level] = {lv.code: lv for lv in role.levels}
    for row in role.pay.rows:
        if row.level == level.code:
            source = role.pay.source
            return PayLevel(
                level=row.level,
                title=levels[row.level].title,
                total=row.total,
                base=row.base,
                stock=row.stock,
                bonus=row.bonus,
                currency=role.pay.currency,
                source=f"{source.name}, as of {source.as_of.isoformat()}" if source else None,
            )
    return None
