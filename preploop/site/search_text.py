"""What search should find on a role page, beyond its headings: short texts per section.

Engine-free. The heavy HTML blocks of a role page go in after search indexing
(see `plugin.py`), so their words would never reach the index. Rather than
index the blocks whole (several KB of markup and repeated labels a page), each
section gets a compact text of the words people search for: principle names,
round names and formats, FAQ questions (plain text fields, not Markdown), and an
entry per question. Boilerplate (the report offer) is left out of the index altogether.
"""

from __future__ import annotations

import html

from preploop.catalog import RoleEntry

# An index field of our own: the company and role a role page's entry belongs to, so a
# search for "netflix salary" finds Netflix's pay section, whose own words say only "pay".
# Search reads it (all fields count) and never shows it.
CONTEXT = "context"

# Sections of a role page whose entry the index is better without: the same
# offer on every page, found through the pricing and report pages instead.
LEFT_OUT = ("report", "questions")  # each question is an entry of its own instead


def role_sections(entry: RoleEntry) -> dict[str, str]:
    """Search text by section id (the heading's anchor on the role page). The questions
    are not here: each is an entry of its own (`question_entries`)."""
    company, role = entry.company, entry.role
    return {
        "rounds": _sentences(f"{r.name}: {r.format}" for r in role.rounds),
        "principles": _sentences(p.name for p in company.principles),
        "faq": _text(" ".join(f.q for f in role.faq)),
    }


def question_entries(entry: RoleEntry, page_url: str) -> list[dict]:
    """One index entry per question of the role page, so a search for a question leads
    to it (its anchor); its kind ("Behavioral") is in the text, as its chip shows it."""
    return [
        {
            "location": f"{page_url}#q-{q.id}",
            "title": _text(q.text),
            "text": _text(q.category.replace("-", " ").capitalize()),
        }
        for q in entry.role.questions
    ]


def _sentences(items) -> str:
    return _text(" ".join(item.rstrip(".") + "." for item in items))


def _text(text: str) -> str:
    """The index holds HTML: search results show its text as markup."""
    return html.escape(" ".join(text.split()), quote=False)


def enrich(
    entries: list[dict],
    page_url: str,
    sections: dict[str, str],
    extra: list[dict] = (),
    context: str = "",
) -> None:
    """Fill this page's entries of a search index (dicts with location, title, text).

    Only the page's own entries, the last ones added, are touched; the entries
    of sections in LEFT_OUT are removed; `extra` entries go after the page's own;
    each of the page's own gets `context` (its company and role) in a field of its own.
    """
    start = len(entries)
    while start > 0 and entries[start - 1].get("location", "").split("#")[0] == page_url:
        start -= 1
    kept = []
    for entry in entries[start:]:
        anchor = entry.get("location", "").partition("#")[2]
        if anchor in LEFT_OUT:
            continue
        words = sections.get(anchor)
        if words:
            entry["text"] = f"{entry.get('text', '')} {words}".strip()
        kept.append(entry)
    if context:  # the sections only: on every question too, it would weigh 1 MB at 1,000 roles
        for entry in kept:
            entry[CONTEXT] = _text(context)
    entries[start:] = [*kept, *extra]
