"""STAR drafts: a resume line retold as Situation, Task, Action and Result, in words a
candidate could say aloud.

A draft quotes the line in the first person ("Killed the carousel" -> "I killed the
carousel"), moving a part of it to another slot only where the parse is sure: a trigger
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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from preploop.report.anatomy import PASSIVE, read_bullet
from preploop.report.documents import Position, Resume
from preploop.report.draft_check import has_number, is_verb, words
from preploop.report.findings import Anatomy, Said
from preploop.report.phrases import (
    can_be_verb,
    is_past_form,
    lexicon,
    past_tense,
    prefixed,
    tokens,
    verb_lemma,
)
from preploop.report.terms import metrics_in
from preploop.report.word_forms import getAllLemmas, getInflection
from preploop.report.wording import plain, wording

ADD = re.compile(r"\[add:[^\]]*\]")
JOB_OPENERS = ("job-a", "job-b", "job-c", "job-d", "job-e", "job-f")
POST_OPENERS = ("post-a", "post-b", "post-c", "post-d")


class DraftLine(Protocol):
    """What a draft needs of a story line (`stories.Line`)."""

    text: str
    position: Position | None
    anatomy: Anatomy


def say(code: str, **args: str) -> str:
    """A fixed sentence or prompt of a draft, from the wording file."""
    text = plain(Said(code=f"draft.{code}", args=args))
    return re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)  # "at Hartwell & Co.."


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
        # Words the resume writes in lower case too: safe to lower-case after "At X, ".
        self.common = set(re.findall(r"(?<![.!?]\s)(?<=\s)([a-z][a-z'-]*)", self.resume_text))

    def draft(self, line: DraftLine) -> tuple[str, str, str, str, list[str]]:
        """Situation, task, action and result, and the prompts left to fill in."""
        parts = _Parts.of(line)
        situation = self._situation(line, parts)
        task = parts.task or self._duty(line)
        asks = _asks(line, parts, bool(task))
        if parts.trigger and not task:
            task = self._job(line.position)  # the trigger set the scene: say the role here
        if not task:
            task = self._area(line.position)
        action = parts.action
        result = " ".join(parts.results)
        if not situation:  # no job to name: the scene is the first thing to ask for
            asks = [
                ("situation", slot_ask[1]) for slot_ask in asks[:1] if slot_ask[0] == "task"
            ] or [("situation", say("ask-scene"))] + [a for a in asks if a[0] != "task"]
        if not action:
            asks.insert(0, ("action", say("ask-steps")))
        # At most two, most needed first; a bracket of the line would close the prompt early.
        asks = [(slot, prompt.replace("[", "(").replace("]", ")")) for slot, prompt in asks]
        prompts = [prompt for _, prompt in asks[:2]]
        fields = {"situation": situation, "task": task, "action": action, "result": result}
        for slot, prompt in asks[:2]:
            fields[slot] = f"{fields[slot]} [add: {prompt}]".strip()
        out = []
        for text in fields.values():
            text = self._unsaid(_guarded(text, self.resume_text, prompts))
            out.append(text)
        return (*out, prompts)

    def _situation(self, line: DraftLine, parts: _Parts) -> str:
        position = line.position
        employer = position.employer if position and not _self_employed(position) else ""
        if parts.trigger:
            clause = parts.trigger.rstrip(" .;:,")
            lead = clause.split()[0].lower()
            known = lead in self.common or getAllLemmas(lead)
            if employer and clause[1:2].islower() and known and lead not in words()["posts"]:
                clause = clause[0].lower() + clause[1:]  # "At Hearthside, weekly time ..."
            return say("trigger-at" if employer else "trigger", employer=employer, clause=clause)
        return self._job(position)

    def _job(self, position: Position | None) -> str:
        """The job, said the next way for that job: who the candidate was there."""
        employer = position.employer if position else ""
        if position is None or not employer:
            return ""
        used = self.openers.get(id(position), 0)
        self.openers[id(position)] = used + 1
        if post := _post(position):  # "I was President of the Debating Society."
            return say(POST_OPENERS[used], post=post) if used < len(POST_OPENERS) else ""
        title_words = set(re.findall(r"[a-z-]+", position.title.lower()))
        if title_words & set(words()["study_titles"]):  # "Self-study and bootcamp"
            return say("job-study", what=position.title.lower()) if used == 0 else ""
        if _self_employed(position):  # "Self-employed": no "at Self-employed"
            role = " ".join(  # "UX Designer" -> "UX designer"
                w.lower() if w[1:].islower() else w for w in _title_parts(position.title)[0].split()
            )
            return say("job-self", a_role=_article(role)) if used == 0 and role else ""
        if used >= len(JOB_OPENERS):
            return ""  # each opener once a job; past that the prompt sets the scene
        role, area = _title_parts(position.title)
        return say(
            JOB_OPENERS[used], employer=employer, a_role=_article(role), role=role, area=area
        )

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
                return _sentence(_first_person(anatomy.actions[0]))
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
        text = _mended(_tidy(line.text).rstrip(".;:, "))
        trigger = ""
        first = a.results[0] if a.results and line.text.startswith(a.results[0]) else ""
        rest = _cut(text, first) if first else text
        alone = ". " not in first and not re.search(r"\bI\b", first)  # one clause, not mine
        if rest and rest != text and _finite(first) and alone:
            trigger, text = first, rest  # "Weekly time in app dropped 7%; dug in and ..."
        elif a.trigger and a.trigger in text and not _compound(text[: text.find(a.trigger)]):
            obj, _ = _object(a.actions[0] if a.actions else text, a)
            cut = _cut(text, a.trigger)
            if cut != text and (trigger := _trigger_clause(a.trigger, obj)):
                text = cut
        results, rest = [], text
        for result in a.results:
            sentence = _result_sentence(result) if result in rest and result != trigger else ""
            if sentence and (cut := _cut(rest, result)) != rest:
                results.append(sentence)
                rest = cut
        if not _quote(rest) or not _has_verb(rest):  # all outcome: say it as written
            results, rest = [], text
        sentences = _quote(rest)
        opening = sentences[0] if len(sentences) > 1 and sentences[1].startswith("I ") else ""
        about = opening.startswith(say("about", topic="\0").split("\0")[0])
        mine = re.match(r"(?:I|Given)\b", opening) or about
        if not trigger and _finite(opening) and not mine:
            trigger = sentences.pop(0).rstrip(".")  # "Our stamps feature flopped: ..."
        task = ""
        # An ownership clause or a starting point, then what was done: the first is the task.
        lead = sentences[0] if sentences else ""
        first_verb = lead.split()[1] if re.match(r"I \w", lead) else ""
        if len(sentences) > 1 and first_verb and (a.owns or first_verb in words()["task_verbs"]):
            task = sentences.pop(0)
        while not results and len(sentences) > 1 and _outcome(sentences[-1]):
            results.insert(0, sentences.pop())  # "...; return contacts fell 40%"
        for i, sentence in enumerate(sentences):
            if not results and (change := _change(sentence) or _and_outcome(sentence)):
                sentences[i], result = change  # "I cut X from 480 to 120" -> "X went ..."
                results = [result]
        obj, deed = _object(_told(sentences), a)
        return cls(trigger, task, _joined(sentences), results, obj, deed)


def _tidy(text: str) -> str:
    """The line's spacing as written text has it: 'faster , and cheaper .' -> 'faster, and
    cheaper.' (a space before a mark, often left by a PDF's text); doubled marks as one."""
    text = re.sub(r"\s+([,;:])(?=\s|$)", r"\1", text.strip().rstrip("…").rstrip())
    text = re.sub(r"\s+\.(?=\s|$)", ".", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    return re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)


def _mended(text: str) -> str:
    """The line without a bracket it opens and never closes (or closes and never opened):
    a typo of the resume, not something to say."""
    for left, right in ("()", "[]"):
        while text.count(left) != text.count(right):
            stray = left if text.count(left) > text.count(right) else right
            at = text.rfind(stray) if stray == left else text.find(stray)
            text = (text[:at] + text[at + 1 :]).replace("  ", " ")
    return text


def _told(sentences: list[str]) -> str:
    """The first thing the candidate says they did, as a resume clause ('Killed ...')."""
    for sentence in map(_abbreviations_kept, sentences):  # "chose Postgres vs. DynamoDB"
        m = re.search(r"(?:^|, |Then )I ([a-z][^.]*(?:\.\x01[^.]*)*)", sentence)
        if m and not m[1].startswith("was "):
            return m.group(1).replace(KEPT, " ")
    return ""


def _outcome(sentence: str) -> bool:
    """A sentence of the line that is not the candidate's doing: what came of it."""
    return not re.match(r"(?:I|We|Then|Given)\b", sentence) and _own_clause(sentence.rstrip("."))


