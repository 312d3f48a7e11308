"""Reported interviews summed up per role (`index.load_figures` gathers them).

Each role's rows in `companies/<company>/reports.csv` give the role its
`RoleFigures` (how many reports, from when to when) and each catalog question
its `QuestionFigures` (count, share, latest date), by matching the reported
wording to the question's text and its `reported_as` phrasings. From
`frequency.min_reports` reports on, a question's frequency label is computed
from its share; below it, the editors' label stays and pages say so.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from preploop.figures import settings
from preploop.figures.matching import closest, words
from preploop.figures.store import column, read_store
from preploop.model import Question, Role


@dataclass(frozen=True)
class QuestionFigures:
    count: int
    share: float  # of the role's reports
    latest: dt.date | None
    reports: int  # the role's reports the share is of


@dataclass(frozen=True)
class RoleFigures:
    count: int
    first: dt.date
    last: dt.date
    computed: bool  # enough reports for labels computed from shares
    unmatched: tuple[tuple[str, str], ...]  # (reported wording, date) of no catalog question
    months: tuple[tuple[str, int, str], ...] = ()  # (YYYY-MM, reports, latest date)


def frequency_label(share: float) -> str:
    for label, threshold in settings()["frequency"]["labels"].items():
        if share >= threshold:
            return label
    return "rare"


def share_likelihood(share: float) -> float:
    """A share as a likelihood from 0 to 1: 1 from the 'very common' share on."""
    top = settings()["frequency"]["labels"]["very-common"]
    return min(1.0, share / top)


def read_reports(
    root: Path, companies: Iterable[str]
) -> dict[tuple[str, str], list[tuple[str, str]]]:
    """(company, role) -> [(date, question)] from the reports files of `companies`;
    StoreFileError names every damaged file."""
    grouped: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    c, r, d, q = (column("questions", name) for name in ("company", "role", "date", "question"))
    for cells in read_store(root, "questions", companies):
        grouped[(cells[c], cells[r])].append((cells[d], cells[q]))
    return grouped


def role_figures(
    role: Role, rows: list[tuple[str, str]]
) -> tuple[RoleFigures, dict[str, QuestionFigures], dict[str, str]]:
    """A role's figures from its reported (date, question) rows: the role's own, and,
    once there are enough reports, each question's figures and frequency label."""
    matched = match_questions(role.questions, [text for _, text in rows])
    counts: dict[str, int] = defaultdict(int)
    latest: dict[str, str] = {}
    unmatched = []
    for (date, text), qid in zip(rows, matched, strict=True):
        if qid is None:
            unmatched.append((text, date))
            continue
        counts[qid] += 1
        latest[qid] = max(latest.get(qid, ""), date)
    dates = sorted(date for date, _ in rows)
    months: dict[str, list[str]] = defaultdict(list)
    for date in dates:
        months[date[:7]].append(date)
    total = len(rows)
    computed = total >= settings()["frequency"]["min_reports"]
    questions: dict[str, QuestionFigures] = {}
    if computed:
        for question in role.questions:
            questions[question.id] = QuestionFigures(
                counts[question.id],
                counts[question.id] / total,
                dt.date.fromisoformat(latest[question.id]) if question.id in latest else None,
                total,
            )
    labels = {qid: frequency_label(figures.share) for qid, figures in questions.items()}
    summary = RoleFigures(
        total,
        dt.date.fromisoformat(dates[0]),
        dt.date.fromisoformat(dates[-1]),
        computed,
        tuple(unmatched),
        tuple((month, len(days), days[-1]) for month, days in sorted(months.items())),
    )
    return summary, questions, labels


def match_questions(questions: list[Question], texts: list[str]) -> list[str | None]:
    """For each reported wording, the id of the catalog question it reads like, or None."""
    exact: dict[str, str] = {}
    for question in questions:
        for phrasing in (question.text, *question.reported_as):
            exact.setdefault(words(phrasing), question.id)
    choices = list(exact)
    threshold = settings()["questions"]["match_threshold"]
    found: dict[str, str | None] = {}
    result = []
    for text in texts:
        key = words(text)
        if key not in found:
            if key in exact:
                found[key] = exact[key]
            else:
                best = closest(key, choices, threshold)
                found[key] = exact[best[0]] if best else None
        result.append(found[key])
    return result


def suggest(figures: RoleFigures, top: int) -> list[tuple[int, str, list[str]]]:
    """The most reported wordings no catalog question covers, grouped when alike:
    (count, latest date, up to two example wordings), most reported first."""
    by_key: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for text, date in figures.unmatched:
        by_key[words(text)].append((text, date))
    clusters = _cluster(sorted(by_key, key=lambda k: (-len(by_key[k]), k)))
    out = []
    for keys in clusters:
        rows = [row for key in keys for row in by_key[key]]
        examples = list(dict.fromkeys(by_key[key][0][0] for key in keys))[:2]
        out.append((len(rows), max(date for _, date in rows), examples))
    out.sort(key=lambda item: (-item[0], item[2][0]))
    return out[:top]


def _cluster(keys: list[str]) -> list[list[str]]:
    """Wordings grouped greedily, the most reported first: each joins the most alike
    group head (token_sort_ratio from `questions.cluster_threshold`) or heads a new
    group. Heads are found through an index of their rarest words
    (`questions.cluster_words`), not compared one by one: wordings that read alike
    share a rare word, and 100,000 wordings take seconds, not hours."""
    config = settings()["questions"]
    threshold, rarest = config["cluster_threshold"], config["cluster_words"]
    spread: dict[str, int] = defaultdict(int)  # word -> wordings that have it
    for key in keys:
        for word in set(key.split()):
            spread[word] += 1
    heads: list[str] = []
    clusters: list[list[str]] = []
    index: dict[str, list[int]] = defaultdict(list)  # rare word -> heads that have it
    for key in keys:
        rare = sorted(set(key.split()), key=lambda w: (spread[w], w))[:rarest]
        candidates = sorted({h for word in rare for h in index.get(word, ())})
        best = closest(key, [heads[h] for h in candidates], threshold)
        if best:
            clusters[candidates[best[2]]].append(key)
            continue
        for word in rare:
            index[word].append(len(heads))
        heads.append(key)
        clusters.append([key])
    return clusters
