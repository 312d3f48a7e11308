"""How well ingestion reads real files, against the labels in reading_labels.yaml.

    python tests/eval/reading.py [-v]

Resumes: the share of name, email, phone and position dates read right (a
position's dates are right when both start and end are; a position found that
the resume does not have counts as one wrong field). Job descriptions: the share
of title and seniority read right, and of minimum years; "JD choices", the share of
labelled postings whose alternatives ("Java, C++, or C#": one requirement) are read as
labelled; "JD duties", the share of labelled lines read right as a duty (a question to
ask may quote it) or not (a company blurb). Language: the share of files whose language
is detected right. -v lists every miss.
"""

from __future__ import annotations

import functools
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from preploop.catalog import Catalog, load_catalog  # noqa: E402
from preploop.report.documents import PRESENT_WORDS, Position, parse_month  # noqa: E402
from preploop.report.ingest import IngestError, read_job_description, read_resume  # noqa: E402
from preploop.report.jd_parser import is_duty  # noqa: E402

LABELS = Path(__file__).resolve().parent / "reading_labels.yaml"
FIXTURES = ROOT / "tests" / "fixtures" / "real-world"
SHARED_FIXTURES = ROOT.parent / "shared" / "fixtures" / "real-world"
TARGETS = {
    "resumes": 0.95,
    "JDs": 0.90,
    "JD titles": 0.90,
    "JD seniority": 0.90,
    "JD years": 0.90,
    "JD choices": 0.90,
    "JD duties": 0.90,
    "language": 1.0,
}


@dataclass
class Score:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def check(self, ok: bool, note: str) -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.misses.append(note)

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 1.0


def fixture_path(name: str) -> Path:
    if name.startswith("shared:"):
        return SHARED_FIXTURES / name.removeprefix("shared:")
    return FIXTURES / name


def evaluate_reading() -> dict[str, Score]:
    """Scores per measure; fixtures that are not on disk (shared/ absent) are skipped."""
    labels = yaml.safe_load(LABELS.read_text(encoding="utf-8"))
    scores = {name: Score() for name in TARGETS}
    for label in labels["resumes"]:
        path = fixture_path(label["file"])
        if path.is_file():
            _score_resume(path, label, scores)
    for label in labels["job_descriptions"]:
        path = fixture_path(label["file"])
        if path.is_file():
            _score_jd(path, label, scores)
    return scores


def _score_resume(path: Path, label: dict, scores: dict[str, Score]) -> None:
    score, name = scores["resumes"], path.name
    try:
        resume = read_resume(path)
    except IngestError as exc:
        score.check(False, f"{name}: not read ({exc})")
        return
    score.check(_same(resume.name, label["name"]), f"{name}: name {resume.name!r}")
    score.check(
        _same(resume.contact.email, label["email"]), f"{name}: email {resume.contact.email!r}"
    )
    score.check(
        _digits(resume.contact.phone) == _digits(str(label["phone"])),
        f"{name}: phone {resume.contact.phone!r}",
    )
    _score_language(name, getattr(resume, "language", ""), label, scores)
    if label["positions"] is None:
        return
    unused = list(resume.positions)
    for title, employer, start, end in label["positions"]:
        found = _match(unused, title, employer)
        if found is None:
            score.check(False, f"{name}: position {title} at {employer} not found")
            continue
        unused.remove(found)
        dates_ok = _same_date(found.start, start) and _same_date(found.end, end)
        score.check(dates_ok, f"{name}: {title} dates {found.start!r} - {found.end!r}")
    for extra in unused:
        score.check(False, f"{name}: position not on the resume: {extra.title!r}")


def _score_jd(path: Path, label: dict, scores: dict[str, Score]) -> None:
    score, name = scores["JDs"], path.name
    try:
        jd = read_job_description(path)
    except IngestError as exc:
        score.check(False, f"{name}: not read ({exc})")
        return
    titles = label["title"] if isinstance(label["title"], list) else [label["title"]]
    title_ok = any(_same(jd.title, t) for t in titles)
    seniority_ok = jd.seniority == label["seniority"]
    score.check(title_ok, f"{name}: title {jd.title!r}")
    score.check(seniority_ok, f"{name}: seniority {jd.seniority!r}")
    scores["JD titles"].check(title_ok, f"{name}: title {jd.title!r}")
    scores["JD seniority"].check(seniority_ok, f"{name}: seniority {jd.seniority!r}")
    scores["JD years"].check(
        jd.years_required == label["years"], f"{name}: years {jd.years_required!r}"
    )
    _score_language(name, getattr(jd, "language", ""), label, scores)
    if "choices" in label:
        _score_choices(path, label, scores)
    duties = [_norm(line) for line in jd.responsibility_lines]
    for line, want in [(d, True) for d in label.get("duties", [])] + [
        (b, False) for b in label.get("not_duties", [])
    ]:
        found = any(d.startswith(_norm(line)) for d in duties)
        ok = found == want and (not want or is_duty(line))
        scores["JD duties"].check(ok, f"{name}: {'duty' if want else 'not a duty'}: {line!r}")


def _score_choices(path: Path, label: dict, scores: dict[str, Score]) -> None:
    """Alternatives as read with the role family's vocabulary, as the report reads them."""
    family = _catalog().families[label["family"]]
    vocabulary = {skill.name: skill.posting_words for skill in family.skills}  # as run_order
    products = {skill.name: skill.products for skill in family.skills}
    jd = read_job_description(path, vocabulary, products)
    scores["JD choices"].check(
        jd.skill_choices == label["choices"], f"{path.name}: choices {jd.skill_choices!r}"
    )


@functools.cache
def _catalog() -> Catalog:
    return load_catalog(ROOT / "companies")


def _score_language(name: str, found: str, label: dict, scores: dict[str, Score]) -> None:
    scores["language"].check(found == label["language"], f"{name}: language {found!r}")


def _match(positions: list[Position], title: str, employer: str) -> Position | None:
    """The position read for a labelled one: same title or employer (either way round)."""
    wanted = {_norm(title), _norm(employer)}
    for position in positions:
        if wanted & {_norm(position.title), _norm(position.employer)}:
            return position
    return None


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower()).strip(" .,;:|-")


def _same(found: str, expected: str) -> bool:
    return _norm(found) == _norm(str(expected))


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _same_date(found: str, expected: str) -> bool:
    def key(text: str) -> object:
        text = text.strip().lower()
        return "present" if text in PRESENT_WORDS else parse_month(text) or text

    return key(found) == key(str(expected))


def print_reading(verbose: bool = False) -> None:
    """One line per measure, in the "name: right X  target Y" shape score.py prints."""
    scores = evaluate_reading()
    for name, score in scores.items():
        print(
            f"reading {name:>8}: right {score.share:.2f}  target {TARGETS[name]:.2f}  "
            f"({score.right} of {score.total})"
        )
    if verbose:
        for name, score in scores.items():
            for note in score.misses:
                print(f"  missed reading {name}: {note}")


if __name__ == "__main__":
    print_reading("-v" in sys.argv)
