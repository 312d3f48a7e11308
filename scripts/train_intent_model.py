"""Train the learned layer (preploop/report/learned.py) on the labelled resume lines in
tests/eval/lines/, and print how well rules, model and both find intents on lines from
files the model never saw.

The intent heads also learn from the tuned story set (tests/eval/stories/): the line a
coach picked as the story for a question tells the kind of story that question asks
first. Such a line says nothing about the other kinds, so it counts only as a positive
for that one intent. Strategy questions are left out: a coach answers a case ("write a memo
recommending a new product for a segment") with the candidate's most relevant experience,
which need not be that kind of story (a business case for KYC checks is no new market).
The held-back story set (tests/eval/heldout/) is never read here.

    .venv/bin/python scripts/train_intent_model.py            # evaluate only
    .venv/bin/python scripts/train_intent_model.py --write    # and write the model file
    .venv/bin/python scripts/train_intent_model.py --cv       # how the thresholds were chosen
    .venv/bin/python scripts/train_intent_model.py --story-folds  # stories, picks unseen

Deterministic: the same labels give the same model file (liblinear, fixed order).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from preploop.catalog import load_catalog  # noqa: E402
from preploop.report.anatomy import IntentTagger  # noqa: E402
from preploop.report.bank import question_bank  # noqa: E402
from preploop.report.ingest import read_resume  # noqa: E402
from preploop.report.learned import MODEL_FILE, LinearModel, features  # noqa: E402
from preploop.report.method import RECORDED_NOTE, record_learned_file  # noqa: E402
from preploop.report.terms import find_terms  # noqa: E402

LINES = ROOT / "tests" / "eval" / "lines"
STORIES = ROOT / "tests" / "eval" / "stories"  # tuned only: never the held-back set
# Whole files chosen before any training and never trained on (see the file).
TEST_FILES = set(yaml.safe_load((LINES / "split.yaml").read_text(encoding="utf-8"))["test"])
C = 1.0  # regularisation, chosen by 4-fold cross-validation over the training files
THRESHOLD = 0.5  # probability from which the model claims an intent (same validation)
# The same for a skill, set higher: a wrong "shown" misleads. 0.95 alone; 0.93 since the
# skill gate (scripts/train_skill_gate.py) vets every skill found, chosen by its
# cross-validation: the gate takes out more wrong skills than the lower bar lets in.
SKILL_THRESHOLD = 0.93
MIN_WEIGHT = 0.05  # weights smaller than this are left out of the file
MIN_LINES = 2  # a feature seen in fewer training lines is left out: it cannot generalise


def load(
    split: str, field: str = "intents", only: set[str] | None = None
) -> list[tuple[str, str, dict[str, str]]]:
    """(family, text, labels) of every labelled line in the split (or in the files
    `only`): its intents, or skills."""
    rows = []
    for path in sorted(LINES.glob("*-[0-9][0-9].yaml")):
        if (path.name in TEST_FILES) != (split == "test"):
            continue
        if only is not None and path.name not in only:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        rows += [
            (data["family"], line["text"], dict.fromkeys(line[field] or {}, "shown"))
            if field == "skills"
            else (data["family"], line["text"], line[field] or {})
            for line in data["lines"]
        ]
    return rows


def story_rows(catalog, paths=None) -> list[tuple[str, str, dict[str, str]]]:
    """(family, text, {intent: "strong"}) for each line the tuned story set (or the files
    `paths` of it) picks as the story for a question: the kind of story the question asks
    first. Read from the resume as the report reads it, so a pick is the whole line, not
    the label's excerpt."""
    rows: dict[tuple[str, str], dict[str, str]] = {}
    for path in sorted(STORIES.glob("*.yaml")) if paths is None else paths:
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        entry = catalog.role(case["company"], case["role"])
        family = next(slug for slug, f in catalog.families.items() if f is entry.family)
        with tempfile.TemporaryDirectory() as tmp:
            if "resume_file" in case:
                resume_path = ROOT / case["resume_file"]
            else:
                resume_path = Path(tmp) / "resume.md"
                resume_path.write_text(case["resume"], encoding="utf-8")
            # Bullets of jobs and activities: the lines the shipped model was trained on.
            # Project bullets (read as lines of work since projects are read as projects)
            # join when the learned layer is next retrained, a method change of its own.
            lines = [
                text
                for line_id, text, kind in read_resume(resume_path).lines()
                if kind == "bullet" and line_id[0] in "pa"
            ]
        # Not strategy cases: their pick is the nearest experience, not the kind of story
        # the question's first intent names (Stripe's strategy memo asks entered-new-market
        # first, and its coach picked a business case and two product memos).
        asks = {
            q.id: q.intents
            for q in question_bank(entry.company, entry.role, entry.family)
            if q.category != "strategy"
        }
        for qid, wanted in (case.get("expected") or {}).items():
            picked = next((ln for ln in lines if any(w in ln for w in wanted or ())), None)
            if picked and asks.get(qid):
                rows.setdefault((family, picked), {})[asks[qid][0]] = "strong"
    return [(family, text, labels) for (family, text), labels in rows.items()]


