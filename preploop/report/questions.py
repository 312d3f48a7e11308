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
    Said,
)
from preploop.report.fit import CATEGORY_FOCUS, FREQUENCY_WEIGHT, QUESTION_COUNT, first_sentence
from preploop.report.method import value
from preploop.report.terms import find_terms

# -- questions -----------------------------------------------------------------------


# Ids of questions the report adds from a principle when the bank is short.
PRINCIPLE_QUESTION = "principle-"


def _principle_question(principle: Principle, role: Role) -> Question:
    """A question built from a principle, used when the bank is shorter than twelve."""
    round_id = next((r.id for r in role.rounds if principle.id in r.principles), role.rounds[-1].id)
    return Question(
        id=f"{PRINCIPLE_QUESTION}{principle.id}",
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


def catalog_question(company: Company, role: Role, question_id: str) -> Question | None:
    """The catalog's question behind a planned question's id (built ones included)."""
    for question in role.questions:
        if question.id == question_id:
            return question
    for principle in company.principles:
        if question_id == f"{PRINCIPLE_QUESTION}{principle.id}":
            return _principle_question(principle, role)
    return None


def rank_questions(
    job: JobDescription,
    company: Company,
    role: Role,
    principles: list[PrincipleFinding],
    reported: ReportedRole = NOTHING_REPORTED,
) -> list[tuple[Question, list[Said], float]]:
    """The twelve questions most likely for this candidate, with the reasons and score."""
    bank = list(role.questions)
    for principle in company.principles:
        if len(bank) >= QUESTION_COUNT:
            break
        if not any(q.id == f"{PRINCIPLE_QUESTION}{principle.id}" for q in bank):
            bank.append(_principle_question(principle, role))
    findings = {f.id: f for f in principles}
    names = {p.id: p.name for p in company.principles}
    job_text = " ".join([job.title, *job.required_lines, *job.responsibility_lines])
    scored = []
    for index, question in enumerate(bank):
        likelihood, reasons = _base_likelihood(question, reported, names)
        for pid in question.principles:
            strength = findings[pid].strength
            if strength in ("gap", "material"):
                likelihood += value(f"questions.{strength}_boost")
                args = {"principle": findings[pid].name}
                reasons.append(Said(code=f"question.probes.{strength}", args=args))
        focus = find_terms(job_text, CATEGORY_FOCUS.get(question.category, ()))
        if focus:
            likelihood += value("questions.focus_boost") * min(2, len(focus))
            shown = focus[: value("questions.focus_terms_shown")]
            reasons.append(Said(code="question.job_stresses", args={"terms": shown}))
        scored.append((-likelihood, index, question, reasons, likelihood))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [(q, reasons, likelihood) for _, _, q, reasons, likelihood in scored[:QUESTION_COUNT]]


def _base_likelihood(
    question: Question, reported: ReportedRole, principle_names: dict[str, str]
) -> tuple[float, list[Said]]:
    """How likely a question is before this candidate's resume counts, and where that
    comes from: reported shares, our editors' estimate, or a principle short of questions."""
    figures = reported.of(question)
    if figures is not None:
        args = {"share": figures.share, "total": figures.reports}
        return share_likelihood(figures.share), [Said(code="question.reported", args=args)]
    frequency = reported.frequency(question)
    if question.id.startswith(PRINCIPLE_QUESTION):
        principle = principle_names[question.principles[0]]
        said = Said(code="question.added_for_principle", args={"principle": principle})
    else:
        said = Said(code="question.editors_estimate", args={"frequency": frequency})
    return FREQUENCY_WEIGHT[frequency], [said]


def plan_questions(
    ranked: list[tuple[Question, list[Said], float]],
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
) -> Said:
    """How to tell the story picked: a proof as it stands, else with what it leaves out."""
    if story.strength == "proven":
        return Said(code="story.tell.proven")
    unproven = [findings[p] for p in question.principles if findings[p].strength != "proven"]
    if unproven:
        return Said(code="story.tell.add", args={"missing": unproven[0].missing})
    return Said(code="story.tell.open")
