"""The search words published with the site (`search.yaml`): stop words, synonyms and
the companies covered, as the small script the browser reads before searching."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import Field

from preploop.catalog import Catalog
from preploop.tunables import Tunables, load_tunables

SETTINGS_FILE = Path(__file__).with_name("search.yaml")
SCRIPT_PATH = "assets/javascripts/search-words.js"  # generated; read by search.js


class SearchWords(Tunables):
    """`search.yaml`: how search reads a query."""

    stop_words: list[str] = Field(description="Words dropped from a query.")
    synonyms: list[list[str]] = Field(description="Groups of words that mean the same.")
    abbreviations: dict[str, str] = Field(description="Short form -> the words it stands for.")
    topic_boost: int = Field(ge=1, description="Weight of a word beside a company's name.")


def script(catalog: Catalog) -> str:
    """The words as a script setting `window.prepSearchWords` (no request at search time)."""
    words = load_tunables(SETTINGS_FILE, SearchWords)
    companies = sorted(
        {name.lower() for c in catalog.companies for name in (c.name, c.slug, *c.aliases)}
    )
    data = {
        "stop": sorted({w.lower() for w in words.stop_words}),
        "synonyms": [[w.lower() for w in group] for group in words.synonyms],
        "abbreviations": {k.lower(): v.lower().split() for k, v in words.abbreviations.items()},
        "topic_boost": words.topic_boost,
        "companies": companies,
    }
    return f"window.prepSearchWords = {json.dumps(data, separators=(',', ':'))};\n"
