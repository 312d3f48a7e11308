"""Phrase matching that sees through verb forms: "push back" finds "Pushed back".

A phrase is a few words; each word matches any form of itself (its lemma, from
lemminflect plus the tested table in `lexicon/verbs.yaml`), and "..." stands for
up to six words in between ("tell ... vp" finds "Told the VP of Content").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field

from preploop.report.word_forms import getAllLemmas, getInflection
from preploop.tunables import Tunables, load_tunables

LEXICON = Path(__file__).parent / "lexicon"
GAP = "..."
MAX_GAP = 6
_TOKEN = re.compile(r"[a-z0-9]+(?:[/'&.+-][a-z0-9]+)*|\.\.\.", re.I)


class AnatomyLexicon(Tunables):
    """`lexicon/anatomy.yaml`: the words that cut a resume line into its parts."""

    trigger_markers: list[str] = Field(description="Open what set the work off.")
    result_markers: list[str] = Field(description="Open a result clause.")
    method_markers: list[str] = Field(description="Open how the work was done.")
    goal_markers: list[str] = Field(description="Open what the work was for.")
    not_goal_after: list[str] = Field(description="Words after which 'to' opens no goal.")
    people: dict[str, list[str]] = Field(description="Kinds of people a line names.")
    ownership: list[str] = Field(description="Verbs of owning an area.")
    weak_openers: list[str] = Field(description="Openers of someone else's work.")
    study_words: list[str] = Field(description="Lemmas of learning about a skill, not using it.")
    line_subjects: dict[str, list[str]] = Field(
        description="A line's first word, by whose action it tells: 'self' or 'other'."
    )
    trap_negators: list[str] = Field(description="Words that turn a trap phrase around.")
    question_people: dict[str, list[str]] = Field(description="People a question asks about.")
    common_words: list[str] = Field(description="Words too common to tie a line to a question.")


class VerbLexicon(Tunables):
    """`lexicon/verbs.yaml`: verb forms lemminflect gets wrong, and verb classes."""

    lemmas: dict[str, str] = Field(description="Form -> lemma.")
    past: dict[str, str] = Field(description="Lemma -> past tense.")
    not_actions: list[str] = Field(description="Words that open a line but are no action.")
    rises: list[str] = Field(description="Verbs that make a figure go up.")
    falls: list[str] = Field(description="Verbs that make a figure go down.")
    prefixes: list[str] = Field(description="Prefixes before a known verb: 're', 'pre-'.")
    compound_adjectives: list[str] = Field(
        description="Last words of compound adjectives, not verbs: 'data-driven'."
    )
    adjective_heads: list[str] = Field(
        description="First words of compound adjectives, not verbs: 'self-motivated'."
    )


class DraftLexicon(Tunables):
    """`lexicon/drafts.yaml`: the words STAR drafts are built and checked by."""

    after_i: list[str] = Field(description="Words after 'I' that are no verb: 'I also ran'.")
    subject_words: list[str] = Field(description="after_i words that can be a subject: 'Both'.")
    verbs: list[str] = Field(description="Verb forms lemminflect lacks.")
    action_verbs: list[str] = Field(
        description="Nouns that open a line as its verb in the base form: 'Lead', 'Ship'."
    )
    number_words: list[str] = Field(description="Numbers written as words.")
    result_asks: list[str] = Field(description="Prompt openings that ask for an outcome.")
    number_asks: list[str] = Field(description="Words of a prompt that asks for a number.")
    duty_verbs: list[str] = Field(description="Openers of a bullet that says what the job was.")
    lead_words: list[str] = Field(description="Openers kept before a comma, 'I' said after it.")
    assignments: list[str] = Field(description="'Was tasked with ...': the line gives a task.")
    by_people: list[str] = Field(description="Words after 'by' that name who did it.")
    clause_joins: list[str] = Field(description="Words before a verb of a later clause.")
    moved: list[str] = Field(description="Past forms of a number that moved: 'fell 18%'.")
    clause_openers: list[str] = Field(description="Words that open a later clause: 'so', 'after'.")
    participle_after: list[str] = Field(description="Words after a participle, not a verb.")
    outcome_leads: dict[str, str] = Field(description="'resulting in' -> 'resulted in'.")
    then_words: list[str] = Field(description="Adverbs before a later deed of mine.")
    i_forms: list[str] = Field(description="Forms 'I' takes that look like others'.")
    assignment_after: list[str] = Field(description="Words after an assignment: 'Tasked with'.")
    be_openers: list[str] = Field(description="Openers said 'I was ...': 'Responsible for'.")
    trigger_clause_markers: list[str] = Field(
        description="Open a trigger that can open the Situation."
    )
    finite_verbs: list[str] = Field(description="Forms that make a clause of its own.")
    pronouns: list[str] = Field(description="Words that refer back to what was said.")
    object_stops: list[str] = Field(description="Where what an action is about ends.")
    object_people: list[str] = Field(description="Kinds of people a prompt never asks about.")
    particles: list[str] = Field(description="Words of a phrasal verb: 'pushed back on'.")
    determiners: list[str] = Field(description="A word after one is a noun or an adjective.")
    not_verbs: list[str] = Field(description="Words in -ing that open no outcome.")
    task_verbs: list[str] = Field(description="Openers of a first clause told as the Task.")
    posts: list[str] = Field(description="Posts of a club or society: 'President'.")
    organisations: list[str] = Field(description="Last words of a club's or society's name.")
    subject_after: list[str] = Field(description="Words after which a past form opens a clause.")
    clause_subjects: list[str] = Field(description="Subjects that make a clause whole.")
    relative_ends: list[str] = Field(description="Verbs after 'the tool I wrote': 'is'.")
    title_breaks: list[str] = Field(
        description="Words that open a phrase; a title never ends on one."
    )
    title_complements: list[str] = Field(description="Words a past verb needs after it.")
    that_verbs: list[str] = Field(description="Openers whose 'that' clause a title keeps.")
    title_tails: list[str] = Field(description="Words a title never ends on.")
    passive_openers: list[str] = Field(description="Openers said 'I was ...' before passive_after.")
    passive_after: list[str] = Field(description="Words after a passive opener.")
    passive_always: list[str] = Field(description="Participles that are never a past tense.")
    describing_after: list[str] = Field(
        default_factory=list, description="Words after which an -ed word describes a noun."
    )
    praise_tails: list[str] = Field(
        default_factory=list,
        description="Openers of a closing clause that praises rather than tells: cut from drafts.",
    )
    abbreviations: list[str] = Field(description="Abbreviations whose full stop ends no sentence.")
    the_openers: list[str] = Field(description="Openers said 'I was the ...': 'Sole PM'.")
    a_openers: list[str] = Field(description="Openers said 'I was a ...': 'Key contributor'.")
    self_describers: list[str] = Field(description="Adjectives of a self-description.")
    passive_later: list[str] = Field(description="Later clauses that say what became of the work.")
    self_employers: list[str] = Field(description="'Employers' that mean working for oneself.")
    study_titles: list[str] = Field(description="Title words of a time of study or a break.")


LEXICONS = {"anatomy": AnatomyLexicon, "verbs": VerbLexicon, "drafts": DraftLexicon}


@functools.cache
def lexicon(name: str):
    """One data file of `lexicon/`, read once into its typed model."""
    return load_tunables(LEXICON / f"{name}.yaml", LEXICONS[name])


@dataclass(frozen=True)
class Token:
    text: str  # as written
    lower: str
    lemma: str
    start: int  # character offsets in the line
    end: int


def tokens(text: str) -> list[Token]:
    return [
        Token(m.group(0), m.group(0).lower(), lemma(m.group(0)), m.start(), m.end())
        for m in _TOKEN.finditer(text)
    ]


@functools.lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The base form of a word: verbs first ("led" -> "lead"), then nouns ("tests" -> "test")."""
    lower = word.lower()
    if lower.endswith("'s"):
        return lemma(lower[:-2])  # "CMO's" is the CMO
    table = lexicon("verbs").lemmas
    if lower in table:
        return table[lower]
    if not lower.isalpha():
        return lower
    forms = getAllLemmas(lower)
    if lower.endswith("ing") and lower in forms.get("NOUN", ()):
        return lower  # "engineering", "marketing": a noun, not the verb "engineer"
    for pos in ("VERB", "NOUN", "ADJ"):
        if forms.get(pos):
            return forms[pos][0].lower()
    return lower


