"""The twelve questions most likely for this candidate, ranked, each with the story
picked for it."""

from __future__ import annotations

from preploop.figures.aggregate import share_likelihood
from preploop.figures.index import NOTHING_REPORTED, ReportedRole
from preploop.model import Company, Principle, Question, Role
from preploop.report import stories as story_engine
from preploop.report.documents import JobDescription
from preploop.report.findings import (
    Evidence,
    PrincipleFinding,
    QuestionPlan,
)
from preploop.report.fit import CATEGORY_FOCUS, FREQUENCY_WEIGHT, QUESTION_COUNT, first_sentence
from preploop.report.method import value
from preploop.report.terms import find_terms

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
        testing=first_sentence(principle.look_for),
        angle=first_sentence(principle.demonstrate),
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
    reported: ReportedRole = NOTHING_REPORTED,
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
        figures = reported.of(question)
        if figures is not None:  # the real share, from reported interviews
            likelihood = share_likelihood(figures.share)
            share, total = figures.share, figures.reports
            reasons = [f"Asked in {share:.0%} of {total:,} reported questions for this role."]
        else:
            frequency = reported.frequency(question)
            likelihood = FREQUENCY_WEIGHT[frequency]
            reasons = [f"Reported as {frequency.replace('-', ' ')} for this role."]
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
    reported: ReportedRole = NOTHING_REPORTED,
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
                frequency=reported.frequency(question),
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
