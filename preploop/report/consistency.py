"""One reading, checked: no chapter of a report may claim what another contradicts.

Run on every analysis before it is rendered (`prep report` warns staff and a batch
marks the order) and by the scoreboard, whose target is no violation at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from preploop.model import Company, Role
from preploop.report.findings import Analysis
from preploop.report.fit import principle_nature


@dataclass(frozen=True)
class Violation:
    code: str  # what kind of contradiction
    detail: str  # where, for staff


def check(analysis: Analysis, company: Company, role: Role) -> list[Violation]:
    """Every contradiction between the chapters of one analysis."""
    found: list[Violation] = []
    principles = {p.id: principle_nature(p, role) for p in company.principles}
    findings = {f.name: f for f in analysis.principles}
    # A principle called a gap while a question that probes it tells a story from a line.
    for question in analysis.questions:
        for name in question.principles:
            finding = findings.get(name)
            if question.story is not None and finding and finding.strength == "gap":
                found.append(
                    Violation(
                        "gap-with-story",
                        f"{finding.id} is a gap, yet '{question.id}' tells "
                        f"\u201c{question.story.text[:60]}\u201d",
                    )
                )
    # A line quoted as evidence for a principle whose kinds of story it does not tell.
    for finding in analysis.principles:
        wanted = principles.get(finding.id, set())
        for evidence in finding.evidence:
            if wanted and not wanted & set(evidence.shows):
                found.append(
                    Violation(
                        "evidence-without-nature",
                        f"{finding.id}: \u201c{evidence.text[:60]}\u201d shows none of "
                        f"{', '.join(sorted(wanted))}",
                    )
                )
    # A script saying X has not been part of one's work about a skill a line shows.
    shown = {s.name for s in analysis.skills if s.status == "shown"}
    for script in analysis.scripts:
        if script.script.code == "script.skill" and script.script.args.get("skill") in shown:
            found.append(
                Violation("script-denies-shown-skill", f"{script.script.args['skill']} is shown")
            )
    # A risk saying the resume proves a principle once, while the report tells two or more
    # stories for the questions that probe it.
    for risk in analysis.risks:
        if risk.title.code != "risk.one_story.title":
            continue
        name = risk.title.args.get("principle")
        stories = {q.story.line_id for q in analysis.questions if q.story and name in q.principles}
        if len(stories) > 1:
            found.append(
                Violation("one-story-with-more", f"{name}: {len(stories)} questions tell stories")
            )
    # A script admitting fewer years than the level asks, while the risks say they are met.
    short_of_years = any(r.title.code == "risk.experience.years.title" for r in analysis.risks)
    for script in analysis.scripts:
        if script.script.code == "script.years" and not short_of_years:
            found.append(Violation("script-denies-met-years", "the years asked are met"))
    # The checklist leading a proven principle with a line no story tells, while a story
    # tells another line that proves it.
    told = [story.source.text for story in analysis.stories]
    proofs = {
        f.name: [e.text for e in f.evidence if e.strength == "proven"] for f in analysis.principles
    }
    for stage in analysis.checklist:
        for said in stage.emphasize:
            if said.code != "checklist.proven":
                continue
            lead = said.args.get("story", "")
            name = said.args.get("principle")
            told_proofs = [t for t in proofs.get(name, []) if t in told]
            if told_proofs and not any(_same_line(lead, t) for t in told_proofs):
                found.append(
                    Violation(
                        "checklist-leads-untold", f"{stage.round_id}: {name} leads with {lead}"
                    )
                )
    return found


def _same_line(lead: str, title: str) -> bool:
    """Two shortened titles of one line ("Killed the legacy carousel" and its 7-word cut)."""
    a, b = lead.rstrip(".…"), title.rstrip(".…")
    return a.startswith(b[: len(a)]) or b.startswith(a[: len(b)])
