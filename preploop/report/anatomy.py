"""Bullet anatomy: one resume line taken apart into the parts of a story.

"Killed the legacy carousel without sign-off after an A/B test showed it cost 3.1%
of play starts; gave the slot to Continue Watching" becomes actions ("Killed the
legacy carousel without sign-off", "gave the slot to Continue Watching"), a trigger
("after an A/B test showed it cost 3.1% of play starts"), people, scope, a result,
and the intents the line carries (decision-without-approval, stopped-something...).
Every part is the candidate's own words; nothing is added. The markers that cut a
line into parts are data in `lexicon/anatomy.yaml`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from preploop.model import Intent, IntentOverride
from preploop.report.findings import Anatomy
from preploop.report.learned import LEARNED, LinearModel, intent_model, story_model
from preploop.report.method import value
from preploop.report.phrases import PhraseSet, can_be_verb, lexicon, tokens
from preploop.report.terms import metrics_in

_SEGMENT_SPLIT = re.compile(r"\s*;\s*|\s+[—–]\s+|\s+-\s+(?=[A-Za-z])")
_TEAM = re.compile(
    r"\b(?:team of \d+|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)"
    r"[- ](?:person|engineers?|designers?|data scientists?|people|reports|pms?|markets|"
    r"countries|teams|squads))\b",
    re.I,
)


class IntentTagger:
    """The family's intents, with a company's and a role's extra phrases, compiled once."""

    def __init__(
        self,
        intents: Mapping[str, Intent],
        *overrides: Mapping[str, IntentOverride],
        model: LinearModel | None = LEARNED,
    ):
        self.model = intent_model() if model is LEARNED else model
        self.story_model = story_model() if model is LEARNED else None
        self.labels = {key: intent.label for key, intent in intents.items()}
        self.prompts = {key: intent.prompt for key, intent in intents.items()}
        self._phrases: dict[str, PhraseSet] = {}
        self._scored: dict[tuple[str, bool], dict[str, float]] = {}
        self._unless: dict[str, PhraseSet] = {}
        for key, intent in intents.items():
            phrases, unless = list(intent.phrases), list(intent.unless)
            for override in overrides:
                if key in override:
                    phrases += override[key].phrases
                    unless += override[key].unless
            self._phrases[key] = PhraseSet(phrases)
            self._unless[key] = PhraseSet(unless)

    def tag(self, text: str) -> dict[str, list[str]]:
        """Intent id -> the words of the line that show it, for intents not cancelled.
        The phrase lists propose and the learned model decides: it reads the phrase hits
        as features beside the line's own words, so a list's hit counts as far as the
        labelled lines showed that list to be right, and wording no list holds is found."""
        toks = tokens(text)
        hits = {}
        cancelled = set()
        for key, phrases in self._phrases.items():
            if self._cancels(key, toks):
                cancelled.add(key)
            elif found := phrases.find(toks):
                hits[key] = found
        if self.model is None:
            return hits
        shown = self.model.above(text, hints=hits)
        words = self.model.find(text, hints=hits)
        return {
            key: hits.get(key) or words[key]
            for key in self._phrases
            if key in shown and key not in cancelled and (key in hits or key in words)
        }

    def _cancels(self, key: str, toks: list) -> bool:
        """A trap phrase of the intent is in the line, and no negator just before it turns
        it around ("without waiting for approval" is no trap)."""
        negators = _markers()["negators"]
        return any(
            not negators.find(toks[max(0, start - 2) : start])
            for _, (start, _) in self._unless[key].spans(toks)
        )

    def strengths(self, text: str, floor: float) -> dict[str, float]:
        """Intent id -> how sure the reading is that the line tells that kind of story
        (the model's probability, 1.0 for a phrase hit when no model ships), for intents
        at or above `floor`: a story can rest on a likely intent when no line is certain."""
        return self._chances(text, self.model, floor)

    def story_chances(self, text: str) -> dict[str, float]:
        """Intent id -> how likely the line tells that kind of story well enough to be
        told (labelled `strong`), not only as raw material; empty without a model."""
        return self._chances(text, self.story_model, 0.0) if self.story_model else {}

    def _chances(self, text: str, model: LinearModel | None, floor: float) -> dict[str, float]:
        # The principles map and the stories read the same lines: score each line once.
        key = (text, model is self.story_model)
        if key not in self._scored:
            self._scored[key] = self._score(text, model)
        return {k: round(chance, 2) for k, chance in self._scored[key].items() if chance >= floor}

    def _score(self, text: str, model: LinearModel | None) -> dict[str, float]:
        toks = tokens(text)
        hits = {k: True for k, phrases in self._phrases.items() if phrases.find(toks)}
        live = [k for k in self._phrases if not self._cancels(k, toks)]
        if model is None:
            return {k: 1.0 for k in live if k in hits}
        scores = model.scores(text, hints=hits)
        return {k: scores.get(k, 0.0) for k in live}