def train(
    rows, labels: list[str], threshold: float, hints=lambda family, text: (), positives=()
) -> dict:
    """One logistic regression per label; `hints` gives a line's phrase-list hits, which
    the model reads as features (learned.features). `positives` are rows that count
    only for the labels they hold (story picks): never as a negative for another."""
    everything = [*rows, *positives]
    lines = [features(text, hints(family, text)) for family, text, _ in everything]
    seen = Counter(f for feats in lines for f in feats)
    kept = [{f: 1 for f in feats if seen[f] >= MIN_LINES} for feats in lines]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(kept)
    x.indices = x.indices.astype("int32")  # liblinear takes 32-bit indices only
    x.indptr = x.indptr.astype("int32")
    names = vectorizer.get_feature_names_out()
    model = {"threshold": threshold, "bias": {}, "weights": {}}
    for label in labels:
        y = [1 if label in found else 0 for _, _, found in rows]
        use = list(range(len(rows))) + [
            len(rows) + i for i, (_, _, found) in enumerate(positives) if label in found
        ]
        y += [1] * (len(use) - len(rows))
        if sum(y) < 5:
            continue
        fit = LogisticRegression(C=C, solver="liblinear", class_weight="balanced")
        fit.fit(x[use], y)
        weights = {
            str(names[i]): round(float(w), 4)
            for i, w in enumerate(fit.coef_[0])
            if abs(w) >= MIN_WEIGHT
        }
        model["bias"][label] = round(float(fit.intercept_[0]), 4)
        model["weights"][label] = dict(sorted(weights.items()))
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


def report(name: str, finders: dict, splits: dict) -> None:
    for kind, find in finders.items():
        for split, rows in splits.items():
            p, r, tp, fp, fn = evaluate(rows, find)
            counts = f"tp {tp}, fp {fp}, fn {fn}"
            print(f"{name} {kind:>5} {split:>5}: precision {p:.2f}  recall {r:.2f}  ({counts})")


def fold_layer(catalog, held: list[Path], name: str, with_picks: bool = True):
    """The learned layer as --write trains it, but blind to the story picks of the tuned
    story files `held` (and, without `with_picks`, to every pick): what the report reads
    of a resume whose wording the model never saw. The skill head is the shipped one."""
    from preploop.report import learned

    train_rows, intents, rules = training_inputs(catalog)
    files = sorted(STORIES.glob("*.yaml"))
    picks = story_rows(catalog, [p for p in files if p not in held]) if with_picks else []
    strong_rows = [
        (f, t, {k: v for k, v in ls.items() if v == "strong"}) for f, t, ls in train_rows
    ]
    return learned.Learned(
        intents=LinearModel(**train(train_rows, intents, THRESHOLD, rules, picks)),
        skills=learned.learned().skills,
        stories=LinearModel(**train(strong_rows, intents, THRESHOLD, rules, picks)),
        digest=name,
    )


def story_folds(catalog, folds: int = 4) -> None:
    """Story accuracy on tuned story files whose picks the learned layer never saw: each
    fold's resumes are answered with a layer trained on the other folds' picks (and, for
    comparison, on none). The held-back story set is not read."""
    sys.path.insert(0, str(ROOT / "tests" / "eval"))
    import story_eval  # tests/eval/story_eval.py: the scoreboard's story figures

    from preploop.report import learned

    files = sorted(STORIES.glob("*.yaml"))
    shipped = learned.learned
    try:
        for name, with_picks in (("no picks", False), ("picks", True)):
            right = asked = 0
            for k in range(folds):
                held = files[k::folds]
                layer = fold_layer(catalog, held, f"fold {k}", with_picks)
                learned.learned = lambda path=None, layer=layer: layer
                with tempfile.TemporaryDirectory() as tmp:
                    for path in held:
                        (Path(tmp) / path.name).write_bytes(path.read_bytes())
                    tally = story_eval.evaluate_stories(catalog, Path(tmp))
                right, asked = right + tally.right, asked + tally.asked
            print(f"stories on unseen files, {name}: {right}/{asked} = {right / asked:.3f}")
    finally:
        learned.learned = shipped


def training_inputs(catalog):
    """(training lines, every intent, the phrase lists' hits as a function): what every
    head is trained from."""
    families = catalog.families
    taggers = {slug: IntentTagger(family.intents, model=None) for slug, family in families.items()}
    intents = sorted({i for family in families.values() for i in family.intents})

    def rules(family: str, text: str) -> dict:
        return taggers[family].tag(text)

    return load("train"), intents, rules


