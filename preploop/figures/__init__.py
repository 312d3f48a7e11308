"""Reported interviews and pay: from a form export to the figures pages and reports show.

`importer` turns a CSV export into the sorted files under `companies/` (`store`, written
through `commit`), `index.load_figures` turns those files into per-role figures.
Thresholds and header patterns are data, in `settings.yaml`, read into `Settings`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import Field

from preploop.tunables import Tunables, load_tunables

SETTINGS_FILE = Path(__file__).with_name("settings.yaml")

Bounds = tuple[int, int]


class Companies(Tunables):
    fuzzy_threshold: int = Field(description="rapidfuzz score from which a name matches.")
    suffixes: list[str] = Field(description="Legal suffixes left out when names are compared.")
    separators: str = Field(description="Characters that split combined names.")


class Titles(Tunables):
    fuzzy_threshold: int = Field(description="rapidfuzz score from which a title matches.")
    seniority_words: list[str] = Field(description="Words of a title that give its level.")
    level_pattern: str = Field(description="A level code in a title (L5, E4...), as a regex.")


class QuestionMatching(Tunables):
    match_threshold: int = Field(description="Score from which a wording is a catalog question.")
    cluster_threshold: int = Field(description="Score from which two wordings group.")
    cluster_words: int = Field(description="Rarest words a wording is indexed by.")


class Frequency(Tunables):
    min_reports: int = Field(description="Reports a role needs before labels are computed.")
    labels: dict[str, float] = Field(description="Share from which each label applies.")


class Pay(Tunables):
    min_sample: int = Field(description="Rows a level needs before its pay is shown.")
    default_currency: str = Field(description="The currency of amounts that name none.")
    currencies: dict[str, list[str]] = Field(description="Currency -> its symbols and codes.")
    plausible: dict[str, dict[str, Bounds]] = Field(description="Bounds of each amount.")
    expected_total: dict[str, dict[str, Bounds]] = Field(
        description="Total pay expected per level; outside it a row is flagged, not shown."
    )


class Dates(Tunables):
    floor: dt.date = Field(description="Interview dates before this are refused.")


class Files(Tunables):
    max_export_bytes: int = Field(description="The largest export read.")
    max_line_bytes: int = Field(description="The longest line of an export.")
    max_export_rows: int = Field(
        2_000_000, gt=0, description="The most rows an export may hold: bounds memory."
    )


class Store(Tunables):
    lock_wait_seconds: float = Field(description="How long an import waits for another.")


class Settings(Tunables):
    """The whole of settings.yaml."""

    companies: Companies
    titles: Titles
    questions: QuestionMatching
    frequency: Frequency
    pay: Pay
    dates: Dates
    files: Files
    store: Store
    headers: dict[str, list[str]] = Field(description="Column -> header patterns (regex).")
    required: dict[str, list[str]] = Field(description="Columns an export of each kind needs.")


def settings() -> Settings:
    """The thresholds and word lists in settings.yaml, validated."""
    return load_tunables(SETTINGS_FILE, Settings)
