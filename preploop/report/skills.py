"""The skills a job asks for, judged on the resume: shown in a line of work, only listed
(the summary, a skills section, a heading), or missing."""

from __future__ import annotations

import re

from preploop.model import RoleFamily
from preploop.report.documents import JobDescription, Resume
from preploop.report.findings import Evidence, SkillMatch
from preploop.report.fit import where_in_resume
from preploop.report.learned import LinearModel, skill_model
from preploop.report.skill_gate import skill_gate
from preploop.report.terms import find_terms

# Kinds of resume line that list skills rather than show them in use: a summary claims
# ("Expert in Kubernetes and AWS"), only a line of work shows.
LISTING = ("summary", "skills", "other")
# Of those, the lists (a skills section, a heading) name a skill by a hint too; the
# summary is prose, read by a skill's names as a line of work is.
LISTS = ("skills", "other")


def match_skills(resume: Resume, job: JobDescription, family: RoleFamily) -> list[SkillMatch]:
    """Each skill the job asks for: shown in a bullet, only listed (summary, skills list),
    or missing.

    The same term matcher reads the job description, so a skill it found there is
    found here in the same words.
    """
    # A line that can show a skill does so by its names only, and so does the summary; a
    # line that only lists skills (a skills section) lists one by a hint too.
    shows = {skill.name: skill.line_words for skill in family.skills}
    lists = {skill.name: [skill.name, *skill.posting_words] for skill in family.skills}
    wanted = [(name, True) for name in job.required_skills]
    wanted += [(name, False) for name in job.preferred_skills if name not in job.required_skills]
    # A degree in a subject that teaches a skill lists it (knowledge, not use).
    degrees = {skill.name: skill.degrees for skill in family.skills if skill.degrees}
    lines = []
    for line_id, text, kind in resume.lines():
        heading = kind == "other" and re.fullmatch(r"[paje]\d+", line_id)
        if heading and not line_id.startswith("e"):
            continue
        vocabulary = degrees if heading else lists if kind in LISTS else shows
        lines.append(
            (line_id, text, kind, skills_in_line(text, vocabulary, learned=kind == "bullet"))
        )
    matches = []
    for name, required in wanted:
        matches.append(_skill_match(name, required, lines, resume, set(shows)))
    return _one_per_choice(matches, job.skill_choices, lines, resume, set(shows))


def _skill_match(name: str, required: bool, lines: list, resume: Resume, known: set) -> SkillMatch:
    """A skill `known` to the vocabulary is found by its words, any other as written."""
    shown, listed = [], []
    for line_id, text, kind, skills in lines:
        found = skills.get(name) or (name not in known and find_terms(text, [name]))
        if not found:
            continue
        evidence = Evidence(
            line_id=line_id, text=text, where=where_in_resume(resume, line_id), matched=found
        )
        (listed if kind in LISTING else shown).append(evidence)
    status = "shown" if shown else "listed" if listed else "missing"
    return SkillMatch(name=name, required=required, status=status, evidence=(shown or listed)[:3])


_STATUS_RANK = {"shown": 0, "listed": 1, "missing": 2}


def _one_per_choice(
    matches: list[SkillMatch], choices: list[list[str]], lines: list, resume: Resume, known: set
) -> list[SkillMatch]:
    """Alternatives ("Java, C++, or C#") become one requirement, in the place of its first
    skill, under the alternative the resume shows best; a skill the vocabulary lacks is
    looked for as written."""
    by_name = {m.name: m for m in matches}
    for group in choices:
        present = [name for name in group if name in by_name]
        if not present:
            continue
        required = any(by_name[name].required for name in present)
        options = [
            by_name.get(name) or _skill_match(name, required, lines, resume, known)
            for name in group
        ]
        best = min(options, key=lambda m: _STATUS_RANK[m.status])  # ties: the first written
        others = [m.name for m in options if m is not best]
        by_name[present[0]] = best.model_copy(update={"required": required, "alternatives": others})
        for name in present[1:]:
            del by_name[name]
    return [by_name[m.name] for m in matches if m.name in by_name]


def skills_in_line(
    text: str, vocabulary: dict[str, list[str]], *, learned: bool = True
) -> dict[str, list[str]]:
    """Skill name -> the words of the line that show it: its name or synonyms, or (for a
    line of work, `learned`) what the learned layer reads as that skill in use ("wrote
    the queries behind the churn report" shows SQL). In a line of work the skill gate
    then keeps only the candidate's own use of it: "Attended a workshop on A/B testing"
    shows no A/B testing."""
    model = skill_model() if learned else None
    found = skill_candidates(text, vocabulary, model)
    gate = skill_gate() if model is not None else None
    if gate is None:
        return {name: words for name, (_, words) in found.items()}
    chances = model.scores(text)
    return {
        name: words
        for name, (source, words) in found.items()
        if gate.shows(text, name, source, words, chances.get(name, 0.0))
    }


def skill_candidates(
    text: str, vocabulary: dict[str, list[str]], model: LinearModel | None
) -> dict[str, tuple[str, list[str]]]:
    """Skill name -> how the line names it ("term": a name or synonym of it; "model": the
    learned skill head's reading) and the words that do (what the gate judges)."""
    found = {
        name: ("term", words)
        for name, names in vocabulary.items()
        if (words := find_terms(text, names))
    }
    if model is not None:
        for name, words in model.find(text).items():
            if name in vocabulary and name not in found:
                found[name] = ("model", words)
    return found