@functools.cache
def _markers() -> dict:
    data = lexicon("anatomy")
    people = {kind: PhraseSet(words) for kind, words in data.people.items()}
    return {
        "trigger": _alternation(data.trigger_markers),
        "result": _alternation(data.result_markers),
        "method": _alternation(data.method_markers),
        "goal": _alternation(data.goal_markers),
        "not_goal_after": frozenset(data.not_goal_after),
        "ownership": PhraseSet(data.ownership),
        "weak": PhraseSet(data.weak_openers),
        "negators": PhraseSet(data.trap_negators),
        "people": people,
        "question_people": {k: PhraseSet(v) for k, v in data.question_people.items()},
    }


def _alternation(words: list[str]) -> str:
    ordered = sorted(words, key=len, reverse=True)  # longest first: "as soon as" before "as"
    return "|".join(re.escape(w) for w in ordered)


def read_bullet(text: str, tagger: IntentTagger | None = None) -> Anatomy:
    """The parts of one resume line, in its own words."""
    markers = _markers()
    actions: list[str] = []
    results: list[str] = []
    trigger = goal = ""
    for index, segment in enumerate(s for s in _SEGMENT_SPLIT.split(text.strip()) if s):
        segment = segment.strip(" ,.")
        kind = _segment_kind(segment, index)
        if kind == "result":
            results.append(segment)
            continue
        main, result = _cut_result(segment, markers["result"])
        if result:
            results.append(result)
        main, found_trigger, found_goal = _cut_context(main, markers)
        trigger = trigger or found_trigger
        goal = goal or found_goal
        if main:
            actions.append(main)
    toks = tokens(text)
    people = [
        f"{kind}: {_span_text(text, toks, span)}"
        for kind, phrases in markers["people"].items()
        for _, span in phrases.spans(toks)
    ]
    intents = tagger.tag(text) if tagger else {}
    # What the line is about, as opposed to what set it off: an A/B test in the trigger
    # of a decision does not make the line an experiment story.
    lead = tagger.tag(text.replace(trigger, " ") if trigger else text) if tagger else {}
    opening = tokens(text)[:3]
    # A duty line that lists topics ("with data science, marketing and finance on A/B
    # tests, KPIs and dashboards"): many joins and nothing that happened.
    joins = text.count(",") + len(re.findall(r"\band\b", text))
    listy = joins >= 4 and not (results or metrics_in(text) or trigger)
    return Anatomy(
        actions=actions,
        trigger=trigger,
        goal=goal,
        method=_methods(text, markers["method"]),
        scope=list(dict.fromkeys(metrics_in(text) + [m.group(0) for m in _TEAM.finditer(text)])),
        people=list(dict.fromkeys(people)),
        results=results,
        owns=bool(actions) and bool(markers["ownership"].find(tokens(actions[0])[:3])),
        weak=bool(markers["weak"].find(opening)) and bool(markers["weak"].find(opening[:2])),
        listy=listy,
        lead_intents=sorted(lead),
        intents=sorted(intents),
        intent_phrases={key: hits for key, hits in sorted(intents.items())},
        intent_strength=tagger.strengths(text, value("stories.intent_floor")) if tagger else {},
    )


