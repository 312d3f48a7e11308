"""STAR drafts: a resume line retold as Situation, Task, Action and Result, in words a
candidate could say aloud.

A draft quotes the line in the first person ("Killed the carousel" -> "I killed the
carousel"; clause by clause in `clauses.py`), moving a part of it to another slot only
where the parse is sure: a trigger
that is a clause of its own opens the Situation, an outcome the Result. Anything unsure
stays where the line put it. The fixed words of a draft (openers, connectors, prompts)
are the `draft.*` entries of the report's wording file; the heuristics are in
`lexicon/drafts.yaml`. At most two "[add: ...]" prompts a story, each for a part the line
lacks, and a guard drops any drafted sentence holding a number or a name the resume does
not. A `Drafter` drafts the stories of one report, so no sentence repeats across them.
Which line becomes a story is decided in `stories.py`.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from preploop.report.anatomy import read_bullet
from preploop.report.clauses import (
    ADD,
    as_sentence,
    cut_out,
    first_deed,
    first_person,
    has_verb,
    is_compound,
    is_finite,
    joined_actions,
    lowered,
    mended,
    opens_with_verb,
    quote,
    say,
    tidy,
    with_article,
)
from preploop.report.documents import Position, Project, Resume
from preploop.report.draft_check import has_number, is_abbreviation, words
from preploop.report.findings import Anatomy
from preploop.report.outcomes import and_outcome, change_of, is_outcome, result_sentence
from preploop.report.phrases import can_be_verb, is_past_form, tokens, verb_lemma
from preploop.report.terms import metrics_in
from preploop.report.word_forms import getAllLemmas
from preploop.report.wording import wording

JOB_OPENERS = ("job-a", "job-b", "job-c", "job-d", "job-e", "job-f")
POST_OPENERS = ("post-a", "post-b", "post-c", "post-d")


class DraftLine(Protocol):
    """What a draft needs of a story line (`stories.Line`)."""

    text: str
    position: Position | None
    anatomy: Anatomy


@functools.cache
def template_words() -> frozenset[str]:
    """Every word of the draft wording: capitalised, they are ours, not the resume's."""
    text = " ".join(
        v for k, v in wording().items() if k.startswith("draft.") and isinstance(v, str)
    )
    text = re.sub(r"\{[{%].*?[%}]\}", " ", text)
    return frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", text)) | {"i"}


