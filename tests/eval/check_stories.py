"""Validate the labelled story set in tests/eval/stories/.

    .venv/bin/python tests/eval/check_stories.py [FILE ...]   # both sets, or the files named

For every file: the keys are the allowed ones; company and role exist in the
catalog; the resume (inline or from a file) parses into a name and positions with
bullets; the job description is present (inline ones need 15+ lines and
Responsibilities and Requirements headings); `expected` names every question of the
role that has intents and nothing else; every expected substring occurs in exactly
one bullet of the parsed resume (position bullets, or project and other lines) and
no substring is listed twice for one question. Prints one line per file and a
summary; exits 1 on any problem. Signs of a misread resume (a location taken for
the employer, a lost parenthesis, a half-read degree) are printed as warnings.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

try:  # the parser moved from ingest.py to resume_parser.py; accept either
    from preploop.report.resume_parser import parse_resume
except ImportError:  # pragma: no cover
    from preploop.report.ingest import parse_resume  # type: ignore[no-redef]

STORIES = Path(__file__).resolve().parent / "stories"
HELD_OUT = Path(__file__).resolve().parent / "heldout" / "stories"  # checked, never tuned on
KEYS = {"company", "role", "resume", "resume_file", "job", "job_file", "expected"}
NAME = re.compile(
    r"^(?P<company>[a-z0-9-]+?)-(?P<role>product-manager|software-engineer|data-scientist|engineering-manager)-(?P<person>[a-z]+(?:-[a-z]+)+)\.yaml$"
)


def slug(text: str) -> str:
    return re.sub(r"[^a-z]+", "-", text.lower()).strip("-")


def check(path: Path) -> tuple[list[str], int, int]:
    problems: list[str] = []
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(doc, dict):
        return [f"{path.name}: not a mapping"], [], 0, 0
    extra = set(doc) - KEYS
    if extra:
        problems.append(f"unknown keys {sorted(extra)}")
    company, role = doc.get("company"), doc.get("role")
    m = NAME.match(path.name)
    if not m:
        problems.append("file name is not <company>-<role>-<firstname-lastname>.yaml")
    elif (m["company"], m["role"]) != (company, role):
        problems.append(f"file name says {m['company']}/{m['role']}, file says {company}/{role}")

    role_path = ROOT / "companies" / str(company) / f"{role}.yaml"
    if not role_path.is_file():
        return problems + [f"no role file {role_path.relative_to(ROOT)}"], [], 0, 0
    questions = yaml.safe_load(role_path.read_text(encoding="utf-8"))["questions"]
    wanted = [q["id"] for q in questions if q.get("intents")]

    # resume
    if ("resume" in doc) == ("resume_file" in doc):
        return problems + ["give exactly one of resume / resume_file"], [], 0, 0
    if "resume_file" in doc:
        resume_path = ROOT / doc["resume_file"]
        if not resume_path.is_file():
            return problems + [f"resume_file {doc['resume_file']} not found"], [], 0, 0
        text = resume_path.read_text(encoding="utf-8")
        fmt = "markdown" if resume_path.suffix == ".md" else "text"
    else:
        text, fmt = doc["resume"], "markdown"
    resume = parse_resume(text, fmt)
    if not resume.name:
        problems.append("resume: no name parsed")
    elif m and slug(resume.name) != m["person"]:
        problems.append(f"resume name {resume.name!r} does not match the file name")
    if not resume.positions:
        problems.append("resume: no positions parsed")
    for p in resume.positions:
        if not p.bullets:
            problems.append(f"resume: position {p.title!r} at {p.employer!r} has no bullets")
    held = [*resume.positions, *resume.activities]
    bullets = [b for p in held for b in p.bullets] + list(resume.other_lines)
    warnings = parse_warnings(resume)

    # job description
    if ("job" in doc) == ("job_file" in doc):
        problems.append("give exactly one of job / job_file")
    elif "job_file" in doc:
        if not (ROOT / doc["job_file"]).is_file():
            problems.append(f"job_file {doc['job_file']} not found")
    else:
        job_lines = [line for line in doc["job"].splitlines() if line.strip()]
        if len(job_lines) < 15:
            problems.append(f"job: {len(job_lines)} lines, want 15+")
        for heading in ("responsibilities", "requirements"):
            if not any(line.strip().lower().rstrip(":") == heading for line in job_lines):
                problems.append(f"job: no {heading.title()} heading")

    # expected
    expected = doc.get("expected") or {}
    missing = [q for q in wanted if q not in expected]
    # A case question (no intents) may stay labelled [], to check that it gets no story.
    unknown = [q for q in expected if q not in wanted and expected[q]]
    if missing:
        problems.append(f"expected lacks questions with intents: {missing}")
    if unknown:
        problems.append(
            f"expected names questions that are not in the role or have no intents: {unknown}"
        )
    pairs = empty = 0
    for qid, picks in expected.items():
        if picks is None or not isinstance(picks, list):
            problems.append(f"{qid}: want a list ([] for no fitting line)")
            continue
        pairs += 1
        empty += not picks
        if len(picks) != len(set(picks)):
            problems.append(f"{qid}: a substring is listed twice")
        hit_lines = []
        for sub in picks:
            hits = [b for b in bullets if sub in b]
            if len(hits) != 1:
                problems.append(f"{qid}: {sub!r} occurs in {len(hits)} bullets, want exactly 1")
            else:
                hit_lines.append(hits[0])
        if len(hit_lines) != len(set(hit_lines)):
            problems.append(f"{qid}: two substrings point at the same bullet")
    return problems, warnings, pairs, empty


PLACE = re.compile(r"^[A-Z][A-Za-z .'-]+, [A-Z]{2}$|^remote$", re.IGNORECASE)


def parse_warnings(resume) -> list[str]:  # type: ignore[no-untyped-def]
    """Signs that the parser misread the resume; reported, not counted as failures
    (the labels hold either way, but the report would print the wrong job)."""
    out = []
    for p in resume.positions:
        if p.employer and PLACE.match(p.employer.strip()):
            out.append(f"position read as title {p.title!r}, employer {p.employer!r}")
        if (p.title or "").count("(") != (p.title or "").count(")"):
            out.append(f"title {p.title!r} lost a parenthesis")
    for e in resume.education:
        if not e.degree or not e.institution:
            out.append(f"education read as degree {e.degree!r}, institution {e.institution!r}")
    return out


def main() -> int:
    # Files named on the command line (a new blind round before it joins), else both sets.
    named = [Path(arg) for arg in sys.argv[1:]]
    files = named or sorted(STORIES.glob("*.yaml")) + sorted(HELD_OUT.glob("*.yaml"))
    if not files:
        print(f"no story files in {STORIES}")
        return 1
    total = empty_total = bad = 0
    for path in files:
        problems, warnings, pairs, empty = check(path)
        total += pairs
        empty_total += empty
        status = "ok" if not problems else f"{len(problems)} problem(s)"
        print(
            f"{path.name}: {pairs} questions, {pairs - empty} with a story, {empty} [] ... {status}"
        )
        for problem in problems:
            print(f"    {problem}")
        for warning in warnings:
            print(f"    parse warning: {warning}")
        bad += bool(problems)
    print(
        f"{len(files)} files, {total} labelled questions, {total - empty_total} with a story, "
        f"{empty_total} []; {bad} file(s) with problems"
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
