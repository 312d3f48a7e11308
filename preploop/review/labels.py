"""Approved corrections from the review change logs, as labelled cases for the scoreboard.

Run only by `prep review export-labels`. What leaves the order folder is what staff chose
against what the machine said, with the candidate's name, employers, schools and places
(from the parsed resume) and every email, phone, link and number replaced by placeholders:
the cases teach the method, not who the candidate is. Products, teams and tools a line
names stay: they are what a story is about.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import yaml

from preploop.report.findings import Analysis
from preploop.report.pipeline import load_analysis
from preploop.review.settings import settings
from preploop.review.store import ReviewError, change_log, orders, state

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
LINK = re.compile(
    r"(?:https?://|www\.)\S+|\b(?:[\w-]+\.)+[a-z]{2,}/\S*"
    r"|\b(?:[\w-]+\.)+(?:com|org|net|io|co|ai|app|dev|edu|gov|me|uk|de|fr|ca|au|in)\b"
)
# A phone number: an optional +country code, then digits in groups split by spaces, dots,
# dashes or brackets, ten or more digits in all ("+1 (415) 555-0100", "020 7946 0958").
PHONE = re.compile(r"(?<![\w$])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,5}\)[ .-]?)?\d[\d .-]{6,}\d(?!\w)")
NUMBER = re.compile(r"\d(?:[\d,.]*\d)?")
LEGAL_SUFFIX = re.compile(
    r"[,\s]+(?:inc|llc|ltd|limited|corp|corporation|co|gmbh|plc|s\.?a)\.?$", re.I
)


def _link(m: re.Match) -> str:
    """A link replaced, the punctuation after it kept: "(see x.com/a)." """
    link = m.group()
    return "[link]" + link[len(link.rstrip(".,;:!?)]}'\"")) :]


def _is_phone(text: str) -> bool:
    return sum(c.isdigit() for c in text) >= 10


def _names(analysis: Analysis) -> dict[str, str]:
    """What identifies this candidate, from the parsed resume, with its placeholder: their
    name (and each part of it), employers, schools and places. Nothing else: a product,
    a team or a tool a line names is what the case is about, and is kept."""
    resume = analysis.resume
    generic = {w.lower() for w in settings().generic_name_words}
    known: dict[str, str] = {}

    def add(name: str, placeholder: str, parts: bool = False) -> None:
        name = " ".join(name.split())
        if not name or name.lower() in generic:  # "Remote" is no place to replace
            return
        short = LEGAL_SUFFIX.sub("", name)  # "Acme Labs, Inc." is also "Acme Labs"
        for variant in {name, short}:
            known.setdefault(variant, placeholder)
        words = [w for w in re.findall(r"[\w'’&-]+", short) if len(w) > 1 and w[:1].isupper()]
        if parts:  # a person's names each identify them: "Jordan", "Rivera"
            for word in words:
                known.setdefault(word, placeholder)
        elif len(words) > 1 and words[0].lower() not in generic and len(words[0]) > 3:
            known.setdefault(words[0], placeholder)  # "Lumen" for "Lumen Streaming"

    for name in (analysis.candidate, resume.name):
        add(name, "[name]", parts=True)
    for p in resume.positions:
        add(p.employer, "[employer]")
    for e in resume.education:
        add(e.institution, "[school]")
    for place in [p.location for p in resume.positions] + [resume.contact.location]:
        add(place, "[place]")
        for part in place.split(","):  # "Austin, TX" is also "Austin"
            if len(part.strip()) > 2:
                add(part, "[place]")
    return known


def scrubber(analysis: Analysis):
    """A function that replaces this candidate's identifying words in a text: their name,
    employers, schools and places (as the resume was parsed), and any email, phone, link
    and number."""
    known = _names(analysis)
    contact = analysis.resume.contact
    exact = {v: "[email]" for v in [contact.email] if v}
    exact |= {v: "[phone]" for v in [contact.phone] if v}
    exact |= {v: "[link]" for v in contact.links if v}
    phrases = sorted(known, key=len, reverse=True)  # "Acme Labs" before "Acme"
    patterns = [
        # Several words match in any case ("lumen streaming"); one word only as written,
        # so that a name that is also a word ("Will", "Mark") leaves the word alone.
        (re.compile(rf"(?<![\w]){re.escape(p)}(?![\w])", re.I if " " in p else 0), known[p])
        for p in phrases
    ]

    def scrub(text: str) -> str:
        for value, placeholder in exact.items():
            text = text.replace(value, placeholder)
        text = EMAIL.sub("[email]", text)
        text = LINK.sub(_link, text)
        text = PHONE.sub(lambda m: "[phone]" if _is_phone(m.group()) else m.group(), text)
        for pattern, placeholder in patterns:
            text = pattern.sub(placeholder, text)
        return NUMBER.sub("[number]", text)

    return scrub


def cases(file: Path) -> dict | None:
    """The approved corrections of one order as a case, or None when there are none."""
    log = change_log(file)
    if state(file) == "to review" or not log.exists():
        return None
    now = load_analysis(file)
    original = file.with_name(file.stem + ".original.json")
    machine = load_analysis(original) if original.exists() else now
    scrub = scrubber(now)
    lines = {lid: {"text": scrub(text), "kind": kind} for lid, text, kind in now.resume.lines()}
    first: dict[str, dict] = {}
    last: dict[str, dict] = {}
    for row in log.read_text(encoding="utf-8").splitlines():
        entry = json.loads(row)
        if entry.get("saved") is False or "staff" not in entry:
            continue  # a flagged edit shown back to staff, not saved
        first.setdefault(entry["field"], entry)
        last[entry["field"]] = entry
    out: dict = {"stories": [], "judgments": [], "drafts": [], "prompts": []}
    for field, entry in last.items():
        was, chose = first[field]["machine"], entry["staff"]
        if was == chose:
            continue  # changed, then changed back
        parts = field.split(".")
        if parts[0] == "questions" and parts[2] == "story":
            q = machine.questions[int(parts[1])]
            out["stories"].append(
                {"question": q.id, "machine": lines.get(was), "staff": lines.get(chose)}
            )
        elif parts[0] == "questions" and parts[2] == "story_prompt":
            q = machine.questions[int(parts[1])]
            out["prompts"].append(
                {"question": q.id, "machine": scrub(str(was)), "staff": scrub(str(chose))}
            )
        elif parts[0] == "principles":
            p = machine.principles[int(parts[1])]
            evidence = [lines[ev.line_id] for ev in p.evidence if ev.line_id in lines]
            out["judgments"].append(
                {"principle": p.id, "machine": was, "staff": chose, "lines": evidence}
            )
        elif parts[0] == "stories" and len(parts) == 3 and int(parts[1]) < len(now.stories):
            source = now.stories[int(parts[1])].source.text
            out["drafts"].append(
                {
                    "line": scrub(source),
                    "field": parts[2],
                    "machine": scrub(str(was)),
                    "staff": scrub(str(chose)),
                }
            )
    if not any(out.values()):
        return None
    return {"company": now.catalog.company, "role": now.catalog.role, **out}


def export_labels(path: Path, out: Path) -> tuple[int, int]:
    """Write one YAML file of cases per approved order under `out`: (files, corrections)."""
    if out.exists() and not out.is_dir():
        raise ReviewError(f"{out}: not a folder")
    found = [(file, case) for file in orders(path) if (case := cases(file))]
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    for file, case in found:
        # Named by a hash: an order's file name often holds the candidate's name.
        key = hashlib.sha256(file.stem.encode()).hexdigest()[:12]
        header = "# Corrections staff approved in review (prep review export-labels);\n"
        header += "# the candidate's name, employers, schools, places, emails, phones, links and\n"
        header += "# numbers are placeholders.\n"
        body = yaml.safe_dump(case, sort_keys=False, allow_unicode=True, width=100)
        (out / f"review-{key}.yaml").write_text(header + body, encoding="utf-8")
        total += sum(len(v) for v in case.values() if isinstance(v, list))
    return len(found), total
