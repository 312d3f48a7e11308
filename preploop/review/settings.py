"""The review app's limits, as data (`settings.yaml` beside this file)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from preploop.report.findings import NOTE_LIMIT
from preploop.tunables import Tunables, load_tunables

SETTINGS_FILE = Path(__file__).with_name("settings.yaml")


class ReviewSettings(Tunables):
    max_field: int = Field(20_000, gt=0, description="characters in any one form field")
    max_post_bytes: int = Field(
        2_000_000, gt=0, description="bytes in one posted form, refused unread past it"
    )
    max_post_fields: int = Field(2_000, gt=0, description="fields in one posted form")
    max_star_text: int = Field(2_000, gt=0, description="characters in a STAR field or prompt")
    max_note: int = Field(
        NOTE_LIMIT, gt=0, le=NOTE_LIMIT, description="characters in the note to the candidate"
    )
    max_note_lines: int = Field(8, gt=0, description="lines in the note to the candidate")
    max_risk_text: int = Field(600, gt=0, description="characters in a risk's sentence")
    keep_versions: int = Field(
        20, ge=1, description="earlier versions kept per order, to merge a save from an older page"
    )
    preview_pages: int = Field(2, ge=0, description="pages previewed after rendering")
    preview_dpi: int = Field(40, gt=0, description="resolution of the previews")
    generic_name_words: list[str] = Field(
        default_factory=list,
        description="first words of employer or school names too common to replace alone",
    )


def settings() -> ReviewSettings:
    return load_tunables(SETTINGS_FILE, ReviewSettings)