def _known_verb(lower: str) -> bool:
    return lower in lexicon("verbs").lemmas or bool(getAllLemmas(lower).get("VERB"))


def prefixed(word: str) -> tuple[str, str]:
    """'relaunched' -> ('re', 'launched'), 'load-tested' -> ('load-', 'tested'): a prefix
    or the head of a compound before a verb lemminflect knows; ('', word) when the word is
    known as it is or has no such head."""
    lower = word.lower()
    if _known_verb(lower) or getAllLemmas(lower):
        return "", lower
    for prefix in lexicon("verbs").prefixes:
        stem = lower[len(prefix) :]
        # A hyphen marks the prefix, so a short stem is safe: "co-led", "re-ran".
        shortest = 3 if prefix.endswith("-") else 4
        if lower.startswith(prefix) and len(stem) >= shortest and _known_verb(stem):
            return prefix, stem
    head, dash, last = lower.rpartition("-")
    verbs = lexicon("verbs")  # "decline-related", "data-driven", "self-motivated": adjectives
    adjective = last in verbs.compound_adjectives or head in verbs.adjective_heads
    if dash and head and len(last) > 2 and not adjective and _past_form_of_known(last):
        return f"{head}-", last  # "pair-programmed", "open-sourced", "de-risked"
    return "", lower


