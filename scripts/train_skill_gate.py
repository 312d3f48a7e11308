"""Train the skill gate (preploop/report/skill_gate.py) on the labelled resume lines'
training files, and print, file by file unseen, how precise and complete "skill shown"
is without the gate and with it at several thresholds.

The gate judges every skill the terms or the learned skill head find in a line. On a
resume the head has never seen the line, so the gate learns from candidates found the
same way: for each training file, by a skill head trained on the other files (as
scripts/train_intent_model.py trains it, from its SKILL_THRESHOLD). A candidate is a
positive when the line's labels hold the skill. The test split is never read.

    .venv/bin/python scripts/train_skill_gate.py            # cross-validate only
    .venv/bin/python scripts/train_skill_gate.py --write    # and write the gate file

Deterministic: the same labels give the same gate file (liblinear, fixed order). It
trains one skill head per training file: a few minutes.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from train_intent_model import (  # scripts/: the skill head is trained as it ships
    LINES,
    ROOT,
    SKILL_THRESHOLD,
    TEST_FILES,
    load,
    skill_vocabulary,
    train,
)

from preploop.catalog import load_catalog
from preploop.report.learned import LinearModel
from preploop.report.method import RECORDED_NOTE, record_learned_file
from preploop.report.skill_gate import GATE_FILE, SkillGate, pair_features
from preploop.report.skills import skill_candidates

C = 1.0  # regularisation: 0.3 drops too few false skills, 3 too many true ones
# The gate's chance below which a skill is not shown. Chosen by leave-one-file-out
# cross-validation with SKILL_THRESHOLD 0.93 (which, the gate vetting it, gains recall
# over the 0.95 used alone): precision 0.888 -> 0.904, recall 0.463 -> 0.462.
THRESHOLD = 0.5
MIN_PAIRS = 2  # a feature seen in fewer candidate pairs is left out: it cannot generalise
MIN_WEIGHT = 0.01  # weights smaller than this are left out of the file
ALONE = 0.95  # the skill head's threshold before the gate (method 3.3): the figure to beat


def candidate_pairs(catalog) -> tuple[list[tuple[str, dict, bool, bool]], int]:
    """(file, features, shown, alone) for every skill found in a training line by a skill
    head blind to the line's file, `alone` if it was found without the gate's lower bar
    too; and the labelled skills found by neither terms nor head."""
    vocabulary = skill_vocabulary(catalog)
    skills = sorted({s.name for family in catalog.families.values() for s in family.skills})
    files = sorted(p.name for p in LINES.glob("*-[0-9][0-9].yaml") if p.name not in TEST_FILES)
    rows = {name: load("train", "skills", {name}) for name in files}  # each file read once
    pairs, unfound = [], 0
    for name in files:
        others = [row for other in files if other != name for row in rows[other]]
        head = LinearModel(**train(others, skills, SKILL_THRESHOLD))
        for family, text, labels in rows[name]:
            found = skill_candidates(text, vocabulary[family], head)
            chances = head.scores(text)
            for skill, (source, words) in found.items():
                chance = chances.get(skill, 0.0)
                features = pair_features(text, skill, source, words, chance)
                alone = source == "term" or chance >= ALONE
                pairs.append((name, features, skill in labels, alone))
            unfound += len(set(labels) - set(found))
    return pairs, unfound


def fit(pairs: list[tuple[str, dict, bool, bool]]) -> SkillGate:
    seen = Counter(k for _, features, _, _ in pairs for k in features)
    kept = [{k: v for k, v in f.items() if seen[k] >= MIN_PAIRS} for _, f, _, _ in pairs]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(kept)
    x.indices = x.indices.astype("int32")  # liblinear takes 32-bit indices only
    x.indptr = x.indptr.astype("int32")
    model = LogisticRegression(C=C, solver="liblinear")
    model.fit(x, [int(shown) for _, _, shown, _ in pairs])
    weights = {
        str(name): round(float(w), 4)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if abs(w) >= MIN_WEIGHT
    }
    bias = round(float(model.intercept_[0]), 4)
    return SkillGate(bias=bias, weights=dict(sorted(weights.items())), threshold=THRESHOLD)


def cross_validate(pairs, unfound: int, thresholds=(0.3, 0.4, 0.5, 0.6)) -> None:
    """Each file's candidates judged by a gate trained on the other files'."""
    chances = []
    for name in sorted({pair[0] for pair in pairs}):
        gate = fit([p for p in pairs if p[0] != name])
        chances += [(gate.chance(f), shown) for file, f, shown, _ in pairs if file == name]
    shown = sum(s for _, s in chances)
    before = [labelled for _, _, labelled, alone in pairs if alone]  # the head alone at 0.95
    right = sum(before)
    print(_figures(f"head alone {ALONE}", right, len(before) - right, unfound + shown - right))
    print(_figures("no gate", shown, len(chances) - shown, unfound))
    for threshold in thresholds:
        tp = sum(s for c, s in chances if c >= threshold)
        fp = sum(not s for c, s in chances if c >= threshold)
        print(_figures(f"gate {threshold}", tp, fp, unfound + shown - tp))


def _figures(name: str, tp: int, fp: int, fn: int) -> str:
    p, r = tp / (tp + fp), tp / (tp + fn)
    return f"skills, one file unseen, {name}: precision {p:.3f}  recall {r:.3f}  " + (
        f"(tp {tp}, fp {fp}, fn {fn})"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true", help="write the gate file")
    args = parser.parse_args()
    pairs, unfound = candidate_pairs(load_catalog(ROOT / "companies"))
    cross_validate(pairs, unfound)
    if args.write:
        gate = fit(pairs)
        data = {"bias": gate.bias, "threshold": gate.threshold, "weights": gate.weights}
        text = json.dumps(data, sort_keys=True, indent=0) + "\n"
        digest = record_learned_file(GATE_FILE, text, "skill_gate_sha256")
        print(f"wrote {GATE_FILE.relative_to(ROOT)} ({len(gate.weights)} weights), sha256 {digest}")
        print(RECORDED_NOTE)


if __name__ == "__main__":
    main()
