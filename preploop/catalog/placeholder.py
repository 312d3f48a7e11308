"""The placeholder text `prep new` writes (placeholder.yaml): the catalog notes which
files could hold it as it parses them, and the site calls a page holding it a draft."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from preploop.tunables import Tunables, load_tunables

SETTINGS_FILE = Path(__file__).with_name("placeholder.yaml")


class Placeholder(Tunables):
    """`placeholder.yaml`: the placeholder, as a regex and as plain text."""

    pattern: str = Field(r"\bTODO\b", description="Placeholder text, as a regex.")
    text: str = Field("TODO", description="The same as plain text, held by every match.")


def placeholder() -> Placeholder:
    return load_tunables(SETTINGS_FILE, Placeholder)
