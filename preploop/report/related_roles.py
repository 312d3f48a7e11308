"""Roles a posting counts beside its own kind ("4+ years in product management, or in a
closely related role such as product owner, strategy, operations or consulting"), and
whether a job title on a resume is one of them. Words in data/job_description.yaml."""

from __future__ import annotations

import re
from collections.abc import Iterable

from preploop.report.wordlists import alternation, wordlist

_WORDS = wordlist("job_description")
_MARKER = re.compile(rf"\b{alternation(_WORDS['related_role_markers'])}s?\b", re.I)
_LEADS = alternation(_WORDS["related_role_leads"])
_LEAD = re.compile(rf"[\s,]*(?:\(\s*(?:{_LEADS}\W)?|{_LEADS}\W)\s*", re.I)
# Where the list of roles ends: "... or consulting with a strong analytical record".
_LIST_END = re.compile(r"[.;:)]|\s(?:with|who|where|that|plus|and a|and an|is|are)\s", re.I)
_ITEM_GAP = re.compile(r"\s*(?:,|/|&|\bor\b|\band\b)\s*", re.I)
_ARTICLE = re.compile(r"^(?:an?|the|other)\s+", re.I)
_MAX_ITEM_WORDS = 4


def read_related_roles(sentences: Iterable[str]) -> list[str]:
    """The roles a posting names as closely related, lowercased, in the order written;
    none when it only says "or a related role" without naming any."""
    for sentence in sentences:
        marker = _MARKER.search(sentence)
        lead = marker and _LEAD.match(sentence, marker.end())
        if not lead:
            continue
        rest = sentence[lead.end() :]
        end = _LIST_END.search(rest)
        items = _ITEM_GAP.split(rest[: end.start()] if end else rest)
        roles = [_ARTICLE.sub("", item.strip()).lower() for item in items]
        roles = [r for r in roles if r and len(r.split()) <= _MAX_ITEM_WORDS]
        if roles:
            return list(dict.fromkeys(roles))
    return []


def is_related(title: str, roles: Iterable[str]) -> bool:
    """A job title of one of the roles (a "Senior Consultant" does consulting)."""
    forms = _WORDS["related_role_forms"]
    words = [form for role in roles for form in forms.get(role, [role])]
    return bool(words) and re.search(rf"\b{alternation(words)}\b", title, re.I) is not None
