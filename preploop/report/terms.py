"""One term matcher for resumes and job descriptions, and the numbers in a line.

A skill such as "A/B testing" must be found the same way in both documents,
or the report says a required skill is missing that the resume shows.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

METRIC = re.compile(
    r"(?:[$€£]\s?\d[\d,.]*\s?(?:[kmb]|million|billion)?\b|\b\d[\d,.]*\s?(?:%|x\b|percent\b)"
    r"|\b\d[\d,.]*\s?(?:k|m|million|billion)?\+?\s(?:users|members|customers|engineers|people|"
    r"merchants|hosts|requests|transactions|markets|countries|teams|subscribers|students|"
    r"clients|accounts|sellers|drivers|listings|downloads|installs)\b|"
    r"\b\d[\d,.]*(?:\.\d+)?[kmb]\b)",
    re.IGNORECASE,
)


def metrics_in(text: str) -> list[str]:
    """Numbers with units as written in the line ('15%', '$2.4M', '120k users')."""
    return [m.group(0).strip() for m in METRIC.finditer(text)]


@functools.lru_cache(maxsize=8192)
def term_pattern(term: str) -> re.Pattern[str] | None:
    """Whole words, any case, with plural and verb endings ("A/B test" finds "A/B tests").

    Terms of one or two letters ("Go", "R") must match their case and may not be the
    first word of a hyphenated compound, so "go-to-market" is not Go.
    """
    words = [re.escape(w) for w in re.split(r"[\s-]+", term.strip()) if w]
    if not words:
        return None
    body = r"[\s-]+".join(words)
    short = len(term.strip()) <= 2
    if not short and len(term) >= 4 and term[-1].isalnum():
        body += r"(?:s|es|ing|ed)?"
    end = r"(?![A-Za-z0-9])(?!-[A-Za-z])" if short else r"(?![A-Za-z0-9])"
    return re.compile(rf"(?<![A-Za-z0-9]){body}{end}", 0 if short else re.I)


def may_occur(lowered: str, term: str) -> bool:
    """Whether every word of `term` is in `lowered` (the text, lower-cased): without that
    its pattern cannot match. Most terms are in no line, and their patterns need not be
    compiled (615 patterns in one report's analysis before this test, 382 with it)."""
    return all(word in lowered for word in term.lower().replace("-", " ").split())


def pattern_in(lowered: str, term: str) -> re.Pattern[str] | None:
    """`term`'s pattern, or None when it cannot occur in the text `lowered` lower-cases."""
    return term_pattern(term) if may_occur(lowered, term) else None


def term_search(text: str, term: str, lowered: str | None = None) -> re.Match[str] | None:
    """The first place `term` occurs in `text` (`lowered`: the text lower-cased, when the
    caller has it), or None."""
    pattern = pattern_in(text.lower() if lowered is None else lowered, term)
    return pattern.search(text) if pattern else None


def find_terms(text: str, terms: Iterable[str]) -> list[str]:
    """The terms that occur in `text`, in the order given."""
    lowered = text.lower()
    return [t for t in terms if term_search(text, t, lowered)]


def first_position(text: str, terms: Iterable[str]) -> int | None:
    """Where the earliest of the terms occurs in `text`, or None."""
    lowered = text.lower()
    spots = [m.start() for t in terms if (m := term_search(text, t, lowered))]
    return min(spots) if spots else None
