"""Names as people type them, matched to catalog companies, roles and questions.

One normaliser per kind of text; exact matches first, then rapidfuzz above a
threshold from settings.yaml.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from preploop.figures import settings

if TYPE_CHECKING:  # the catalog loads reports: no import back at run time
    from preploop.catalog import RoleEntry
    from preploop.model import Company

_NON_WORD = re.compile(r"[^\w]+")


def closest(key: str, choices: list[str], cutoff: float, *, any_order: bool = True):
    """rapidfuzz's best match for `key` in `choices` from score `cutoff`, as
    (choice, score, index), or None. `any_order`: words compared in any order
    (token_sort_ratio), else as written (ratio)."""
    # Imported here: only imported reports are matched, and `prep check` imports this
    # module (rapidfuzz was 10 ms of its CPU).
    from rapidfuzz import fuzz, process

    scorer = fuzz.token_sort_ratio if any_order else fuzz.ratio
    return process.extractOne(key, choices, scorer=scorer, score_cutoff=cutoff)


@functools.lru_cache(maxsize=1 << 16)  # the same names and wordings come back row after row
def words(text: str) -> str:
    """Lower case, punctuation as spaces, single spaces: the form texts are compared in."""
    return " ".join(_NON_WORD.sub(" ", text.casefold()).replace("_", " ").split())


@functools.lru_cache(maxsize=1 << 14)
def company_key(name: str) -> str:
    """'Meta Platforms, Inc.' -> 'meta': spacing, punctuation and legal suffixes ignored."""
    suffixes = set(settings()["companies"]["suffixes"])
    parts = words(name).split()
    kept = [w for w in parts if w not in suffixes] or parts
    return "".join(kept)


def _split_combined(name: str) -> list[str]:
    separators = re.escape(settings()["companies"]["separators"])
    parts = [p for p in re.split(f"[{separators}]| - ", name) if p.strip()]
    return [name, *parts] if len(parts) > 1 else [name]


class CompanyMatcher:
    """Reported company names to catalog slugs, through names, slugs and `aliases`."""

    def __init__(self, companies: Iterable[Company]):
        self.keys: dict[str, str] = {}
        for company in companies:
            for name in (company.slug, company.name, *company.aliases):
                key = company_key(name)
                if key:
                    self.keys.setdefault(key, company.slug)
        self._choices = list(self.keys)
        self._threshold = settings()["companies"]["fuzzy_threshold"]
        self._cache: dict[str, str | None] = {}

    def match(self, name: str) -> str | None:
        if name not in self._cache:
            self._cache[name] = self._match(name)
        return self._cache[name]

    def _match(self, name: str) -> str | None:
        found: set[str] = set()
        for part in _split_combined(name):
            slug = self._match_one(part)
            if slug is not None:
                found.add(slug)
        # "Meta / Facebook" names one company; "Meta / Google" is not ours to pick from.
        return found.pop() if len(found) == 1 else None

    def _match_one(self, name: str) -> str | None:
        key = company_key(name)
        if not key:
            return None
        if key in self.keys:
            return self.keys[key]
        best = closest(key, self._choices, self._threshold, any_order=False)
        return self.keys[best[0]] if best else None


@functools.lru_cache(maxsize=1 << 14)
def level_hints(text: str) -> tuple[str, ...]:
    """Level codes in a title such as 'Senior PM (L6)': ['L6']."""
    pattern = settings()["titles"]["level_pattern"]
    found = re.findall(pattern, text, re.IGNORECASE)
    return tuple(re.sub(r"[\s-]", "", m).upper() for m in found)


def title_key(title: str) -> str:
    """A title without level codes or seniority words: 'Sr. PM L5' -> 'pm'."""
    pattern = settings()["titles"]["level_pattern"]
    seniority = set(settings()["titles"]["seniority_words"])
    text = re.sub(pattern, " ", title, flags=re.IGNORECASE)
    parts = words(text).split()
    return " ".join(w for w in parts if w not in seniority) or " ".join(parts)


class TitleMatcher:
    """Job titles to the roles of one company, through the role families' `titles`."""

    def __init__(self, entries: Iterable[RoleEntry]):
        self.keys: dict[str, str] = {}
        for entry in entries:
            names = [entry.role.title, entry.role.slug, entry.family.name, *entry.family.titles]
            for name in names:
                key = title_key(name.replace("-", " "))
                if key:
                    self.keys.setdefault(key, entry.role.slug)
        self._choices = list(self.keys)
        self._threshold = settings()["titles"]["fuzzy_threshold"]
        self._cache: dict[str, str | None] = {}

    def match(self, title: str) -> str | None:
        if title not in self._cache:
            found = {self._match_one(part) for part in _split_combined(title)} - {None}
            self._cache[title] = found.pop() if len(found) == 1 else None
        return self._cache[title]

    def _match_one(self, title: str) -> str | None:
        key = title_key(title)
        if not key:
            return None
        if key in self.keys:
            return self.keys[key]
        if not self._choices:
            return None
        best = closest(key, self._choices, self._threshold)
        return self.keys[best[0]] if best else None
