"""Reported interviews summed up per role: counts, shares, labels, suggestions."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from preploop.catalog import load_catalog
from preploop.cli import main
from preploop.figures import settings
from preploop.figures.index import load_figures

ROOT = Path(__file__).resolve().parents[1]


def export_text(rows: list[tuple[str, str, str]]) -> str:
    """A fictional export: (date, title, question) rows for Meta."""
    lines = ["Date,Company,Job title,Interview question"]
    for date, title, question in rows:
        lines.append(f'{date},Facebook,{title},"{question}"')
    return "\n".join(lines) + "\n"


@pytest.fixture
def companies(tmp_path: Path) -> Path:
    target = tmp_path / "companies"
    shutil.copytree(ROOT / "companies", target, ignore=shutil.ignore_patterns("*.csv"))
    return target


def make_reports(companies: Path, tmp_path: Path) -> None:
    rows = []
    for day in range(1, 21):  # 20 wordings of the catalog's volunteering question
        wording = (
            "Design a product that helps people find local volunteering opportunities "
            "using Meta's apps."
            if day % 2
            else "design a product to help people find local volunteering opportunities"
        )
        rows.append((f"2026-01-{day:02d}", "PM", wording))
    for day in range(1, 6):
        rows.append((f"2026-02-{day:02d}", "Product Manager", "How would you improve Threads?"))
    for day in range(6, 9):
        rows.append((f"2026-02-{day:02d}", "PM", "How would you improve the Threads app?"))
    rows.append(("2026-03-01", "PM", "Estimate the number of Reels watched per day."))
    export = tmp_path / "export.csv"
    export.write_text(export_text(rows), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["reports", "import", str(export), "--companies", str(companies)]
    )
    assert result.exit_code == 0, result.output


def test_role_and_question_figures(companies, tmp_path):
    make_reports(companies, tmp_path)
    catalog = load_catalog(companies)
    entry = catalog.role("meta", "product-manager")
    reported = load_figures(companies, catalog.roles).of(entry)
    role, figures = entry.role, reported.summary
    assert (figures.count, figures.first, figures.last) == (
        29,
        dt.date(2026, 1, 1),
        dt.date(2026, 3, 1),
    )
    assert settings()["frequency"]["min_reports"] <= 29 and figures.computed
    volunteering = next(q for q in role.questions if q.id == "design-volunteering")
    assert reported.of(volunteering).count == 20
    assert reported.of(volunteering).share == pytest.approx(20 / 29)
    assert reported.of(volunteering).latest == dt.date(2026, 1, 20)
    assert reported.frequency(volunteering) == "very-common"
    others = [q for q in role.questions if q.id != "design-volunteering"]
    assert all(reported.of(q).count == 0 and reported.frequency(q) == "rare" for q in others)
    # Another role of the company has no reports: no figures, editors' labels kept.
    engineer = catalog.role("meta", "software-engineer")
    unreported = load_figures(companies, catalog.roles).of(engineer)
    assert unreported.summary is None
    assert all(
        unreported.of(q) is None and unreported.frequency(q) == q.frequency
        for q in engineer.role.questions
    )


def test_reported_as_phrasings_count_for_a_question(companies, tmp_path):
    make_reports(companies, tmp_path)
    path = companies / "meta" / "product-manager.yaml"
    text = path.read_text(encoding="utf-8")
    anchor = "  - id: design-volunteering\n"
    assert anchor in text
    marker = "    round: product-sense\n"
    start = text.index(anchor)
    at = text.index(marker, start) + len(marker)
    path.write_text(
        text[:at] + "    reported_as: [How would you improve Threads?]\n" + text[at:],
        encoding="utf-8",
    )
    entry = load_catalog(companies).role("meta", "product-manager")
    volunteering = next(q for q in entry.role.questions if q.id == "design-volunteering")
    assert (
        load_figures(companies, [entry]).of(entry).of(volunteering).count == 28
    )  # 20, plus both wordings of the Threads question


def test_suggest_lists_what_the_catalog_lacks(companies, tmp_path):
    make_reports(companies, tmp_path)
    result = CliRunner().invoke(
        main,
        ["reports", "suggest", "meta", "product-manager", "--top", "1", "--companies", companies],
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "9 of 29 reports match no catalog question" in lines[0]
    assert lines[1].split()[:3] == ["8", "latest", "2026-02-08"]
    assert "How would you improve Threads?" in lines[1]
    assert "also: How would you improve the Threads app?" in lines[2]
    assert len(lines) == 3  # --top 1: the Reels estimate is left out
    missing = CliRunner().invoke(
        main, ["reports", "suggest", "meta", "nope", "--companies", companies]
    )
    assert missing.exit_code == 1 and "no role 'nope'" in missing.output


def test_suggest_groups_many_distinct_wordings_quickly():
    """Grouping goes through an index: 20,000 distinct wordings (which took over two
    minutes one by one) take seconds; alike wordings still group."""
    import random
    import time

    from preploop.figures.aggregate import RoleFigures, suggest

    rng = random.Random(5)
    syllables = [c + v for c in "bcdfgklmnprstvz" for v in "aeiou"]
    vocabulary = ["".join(rng.choices(syllables, k=3)) for _ in range(3_000)]
    texts = {f"Tell me about {' '.join(rng.choices(vocabulary, k=5))}." for _ in range(20_000)}
    texts = sorted(texts) + ["How would you improve Threads?"] * 3
    texts.append("How would you improve the Threads app?")
    day = dt.date(2026, 1, 1)
    figures = RoleFigures(len(texts), day, day, True, tuple((t, "2026-01-01") for t in texts))
    started = time.monotonic()
    top = suggest(figures, 1)
    assert time.monotonic() - started < 10
    assert top[0][:2] == (4, "2026-01-01")
