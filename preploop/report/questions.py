"""The twelve questions most likely for this candidate, ranked, each with the story
picked for it."""

from __future__ import annotations

from preploop.figures.aggregate import share_likelihood
from preploop.figures.index import NOTHING_REPORTED, ReportedRole
from preploop.model import Company, Question, Role, RoleFamily
from preploop.report import stories as story_engine
from preploop.report.bank import FAMILY_QUESTION, PRINCIPLE_QUESTION, question_bank
from preploop.report.bank import catalog_question as catalog_question
from preploop.report.documents import JobDescription
from preploop.report.findings import (
    Evidence,
    PrincipleFinding,
    QuestionPlan,
    Said,
)
from preploop.report.fit import CATEGORY_FOCUS, FREQUENCY_WEIGHT, QUESTION_COUNT
from preploop.report.method import value
from preploop.report.terms import find_terms, term_search

# -- questions -----------------------------------------------------------------------


def rank_questions(
    job: JobDescription,
    company: Company,
    role: Role,
    principles: list[PrincipleFinding],
    reported: ReportedRole = NOTHING_REPORTED,
    family: RoleFamily | None = None,
) -> list[tuple[Question, list[Said], float]]:
    """The twelve questions most likely for this candidate, with the reasons and score."""
    bank = question_bank(company, role, family)
    findings = {f.id: f for f in principles}
    names = {p.id: p.name for p in company.principles}
    job_text = " ".join([job.title, *job.required_lines, *job.responsibility_lines])
    scored = []
    for index, question in enumerate(bank):
        likelihood, reasons = _base_likelihood(question, reported, names, family)
        unproven: dict[str, list[str]] = {"gap": [], "material": []}
        for pid in question.principles:
            strength = findings[pid].strength
            if strength in unproven:
                likelihood += value(f"questions.{strength}_boost")
                unproven[strength].append(findings[pid].name)
        for strength, probed in unproven.items():  # one reason per kind, naming them all
            if probed:
                args = {"principles": probed}
                reasons.append(Said(code=f"question.probes.{strength}", args=args))
        focus = find_terms(job_text, CATEGORY_FOCUS.get(question.category, ()))
        if question.category in value("stories.story_categories"):
            # A story question is likelier only for what the posting stresses that it asks
            # about itself: "stakeholders" in the posting does not make "Why Netflix?" likely.
            own = " ".join([question.text, question.testing, question.angle])
            focus = [term for term in focus if find_terms(own, [term])]
        if focus:
            likelihood += value("questions.focus_boost") * min(2, len(focus))
            shown = _as_written(job_text, focus)[: value("questions.focus_terms_shown")]
            reasons.append(Said(code="question.job_stresses", args={"terms": shown}))
        scored.append((-likelihood, index, question, reasons, likelihood))
    scored.sort(key=lambda item: (item[0], item[1]))
    return [(q, reasons, likelihood) for _, _, q, reasons, likelihood in scored[:QUESTION_COUNT]]


def _as_written(text: str, terms: list[str]) -> list[str]:
    """Each term as the job description writes it ("stakeholder" -> "stakeholders",
    "a/b" -> "A/B"): the focus words are stems, not words to quote to a reader."""
    shown: dict[str, str] = {}
    for term in terms:
        found = term_search(text, term)
        word = found.group(0) if found else term
        if word[1:] == word[1:].lower():  # "Stakeholders" at a line's start; keep "A/B", "SQL"
            word = word.lower()
        shown.setdefault(word.lower(), word)
    return list(shown.values())


def _base_likelihood(
    question: Question,
    reported: ReportedRole,
    principle_names: dict[str, str],
    family: RoleFamily | None,
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
    elif question.id.startswith(FAMILY_QUESTION):
        name = family.name.lower() if family is not None else "candidate"
        said = Said(code="question.from_family", args={"frequency": frequency, "family": name})
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
