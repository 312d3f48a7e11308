"""The built site in a real browser: Debian's Chromium driven by Playwright.

Screenshots of every checked page, at desktop and phone widths, are kept in
test-artifacts/screenshots/ for people to look at.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from browser import chromium, serve
from conftest import ROOT

playwright = pytest.importorskip("playwright.sync_api")

AXE = ROOT / "tests/node/node_modules/axe-core/axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PAGES = {
    "home": "",
    "companies": "companies/",
    "company": "companies/netflix/",
    "role": "companies/netflix/product-manager/",
    "compare": "roles/product-manager/",
    "report": "report/",
    "order": "order/?company=netflix&role=product-manager",
    "pricing": "pricing/",
    "not-found": "no-such-page/",
}
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 375, "height": 740}


@pytest.fixture(scope="module")
def base_url(built_site: Path):
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


class Visit:
    """A browser context that records every request and console error."""

    def __init__(self, browser, viewport):
        self.context = browser.new_context(viewport=viewport)
        self.requests: list[str] = []
        self.errors: list[str] = []
        # Context-level: also sees Web Worker fetches such as the search index.
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda err: self.errors.append(str(err)))

    def open(self, url: str):
        response = self.page.goto(url, wait_until="networkidle")
        return response

    def close(self):
        self.context.close()


@pytest.fixture
def desktop(browser):
    visit = Visit(browser, DESKTOP)
    yield visit
    visit.close()


@pytest.fixture
def phone(browser):
    visit = Visit(browser, PHONE)
    yield visit
    visit.close()


@pytest.fixture(scope="module", autouse=True)
def fresh_screenshots():
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)


def test_search_finds_netflix_then_the_role_page(desktop, base_url):
    desktop.open(base_url)
    desktop.page.click("label.md-search__icon, .md-search__input", timeout=5000)
    desktop.page.click("input.md-search__input")
    desktop.page.keyboard.type("netflix")
    # Results follow each key typed: wait for those of the whole word.
    link = desktop.page.locator(".md-search-result__link", has_text="Netflix Product Manager")
    link.first.wait_for(timeout=10000)
    link.first.click()
    desktop.page.wait_for_load_state("networkidle")
    assert urlsplit(desktop.page.url).path.startswith("/companies/netflix/product-manager/")
    assert desktop.errors == []


def test_role_page_behaves(desktop, base_url):
    desktop.open(base_url + PAGES["role"])
    page = desktop.page
    principle = page.locator("details.prep-principle").first
    assert principle.get_attribute("open") is None
    principle.locator("summary").click()
    assert principle.get_attribute("open") is not None
    assert principle.locator("text=What interviewers look for").is_visible()
    assert page.locator("table.prep-pay tbody tr").count() == 3
    assert page.locator(".prep-faq__entry").count() >= 5
    order = page.locator(".prep-offer a.md-button--primary")
    assert order.get_attribute("href").startswith("../../../order/?company=netflix")
    order.click()
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path == "/order/"
    assert desktop.errors == []


@pytest.mark.parametrize("name", PAGES)
def test_pages_are_private_accessible_and_clean(desktop, phone, base_url, name):
    url = base_url + PAGES[name]
    for label, visit in (("desktop", desktop), ("phone", phone)):
        response = visit.open(url)
        assert response.status == (404 if name == "not-found" else 200)
        visit.page.screenshot(path=SCREENSHOTS / f"{name}-{label}.png", full_page=True)
    host = urlsplit(base_url).netloc
    for visit in (desktop, phone):
        foreign = [
            u
            for u in visit.requests
            if urlsplit(u).netloc not in (host, "") and not u.startswith(("data:", "blob:"))
        ]
        assert foreign == [], foreign
        errors = visit.errors
        if name == "not-found":  # the browser reports the page's own 404 status
            errors = [e for e in errors if "404" not in e]
        assert errors == [], errors
    desktop.page.add_script_tag(path=str(AXE))
    result = desktop.page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == []


@pytest.mark.parametrize(
    "name", ["home", "companies", "company", "role", "compare", "report", "order", "pricing"]
)
def test_phone_layout_does_not_scroll_sideways(phone, base_url, name):
    phone.open(base_url + PAGES[name])
    width = phone.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name} is {width}px wide"
    if name == "role":
        table = phone.page.locator("table.prep-pay")
        box = table.bounding_box()
        assert box["width"] <= PHONE["width"]
        order = phone.page.locator(".prep-offer a.md-button--primary")
        order.scroll_into_view_if_needed()
        assert order.is_visible()
        box = order.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("candor", "Netflix Product Manager"),
        ("keeper test", "Netflix Product Manager"),
        ("bar raiser", "Amazon Product Manager"),
    ],
)
def test_search_finds_what_interviews_are_about(desktop, base_url, query, title):
    desktop.open(base_url)
    desktop.page.click("input.md-search__input")
    desktop.page.keyboard.type(query)
    results = desktop.page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10000)
    desktop.page.wait_for_timeout(300)  # results settle as the last keys arrive
    texts = results.all_inner_texts()
    assert any(title in text for text in texts[:5]), texts[:5]


def test_role_page_shows_its_table_of_contents_on_wide_screens(desktop, base_url):
    desktop.open(base_url + PAGES["role"])
    toc = desktop.page.locator(".md-sidebar--secondary nav.md-nav--secondary")
    assert toc.is_visible()
    assert toc.locator("a", has_text="Most frequent questions").is_visible()
    box = toc.bounding_box()
    content = desktop.page.locator("article.md-content__inner").bounding_box()
    assert box["x"] >= content["x"] + content["width"]  # beside the text, not over it


def test_pay_headers_line_up_with_their_values(desktop, base_url):
    desktop.open(base_url + PAGES["role"])
    aligned = desktop.page.evaluate(
        """() => {
            const table = document.querySelector("table.prep-pay");
            const heads = [...table.querySelectorAll("thead th")];
            const cells = [...table.querySelector("tbody tr").children];
            return heads.map((th, i) => [getComputedStyle(th).textAlign,
                                         getComputedStyle(cells[i]).textAlign]);
        }"""
    )
    assert len(aligned) >= 3 and all(head == value for head, value in aligned), aligned


def test_faq_questions_look_unlike_their_answers(desktop, base_url):
    desktop.open(base_url + PAGES["role"])
    styles = desktop.page.evaluate(
        """() => {
            const entry = document.querySelector(".prep-faq__entry");
            const look = (el) => { const s = getComputedStyle(el);
                                   return [s.fontWeight, s.color, s.marginLeft]; };
            return [look(entry.querySelector(".prep-faq__q")),
                    look(entry.querySelector(".prep-faq__q ~ *"))];
        }"""
    )
    question, answer = styles
    assert all(q != a for q, a in zip(question, answer, strict=True)), styles


def test_home_page_tells_only_keyboards_to_press_slash(desktop, phone, base_url):
    desktop.open(base_url)
    phone.open(base_url)
    assert desktop.page.locator(".prep-keyhint").is_visible()
    assert not phone.page.locator(".prep-keyhint").is_visible()
    assert "search" in phone.page.locator(".prep-keyhint >> xpath=..").inner_text()


def test_companies_filter_works_without_javascript(browser, base_url):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + PAGES["companies"])
        cards = page.locator("li.prep-company")
        total = cards.count()
        assert total >= 2
        # Make the first company lack the second role family, as a real catalog may.
        page.locator("li.prep-company").first.evaluate(
            "card => card.classList.remove('prep-has-2')"
        )
        has = [
            cards.nth(i).evaluate("c => c.classList.contains('prep-has-2')") for i in range(total)
        ]
        assert not has[0] and any(has[1:])
        page.locator("label.prep-filter__option").nth(2).click()
        visible = [cards.nth(i).is_visible() for i in range(total)]
        assert visible == has  # only the companies hiring that kind of role
        page.locator("label.prep-filter__option").first.click()  # all roles again
        assert all(cards.nth(i).is_visible() for i in range(total))
    finally:
        context.close()


def test_comparison_table_scrolls_inside_its_box_on_phones(phone, base_url):
    phone.open(base_url + PAGES["compare"])
    wrap = phone.page.locator(".prep-compare-wrap")
    sizes = wrap.evaluate("el => [el.scrollWidth, el.clientWidth]")
    assert sizes[0] > sizes[1]  # the table is wider than the phone, and scrolls in its box
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    header = phone.page.locator("table.prep-compare tbody th").first
    wrap.evaluate("el => el.scrollBy(300, 0)")
    assert header.bounding_box()["x"] >= 0  # the company names stay in view


def test_order_page_names_the_role_it_came_from(desktop, base_url):
    desktop.open(base_url + PAGES["role"])
    desktop.page.locator(".prep-hero a.md-button--primary").click()
    desktop.page.wait_for_load_state("networkidle")
    chosen = desktop.page.locator("[data-prep-order-chosen]")
    assert chosen.is_visible() and "Netflix Product Manager" in chosen.inner_text()
    mail = desktop.page.locator("[data-prep-order-mail]").get_attribute("href")
    assert mail.startswith("mailto:") and "Netflix%20Product%20Manager" in mail
    desktop.open(base_url + "order/")
    assert not desktop.page.locator("[data-prep-order-chosen]").is_visible()
    assert desktop.errors == []


def test_report_page_previews_load_and_link_the_pdf(desktop, base_url):
    desktop.open(base_url + PAGES["report"])
    images = desktop.page.locator(".prep-sample img")
    assert images.count() == 4
    for i in range(4):
        image = images.nth(i)
        image.scroll_into_view_if_needed()
        image.evaluate("img => img.decode()")
        assert image.evaluate("img => img.naturalWidth") > 0
        assert image.evaluate("img => img.currentSrc").endswith(".webp")
    response = desktop.page.request.get(
        urljoin(
            desktop.page.url, desktop.page.locator(".prep-sample a[download]").get_attribute("href")
        )
    )
    assert response.ok and response.body()[:5] == b"%PDF-"
