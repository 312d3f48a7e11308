"""What the candidate should do about the analysis: the top risks, scripts for weak
spots, questions to ask, a checklist per stage and pay for the target level."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from preploop.model import Company, Level, Question, Role, RoleFamily
from preploop.report import stories as story_engine
from preploop.report.clauses import with_article
from preploop.report.documents import JobDescription, Resume
from preploop.report.experience import scope_evidence
from preploop.report.findings import (
    ChecklistStage,
    Evidence,
    PayLevel,
    PrincipleFinding,
    Risk,
    Said,
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
    position_of,
)
from preploop.report.method import value
from preploop.report.story_titles import story_title
from preploop.report.terms import find_terms

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
    told: Sequence[tuple[Question, Evidence]],
    closest: Mapping[str, Evidence],
) -> list[Risk]:
    """The three weaknesses that put the most of this company's evaluation at stake.
    `told`: each question the report answers with a story, and its line; `closest`: what
    `closest_examples` makes of them (the scripts offer the same lines)."""
    culture_weight = culture_share(company)
    by_id = {p.id: p for p in company.principles}
    risks = []
    for finding in principles:
        proofs = [e for e in finding.evidence if e.strength == "proven"]
        # The examples the report itself gives for it: its proofs, and the stories it tells
        # for the questions that probe it (so the risks never say "only one story" while
        # the stories chapter tells two).
        examples = {e.line_id for e in proofs}
        examples |= {line.line_id for q, line in told if finding.id in q.principles}
        if finding.strength == "proven" and len(examples) < 2:
            # One proof is one story: interviewers often ask for a second example.
            share = value("risks.second_story_share")
            risks.append(
                Risk(
                    title=Said(code="risk.one_story.title", args={"principle": finding.name}),
                    kind="principle",
                    weight=round(culture_weight * finding.importance * share, 4),
                    why=Said(
                        code="risk.one_story.why",
                        args={
                            "proof": proofs[0].text,
                            "company": company.name,
                            "rounds": finding.rounds,
                        },
                    ),
                    prepare_first=Said(
                        code="risk.one_story.prepare", args={"missing": finding.missing}
                    ),
                    principle_id=finding.id,
                )
            )
            continue
        if finding.strength in ("proven", "live"):  # live: the rounds judge it, not the resume
            continue
        at_stake = culture_weight * finding.importance * (1 - STRENGTH_CREDIT[finding.strength])
        kind = finding.strength  # "gap" or "material"
        why = {"company": company.name, "rounds": finding.rounds, "missing": finding.missing}
        if finding.evidence:
            why["line"] = closest[finding.id].text
        risks.append(
            Risk(
                title=Said(code=f"risk.{kind}.title", args={"principle": finding.name}),
                kind="principle",
                weight=round(at_stake, 4),
                why=Said(code=f"risk.{kind}.why", args=why),
                prepare_first=Said(
                    code="risk.principle.prepare",
                    args={
                        "demonstrate": first_sentence(by_id[finding.id].demonstrate),
                        "missing": finding.missing,
                    },
                ),
                principle_id=finding.id,
            )
        )
    missing_required = [
        [s.name, *s.alternatives] for s in skills if s.required and s.status == "missing"
    ]
    if missing_required:
        total = sum(REQUIRED_WEIGHT if s.required else PREFERRED_WEIGHT for s in skills)
        share = REQUIRED_WEIGHT * len(missing_required) / total
        risks.append(
            Risk(
                title=Said(code="risk.skills.title", args={"skills": missing_required}),
                kind="skill",
                weight=round(experience.weight * share, 4),
                why=Said(code="risk.skills.why"),
                prepare_first=Said(code="risk.skills.prepare"),
            )
        )
    shortfall = max(0.0, 1 - experience.score / 100)
    if shortfall > value("risks.experience_shortfall"):
        # Short of years, or of scope only: the risk says which, so it never tells a
        # candidate with the years asked that they lack years.
        short_of = {said.code for said in experience.missing}
        kind = next((kind for code, kind in _SHORT_OF if code in short_of), "scope")
        # The years the fit counted against: the posting's own when it names them.
        asked = next((s.args for s in experience.reasons if s.code == "experience.years"), {})
        level_args = {
            "code": level.code,
            "title": level.title,
            "min_years": asked.get("required", level.min_years),
            "posted": asked.get("posted", 0),
            **{k: asked[k] for k in ("family", "related", "related_roles") if k in asked},
        }
        if kind == "level":  # the current title and the level the posting names
            below = next(s.args for s in experience.missing if s.code == "experience.title_below")
            level_args |= {"current_title": below["title"], "seniority": below["seniority"]}
        risks.append(
            Risk(
                title=Said(
                    code=f"risk.experience.{kind}.title",
                    args={
                        "code": level.code,
                        "posted": level_args["posted"],
                        **({"family": asked["family"]} if kind == "role" else {}),
                        **({"seniority": level_args["seniority"]} if kind == "level" else {}),
                    },
                ),
                kind="experience",
                weight=round(experience.weight * shortfall, 4),
                why=Said(
                    code=f"risk.experience.{kind}.why",
                    args={**level_args, "years": round(years, 1), "relevant": round(relevant, 1)},
                ),
                prepare_first=Said(code=f"risk.experience.{kind}.prepare", args=level_args),
            )
        )
    # Ties broken by kind and principle, so the order never depends on wording.
    risks.sort(key=lambda r: (-r.weight, r.kind, r.principle_id or "", r.title.code))
    return risks[: value("counts.risks")]


# What the experience part is short of -> its risk's kind, the first found: years, years
# in this kind of role (met only through related roles), a title below the posting's
# level, or else scope.
_SHORT_OF = (
    ("experience.more_years", "years"),
    ("experience.in_role", "role"),
    ("experience.title_below", "level"),
)


def closest_examples(
    principles: list[PrincipleFinding], told: Sequence[tuple[Question, Evidence]]
) -> dict[str, Evidence]:
    """Each unproven principle with evidence -> the line its risk and script offer as the
    closest example: the story the report tells for a question that probes it (so the
    questions chapter names the same line), else its strongest evidence. The weightiest
    principle chooses first, and each takes a line no other took while it has one."""
    taken: set[str] = set()
    chosen = {}
    for finding in sorted(principles, key=lambda f: (-f.importance, f.id)):
        if finding.strength == "proven" or not finding.evidence:
            continue
        lines = [line for q, line in told if finding.id in q.principles] + finding.evidence
        line = next((line for line in lines if line.line_id not in taken), lines[0])
        taken.add(line.line_id)
        chosen[finding.id] = line
    return chosen


# -- scripts, questions to ask, checklist, pay -------------------------------------------


def write_scripts(
    risks: list[Risk],
    principles: list[PrincipleFinding],
    skills: list[SkillMatch],
    company: Company,
    resume: Resume,
    relevant: float,
    level: TargetLevel,
    closest: Mapping[str, Evidence],
) -> list[Script]:
    """What to say when an interviewer presses on a weak spot; `closest` as for the risks."""
    scripts = []
    by_id = {p.id: p for p in company.principles}
    findings = {f.id: f for f in principles}
    # The principles behind the top risks first, then the other unproven ones.
    order = [r.principle_id for r in risks if r.principle_id]
    order += [
        f.id
        for f in sorted(principles, key=lambda f: -f.importance)
        if f.strength not in ("proven", "live") and f.id not in order
    ]
    for pid in order[: value("counts.principle_scripts")]:
        finding, principle = findings[pid], by_id[pid]
        args = {"principle": finding.name, "missing": finding.missing, "company": company.name}
        if finding.strength == "proven":
            kind = "second_example"
        elif finding.evidence:
            kind = "closest_line"
            line = closest[pid]
            args |= {"where": _spoken_where(resume, line), "line": line.text}
        else:
            kind = "no_line"
            args["demonstrate"] = first_sentence(principle.demonstrate)
        scripts.append(
            Script(
                topic=Said(code="script.topic", args={"name": finding.name}),
                when=Said(
                    code="script.when.second_example"
                    if kind == "second_example"
                    else "script.when.example",
                    args={"principle": finding.name},
                ),
                script=Said(code=f"script.principle.{kind}", args=args),
                principle_id=pid,
            )
        )
    unshown = [s for s in skills if s.required and s.status != "shown"]
    for skill in unshown[: value("counts.skill_scripts")]:
        # "Java, C++ or C#" when the job takes any of them; just the name otherwise.
        either = {"alternatives": skill.alternatives} if skill.alternatives else {}
        scripts.append(
            Script(
                topic=Said(code="script.topic", args={"name": skill.name}),
                when=Said(code="script.when.skill", args={"skill": skill.name, **either}),
                script=Said(code="script.skill", args={"skill": skill.name, **either}),
            )
        )
    experience = next((r for r in risks if r.kind == "experience"), None)
    if experience:
        # Short of years, or of scope only (the risk says which): a candidate with the
        # years asked is never scripted to admit fewer.
        about = experience.title.code.split(".")[2]  # risk.experience.<kind>.title
        scope = scope_evidence(resume)[:1]
        args = {"code": level.code, "relevant": round(relevant, 1), **experience.why.args}
        if scope:
            args["line"] = scope[0].text
        scripts.append(
            Script(
                topic=Said(code=f"script.topic.{about}"),
                when=Said(code=f"script.when.{about}", args={"code": level.code}),
                script=Said(code=f"script.{about}", args=args),
            )
        )
    return scripts


def _spoken_where(resume: Resume, line: Evidence) -> str:
    """Where a line is from, as one says it: "my time as a Senior Operations Analyst at
    Ledgerline Payments", not "Senior Operations Analyst, Merchant Risk, Ledgerline Payments"."""
    job = position_of(resume, line.line_id) if line.line_id[:1] in ("p", "a") else None
    role = job.title.split(",")[0].strip() if job else ""
    if not role or not job.employer:
        return line.where
    return f"my time as {with_article(role)} at {job.employer}"


