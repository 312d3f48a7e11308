"""A role whose company publishes no level ladder we could source: `prep check`, the
built pages and a real report, on a copy of the mini catalog whose role lists no levels."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import MINI_CATALOG, ROOT, make_project, prep, publishable, run, soup, text

SENTENCE = "Acme publishes no Product Manager level ladder we could source"
JOB = """Senior Product Manager, Anvils

We are hiring a senior product manager to own the roadmap of our anvil storefront.
You will define success metrics, run A/B tests and work with engineering and design.

Requirements
- 5+ years of product management experience
- SQL and experimentation
"""


def without_ladder(companies: Path) -> None:
    """The mini role with no `levels`, no `levels_source` and no pay (pay needs levels)."""
    path = companies / "acme/product-manager.yaml"
    body = path.read_text()
    body = re.sub(r"levels:\n(  - .*\n)+", "", body, count=1)
    body = re.sub(r"pay:\n(  .*\n)+", "", body, count=1)
    body = re.sub(r"levels_source: .*\n", "", body)
    assert "levels" not in body and "pay:" not in body
    path.write_text(body)


@pytest.fixture
def catalog(tmp_path: Path) -> Path:
    companies = tmp_path / "companies"
    shutil.copytree(MINI_CATALOG, companies)
    publishable(companies)
    without_ladder(companies)
    return companies


def test_check_passes_without_levels(catalog: Path):
    result = prep("check", "--companies", catalog.name, cwd=catalog.parent)
    assert result.returncode == 0, result.stderr


def test_check_wants_a_generic_ladder_in_the_family(catalog: Path):
    family = catalog / "_roles/product-manager.yaml"
    family.write_text(family.read_text().split("generic_ladder:")[0])
    result = prep("check", "--companies", catalog.name, cwd=catalog.parent)
    assert result.returncode == 1
    assert "acme/product-manager.yaml" in result.stderr
    assert "no `generic_ladder`" in result.stderr


def test_pages_name_no_levels(tmp_path: Path, catalog: Path):
    project = make_project(tmp_path, catalog)
    built = run("mkdocs", "build", "--strict", "--site-dir", "out", cwd=project)
    assert built.returncode == 0, built.stderr
    site = project / "out"
    role = soup(site, "companies/acme/product-manager")
    facts = [text(dt) for dt in role.select(".prep-facts dt")]
    assert "Levels covered" not in facts and facts
    rounds = role.find(id="rounds")
    section = []
    for node in rounds.find_next_siblings():
        if node.name == "h2":
            break
        section.append(text(node))
    assert SENTENCE in " ".join(section)
    page = text(role.select_one("article") or role)
    # No level code and no generic title is presented as Acme's.
    assert "L4" not in page and "Principal Product Manager" not in page
    assert "no sourced pay figures" in text(role.find(id="pay").find_next("p"))
    card = text(soup(site, "companies/acme").select_one(".prep-card"))
    assert "levels" not in card and "rounds" in card
    row = soup(site, "roles/product-manager").select_one("table.prep-compare tbody tr")
    assert "none sourced" in text(row)
    for script in role.select('script[type="application/ld+json"]'):
        assert "L4" not in script.string and "level" not in script.string.lower()


def test_report_aims_at_the_generic_ladder(tmp_path: Path, catalog: Path):
    job = tmp_path / "job.txt"
    job.write_text(JOB)
    out = tmp_path / "report.pdf"
    result = prep(
        "report",
        "--companies",
        catalog,
        "--company",
        "acme",
        "--role",
        "product-manager",
        "--resume",
        ROOT / "examples/strong-pm/resume.pdf",
        "--jd",
        job,
        "--out",
        out,
        "--as-of",
        "2026-11-01",
    )
    assert result.returncode == 0, result.stderr
    pdf = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True, check=True)
    words = " ".join(pdf.stdout.split())
    assert words.count(SENTENCE) == 1
    assert "role at the Senior Product Manager level is" in words
    assert "as Senior Product Manager, a step usually reached after 5+ years" in words
    assert "(generic)" in words  # the cover's target level
    # A generic step has no code of its own: its title is said once, not twice.
    assert "The target is Senior Product Manager." in words
    assert "Pay for your target level" not in words
    assert "L4" not in words
