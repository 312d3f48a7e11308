"""Fit figures: does the overall fit land in the band a recruiter would expect?

`fit_labels.yaml` holds, for each labelled candidate (the tuned and held-back story sets
and the example orders), the band a recruiter gave after reading only the resume and the
posting, never the report. A strong, well-matched candidate should land high, a student
with no relevant work low, a career switcher in between.
"""

from __future__ import annotations

from pathlib import Path

import yaml

LABELS = Path(__file__).resolve().parent / "fit_labels.yaml"


def band_of(score: int, bands: dict[str, list[int]]) -> str:
    return next(name for name, (low, high) in bands.items() if low <= score <= high)


def fit_figures(fits: dict[str, dict[str, int]]) -> list[tuple[str, int, int, list[str]]]:
    """(group, right, labelled, misses) for each group of `fits` (group -> stem -> score)."""
    data = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    bands = data["bands"]
    out = []
    for group, scores in fits.items():
        labels = data.get(group) or {}
        misses = [
            f"{stem}: {score} is {band_of(score, bands)}, labelled {labels[stem]['band']}"
            for stem, score in sorted(scores.items())
            if stem in labels and band_of(score, bands) != labels[stem]["band"]
        ]
        asked = sum(stem in labels for stem in scores)
        out.append((group, asked - len(misses), asked, misses))
    return out
