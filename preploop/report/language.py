"""Which language a resume or job description is written in, from its common words.

The analysis reads English only; a document in another language is analysed as
if it were English and mostly missed, so the reader warns instead of staying
silent. A stop-word count is enough to tell English from the other languages
customers upload, needs no model, and its word lists are data
(data/languages.yaml).
"""

from __future__ import annotations

import re
from collections import Counter

from preploop.report.wordlists import wordlist

_DATA = wordlist("languages")
_STOP_WORDS = {code: frozenset(words) for code, words in _DATA["stop_words"].items()}


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "" when it cannot be told."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < _DATA["min_words"]:
        return ""
    counts = Counter(words)
    hits = {code: sum(counts[w] for w in stop) for code, stop in _STOP_WORDS.items()}
    ranked = sorted(hits.items(), key=lambda item: -item[1])
    (best, best_hits), (_, second_hits) = ranked[0], ranked[1]
    if best_hits < _DATA["min_share"] * len(words) or best_hits < _DATA["margin"] * second_hits:
        return ""
    return best


def language_warnings(language: str, document: str) -> list[str]:
    """A one-line warning for the user when the document is not in English."""
    if language in ("", "en"):
        return []
    name = _DATA["names"].get(language, language)
    return [
        f"the {document} looks like it is written in {name}: the analysis reads English "
        "only, so most of it will be missed or misread"
    ]
