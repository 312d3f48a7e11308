"""The golden analysis the render tests use is what the pipeline makes today.

What this proves: the example's analysis (its facts, codes and numbers) is unchanged
and deterministic, so any change to it shows up as a diff for a person to review. What
it does not prove: that the analysis is right (the scoreboard, tests/eval/score.py,
measures that on labelled sets), nor the report's wording (render and wording tests).
"""

from __future__ import annotations

from fixtures.golden import GOLDEN, fresh_analysis


def test_golden_analysis_is_current_and_deterministic():
    first = fresh_analysis()
    assert first == fresh_analysis(), "the same inputs must give byte-identical analyses"
    assert first == GOLDEN.read_bytes(), (
        "the analysis changed: review the diff, then run .venv/bin/python tests/fixtures/golden.py"
    )
