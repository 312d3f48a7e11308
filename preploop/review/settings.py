"""The review app's limits, as data (`settings.yaml` beside this file)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from preploop.tunables import Tunables, load_tunables

SETTINGS_FILE = Path(__file__).with_name("settings.yaml")


class ReviewSettings(Tunables):
    max_field: int = Field(20_000, gt=0, description="characters in any one form field")
    max_star_text: int = Field(2_000, gt=0, description="characters in a STAR field")
    max_risk_text: int = Field(600, gt=0, description="characters in a risk's sentence")
    preview_pages: int = Field(2, ge=0, description="pages previewed after rendering")
    preview_dpi: int = Field(40, gt=0, description="resolution of the previews")
    keep_words: list[str] = Field(
        default_factory=list, description="capitalised words export-labels does not replace"
    )


def settings() -> ReviewSettings:
    return load_tunables(SETTINGS_FILE, ReviewSettings)
