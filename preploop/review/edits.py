"""Staff choices from the review form applied to a copy of the analysis, each change
logged as what the machine said and what staff chose."""

from __future__ import annotations

from preploop.catalog import RoleEntry
from preploop.report.findings import Analysis, Evidence, Said, staff_text
from preploop.report.star_drafts import resume_words, unsupported_terms
from preploop.report.wording import plain
from preploop.review.redraft import follow_pick, prompt_for
from preploop.review.settings import settings
from preploop.review.store import ReviewError

STAR = ("situation", "task", "action", "result")
RISK_TEXT = ("title", "why", "prepare_first")


class Flagged(ReviewError):
    """Staff text holds numbers or names the resume lacks: shown, not saved, until confirmed.

    `flagged` maps what holds them ("stories.0", "questions.3") to the words."""

    def __init__(self, flagged: dict[str, list[str]], changes: list[dict]):
        terms = sorted({t for words in flagged.values() for t in words})
        super().__init__(
            f"Not in the resume: {', '.join(terms)}. Check the text, or tick "
            "“keep these words” to save them as written; nothing saved"
        )
        self.flagged = flagged
        self.changes = changes


def attempted(analysis: Analysis, form: dict, entry: RoleEntry) -> list[dict]:
    """What a form would change, shown to staff when it cannot be saved (another tab saved
    first), so they can make the changes again by hand; [] when the form is unusable."""
    try:
        return apply_form(analysis, form, entry)[1]
    except Flagged as err:
        return err.changes
    except ReviewError:
        return []


def candidates(analysis: Analysis, principles: list[str]) -> list[Evidence]:
    """Lines a question could rest on: its principles' evidence, then every story's line."""
    seen: dict[str, Evidence] = {}
    for finding in analysis.principles:
        if finding.name in principles:
            for ev in finding.evidence:
                seen.setdefault(ev.line_id, ev)
    for story in analysis.stories:
        seen.setdefault(story.source.line_id, story.source)
    return list(seen.values())[:6]


def same(a: str, b: str) -> bool:
    """Text unchanged but for spacing (a browser sends textareas with CRLF)."""
    return " ".join(a.split()) == " ".join(b.split())


def apply_form(analysis: Analysis, form: dict, entry: RoleEntry) -> tuple[Analysis, list[dict]]:
    """Staff choices onto a copy of the analysis, with a log entry per change."""
    limit = settings().max_field
    for value in form.values():
        if isinstance(value, str) and len(value) > limit:
            raise ReviewError(f"a field of {len(value)} characters: the limit is {limit}")
    new = analysis.model_copy(deep=True)
    changes, flagged = _stars(new, form)  # first: a hand-edited draft is not redrafted
    changes += _picks(analysis, new, form, entry)
    prompt_changes, prompt_flags = _prompts(analysis, new, form)  # after picks: staff's win
    changes += prompt_changes
    flagged |= prompt_flags
    changes += _strengths(new, form)
    changes += _risks(new, form)
    note = str(form.get("note", new.note)).replace("\r\n", "\n").strip()
    if note != new.note:
        _check_note(note)
        changes.append({"field": "note", "machine": new.note, "staff": note})
        new.note = note
    if flagged:  # after every check, so the form is shown back with nothing else wrong
        raise Flagged(flagged, changes)
    return new, changes


def _check_note(note: str) -> None:
    """The note fits the contents page: at most `max_note` characters and `max_note_lines`
    lines (blank lines between paragraphs do not count)."""
    most, lines = settings().max_note, settings().max_note_lines
    if len(note) > most:
        raise ReviewError(f"the note: {len(note)} characters, limit {most}")
    written = [line for line in note.split("\n") if line.strip()]
    if len(written) > lines:
        raise ReviewError(f"the note: {len(written)} lines, limit {lines}; join some")


def _picks(analysis: Analysis, new: Analysis, form: dict, entry: RoleEntry) -> list[dict]:
    lines = {line_id: text for line_id, text, _kind in analysis.resume.lines()}
    changes: list[dict] = []
    for i, q in enumerate(new.questions):
        # A line id typed beside the question wins over the radio buttons: any line may be a story.
        pick = str(form.get(f"story-line-{i}", "")).strip() or form.get(f"story-{i}")
        was = q.story.line_id if q.story else "none"
        if pick is None or pick == was:
            continue
        if pick != "none" and pick not in lines:
            raise ReviewError(f"question {i + 1}: unknown resume line '{pick[:40]}'")
        known = {ev.line_id: ev for ev in candidates(analysis, q.principles)}
        q.story = (
            None if pick == "none" else known.get(pick) or Evidence(line_id=pick, text=lines[pick])
        )
        q.story_reason = q.story_words = ""
        if q.story_prompt.code != "staff.text":  # how to tell the new story, or where to look
            q.story_prompt = prompt_for(new, entry, q.id, q.story) or q.story_prompt
        changes.append({"field": f"questions.{i}.story", "machine": was, "staff": pick})
        old = None if was == "none" else was
        changes += follow_pick(new, entry, q.id, old, None if pick == "none" else pick)
    return changes


