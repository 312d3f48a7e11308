"""The report's HTML file (`prep report --html`) in Chromium and the Nu checker: no
request to any host, 0 axe-core violations, 0 Nu errors, nothing scrolling sideways at
360 px. Screenshots (phone and desktop) go to test-artifacts/screenshots/report-html-*.png.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from browser import chromium
from conftest import ROOT
from fixtures.golden import sample_analysis

from preploop.catalog import load_catalog
from preploop.report.render import render_html, write_report

playwright = pytest.importorskip("playwright.sync_api")

ENTRY = load_catalog(ROOT / "companies").role("netflix", "product-manager")
AXE = ROOT / "tests/node/node_modules/axe-core/axe.min.js"
VNU = ROOT / "tests/node/node_modules/vnu-jar/build/dist/vnu.jar"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1440, "height": 900}


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report-html") / "report.html"
    write_report(render_html(sample_analysis(ENTRY), ENTRY), path)
    return path


@pytest.fixture(scope="module")
def browser():
    with chromium() as browser:
        yield browser


def open_report(browser, report_file: Path, viewport: dict):
    context = browser.new_context(viewport=viewport)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.goto(report_file.as_uri(), wait_until="networkidle")
    return context, page, requests, errors


@pytest.mark.parametrize(("label", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_report_html_loads_nothing_and_passes_axe(browser, report_file, label, viewport):
    context, page, requests, errors = open_report(browser, report_file, viewport)
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"report-html-{label}.png")
        page.evaluate("document.getElementById('fit').scrollIntoView()")
        page.screenshot(path=SCREENSHOTS / f"report-html-{label}-fit.png")
        assert requests == [report_file.as_uri()], requests
        assert errors == []
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        violations = [
            (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
        ]
        assert violations == []
    finally:
        context.close()


def test_report_html_does_not_scroll_sideways_at_360_px(browser, report_file):
    context, page, _, _ = open_report(browser, report_file, PHONE)
    try:
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert client == PHONE["width"] and scroll <= client, f"{scroll}px wide"
        # Nothing is cut either: no element reaches past the right edge.
        past = page.evaluate(
            """() => [...document.querySelectorAll('main *')]
                .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
                .map(e => e.tagName + '.' + e.className).slice(0, 5)"""
        )
        assert past == []
        bars = page.locator("svg.bar")
        assert bars.count() == 7 and all(bars.nth(i).is_visible() for i in range(3))
    finally:
        context.close()


def test_report_html_passes_the_nu_checker(report_file):
    checked = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", "--stdout", report_file],
        capture_output=True,
        text=True,
        timeout=120,
    )
    messages = json.loads(checked.stdout)["messages"]
    assert [(m.get("lastLine"), m["message"]) for m in messages] == []
    assert checked.returncode == 0
