"""A story's title: the resume line's first whole phrase, never cut mid-phrase. The
words that open or close a phrase are data (`lexicon/drafts.yaml`: title_breaks,
title_tails, title_complements, that_verbs, abbreviations)."""

from __future__ import annotations

from preploop.report.draft_check import words as draft_words
from preploop.report.phrases import is_past_form


def story_title(text: str, words: int = 9) -> str:
    """The line's first whole phrase, about `words` long: its first clause when that is
    short, else the line up to the last phrase that starts within reach ('Talked our design
    lead out of a full-screen onboarding flow' | 'with ...'); never cut mid-phrase."""
    text = text.strip().rstrip(".;:, …")  # "... and the FAQ…": the line trails off
    if text.count('"') % 2:
        text = text.replace('"', "")  # a quote the line never closes (or an inch mark)
    toks = text.split()
    if not toks:
        return ""
    limit = words + 3
    # The first clause, where the line's own punctuation ends it.
    for k, tok in enumerate(toks[:limit], start=1):
        if k >= 3 and (_clause_end(tok) or toks[k : k + 1] == ["—"]):
            clause = toks[:k]
            while len(clause) > 3 and clause[-1].lower().strip(".;:,") in _tails():
                clause = clause[:-1]  # "..., and when."
            if _balanced_title(clause):
                return _title_end(clause)
            break
    if len(toks) <= limit and _balanced_title(toks) and toks[-1].lower() not in _tails():
        return " ".join(toks)
    breaks, tails = draft_words()["title_breaks"], _tails()
    if cuts := _title_cuts(toks, limit, breaks, tails):
        return _title_end(toks[: max(cuts)])
    if cuts := _title_cuts(toks, limit + 6, breaks, tails):  # the shortest whole phrase
        return _title_end(toks[: min(cuts)])
    kept = toks[:limit]
    while len(kept) > 3 and (
        kept[-1].lower().strip(",;:") in _tails() or not _balanced_title(kept)
    ):
        kept.pop()
    return _title_end(kept)


def _title_cuts(toks: list[str], limit: int, breaks: list[str], tails: set[str]) -> list[int]:
    """Where the title may end within `limit` words: before a phrase-opening word or after
    a comma, on a whole phrase."""
    end = next((i + 1 for i, t in enumerate(toks) if _clause_end(t)), len(toks))
    end = len(toks) if end < 3 else end  # a clause ends the search ("...twice; traced it")
    return [
        k
        for k in range(3, min(limit, end) + 1)
        if (
            k == len(toks)
            or toks[k - 1].endswith(",")
            or toks[k].lower() in breaks
            or toks[k].startswith("(")  # "... incident | (a non-idempotent retry ...)"
        )
        and _balanced_title(toks[:k])
        and toks[k - 1].lower().strip(",") not in tails
        and not toks[k - 2].endswith(",")  # "..., showing": one word after a comma
        and (k == end or not _cut_participle(toks[:k]))
        and not _owes_that(toks, k, end)
        and (k == len(toks) or _ends_whole(toks[:k], toks[k].lower(), breaks))
    ]


def _owes_that(toks: list[str], k: int, end: int) -> bool:
    """'Told the VP of Content | in a review that the shelf ...': a line opening with a
    verb of telling or finding owes its 'that' clause; a cut before it says nothing."""
    if toks[0].lower() not in draft_words()["that_verbs"]:
        return False
    words = [t.lower().strip(",") for t in toks]
    return "that" in words[k:end] and "that" not in words[1:k]


def _cut_participle(kept: list[str]) -> bool:
    """'..., stating plainly' | 'that ...': a phrase of an -ing word after the last comma,
    cut before its object."""
    commas = [i for i, tok in enumerate(kept) if tok.endswith(",")]
    after = kept[commas[-1] + 1 :] if commas else []
    return bool(after) and after[0].lower().endswith("ing")


def _clause_end(tok: str) -> bool:
    """'checks;', 'launch.', not 'vs.' or 'a.m.' (abbreviations)."""
    return tok.endswith((";", ".", ":")) and tok.lower() not in draft_words()["abbreviations"]


def _tails() -> set[str]:
    return {*draft_words()["title_breaks"], *draft_words()["title_tails"]}


def _balanced_title(toks: list[str]) -> bool:
    text = " ".join(toks)
    return text.count("(") == text.count(")") and text.count('"') % 2 == 0


def _ends_whole(toks: list[str], following: str, breaks: list[str]) -> bool:
    """A cut that leaves no phrase waiting for its rest: not between a verb and what it
    needs ('... in Brazil came | from a logging bug'), inside a ratio ('roughly 1 | in
    4,000') or after a gerund after a preposition ('without waiting | for the review')."""
    last = toks[-1].lower().strip(",")
    verb = toks[-2].lower() if last in ("it", "them") and len(toks) > 1 else last
    if is_past_form(verb) and following in draft_words()["title_complements"]:
        return False  # "... came | from", "... traced it | to a misconfigured cut-off"
    if last.isdigit() and following in ("in", "of", "out"):
        return False
    return not (last.endswith("ing") and len(toks) > 1 and toks[-2].lower() in breaks)


def _title_end(toks: list[str]) -> str:
    """The title without its closing punctuation; an abbreviation keeps its full stop."""
    text = " ".join(toks).rstrip(";:,— ")
    last = text.split()[-1].lower() if text.split() else ""
    return text if last in draft_words()["abbreviations"] else text.rstrip(".;:,— ")
