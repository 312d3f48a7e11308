"""The report's scoreboard: culture evidence, stories and reading, on labelled data.

    .venv/bin/python tests/eval/score.py [-v] [--labels DIR]

Culture evidence, on the hand-labelled lines in cases/:
For every (line, principle) pair, the analysis says proven, material or gap
(`classify_line`, with each line read as a resume bullet); the labels say what a
careful reader would. Two questions matter, and are scored separately:
- proven: when we tell a customer "you can claim this", are we right (precision),
  and how many real proofs do we catch (recall)?
- evidence (proven or material): do we find the lines worth building a story on?

Stories, on the labelled resumes in stories/ (see story_eval.py): the story picked
for each question, the share of STAR fields drafted, terms a story invents (0), and
false proof on the real resumes of the fixtures. Reading, on real files (reading.py)
and on resumes generated in 271 layouts (layouts.py, world_layouts.py), tuned and
held-back apart.

Reviewed, on the corrections staff approved in review (reviewed.py): the cases
`prep review export-labels` writes, read from tests/eval/reviewed/ or `--labels DIR`,
as a split of their own in the story and principle figures.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from fit_eval import fit_figures  # noqa: E402  (tests/eval/fit_eval.py: fit bands)
from layouts import print_layouts  # noqa: E402  (tests/eval/layouts.py: generated layouts)
from lines_eval import print_lines  # noqa: E402
from reading import print_reading  # noqa: E402  (tests/eval/reading.py: ingestion)
from reviewed import labels_folder, print_reviewed  # noqa: E402  (staff's corrections)
from story_eval import (  # noqa: E402
    HELD_OUT,
    evaluate_stories,
    example_draft_findings,
    real_resume_checks,
)  # noqa: E402

from preploop.catalog import load_catalog  # noqa: E402
from preploop.report.anatomy import IntentTagger  # noqa: E402
from preploop.report.fit import classify_line  # noqa: E402
from preploop.report.method import value  # noqa: E402

CASES = Path(__file__).resolve().parent / "cases"
# Written and labelled by a reviewer briefed only with the principles' definitions and the
# labelling rules (never the signals): principle judgments on lines no rule was tuned on.
HELD_OUT_CASES = Path(__file__).resolve().parent / "heldout" / "cases"


@dataclass
class Tally:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    def add(self, predicted: bool, actual: bool, note: str) -> None:
        if predicted and actual:
            self.true_positive += 1
        elif predicted:
            self.false_positive += 1
            self.false_alarms.append(note)
        elif actual:
            self.false_negative += 1
            self.misses.append(note)

    @property
    def precision(self) -> float:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else 1.0

    @property
    def recall(self) -> float:
        real = self.true_positive + self.false_negative
        return self.true_positive / real if real else 1.0


def evaluate(folder: Path = CASES) -> dict[str, Tally]:
    catalog = load_catalog(ROOT / "companies")
    tallies = {"proven": Tally(), "evidence": Tally()}
    for case in sorted(folder.glob("*.yaml")):
        data = yaml.safe_load(case.read_text())
        company = catalog.company(data["company"])
        family = catalog.families["product-manager"]
        tagger = IntentTagger(family.intents, company.intents)
        for line in data["lines"]:
            intents = tagger.tag(line["text"])
            likely = tagger.strengths(line["text"], value("evidence.likely_floor"))
            told = tagger.story_chances(line["text"])
            for principle in company.principles:
                found = classify_line(
                    line["text"], "bullet", principle, intents, likely=likely, told=told
                )
                predicted = found.strength if found else "gap"
                actual = line["labels"].get(principle.id, "gap")
                note = f"{case.stem}: {principle.id}: {line['text'][:70]}"
                tallies["proven"].add(predicted == "proven", actual == "proven", note)
                tallies["evidence"].add(predicted != "gap", actual != "gap", note)
    return tallies


def main() -> None:
    labels = labels_folder(sys.argv)  # first: a wrong folder fails before a minute of work
    catalog = load_catalog(ROOT / "companies")
    tallies = evaluate()
    held_tallies = evaluate(HELD_OUT_CASES)
    for prefix, found in (("", tallies), ("held-out ", held_tallies)):
        for name, tally in found.items():
            print(
                f"{prefix + name:>18}: precision {tally.precision:.2f}  "
                f"recall {tally.recall:.2f}  (tp {tally.true_positive}, "
                f"fp {tally.false_positive}, fn {tally.false_negative})"
            )
    if "-v" in sys.argv:
        for name, tally in tallies.items():
            for note in tally.false_alarms:
                print(f"  false {name}: {note}")
            for note in tally.misses:
                print(f"  missed {name}: {note}")
    stories = evaluate_stories(catalog)
    held_out = evaluate_stories(catalog, HELD_OUT)
    proofs, unread, real_drafts = real_resume_checks(catalog)
    # Same shape as the reading lines: "name: right X  target Y  (detail)".
    figures = [
        ("story", stories.accuracy, 0.85, f"{stories.right} of {stories.asked} questions"),
        ("drafted", stories.drafted_share, 0.70, f"{stories.drafted} of {stories.fields} fields"),
    ]
    for name, share, target, detail in figures:
        print(f"stories {name:>8}: right {share:.2f}  target {target:.2f}  ({detail})")
    # The same on the held-back resumes: the figures that count.
    held = [
        ("story", held_out.accuracy, 0.85, f"{held_out.right} of {held_out.asked} questions"),
        ("drafted", held_out.drafted_share, 0.70, f"{held_out.drafted} of {held_out.fields}"),
    ]
    for name, share, target, detail in held:
        print(f"held-out {name:>7}: right {share:.2f}  target {target:.2f}  ({detail})")
    print(f"held-out invented: count {len(held_out.unsupported)}  target 0  (terms not in resume)")
    # Staff's corrections from review: each one a case the method got wrong when reviewed.
    print_reviewed(catalog, labels, verbose="-v" in sys.argv)
    print(f"stories invented: count {len(stories.unsupported)}  target 0  (terms not in resume)")
    print(f"real false-proof: count {len(proofs)}  target 0  (on real resumes)")
    print(f"real unanalysed: count {len(unread)}  target 0  (real resumes that failed)")
    for name, tally in (("stories", stories), ("held-out", held_out)):
        print(f"{name} contradictions: count {len(tally.violations)}  target 0  (between chapters)")
    example_fits: dict[str, int] = {}
    examples = example_draft_findings(catalog, example_fits)
    for name, count in (
        ("stories", len(stories.draft_findings)),
        ("held-out", len(held_out.draft_findings)),
        ("examples", len(examples)),
        ("real", len(real_drafts)),
    ):
        print(f"{name} draft findings: count {count}  target 0  (draft checker)")
    print_lines(catalog)
    groups = {"stories": stories.fits, "heldout": held_out.fits, "examples": example_fits}
    for group, right, asked, misses in fit_figures(groups):
        share = right / asked if asked else 1.0
        print(f"fit {group:>8} band: right {share:.2f}  ({right} of {asked})")
        if "-v" in sys.argv and group != "heldout":  # held-back misses are not printed
            print("".join(f"  {miss}\n" for miss in misses), end="")
    if "-v" in sys.argv:
        # Held-back misses are not printed: reading them is how a set stops being held back.
        for note in (
            stories.wrong
            + stories.draft_findings
            + examples
            + stories.unsupported
            + proofs
            + unread
            + real_drafts
            + held_out.unsupported
        ):
            print(f"  {note}")
    print_reading(verbose="-v" in sys.argv)
    print_layouts(verbose="-v" in sys.argv)


if __name__ == "__main__":
    main()
