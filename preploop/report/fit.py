"""Fit: the culture part scored from the resume (each principle proven, material or a gap,
with the lines behind it), the phrase matching every part shares, and the constants the
report's chapters read. The skill and experience parts are in experience.py. Pure
functions, no I/O.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

from preploop.figures.index import NOTHING_REPORTED, ReportedRole
from preploop.model import Company, Principle, Question, Role, RoleFamily
from preploop.report.anatomy import IntentTagger
from preploop.report.bank import first_sentence
from preploop.report.documents import Position, Resume
from preploop.report.findings import (
    Evidence,
    PrincipleFinding,
    Said,
    ScorePart,
)
from preploop.report.method import value
from preploop.report.phrases import can_be_verb, past_tense
from preploop.report.terms import find_terms, metrics_in

QUESTION_COUNT = value("counts.questions")
FREQUENCY_WEIGHT = value("questions.frequency_weight")
STRENGTH_CREDIT = value("fit.culture.credit")
STRENGTH_ORDER = {"proven": 0, "material": 1, "gap": 2, "live": 3}
SKILL_CREDIT = value("fit.skill.credit")
REQUIRED_WEIGHT = value("fit.skill.required_weight")
PREFERRED_WEIGHT = value("fit.skill.preferred_weight")

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
    # The plain substring test first: most phrases are in no line, and their patterns
    # need not be compiled.
    return [p for p in phrases if p.lower() in lowered and _phrase_pattern(p).search(lowered)]


def unique_lines(evidence: Iterable[Evidence]) -> list[Evidence]:
    """Each resume line once, in the order given."""
    seen: set[str] = set()
    return [e for e in evidence if not (e.line_id in seen or seen.add(e.line_id))]


def position_of(resume: Resume, line_id: str) -> Position | None:
    """The job, activity or project a line id ("p0.b3", "a1", "j0.b2") belongs to."""
    if line_id[:1] in ("p", "a", "j") and line_id[1:2].isdigit():
        held = {"p": resume.positions, "a": resume.activities, "j": resume.projects}
        return held[line_id[0]][int(line_id[1:].split(".")[0])]
    return None


def where_in_resume(resume: Resume, line_id: str) -> str:
    if position := position_of(resume, line_id):
        where = ", ".join(part for part in (position.title, position.employer) if part)
        return where or ("Projects" if line_id[0] == "j" else "")  # a project under no name
    if line_id == "summary":
        return "Summary"
    if line_id == "headline":
        return "Headline"
    if line_id.startswith("s"):
        return "Skills"
    return "Other"


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
    """A line that reports something done (a verb first, or a number), not a label or a list.

    The deed may follow "I" ("I told my squad ...") or an opening clause ("When our lead
    left mid-quarter, took over ..."): a first-person or story-first voice reports as much."""
    if metrics_in(text):
        return True
    return any(_past_deed(word) for word in _deed_openings(text))


def _deed_openings(text: str) -> list[str]:
    """Where a line's main verb may stand: its first word, the word after a leading "I" or
    "We", and the first word after the line's first comma."""
    words = text.split()
    openings = words[:1]
    if words[:1] and words[0].lower() in ("i", "we") and len(words) > 1:
        openings.append(words[1])
    if "," in text:
        after = text.split(",", 1)[1].split()
        openings += after[:1]
    return openings


def _past_deed(word: str) -> bool:
    """A verb in the past tense ("Led", "Built", "Rehoused"); "Volunteer:" or "Lead" is a
    label or a duty."""
    word = re.sub(r"[^a-z-]", "", word.lower())
    return bool(word) and (word.endswith("ed") or (can_be_verb(word) and past_tense(word) == word))


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
    evidence = unique_lines(f.evidence[0] for f in findings if f.evidence)
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
