"""What came of the work, said aloud: an outcome clause of a resume line as a sentence of
its own ("saving $4.2M a year" -> "That saved $4.2M a year."; "..., and plays from
search rose 11%" -> "Plays from search rose 11%."; "cut X from 480 to 120" -> "X went
from 480 to 120."). The clause rules it builds on are in `clauses.py`.
"""

from __future__ import annotations

import re

from preploop.report.anatomy import PASSIVE
from preploop.report.clauses import (
    as_sentence,
    balanced,
    first_person,
    is_finite,
    opens_with_verb,
    own_clause,
    quote,
    say,
    scene_first,
    scene_split,
    second_word,
    went,
)
from preploop.report.draft_check import noun_phrase_only, words
from preploop.report.phrases import can_be_verb, is_past_form, lexicon, past_tense, verb_lemma
from preploop.report.word_forms import getInflection


def is_outcome(sentence: str) -> bool:
    """A sentence of the line that is not the candidate's doing: what came of it."""
    return not re.match(r"(?:I|We|Then|Given)\b", sentence) and own_clause(sentence.rstrip("."))


def and_outcome(sentence: str) -> tuple[str, str] | None:
    """'I added cast search and plays from search rose 11%.' -> the action, and 'Plays
    from search rose 11%.': an outcome with its own subject after 'and'."""
    m = re.match(r"(?P<act>I [^;]+?),? and (?P<res>[A-Za-z][^,;]+)\.$", sentence)
    if not m or not balanced(m.group("act")):
        return None  # "(after a review, and a vote)": an 'and' inside brackets splits nothing
    res = m.group("res")
    listed = re.match(r"(?:\S+ ){1,4}?and ([a-z]+) ", res)
    if listed and is_past_form(listed[1]):
        return None  # "across Jurong and Tampines and found ...": a list, then my next deed
    lead = res.split()[0].lower()
    if lead in words()["then_words"]:  # "..., and later saw it cited as ...": mine, said so
        second = second_word(res)
        return (f"{m.group('act')}.", as_sentence(f"I {res}")) if is_past_form(second) else None
    own_subject = lead in words()["determiners"] or past_tense(lead) != lead
    own_subject = own_subject and not lead.endswith("ing")  # "and engineering into a plan"
    if not (own_subject and is_finite(res)) or noun_phrase_only(res) or res.startswith("I "):
        return None
    return f"{m.group('act')}.", as_sentence(res)


def change_of(sentence: str) -> tuple[str, str] | None:
    """'I cut p99 latency from 480 ms to 120 ms by batching queries.' -> the action
    without its numbers and 'P99 latency went from 480 ms to 120 ms.'"""
    number = r"\S*\d\S*"
    m = re.match(
        rf"I (?P<pre>[^,;]+ and )?(?P<verb>[a-z]+) (?P<what>[^,;]+?) "
        rf"(?P<change>(?:from {number}(?: \S+){{0,2}} to|by) {number}"
        r"(?: (?:a|an|per|each) \w+| [a-z%]+)?)"
        r"(?P<rest> (?:by|using|with|through|via) .+)?\.$",
        sentence,
    )
    if not m or " and " in m.group("what"):
        return None
    verb = m.group("verb")
    verbs = lexicon("verbs")
    moved = "rose" if verb in verbs.rises else "fell" if verb in verbs.falls else ""
    if not moved or _has_verb_after_first(m.group("what")):
        return None
    if m.group("change").startswith("from"):
        moved = "went"
    what = m.group("what")
    action = f"I {m.group('pre') or ''}{verb} {what}{m.group('rest') or ''}."
    return action, f"{what[0].upper()}{what[1:]} {moved} {m.group('change')}."


def _has_verb_after_first(text: str) -> bool:
    return any(re.sub(r"[^a-z]", "", w) in words()["finite_verbs"] for w in text.lower().split())


def result_sentence(result: str) -> str:
    """'saving $4.2M a year' -> 'That saved $4.2M a year.'; a clause of its own as written;
    '' when unsure, so the outcome stays in the action as the line put it. Sentences of the
    line after the outcome's own are quoted as the rest of the line is ('Integrated
    Grafana dashboards' -> 'I integrated Grafana dashboards')."""
    joined = bool(re.match(r"(?i)and\s", result.strip()))
    result = re.sub(r"^and\s+", "", result.strip(), flags=re.I)  # "- and we shipped co-op"
    head, *tail = re.split(r"(?<=[.!?])\s+(?=[A-Z])", result, maxsplit=1)
    said = _one_result(head.rstrip("."), joined)
    if not said or not tail:
        return said or _one_result(result, joined)
    return " ".join([said, *quote(tail[0])])


def _one_result(result: str, joined: bool = False) -> str:
    """One outcome clause as a sentence ('' when unsure); `joined`: it followed an "and",
    so a past deed in it is the candidate's next one."""
    parts = result.split(maxsplit=1)
    if len(parts) < 2 or parts[0] in ("I", "We"):
        return ""  # "...; I ran 30 exit interviews": the candidate's doing, not what came of it
    first, rest = parts[0].lower(), parts[1]
    if scene_first(result, first):  # "after the test lost, said so": mine, with "I"
        head, _, deed = scene_split(result)
        return as_sentence(f"{head[0].upper()}{head[1:]}, {first_person(deed.strip())}")
    if first == "which":
        return say("that", clause=rest)
    if first in words()["outcome_leads"] and rest.startswith(("in ", "to ")):
        return say("that", clause=f"{words()['outcome_leads'][first]} {rest}")
    if first.endswith("ing"):
        if first in words()["not_verbs"] or not can_be_verb(first):
            return as_sentence(result) if own_clause(result) else ""  # "during an outage, ..."
        verb = past_tense(first)
        known = bool(getInflection(verb_lemma(first), tag="VBD"))
        if not (known and verb[0] == first[0]):
            return ""
        # "improving X and establishing Y" -> "That improved X and established Y."
        rest = re.sub(r"\b(and|then) ([a-z]+ing)\b", lambda m: _and_past(m[1], m[2]), rest)
        return say("that", clause=f"{verb} {rest}")
    if PASSIVE.match(result):
        return say("it-was", clause=result)
    then = rest.split()[1:2] != ["by"] and first in words()["then_words"]
    if then and is_past_form(rest.split()[0]):
        return as_sentence(f"I {result}")  # "and still went live on the date"
    if joined and opens_with_verb(result) and rest.split()[0] != "by":
        return as_sentence(first_person(result))  # "- and walked him through the plan"
    clause = went(result)
    return as_sentence(clause) if own_clause(clause) else ""


def _and_past(joint: str, word: str) -> str:
    """'and establishing' -> 'and established'; a word that is no verb stays as it is."""
    verb = past_tense(word) if can_be_verb(word) and word not in words()["not_verbs"] else ""
    same = verb and verb[0] == word[0] and getInflection(verb_lemma(word), tag="VBG") == (word,)
    return f"{joint} {verb if same else word}"