def _past_form_of_known(word: str) -> bool:
    """'tested', 'built': a past form; not 'line', 'shows' or 'ingest' (a compound noun)."""
    return any(
        word in getInflection(lemma, tag=tag)
        for lemma in getAllLemmas(word).get("VERB", ())
        for tag in ("VBD", "VBN")
    )


def can_be_verb(word: str) -> bool:
    return _known_verb(prefixed(word)[1])


def verb_lemma(word: str) -> str:
    """The base form of a word read as a verb ("cutting" -> "cut", where `lemma` keeps
    the noun "cutting")."""
    prefix, lower = prefixed(word)
    table = lexicon("verbs").lemmas
    if lower in table:
        return prefix + table[lower]
    verbs = getAllLemmas(lower).get("VERB")
    return prefix + (verbs[0].lower() if verbs else lemma(lower))


def past_tense(verb: str) -> str:
    """'lead' or 'leads' -> 'led'; a past form stays as it is ("" for no word at all)."""
    lower = verb.lower()
    if not lower.strip("-"):
        return ""  # a line opening with a dash or a figure: no verb to put in the past
    prefix, stem = prefixed(lower)
    if prefix:
        return prefix + past_tense(stem)  # "relaunch" -> "relaunched"
    spelt = lower.endswith("ed") and len(lower) > 4 and verb_lemma(lower) != lower
    if spelt and can_be_verb(lower):
        return lower  # a past form as the resume spells it ("deprioritised", not "-ized")
    base = verb_lemma(lower)
    table = lexicon("verbs").past
    if base in table:
        return table[base]
    if lower.endswith("ed") or getInflection(base, tag="VBD") == (lower,):
        return lower
    found = getInflection(base, tag="VBD")
    return found[0] if found else lower


def is_past_form(word: str) -> bool:
    """A known past form of a known verb ("led", "relaunched"), not one made up by rule."""
    prefix, stem = prefixed(word)
    if not can_be_verb(stem):
        return False
    base = verb_lemma(stem)
    past = lexicon("verbs").past
    return (
        stem in getInflection(base, tag="VBD")
        or stem == past.get(base)
        or (stem in getInflection(base, tag="VBN"))
    )


@dataclass(frozen=True)
class Phrase:
    text: str
    parts: tuple[tuple[str, ...], ...]  # runs of lemmas, separated by "..." gaps

    @classmethod
    def parse(cls, text: str) -> Phrase:
        runs: list[list[str]] = [[]]
        for tok in tokens(text):
            if tok.text == GAP:
                runs.append([])
            else:
                runs[-1].append(tok.lemma)
        return cls(text, tuple(tuple(run) for run in runs if run))

    def find(self, line: list[Token]) -> tuple[int, int] | None:
        """Token span (start, end) of the first match in the line, or None."""
        return _find_runs([t.lemma for t in line], self.parts, 0, None)


def _find_runs(
    lemmas: list[str], runs: tuple[tuple[str, ...], ...], at: int, limit: int | None
) -> tuple[int, int] | None:
    first, rest = runs[0], runs[1:]
    last_start = len(lemmas) - len(first) if limit is None else min(limit, len(lemmas) - len(first))
    for i in range(at, last_start + 1):
        if tuple(lemmas[i : i + len(first)]) != first:
            continue
        end = i + len(first)
        if not rest:
            return i, end
        tail = _find_runs(lemmas, rest, end, end + MAX_GAP)
        if tail:
            return i, tail[1]
    return None


class PhraseSet:
    """Many phrases, compiled once; `find` says which occur in a line."""

    def __init__(self, phrases: list[str]):
        self.phrases = [Phrase.parse(p) for p in dict.fromkeys(phrases)]
        self.phrases = [p for p in self.phrases if p.parts]
        # Phrases by their first lemma: a line is tried only against phrases that can
        # start in it (most sets hold hundreds of phrases, most lines a dozen words).
        self._starting: dict[str, list[int]] = {}
        for index, phrase in enumerate(self.phrases):
            self._starting.setdefault(phrase.parts[0][0], []).append(index)

    def find(self, line: list[Token]) -> list[str]:
        return [text for text, _ in self.spans(line)]

    def spans(self, line: list[Token]) -> list[tuple[str, tuple[int, int]]]:
        lemmas = [t.lemma for t in line]
        tried = sorted(i for lemma in set(lemmas) for i in self._starting.get(lemma, ()))
        found = []
        for index in tried:  # in the set's own order, as callers expect
            phrase = self.phrases[index]
            if span := _find_runs(lemmas, phrase.parts, 0, None):
                found.append((phrase.text, span))
        return found
