"""The story engine: which resume line answers which question (drafts: star_drafts.py).

Questions are matched to lines as one assignment over the whole report (best fits
first, each line answering at most `counts.story_uses` questions), using the
intents each question declares and each line carries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from preploop.model import Question
from preploop.report.anatomy import (
    IntentTagger,
    people_asked_about,
    read_bullet,
    topic_words,
)
from preploop.report.documents import Position, Project, Resume
from preploop.report.findings import (
    Anatomy,
    Evidence,
    MiningPrompt,
    PrincipleFinding,
    Said,
    Story,
)
from preploop.report.method import value
from preploop.report.phrases import tokens
from preploop.report.star_drafts import Drafter
from preploop.report.story_ranker import StoryRanker, best_chances, pair_features, story_ranker
from preploop.report.story_titles import story_title
from preploop.report.terms import metrics_in


@dataclass
class Line:
    """A resume bullet that could become a story."""

    line_id: str
    text: str
    position: Position | None
    where: str
    anatomy: Anatomy
    chances: dict[str, float] = field(default_factory=dict)  # intent -> the model's chance
    strong: dict[str, float] = field(default_factory=dict)  # intent -> chance it is story-grade
    evidence: dict[str, Evidence] = field(default_factory=dict)  # principle id -> evidence

    @property
    def order(self) -> tuple[int, ...]:
        """Resume order: jobs first, then activities, then projects."""
        numbers = tuple(int(n) for n in re.findall(r"\d+", self.line_id))
        return ({"a": 1, "j": 2}.get(self.line_id[0], 0), *numbers)


@dataclass
class Match:
    """The story picked for one question, or the prompt to find one."""

    line: Line | None
    reason: str = ""  # "you owned a mistake"
    words: str = ""  # the part of the line that shows it
    prompt: Said | None = None  # where to look when no line fits


def story_lines(
    resume: Resume, principles: list[PrincipleFinding], tagger: IntentTagger
) -> list[Line]:
    """Every bullet of a job, an activity or a project, taken apart, with the principle
    evidence found in it."""
    lines = []
    held = [("p", i, p) for i, p in enumerate(resume.positions)]
    held += [("a", i, p) for i, p in enumerate(resume.activities)]  # volunteering, societies
    held += [("j", i, p) for i, p in enumerate(resume.projects)]  # open source, hackathons
    for kind, i, position in held:
        where = ", ".join(part for part in (position.title, position.employer) if part)
        where = where or ("Projects" if kind == "j" else "")
        for j, text in enumerate(position.bullets):
            anatomy = read_bullet(text, tagger)
            chances, strong = tagger.strengths(text, 0.0), tagger.story_chances(text)
            lines.append(Line(f"{kind}{i}.b{j}", text, position, where, anatomy, chances, strong))
    attach_evidence(lines, principles)
    return lines


def attach_evidence(lines: list[Line], principles: list[PrincipleFinding]) -> None:
    """Give each line the principle evidence found in it (kept where it already has some)."""
    by_id = {line.line_id: line for line in lines}
    for finding in principles:
        for evidence in finding.evidence:
            if evidence.line_id in by_id:
                by_id[evidence.line_id].evidence.setdefault(finding.id, evidence)


def fit(question: Question, line: Line) -> float:
    """How well a line answers a question (see `stories` in method.yaml)."""
    a = line.anatomy
    weights = value("stories.intent_weights")
    score = 0.0
    for weight, intent in zip(weights, question.intents, strict=False):
        phrases = a.intent_phrases.get(intent)
        if phrases:
            where = 1.0 if intent in a.lead_intents else value("stories.aside_factor")
            score += weight * where + value("stories.extra_phrase") * min(2, len(phrases) - 1)
        elif intent in a.intent_strength and not a.weak:  # likely: credit as sure as it is
            score += weight * value("stories.likely_factor") * a.intent_strength[intent]
    credit = value("stories.principle_credit")
    for pid in question.principles:
        if pid in line.evidence:
            score += credit.get(line.evidence[pid].strength, 0.0)
    if not score:
        return 0.0
    if metrics_in(line.text):
        score += value("stories.metric_bonus")
    substance = sum(map(bool, (a.results, a.scope, a.trigger, a.goal)))
    score += value("stories.substance_bonus") * min(3, substance)
    shared = topic_words(question.text) & topic_words(line.text)
    score += value("stories.topic_bonus") * min(2, len(shared))
    kinds = people_asked_about(question.text)
    named = {person.split(":")[0] for person in a.people}
    if kinds and named:
        # The question asks about a kind of person: a line naming one fits, others less.
        bonus, penalty = value("stories.people_bonus"), value("stories.people_penalty")
        score += bonus if named & kinds else -penalty
    if a.listy:
        score -= value("stories.list_penalty")
    return round(score, 4)


def story_pairs(
    questions: list[Question], lines: list[Line]
) -> list[tuple[int, Line, dict[str, float]]]:
    """Every (question index, line, features) a story could rest on: the candidate's own
    lines that tell at least one kind of story the question asks for, so that a story
    never rests on a line the principles chapter could call a gap."""
    best = best_chances(lines)
    return [
        (qi, line, pair_features(question, line, best))
        for qi, question in enumerate(questions)
        if question.intents
        for line in lines
        # Someone else's work ("Supported the team that ...") is never a first choice:
        # it is offered only as the closest story of a thin resume (below).
        if not line.anatomy.weak and _speaks_to(question, line)
    ]


def candidates(
    questions: list[Question], lines: list[Line], ranker: StoryRanker
) -> list[tuple[float, int, Line]]:
    """(chance, question index, line) for every possible story, most likely first."""
    possible = story_pairs(questions, lines)
    chances = ranker.chances([(qi, line.line_id, f) for qi, line, f in possible])
    pairs = [(chance, qi, line) for chance, (qi, line, _) in zip(chances, possible, strict=True)]
    pairs.sort(key=lambda p: (-p[0], p[1], p[2].order))
    return pairs


def assign(
    questions: list[Question],
    lines: list[Line],
    tagger: IntentTagger,
    ranker: StoryRanker | None = None,
) -> list[Match]:
    """One story per question, most likely first across the whole report."""
    uses = value("counts.story_uses")
    ranker = ranker or story_ranker()
    pairs = [p for p in candidates(questions, lines, ranker) if p[0] >= ranker.threshold]
    chosen: dict[int, Line] = {}
    used: dict[str, int] = {}
    for _, qi, line in pairs:
        if qi not in chosen and used.get(line.line_id, 0) < uses:
            chosen[qi] = line
            used[line.line_id] = used.get(line.line_id, 0) + 1
    _free_scarce_lines(pairs, chosen, used, uses)
    _spread_stories(pairs, chosen, used)
    closest = _closest_shared_work(questions, lines, chosen, used, uses)
    matches = []
    for qi, question in enumerate(questions):
        line = chosen.get(qi)
        if line is None:
            matches.append(Match(None, prompt=_finding_prompt(question, lines, tagger)))
            continue
        reason, words = _why(question, line, tagger)
        if qi in closest:
            reason = f"{reason} (the closest line you have; say what part was yours)"
        matches.append(Match(line, reason, words))
    return matches


def told(questions: list[Question], matches: list[Match]) -> list[tuple[Question, Evidence]]:
    """Each question that tells a story, with its line as evidence of the kinds of story
    the question asks and the line tells."""
    pairs = []
    for question, match in zip(questions, matches, strict=True):
        if match.line is None:
            continue
        a, line = match.line.anatomy, match.line
        shows = sorted(set(question.intents) & ({*a.intents, *a.intent_strength}))
        evidence = Evidence(line_id=line.line_id, text=line.text, where=line.where, shows=shows)
        pairs.append((question, evidence))
    return pairs


def _closest_shared_work(
    questions: list[Question],
    lines: list[Line],
    chosen: dict[int, Line],
    used: dict[str, int],
    uses: int,
) -> set[int]:
    """A thin resume: a line of shared work ("Helped launch the app") is still the closest
    story for a question it speaks to head-on, once stronger lines are placed."""
    closest = set()
    for qi, question in enumerate(questions):
        if qi in chosen or question.category not in value("stories.story_categories"):
            continue
        for line in lines:
            if (
                line.anatomy.weak
                and question.intents
                and question.intents[0] in line.anatomy.lead_intents
                and used.get(line.line_id, 0) < uses
                and fit(question, line) >= value("stories.min_fit")
            ):
                chosen[qi] = line
                closest.add(qi)
                used[line.line_id] = used.get(line.line_id, 0) + 1
                break
    return closest


def _speaks_to(question: Question, line: Line) -> bool:
    """The line tells, surely or likely, at least one kind of story the question asks."""
    a = line.anatomy
    return any(i in a.intents or i in a.intent_strength for i in question.intents)


def _free_scarce_lines(
    pairs: list[tuple[float, int, Line]],
    chosen: dict[int, Line],
    used: dict[str, int],
    uses: int,
) -> None:
    """Give a question left without a story the line it needs, when a question holding
    that line can move to another fitting line: a line that is the only answer to one
    question should not go to a question with other options."""
    options: dict[int, list[Line]] = {}
    for _, qi, line in pairs:
        options.setdefault(qi, []).append(line)  # best fit first
    for qi in sorted(options):
        if qi in chosen:
            continue
        for line in options[qi]:
            holders = [q for q, held in chosen.items() if held.line_id == line.line_id]
            move = next(
                (
                    (holder, other)
                    for holder in holders
                    for other in options[holder]
                    if other.line_id != line.line_id and used.get(other.line_id, 0) < uses
                ),
                None,
            )
            if move:
                holder, other = move
                chosen[holder] = other
                used[other.line_id] = used.get(other.line_id, 0) + 1
                chosen[qi] = line
                break


def _spread_stories(
    pairs: list[tuple[float, int, Line]], chosen: dict[int, Line], used: dict[str, int]
) -> None:
    """A line told for two questions: move one of them to a line not told yet when that
    line is nearly as likely (`stories.reuse_margin`); of the two, the one that loses
    least. A candidate should not bring one story to two questions that a second story
    answers as well."""
    chance = {(qi, line.line_id): c for c, qi, line in pairs}
    margin = value("stories.reuse_margin")
    for line_id in [line_id for line_id, n in used.items() if n > 1]:
        moves = []
        for qi in [q for q, held in chosen.items() if held.line_id == line_id]:
            fresh = [(c, other) for c, q, other in pairs if q == qi and not used.get(other.line_id)]
            if fresh:  # best first, as `pairs` is
                loss = chance[qi, line_id] - fresh[0][0]
                moves.append((loss, qi, fresh[0][1]))
        loss, qi, other = min(moves, key=lambda m: m[:2], default=(margin + 1, -1, None))
        if other is not None and loss <= margin:
            chosen[qi] = other
            used[line_id] -= 1
            used[other.line_id] = 1


def _why(question: Question, line: Line, tagger: IntentTagger) -> tuple[str, str]:
    """The reason a line was picked, and the words of the line that show it."""
    for intent in question.intents:
        phrases = line.anatomy.intent_phrases.get(intent)
        if phrases:
            return tagger.labels[intent], _clause_with(line, phrases[0])
    for pid in question.principles:
        if pid in line.evidence:
            evidence = line.evidence[pid]
            verb = "proves" if evidence.strength == "proven" else "is material for"
            return f"it {verb} this principle", _clause_with(line, (evidence.matched or [""])[0])
    return "", line.text


def _clause_with(line: Line, phrase: str) -> str:
    """The part of the line (an action, its trigger or its result) holding the phrase."""
    a = line.anatomy
    parts = [*a.actions, a.trigger, *a.results]
    wanted = {t.lemma for t in tokens(phrase)}
    for part in parts:
        if part and wanted <= {t.lemma for t in tokens(part)}:
            return part
    return line.text


def _finding_prompt(question: Question, lines: list[Line], tagger: IntentTagger) -> Said:
    """Where to look for a story, in the candidate's own jobs (worded in the wording file;
    the intent's own prompt from the lexicon is an argument)."""
    if not question.intents:
        return Said(code="story.find.case")  # a case to work through live, not a story
    ask = tagger.prompts.get(question.intents[0], "")
    if ask[:1].isupper():  # a whole sentence of its own ("Why this company: ...")
        return Said(code="story.find.ask", args={"ask": ask})
    employers = list(
        dict.fromkeys(
            ln.position.employer
            for ln in lines
            if ln.position and not isinstance(ln.position, Project)  # a job's, not a project's
        )
    )
    where = [e for e in employers[:2] if e]
    if where:
        return Said(code="story.find.at", args={"employers": where, "ask": ask})
    return Said(code="story.find.anywhere", args={"ask": ask})


