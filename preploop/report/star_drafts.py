"""STAR drafts: a resume line retold as Situation, Task, Action and Result.

Drafts are rebuilt from the line's anatomy in the candidate's own words; only what the
resume lacks becomes an "[add: ...]" prompt, and a guard drops any drafted sentence
holding a number or a name the resume does not. Which line becomes a story is decided
in `stories.py`.
"""

from __future__ import annotations

import re
from typing import Protocol

from preploop.report.anatomy import PASSIVE, read_bullet
from preploop.report.documents import Position, Resume
from preploop.report.draft_check import has_number
from preploop.report.findings import Anatomy
from preploop.report.phrases import lexicon, past_tense, tokens
from preploop.report.terms import metrics_in

ADD = re.compile(r"\[add:[^\]]*\]")
# Words our own sentences start with; everything else capitalised must be the resume's.
TEMPLATE_WORDS = frozenset(
    "i at as in the this that it its my what when where was were and then after before "
    "based because despite given on once following since with".split()
)


class DraftLine(Protocol):
    """What a draft needs of a story line (`stories.Line`)."""

    text: str
    position: Position | None
    anatomy: Anatomy


def draft(line: DraftLine, resume_text: str) -> tuple[str, str, str, str, list[str]]:
    """Situation, task, action and result rebuilt from the line, and the prompts left."""
    a = line.anatomy
    prompts: list[str] = []

    def add(prompt: str) -> str:
        prompts.append(prompt)
        return f"[add: {prompt}]"

    situation = _situation(line.position)
    trigger = _trigger_sentence(a.trigger)
    if trigger:
        situation = f"{situation} {trigger}".strip()
    else:
        situation = f"{situation} {add('what was at stake, and for whom')}".strip()

    actions = list(a.actions)
    task = ""
    if a.goal:
        task = f"The goal was to {a.goal}."
    elif a.trigger.lower().startswith("given "):
        task = f"I was {a.trigger}."
    elif a.owns and len(actions) > 1:
        task = _first_person(actions.pop(0)) + "."
    elif duty := _position_duty(line):
        task = f"{_first_person(duty)}."
    elif area := _title_area(line.position):
        task = f"My area was {area}. " + add(
            "what you were asked to achieve, and what made it hard"
        )
    if not task:
        task = add("what you were responsible for, and what made it hard")

    results = [_result_sentence(r) for r in a.results]
    steps = []
    for action in actions:
        change = _change(action)
        if change:
            action, result = change
            results.insert(0, result)
        steps.append(action)
    action = _join_actions(steps) if steps else ""
    if action:
        if not (a.method or a.trigger or metrics_in(" ".join(a.actions))):
            action += " " + add("how you did it: the two or three steps that were yours")
    else:
        action = add("the steps you personally took")
    results = [r for r in results if r]
    if results:
        result = " ".join(results)
        if not has_number(line.text):
            result += " " + add("a number that shows the result, if you have one")
    else:
        ask = "" if has_number(line.text) else ", with a number you can stand behind"
        result = add(f"the result{ask}")
    fields = [_guarded(f, resume_text, add) for f in (situation, task, action, result)]
    return (*fields, prompts)


def _position_duty(line: DraftLine) -> str:
    """What the candidate owned in that job, from another bullet of it ('Owned the
    sign-up and billing funnel for 14 markets'), as the task of this story."""
    if line.position is None:
        return ""
    for bullet in line.position.bullets:
        if bullet == line.text:
            continue
        anatomy = read_bullet(bullet)
        if anatomy.owns and anatomy.actions:
            return anatomy.actions[0]
    return ""


def _title_area(position: Position | None) -> str:
    """The area a job title names: 'Product Manager, Subscriptions' -> 'Subscriptions'."""
    if position is None:
        return ""
    m = re.search(r"(?:,\s*|\s[-–—]\s|\()([A-Z][\w&/ -]{2,40}?)\)?$", position.title)
    return m.group(1).strip() if m else ""