def _compound(before: str) -> bool:
    """'Argued for X, then dropped the idea when ...': the trigger is of the last verb only."""
    toks = before.lower().replace(",", " ").split()
    return "then" in toks or any(
        t == "and" and nxt.isalpha() and past_tense(nxt) == nxt and can_be_verb(nxt)
        for t, nxt in zip(toks, toks[1:], strict=False)
    )


def _finite(text: str) -> bool:
    """A clause of its own: a past or present verb form after its first word."""
    toks = [re.sub(r"[^A-Za-z'-]", "", t) for t in text.split()]
    determiners = words()["determiners"]
    return any(
        w.lower() in words()["finite_verbs"]
        or (w.lower().endswith("ed") and toks[i - 1].lower() not in determiners and is_verb(w))
        for i, w in enumerate(toks)
        if i > 0
    )


def _and_outcome(sentence: str) -> tuple[str, str] | None:
    """'I added cast search and plays from search rose 11%.' -> the action, and 'Plays
    from search rose 11%.': an outcome with its own subject after 'and'."""
    m = re.match(r"(?P<act>I [^;]+?),? and (?P<res>[A-Za-z][^,;]+)\.$", sentence)
    if not m:
        return None
    res = m.group("res")
    lead = res.split()[0].lower()
    own_subject = lead in words()["determiners"] or past_tense(lead) != lead
    if not (own_subject and _finite(res)) or res.startswith("I "):
        return None
    return f"{m.group('act')}.", _sentence(res)


