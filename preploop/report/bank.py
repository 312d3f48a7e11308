"""The questions a role's report draws from, and what a role's report will hold.

One place for both, so the site's offer sells exactly what the report delivers:
the role's own bank first, then its family's questions, then one question per
company principle, until the report's question count is reached. Light on
purpose (the model and the method's numbers only): the site imports it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from preploop.model import Company, FamilyQuestion, Principle, Question, Role, RoleFamily
from preploop.report.method import value

# Ids of questions added from elsewhere than the role's bank.
PRINCIPLE_QUESTION = "principle-"
FAMILY_QUESTION = "family-"


def first_sentence(text: str) -> str:
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    return sentence if sentence.endswith((".", "!", "?")) else sentence + "."


def question_bank(company: Company, role: Role, family: RoleFamily | None) -> list[Question]:
    """The role's questions, filled up to the report's count from the family's bank,
    then from the company's principles."""
    count = value("counts.questions")
    bank = list(role.questions)
    taken = {q.id for q in bank}
    for asked in family.questions if family is not None else ():
        if len(bank) >= count:
            return bank
        if f"{FAMILY_QUESTION}{asked.id}" not in taken:
            bank.append(_family_question(asked, role))
    for principle in company.principles:
        if len(bank) >= count:
            break
        bank.append(_principle_question(principle, role))
    return bank


def catalog_question(
    company: Company, role: Role, question_id: str, family: RoleFamily | None = None
) -> Question | None:
    """The question behind a planned question's id (added ones included)."""
    for question in role.questions:
        if question.id == question_id:
            return question
    for asked in family.questions if family is not None else ():
        if question_id == f"{FAMILY_QUESTION}{asked.id}":
            return _family_question(asked, role)
    for principle in company.principles:
        if question_id == f"{PRINCIPLE_QUESTION}{principle.id}":
            return _principle_question(principle, role)
    return None


def _family_question(asked: FamilyQuestion, role: Role) -> Question:
    """A family question asked in this role's last round: families know no rounds, and
    the last one is where a loop's broad questions come."""
    return Question(
        id=f"{FAMILY_QUESTION}{asked.id}",
        round=role.rounds[-1].id,
        **asked.model_dump(include={"text", "category", "frequency", "testing", "angle"}),
        follow_ups=list(asked.follow_ups),
        intents=list(asked.intents),
    )


def _principle_question(principle: Principle, role: Role) -> Question:
    """A question built from a principle, used when the bank is still short."""
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


@dataclass(frozen=True)
class ReportScope:
    """What the report for one role holds, whoever the candidate: what an offer may sell."""

    questions: int  # questions the report answers
    own: int  # of them, from the role's own bank
    family: int  # from the family's bank
    principles: int  # built from the company's principles
    stories: int  # the most STAR stories a report drafts ("up to")
    pay: bool  # a pay chapter with figures for the role

    @property
    def full(self) -> bool:
        """The report answers as many questions as any report does."""
        return self.questions >= value("counts.questions")


def report_scope(company: Company, role: Role, family: RoleFamily | None) -> ReportScope:
    bank = question_bank(company, role, family)
    count = min(len(bank), value("counts.questions"))
    own = min(len(role.questions), count)
    family_count = sum(1 for q in bank[own:count] if q.id.startswith(FAMILY_QUESTION))
    return ReportScope(
        questions=count,
        own=own,
        family=family_count,
        principles=count - own - family_count,
        stories=value("counts.stories"),
        pay=role.pay is not None,
    )