def _situation(position: Position | None) -> str:
    if position is None or not position.employer:
        return ""
    dates = date_span(position.start, position.end)
    title = f", as {position.title}" if position.title else ""
    return f"At {position.employer}{title}" + (f" ({dates})." if dates else ".")


def date_span(start: str, end: str) -> str:
    """'Jan 2021–Present'; one date when both ends are the same ('Summer 2022')."""
    if start and end and start.lower() != end.lower():
        return f"{start}–{end}"
    return start or end


def _trigger_sentence(trigger: str) -> str:
    """'after churn analysis showed X' -> 'What set it off: churn analysis showed X.'"""
    if not trigger or trigger.lower().startswith("given "):
        return ""
    lower = trigger.lower()
    if lower.startswith(("because", "since", "based on", "despite")):
        return f"It was {trigger}."
    rest = re.sub(
        r"^(?:after|when|once|following|as soon as|in response to|prompted by)\s+",
        "",
        trigger,
        flags=re.I,
    )
    return f"What set it off: {rest}."


def _first_person(clause: str) -> str:
    """'Killed the carousel' -> 'I killed the carousel'; present tense becomes past."""
    words = clause.split(maxsplit=1)
    if not words:
        return ""
    verb = past_tense(re.sub(r"[^A-Za-z-]", "", words[0])) or words[0].lower()
    rest = f" {words[1]}" if len(words) > 1 else ""
    return f"I {verb}{rest}"


def _join_actions(actions: list[str]) -> str:
    sentences = [_first_person(a) for a in actions]
    if len(sentences) == 1:
        return sentences[0] + "."
    rest = [s[2:] if s.startswith("I ") else s for s in sentences[1:]]
    return f"{sentences[0]}, and {', and '.join(rest)}."


def _change(action: str) -> tuple[str, str] | None:
    """'raised trial-to-paid conversion from 41% to 48%' -> the action without its
    numbers, and 'Trial-to-paid conversion rose from 41% to 48%.'"""
    verbs = lexicon("verbs")
    m = re.match(
        r"(?P<verb>[A-Za-z]+)\s+(?P<what>.+?)\s+(?P<change>(?:from\s+\S+\s+)?(?:to|by)\s+\S+.*)$",
        action,
    )
    if not m or not metrics_in(m.group("change")):
        return None
    verb = m.group("verb").lower()
    if verb in verbs.rises:
        moved = "rose"
    elif verb in verbs.falls:
        moved = "fell"
    else:
        return None
    what = m.group("what")
    return f"{m.group('verb')} {what}", f"{what[0].upper()}{what[1:]} {moved} {m.group('change')}."


def _result_sentence(result: str) -> str:
    """'saving $4.2M a year' -> 'That saved $4.2M a year.'; other outcomes as written."""
    words = result.split(maxsplit=1)
    if not words:
        return ""
    first, rest = words[0].lower(), (words[1] if len(words) > 1 else "")
    if first == "which":
        return f"It {rest}."
    if first in ("resulting", "leading") and rest.startswith(("in ", "to ")):
        return f"The result: {rest.split(maxsplit=1)[1] if ' ' in rest else rest}."
    if first.endswith("ing") and rest:
        return f"That {past_tense(first)} {rest}."
    if PASSIVE.match(result):
        return f"It was {result}."
    return f"{result[0].upper()}{result[1:]}."


def _guarded(text: str, resume_text: str, add) -> str:
    """Drop any drafted sentence holding a term the resume does not (the fabrication guard)."""
    kept = []
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        if unsupported_terms(sentence, resume_text):
            kept.append(add("this part in your own words"))
        else:
            kept.append(sentence)
    return " ".join(kept)


def unsupported_terms(text: str, resume_text: str) -> list[str]:
    """Numbers, names and capitalised terms in a drafted text that the resume lacks."""
    drafted = ADD.sub(" ", text)
    haystack = resume_text.lower()
    missing = []
    for tok in tokens(drafted):
        word = tok.text
        checked = any(c.isdigit() for c in word) or word[:1].isupper()
        if not checked or word.lower() in TEMPLATE_WORDS:
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
