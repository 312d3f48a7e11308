"""The story engine: which resume line answers which question, and STAR drafts.

Questions are matched to lines as one assignment over the whole report (best fits
first, each line answering at most `counts.story_uses` questions), using the
intents each question declares and each line carries. Drafts are rebuilt from the
line's anatomy in the candidate's own words; only what the resume lacks becomes an
"[add: ...]" prompt, and a guard drops any drafted sentence holding a number or a
name the resume does not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from preploop.model import Question
from preploop.report.anatomy import (
    PASSIVE,
    IntentTagger,
    people_asked_about,
    read_bullet,
    topic_words,
)
from preploop.report.documents import Position, Resume
from preploop.report.draft_check import has_number
from preploop.report.findings import (
    Anatomy,
    Evidence,
    MiningPrompt,
    PrincipleFinding,
    Story,
)
from preploop.report.method import value
from preploop.report.phrases import lexicon, past_tense, tokens
from preploop.report.terms import metrics_in

ADD = re.compile(r"\[add:[^\]]*\]")
# Words our own sentences start with; everything else capitalised must be the resume's.
TEMPLATE_WORDS = frozenset(
    "i at as in the this that it its my what when where was were and then after before "
    "based because despite given on once following since with".split()
)


@dataclass
class Line:
    """A resume bullet that could become a story."""

    line_id: str
    text: str
    position: Position | None
    where: str
    anatomy: Anatomy
    evidence: dict[str, Evidence] = field(default_factory=dict)  # principle id -> evidence

    @property
    def order(self) -> tuple[int, ...]:
        return tuple(int(n) for n in re.findall(r"\d+", self.line_id))


@dataclass
class Match:
    """The story picked for one question, or the prompt to find one."""

    line: Line | None
    reason: str = ""  # "you owned a mistake"
    words: str = ""  # the part of the line that shows it
    prompt: str = ""  # where to look when no line fits


def story_lines(
    resume: Resume, principles: list[PrincipleFinding], tagger: IntentTagger
) -> list[Line]:
    """Every job bullet, taken apart, with the principle evidence found in it."""
    lines = []
    for i, position in enumerate(resume.positions):
        where = ", ".join(part for part in (position.title, position.employer) if part)
        for j, text in enumerate(position.bullets):
            lines.append(Line(f"p{i}.b{j}", text, position, where, read_bullet(text, tagger)))
    by_id = {line.line_id: line for line in lines}
    for finding in principles:
        for evidence in finding.evidence:
            if evidence.line_id in by_id:
                by_id[evidence.line_id].evidence[finding.id] = evidence
    return lines


def fit(question: Question, line: Line) -> float:
    """How well a line answers a question (see `stories` in method.yaml)."""
    a = line.anatomy
    weights = value("stories.intent_weights")
    score = 0.0
    for weight, intent in zip(weights, question.intents, strict=False):
        phrases = a.intent_phrases.get(intent)
        if phrases:
            where = 1.0 if intent in a.lead_intents else value("stories.aside_factor")
            score += weight * where + value("stories.extra_phrase") * min(2, len(phrases) - 1)
        elif intent in a.intent_strength and not a.weak:  # likely: credit as sure as it is
            score += weight * value("stories.likely_factor") * a.intent_strength[intent]
    credit = value("stories.principle_credit")
    for pid in question.principles:
        if pid in line.evidence:
            score += credit.get(line.evidence[pid].strength, 0.0)
    if not score:
        return 0.0
    if metrics_in(line.text):
        score += value("stories.metric_bonus")
    substance = sum(map(bool, (a.results, a.scope, a.trigger, a.goal)))
    score += value("stories.substance_bonus") * min(3, substance)
    shared = topic_words(question.text) & topic_words(line.text)
    score += value("stories.topic_bonus") * min(2, len(shared))
    kinds = people_asked_about(question.text)
    named = {person.split(":")[0] for person in a.people}
    if kinds and named:
        # The question asks about a kind of person: a line naming one fits, others less.
        bonus, penalty = value("stories.people_bonus"), value("stories.people_penalty")
        score += bonus if named & kinds else -penalty
    if a.listy:
        score -= value("stories.list_penalty")
    return round(score, 4)


def assign(questions: list[Question], lines: list[Line], tagger: IntentTagger) -> list[Match]:
    """One story per question, best fits first across the whole report."""
    uses = value("counts.story_uses")
    pairs = []
    for qi, question in enumerate(questions):
        for line in lines:
            # Someone else's work ("Supported the team that ...") is never a first choice:
            # it is offered only as the closest story of a thin resume (below).
            own = not line.anatomy.weak
            score = (
                fit(question, line)
                if own and question.intents and _speaks_to(question, line)
                else 0
            )
            if score >= value("stories.min_fit"):
                pairs.append((-score, qi, line.order, line))
    pairs.sort(key=lambda p: p[:3])
    chosen: dict[int, Line] = {}
    used: dict[str, int] = {}
    for _, qi, _, line in pairs:
        if qi not in chosen and used.get(line.line_id, 0) < uses:
            chosen[qi] = line
            used[line.line_id] = used.get(line.line_id, 0) + 1
    _free_scarce_lines(pairs, chosen, used, uses)
    closest = _closest_shared_work(questions, lines, chosen, used, uses)
    matches = []
    for qi, question in enumerate(questions):
        line = chosen.get(qi)
        if line is None:
            matches.append(Match(None, prompt=_finding_prompt(question, lines, tagger)))
            continue
        reason, words = _why(question, line, tagger)
        if qi in closest:
            reason = f"{reason} (the closest line you have; say what part was yours)"
        matches.append(Match(line, reason, words))
    return matches


def _closest_shared_work(
    questions: list[Question],
    lines: list[Line],
    chosen: dict[int, Line],
    used: dict[str, int],
    uses: int,
) -> set[int]:
    """A thin resume: a line of shared work ("Helped launch the app") is still the closest
    story for a question it speaks to head-on, once stronger lines are placed."""
    closest = set()
    for qi, question in enumerate(questions):
        if qi in chosen or question.category not in value("stories.story_categories"):
            continue
        for line in lines:
            if (
                line.anatomy.weak
                and question.intents
                and question.intents[0] in line.anatomy.lead_intents
                and used.get(line.line_id, 0) < uses
                and fit(question, line) >= value("stories.min_fit")
            ):
                chosen[qi] = line
                closest.add(qi)
                used[line.line_id] = used.get(line.line_id, 0) + 1
                break
    return closest


def _speaks_to(question: Question, line: Line) -> bool:
    """A story answers what the question asks first, or two things it asks."""
    carried = [i for i in question.intents if i in line.anatomy.intents]
    likely = [i for i in question.intents if i in line.anatomy.intent_strength]
    return question.intents[0] in carried or len(carried) >= 2 or bool(likely)


def _free_scarce_lines(
    pairs: list[tuple[float, int, tuple[int, ...], Line]],
    chosen: dict[int, Line],
    used: dict[str, int],
    uses: int,
) -> None:
    """Give a question left without a story the line it needs, when a question holding
    that line can move to another fitting line: a line that is the only answer to one
    question should not go to a question with other options."""
    options: dict[int, list[Line]] = {}
    for _, qi, _, line in pairs:
        options.setdefault(qi, []).append(line)  # best fit first
    for qi in sorted(options):
        if qi in chosen:
            continue
        for line in options[qi]:
            holders = [q for q, held in chosen.items() if held.line_id == line.line_id]
            move = next(
                (
                    (holder, other)
                    for holder in holders
                    for other in options[holder]
                    if other.line_id != line.line_id and used.get(other.line_id, 0) < uses
                ),
                None,
            )
            if move:
                holder, other = move
                chosen[holder] = other
                used[other.line_id] = used.get(other.line_id, 0) + 1
                chosen[qi] = line
                break


def _why(question: Question, line: Line, tagger: IntentTagger) -> tuple[str, str]:
    """The reason a line was picked, and the words of the line that show it."""
    for intent in question.intents:
        phrases = line.anatomy.intent_phrases.get(intent)
        if phrases:
            return tagger.labels[intent], _clause_with(line, phrases[0])
    for pid in question.principles:
        if pid in line.evidence:
            evidence = line.evidence[pid]
            verb = "proves" if evidence.strength == "proven" else "is material for"
            return f"it {verb} this principle", _clause_with(line, (evidence.matched or [""])[0])
    return "", line.text


def _clause_with(line: Line, phrase: str) -> str:
    """The part of the line (an action, its trigger or its result) holding the phrase."""
    a = line.anatomy
    parts = [*a.actions, a.trigger, *a.results]
    wanted = {t.lemma for t in tokens(phrase)}
    for part in parts:
        if part and wanted <= {t.lemma for t in tokens(part)}:
            return part
    return line.text


def _finding_prompt(question: Question, lines: list[Line], tagger: IntentTagger) -> str:
    """Where to look for a story, in the candidate's own jobs."""
    employers = list(dict.fromkeys(ln.position.employer for ln in lines if ln.position))
    where = " or ".join(e for e in employers[:2] if e)
    place = f"At {where}" if where else "In your studies, projects or volunteering"
    if question.intents:
        ask = tagger.prompts.get(question.intents[0], "")
        if ask[:1].isupper():  # a whole sentence of its own ("Why this company: ...")
            return ask
        return f"{place}, was there a time {ask} Note what happened, what you did and what changed."
    return (
        "A case to work through live, not a story to tell: use the angle below, and bring in "
        "your own experience only where it makes a point."
    )


