"""`prep review` in Chromium (Playwright): the forms work without JavaScript, corrections
reach the PDF, a flagged edit waits for staff, a second tab cannot overwrite the first.
Screenshots at 1,440 px go to test-artifacts/screenshots/ for people to look at."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from browser import chromium, serve_app
from conftest import ROOT
from fixtures.golden import GOLDEN

from preploop.catalog import load_catalog
from preploop.report.pipeline import load_analysis
from preploop.review.app import create_app

playwright = pytest.importorskip("playwright.sync_api")

COMPANIES = ROOT / "companies"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1440, "height": 900}


@pytest.fixture
def served(tmp_path):
    shutil.copy(GOLDEN, tmp_path / "a.json")
    app = create_app(tmp_path, load_catalog(COMPANIES), COMPANIES)
    with serve_app(app) as url:
        yield url, tmp_path / "a.json"


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


@pytest.mark.slow
def test_correct_flag_confirm_approve_and_render(served, browser):
    url, file = served
    before = load_analysis(file)
    page = browser.new_context(viewport=DESKTOP, java_script_enabled=False).new_page()
    page.goto(url)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "review-queue-1440.png", full_page=True)
    page.click("text=Jordan Rivera")
    # Another story for question 1, another judgment for the first principle.
    other = page.locator('input[name="story-0"]:not(:checked)').first
    picked = other.get_attribute("value")
    other.check()
    judgment = "gap" if before.principles[0].strength != "gap" else "material"
    page.check(f'input[name="strength-0"][value="{judgment}"]')
    action = page.locator('textarea[name="star-0-action"]')
    action.fill(action.input_value() + " It saved 97 hours a week.")
    page.click('div.actions button[value="save"]')
    assert "Not in the resume: 97" in page.inner_text('p[role="alert"] >> nth=0')
    assert load_analysis(file) == before  # nothing saved while flagged
    page.screenshot(path=SCREENSHOTS / "review-flagged-1440.png")
    page.check('input[name="confirm-star-0"]')
    page.click('div.actions button[value="render"]')
    after = load_analysis(file)
    assert after.questions[0].story.line_id == picked
    assert after.principles[0].strength == judgment
    assert "It saved 97 hours a week." in after.stories[0].action
    text = subprocess.run(
        ["pdftotext", str(file.with_suffix(".pdf")), "-"], capture_output=True, text=True
    ).stdout
    assert "It saved 97 hours a week." in " ".join(text.split())
    assert page.locator(".previews img").count() == 2
    page.screenshot(path=SCREENSHOTS / "review-rendered-1440.png")


def test_a_second_tab_changing_the_same_field_is_refused_and_loses_nothing(served, browser):
    url, file = served
    context = browser.new_context(viewport=DESKTOP)
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        tab.goto(url + "order/a")
    first.fill('textarea[name="note"]', "From the first tab.")
    first.click('div.actions button[value="save"]')
    second.fill('textarea[name="note"]', "From the second tab.")
    second.click('div.actions button[value="save"]')
    alert = second.inner_text('p[role="alert"]')
    assert "changed since this page was loaded" in alert and "changed by both: the note" in alert
    assert "From the second tab." in second.inner_text(".unsaved")  # shown, not lost
    assert load_analysis(file).note == "From the first tab."


def test_a_second_tab_changing_another_field_is_merged(served, browser):
    url, file = served
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    first, second = context.new_page(), context.new_page()
    for tab in (first, second):
        tab.goto(url + "order/a")
    first.fill('textarea[name="note"]', "From the first tab.")
    first.click('div.actions button[value="save"]')
    task = second.locator('textarea[name="star-1-task"]')
    task.fill("My task, from the second tab.")
    second.click('div.actions button[value="save"]')
    assert "the changes of both are kept" in second.inner_text('p[role="status"]')
    # The page the second tab now shows is the file: both changes on it.
    assert second.input_value('textarea[name="note"]') == "From the first tab."
    assert second.input_value('textarea[name="star-1-task"]') == "My task, from the second tab."
    after = load_analysis(file)
    assert after.note == "From the first tab."
    assert after.stories[1].task == "My task, from the second tab."
    log = (file.parent / "a.review.jsonl").read_text().splitlines()
    assert [json.loads(line)["field"] for line in log] == ["note", "stories.1.task"]
    assert json.loads(log[1])["merged"] is True
