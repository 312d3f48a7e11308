"""The site pages that turn a visitor into a buyer, read back from the real build:
the sample report, comparison pages per role family, search that finds what
interviews are about, the companies index and the order path."""

from __future__ import annotations

import html
import json
import re
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, soup, text
from pdf_structure import struct_text, structure
from pypdf import PdfReader

from preploop.catalog import load_catalog
from preploop.site.sample_report import PREVIEWS, SampleOrder, SampleReport, pdf_href

CATALOG = load_catalog(ROOT / "companies")
CONFIG = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
OFFER = CONFIG["extra"]["report"]
SAMPLE = next(p["preploop"] for p in CONFIG["plugins"] if isinstance(p, dict))["sample_report"]


def resolve(site: Path, page_url: str, href: str) -> Path:
    """The file a relative link on the page at `page_url` leads to."""
    target = urlsplit(urljoin(f"http://x/{page_url}", href)).path.lstrip("/")
    path = site / target
    return path / "index.html" if path.is_dir() or target.endswith("/") or not target else path


def sample_order() -> SampleOrder:
    return SampleOrder(
        SAMPLE["name"],
        SAMPLE["company"],
        SAMPLE["role"],
        ROOT / SAMPLE["resume"],
        ROOT / SAMPLE["job"],
    )


# -- the sample report --------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_pdf(built_site: Path) -> Path:
    return built_site / pdf_href()


def test_sample_report_is_a_real_report(sample_pdf: Path):
    reader = PdfReader(sample_pdf)
    assert 40 <= len(reader.pages) <= 60
    assert reader.metadata.title == (
        f"Netflix Product Manager interview report for {SAMPLE['name']}"
    )
    text_of_all = subprocess.run(
        ["pdftotext", sample_pdf, "-"], capture_output=True, text=True, check=True
    ).stdout
    assert SAMPLE["name"] in text_of_all and "Your fit score" in text_of_all


def test_sample_report_is_the_tagged_report(sample_pdf: Path):
    """The site offers the same accessible file every buyer gets: PDF/UA-1, with figures
    that say what they show and one H1 per chapter."""
    _, top = structure(sample_pdf)
    assert top is not None, "the sample report has no structure tree"
    figures = [e for e in top.walk() if e.kind == "Figure"]
    assert figures and all(e.alt for e in figures)
    assert figures[0].alt.startswith("Fit score ")
    h1 = [text for kind, text in struct_text(sample_pdf) if kind == "H1"]
    assert h1[1:3] == ["Contents", "Your fit score"] and h1[-1] == "How the scores are computed"


def test_sample_report_embeds_its_fonts(sample_pdf: Path):
    fonts = subprocess.run(["pdffonts", sample_pdf], capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows), fonts


def test_sample_report_links_lead_somewhere(sample_pdf: Path):
    reader = PdfReader(sample_pdf)
    internal = external = 0
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") != "/Link":
                continue
            action = annot.get("/A")
            if action is not None and "/URI" in action:
                assert str(action["/URI"]).startswith("https://"), action["/URI"]
                external += 1
                continue
            dest = annot.get("/Dest") or (action or {}).get("/D")
            assert dest is not None, annot
            if isinstance(dest, str) or hasattr(dest, "original_bytes"):
                assert str(dest) in reader.named_destinations, dest
            internal += 1
    assert internal >= 10  # the contents page at least


def test_report_page_shows_four_pages_of_the_sample(built_site: Path):
    page = soup(built_site, "report")
    assert text(page.select_one("h2#see-a-real-one-first")) == "See a real one first"
    sample = page.select_one(".prep-sample")
    assert SAMPLE["name"] in text(sample)
    download = sample.select_one("a[download]")
    assert resolve(built_site, "report/", download["href"]) == built_site / pdf_href()
    figures = sample.select("figure")
    assert [text(f.figcaption) for f in figures] == [p.label for p in PREVIEWS]
    for figure in figures:
        img = figure.select_one("img")
        assert len(img["alt"]) > 40 and int(img["width"]) > 0 and int(img["height"]) > 0
        png = resolve(built_site, "report/", img["src"])
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        webp = resolve(built_site, "report/", figure.select_one("source")["srcset"])
        assert webp.read_bytes()[8:12] == b"WEBP"


def test_preview_pages_are_the_chapters_they_claim(sample_pdf: Path):
    from preploop.site.sample_report import preview_pages

    pages = preview_pages(sample_pdf.read_bytes())
    texts = [
        subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), sample_pdf, "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in pages
    ]
    assert pages[0] == 1 and "Prepared for" in texts[0]
    assert "Your fit score" in texts[1]
    assert "QUESTION 1 OF" in texts[2]
    assert "STORY 1" in texts[3]


def test_every_role_page_offers_the_sample(built_site: Path):
    for entry in CATALOG.roles:
        url = f"companies/{entry.company.slug}/{entry.role.slug}/"
        links = [a["href"] for a in soup(built_site, url).select(".prep-offer a")]
        assert any(resolve(built_site, url, h) == built_site / pdf_href() for h in links), url


