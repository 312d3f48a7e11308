"""The learned layer: a small linear model per intent, trained here on labelled resume
lines (`scripts/train_intent_model.py`), that finds the kinds of story a line tells in
wording the phrase lists never held ("called time on the pilot", "mothballed").

The phrase lists stay the high-precision evidence; the model adds recall. It is plain
data (`data/intent_model.json`: per intent a bias and weights of lemma features), so
loading it needs no numerical library and scoring a line is a handful of lookups. Every
intent the model finds comes with the words of the line that weighed most for it, so
the report can still show the words behind each judgment.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from preploop.cache_files import caching_off, read_own, user_cache_dir, write_own
from preploop.report.method import learned_file
from preploop.report.phrases import lexicon, tokens

MODEL_FILE = Path(__file__).parent / "data" / "intent_model.json"
HINT = "r:"  # the feature prefix of a phrase-list hit
LEARNED = object()  # "the shipped model", as a default argument that can be told apart from None


def features(text: str, hints: Iterable[str] = ()) -> list[str]:
    """A line's features: its lemmas, lemma pairs, the lemma it opens with (the action),
    and the intents the phrase lists found in it (`hints`): the model learns how far to
    trust each phrase list, rather than the lists having the last word."""
    lemmas = [t.lemma for t in tokens(text) if t.lemma.isalpha()]
    found = [f"w:{w}" for w in lemmas]
    found += [f"b:{a}_{b}" for a, b in zip(lemmas, lemmas[1:], strict=False)]
    if lemmas:
        found.append(f"first:{lemmas[0]}")
    found += [f"{HINT}{hint}" for hint in hints]
    return sorted(set(found))


@dataclass(frozen=True)
class LinearModel:
    """One head of the learned layer: a label (an intent, a skill) per class."""

    threshold: float  # a probability at or above it counts as the label being there
    bias: dict[str, float]
    weights: dict[str, dict[str, float]]  # label -> feature -> weight
    # feature -> (label, weight): a line's few features are looked up, not every label's
    # thousands of weights; filled as features are first seen (indexing every feature at
    # load took a quarter of a second, and a report meets a few hundred of them).
    by_feature: dict[str, list[tuple[str, float]]] = field(
        init=False, repr=False, compare=False, default_factory=dict
    )

    def _weights_of(self, feature: str) -> list[tuple[str, float]]:
        found = self.by_feature.get(feature)
        if found is None:
            found = [(label, w[feature]) for label, w in self.weights.items() if feature in w]
            self.by_feature[feature] = found
        return found

    def scores(self, text: str, hints: Iterable[str] = ()) -> dict[str, float]:
        """Label -> probability that the line shows it."""
        total = dict.fromkeys(self.weights, 0)
        for feature in features(text, hints):  # in sorted order, as the weights were summed
            for label, weight in self._weights_of(feature):
                total[label] += weight
        return {
            label: 1 / (1 + math.exp(-max(-30.0, min(30.0, self.bias[label] + z))))
            for label, z in total.items()
        }

    def above(self, text: str, hints: Iterable[str] = ()) -> set[str]:
        """Labels at or above the threshold."""
        return {k for k, p in self.scores(text, hints).items() if p >= self.threshold}

    def find(self, text: str, hints: Iterable[str] = ()) -> dict[str, list[str]]:
        """Labels at or above the threshold -> the line's words that weighed most for each."""
        found = {}
        feats = [f for f in features(text) if not f.startswith(HINT)]
        for intent in sorted(self.above(text, hints)):
            weights = self.weights[intent]
            top = sorted(
                (f for f in feats if weights.get(f, 0) > 0 and not _only_common(f)),
                key=lambda f: -weights[f],
            )
            words = _words_of(text, top[:2])
            if words:
                found[intent] = words
        return found


def _only_common(feature: str) -> bool:
    """A feature made of common words only ('after', 'of the'): no evidence to show."""
    common = frozenset(lexicon("anatomy").common_words)
    return all(word in common for word in feature.partition(":")[2].split("_"))


def _words_of(text: str, feats: list[str]) -> list[str]:
    """The line's own words behind lemma features: 'w:shelve' -> 'shelved'."""
    toks = tokens(text)
    out = []
    for feat in feats:
        kind, _, value = feat.partition(":")
        wanted = value.split("_")
        for i in range(len(toks) - len(wanted) + 1):
            if [t.lemma for t in toks[i : i + len(wanted)]] == wanted:
                out.append(text[toks[i].start : toks[i + len(wanted) - 1].end])
                break
    return list(dict.fromkeys(out))


@dataclass(frozen=True)
class Learned:
    intents: LinearModel  # the kinds of story a line tells
    skills: LinearModel  # the skills a line shows in use, by whatever name
    stories: LinearModel  # the kinds of story a line tells well enough to be told (`strong`)
    digest: str  # sha256 of the model file, as method.yaml records it


@functools.cache
def learned(path: Path = MODEL_FILE) -> Learned | None:
    """The trained layer, or None when no model file ships (the rules work alone)."""
    if not path.is_file():
        return None
    raw = learned_file(path, "intent_model_sha256")
    digest = hashlib.sha256(raw).hexdigest()
    data = _parsed(raw, digest)
    heads = {name: LinearModel(**data[name]) for name in ("intents", "skills", "stories")}
    return Learned(**heads, digest=digest)


def _parsed(raw: bytes, digest: str) -> dict:
    """The model file's JSON, kept parsed in the user's cache under its hash: a pickle loads
    in a quarter of the time JSON parses (0.09 s of every `prep report`)."""
    file = None if caching_off() else user_cache_dir() / f"learned-{digest[:16]}.pickle"
    data = read_own(file)
    if isinstance(data, dict):
        return data
    data = json.loads(raw)
    if file:
        write_own(file, data, stale="learned-*.pickle")
    return data


def intent_model() -> LinearModel | None:
    layer = learned()
    return layer.intents if layer else None


def skill_model() -> LinearModel | None:
    layer = learned()
    return layer.skills if layer else None


def story_model() -> LinearModel | None:
    layer = learned()
    return layer.stories if layer else None
