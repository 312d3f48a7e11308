"""Whether a skill found in a line of work is the candidate's own use of it.

A skill's name in a line is not always its use: "Attended a workshop on A/B testing",
"Was part of the migration to Kubernetes", "My manager decided to cancel the GraphQL
gateway", "Disagreed with my manager about the roadmap", "Machine Learning Scientist".
No word list catches such lines in wording nobody wrote down (a narrow one changed
nothing on unseen files), so this is one small logistic model over every (line, skill)
pair the terms or the learned skill head find, reading generic facts of the line: whose
action it tells (its first word), where the skill's words stand (the words just before
and after them, the rest of their clause), a frame of learning, a heading or a list
with no verb, and how sure the skill head is. It is trained by
`scripts/train_skill_gate.py` on the labelled lines' training files, its candidates
found by skill heads that never saw the file, as on a resume. Its weights and the
chance below which a skill is not shown are plain data (`data/skill_gate.json`),
recorded by hash in method.yaml like the other models.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from preploop.report.method import learned_file
from preploop.report.phrases import Token, is_past_form, lexicon, tokens
from preploop.report.terms import metrics_in, term_search

GATE_FILE = Path(__file__).parent / "data" / "skill_gate.json"
# Where a clause ends: a stop, a colon, a semicolon, a comma, a dash, a bracket.
_CLAUSE_BREAK = re.compile(r"[;:.!?]|,\s|\s[-–—]\s|\(|\)")
_CONTEXT = 6  # the words of the clause before the skill's that are read


def pair_features(text: str, skill: str, source: str, words: list[str], chance: float) -> dict:
    """What the gate weighs for one skill found in a line: `source` is "term" (its names)
    or "model" (the skill head), `words` the words of the line that showed it, `chance`
    the skill head's probability for it."""
    toks = tokens(text)
    start, end = _span(text, words)
    before = [t for t in toks if t.end <= start]
    after = [t for t in toks if t.start >= end]
    clause_at = max((m.end() for m in _CLAUSE_BREAK.finditer(text[:start])), default=0)
    clause = [t for t in before if t.start >= clause_at]
    f: dict[str, float] = {f"src:{source}": 1}
    if any(w.lower() == skill.lower() for w in words):
        f["name"] = 1  # the skill's own name, as a title or a list names it
    f.update(_shape(text, toks))
    if toks:
        f[f"first:{toks[0].lemma}"] = 1  # the line's action, or its subject
        subjects = lexicon("anatomy").line_subjects
        for whose, openers in sorted(subjects.items()):
            if toks[0].lower in openers:
                f[f"subj:{whose}"] = 1
    if before:
        f[f"prev:{before[-1].lemma}"] = 1  # "my roadmap", "about the roadmap", "course in"
        if len(before) >= 2:
            f[f"prev2:{before[-2].lemma}_{before[-1].lemma}"] = 1
    else:
        f["prev:<s>"] = 1
    f[f"next:{after[0].lemma}" if after else "next:</s>"] = 1
    for t in clause[-_CONTEXT:]:
        f[f"ctx:{t.lemma}"] = 1
    if not clause:
        f["clause_start"] = 1
    if clause_at > 0:
        f["later_clause"] = 1
    f.update(_frames(toks, clause))
    z = math.log(max(chance, 1e-6) / max(1 - chance, 1e-6))
    f["logit"] = max(-8.0, min(8.0, z)) / 4  # the skill head's log-odds, within [-2, 2]
    f[f"src_logit:{source}"] = f["logit"]
    return f


def _span(text: str, words: list[str]) -> tuple[int, int]:
    """Where the earliest of the words stands in the line."""
    spots = []
    for word in words:
        found = term_search(text, word)
        if found:
            spots.append((found.start(), found.end()))
        elif (at := text.lower().find(word.lower())) >= 0:
            spots.append((at, at + len(word)))  # a model's words, as the line has them
    return min(spots) if spots else (0, 0)


def _shape(text: str, toks: list[Token]) -> dict:
    """A heading, a label, a list or a sentence: a title has no verb, a list many commas."""
    f: dict[str, float] = {}
    if not any(is_past_form(t.text) for t in toks):
        f["shape:nopast"] = 1
    if re.match(r"^[^:]{1,30}:\s", text):
        f["shape:label"] = 1
    commas = text.count(",")
    if commas >= 2 and len(toks) <= 3 * (commas + 1):
        f["shape:list"] = 1
    if re.search(r"\b(19|20)\d\d\b", text):
        f["shape:year"] = 1
    n = len(toks)
    f["len:" + ("s" if n <= 5 else "m" if n <= 12 else "l")] = 1
    if n and sum(t.text[:1].isupper() for t in toks) / n > 0.5:
        f["shape:caps"] = 1
    if metrics_in(text):
        f["shape:metric"] = 1
    return f


def _frames(toks: list[Token], clause: list[Token]) -> dict:
    """Someone else's work or learning about the skill, and the candidate's own 'I'."""
    f: dict[str, float] = {}
    words = lexicon("anatomy")
    lower = [t.lower for t in toks]
    if any(lower[: len(w.split())] == w.split() for w in words.weak_openers):
        f["weak_opener"] = 1
    study = set(words.study_words)
    if any(t.lemma in study for t in toks):
        f["learn_frame"] = 1
    if any(t.lemma in study for t in clause):
        f["learn_ctx"] = 1
    if {"i", "me", "myself"} & set(lower):
        f["has_i"] = 1
    return f


@dataclass(frozen=True)
class SkillGate:
    bias: float
    weights: dict[str, float]
    threshold: float  # below this chance, the skill found is not shown by the line

    def chance(self, features: dict) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in sorted(features.items()))
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))

    def shows(self, text: str, skill: str, source: str, words: list[str], chance: float) -> bool:
        return self.chance(pair_features(text, skill, source, words, chance)) >= self.threshold


@functools.cache
def skill_gate(path: Path = GATE_FILE) -> SkillGate | None:
    """The trained gate, or None when no gate file ships (every skill found is shown)."""
    if not path.is_file():
        return None
    return SkillGate(**json.loads(learned_file(path, "skill_gate_sha256")))
