"""The site promises only what the report for that role delivers, and says where its
figures come from: read from the built site and a real report (issue 19)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from click.testing import CliRunner
from conftest import ROOT, make_project, run

from preploop.cli import main

SHORT = "companies/airbnb/product-manager"  # cut to 3 questions, no pay, in `project`


def _short_role(companies: Path) -> None:
    """A newly added role: three questions of its own and no pay figures."""
    path = companies / "airbnb" / "product-manager.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["questions"] = data["questions"][:3]
    data.pop("pay", None)
    data.pop("interviews_reported", None)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _linked_source(companies: Path) -> None:
    """Give Netflix PM's interview count a public address, as an editor would."""
    path = companies / "netflix" / "product-manager.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    name: Interview reports cited on the public Netflix PM prep page\n"
    assert old in text
    text = text.replace(old, old + "    url: https://prep.example.org/netflix-pm\n")
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("promises")
    companies = tmp / "companies"
    shutil.copytree(ROOT / "companies", companies, ignore=shutil.ignore_patterns("*.csv"))
    _short_role(companies)
    _linked_source(companies)
    # A small import: 3 reports for Netflix PM, under the publishing minimum of 20.
    export = tmp / "export.csv"
    export.write_text(
        "Date,Company,Title,Question\n"
        + "".join(f"2026-10-0{d},Netflix,PM,Why Netflix?\n" for d in range(1, 4)),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["reports", "import", str(export), "--companies", str(companies)]
    )
    assert result.exit_code == 0, result.output
    return make_project(tmp, companies)


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    out = project / "site"
    result = run("mkdocs", "build", "--strict", "--site-dir", out, cwd=project)
    assert result.returncode == 0, result.stderr
    return out


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(), "html.parser")


def text(tag) -> str:
    return " ".join(tag.get_text().split())


def offer(soup: BeautifulSoup) -> list[str]:
    return [text(li) for li in soup.select(".prep-offer__contents li")]


def test_the_offer_sells_what_a_short_roles_report_holds(site):
    items = offer(page(site, SHORT))
    questions = next(item for item in items if "questions most likely" in item)
    assert questions.startswith(
        "The 12 questions most likely for your background (3 from our Airbnb Product Manager "
        "bank, 9 asked of every product manager)"
    )
    assert any(item.startswith("Up to 8 STAR stories") for item in items)
    assert not any("Pay" in item for item in items)


def test_the_offer_of_a_full_role_with_pay(site):
    soup = page(site, "companies/netflix/product-manager")
    items = offer(soup)
    assert "The 12 questions most likely for your background, with" in " ".join(items)
    assert "Pay for your target level, from the figures on this page" in items
    assert text(soup.select_one(".prep-offer__terms")).startswith("40-60 pages")


