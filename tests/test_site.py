"""The real site, built with `mkdocs build`, parsed back as HTML."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, soup, text
from mkdocs.config import load_config
from mkdocs.structure.toc import get_toc

from preploop.catalog import load_catalog
from preploop.model import FREQUENCIES
from preploop.site.pages import INDEX_SRC, PageBuilder, ReportOffer
from preploop.site.plugin import HeadingShapes

CATALOG = load_catalog(ROOT / "companies")


@pytest.fixture(scope="module")
def netflix_pm(built_site: Path) -> BeautifulSoup:
    return soup(built_site, "companies/netflix/product-manager")


def test_role_page_sections_in_order(netflix_pm: BeautifulSoup):
    ids = [h2.get("id") for h2 in netflix_pm.select("article h2")]
    assert ids == [
        "rewards",
        "rounds",
        "principles",
        "questions",
        "prep-plan",
        "pay",
        "report",
        "faq",
    ]
    assert text(netflix_pm.h1) == "Netflix Product Manager interview"
    facts = {text(d.dt): text(d.dd) for d in netflix_pm.select(".prep-facts > div")}
    assert facts["Culture weighs"] == "40-50%"
    assert facts["Levels covered"] == "L4, L5, L6"
    assert facts["Rounds"] == "5"
    assert facts["Process length"] == "3-5 weeks"
    assert facts["Reported interviews"].startswith("2,600+ (Interview reports cited on")


def test_role_page_rounds_with_durations(netflix_pm: BeautifulSoup):
    rounds = [
        (
            text(li.select_one(".prep-timeline__name")),
            text(li.select_one(".prep-timeline__duration")),
        )
        for li in netflix_pm.select("ol.prep-timeline > li")
    ]
    assert rounds == [
        ("Recruiter screen", "30 min"),
        ("Product strategy", "45-60 min"),
        ("Product execution", "45-60 min"),
        ("Culture deep dive", "45-60 min"),
        ("Panel presentation", "60 min"),
    ]


def test_role_page_principles_are_collapsible(netflix_pm: BeautifulSoup):
    company = CATALOG.company("netflix")
    details = netflix_pm.select("details.prep-principle")
    assert [text(d.summary) for d in details] == [p.name for p in company.principles]
    for block, principle in zip(details, company.principles, strict=True):
        body = text(block)
        assert "What interviewers look for" in body and "How to demonstrate it" in body
        assert principle.look_for.split()[0] in body


def test_role_page_questions_ranked_by_frequency(netflix_pm: BeautifulSoup):
    role = CATALOG.role("netflix", "product-manager").role
    items = netflix_pm.select("ol.prep-questions > li")
    assert len(items) == len(role.questions) >= 12
    by_text = {q.text: q for q in role.questions}
    shown = [by_text[text(li.select_one(".prep-question__text"))] for li in items]
    ranks = [FREQUENCIES.index(q.frequency) for q in shown]
    assert ranks == sorted(ranks)
    for li, question in zip(items, shown, strict=True):
        assert li["id"] == f"q-{question.id}"


def test_role_page_pay_and_faq(netflix_pm: BeautifulSoup):
    rows = [
        [text(c) for c in tr.select("th, td")]
        for tr in netflix_pm.select("table.prep-pay tbody tr")
    ]
    assert rows == [
        ["L4", "Product Manager", "$317K"],
        ["L5", "Senior Product Manager", "$538K"],
        ["L6", "Staff Product Manager", "$656K"],
    ]
    pay_note = netflix_pm.select_one("table.prep-pay").find_next("p", class_="prep-source")
    assert text(pay_note).startswith("Source: Self-reported compensation data")
    assert len(netflix_pm.select(".prep-faq__entry")) >= 5


def test_order_call_comes_from_site_config(netflix_pm: BeautifulSoup):
    offer = text(netflix_pm.select_one(".prep-offer"))
    assert "$149" in offer and "24 hours" in offer and "30-day money-back guarantee" in offer
    link = netflix_pm.select_one(".prep-offer a.md-button")
    assert link["href"] == "../../../order/?company=netflix&role=product-manager"


def test_every_company_and_role_has_a_page(built_site: Path):
    for company in CATALOG.companies:
        page = soup(built_site, f"companies/{company.slug}")
        role_links = {a["href"] for a in page.select(".prep-cards a")}
        for entry in CATALOG.roles_of(company.slug):
            assert f"{entry.role.slug}/" in role_links
            role_page = soup(built_site, f"companies/{company.slug}/{entry.role.slug}")
            assert text(role_page.h1) == f"{company.name} {entry.role.title} interview"
    home = soup(built_site, "")
    assert len(home.select(".prep-cards--grid > li")) == len(CATALOG.companies)


def test_unsourced_pay_is_labelled(built_site: Path):
    for entry in CATALOG.roles:
        if entry.role.pay is None:
            page = soup(built_site, f"companies/{entry.company.slug}/{entry.role.slug}")
            pay_note = page.select_one("h2#pay").find_next("p", class_="prep-source")
            assert "no sourced pay figures" in text(pay_note)
            assert not page.select("table.prep-pay")
            break
    else:
        pytest.skip("every role has pay data")


def test_role_pages_cite_their_sources(built_site: Path):
    for entry in CATALOG.roles:
        page = soup(built_site, f"companies/{entry.company.slug}/{entry.role.slug}")
        cited = [a.get("href") for a in page.select("p.prep-source a")]
        role, culture = entry.role, entry.company.culture
        sources = [culture.principles_source]
        sources += [role.levels_source] if role.levels else []
        sources += [role.rounds_source] if role.rounds_source else [r.source for r in role.rounds]
        for source in sources:
            assert source is not None, entry.role.slug
            if source.url:
                assert source.url in cited, (entry.company.slug, role.slug, source.url)
        notes = " ".join(text(p) for p in page.select("p.prep-source"))
        if role.levels:
            assert role.levels_source.as_of.strftime("%B %Y") in notes
        else:  # no ladder we could source: the page says so instead of citing one
            ladder = f"publishes no {role.title} level ladder we could source"
            assert ladder in notes, (entry.company.slug, role.slug)


def test_global_nav_lists_no_role_pages(built_site: Path):
    for html in built_site.rglob("index.html"):
        page = BeautifulSoup(html.read_text(), "html.parser")
        nav_links = [a.get("href", "") for a in page.select("nav.md-nav--primary a")]
        nav_links += [a.get("href", "") for a in page.select("nav.md-tabs a")]
        assert len(nav_links) < 20, html
        assert not any(re.search(r"companies/[^/]+/[^/]+/", href) for href in nav_links), html


def test_breadcrumbs_on_role_pages(netflix_pm: BeautifulSoup):
    crumbs = [text(a) for a in netflix_pm.select("nav.prep-breadcrumbs a")]
    assert crumbs == ["Home", "Companies", "Netflix"]


def test_internal_links_and_anchors_resolve(built_site: Path):
    broken = []
    pages = {p: BeautifulSoup(p.read_text(), "html.parser") for p in built_site.rglob("*.html")}
    ids = {p: {el["id"] for el in s.select("[id]")} for p, s in pages.items()}
    for path, page in pages.items():
        for a in page.select("a[href]"):
            href = a["href"]
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("mailto:", "//")):
                continue
            base = built_site if parts.path.startswith("/") else path.parent
            target = (base / unquote(parts.path).lstrip("/")).resolve() if parts.path else path
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{path.relative_to(built_site)} -> {href}")
            elif parts.fragment and parts.fragment not in ids.get(target, {parts.fragment}):
                broken.append(f"{path.relative_to(built_site)} -> {href} (anchor)")
    assert broken == []


def test_pages_load_nothing_from_other_hosts(built_site: Path):
    for html in built_site.rglob("*.html"):
        page = BeautifulSoup(html.read_text(), "html.parser")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for el in page.find_all(tag):
                value = el.get(attr, "")
                if tag == "link" and "canonical" in (el.get("rel") or []):
                    continue
                assert not value.startswith(("http:", "https:", "//")), f"{html}: {value}"
    for css in built_site.rglob("*.css"):
        assert not re.search(r"(@import|url\()\s*['\"]?(https?:)?//", css.read_text()), css


def test_generated_pages_are_not_written_into_content():
    status = subprocess.run(
        ["git", "status", "--porcelain", "--ignored", "--untracked-files=all", "content"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    new_files = [line for line in status.stdout.splitlines() if line.startswith(("??", "!!"))]
    assert new_files == []
    assert not (ROOT / "content" / "companies").exists()


def test_generated_pages_skip_markdown_with_the_same_html():
    """Company and role pages reach MkDocs as HTML: what the site's Markdown would make of them."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    shapes = HeadingShapes.learn(config)
    assert shapes is not None
    md = markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    )
    builder = PageBuilder(CATALOG, ReportOffer.model_validate(config.extra["report"]))
    for page in builder.pages(changes=[]):
        html = page.html(shapes.render)
        if page.src_path == INDEX_SRC:
            assert html is None  # written in Markdown: MkDocs converts it
            continue
        assert html == md.reset().convert(page.markdown_body()), page.src_path
        tokens = [{**t, "data-toc-label": ""} for t in shapes.toc_tokens(page.headings)]
        assert str(get_toc(tokens)) == str(get_toc(md.toc_tokens)), page.src_path


def test_theme_templates_are_not_published(built_site: Path):
    assert not (built_site / "pages").exists()
    assert not (built_site / "sections").exists()
