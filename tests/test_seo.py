"""What search engines and link previews see: titles, descriptions, canonical URLs,
social cards, JSON-LD that matches the page, sitemap, robots.txt, valid HTML."""

from __future__ import annotations

import gzip
import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, text

from preploop.catalog import load_catalog

CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
SITE_URL = CONFIG["site_url"]
CATALOG = load_catalog(ROOT / "companies")
VNU = ROOT / "tests/node/node_modules/vnu-jar/build/dist/vnu.jar"


def pages(site: Path) -> dict[str, BeautifulSoup]:
    """Every page by its URL path, the 404 page left out."""
    return {
        html.parent.relative_to(site).as_posix().replace(".", "", 1) + "/": BeautifulSoup(
            html.read_text(), "html.parser"
        )
        for html in sorted(site.rglob("index.html"))
    }


@pytest.fixture(scope="module")
def site_pages(built_site: Path) -> dict[str, BeautifulSoup]:
    return {url.lstrip("/"): page for url, page in pages(built_site).items()}


def json_ld(page: BeautifulSoup) -> dict[str, dict]:
    items = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
    return {item["@type"]: item for item in items}


def test_titles_and_descriptions_are_unique_and_present(site_pages):
    titles, descriptions = {}, {}
    for url, page in site_pages.items():
        title = page.title.string.strip()
        description = page.select_one('meta[name="description"]')["content"]
        assert title and 50 <= len(description) <= 160, url
        assert title not in titles, f"{url} and {titles.get(title)} share a title"
        assert description not in descriptions, f"{url} repeats {descriptions.get(description)}"
        titles[title], descriptions[description] = url, url
    role = site_pages["companies/netflix/product-manager/"]
    assert role.title.string.startswith("Netflix Product Manager interview guide")
    described = role.select_one('meta[name="description"]')["content"]
    assert described.startswith(
        "Netflix Product Manager interview: 5 rounds, culture weighs 40-50%"
    )


def test_canonical_open_graph_and_twitter_tags(site_pages, built_site):
    for url, page in site_pages.items():
        canonical = page.select_one('link[rel="canonical"]')["href"]
        assert canonical == SITE_URL + url, url
        og = {m["property"]: m["content"] for m in page.select('meta[property^="og:"]')}
        twitter = {m["name"]: m["content"] for m in page.select('meta[name^="twitter:"]')}
        assert og["og:url"] == canonical
        assert og["og:title"] and og["og:description"] and twitter["twitter:title"]
        assert twitter["twitter:card"] == "summary_large_image"
        assert og["og:image"] == twitter["twitter:image"]
        image = built_site / og["og:image"].removeprefix(SITE_URL)
        assert image.read_bytes()[:3] == b"\xff\xd8\xff", f"{url}: {image} is not a JPEG"
    images = {
        page.select_one('meta[property="og:image"]')["content"] for page in site_pages.values()
    }
    assert len(images) == len(site_pages)  # one card per page


def test_role_pages_carry_faq_breadcrumbs_and_offer(site_pages):
    for entry in CATALOG.roles:
        url = f"companies/{entry.company.slug}/{entry.role.slug}/"
        page = site_pages[url]
        data = json_ld(page)
        faq = data["FAQPage"]["mainEntity"]
        visible = [text(h) for h in page.select(".prep-faq__q")]
        assert [item["name"] for item in faq] == visible == [f.q for f in entry.role.faq]
        for item, block in zip(faq, page.select(".prep-faq__entry"), strict=True):
            assert item["acceptedAnswer"]["text"] in text(block)
        crumbs = data["BreadcrumbList"]["itemListElement"]
        shown = [text(a) for a in page.select("nav.prep-breadcrumbs a")] + [text(page.h1)]
        assert [c["name"] for c in crumbs] == shown
        assert crumbs[-1]["item"] == SITE_URL + url
        assert [c["position"] for c in crumbs] == list(range(1, len(crumbs) + 1))
        offer = data["Product"]["offers"]
        assert float(offer["price"]) == CONFIG["extra"]["report"]["price"]
        assert offer["priceCurrency"] == CONFIG["extra"]["report"]["currency"]
        assert f"${CONFIG['extra']['report']['price']}" in text(page.select_one(".prep-offer"))


def test_company_pages_carry_breadcrumbs_and_home_an_organization(site_pages):
    for company in CATALOG.companies:
        page = site_pages[f"companies/{company.slug}/"]
        names = [c["name"] for c in json_ld(page)["BreadcrumbList"]["itemListElement"]]
        assert names == ["Home", "Companies", f"{company.name} interview guides"]
        assert text(page.h1) == names[-1]
    organization = json_ld(site_pages[""])["Organization"]
    assert organization["name"] == CONFIG["site_name"] and organization["url"] == SITE_URL
    assert json_ld(site_pages["pricing/"])["Product"]["offers"]["priceCurrency"] == "USD"


def test_sitemap_lists_every_page_and_robots_points_to_it(site_pages, built_site):
    tree = ET.fromstring((built_site / "sitemap.xml").read_bytes())
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {loc.text for loc in tree.findall("s:url/s:loc", namespace)}
    assert listed == {SITE_URL + url for url in site_pages}
    assert gzip.decompress((built_site / "sitemap.xml.gz").read_bytes()).startswith(b"<?xml")
    robots = (built_site / "robots.txt").read_text()
    assert "User-agent: *" in robots and f"Sitemap: {SITE_URL}sitemap.xml" in robots


def test_not_found_page_helps(built_site):
    page = BeautifulSoup((built_site / "404.html").read_text(), "html.parser")
    links = {a["href"] for a in page.select("article a")}
    assert {"/", "/companies/", "/report/"} <= links
    assert "search" in text(page.select_one("article")).lower()


def test_html_is_valid_under_the_nu_checker(built_site):
    files = sorted(str(p) for p in built_site.rglob("*.html"))
    result = subprocess.run(
        ["java", "-jar", VNU, "--errors-only", "--format", "json", "--stdout",
         # mkdocs-material's own drawer and search checkboxes; see RECIPES.md.
         "--filterpattern", ".*Attribute .autocomplete. is only allowed when the input type is.*",
         *files],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    messages = json.loads(result.stdout)["messages"]
    errors = [f"{m.get('url', '').rsplit('/site', 1)[-1]}: {m['message']}" for m in messages]
    assert errors == [], "\n".join(errors[:20])


def test_every_page_shows_last_updated_with_a_matching_date_modified(site_pages):
    for url, page in site_pages.items():
        shown = page.select(".prep-updated time")
        assert len(shown) == 1, url
        assert text(shown[0].parent).startswith("Last updated "), url
        assert json_ld(page)["WebPage"]["dateModified"] == shown[0]["datetime"], url