def _balanced(text: str) -> bool:
    return text.count("(") == text.count(")") and text.count("[") == text.count("]")


def _cut(text: str, part: str) -> str:
    """The line without one of its parts and the joining words before it; the line as it
    was when the part would leave a bracket open."""
    at = text.find(part)
    if not (_balanced(part) and _balanced(text[:at] + text[at + len(part) :])):
        return text
    before, after = text[:at].rstrip(" ,;—–-"), text[at + len(part) :].lstrip(" ,;")
    if before and after:
        return f"{before}; {after}"
    return before or after


def _quote(text: str) -> list[str]:
    """The line as the candidate would say it: each clause opening with a verb gets "I"
    and the past tense; everything else is kept as written."""
    text = text.strip().rstrip(".;:, ")
    if not text:
        return []
    out: list[str] = []
    # Clauses: sentences of the line, its semicolons and dashes, "Owned X: did Y".
    text = _abbreviations_kept(text)
    clauses = re.split(r"(?<=[.!?])\s+(?=[A-Z0-9~$£€])|\s*;\s*|\s+[—–]\s+", text)
    clauses = [c.strip(" ,.:").replace(KEPT, " ") for part in clauses for c in _colon_split(part)]
    if not all(map(_balanced, clauses)):
        clauses = [text]  # a split inside brackets: keep the line whole
    for clause in filter(None, clauses):
        lead = clause.split(maxsplit=1)[0].lower()
        if re.match(r"(?:I|We|My|Our)\b", clause):  # already in the first person
            out.append(_sentence(clause))
        elif lead in words()["lead_words"] and _opens_with_verb(clause.partition(",")[2]):
            head, rest = clause.split(",", 1)  # "Given only a goal, built ..."
            out.append(_sentence(f"{head}, {_first_person(rest.strip())}"))
        elif (
            lead in words()["passive_always"]
            or (lead in words()["passive_openers"] and _second(clause) in words()["passive_after"])
            or _by_someone(clause)
        ):
            if out:  # "...; promoted to senior 14 months later": whoever it was, not "I"
                out[-1] = out[-1].rstrip(".") + f", {_lowered(clause)}."
            else:
                out.append(_sentence(f"I was {clause[0].lower()}{clause[1:]}"))  # "Promoted to"
        elif lead in (*words()["the_openers"], *words()["a_openers"]) and not _finite(clause):
            article = "the" if lead in words()["the_openers"] else _article(lead).split()[0]
            out.append(_sentence(f"I was {article} {clause[0].lower()}{clause[1:]}"))
        elif out and (
            (_second(clause) == "by" and is_past_form(lead))
            or (lead in words()["passive_later"] and not _has_object(clause))
        ):
            out[-1] = out[-1].rstrip(".") + f", {_lowered(clause)}."  # "..., used by 40 teams"
        elif lead in words()["be_openers"]:  # "Responsible for billing"
            out.append(_sentence(f"I was {clause[0].lower()}{clause[1:]}"))
        elif lead in words()["posts"] and re.match(r"\S+ of\b", clause) and not _finite(clause):
            out.append(_sentence(f"I was {clause}"))  # "President of the Debating Society"
        elif _opens_with_verb(clause) and not _subject_first(clause) and _went(clause) == clause:
            out.append(_sentence(_first_person(clause)))
        elif out and not (_finite(clause) and _has_verb(clause)):
            out[-1] = out[-1].rstrip(".") + f", {_lowered(clause)}."  # "..., now 9% of orders"
        elif not _has_verb(said := _went(clause)):
            out.append(say("about", topic=_topic(clause)))  # "Video-ingest pipeline."
        else:
            out.append(_sentence(said))
    return out