def test_the_report_fills_twelve_questions_from_the_family_and_says_so(project, site, tmp_path):
    example = ROOT / "examples" / "strong-pm"
    analysis = tmp_path / "analysis.json"
    args = ["report", "--company", "airbnb", "--role", "product-manager"]
    args += ["--resume", str(example / "resume.md"), "--jd", str(example / "job.txt")]
    args += ["--out", str(tmp_path / "report.pdf"), "--analysis-out", str(analysis)]
    args += ["--as-of", "2026-12-01", "--companies", str(project / "companies")]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    questions = json.loads(analysis.read_text())["questions"]
    assert len(questions) == 12
    added = [q for q in questions if q["id"].startswith("family-")]
    assert len(added) == 9
    assert all(q["reasons"][0]["code"] == "question.from_family" for q in added)
    pdf = subprocess.run(
        ["pdftotext", str(tmp_path / "report.pdf"), "-"], capture_output=True, text=True
    ).stdout
    words = " ".join(pdf.split())
    assert (
        "Our question bank for Airbnb Product Manager holds 3 questions so far, so 9 of these "
        "are questions asked of every product manager wherever they interview"
    ) in words
    assert "Added from the questions every product manager is asked" in words
    cover = words[: words.index("Contents")] if "Contents" in words else words[:3000]
    assert "pay for your level" not in cover  # this role has no pay figures
    # The page count the offer states is the one this report reaches.
    terms = text(page(site, SHORT).select_one(".prep-offer__terms"))
    low, high = map(int, re.match(r"(\d+)-(\d+) pages", terms).groups())
    info = subprocess.run(["pdfinfo", str(tmp_path / "report.pdf")], capture_output=True, text=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    assert low <= pages <= high, pages


def test_descriptions_and_structured_data_promise_pay_only_with_pay(site):
    for url, has_pay in [(SHORT, False), ("companies/netflix/product-manager", True)]:
        soup = page(site, url)
        described = [
            soup.find("meta", attrs={"name": "description"})["content"],
            soup.find("meta", property="og:description")["content"],
        ]
        for description in described:
            assert ("pay by level" in description) is has_pay, (url, description)
        product = next(
            d
            for s in soup.find_all("script", type="application/ld+json")
            for d in [json.loads(s.string)]
            if d.get("@type") == "Product"
        )
        assert ("pay for your level" in product["description"]) is has_pay
        assert "12 most likely questions" in product["description"]
        assert "up to 8 drafted STAR stories" in product["description"]
        assert "8 drafted" not in product["description"].replace("up to 8 drafted", "")


def test_a_small_import_keeps_the_sourced_figure(site):
    soup = page(site, "companies/netflix/product-manager")
    facts = {
        dt.get_text(strip=True): text(dd)
        for dt, dd in zip(soup.select(".prep-facts dt"), soup.select(".prep-facts dd"), strict=True)
    }
    assert facts["Reported interviews"] == (
        "2,600+ (Interview reports cited on the public Netflix PM prep page, November 2026)"
    )
    assert "Reported to us" not in facts  # 3 reports: under the minimum, not a headline


def test_ranking_wording_follows_the_data_and_sources_link(site):
    soup = page(site, "companies/netflix/product-manager")
    intro = soup.find(id="questions").find_next("p")
    said = text(intro)
    assert said.startswith("Ranked by our editors' estimate of how often each comes up")
    assert "the 3 questions reported to us so far are too few to count from (we need 20)" in said
    assert "Ranked by how often candidates report them" not in said
    labels = [text(t) for t in soup.select(".prep-question .prep-tag[class*='prep-tag--']")]
    assert labels and all(label.endswith("(editors' estimate)") for label in labels)
    link = intro.find("a")
    assert link["href"] == "https://prep.example.org/netflix-pm"
    fact = soup.select_one(".prep-facts a[href='https://prep.example.org/netflix-pm']")
    assert fact is not None
    # Company pages link the source of the principles they cite.
    company = page(site, "companies/netflix")
    assert company.select_one("a[href='https://jobs.netflix.com/culture']") is not None
    assert not company.select("a[href='#']")


def test_no_question_repeats_a_chip(site):
    seen = 0
    for path in (site / "companies").glob("*/*/index.html"):
        soup = BeautifulSoup(path.read_text(), "html.parser")
        for meta in soup.select(".prep-question__meta"):
            chips = [text(tag).lower() for tag in meta.select(".prep-tag")]
            assert len(chips) == len(set(chips)), (path, chips)
            seen += 1
    assert seen > 100
    soup = page(site, "companies/netflix/software-engineer")
    chips = [text(m) for m in soup.select(".prep-question__meta")]
    assert not any(re.search(r"(System design|Product sense) \1", c) for c in chips)


def test_a_family_question_names_known_intents(tmp_path):
    companies = tmp_path / "companies"
    shutil.copytree(ROOT / "companies", companies, ignore=shutil.ignore_patterns("*.csv"))
    path = companies / "_roles" / "product-manager.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("intents: [root-cause-found, metric-defined]", "intents: [root-cause]", 1)
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--companies", str(companies)])
    assert result.exit_code == 1
    assert "questions[2].intents[0]: unknown intent 'root-cause' (did you mean" in result.output


def test_the_generic_offer_pages_promise_no_fixed_counts(site):
    for url in ("report", "pricing"):
        soup = page(site, url)
        product = next(
            d
            for s in soup.find_all("script", type="application/ld+json")
            for d in [json.loads(s.string)]
            if d.get("@type") == "Product"
        )
        assert "your most likely questions (up to 12)" in product["description"]
        assert "up to 8 drafted STAR stories" in product["description"]
        assert "pay for your level" not in product["description"]
