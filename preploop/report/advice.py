"""What the candidate should do about the analysis: the top risks, scripts for weak
spots, questions to ask, a checklist per stage and pay for the target level."""

from __future__ import annotations

from preploop.model import Company, Level, Role, RoleFamily
from preploop.report import stories as story_engine
from preploop.report.documents import JobDescription, Resume
from preploop.report.findings import (
    ChecklistStage,
    PayLevel,
    PrincipleFinding,
    Risk,
    ScorePart,
    Script,
    SkillMatch,
    TargetLevel,
)
from preploop.report.fit import (
    PREFERRED_WEIGHT,
    REQUIRED_WEIGHT,
    STRENGTH_CREDIT,
    culture_share,
    first_sentence,
    scope_evidence,
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
                prepare_first=first_sentence(by_id[finding.id].demonstrate)
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
                f"this: {first_sentence(principle.demonstrate)}]."
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
        scope = scope_evidence(resume)[:1]
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