class Drafter:
    """Drafts the stories of one report: openers vary per job, a job's duty is told once,
    and no sentence is said twice."""

    def __init__(self, resume: Resume, lines: Sequence[DraftLine]):
        self.resume_text = resume_words(resume)
        self.story_texts = {line.text for line in lines}
        self.said: set[str] = set()
        self.openers: dict[int, int] = {}  # id(position) -> openers used
        self.duty_told: set[str] = set()  # bullets told as a task
        self.area_told: set[int] = set()  # id(position)
        self.there_told: set[int] = set()  # id(position): "I was ... there at the time."
        self.prompt_uses: Counter[str] = Counter()  # prompts shown so far in this report
        # Words the resume writes in lower case too: safe to lower-case after "At X, ".
        self.common = set(re.findall(r"(?<![.!?]\s)(?<=\s)([a-z][a-z'-]*)", self.resume_text))

    def draft(self, line: DraftLine) -> tuple[str, str, str, str, list[str]]:
        """Situation, task, action and result, and the prompts left to fill in."""
        parts = _Parts.of(line)
        situation = self._situation(line, parts)
        task = parts.task or self._duty(line)
        asks = _asks(line, parts, bool(task), self._ask)
        if parts.trigger and not task:  # the trigger set the scene: say the role here
            task = self._job(line.position, named=bool(_employer(line.position)))
        if not task:
            task = self._area(line.position)
        action = parts.action
        result = " ".join(parts.results)
        if not situation:  # no job to name: the scene is the first thing to ask for
            asks = [
                ("situation", slot_ask[1]) for slot_ask in asks[:1] if slot_ask[0] == "task"
            ] or [("situation", self._ask("ask-scene"))] + [a for a in asks if a[0] != "task"]
        if not action:
            asks.insert(0, ("action", self._ask("ask-steps")))
        # At most two, most needed first; a bracket of the line would close the prompt early.
        asks = [(slot, prompt.replace("[", "(").replace("]", ")")) for slot, prompt in asks]
        prompts = [prompt for _, prompt in asks[:2]]
        self.prompt_uses.update(prompts)
        fields = {"situation": situation, "task": task, "action": action, "result": result}
        for slot, prompt in asks[:2]:
            fields[slot] = f"{fields[slot]} [add: {prompt}]".strip()
        out = []
        for text in fields.values():
            text = self._unsaid(_guarded(text, self.resume_text, prompts))
            out.append(text)
        return (*out, prompts)

    def _ask(self, code: str, **args: str) -> str:
        """A prompt in the wording this report has used least: a second wording
        ('ask-context-b', ...) takes over once a prompt has been asked twice."""
        codes = [code] + [f"{code}-{v}" for v in "bcd" if f"draft.{code}-{v}" in wording()]
        said = [say(c, **args) for c in codes]
        return min(said, key=lambda text: (self.prompt_uses[text] >= 2, said.index(text)))

    def _situation(self, line: DraftLine, parts: _Parts) -> str:
        position = line.position
        employer = _employer(position)
        if parts.trigger:
            clause = parts.trigger.rstrip(" .;:,")
            lead = clause.split()[0].lower()
            known = lead in self.common or getAllLemmas(lead)
            if employer and clause[1:2].islower() and known and lead not in words()["posts"]:
                clause = clause[0].lower() + clause[1:]  # "At Hearthside, weekly time ..."
            return say("trigger-at" if employer else "trigger", employer=employer, clause=clause)
        return self._job(position)

    def _job(self, position: Position | None, named: bool = False) -> str:
        """The job, said the next way for that job: who the candidate was there ('there'
        when the Situation `named` the employer already)."""
        employer = _employer_name(position) if position else ""
        if position is None or not (employer or isinstance(position, Project)):
            return ""
        used = self.openers.get(id(position), 0)
        self.openers[id(position)] = used + 1
        if isinstance(position, Project):  # "This is from a project of mine, DevFlow, ..."
            role = _as_name(position.title)
            args = {"project": employer, "a_role": with_article(role) if role else ""}
            return say("project", **args) if used == 0 else ""
        if post := _post(position):  # "I was President of the Debating Society."
            return say(POST_OPENERS[used], post=post) if used < len(POST_OPENERS) else ""
        title_words = set(re.findall(r"[a-z-]+", position.title.lower()))
        if title_words & set(words()["study_titles"]):  # "Self-study and bootcamp"
            return say("job-study", what=position.title.lower()) if used == 0 else ""
        if _self_employed(position):  # "Self-employed": no "at Self-employed"
            role = " ".join(  # "UX Designer" -> "UX designer"
                w.lower() if w[1:].islower() else w for w in _title_parts(position.title)[0].split()
            )
            return say("job-self", a_role=with_article(role)) if used == 0 and role else ""
        if used >= len(JOB_OPENERS):
            return ""  # each opener once a job; past that the prompt sets the scene
        role, area = _title_parts(position.title)
        there = named and id(position) not in self.there_told  # said once a job
        self.there_told |= {id(position)} if there else set()
        code = "job-there" if there else JOB_OPENERS[used]
        return say(code, employer=employer, a_role=with_article(role), role=role, area=area)

    def _area(self, position: Position | None) -> str:
        """The area a job title names ('Product Manager, Subscriptions'), once a job."""
        area = _title_parts(position.title)[1] if position else ""
        if not area or id(position) in self.area_told or _post(position):
            return ""
        self.area_told.add(id(position))
        return say("area", area=area)

    def _duty(self, line: DraftLine) -> str:
        """What the candidate owned in that job, from a bullet no story tells ('Owned the
        sign-up and billing funnel for 14 markets'); each such bullet told once a report."""
        position = line.position
        if position is None:
            return ""
        for bullet in position.bullets:
            if bullet in self.story_texts or bullet in self.duty_told:
                continue
            anatomy = read_bullet(bullet)
            first = anatomy.actions[0].split()[0].lower() if anatomy.actions else ""
            if first in words()["duty_verbs"]:
                self.duty_told.add(bullet)
                return (quote(anatomy.actions[0]) or [""])[0]  # "Responsible for": "I was ..."
        return ""

    def _unsaid(self, text: str) -> str:
        """The field without the sentences already said in this report."""
        kept = []
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z\[])", text):
            key = ADD.sub("", sentence).strip().lower()
            if key and key in self.said:
                continue
            self.said.add(key)
            kept.append(sentence)
        return " ".join(kept)


