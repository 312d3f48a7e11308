"""Train the learned layer (preploop/report/learned.py) on the labelled resume lines in
tests/eval/lines/, and print how well rules, model and both find intents on lines from
files the model never saw.

    .venv/bin/python scripts/train_intent_model.py            # evaluate only
    .venv/bin/python scripts/train_intent_model.py --write    # and write the model file

Deterministic: the same labels give the same model file (liblinear, fixed order).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import yaml
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from preploop.catalog import load_catalog  # noqa: E402
from preploop.report.anatomy import IntentTagger  # noqa: E402
from preploop.report.learned import MODEL_FILE, IntentModel, features  # noqa: E402

LINES = ROOT / "tests" / "eval" / "lines"
# Chosen before any training and never trained on: whole files, so the test lines come
# from voices (industries, styles) the model has not seen.
TEST_FILES = {
    "product-manager-03.yaml",  # fintech and health
    "product-manager-08.yaml",  # terse fragments
    "product-manager-13.yaml",  # edtech, non-profit, climate, travel, farming
    "software-engineer-03.yaml",  # data and ML engineers
    "software-engineer-10.yaml",  # terse fragments
    "software-engineer-12.yaml",  # mid-level full-stack, mixed industries
}
C = 1.0  # regularisation, chosen by 4-fold cross-validation over the training files
THRESHOLD = 0.6  # probability from which the model claims an intent (same validation)
MIN_WEIGHT = 0.05  # weights smaller than this are left out of the file
MIN_LINES = 2  # a feature seen in fewer training lines is left out: it cannot generalise


def load(split: str) -> list[tuple[str, str, dict[str, str]]]:
    """(family, text, intents) of every labelled line in the split."""
    rows = []
    for path in sorted(LINES.glob("*.yaml")):
        if (path.name in TEST_FILES) != (split == "test"):
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rows += [(data["family"], line["text"], line["intents"] or {}) for line in data["lines"]]
    return rows


def train(rows, intents: list[str]) -> dict:
    seen = Counter(f for _, text, _ in rows for f in features(text))
    kept = [{f: 1 for f in features(text) if seen[f] >= MIN_LINES} for _, text, _ in rows]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(kept)
    x.indices = x.indices.astype("int32")  # liblinear takes 32-bit indices only
    x.indptr = x.indptr.astype("int32")
    names = vectorizer.get_feature_names_out()
    model = {"threshold": THRESHOLD, "bias": {}, "weights": {}}
    for intent in intents:
        y = [1 if intent in labels else 0 for _, _, labels in rows]
        if sum(y) < 5:
            continue
        fit = LogisticRegression(C=C, solver="liblinear", class_weight="balanced")
        fit.fit(x, y)
        weights = {
            str(names[i]): round(float(w), 4)
            for i, w in enumerate(fit.coef_[0])
            if abs(w) >= MIN_WEIGHT
        }
        model["bias"][intent] = round(float(fit.intercept_[0]), 4)
        model["weights"][intent] = dict(sorted(weights.items()))
    return model


def evaluate(rows, find) -> tuple[float, float, int, int, int]:
    """Micro precision and recall of intent presence (strong or weak labels count)."""
    tp = fp = fn = 0
    for family, text, labels in rows:
        got = set(find(family, text))
        want = set(labels)
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, tp, fp, fn


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true", help="write the model file")
    args = parser.parse_args()
    catalog = load_catalog(ROOT / "companies")
    taggers = {slug: IntentTagger(family.intents) for slug, family in catalog.families.items()}
    intents = sorted({i for family in catalog.families.values() for i in family.intents})
    train_rows, test_rows = load("train"), load("test")
    data = train(train_rows, intents)
    model = IntentModel(data["threshold"], data["bias"], data["weights"], "")
    for name, find in {
        "rules": lambda family, text: taggers[family].tag(text),
        "model": lambda family, text: model.find(text),
        "both": lambda family, text: {**model.find(text), **taggers[family].tag(text)},
    }.items():
        for split, rows in (("train", train_rows), ("test", test_rows)):
            p, r, tp, fp, fn = evaluate(rows, find)
            counts = f"tp {tp}, fp {fp}, fn {fn}"
            print(f"{name:>5} {split:>5}: precision {p:.2f}  recall {r:.2f}  ({counts})")
    print(f"{len(train_rows)} training lines, {len(test_rows)} test lines")
    if args.write:
        text = json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n"
        MODEL_FILE.write_text(text, encoding="utf-8")
        digest = hashlib.sha256(text.encode()).hexdigest()
        print(f"wrote {MODEL_FILE.relative_to(ROOT)} ({len(text) // 1024} KB)")
        print(f"now set learned.intent_model_sha256 in method.yaml to {digest}")


if __name__ == "__main__":
    main()