def test_sample_is_cached_by_its_inputs(built_site: Path, tmp_path: Path):
    """After a build, the same inputs find the sample in the cache; another name does not."""
    cached = SampleReport(sample_order(), CATALOG, ROOT / "companies", ROOT / ".cache")
    assert (cached.folder / "preploop-sample-report.pdf").exists()
    cached.start()
    assert cached.process is None  # nothing to render
    renamed = SampleOrder("Sam Example", *list(sample_order().__dict__.values())[1:])
    other = SampleReport(renamed, CATALOG, ROOT / "companies", ROOT / ".cache")
    assert other.folder != cached.folder and not other.folder.exists()


def test_sample_is_left_out_when_the_catalog_lacks_its_role(tmp_path: Path):
    order = sample_order()
    assert order.available(CATALOG)
    missing = SampleOrder(order.name, "no-such-company", order.role, order.resume, order.job)
    assert not missing.available(CATALOG)


# -- comparison pages ---------------------------------------------------------------


def families() -> dict[str, list]:
    found: dict[str, list] = {}
    for entry in CATALOG.roles:
        found.setdefault(entry.family.slug, []).append(entry)
    return found


def test_one_comparison_page_per_family_with_every_company(built_site: Path):
    for slug, entries in families().items():
        url = f"roles/{slug}/"
        page = soup(built_site, url)
        table = page.select_one("table.prep-compare")
        assert text(table.caption).startswith(CATALOG.families[slug].name)
        assert [th.get("scope") for th in table.select("thead th")] == ["col"] * 7
        rows = table.select("tbody tr")
        assert len(rows) == len(entries)
        for row in rows:
            header = row.select_one("th")
            assert header["scope"] == "row"
            target = resolve(built_site, url, header.a["href"])
            entry = next(
                e for e in entries if target == built_site / "companies" / e.company.slug
                / e.role.slug / "index.html"
            )  # fmt: skip
            cells = [text(td) for td in row.select("td")]
            assert cells[0].startswith(f"{entry.company.culture.weight}%")
            assert cells[1].startswith(str(len(entry.role.rounds)))
            assert [text(li) for li in row.select(".prep-compare__rounds li")] == [
                r.name for r in entry.role.rounds
            ]
            weeks = entry.role.process.weeks
            assert cells[2] == (f"{weeks} weeks" if weeks else "not known")
            codes = ", ".join(level.code for level in entry.role.levels)
            assert cells[3] == (codes or "none sourced")
            if entry.role.pay is None:
                assert cells[4] == "not known"
            else:
                assert "$" in cells[4]
        wrap = table.find_parent("div")
        assert "prep-table-wrap" in wrap["class"] and wrap["tabindex"] == "0"


def test_netflix_row_of_the_product_manager_comparison(built_site: Path):
    page = soup(built_site, "roles/product-manager/")
    row = next(r for r in page.select("tbody tr") if text(r.th).startswith("Netflix"))
    cells = [text(td) for td in row.select("td")]
    assert cells[0] == "40-50%" and cells[2] == "3-5 weeks" and cells[3] == "L4, L5, L6"
    assert cells[4] == "$317K to $656K" and cells[5]


def test_comparisons_are_linked_from_company_and_role_pages(built_site: Path):
    for entry in CATALOG.roles:
        target = built_site / "roles" / entry.family.slug / "index.html"
        for url in (
            f"companies/{entry.company.slug}/{entry.role.slug}/",
            f"companies/{entry.company.slug}/",
        ):
            hrefs = [a["href"] for a in soup(built_site, url).select(".prep-compare-link a")]
            assert any(resolve(built_site, url, h) == target for h in hrefs), url


# -- search -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def search_docs(built_site: Path) -> list[dict]:
    return json.loads((built_site / "search/search_index.json").read_text())["docs"]


def words(value: str) -> list[str]:
    """The words of an index entry, as search splits (on spaces, hyphens) and trims them."""
    return re.findall(r"[a-z0-9]+", re.sub(r"<[^>]+>", " ", value).lower())


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("candor", "companies/netflix/product-manager/"),
        ("keeper test", "companies/netflix/product-manager/"),
        ("bar raiser", "companies/amazon/product-manager/"),
    ],
)
def test_search_index_finds_culture_terms(search_docs, query, page):
    terms = query.split()
    hits = {
        doc["location"].split("#")[0]
        for doc in search_docs
        if all(t in words(doc["title"] + " " + doc["text"]) for t in terms)
    }
    assert page in hits, sorted(hits)