@dataclass
class _Parts:
    """The line cut into what the draft can say: a trigger clause, a task, the action
    quote and the result sentences. A part is cut out only where the parse is sure."""

    trigger: str
    task: str
    action: str
    results: list[str]
    obj: str  # what the line is about, for prompts: "the legacy carousel"
    deed: str  # "you killed the legacy carousel"

    @classmethod
    def of(cls, line: DraftLine) -> _Parts:
        a = line.anatomy
        text = _without_praise(mended(tidy(line.text).rstrip(".;:, ")))
        if re.search(r"\bby me\b", text, re.I):  # "X was taken on by me when ...": the
            return cls("", "", joined_actions(quote(text)), [], "", "")  # parse is unsure
        if said := _outcome_first(text):  # "Churn down 2 points, helped by a test I ran"
            outcome, done = said
            return cls("", "", joined_actions(quote(done)), [outcome], *_object(done, a))
        trigger = ""
        first = a.results[0] if a.results and line.text.startswith(a.results[0]) else ""
        rest = cut_out(text, first) if first else text
        alone = ". " not in first and not re.search(r"\bI\b", first)  # one clause, not mine
        # In a story of one's own mistake, the figure said first is the mistake, which sets
        # the scene; told as the result, the story would end on it.
        mistake = "mistake-owned" in a.intents and ". " not in first
        if rest and rest != text and is_finite(first) and (alone or mistake):
            trigger, text = first, rest  # "Weekly time in app dropped 7%; dug in and ..."
        elif a.trigger and a.trigger in text and not is_compound(text[: text.find(a.trigger)]):
            obj, _ = _object(a.actions[0] if a.actions else text, a)
            cut = cut_out(text, a.trigger)
            if cut != text and (trigger := trigger_clause(a.trigger, obj)):
                text = cut
        results, rest = [], text
        for result in a.results:
            sentence = result_sentence(result) if result in rest and result != trigger else ""
            if sentence and (cut := cut_out(rest, result)) != rest:
                results.append(sentence)
                rest = cut
        if not quote(rest) or not has_verb(rest):  # all outcome: say it as written
            results, rest = [], text
        sentences = quote(rest)
        opening = sentences[0] if len(sentences) > 1 and sentences[1].startswith("I ") else ""
        about = opening.startswith(say("about", topic="\0").split("\0")[0])
        mine = re.match(r"(?:I|Given)\b", opening) or about
        if not trigger and is_finite(opening) and not mine:
            trigger = sentences.pop(0).rstrip(".")  # "Our stamps feature flopped: ..."
        task = ""
        sentences = _assignment_split(sentences)
        # An ownership clause or a starting point, then what was done: the first is the task.
        lead = sentences[0] if sentences else ""
        first_verb = lead.split()[1] if re.match(r"I \w", lead) else ""
        if len(sentences) > 1 and first_verb and (a.owns or first_verb in words()["task_verbs"]):
            task = sentences.pop(0)
        elif _assigned(lead) and not results:
            task = sentences.pop(0)  # "I was tasked with ...": what was asked, not what was done
        while not results and len(sentences) > 1 and is_outcome(sentences[-1]):
            results.insert(0, sentences.pop())  # "...; return contacts fell 40%"
        for i, sentence in enumerate(sentences):
            if not results and (change := change_of(sentence) or and_outcome(sentence)):
                sentences[i], result = change  # "I cut X from 480 to 120" -> "X went ..."
                results = [result]
        obj, deed = _object(first_deed(sentences), a)
        return cls(trigger, task, joined_actions(sentences), results, obj, deed)


# An outcome said first, then the candidate's deed behind it.
_HELPED_BY = re.compile(
    r"(?P<outcome>[^,;]+),\s+(?:helped|driven|made possible) by (?P<what>[^,;]+?) (?:that )?"
    r"I (?P<verb>[a-z]+)\b(?P<rest>[^;]*)$"
)
_AFTER_I = re.compile(r"(?P<outcome>[^,;]+),\s+after I (?P<verb>[a-z]+)\b(?P<rest>[^;]*)$")


def _without_praise(text: str) -> str:
    """The line without a closing clause that praises ("..., demonstrating expertise in
    API design"): the rest is what a candidate would say."""
    tails = "|".join(re.escape(t) for t in words()["praise_tails"])
    cut = re.sub(rf",\s+(?:{tails})\b[^,;]*$", "", text, flags=re.I) if tails else text
    return cut if has_verb(cut) else text


