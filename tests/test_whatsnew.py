"""The "What's new" page and Atom feed, generated from the catalog's history and reports."""

from __future__ import annotations

import os
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from conftest import ROOT, STORE_COMPANIES, copy_catalog, make_project, run

from preploop.catalog import load_catalog
from preploop.cli import main

ATOM = "{http://www.w3.org/2005/Atom}"
# The role pages of the five companies the test catalog copies (conftest.copy_catalog).
_CATALOG = load_catalog(ROOT / "companies")
GUIDES = sum(len(_CATALOG.roles_of(name)) for name in STORE_COMPANIES if name != "_roles")


def git(project: Path, *args: str, date: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.com",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.com",
    }
    if date:
        env |= {"GIT_AUTHOR_DATE": f"{date}T12:00:00", "GIT_COMMITTER_DATE": f"{date}T12:00:00"}
    subprocess.run(["git", *args], cwd=project, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("whatsnew")
    companies = tmp / "catalog"
    copy_catalog(companies)
    project = make_project(tmp, companies)
    git(project, "init", "-q")
    git(project, "add", "companies")
    git(project, "commit", "-qm", "catalog", date="2026-01-05")
    # An editor changes a round and adds a question to Netflix's product manager.
    path = project / "companies" / "netflix" / "product-manager.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("duration: {min: 30, max: 30}", "duration: {min: 25, max: 30}", 1)
    start = text.index("  - id: wrong-call\n")
    end = text.index("  - id: define-success\n")
    text = text[:end] + text[start:end].replace("id: wrong-call", "id: wrong-call-2") + text[end:]
    path.write_text(text, encoding="utf-8")
    git(project, "commit", "-qam", "netflix: rounds and a question", date="2026-02-10")
    export = tmp / "export.csv"
    export.write_text(
        "Date,Company,Title,Question\n"
        + "".join(f"2026-03-0{d},Meta,PM,Why Meta?\n" for d in range(1, 5)),
        encoding="utf-8",
    )
    runner = CliRunner()
    result = runner.invoke(
        main, ["reports", "import", str(export), "--companies", str(project / "companies")]
    )
    assert result.exit_code == 0, result.output
    git(project, "add", "companies")
    git(project, "commit", "-qm", "reports", date="2026-03-06")
    # A month later, an export of last year's interviews: news on the day it lands.
    export.write_text(
        "Date,Company,Title,Question\n"
        + "".join(f"2025-06-{d:02},Meta,PM,Why Meta?\n" for d in range(1, 21)),
        encoding="utf-8",
    )
    result = runner.invoke(
        main, ["reports", "import", str(export), "--companies", str(project / "companies")]
    )
    assert result.exit_code == 0, result.output
    git(project, "add", "companies")
    git(project, "commit", "-qm", "old reports", date="2026-04-02")
    out = project / "site"
    built = run("mkdocs", "build", "--strict", "--site-dir", out, cwd=project)
    assert built.returncode == 0, built.stderr
    return out


def test_page_lists_changes_newest_first(site):
    soup = BeautifulSoup((site / "whats-new" / "index.html").read_text(), "html.parser")
    items = [li.get_text(" ", strip=True) for li in soup.select("ol.prep-changes > li")]
    # Reports are news on the day they were imported (committed), not on the days of
    # the interviews; the page says they are still too few to count.
    assert items[0] == (
        "April 2, 2026 : 20 new reports: Meta Product Manager . 20 new reported questions, "
        "now counted in the Meta Product Manager figures."
    )
    assert items[1] == (
        "March 6, 2026 : 4 new reports: Meta Product Manager . 4 new reported questions for "
        "Meta Product Manager: still too few to count, so its page keeps the editors' estimates."
    )
    assert items[2] == (
        "February 10, 2026 : Updated: Netflix Product Manager . "
        "Updated: the interview rounds, 1 new question."
    )
    # The first commit's 5 companies and their guides are one entry that says what came.
    assert len(items) == 4
    assert items[3].startswith(f"January 5, 2026 : 5 new companies and {GUIDES} new guides.")
    day = soup.select("ol.prep-changes > li")[3]
    links = {a.get_text(): a["href"] for a in day.select("ul a")}
    assert links["New guide: Stripe Software Engineer"] == "../companies/stripe/software-engineer/"
    assert links["New company: Netflix"] == "../companies/netflix/"
    assert len(links) == 5 + GUIDES
    link = soup.select_one("ol.prep-changes li a")
    assert link["href"] == "../companies/meta/product-manager/"
    assert soup.select_one(".prep-updated time")["datetime"] >= "2026-03-04"

    feed = soup.select_one('a[type="application/atom+xml"]')["href"]
    assert (site / "whats-new" / feed).resolve() == (site / "feed.xml").resolve()
    # It is in the main navigation.
    assert any("What's new" in a.get_text() for a in soup.select("nav a"))


def test_feed_is_atom_and_matches_the_page(site):
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    assert entries[1].findtext(f"{ATOM}title") == "4 new reports: Meta Product Manager"
    assert entries[1].findtext(f"{ATOM}updated") == "2026-03-06T00:00:00Z"
    assert feed.findtext(f"{ATOM}updated") == "2026-04-02T00:00:00Z"
    assert len(entries) == 4
    assert entries[3].findtext(f"{ATOM}title") == f"5 new companies and {GUIDES} new guides"
    assert "New guides: Airbnb Data Scientist, " in entries[3].findtext(f"{ATOM}summary")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(ids) == len(set(ids))
    soup = BeautifulSoup((site / "whats-new" / "index.html").read_text(), "html.parser")
    anchors = {li["id"] for li in soup.select("ol.prep-changes > li")}
    assert {i.rsplit("#", 1)[1] for i in ids} == anchors
