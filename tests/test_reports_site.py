"""Reported figures on the built site and in the report, from a fictional export."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from conftest import ROOT, make_project, run

from preploop.cli import main
from preploop.report.findings import Said
from preploop.report.wording import plain

DECISION = (
    "Tell me about a significant product decision you made without waiting for your "
    "manager's approval."
)
DISCOVERY = "How would you improve the way members discover something new to watch?"


def fictional_export(path: Path) -> Path:
    """30 made-up reports for Netflix product managers: 18, 9 and 3 of three questions."""
    lines = ["When did you interview?,Company name,Your job title,What were you asked?"]
    discovery = "How would you improve how members discover new things to watch?"
    for i in range(18):
        lines.append(
            f'2025-{1 + i % 12:02d}-{10 + i // 12},Netflix Inc.,Product Manager,"{DECISION}"'
        )
    for i in range(9):
        lines.append(f"2025-11-{1 + i:02d},netflix,PM,{discovery}")
    for i in range(3):
        lines.append(f"2025-12-0{1 + i},Netflix,Senior PM,How do you price a new plan?")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("reports-site")
    companies = tmp / "companies"
    shutil.copytree(ROOT / "companies", companies, ignore=shutil.ignore_patterns("*.csv"))
    export = fictional_export(tmp / "export.csv")
    result = CliRunner().invoke(
        main, ["reports", "import", str(export), "--companies", str(companies)]
    )
    assert result.exit_code == 0, result.output
    pay = fictional_pay(tmp / "pay.csv")
    result = CliRunner().invoke(
        main, ["reports", "import", str(pay), "--kind", "pay", "--companies", str(companies)]
    )
    assert result.exit_code == 0, result.output
    assert "netflix/product-manager: 1 row with no level of the role" in result.output
    return make_project(tmp, companies)


def fictional_pay(path: Path) -> Path:
    """Made-up pay: 12 rows at L5 (enough to show), 3 at L4 (too few), 1 with no level."""
    lines = ["Submitted,Company,Title,Level,Base salary,Stock per year,Bonus,Location"]
    for i in range(12):
        lines.append(
            f'2025-{1 + i:02d}-15,Netflix,Senior PM,L5,"${200 + 10 * i},000",50k,,Los Gatos'
        )
    for i in range(3):
        lines.append(f"2025-06-0{1 + i},netflix,PM,L4,180000,0,0,Remote")
    lines.append("2025-06-09,Netflix,PM,,175000,,,Remote")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    out = project / "site"
    result = run("mkdocs", "build", "--strict", "--site-dir", out, cwd=project)
    assert result.returncode == 0, result.stderr
    return out


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(), "html.parser")


def json_ld(soup: BeautifulSoup) -> list[dict]:
    return [json.loads(s.string) for s in soup.find_all("script", type="application/ld+json")]


def test_role_page_says_what_its_figures_rest_on(site):
    soup = page(site, "companies/netflix/product-manager")
    facts = {
        dt.get_text(strip=True): dd.get_text(" ", strip=True)
        for dt, dd in zip(soup.select(".prep-facts dt"), soup.select(".prep-facts dd"), strict=True)
    }
    # Past the publishing minimum, both figures show, each labelled with where it is from.
    assert facts["Reported to us"] == "30 questions (Jan 2025 to Dec 2025)"
    assert facts["Reported interviews elsewhere"] == (
        "2,600+ (Interview reports cited on the public Netflix PM prep page, November 2026)"
    )
    intro = soup.find(id="questions").find_next("p").get_text(" ", strip=True)
    assert "30 reported questions from January 2025 to December 2025" in intro
    items = soup.select("li.prep-question")
    first = items[0]
    assert first.select_one(".prep-question__text").get_text(strip=True) == DECISION
    assert "Very common" in first.select_one(".prep-tag").get_text()
    assert "editors' estimate" not in first.get_text()
    assert first.select_one(".prep-question__figures").get_text(" ", strip=True) == (
        "Reported 18 times: 60% of 30 reports, latest December 2025."
    )
    second = items[1]
    assert second.select_one(".prep-question__text").get_text(strip=True) == DISCOVERY
    assert "30% of 30 reports, latest November 2025" in second.get_text(" ", strip=True)
    unreported = items[-1]
    assert "Not among the 30 reports" in unreported.get_text(" ", strip=True)
    assert "Rare" in unreported.select_one(".prep-tag").get_text()


def test_roles_without_reports_keep_editorial_labels(site):
    soup = page(site, "companies/meta/product-manager")
    tags = [t.get_text() for t in soup.select(".prep-question .prep-tag[class*='prep-tag--']")]
    assert tags and all("(editors' estimate)" in t for t in tags)
    assert not soup.select(".prep-question__figures")
    assert "Reported to us" not in [dt.get_text(strip=True) for dt in soup.select(".prep-facts dt")]


@pytest.mark.parametrize(
    "url", ["companies/netflix/product-manager", "companies/netflix", "companies"]
)
def test_last_updated_is_shown_and_matches_date_modified(site, url):
    soup = page(site, url)
    shown = soup.select_one(".prep-updated time")
    assert shown is not None
    assert shown.parent.get_text(" ", strip=True).startswith("Last updated ")
    pages = [d for d in json_ld(soup) if d["@type"] == "WebPage"]
    assert len(pages) == 1
    assert pages[0]["dateModified"] == shown["datetime"]
    if url != "companies/netflix/product-manager":
        return
    # The newest report (2025-12-03) is older than the catalog's own dates here,
    # so the date is the newest of the data: never older than the reports.
    assert shown["datetime"] >= "2025-12-03"


def test_the_report_uses_the_real_share(project, tmp_path):
    example = ROOT / "examples" / "strong-pm"
    analysis = tmp_path / "analysis.json"
    result = CliRunner().invoke(
        main,
        [
            "report",
            "--company",
            "netflix",
            "--role",
            "product-manager",
            "--resume",
            str(example / "resume.md"),
            "--jd",
            str(example / "job.txt"),
            "--out",
            str(tmp_path / "report.pdf"),
            "--analysis-out",
            str(analysis),
            "--as-of",
            "2026-01-01",
            "--companies",
            str(project / "companies"),
        ],
    )
    assert result.exit_code == 0, result.output
    questions = {q["id"]: q for q in json.loads(analysis.read_text())["questions"]}
    decision = next(q for q in questions.values() if q["text"] == DECISION)
    reason = Said.model_validate(decision["reasons"][0])
    assert reason.code == "question.reported" and reason.args == {"share": 0.6, "total": 30}
    assert plain(reason) == "Asked in 60% of 30 reported questions for this role."
    pdf = subprocess.run(
        ["pdftotext", str(tmp_path / "report.pdf"), "-"], capture_output=True, text=True
    )
    assert "Asked in 60% of 30 reported questions for this role." in " ".join(pdf.stdout.split())


def test_reported_pay_per_level_from_a_minimum_sample(project, site):
    from preploop.catalog import load_catalog
    from preploop.figures.index import load_figures

    entry = load_catalog(project / "companies").role("netflix", "product-manager")
    levels = {row.level: row for row in load_figures(project / "companies", [entry]).of(entry).pay}
    l5 = levels["L5"]
    assert (l5.count, l5.median, l5.p25, l5.p75, l5.shown) == (12, 305000, 277500, 332500, True)
    assert (str(l5.first), str(l5.last)) == ("2025-01-15", "2025-12-15")
    assert levels["L4"].count == 3 and not levels["L4"].shown
    soup = page(site, "companies/netflix/product-manager")
    reported = soup.select_one("table.prep-pay--reported")
    cells = [
        [c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
        for tr in reported.tbody.find_all("tr")
    ]
    assert cells == [
        ["L5", "Senior Product Manager", "$305K", "$278K to $332K", "12", "Jan 2025 to Dec 2025"]
    ]
    # Netflix's published figures stay, with their source, for every level.
    published = [t for t in soup.select("table.prep-pay") if t is not reported]
    assert len(published) == 1
    assert "Source:" in published[0].find_next("p").get_text()


def test_pay_amounts_that_cannot_be_read_are_refused(tmp_path):
    companies = tmp_path / "companies"
    shutil.copytree(ROOT / "companies", companies, ignore=shutil.ignore_patterns("*.csv"))
    bad = tmp_path / "pay.csv"
    bad.write_text(
        "Date,Company,Title,Level,Base\n2025-01-01,Netflix,PM,L4,lots\n", encoding="utf-8"
    )
    result = CliRunner().invoke(
        main, ["reports", "import", str(bad), "--kind", "pay", "--companies", str(companies)]
    )
    assert result.exit_code == 1
    assert result.output.strip().endswith(
        "row 2: the base amount is not an amount such as 185000, 185,000, 185.000 or 185k"
    )
    assert "lots" not in result.output  # cells are never quoted
    assert not list(companies.rglob("*.csv"))