# -- STAR drafts -------------------------------------------------------------------


def draft(line: Line, resume_text: str) -> tuple[str, str, str, str, list[str]]:
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


def _position_duty(line: Line) -> str:
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


# -- the stories of a report ----------------------------------------------------------


def build_stories(
    questions: list[Question],
    matches: list[Match],
    lines: list[Line],
    principles: list[PrincipleFinding],
    resume: Resume,
    tagger: IntentTagger,
) -> list[Story]:
    """STAR drafts for the lines that answer questions, then the strongest evidence left."""
    limit = value("counts.stories")
    answers: dict[str, list[str]] = {}
    order: list[Line] = []
    for question, match in zip(questions, matches, strict=True):
        if match.line is not None:
            if match.line.line_id not in answers:
                order.append(match.line)
            answers.setdefault(match.line.line_id, []).append(question.id)
    # Then lines that prove or feed a principle, strongest first: material, never filler.
    rank = {"proven": 0, "material": 1}
    spare = sorted(
        (ln for ln in lines if ln.evidence and ln.line_id not in answers),
        key=lambda ln: (min(rank[e.strength] for e in ln.evidence.values()), ln.order),
    )
    chosen = (order + spare)[:limit]
    chosen.sort(key=lambda ln: ln.order)
    importance = {f.id: f.importance for f in principles}
    names = {f.id: f.name for f in principles}
    resume_text = resume_words(resume)
    stories = []
    for line in chosen:
        situation, task, action, result, prompts = draft(line, resume_text)
        principle_id = _principle_of(line, answers.get(line.line_id, []), questions, importance)
        labels = [
            tagger.labels[i] for i in _shown_intents(line, answers.get(line.line_id, []), questions)
        ]
        evidence = line.evidence.get(principle_id) if principle_id else None
        source = evidence or Evidence(line_id=line.line_id, text=line.text, where=line.where)
        stories.append(
            Story(
                title=story_title(line.text),
                principle_id=principle_id,
                principle=names.get(principle_id, "") if principle_id else "",
                intents=labels,
                questions=answers.get(line.line_id, []),
                source=source.model_copy(update={"where": line.where}),
                anatomy=line.anatomy,
                situation=situation,
                task=task,
                action=action,
                result=result,
                prompts=prompts,
            )
        )
    return stories


