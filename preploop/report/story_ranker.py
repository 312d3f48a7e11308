"""How likely a coach is to pick a resume line as the story for a question, learned.

The hand-set `fit` (stories.py) adds weights an editor chose by reading a few resumes;
this is one logistic model over the same kinds of fact (how sure the reading is that the
line tells the question's kind of story, how it compares with the resume's other lines,
its result, scope and people), trained by `scripts/train_story_ranker.py` on the labelled
story set and checked file by file on resumes it did not see. Its weights and the
probability below which a prompt beats a story are plain data
(`data/story_ranker.json`), recorded by hash in method.yaml like the intent model.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from preploop.model import Question
from preploop.report.findings import Anatomy, Evidence
from preploop.report.method import value
from preploop.report.terms import metrics_in
from preploop.tunables import TunablesError


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


@dataclass(frozen=True)
class StoryRanker:
    bias: float
    weights: dict[str, float]
    threshold: float  # below this chance, the report offers a prompt rather than a story

    def chance(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


@functools.cache
def story_ranker(path: Path = RANKER_FILE) -> StoryRanker:
    raw = path.read_bytes()
    if hashlib.sha256(raw).hexdigest() != value("learned.story_ranker_sha256"):
        raise TunablesError(
            f"{path}: not the ranker method.yaml records (learned.story_ranker_sha256); "
            "record a retrained ranker there and raise the method's version"
        )
    return StoryRanker(**json.loads(raw))