def _by_someone(clause: str) -> bool:
    """'Mentored by a senior engineer': a participle, then who did it ('Grew by 20%',
    'Reduced by half' are the candidate's own change)."""
    toks = clause.lower().split()
    if len(toks) < 3 or toks[1] != "by" or not is_past_form(toks[0]):
        return False
    verbs = lexicon("verbs")
    changes = {*verbs.rises, *verbs.falls}
    return (
        verb_lemma(toks[0]) not in changes
        and toks[0] not in changes
        and toks[2].isalpha()
        and (
            toks[2] in words()["determiners"] or toks[2] in ("my", "our", "senior", "two", "three")
        )
    )


def _has_object(clause: str) -> bool:
    """'adopted the RFC' has an object; 'adopted company-wide', 'used in 9 teams' none."""
    second = _second(clause)
    return bool(second) and (
        second in words()["determiners"] or second in words()["pronouns"] or second == "them"
    )


def _second(clause: str) -> str:
    toks = clause.lower().split()
    return toks[1] if len(toks) > 1 else ""


def _has_verb(text: str) -> bool:
    """A word the draft checker reads as a verb: else the text is no sentence of its own."""
    return any(is_verb(w) for w in re.findall(r"[A-Za-z][A-Za-z'/-]*", ADD.sub(" ", text)))


def _lowered(clause: str) -> str:
    """A clause going on from a sentence: 'Three of us' -> 'three of us'; a name, an
    acronym or a word no dictionary knows keeps its capital."""
    lead = re.sub(r"[^A-Za-z-]", "", clause.split(maxsplit=1)[0]) if clause.split() else ""
    head = lead.split("-")[0]
    known = getAllLemmas(head.lower()) or head.lower() in (
        *words()["number_words"],
        *words()["determiners"],
    )
    if head[:1].isupper() and head[1:].islower() and known:
        return clause[0].lower() + clause[1:]
    return clause


def _topic(clause: str) -> str:
    """'Video-ingest pipeline' -> 'the video-ingest pipeline'; 'Neighbourhood Events, 0 to
    1' keeps its capitals (a name)."""
    head = clause.split(",")[0].split()
    named = any(w[:1].isupper() for w in head[1:])
    if named or (lowered := _lowered(clause)) == clause:
        return clause
    first = head[0].lower()
    bare = len(head) <= 4 and first not in words()["determiners"] and not first[:1].isdigit()
    return f"the {lowered}" if bare and not first.endswith("s") else lowered


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

    employer = position.employer
    if area and area.split()[-1].lower() in orgs:
        return f"{role} of {the(area)}" + (f" at {employer}" if employer else "")
    if employer and employer.split()[-1].lower() in orgs:
        return f"{role} of {the(employer)}"
    return ""


