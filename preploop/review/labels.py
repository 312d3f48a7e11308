"""Approved corrections from the review change logs, as labelled cases for the scoreboard.

Run only by `prep review export-labels`. What leaves the order folder is what staff chose
against what the machine said, with names, employers, places, numbers, emails and links
replaced by placeholders: the cases teach the method, not who the candidate is.
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
LINK = re.compile(r"(?:https?://|www\.)\S+")
NUMBER = re.compile(r"\d(?:[\d,.]*\d)?")
CAPITALISED = re.compile(r"(?<![\w\[\]])[A-Z][\w'’&/-]*")
SENTENCE_START = re.compile(r"(?:^|[.!?:;•(]\s*|\n\s*)$")


def scrubber(analysis: Analysis):
    """A function that replaces this candidate's identifying words in a text."""
    resume = analysis.resume
    known: dict[str, str] = {}
    for p in resume.positions:
        known |= {p.employer: "[employer]", p.location: "[place]"}
    for e in resume.education:
        known[e.institution] = "[employer]"
    for name in (analysis.candidate, resume.name):
        known |= {part: "[name]" for part in name.split() if len(part) > 1}
        known[name] = "[name]"
    known.pop("", None)
    keep = set(settings().keep_words)
    phrases = sorted(known, key=len, reverse=True)  # "Acme Labs" before "Acme"

    def scrub(text: str) -> str:
        text = EMAIL.sub("[email]", text)
        text = LINK.sub("[link]", text)
        for phrase in phrases:
            pattern = rf"(?<![\w]){re.escape(phrase)}(?![\w])"
            text = re.sub(pattern, known[phrase], text, flags=re.IGNORECASE)
        text = NUMBER.sub("[number]", text)

        def name(m: re.Match) -> str:
            # The first word of a sentence is capitalised by grammar, not as a name.
            word = re.sub(r"['’]s$", "", m.group())
            if word in keep or SENTENCE_START.search(text[: m.start()]):
                return m.group()
            return "[name]"

        return CAPITALISED.sub(name, text)

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
    lines = {lid: text for lid, text, _ in now.resume.lines()}
    first: dict[str, dict] = {}
    last: dict[str, dict] = {}
    for row in log.read_text(encoding="utf-8").splitlines():
        entry = json.loads(row)
        if entry.get("saved") is False or "staff" not in entry:
            continue  # a flagged edit shown back to staff, not saved
        first.setdefault(entry["field"], entry)
        last[entry["field"]] = entry
    out: dict = {"stories": [], "judgments": [], "drafts": []}
    for field, entry in last.items():
        was, chose = first[field]["machine"], entry["staff"]
        if was == chose:
            continue  # changed, then changed back
        parts = field.split(".")
        if parts[0] == "questions" and parts[2] == "story":
            q = machine.questions[int(parts[1])]
            said = {key: scrub(lines[key]) if key in lines else None for key in (was, chose)}
            out["stories"].append({"question": q.id, "machine": said[was], "staff": said[chose]})
        elif parts[0] == "principles":
            p = machine.principles[int(parts[1])]
            evidence = [scrub(ev.text) for ev in p.evidence]
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
        header += "# names, employers, places, numbers, emails and links are placeholders.\n"
        body = yaml.safe_dump(case, sort_keys=False, allow_unicode=True, width=100)
        (out / f"review-{key}.yaml").write_text(header + body, encoding="utf-8")
        total += sum(len(v) for v in case.values() if isinstance(v, list))
    return len(found), total