def skill_vocabulary(catalog) -> dict[str, dict[str, list[str]]]:
    """Family -> skill -> the words that show it in a line of work (Skill.line_words)."""
    return {
        slug: {s.name: s.line_words for s in family.skills}
        for slug, family in catalog.families.items()
    }


def cross_validate(catalog, thresholds=(0.5, 0.8, 0.9, 0.95, 0.99), folds: int = 4) -> None:
    """Skill precision and recall (terms and model together) per threshold, over
    `folds` folds of the training files, whole files per fold: the test split is not
    looked at. Without the skill gate, the lowest threshold whose precision stops rising
    (0.95) served; with it, see scripts/train_skill_gate.py."""
    vocabulary = skill_vocabulary(catalog)
    skills = sorted({s.name for family in catalog.families.values() for s in family.skills})
    files = sorted(p.name for p in LINES.glob("*-[0-9][0-9].yaml") if p.name not in TEST_FILES)
    counts = {threshold: Counter() for threshold in thresholds}
    for k in range(folds):
        held = set(files[k::folds])
        data = train(load("train", "skills", set(files) - held), skills, 0.5)
        for threshold in thresholds:
            head = LinearModel(**{**data, "threshold": threshold})

            def find(family: str, text: str, head=head) -> set[str]:
                terms = {n for n, w in vocabulary[family].items() if find_terms(text, w)}
                return terms | (set(head.find(text)) & set(vocabulary[family]))

            _, _, tp, fp, fn = evaluate(load("train", "skills", held), find)
            counts[threshold].update(tp=tp, fp=fp, fn=fn)
    for threshold, c in counts.items():
        p, r = c["tp"] / (c["tp"] + c["fp"]), c["tp"] / (c["tp"] + c["fn"])
        print(f"skills, {folds}-fold, threshold {threshold}: precision {p:.2f}  recall {r:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", action="store_true", help="write the model file")
    parser.add_argument("--cv", action="store_true", help="cross-validate the skill threshold")
    parser.add_argument(
        "--story-folds", action="store_true", help="story accuracy with unseen story picks"
    )
    args = parser.parse_args()
    catalog = load_catalog(ROOT / "companies")
    if args.cv:
        cross_validate(catalog)
        return
    if args.story_folds:
        story_folds(catalog)
        return
    families = catalog.families
    train_rows, intents, rules = training_inputs(catalog)
    test_rows = load("test")

    picks = story_rows(catalog)
    data = {"intents": train(train_rows, intents, THRESHOLD, hints=rules, positives=picks)}
    # Story-grade only (labels `strong`): what tells a line that is a story from raw material.
    strong_rows = [
        (family, text, {k: v for k, v in labels.items() if v == "strong"})
        for family, text, labels in train_rows
    ]
    data["stories"] = train(strong_rows, intents, THRESHOLD, hints=rules, positives=picks)
    model = LinearModel(**data["intents"])
    both = {slug: IntentTagger(family.intents, model=model) for slug, family in families.items()}
    splits = {"train": train_rows, "test": test_rows}
    report("intents", {
        "rules": rules,
        "words": lambda family, text: model.find(text),  # the model without the lists' hits
        "both": lambda family, text: both[family].tag(text),
    }, splits)  # fmt: skip
    skill_rows = {"train": load("train", "skills"), "test": load("test", "skills")}
    skills = sorted({skill.name for family in families.values() for skill in family.skills})
    data["skills"] = train(skill_rows["train"], skills, SKILL_THRESHOLD)
    skill_head = LinearModel(**data["skills"])
    vocabulary = skill_vocabulary(catalog)

    def synonyms(family: str, text: str) -> list[str]:
        return [name for name, words in vocabulary[family].items() if find_terms(text, words)]

    def learned(family: str, text: str) -> set[str]:
        # As the report reads them (skills.skills_in_line): only the family's own skills.
        return set(skill_head.find(text)) & set(vocabulary[family])

    report(" skills", {
        "terms": synonyms,
        "model": learned,
        "both": lambda family, text: {*synonyms(family, text), *learned(family, text)},
    }, skill_rows)  # fmt: skip
    print(
        f"{len(train_rows)} training lines, {len(picks)} story picks, {len(test_rows)} test lines"
    )
    if args.write:
        text = json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n"
        digest = record_learned_file(MODEL_FILE, text, "intent_model_sha256")
        print(f"wrote {MODEL_FILE.relative_to(ROOT)} ({len(text) // 1024} KB), sha256 {digest}")
        print(RECORDED_NOTE)


if __name__ == "__main__":
    main()
