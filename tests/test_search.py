"""Search reads queries as job seekers type them: stop words ignored, short forms and
synonyms known, every typed word required while a page holds them all, each question
found, and a company we do not cover said so (issue 19). Driven in
Debian's Chromium on the real built site."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser import chromium, serve

from preploop.catalog import load_catalog

ROOT = Path(__file__).resolve().parent.parent
playwright = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def tab(built_site: Path):
    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        page.goto(base, wait_until="networkidle")
        page.base = base
        yield page
        assert all(url.startswith(base) for url in requests), "a request left the site"


def search(page, query: str) -> list[str]:
    """The result titles for `query`, as the search box shows them."""
    page.click("label.md-search__icon, .md-search__input", timeout=5000)
    field = page.locator("input.md-search__input")
    field.fill("")
    field.click()
    page.keyboard.type(query)
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function(
        "() => !/Type to start|Initializing/.test("
        "document.querySelector('.md-search-result__meta').textContent)",
        timeout=10000,
    )
    page.wait_for_timeout(300)  # the last keystroke's results
    assert meta.inner_text()
    return page.locator(".md-search-result__item").all_inner_texts()


def test_stop_words_do_not_match_every_page(tab):
    found = search(tab, "tell me about a time")
    assert found
    # Every page found holds "tell" or "time", not just a word starting with "a" or "me".
    for item in found:
        assert "tell" in item.lower() or "time" in item.lower(), item


def test_salary_finds_pay(tab):
    # Netflix's own pay sections, each under its page, before anything else.
    found = search(tab, "netflix salary")
    assert found[0].startswith("Netflix ") and "Pay by level" in found[0], found


def test_behavioural_and_behavioral_find_the_same(tab):
    # The list shows the first results only, and pages that rank equal may come in either
    # order; the number of pages found is what must match.
    british = search(tab, "behavioural")
    british_count = tab.locator(".md-search-result__meta").inner_text()
    american = search(tab, "behavioral")
    american_count = tab.locator(".md-search-result__meta").inner_text()
    assert british and american
    assert re.match(r"\d+ matching documents", british_count), british_count
    assert british_count == american_count


def test_each_question_is_found_and_leads_to_it(tab):
    question = load_catalog(ROOT / "companies").role("netflix", "product-manager").role
    asked = question.questions[0]
    found = search(tab, asked.text.rstrip("?."))
    assert any(asked.text in item for item in found), found
    tab.locator(".md-search-result__link", has_text=asked.text).first.click()
    tab.wait_for_load_state("networkidle")
    assert urlsplit(tab.url).fragment == f"q-{asked.id}"
    tab.goto(tab.base, wait_until="networkidle")


def test_every_typed_word_must_be_found_when_a_page_holds_them_all(tab):
    # "keeper test": the pages about the keeper test, not every question about tests.
    found = search(tab, "keeper test")
    assert found and all(item.startswith("Netflix ") for item in found), found


def test_a_short_form_stands_for_the_role(tab):
    found = search(tab, "google pm")
    assert found[0].startswith("Google Product Manager interview"), found
    # No other company's role page.
    roles = [item.split("\n")[0] for item in found if item.split("\n")[0].endswith(" interview")]
    assert all(role.startswith("Google ") for role in roles), found


def test_words_no_page_holds_together_still_find_pages(tab):
    # No single section holds "meta", "system", "design" and "questions": any will do,
    # ranked by how many each holds.
    found = search(tab, "meta system design questions")
    assert found and found[0].startswith("Meta "), found[:3]
    assert tab.locator(".prep-search-none").is_hidden()


def test_a_company_we_do_not_cover_is_said_and_links_the_index(tab):
    assert search(tab, "initech") == []
    note = tab.locator(".prep-search-none")
    note.wait_for(state="visible", timeout=5000)
    assert note.inner_text() == (
        "We do not cover “initech” yet: no guide or report for it. See the companies we cover."
    )
    link = note.locator("a")
    assert urlsplit(link.get_attribute("href")).path == "/companies/"
    tab.screenshot(path=str(ROOT / "test-artifacts" / "search-not-covered.png"))
    # A query that finds something hides the note again.
    assert search(tab, "netflix")
    assert not note.is_visible()
