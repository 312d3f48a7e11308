"""The culture analysis against the hand-labelled evaluation set in tests/eval/."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_eval_script_prints_precision_and_recall():
    result = subprocess.run(
        [sys.executable, "tests/eval/score.py"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    scores = {}
    for line in result.stdout.splitlines():
        name, rest = line.split(":", 1)
        fields = rest.split()
        scores[name.strip()] = (float(fields[1]), float(fields[3]))
    proven_precision, proven_recall = scores["proven"]
    evidence_precision, evidence_recall = scores["evidence"]
    # A false "you can claim this" is the worst error a report can make: keep it rare.
    assert proven_precision >= 0.9
    assert proven_recall >= 0.3
    assert evidence_precision >= 0.6
    assert evidence_recall >= 0.4
