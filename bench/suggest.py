"""`prep reports suggest` grouping at scale: distinct made-up wordings, timed.

.venv/bin/python bench/suggest.py              # 100,000 wordings (target < 30 s)
.venv/bin/python bench/suggest.py --wordings 20000
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from preploop.figures.aggregate import RoleFigures, suggest  # noqa: E402

TARGET_S = 30.0


def wordings(count: int, seed: int = 12) -> list[str]:
    """Made-up interview questions: a few frames, a vocabulary of invented words."""
    rng = random.Random(seed)
    vocabulary = [
        "".join(rng.choice("bcdfgklmnprstvz") + rng.choice("aeiou") for _ in range(3))
        for _ in range(5_000)
    ]
    frames = [
        "How would you improve {}?",
        "Tell me about a time you {}.",
        "Design a product for {}.",
        "Estimate the number of {}.",
        "What metrics would you use for {}?",
    ]
    found: set[str] = set()
    while len(found) < count:
        words = " ".join(rng.choice(vocabulary) for _ in range(rng.randrange(3, 7)))
        found.add(rng.choice(frames).format(words))
    return sorted(found)


def figures(texts: list[str]) -> RoleFigures:
    day = dt.date(2026, 1, 1)
    unmatched = tuple((text, "2026-01-01") for text in texts)
    return RoleFigures(len(texts), day, day, True, unmatched)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordings", type=int, default=100_000)
    args = parser.parse_args()
    data = figures(wordings(args.wordings))
    start = time.perf_counter()
    top = suggest(data, 10)
    seconds = time.perf_counter() - start
    print(f"suggest: {args.wordings:,} distinct wordings grouped in {seconds:.1f} s")
    print(f"target: < {TARGET_S:.0f} s at 100,000; most reported group: {top[0][0]} reports")


if __name__ == "__main__":
    main()
