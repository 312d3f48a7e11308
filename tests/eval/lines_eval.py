"""How the report judges single lines, on the labelled lines' test split (lines/split.yaml):
the kinds of story a line tells (intents, by the phrase lists and the learned layer
together, as the report reads them) and the skills it shows in use."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from preploop.catalog import Catalog
from preploop.report.anatomy import IntentTagger
from preploop.report.skills import skills_in_line

LINES = Path(__file__).resolve().parent / "lines"


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, got: set[str], want: set[str]) -> None:
        self.tp += len(got & want)
        self.fp += len(got - want)
        self.fn += len(want - got)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def evaluate_lines(catalog: Catalog) -> dict[str, Counts]:
    test = yaml.safe_load((LINES / "split.yaml").read_text(encoding="utf-8"))["test"]
    counts = {"intents": Counts(), "strong": Counts(), "skills": Counts()}
    for name in test:
        data = yaml.safe_load((LINES / name).read_text(encoding="utf-8"))
        family = catalog.families[data["family"]]
        tagger = IntentTagger(family.intents)
        vocabulary = {s.name: s.line_words for s in family.skills}
        for line in data["lines"]:
            found = set(tagger.tag(line["text"]))
            labels = line["intents"] or {}
            counts["intents"].add(found, set(labels))
            # A strong label is a story a coach would take: is it found?
            strong = {i for i, level in labels.items() if level == "strong"}
            counts["strong"].add(found & strong, strong)
            counts["skills"].add(set(skills_in_line(line["text"], vocabulary)), set(line["skills"]))
    return counts


def print_lines(catalog: Catalog) -> None:
    for name, c in evaluate_lines(catalog).items():
        detail = f"tp {c.tp}, fp {c.fp}, fn {c.fn}"
        if name == "strong":
            print(f"lines  strong found: recall {c.recall:.2f}  (strong labels, {detail})")
        else:
            print(
                f"lines {name:>7}: precision {c.precision:.2f}  recall {c.recall:.2f}  ({detail})"
            )