KEPT = "\x01"  # the space after an abbreviation, while the line is cut into clauses


def _abbreviations_kept(text: str) -> str:
    """'Postgres vs. DynamoDB', 'AWS, i.e. 40 services': the full stop of an abbreviation
    ends no clause (its space is held apart until the clauses are cut)."""
    known = words()["abbreviations"]
    return re.sub(
        r"(?<!\S)(\S+\.)\s+",
        lambda m: m.group(1) + (KEPT if m.group(1).lower().lstrip("(") in known else " "),
        text,
    )


def _colon_split(part: str) -> list[str]:
    """'Owned the returns flow: replaced the form' -> two clauses, each with its verb."""
    head, colon, rest = part.partition(": ")
    verb = rest.split(maxsplit=1)[0].lower() if rest else ""
    if colon and _opens_with_verb(head) and _opens_with_verb(rest) and past_tense(verb) == verb:
        return [head, rest]
    return [part]


def _subject_first(clause: str) -> bool:
    """'Return contacts to support fell 40%': a noun that looks like a verb, then the verb."""
    lead = re.sub(r"[^a-z'-]", "", clause.split(maxsplit=1)[0].lower())
    if past_tense(lead) == lead:
        return False  # "Killed ...", "Cut ...": the clause opens with its own verb
    toks = clause.lower().split()
    if "i" in toks[1:] or (lead.endswith("s") and toks[1:2] and toks[1] in words()["object_stops"]):
        return True  # "Design lead and I split ...", "Interviews with 200 merchants"
    after = words()["subject_after"]
    return any(
        (t in words()["finite_verbs"] and toks[i - 1] not in ("and", "then", "that", "which"))
        or (
            is_past_form(t)
            and not toks[i - 1].endswith(",")
            and toks[i - 1] not in after
            and (toks[i + 1 : i + 2] or [""])[0] not in ("by", "with", "to", "in")
            and bool(getAllLemmas(prefixed(lead)[1]).get("NOUN"))
        )
        for i, t in enumerate(toks)
        if i > 0
    )


def _went(clause: str) -> str:
    """'Weekly active organisers up 21%' -> 'Weekly active organisers went up 21%'."""
    m = re.match(r"(?P<what>[A-Za-z][^,;]*?) (?P<way>up|down) (?P<by>(?:by )?\S*\d.*)$", clause)
    if m and not _finite(m.group("what")):
        return f"{m.group('what')} went {m.group('way')} {m.group('by')}"
    return clause


def _joined(sentences: list[str]) -> str:
    """The action sentences as told: a second "I ..." follows on with "Then"."""
    out = sentences[:1]
    for sentence in sentences[1:]:
        follows = sentence.startswith("I ") and out[-1].startswith("I ")
        out.append(say("then", clause=sentence) if follows else sentence)
    return " ".join(out)


def _sentence(text: str) -> str:
    text = text.strip().rstrip(".;:, ")
    return f"{text[0].upper()}{text[1:]}." if text else ""


def _opens_with_verb(clause: str) -> bool:
    first = clause.split(maxsplit=1)[0] if clause.split() else ""
    word = re.sub(r"^re-|[^A-Za-z-]", "", first)  # "re-planned" is a verb as "planned" is
    not_actions = lexicon("verbs").not_actions
    made = bool(re.fullmatch(r"[a-z]{4,}i[sz]ed", word.lower()))  # "productized", "-ised"
    return (
        bool(word)
        and first[:1].isalpha()
        and (can_be_verb(word) or made)
        and word.lower() not in not_actions
    )


def _first_person(clause: str) -> str:
    """'Killed the carousel' -> 'I killed the carousel'; present tense becomes past, only
    where the past form is sure (else the verb stays as written: 'I own ...')."""
    parts = clause.split(maxsplit=1)
    if not parts:
        return ""
    word = re.sub(r"[^A-Za-z-]", "", parts[0]).lower()
    # Only a verb lemminflect or the verb table knows is re-inflected: a form made up by
    # rule ("mies" -> "miesed") is no word at all, so the verb stays as written.
    verb = past_tense(word) if word and can_be_verb(word) else ""
    if not verb or verb[0] != word[:1]:
        verb = word or parts[0].lower()
    if verb == word and any(c.isupper() for c in parts[0][1:]):
        verb = re.sub(r"[^A-Za-z/-]", "", parts[0])  # "A/B-tested" keeps its capitals
    rest = f" {parts[1]}" if len(parts) > 1 else ""
    trail = parts[0][len(parts[0].rstrip(",")) :]  # "Designed, built, ran": keep the comma
    return f"I {verb}{trail}{rest}"


