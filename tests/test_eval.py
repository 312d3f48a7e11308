"""The report's scoreboard (tests/eval/score.py) against its labelled sets."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT
from fixtures.reviewed_labels import LABELS, exported

sys.path.insert(0, str(ROOT / "tests" / "eval"))
import reviewed  # noqa: E402  (tests/eval/reviewed.py: staff's corrections as a split)

from preploop.catalog import load_catalog  # noqa: E402


def test_scoreboard_holds_its_floors():
    # With the exported labels of a fixture review as the reviewed split (the default,
    # tests/eval/reviewed/, holds none yet).
    command = [sys.executable, "tests/eval/score.py", "--labels", str(LABELS)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    figures = {}
    for line in result.stdout.splitlines():
        m = re.match(r"\s*([\w -]+?):\s+(\w+) ([\d.]+)(?:\s+(\w+) ([\d.]+))?", line)
        if m:
            figures[" ".join(m.group(1).split())] = (float(m.group(3)), float(m.group(5) or 0))
    # A false "you can claim this" is the worst error a report can make. 1.00 while only
    # the companies' proof phrases proved (recall 0.40; held-out 0.05); 0.86 since a line
    # told well about a principle's defining intent proves it too (method 3.1), when the
    # held-out precision rose from 0.67 to 0.73 and its recall to 0.36. Method 3.3 sets the
    # bar of that reading where tuned proofs are right 9 times in 10 (0.90, recall 0.65;
    # held-out 0.78 / 0.33). 0.80 / 0.43 since six files written and labelled blind at six
    # companies joined (2026-12-07; 0.57 / 0.20 on them at first sight: the proof rule
    # generalises no better than the held-out figure says).
    assert figures["proven"][0] >= 0.78
    assert figures["held-out proven"][0] >= 0.7
    # 0.29 (22 of 76) since the layers were retrained with blind round 9 (method 3.9; 23
    # before): one proof, under a told floor that the tuned cases still put at 0.85.
    # 0.33 (44 of 135) since round 11's ten blind files joined (0.31 on them at first
    # sight) and method 3.10; the told floor, swept on the tuned cases, stays at 0.85.
    assert figures["held-out proven"][1] >= 0.28
    assert figures["real false-proof"][0] == 0
    assert figures["real unanalysed"][0] == 0  # a crash must not hide a false proof
    # A drafted story never holds a number or a name the resume lacks.
    assert figures["stories invented"][0] == 0
    # 0.37 since six engineers written and labelled blind joined (round 12, 2026-12-08:
    # 6 of 36 proofs found at first sight, 9 since a deed may follow "I" or an opening
    # clause); 0.42 before, on fourteen files that were mostly product managers.
    assert figures["proven"][1] >= 0.36
    assert figures["evidence"][0] >= 0.58  # 0.59 / 0.46 (0.53 / 0.43 on the six at first sight)
    assert figures["evidence"][1] >= 0.45
    # Principle judgments on lines a reviewer wrote and labelled from the definitions alone
    # (heldout/cases, 2026-12-06): today's level, far from issue 14's P 0.9 and R 0.7.
    assert figures["held-out evidence"][0] >= 0.5
    assert figures["held-out evidence"][1] >= 0.5
    # Floors at today's level, so a change that makes stories worse fails.
    # The tuned set flatters the rules. 0.82 on 198 questions since ten candidates written
    # by an outside labeller joined it (0.72 on them before they were looked at).
    # 0.75 since ten harder blind-labelled files joined (0.60 on them at first sight).
    # 0.68 on 468 questions since 26 more files written and labelled blind joined
    # (2026-12-06; 53/105 and 36/63 on them at first sight): the rules generalise less
    # well than the tuned figure said. 0.72 once a faint intent may carry a story
    # (stories.intent_floor 0.05; 0.717 cross-validated on unseen files). 0.88 since the
    # learned layer also learns from this set's story picks (method 3.0): in-sample, so it
    # flatters most; the held-out figure below is the one to read. 0.85 on 660 questions
    # since 30 more blind files joined (2026-12-07; 20/38, 66/83 and 45/71 at first sight),
    # whose picks the shipped layer (method 3.2) has not learned from.
    assert figures["stories story"][0] >= 0.85
    # Drafted: 0.77 before issue 15 counted stock fillers ("My area was X." in every
    # story, "The goal was to" + a mis-cut clause); a Task the line does not give is now a
    # prompt. 0.66 since the ten outside candidates joined (target 0.70).
    assert figures["stories drafted"][0] >= 0.65
    # On resumes written and labelled by others, never tuned on: the figure that counts.
    # Its floor is today's level (target 0.85), so a change that loses ground fails.
    # 0.62 with hand-set story weights; 0.72 with the learned ranker and a third
    # reviewer's thousand lines in the learned layer's corpus; 0.67 once a fourth
    # reviewer's lines and ten more tuned stories joined (2026-12-06); 0.78 once the
    # learned layer learned from the tuned set's story picks (64 of 82, was 57 of 83).
    assert figures["held-out story"][0] >= 0.76
    # 0.69 (639 of 920) since round 10's ten files joined the held-back set (2026-12-07).
    assert figures["held-out drafted"][0] >= 0.69
    assert figures["held-out invented"][0] == 0
    # One reading: no chapter contradicts another, on either set.
    assert figures["stories contradictions"][0] == 0
    assert figures["held-out contradictions"][0] == 0
    # The draft checker (issue 15): 0 on the examples (were 33) and on the tuned set (were
    # 92 on the first eleven outside candidates); held-back: today's count (was 114, then
    # 6 before first-person drafting of terse lines, 3 until an 'and' inside brackets no
    # longer split a sentence: found by adding brackets to the outside labeller's lines,
    # then 1 until a time before a trigger clause was no scene), and on real resumes.
    # 2 since blind round 9 joined: a PayPal PM written all in verbless fragments ("Instant
    # payouts for independent restaurants. PM, zero to one. 11K restaurants in year one"),
    # whose draft puts the fragments in the result. Open (issue 14); no more may come.
    assert figures["stories draft findings"][0] <= 2
    assert figures["held-out draft findings"][0] == 0
    assert figures["examples draft findings"][0] == 0
    assert figures["real draft findings"][0] == 0
    # Fit lands in the band a recruiter gave from the resume and posting alone
    # (fit_labels.yaml): 11 of 21 tuned, 6 of 10 held-back before issue 14's calibration,
    # 16 and 7 after it (15 and 6 for a while, back with the fourth reviewer's lines).
    assert figures["fit stories band"][0] >= 0.76
    assert figures["fit heldout band"][0] >= 0.7
    assert figures["fit examples band"][0] >= 0.8
    # Single lines in voices the learned layer never saw (lines/split.yaml).
    assert figures["lines strong found"][0] >= 0.75
    # 0.92 on the first six test files; 0.89 with two of a third reviewer's, 0.84 with two
    # of a fourth's (their skill labels are stricter than the first reviewers'): target 0.9.
    assert figures["lines skills"][0] >= 0.83
    # Recall 0.37, then 0.40 once the skill synonyms gained 65 terms kept for their
    # precision on the training files alone (2026-12-06).
    assert figures["lines skills"][1] >= 0.40
    # Job descriptions (issue 15): titles after a label or in a browser's margin, and
    # seniority from words, numerals ("Engineer II") and the years asked.
    assert figures["reading JD titles"][0] >= 0.9
    assert figures["reading JD seniority"][0] >= 0.9
    # Issue 19: "Java, C++, or C#" is one requirement; a company blurb is no duty.
    assert figures["reading JD choices"][0] >= 0.9
    assert figures["reading JD duties"][0] >= 0.9
    # Reading, on the generated layouts (tests/eval/layouts.py), each figure on its own.
    for split in ("tuned", "held-back"):
        assert figures[f"layouts {split} symbols"][0] == 1.0
        assert figures[f"layouts {split} refused"][0] == 0
        assert figures[f"layouts {split} bullets"][0] >= 0.98
    assert figures["layouts tuned positions"][0] >= 0.97
    assert figures["layouts tuned descriptions"][0] >= 0.95
    assert figures["layouts tuned silent losses"][0] == 0
    # Held back: the targets are positions 0.97 (today 61 of 63) and 0 losses.
    assert figures["layouts held-back positions"][0] >= 0.96
    assert figures["layouts held-back silent losses"][0] == 0
    assert figures["layouts held-back descriptions"][0] >= 0.95
    # Staff's corrections, exported from review, are a split of their own, printed apart.
    # (Two story corrections, three before method 3.5 picked staff's small-team line
    # itself; the report again leaves one story staff chose untold.)
    assert re.search(r"reviewed +story: right 0\.00  \(0 of 2 questions staff", result.stdout)
    assert re.search(r"reviewed principle: right 0\.00  \(0 of 1 judgments", result.stdout)


def test_the_reviewed_split_counts_exported_labels(tmp_path):
    """The fixture is what the real export writes for a review of the golden analysis:
    two story picks and one judgment staff corrected (a third story correction is the
    method's own pick since 3.5, so the export leaves it out). Each case is judged by the
    pipeline's own steps on the lines it holds."""
    catalog = load_catalog(ROOT / "companies")
    splits = reviewed.evaluate_reviewed(catalog, LABELS)
    assert (splits["story"].asked, splits["principle"].asked) == (2, 1)
    # The method still picks its own line for both, and calls the line proof.
    assert (splits["story"].right, splits["principle"].right) == (0, 0)
    # The default folder exists, and a folder with no exported labels counts none.
    assert reviewed.REVIEWED.is_dir()
    empty = reviewed.evaluate_reviewed(catalog, tmp_path)
    assert empty["story"].asked == empty["principle"].asked == 0


def test_the_exported_label_fixture_is_what_the_export_writes_today(tmp_path):
    (fresh,) = exported(tmp_path / "labels")
    (kept,) = LABELS.glob("*.yaml")
    assert fresh.name == kept.name
    assert fresh.read_text() == kept.read_text(), (
        "export-labels changed: review the diff, then run "
        ".venv/bin/python tests/fixtures/reviewed_labels.py"
    )


def test_the_scoreboard_refuses_a_labels_folder_that_is_not_one(tmp_path):
    command = [sys.executable, "tests/eval/score.py", "--labels", str(tmp_path / "none")]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0 and "not a folder" in result.stderr


def test_principle_cases_label_real_principles():
    # A label naming a principle the company does not have would count as a miss no
    # reading could avoid (blind reviewers write these files from the definitions alone).
    import yaml

    catalog = load_catalog(ROOT / "companies")
    folders = [ROOT / "tests" / "eval" / "cases", ROOT / "tests" / "eval" / "heldout" / "cases"]
    files = [path for folder in folders for path in sorted(folder.glob("*.yaml"))]
    assert len(files) >= 34
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        ids = {p.id for p in catalog.company(data["company"]).principles}
        for line in data["lines"]:
            assert line["text"].strip(), path.name
            for principle, level in line["labels"].items():
                assert principle in ids, f"{path.name}: {principle}"
                assert level in ("proven", "material"), f"{path.name}: {level}"
