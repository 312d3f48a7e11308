"""A save from a page loaded before another save (a second tab, a colleague): merged when
the two changed different fields, refused when both changed the same one.

A page's form holds every field as the page showed it. Compared with the version the page
was made from, it says which fields staff changed on that page; compared with the file as
it is now, that version says which fields the saves since changed. When the two sets do not
meet, the page's changes, and only those, are applied to the file as it is now, through
the same steps as any save (so the fabrication guard and the log see them as usual).
"""

from __future__ import annotations

import re

from preploop.report.findings import Analysis
from preploop.report.wording import plain
from preploop.review.edits import RISK_TEXT, STAR

KEPT = ("csrf", "action")  # what the form is, not what it changes


def form_values(analysis: Analysis) -> dict[str, str]:
    """The value of each field of the review form, as a page made from `analysis` shows it
    (theme/review/report.html)."""
    values = {"note": analysis.note}
    for i, q in enumerate(analysis.questions):
        values[f"story-{i}"] = q.story.line_id if q.story else "none"
        values[f"story-line-{i}"] = ""
        if q.story is None:
            values[f"prompt-{i}"] = plain(q.story_prompt)
    for i, p in enumerate(analysis.principles):
        values[f"strength-{i}"] = p.strength
    for j, s in enumerate(analysis.stories):
        for name in (*STAR, "prompts"):
            text = "\n".join(s.prompts) if name == "prompts" else getattr(s, name)
            values[f"star-{j}-{name}"] = text
    for i, r in enumerate(analysis.risks):
        for name in RISK_TEXT:
            values[f"risk-{i}-{name}"] = plain(getattr(r, name))
    return values


def field_of(key: str) -> str | None:
    """The field a form key changes: a question's story (its pick, a typed line, its
    prompt), a principle's judgment, one STAR field, one risk, the risks' order, the note."""
    patterns = (
        (r"story-(?:line-)?(\d+)|prompt-(\d+)", "question {}"),
        (r"strength-(\d+)", "principle {}"),
        (r"star-(\d+-\w+)", "story {}"),
        (r"risk-(\d+)-\w+|drop-risk-(\d+)", "risk {}"),
        (r"move", "the order of the risks"),
        (r"note", "the note"),
    )
    for pattern, name in patterns:
        m = re.fullmatch(pattern, key)
        if m:
            return name.format(next((g for g in m.groups() if g is not None), ""))
    return None


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def changed_fields(before: dict[str, str], after: dict[str, str]) -> set[str]:
    """The fields whose form values differ (a field one side lacks differs)."""
    keys = before.keys() | after.keys()
    return {
        field_of(k)
        for k in keys
        if k not in before or k not in after or not _same(before[k], after[k])
    } - {None}


def _touches(mine: str, theirs: set[str]) -> bool:
    if mine in theirs:
        return True
    # Moving risks changes every risk's place; a risk changed elsewhere stops a move.
    order = "the order of the risks"
    return (mine == order and any(f.startswith("risk ") for f in theirs)) or (
        mine.startswith("risk ") and order in theirs
    )


def rebase(form: dict, base: Analysis, current: Analysis) -> tuple[dict, list[str]]:
    """The form reduced to what staff changed on their page (made from `base`), to apply
    to `current`; and the fields both changed (then nothing is to be applied)."""
    shown = form_values(base)
    mine: dict[str, str] = {}
    for key, value in form.items():
        if field_of(key) is None:
            continue  # the token, the hash, the button pressed, a "keep these words" box
        if key in shown and _same(str(value), shown[key]):
            continue  # as the page showed it: not a change of this page
        mine[key] = value
    theirs = changed_fields(shown, form_values(current))
    both = sorted({f for k in mine if _touches(f := field_of(k), theirs)})
    if both:
        return {}, both
    extra = {k: v for k, v in form.items() if k in KEPT or k.startswith("confirm-")}
    return {**extra, **mine}, []