def questions_to_ask(
    family: RoleFamily,
    company: Company,
    principles: list[PrincipleFinding],
    job: JobDescription,
    role: Role,
) -> list[Said]:
    """A few of the family's questions, one about the company principle this candidate
    shows least (what it looks like on the team: theirs to learn before the loop ends),
    then two drawn from this job description's own words."""
    catalog = family.questions_to_ask[: value("counts.catalog_asks")]
    asks = [Said(code="ask.catalog", args={"text": text}) for text in catalog]
    judged = [f for f in principles if f.strength != "live"]
    weakest = sorted(judged, key=lambda f: (f.strength == "proven", -f.importance))[:1]
    for finding in weakest:
        asks.append(
            Said(code="ask.principle", args={"principle": finding.name, "company": company.name})
        )
    title = job.title or role.title
    low, high = value("ask.duty_words")
    duties = [line for line in job.responsibility_lines if low <= len(line.split()) <= high]
    for duty in duties[: value("counts.duty_questions")]:
        asks.append(Said(code="ask.duty", args={"title": title, "duty": duty.rstrip(".")}))
    asks.append(Said(code="ask.first_months", args={"title": title}))
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
    missing_skills = [
        [s.name, *s.alternatives] for s in skills if s.required and s.status == "missing"
    ]
    question_round = {q.id: q.round for q in role.questions}
    stages = []
    for index, round_ in enumerate(role.rounds):
        emphasize: list[Said] = []
        watch: list[Said] = []
        for pid in round_.principles:
            finding = findings[pid]
            if finding.strength == "proven":
                args = {"principle": finding.name, "story": story_title(_lead(finding, stories), 7)}
                emphasize.append(Said(code="checklist.proven", args=args))
            elif finding.strength == "material":
                args = {"principle": finding.name, "missing": finding.missing}
                emphasize.append(Said(code="checklist.material", args=args))
        watch_risks = [
            number
            for number, risk in enumerate(risks)
            if risk.principle_id in round_.principles or risk.kind == "experience" and index == 0
        ]
        if index == 0 or not round_.principles:  # the first call, or a round of no principle
            emphasize.append(Said(code="checklist.why_company"))
        technical = find_terms(round_.name, value("checklist.technical_round_words"))
        if technical and missing_skills:
            watch.append(Said(code="checklist.missing_skills", args={"skills": missing_skills}))
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
                duration=str(round_.duration) if round_.duration else "",
                format=round_.format,
                emphasize=emphasize,
                stories=ready[: value("counts.stories_per_round")],
                watch_risks=watch_risks,
                watch_out=watch,
            )
        )
    return stages


def _lead(finding: PrincipleFinding, stories: list[story_engine.Story]) -> str:
    """The line a proven principle leads with: one that proves it and that a story tells,
    its own story's first, so the checklist never says "you can claim it; lead with" a
    line that only feeds it, nor one no question tells."""
    proofs = [e.text for e in finding.evidence if e.strength == "proven"]
    own = [st.source.text for st in stories if st.principle_id == finding.id]
    told = {st.source.text for st in stories}
    return next(
        (text for text in [*own, *proofs] if text in proofs and text in told),
        (proofs or [finding.evidence[0].text])[0],
    )


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