def _trigger_clause(trigger: str, obj: str) -> str:
    """'after an A/B test showed it cost 3.1% of play starts' -> 'an A/B test showed the
    carousel cost 3.1% of play starts': only a clause of its own, with its pronoun known."""
    marker = next(
        (m for m in words()["trigger_clause_markers"] if trigger.lower().startswith(m + " ")), ""
    )
    if not marker or re.search(r"[,;]", trigger):
        return ""
    clause = trigger[len(marker) :].strip()
    toks = clause.split()
    if not toks or toks[0].lower().endswith("ing"):
        return ""  # "after reproducing it": the candidate's own doing
    if not _finite(clause):
        return ""
    pronouns = [w for w in re.findall(r"[A-Za-z]+", clause) if w.lower() in words()["pronouns"]]
    if pronouns:
        if pronouns != ["it"] or not obj:
            return ""
        clause = re.sub(r"\bit\b", obj, clause, count=1)
    return clause


def _object(action: str, anatomy: Anatomy) -> tuple[str, str]:
    """What an action is about and the deed, for a prompt: 'Killed the legacy carousel
    without sign-off' -> ('the legacy carousel', 'you killed the legacy carousel');
    ('', '') when unsure."""
    action = re.sub(r"\s*\([^)]*\)", "", action)  # "(EKS)", "(qualified plays ...)"
    toks = action.split()
    if len(toks) < 2 or not _opens_with_verb(action):
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
    for tok in rest:
        word = tok.lower().strip(",;:")
        if word in words()["object_stops"] or (len(kept) >= 2 and word.endswith("ed")):
            break  # "the legacy CSV export | used by ..."
        kept.append(tok)
        if tok.endswith((",", ";", ":")):
            break
    obj = " ".join(kept).strip(" ,;:")
    kinds = words()["object_people"]
    people = [p.split(": ", 1)[1].lower() for p in anatomy.people if p.split(":")[0] in kinds]
    size = len(obj.split())
    bare = re.sub(r"^(?:the|a|an|our|my)\s+", "", obj.lower())
    if size < 2 or size > 8 or any(bare.startswith(p) for p in people):
        return "", ""
    deed = _first_person(" ".join([*head, obj]))[2:]
    # The prompt speaks to the candidate: "my first A/B test" is "your first A/B test".
    return _yours(obj), f"you {_yours(deed)}"


def _yours(text: str) -> str:
    return re.sub(r"\bmy\b", "your", re.sub(r"\bMy\b", "Your", text))


def _change(sentence: str) -> tuple[str, str] | None:
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


def _result_sentence(result: str) -> str:
    """'saving $4.2M a year' -> 'That saved $4.2M a year.'; a clause of its own as written;
    '' when unsure, so the outcome stays in the action as the line put it. Sentences of the
    line after the outcome's own are quoted as the rest of the line is ('Integrated
    Grafana dashboards' -> 'I integrated Grafana dashboards')."""
    head, *tail = re.split(r"(?<=[.!?])\s+(?=[A-Z])", result.strip(), maxsplit=1)
    said = _one_result(head.rstrip("."))
    if not said or not tail:
        return said or _one_result(result)
    return " ".join([said, *_quote(tail[0])])