# -- the stories of a report ----------------------------------------------------------


def build_stories(
    questions: list[Question],
    matches: list[Match],
    lines: list[Line],
    principles: list[PrincipleFinding],
    resume: Resume,
    tagger: IntentTagger,
    first: Sequence[str] = (),
) -> list[Story]:
    """STAR drafts for the lines that answer questions, then the lines `first` names (a
    switcher's line for "why this role"), then the strongest evidence left."""
    limit = value("counts.stories")
    attach_evidence(lines, principles)  # as credited once told (fit.credit_told_stories)
    answers: dict[str, list[str]] = {}
    order: list[Line] = []
    for question, match in zip(questions, matches, strict=True):
        if match.line is not None:
            if match.line.line_id not in answers:
                order.append(match.line)
            answers.setdefault(match.line.line_id, []).append(question.id)
    # Then lines that prove or feed a principle, strongest first: material, never filler.
    rank = {"proven": 0, "material": 1}
    wanted = [ln for ln in lines if ln.line_id in first and ln.line_id not in answers]
    spare = wanted + sorted(
        (ln for ln in lines if ln.evidence and ln.line_id not in answers and ln not in wanted),
        key=lambda ln: (min(rank[e.strength] for e in ln.evidence.values()), ln.order),
    )
    chosen = (order + spare)[:limit]
    chosen.sort(key=lambda ln: ln.order)
    importance = {f.id: f.importance for f in principles}
    names = {f.id: f.name for f in principles}
    drafter = Drafter(resume, chosen)
    stories = []
    for line in chosen:
        situation, task, action, result, prompts = drafter.draft(line)
        principle_id = _principle_of(line, answers.get(line.line_id, []), questions, importance)
        labels = [
            tagger.labels[i] for i in _shown_intents(line, answers.get(line.line_id, []), questions)
        ]
        evidence = line.evidence.get(principle_id) if principle_id else None
        source = evidence or Evidence(line_id=line.line_id, text=line.text, where=line.where)
        stories.append(
            Story(
                title=story_title(line.text),
                principle_id=principle_id,
                principle=names.get(principle_id, "") if principle_id else "",
                intents=labels,
                questions=answers.get(line.line_id, []),
                source=source.model_copy(update={"where": line.where}),
                anatomy=line.anatomy,
                situation=situation,
                task=task,
                action=action,
                result=result,
                prompts=prompts,
            )
        )
    return stories