def _span_text(text: str, toks: list, span: tuple[int, int]) -> str:
    words = text[toks[span[0]].start : toks[span[1] - 1].end]
    return words.removesuffix("'s")  # "the CMO's request" names the CMO


# "approved with a $600K budget", "adopted by three teams": an outcome in the passive.
PASSIVE = re.compile(r"^[a-z]+ed\s+(?:by|with|in|within|at|for|across|and)\b")


def _segment_kind(segment: str, index: int) -> str:
    """'action' for a segment opening with a verb, 'result' for an outcome."""
    first = segment.split(maxsplit=1)[0] if segment.split() else ""
    word = re.sub(r"[^A-Za-z-]", "", first)
    if index > 0 and PASSIVE.match(segment):
        return "result"
    verb = word and can_be_verb(word) and word.lower() not in lexicon("verbs").not_actions
    # "Cut scope ..." is an action; "1.2M kids' profiles created in 8 weeks" is not.
    if verb and not first[:1].isdigit():
        return "action"
    if index == 0 and not metrics_in(segment):
        return "action"  # "Responsible for billing": a duty, told as the task
    return "result"


def _cut_result(segment: str, result_markers: str) -> tuple[str, str]:
    """Split '..., saving $4.2M a year' into the action and its result."""
    m = re.search(rf",\s+(?:{result_markers})\b", segment, re.I)
    if not m:
        return segment, ""
    return segment[: m.start()].strip(), segment[m.start() :].strip(" ,")


def _cut_context(main: str, markers: dict) -> tuple[str, str, str]:
    """Take the trigger ('after churn analysis showed ...') and the goal ('to ship ...')
    out of an action; whichever comes first keeps the rest of the line."""
    # "the following month" is a date, not a trigger.
    trigger_at = re.search(rf"(?<=\s)(?<!the\s)(?:{markers['trigger']})\s", main, re.I)
    goal_at = _goal_start(main, markers["goal"], markers["not_goal_after"])
    if trigger_at and (goal_at is None or trigger_at.start() < goal_at):
        return main[: trigger_at.start()].strip(" ,"), main[trigger_at.start() :].strip(" ,"), ""
    if goal_at is not None:
        goal = re.sub(rf"^(?:{markers['goal']})\s+", "", main[goal_at:], flags=re.I)
        return main[:goal_at].strip(" ,"), "", goal.strip(" ,")
    return main, "", ""


def _goal_start(main: str, goal_markers: str, not_after: frozenset[str]) -> int | None:
    for m in re.finditer(rf"(?<=\s)(?:{goal_markers})\s+([a-z][a-z-]*)", main):
        before = main[: m.start()].split()
        if before and before[-1].lower().strip(",") in not_after:
            continue
        if can_be_verb(m.group(1)) and len(before) >= 2:
            return m.start()
    return None


def _methods(text: str, method_markers: str) -> list[str]:
    """'using cohort retention data', 'in SQL': how the work was done, as written."""
    found = []
    for m in re.finditer(rf"\b(?:{method_markers})\s+([^,;]+)", text, re.I):
        words = m.group(1).split()
        phrase = f"{m.group(0).split()[0]} {' '.join(words[:6])}"
        marker = phrase.split()[0].lower()
        # "in" and "with" name a method only when a tool or a proper name follows.
        if marker in ("in", "with", "by") and not re.match(r"[A-Z]", words[0]):
            continue
        found.append(phrase)
    return found


def people_asked_about(question_text: str) -> set[str]:
    """The kinds of person a question names ("a senior stakeholder" -> executive)."""
    toks = tokens(question_text)
    return {kind for kind, phrases in _markers()["question_people"].items() if phrases.find(toks)}


def topic_words(text: str) -> frozenset[str]:
    """The content words of a text, as lemmas: what a question or a line is about."""
    common = _common_words()
    return frozenset(t.lemma for t in tokens(text) if t.lemma not in common and t.lemma.isalpha())


@functools.cache
def _common_words() -> frozenset[str]:
    return frozenset(lexicon("anatomy").common_words)
