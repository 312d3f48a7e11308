"""Corrections staff approved in review, as a labelled split of the scoreboard.

    .venv/bin/python tests/eval/reviewed.py [--labels DIR]

`prep review export-labels` writes one YAML file per approved order (see the README's
staff section): the story staff picked for a question against the machine's, and the
judgment staff gave a principle against the machine's, with the lines behind it. Every
case is a correction, so each one is something the method got wrong when the order was
reviewed; this split measures how many of them the method gets right now.

Only the lines a case holds are known (the resume never leaves the order folder), so each
case is judged by the pipeline's own steps on a resume of just those lines:

- story: the story engine (`stories.assign`) picks among the lines staff weighed, the
  machine's and staff's, for the question; right when it picks staff's line (or, where
  staff chose no story, none);
- principle: the culture analysis (`fit.score_principles`) reads the principle's lines;
  right when its judgment is staff's. A judgment with no line is not scored.

Placeholders ([name], [employer], [number]...) are read as plain stand-ins (a made-up
name, employer, the number 3), so that a line keeps its shape: "$[number]M" is "$3M".
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from preploop.catalog import Catalog, load_catalog  # noqa: E402
from preploop.report.anatomy import IntentTagger  # noqa: E402
from preploop.report.documents import Contact, Position, Resume  # noqa: E402
from preploop.report.fit import score_principles  # noqa: E402
from preploop.report.questions import catalog_question  # noqa: E402
from preploop.report.stories import assign, story_lines  # noqa: E402

REVIEWED = Path(__file__).resolve().parent / "reviewed"
STAND_INS = {
    "[name]": "Alex Morgan",
    "[employer]": "Northwind",
    "[school]": "Westbrook College",
    "[place]": "Springfield",
    "[email]": "alex@example.com",
    "[phone]": "555 0100",
    "[link]": "example.com/alex",
    "[number]": "3",
}


@dataclass
class Split:
    right: int = 0
    asked: int = 0
    unscored: int = 0
    misses: list[str] = field(default_factory=list)

    def check(self, ok: bool, note: str) -> None:
        self.asked += 1
        self.right += ok
        if not ok:
            self.misses.append(note)

    @property
    def share(self) -> float:
        return self.right / self.asked if self.asked else 1.0


def read_back(text: str) -> str:
    for placeholder, stand_in in STAND_INS.items():
        text = text.replace(placeholder, stand_in)
    return text


def resume_of(lines: list[dict | None], title: str) -> Resume:
    """A resume holding only these lines, each where its kind puts it."""
    lines = [line for line in lines if line]
    by_kind: dict[str, list[str]] = {}
    for line in lines:
        by_kind.setdefault(line["kind"], []).append(read_back(line["text"]))
    bullets = by_kind.get("bullet", [])
    return Resume(
        name=STAND_INS["[name]"],
        contact=Contact(),
        summary=" ".join(by_kind.get("summary", [])),
        positions=[Position(title=title, employer=STAND_INS["[employer]"], bullets=bullets)],
        education=[],
        skills=by_kind.get("skills", []),
        other_lines=by_kind.get("other", []),
        source_format="markdown",
    )


def evaluate_reviewed(catalog: Catalog, folder: Path = REVIEWED) -> dict[str, Split]:
    splits = {"story": Split(), "principle": Split()}
    for path in sorted(folder.glob("*.yaml")):
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        entry = catalog.role(case["company"], case["role"])
        company, role, family = entry.company, entry.role, entry.family
        tagger = IntentTagger(family.intents, company.intents, role.intents)
        for pick in case.get("stories") or []:
            question = catalog_question(company, role, pick["question"])
            if question is None:  # the catalog dropped the question since
                splits["story"].unscored += 1
                continue
            resume = resume_of([pick["machine"], pick["staff"]], role.title)
            principles = score_principles(resume, company, role, family, tagger)
            (match,) = assign([question], story_lines(resume, principles, tagger), tagger)
            picked = match.line.text if match.line else None
            wanted = read_back(pick["staff"]["text"]) if pick["staff"] else None
            note = f"{path.stem}: {question.id}: picked {str(picked)[:50]!r}"
            splits["story"].check(picked == wanted, note)
        for judgment in case.get("judgments") or []:
            if not judgment["lines"] or judgment["principle"] not in {
                p.id for p in company.principles
            }:
                splits["principle"].unscored += 1
                continue
            resume = resume_of(judgment["lines"], role.title)
            found = {
                f.id: f.strength for f in score_principles(resume, company, role, family, tagger)
            }
            said = found[judgment["principle"]]
            note = f"{path.stem}: {judgment['principle']}: {said}, staff {judgment['staff']}"
            splits["principle"].check(said == judgment["staff"], note)
    return splits


def print_reviewed(catalog: Catalog, folder: Path = REVIEWED, verbose: bool = False) -> None:
    """One line per figure, in the "name: right X" shape score.py prints."""
    files = len(list(folder.glob("*.yaml")))
    splits = evaluate_reviewed(catalog, folder)
    for name, unit in (("story", "questions"), ("principle", "judgments")):
        split = splits[name]
        if not split.asked:
            print(f"reviewed {name:>9}: no cases  ({files} exported files in {shown(folder)})")
            continue
        unscored = f", {split.unscored} not scored" if split.unscored else ""
        print(
            f"reviewed {name:>9}: right {split.share:.2f}  ({split.right} of {split.asked} "
            f"{unit} staff corrected, {files} files{unscored})"
        )
    if verbose:
        for name, split in splits.items():
            for note in split.misses:
                print(f"  missed reviewed {name}: {note}")


def shown(folder: Path) -> str:
    folder = folder.resolve()
    return str(folder.relative_to(ROOT)) if folder.is_relative_to(ROOT) else str(folder)


def labels_folder(argv: list[str]) -> Path:
    """`--labels DIR` from the command line, else tests/eval/reviewed/."""
    if "--labels" not in argv:
        return REVIEWED
    at = argv.index("--labels")
    if at + 1 >= len(argv):
        raise SystemExit("--labels needs a folder: the OUT of prep review export-labels")
    folder = Path(argv[at + 1])
    if not folder.is_dir():
        raise SystemExit(f"--labels {folder}: not a folder")
    return folder


if __name__ == "__main__":
    print_reviewed(load_catalog(ROOT / "companies"), labels_folder(sys.argv), "-v" in sys.argv)