def _outcome_first(text: str) -> tuple[str, str] | None:
    """'On-time delivery up from 88% to 95%, helped by an A/B test I ran on ETA wording' ->
    ('The result was on-time delivery up from 88% to 95%.', 'I ran an A/B test on ETA
    wording'); '$1.1M saved, after I found duplicate charges' likewise. None when the
    line is no such outcome (a number, no verb of its own) and deed (a past verb)."""
    m = _HELPED_BY.match(text) or _AFTER_I.match(text)
    if not m or not metrics_in(m["outcome"]) or is_finite(m["outcome"]):
        return None
    if not is_past_form(m["verb"]):
        return None
    what = f" {m['what']}" if "what" in m.groupdict() else ""
    outcome = result_sentence(m["outcome"]) or say("result-was", clause=lowered(m["outcome"]))
    return outcome, f"I {m['verb']}{what}{m['rest']}"


def trigger_clause(trigger: str, obj: str) -> str:
    """'after an A/B test showed it cost 3.1% of play starts' -> 'an A/B test showed the
    carousel cost 3.1% of play starts': only a clause of its own, with its pronoun known."""
    marker = next(
        (m for m in words()["trigger_clause_markers"] if trigger.lower().startswith(m + " ")), ""
    )
    if not marker or re.search(r"[,;]|\.\s", trigger):  # one clause, not the next sentence
        return ""
    clause = trigger[len(marker) :].strip()
    toks = clause.split()
    if not toks or toks[0].lower().endswith("ing"):
        return ""  # "after reproducing it": the candidate's own doing
    markers = "|".join(map(re.escape, words()["trigger_clause_markers"]))
    head = re.split(rf"\s(?:{markers})\s", clause)[0]
    if not is_finite(head):
        return ""  # "after 6 weeks when data showed ...": a time, the clause is inside it
    pronouns = [w for w in re.findall(r"[A-Za-z]+", clause) if w.lower() in words()["pronouns"]]
    if pronouns:
        if pronouns != ["it"] or not obj:
            return ""
        clause = re.sub(r"\bit\b", obj, clause, count=1)
    return clause


def _assigned(sentence: str) -> bool:
    """'I was tasked with ...', 'I was given the task of ...': the line says the task."""
    m = re.match(r"I was (\w+) ", sentence)
    return bool(m) and m.group(1).lower() in words()["assignments"]


def _assignment_split(sentences: list[str]) -> list[str]:
    """'I was handed a mandate to grow X, and built the plan myself' -> the task and 'I
    built the plan myself', two sentences."""
    if not sentences or not _assigned(sentences[0]):
        return sentences
    first = sentences[0]
    # The first "and" that opens a deed: "... in two states and no owner, and I handled
    # it by ..." splits at the second.
    for m in re.finditer(r",? and (?=(?P<i>I )?(?P<verb>[a-z]+) (?P<rest>.+)$)", first):
        passive = not m["i"] and m["verb"] in words()["assignments"]  # "... and asked to"
        if is_past_form(m["verb"]) and can_be_verb(m["verb"]) and not passive:
            task, deed = first[: m.start()], f"I {m['verb']} {m['rest']}"
            return [as_sentence(task), as_sentence(deed), *sentences[1:]]
    return sentences


def _employer(position: Position | None) -> str:
    """The employer a Situation can name: none for a job for oneself or a project."""
    if position is None or _self_employed(position) or isinstance(position, Project):
        return ""
    return _employer_name(position)


def _employer_name(position: Position) -> str:
    return _as_name(position.employer)


def _as_name(text: str) -> str:
    """A title or employer as it can stand inside a sentence: 'Product Manager:' or
    'Acme Co.,' as a layout left them -> 'Product Manager', 'Acme Co.'"""
    name = text.strip().rstrip(" ,;:/–—-").strip()
    while name.endswith(".") and not is_abbreviation(name.split()[-1]):
        name = name[:-1].rstrip(" ,;:/–—-")  # "Product Manager II." ends no sentence here
    return name


def _self_employed(position: Position) -> bool:
    return position.employer.strip().lower() in words()["self_employers"]


