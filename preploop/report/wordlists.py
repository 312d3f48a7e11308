"""The word lists ingestion reads (preploop/report/data/*.yaml), loaded once.

Heuristic knowledge lives in those files, not in the parsers, so it can be
tuned and reviewed as data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data"


@cache
def wordlist(name: str) -> dict[str, Any]:
    """The parsed data file `name`.yaml (callers must not modify it)."""
    with (DATA / f"{name}.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def alternation(words: Iterable[str]) -> str:
    """A regex group matching any of the words literally."""
    return "(?:" + "|".join(re.escape(w) for w in words) + ")"