def _shown_intents(line: Line, answered: list[str], questions: list[Question]) -> list[str]:
    """What the story shows, most relevant first: the intents its questions asked for,
    then what the line is about (not what merely set it off)."""
    by_id = {q.id: q for q in questions}
    asked = [i for qid in answered for i in by_id[qid].intents if i in line.anatomy.intents]
    return list(dict.fromkeys([*asked, *line.anatomy.lead_intents]))


def _principle_of(
    line: Line, answered: list[str], questions: list[Question], importance: dict[str, float]
) -> str | None:
    """The principle a story serves: one its questions probe and the line evidences,
    else the most important one it evidences; None when it evidences none."""
    by_id = {q.id: q for q in questions}
    for qid in answered:
        for pid in by_id[qid].principles:
            if pid in line.evidence:
                return pid
    if not line.evidence:
        return None
    rank = {"proven": 0, "material": 1}
    return min(line.evidence, key=lambda p: (rank[line.evidence[p].strength], -importance[p]))


def story_title(text: str, words: int = 9) -> str:
    parts = text.rstrip(".").split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def resume_words(resume: Resume) -> str:
    """All the resume's text, for the fabrication guard."""
    parts = [resume.name, resume.summary, *resume.skills, *resume.other_lines]
    parts += [line.text for line in resume.unplaced]
    for p in resume.positions:
        parts += [p.title, p.employer, p.location, p.start, p.end, p.description, *p.bullets]
    for e in resume.education:
        parts += [e.institution, e.degree, e.start, e.end, *e.details]
    return "\n".join(parts)


def mining_prompts(
    resume: Resume,
    questions: list[Question],
    matches: list[Match],
    principles: list[PrincipleFinding],
    tagger: IntentTagger,
) -> list[MiningPrompt]:
    """For a thin resume: where to dig for the stories it does not tell yet."""
    wanted = []
    for question, match in zip(questions, matches, strict=True):
        intent = question.intents[0] if question.intents else None
        # Prompts written as whole sentences ("Why this company ...") are not about a job.
        if match.line is None and intent and intent not in wanted:
            wanted += [] if tagger.prompts[intent][:1].isupper() else [intent]
    jobs = resume.positions[:4]
    out = []
    # Each missing kind of story once, spread over the jobs, the latest job first.
    for index, position in enumerate(jobs):
        mine = wanted[index :: len(jobs)]
        if mine:
            place = ", ".join(p for p in (position.title, position.employer) if p)
            prompts = [f"Was there a time {tagger.prompts[i]}" for i in mine]
            out.append(MiningPrompt(where=place, prompts=prompts))
    for finding in principles:
        if finding.strength == "gap":
            out.append(
                MiningPrompt(
                    where=finding.name, prompts=[f"Find a moment that shows {finding.missing}."]
                )
            )
    return out
