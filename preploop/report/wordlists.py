"""The word lists and thresholds ingestion reads (preploop/report/data/*.yaml), loaded once.

Heuristic knowledge lives in those files, not in the parsers, so it can be
tuned and reviewed as data. `settings(Model)` loads a file into a small pydantic
model whose fields carry defaults and say what each value means; `wordlist(name)`
returns a file as plain data for the modules not yet moved to a model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, Field

DATA = Path(__file__).parent / "data"


@cache
def wordlist(name: str) -> dict[str, Any]:
    """The parsed data file `name`.yaml (callers must not modify it)."""
    with (DATA / f"{name}.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


Settings = TypeVar("Settings", bound="DataFile")


class DataFile(BaseModel):
    """A data file's contents; `file` names it (without .yaml)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    file: ClassVar[str]


@cache
def settings(model: type[Settings]) -> Settings:
    """The data file of `model`, validated: a misspelt key or a bad value fails loudly."""
    return model.model_validate(wordlist(model.file))


def alternation(words: Iterable[str]) -> str:
    """A regex group matching any of the words literally, tried in the order given."""
    return "(?:" + "|".join(re.escape(w) for w in words) + ")"


# --- the resume parser's words (data/resume.yaml) ------------------------------


class ResumeWords(DataFile):
    file: ClassVar[str] = "resume"

    headings: dict[str, list[str]] = Field(
        description="Section headings by the kind of section they open, lower case."
    )
    title_words: list[str] = Field(
        description="Words of a job title, abbreviations included (sr, vp, mgr)."
    )
    company_words: list[str] = Field(
        description="Words of an organisation's name; each counts twice against a title."
    )
    connectors: list[str] = Field(
        description="A bullet ending in one of these words carries on onto the next line."
    )
    document_titles: list[str] = Field(description="A line that is only the document's title.")
    employment_types: list[str] = Field(
        default_factory=list,
        description="Bracketed words after a title that say how the job was held, not where.",
    )
    institution_words: list[str] = Field(
        description="Words (and well-known short names) that make a piece a school."
    )
    action_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs that open a duty or an achievement (besides any word in -ed).",
    )
    summary_prose_words: int = Field(
        12, description="A header line this long, with no summary section, is the summary."
    )
    description_words: int = Field(
        15, description="A line under a role's heading longer than this is a bullet, not prose."
    )


class DateWords(DataFile):
    file: ClassVar[str] = "dates"

    months: dict[int, list[str]] = Field(
        description="Spellings of each month (1-12), English and other languages, lower case."
    )
    seasons: dict[str, int] = Field(description="Season words and the month they stand for.")
    present: list[str] = Field(description="Words for 'still in this job' in an end date.")
    range_words: list[str] = Field(description="Words between the two dates of a range.")