def _post(position: Position) -> str:
    """'President', 'Lakeshore Entrepreneurs Society' -> 'President of the Lakeshore
    Entrepreneurs Society'; 'President, Trailheads Hiking Club' at a university ->
    'President of the Trailheads Hiking Club at ...'; '' for a job that is no such post."""
    role, area = _title_parts(position.title)
    if not role or role.split()[0].lower() not in words()["posts"]:
        return ""
    orgs = words()["organisations"]

    def the(name: str) -> str:
        return name if name.lower().startswith("the ") else f"the {name}"

    employer = _employer_name(position)
    if area and area.split()[-1].lower() in orgs:
        return f"{role} of {the(area)}" + (f" at {employer}" if employer else "")
    if employer and employer.split()[-1].lower() in orgs:
        return f"{role} of {the(employer)}"
    return ""


def _object(action: str, anatomy: Anatomy) -> tuple[str, str]:
    """What an action is about and the deed, for a prompt: 'Killed the legacy carousel
    without sign-off' -> ('the legacy carousel', 'you killed the legacy carousel');
    ('', '') when unsure."""
    action = re.sub(r"\s*\([^)]*\)", "", action)  # "(EKS)", "(qualified plays ...)"
    lead, _, said = action.partition(" ")
    if lead.lower() in words()["then_words"] or lead.lower().endswith("ly"):
        action = said  # "personally wrote the joins": the deed is "wrote the joins"
    toks = action.split()
    if len(toks) < 2 or not opens_with_verb(action):
        return "", ""
    head = toks[:1]
    rest = toks[1:]
    while len(rest) > 1 and rest[0].lower() in words()["particles"]:
        head, rest = head + rest[:1], rest[1:]  # "Pushed back on a client's plan"
    if rest[0].lower() == "and" and len(rest) > 2:
        head, rest = head + rest[:2], rest[2:]  # "built and ran the pipeline"
    if rest[0].lower() == "to" and len(rest) > 1:
        head, rest = head + rest[:2], rest[2:]  # "Volunteered to own the service"
    elif can_be_verb(rest[0]) and verb_lemma(rest[0]) == rest[0].lower() and len(rest) > 1:
        head, rest = head + rest[:1], rest[1:]  # "Helped launch the app" -> "the app"
    kept = []
    clause = head[0].lower() in words()["that_verbs"]  # "assumed our users wanted ...": whole
    for tok in rest:
        word = tok.lower().strip(",;:")
        if word in words()["object_stops"] or (
            len(kept) >= 2 and word.endswith("ed") and not clause
        ):
            break  # "the legacy CSV export | used by ..."
        kept.append(tok)
        if tok.endswith((",", ";", ":")):
            break
    obj = " ".join(kept).strip(" ,;:")
    # "14 store managers | about why the loyalty app went unused": a question inside the
    # object is cut whole, never half-way before its verb.
    if wh := re.search(
        r"(?:\b(?:about|on|into|of|over|to) )?\b(?:why|how|what|whether|where|when)\b", obj
    ):
        obj = obj[: wh.start()].strip(" ,;:")
    if obj.count("(") != obj.count(")"):  # cut inside a bracket: keep what comes before it
        obj = obj.split("(")[0].strip() if "(" in obj else ""
    long = re.match(r"(\S+ \S+.*?) (?:of|that|which|who)\b", obj)
    if len(kept) > 8 and long:
        obj = long.group(1)  # "a rigorous two-arm test | of the new store layout"
    if obj.split()[:1] and obj.split()[0].lower() in words()["pronouns"]:
        return "", ""  # "Owned it end to end": what "it" is, the line said before
    *before, last = obj.split() or [""]
    if before and before[0].lower() in words()["title_complements"]:
        return "", ""  # "defined what retained meant | for us": a clause, not a thing to name
    noun_before = before and not re.fullmatch(r"I|we|they|you", before[-1])  # "the tool I built"
    if noun_before and is_past_form(last) and before[-1] not in words()["determiners"]:
        obj, last = " ".join(before), before[-1]  # "a demand model | built from ..."
    tails = {*words()["title_tails"], *words()["title_breaks"]}
    if head[-1].endswith(",") or last.lower() in tails or last.endswith("'s"):
        return "", ""  # "noticed, while the team was", "three weeks of": cut mid-phrase
    kinds = words()["object_people"]
    people = [p.split(": ", 1)[1].lower() for p in anatomy.people if p.split(":")[0] in kinds]
    size = len(obj.split())
    bare = re.sub(r"^(?:the|a|an|our|my)\s+", "", obj.lower())
    if size < 2 or size > 8 or any(bare.startswith(p) for p in people):
        return "", ""
    deed = first_person(" ".join([*head, obj]))[2:]
    # The prompt speaks to the candidate: "my first A/B test" is "your first A/B test".
    return _yours(obj), f"you {_yours(deed)}"