def _strengths(new: Analysis, form: dict) -> list[dict]:
    changes = []
    for i, p in enumerate(new.principles):
        pick = form.get(f"strength-{i}")
        if pick is None or pick == p.strength:
            continue
        if pick not in ("proven", "material", "gap", "live"):
            raise ReviewError(f"principle {p.name}: unknown judgment '{pick[:20]}'")
        changes.append({"field": f"principles.{i}.strength", "machine": p.strength, "staff": pick})
        p.strength = pick
    return changes


def _guard(old: str, text: str, resume_text: str) -> list[str]:
    """Numbers and names staff added that the resume lacks. Only what staff added is
    checked: the machine's text passed the guard already."""
    before = set(unsupported_terms(old, resume_text))
    return [t for t in unsupported_terms(text, resume_text) if t not in before]


def _stars(new: Analysis, form: dict) -> tuple[list[dict], dict[str, list[str]]]:
    """STAR fields and prompts as staff rewrote them, through the fabrication guard: the
    changes, and the words flagged in stories staff did not confirm."""
    limit = settings().max_star_text
    resume_text = resume_words(new.resume)
    changes: list[dict] = []
    flagged: dict[int, list[str]] = {}
    for j, story in enumerate(new.stories):
        for name in (*STAR, "prompts"):
            sent = form.get(f"star-{j}-{name}")
            old = "\n".join(story.prompts) if name == "prompts" else getattr(story, name)
            if sent is None or same(str(sent), old):
                continue
            text = str(sent).replace("\r\n", "\n").strip()
            if len(text) > limit:
                raise ReviewError(f"story {j + 1} {name}: {len(text)} characters, limit {limit}")
            invented = _guard(old, text, resume_text)
            change = {"field": f"stories.{j}.{name}", "machine": old, "staff": text}
            if invented:
                flagged.setdefault(j, []).extend(invented)
                change |= {"flagged": invented, "confirmed": bool(form.get(f"confirm-star-{j}"))}
            if name == "prompts":
                story.prompts = [p.strip() for p in text.split("\n") if p.strip()]
            else:
                setattr(story, name, text)
            story.edited = True
            changes.append(change)
    return changes, {
        f"stories.{j}": t for j, t in flagged.items() if not form.get(f"confirm-star-{j}")
    }


def _prompts(
    analysis: Analysis, new: Analysis, form: dict
) -> tuple[list[dict], dict[str, list[str]]]:
    """A question's prompt (where to find a story, for a question left without one) as
    staff rewrote it, through the fabrication guard; it becomes staff's text."""
    limit = settings().max_star_text
    resume_text = resume_words(new.resume)
    changes: list[dict] = []
    flagged: dict[str, list[str]] = {}
    for i, q in enumerate(new.questions):
        sent = form.get(f"prompt-{i}")
        old = plain(analysis.questions[i].story_prompt)  # what the page showed
        if sent is None or same(str(sent), old):
            continue
        text = " ".join(str(sent).split())
        if not text:
            raise ReviewError(f"question {i + 1}: an empty prompt; say where to look instead")
        if len(text) > limit:
            raise ReviewError(f"question {i + 1} prompt: {len(text)} characters, limit {limit}")
        change = {"field": f"questions.{i}.story_prompt", "machine": old, "staff": text}
        invented = _guard(old, text, resume_text)
        if invented:
            confirmed = bool(form.get(f"confirm-prompt-{i}"))
            change |= {"flagged": invented, "confirmed": confirmed}
            if not confirmed:
                flagged[f"questions.{i}"] = invented
        q.story_prompt = staff_text(text)
        changes.append(change)
    return changes, flagged


def _risks(new: Analysis, form: dict) -> list[dict]:
    """Risks rewritten, moved up or down, dropped; the checklist's indexes follow."""
    limit = settings().max_risk_text
    changes: list[dict] = []
    for i, risk in enumerate(new.risks):
        for name in RISK_TEXT:
            sent = form.get(f"risk-{i}-{name}")
            said: Said = getattr(risk, name)
            if sent is None or same(str(sent), plain(said)):
                continue
            text = " ".join(str(sent).split())
            if not text:
                raise ReviewError(f"risk {i + 1}: an empty {name}; drop the risk instead")
            if len(text) > limit:
                raise ReviewError(f"risk {i + 1} {name}: {len(text)} characters, limit {limit}")
            changes.append({"field": f"risks.{i}.{name}", "machine": plain(said), "staff": text})
            setattr(risk, name, staff_text(text))
    order = list(range(len(new.risks)))
    move = str(form.get("move", ""))
    direction, _, index = move.partition("-")
    if direction in ("up", "down") and index.isdigit() and int(index) < len(order):
        at = int(index)
        to = at - 1 if direction == "up" else at + 1
        if 0 <= to < len(order):
            order[at], order[to] = order[to], order[at]
            changes.append({"field": "risks", "machine": at, "staff": f"moved {direction}"})
    dropped = [i for i in order if form.get(f"drop-risk-{i}")]
    if dropped:
        changes.append({"field": "risks", "machine": len(order), "staff": f"dropped {dropped}"})
    kept = [i for i in order if i not in dropped]
    if kept != list(range(len(new.risks))):
        new.risks = [new.risks[i] for i in kept]
        for stage in new.checklist:  # stages point at risks by index: renumber them
            stage.watch_risks = [kept.index(i) for i in stage.watch_risks if i in kept]
    return changes