def _shown_intents(line: Line, answered: list[str], questions: list[Question]) -> list[str]:
    """What the story shows, most relevant first: the intents its questions asked for,
    then what the line is about (not what merely set it off)."""
    by_id = {q.id: q for q in questions}
    asked = [i for qid in answered for i in by_id[qid].intents if i in line.anatomy.intents]
    return list(dict.fromkeys([*asked, *line.anatomy.lead_intents]))


def _principle_of(
    line: Line, answered: list[str], questions: list[Question], importance: dict[str, float]
) -> str | None:
    """The principle a story serves: one its questions probe and the line evidences (the
    one it proves first), else the most important one it evidences; None when none."""
    by_id = {q.id: q for q in questions}
    rank = {"proven": 0, "material": 1}
    probed = [pid for qid in answered for pid in by_id[qid].principles if pid in line.evidence]
    if probed:
        return min(probed, key=lambda p: (rank[line.evidence[p].strength], probed.index(p)))
    if not line.evidence:
        return None
    return min(line.evidence, key=lambda p: (rank[line.evidence[p].strength], -importance[p]))


def mining_prompts(
    resume: Resume,
    questions: list[Question],
    matches: list[Match],
    principles: list[PrincipleFinding],
    tagger: IntentTagger,
) -> list[MiningPrompt]:
    """For a thin resume: where to dig for the stories it does not tell yet."""
    wanted = []
    for question, match in zip(questions, matches, strict=True):
        intent = question.intents[0] if question.intents else None
        # Prompts written as whole sentences ("Why this company ...") are not about a job.
        if match.line is None and intent and intent not in wanted:
            wanted += [] if tagger.prompts[intent][:1].isupper() else [intent]
    jobs = resume.positions[:4]
    out = []
    # Each missing kind of story once, spread over the jobs, the latest job first.
    for index, position in enumerate(jobs):
        mine = wanted[index :: len(jobs)]
        if mine:
            place = ", ".join(p for p in (position.title, position.employer) if p)
            prompts = [Said(code="mining.time", args={"ask": tagger.prompts[i]}) for i in mine]
            out.append(MiningPrompt(where=place, prompts=prompts))
    for finding in principles:
        if finding.strength == "gap":
            out.append(
                MiningPrompt(
                    where=finding.name,
                    prompts=[Said(code="mining.gap", args={"missing": finding.missing})],
                )
            )
    return out
