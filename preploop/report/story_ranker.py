"""How likely a coach is to pick a resume line as the story for a question, learned.

The hand-set `fit` (stories.py) adds weights an editor chose by reading a few resumes;
this is a logistic model over the same kinds of fact (how sure the reading is that the
line tells the question's kind of story, how it compares with the resume's other lines,
its result, scope and people), trained by `scripts/train_story_ranker.py` on the labelled
story set and checked file by file on resumes it did not see.

It reads in two passes. The first weighs each (question, line) pair on its own. The
second weighs the same facts again with what the first pass says of the pair's rivals
(`context_features`): whether the line is the question's likeliest, by how much, how
likely the question's best line is at all (so the bar for "no story" moves with the
question), and whether the question is the line's own best use among the questions it
could answer. Its weights, the first pass's and the probability below which a prompt
beats a story are plain data (`data/story_ranker.json`), recorded by hash in
method.yaml like the intent model.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from preploop.model import Question
from preploop.report.findings import Anatomy, Evidence
from preploop.report.method import learned_file, value
from preploop.report.terms import metrics_in


class Line(Protocol):
    """What the ranker reads of a story line (stories.Line)."""

    text: str
    anatomy: Anatomy
    chances: dict[str, float]  # intent -> the reading's chance the line tells it
    strong: dict[str, float]  # intent -> the chance it tells it well enough to be told
    evidence: dict[str, Evidence]  # principle id -> evidence


RANKER_FILE = Path(__file__).parent / "data" / "story_ranker.json"
EVIDENCE = {"proven": 1.0, "material": 0.5}


def best_chances(lines: list[Line]) -> dict[str, float]:
    """Intent -> the highest chance any of the candidate's own lines tells it (and, keyed
    `strong:intent`, tells it well): a line is judged against the resume it comes from,
    not against an absolute bar."""
    best: dict[str, float] = {}
    for line in lines:
        if line.anatomy.weak:
            continue
        for intent, chance in line.chances.items():
            best[intent] = max(best.get(intent, 0.0), chance)
        for intent, chance in line.strong.items():
            best[f"strong:{intent}"] = max(best.get(f"strong:{intent}", 0.0), chance)
    return best


def pair_features(question: Question, line: Line, best: dict[str, float]) -> dict[str, float]:
    """What the ranker weighs for one (question, line) pair; every value in [-1, 1]."""
    # Here, not at the top: the report's wording reads the ranker's bar, and rendering
    # should not load the reading's models (anatomy) for it.
    from preploop.report.anatomy import people_asked_about, topic_words

    a = line.anatomy
    first, *others = question.intents
    chance = line.chances.get(first, 0.0)
    strong = line.strong.get(first, 0.0)
    strong_best = best.get(f"strong:{first}")
    other = max((line.chances.get(i, 0.0) for i in others), default=0.0)
    credit = max((EVIDENCE.get(line.evidence[p].strength, 0.0) for p in question.principles
                  if p in line.evidence), default=0.0)  # fmt: skip
    shared = len(topic_words(question.text) & topic_words(line.text))
    kinds = people_asked_about(question.text)
    named = {person.split(":")[0] for person in a.people}
    people = (1.0 if named & kinds else -1.0) if kinds and named else 0.0
    case = question.category not in value("stories.story_categories")
    return {
        "first": chance,
        "first_best": chance / best[first] if best.get(first) else 0.0,
        "first_strong": strong,
        "first_strong_best": strong / strong_best if strong_best else 0.0,
        "first_phrase": float(first in a.intent_phrases),
        "first_lead": float(first in a.lead_intents),
        "other": other,
        "other_phrase": float(any(i in a.intent_phrases for i in others)),
        "principle": credit,
        "metric": float(bool(metrics_in(line.text))),
        "substance": min(3, sum(map(bool, (a.results, a.scope, a.trigger, a.goal)))) / 3,
        "topic": min(2, shared) / 2,
        "case_topic": float(case) * min(2, shared) / 2,
        "case": float(case),
        "people": people,
        "listy": float(a.listy),
    }


def context_features(pairs: list[tuple[int, str]], chances: list[float]) -> list[dict[str, float]]:
    """What the second pass adds to each (question index, line id) pair, from the first
    pass's chances of every pair of the report; every value in [-1, 1]. A rival that is
    not there counts as a chance of 0."""
    by_question: dict[int, list[float]] = {}
    by_line: dict[str, list[float]] = {}
    for (qi, line_id), chance in zip(pairs, chances, strict=True):
        by_question.setdefault(qi, []).append(chance)
        by_line.setdefault(line_id, []).append(chance)
    rows = []
    for (qi, line_id), chance in zip(pairs, chances, strict=True):
        rival = _best_other(by_question[qi], chance)
        use = _best_other(by_line[line_id], chance)
        rows.append({
            "pass": chance,  # the first pass's chance
            "pass_lead": chance - rival,  # over the question's next likeliest line
            "pass_top": float(chance >= rival),  # the question's likeliest line
            "pass_best": max(by_question[qi]),  # how likely the question's best line is
            "use_top": float(chance >= use),  # the line's likeliest question
            "use_lead": chance - use,  # over the line's next likeliest question
            "use_count": min(6, len(by_line[line_id])) / 6,  # questions it could answer
        })  # fmt: skip
    return rows


def _best_other(chances: list[float], own: float) -> float:
    """The highest chance in `chances` once `own` is taken out of it once."""
    rest = list(chances)
    rest.remove(own)
    return max(rest, default=0.0)


@dataclass(frozen=True)
class Stage:
    """One logistic pass: a bias and a weight per feature."""

    bias: float
    weights: dict[str, float]

    def chance(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class StoryRanker:
    bias: float  # the first pass
    weights: dict[str, float]
    threshold: float  # below this chance, the report offers a prompt rather than a story
    second: Stage | None = None  # the second pass; without it, the first pass decides

    def __post_init__(self) -> None:
        if isinstance(self.second, dict):  # as read from the data file
            object.__setattr__(self, "second", Stage(**self.second))

    def chance(self, features: dict[str, float]) -> float:
        """The first pass's chance for one pair, on its own."""
        return Stage(self.bias, self.weights).chance(features)

    def chances(self, pairs: list[tuple[int, str, dict[str, float]]]) -> list[float]:
        """The chance of each (question index, line id, features) of one report: the
        first pass's, weighed again by the second with the pair's rivals."""
        first = [self.chance(features) for _, _, features in pairs]
        if self.second is None:
            return first
        context = context_features([(qi, line_id) for qi, line_id, _ in pairs], first)
        return [
            self.second.chance(features | extra)
            for (_, _, features), extra in zip(pairs, context, strict=True)
        ]


@functools.cache
def story_ranker(path: Path = RANKER_FILE) -> StoryRanker:
    return StoryRanker(**json.loads(learned_file(path, "story_ranker_sha256")))