def test_search_index_keeps_questions_and_leaves_the_offer_out(search_docs):
    role = CATALOG.role("netflix", "product-manager").role
    located = {doc["location"]: doc for doc in search_docs}
    # Each question is an entry of its own, leading to its anchor, with its kind.
    for q in role.questions:
        doc = located[f"companies/netflix/product-manager/#q-{q.id}"]
        assert doc["title"] == html.escape(q.text, quote=False)
        assert doc["text"] == q.category.replace("-", " ").capitalize()
    assert "companies/netflix/product-manager/#questions" not in located
    assert "companies/netflix/product-manager/#report" not in located
    for doc in search_docs:
        if not doc["location"].startswith("companies/"):
            continue  # the order and pricing pages are about the offer
        assert "Get my" not in doc["text"] and OFFER["guarantee"] not in doc["text"]
    per_page = sum(
        len(json.dumps(doc)) for doc in search_docs if doc["location"].startswith("companies/")
    ) / len(CATALOG.roles)
    assert per_page < 5000  # under 5 MB of index at 1,000 role pages


def test_role_page_sections_carry_their_company_and_role_for_search(built_site, search_docs):
    index = json.loads((built_site / "search/search_index.json").read_text())
    assert "context" in index["config"]["fields"]  # search reads the field
    located = {doc["location"]: doc for doc in search_docs}
    # "netflix salary": the pay section's own words say only "Pay by level".
    pay = located["companies/netflix/product-manager/#pay"]
    assert pay["context"] == "Netflix Product Manager"
    # Questions are many: the field is left off them to keep the index small.
    question = CATALOG.role("netflix", "product-manager").role.questions[0]
    assert "context" not in located[f"companies/netflix/product-manager/#q-{question.id}"]
    amazon = located["companies/amazon/software-engineer/#pay"]
    assert amazon["context"] == "Amazon Software Development Engineer Software Engineer"


# -- companies index, home page and order path -------------------------------------


def test_companies_index_is_cards_with_facts_and_a_role_filter(built_site: Path):
    page = soup(built_site, "companies")
    cards = page.select("li.prep-company")
    assert len(cards) == len(CATALOG.companies)
    for card, company in zip(cards, CATALOG.companies, strict=True):
        facts = {text(d.dt): text(d.dd) for d in card.select(".prep-company__facts > div")}
        assert facts["Culture weighs"] == f"{company.culture.weight}%"
        known = [e.role.process.weeks for e in CATALOG.roles_of(company.slug)]
        if any(known):
            assert facts["Process"].endswith("weeks")
        else:  # no source gave a timeline for any of its roles: no figure is shown
            assert "Process" not in facts
        titles = [text(a) for a in card.select(".prep-company__roles a")]
        assert titles == [e.role.title for e in CATALOG.roles_of(company.slug)]
    options = [text(label) for label in page.select(".prep-filter label")]
    names = sorted(CATALOG.families[slug].name for slug in families())
    assert options == ["All roles", *names]
    assert page.select_one(".prep-filter legend")


def test_home_page_does_not_only_say_press_slash(built_site: Path):
    home = soup(built_site, "")
    hint = home.select_one(".prep-keyhint")
    assert hint is not None and "/" in text(hint)
    without_hint = BeautifulSoup(str(hint.parent), "html.parser")
    without_hint.select_one(".prep-keyhint").decompose()
    assert "press" not in text(without_hint).lower() and "search" in text(without_hint)


def test_order_link_carries_company_and_role(built_site: Path):
    for entry in CATALOG.roles:
        url = f"companies/{entry.company.slug}/{entry.role.slug}/"
        for link in soup(built_site, url).select("a.md-button--primary"):
            parts = urlsplit(link["href"])
            assert resolve(built_site, url, parts.path) == built_site / "order/index.html"
            assert parse_qs(parts.query) == {
                "company": [entry.company.slug],
                "role": [entry.role.slug],
            }


def test_order_page_says_what_to_send_what_happens_and_when(built_site: Path):
    page = soup(built_site, "order")
    steps = [text(li) for li in page.select("ol.prep-order__steps > li")]
    assert len(steps) == 3
    assert OFFER["email"] in steps[0] and "resume" in steps[0] and "job description" in steps[0]
    assert f"${OFFER['price']}" in steps[1] and "invoice" in steps[1]
    assert OFFER["delivery"] in steps[2] and OFFER["pages"] in steps[2]
    assert page.select_one(f'a[href="mailto:{OFFER["email"]}"]')
    roles = json.loads(page.select_one("#prep-order-roles").string)
    assert roles["netflix/product-manager"] == "Netflix Product Manager"
    assert len(roles) == len(CATALOG.roles)
    script = page.select_one('script[src$="order.js"]')
    assert resolve(built_site, "order/", script["src"]).exists()


def test_a_sample_renders_on_a_fresh_clone_with_no_cache_folder(tmp_path):
    """A fresh clone has no `.cache/sample-report/`: the first render makes it."""
    import datetime as dt

    from preploop.site.sample_report import render_sample

    target = tmp_path / "no-cache-yet" / "sample-report" / "key"
    render_sample(sample_order(), CATALOG, ROOT / "companies", dt.date(2026, 12, 1), target)
    assert (target / "preploop-sample-report.pdf").stat().st_size > 10_000