def _one_result(result: str) -> str:
    parts = result.split(maxsplit=1)
    if len(parts) < 2 or parts[0] in ("I", "We"):
        return ""  # "...; I ran 30 exit interviews": the candidate's doing, not what came of it
    first, rest = parts[0].lower(), parts[1]
    if first == "which":
        return say("that", clause=rest)
    if first in ("resulting", "leading") and rest.startswith(("in ", "to ")):
        return say("that", clause=f"{'resulted' if first == 'resulting' else 'led'} {rest}")
    if first.endswith("ing"):
        if first in words()["not_verbs"] or not can_be_verb(first):
            return _sentence(result) if _own_clause(result) else ""  # "during an outage, ..."
        verb = past_tense(first)
        known = bool(getInflection(verb_lemma(first), tag="VBD"))
        if not (known and verb[0] == first[0]):
            return ""
        # "improving X and establishing Y" -> "That improved X and established Y."
        rest = re.sub(r"\b(and|then) ([a-z]+ing)\b", lambda m: _and_past(m[1], m[2]), rest)
        return say("that", clause=f"{verb} {rest}")
    if PASSIVE.match(result):
        return say("it-was", clause=result)
    then = rest.split()[1:2] != ["by"] and first in ("still", "also", "then", "later", "soon")
    if then and is_past_form(rest.split()[0]):
        return _sentence(f"I {result}")  # "and still went live on the date"
    clause = _went(result)
    return _sentence(clause) if _own_clause(clause) else ""


def _and_past(joint: str, word: str) -> str:
    """'and establishing' -> 'and established'; a word that is no verb stays as it is."""
    verb = past_tense(word) if can_be_verb(word) and word not in words()["not_verbs"] else ""
    same = verb and verb[0] == word[0] and getInflection(verb_lemma(word), tag="VBG") == (word,)
    return f"{joint} {verb if same else word}"


def _own_clause(text: str) -> bool:
    """An outcome that can stand as a sentence: 'the finding set the roadmap', '9 stayed
    open', 'it now gates every deploy'; not 'now 9% of orders'."""
    toks = text.split()
    lead = toks[0].lower() if toks else ""
    subject = lead in words()["determiners"] or lead in words()["pronouns"]
    return _finite(text) or (subject and any(is_verb(t) for t in toks[1:]))


def _asks(line: DraftLine, parts: _Parts, has_task: bool) -> list[tuple[str, str]]:
    """The prompts a story needs, most needed first, as (field, prompt): only for a part
    the line lacks, in the line's own terms."""
    a = line.anatomy
    about, deed = parts.obj, parts.deed
    asks = []
    if not has_task:
        code = "ask-part" if a.weak else "ask-stakes" if parts.trigger else "ask-context"
        asks.append(("task", say(code, about=about, deed=deed)))
    if not parts.results:
        numbered = has_number(line.text) or metrics_in(parts.action)
        asks.append(("result", say("ask-result" if numbered else "ask-result-number", deed=deed)))
    elif not has_number(line.text):
        asks.append(("result", say("ask-number")))
    one_step = " and " not in parts.action and parts.action.count(". ") == 0
    if one_step and not (a.method or parts.trigger or metrics_in(line.text)) and deed:
        asks.append(("action", say("ask-how", deed=deed)))
    return asks


def _title_parts(title: str) -> tuple[str, str]:
    """'Product Manager, Subscriptions' -> ('Product Manager', 'Subscriptions')."""
    m = re.search(r"(?:,\s*|\s[-–—]\s|\s\()([A-Z][\w&/ -]{2,40}?)\)?$", title)
    if not m:
        return title, ""
    return title[: m.start()].strip(), m.group(1).strip()


def _article(role: str) -> str:
    """'an Engineer', 'a UX designer', 'an SRE': an acronym by the sound of its letter."""
    if not role:
        return ""
    first = role.split()[0]
    if len(first) > 1 and first.isupper() and first.isalpha():
        vowel = first[0] in "AEFHILMNORSX"
    else:
        vowel = role[:1].lower() in "aeiou"
    return f"{'an' if vowel else 'a'} {role}"


def date_span(start: str, end: str) -> str:
    """'Jan 2021–Present'; one date when both ends are the same ('Summer 2022')."""
    if start and end and start.lower() != end.lower():
        return f"{start}–{end}"
    return start or end


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
    parts = [resume.name, resume.summary, *resume.skills, *resume.other_lines]
    parts += [line.text for line in resume.unplaced]
    for p in resume.positions:
        parts += [p.title, p.employer, p.location, p.start, p.end, p.description, *p.bullets]
    for e in resume.education:
        parts += [e.institution, e.degree, e.start, e.end, *e.details]
    return "\n".join(parts)