def _yours(text: str) -> str:
    return re.sub(r"\bmy\b", "your", re.sub(r"\bMy\b", "Your", text))


def _asks(
    line: DraftLine, parts: _Parts, has_task: bool, ask: Callable[..., str]
) -> list[tuple[str, str]]:
    """The prompts a story needs, most needed first, as (field, prompt): only for a part
    the line lacks, in the line's own terms."""
    a = line.anatomy
    about, deed = parts.obj, parts.deed
    asks = []
    if not has_task:
        code = "ask-part" if a.weak else "ask-stakes" if parts.trigger else "ask-context"
        asks.append(("task", ask(code, about=about, deed=deed)))
    # What came of the work: not what set it off, nor a deed of the candidate's own.
    outcomes = [r for r in a.results if r not in parts.trigger and not re.match(r"(?:I|We)\b", r)]
    if not parts.results and (outcomes or metrics_in(parts.action)):
        asks.append(("result", ask("ask-result-said")))  # the outcome stayed in the action
    elif not parts.results:
        numbered = has_number(line.text) or metrics_in(parts.action)
        asks.append(("result", ask("ask-result" if numbered else "ask-result-number", deed=deed)))
    elif not has_number(line.text):
        asks.append(("result", ask("ask-number")))
    # "..., showing with loyalty-card data that ...": a clause after the deed says how.
    how_said = any(
        verb_lemma(w) != w for w in re.findall(r",\s+([a-z]+ing)\b", parts.action)
    )  # not ", during the peak" or ", something"
    one_step = " and " not in parts.action and parts.action.count(". ") == 0 and not how_said
    if one_step and not (a.method or parts.trigger or metrics_in(line.text)) and deed:
        asks.append(("action", ask("ask-how", deed=deed)))
    return asks


def _title_parts(title: str) -> tuple[str, str]:
    """'Product Manager, Subscriptions' -> ('Product Manager', 'Subscriptions')."""
    title = _as_name(title)
    m = re.search(r"(?:,\s*|\s[-–—]\s|\s\()([A-Z][\w&/ -]{2,40}?)\)?$", title)
    if not m:
        return title, ""
    return _as_name(title[: m.start()]), m.group(1).strip()


def _guarded(text: str, resume_text: str, prompts: list[str]) -> str:
    """Drop any drafted sentence holding a term the resume does not (the fabrication guard)."""
    kept = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if unsupported_terms(sentence, resume_text):
            ask = say("ask-own-words")
            if len(prompts) < 2 and ask not in prompts:  # still at most two a story
                prompts.append(ask)
            kept.append(f"[add: {ask}]")
        else:
            kept.append(sentence)
    return " ".join(kept)


def unsupported_terms(text: str, resume_text: str) -> list[str]:
    """Numbers, names and capitalised terms in a drafted text that the resume lacks."""
    drafted = ADD.sub(" ", text)
    haystack = resume_text.lower()
    ours = template_words()
    missing = []
    for tok in tokens(drafted):
        word = tok.text
        checked = any(c.isdigit() for c in word) or word[:1].isupper()
        if not checked or word.lower() in ours:
            continue
        if not re.search(rf"(?<![\w]){re.escape(word.lower())}(?![\w])", haystack):
            missing.append(word)
    return missing


def is_drafted(text: str) -> bool:
    """A field holds drafted text, not only a prompt or a bare quote of the resume."""
    rest = ADD.sub(" ", text)
    return len(re.findall(r"[A-Za-z]{2,}", rest)) >= 3 and not rest.strip().startswith(
        "Your resume says"
    )


def resume_words(resume: Resume) -> str:
    """All the resume's text, for the fabrication guard."""
    parts = [resume.name, resume.headline, resume.summary, *resume.skills, *resume.other_lines]
    parts += [line.text for line in resume.unplaced]
    for p in [*resume.positions, *resume.projects]:
        parts += [p.title, p.employer, p.location, p.start, p.end, p.description, *p.bullets]
    for e in resume.education:
        parts += [e.institution, e.degree, e.start, e.end, *e.details]
    return "\n".join(parts)
