"""`prep review`: the real app on a real analysis, driven with Starlette's TestClient."""

from __future__ import annotations

import re
import shutil
import stat

import pytest
from click.testing import CliRunner
from conftest import ROOT
from starlette.testclient import TestClient

from preploop.catalog import load_catalog
from preploop.cli import main
from preploop.report.pipeline import load_analysis
from preploop.review.app import create_app

EXAMPLES = ROOT / "examples"
COMPANIES = ROOT / "companies"


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    out = tmp_path_factory.mktemp("made")
    args = [
        "report",
        "--company",
        "netflix",
        "--role",
        "product-manager",
        "--resume",
        EXAMPLES / "strong-pm/resume.md",
        "--jd",
        EXAMPLES / "strong-pm/job.txt",
        "--name",
        "Jordan Rivera",
        "--out",
        out / "r.pdf",
        "--analysis-out",
        out / "a.json",
        "--as-of",
        "2026-11-26",
        "--companies",
        COMPANIES,
    ]
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return out / "a.json"


@pytest.fixture
def client(made, tmp_path):
    shutil.copy(made, tmp_path / "a.json")
    app = create_app(tmp_path, load_catalog(COMPANIES), COMPANIES)
    return TestClient(app), tmp_path / "a.json"


def form_of(client) -> dict:
    html = client.get("/order/a").text
    return {
        "csrf": re.search(r'name="csrf" value="([^"]+)"', html)[1],
        "hash": re.search(r'name="hash" value="([^"]+)"', html)[1],
    }


def test_queue_lists_the_order(client):
    app, _ = client
    page = app.get("/")
    assert "Jordan Rivera" in page.text and "to review" in page.text


def test_a_post_without_the_token_is_refused(client):
    app, file = client
    before = file.read_bytes()
    form = form_of(app) | {"csrf": "forged", "story-0": "none"}
    assert app.post("/order/a", data=form).status_code == 403
    assert file.read_bytes() == before


def test_stale_hash_and_unknown_line_change_nothing(client):
    app, file = client
    before = file.read_bytes()
    stale = form_of(app) | {"hash": "0" * 64, "story-0": "none"}
    page = app.post("/order/a", data=stale)
    assert page.status_code == 409 and "changed since this page was loaded" in page.text
    unknown = form_of(app) | {"story-0": "p99.b99"}
    page = app.post("/order/a", data=unknown)
    assert page.status_code == 409 and "unknown resume line" in page.text
    assert file.read_bytes() == before


@pytest.mark.slow
def test_another_story_then_render_shows_it(client):
    app, file = client
    analysis = load_analysis(file)
    lines = {q.story.line_id for q in analysis.questions if q.story}
    other = next(
        lid
        for lid, text, kind in analysis.resume.lines()
        if kind == "bullet" and lid not in lines and len(text) > 40
    )
    text = dict((lid, t) for lid, t, _ in analysis.resume.lines())[other]
    original = file.read_bytes()
    page = app.post("/order/a", data=form_of(app) | {"story-0": other, "action": "render"})
    assert page.status_code == 200, page.text[:500]
    assert load_analysis(file).questions[0].story.line_id == other
    assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert (file.parent / "a.original.json").read_bytes() == original
    assert f'"staff": "{other}"' in (file.parent / "a.review.jsonl").read_text()
    assert (file.parent / "a.state").read_text() == "rendered"
    from pdfminer.high_level import extract_text

    shown = " ".join(extract_text(file.with_suffix(".pdf")).split())
    assert " ".join(text.split())[:40] in shown


def test_cli_help_and_no_silent_public_host():
    result = CliRunner().invoke(main, ["review", "--help"])
    assert result.exit_code == 0 and "--host" in result.output
    assert "127.0.0.1" in result.output  # the default bind is loopback


def test_a_field_too_long_changes_nothing(client):
    app, file = client
    before = file.read_bytes()
    page = app.post("/order/a", data=form_of(app) | {"story-0": "x" * 20_001})
    assert page.status_code == 409 and "the limit is 20000" in page.text
    assert file.read_bytes() == before


def test_queue_filters_by_state(client):
    app, _ = client
    assert "Jordan Rivera" not in app.get("/?state=rendered").text


def test_dropping_a_risk_keeps_the_checklist_valid(client):
    app, file = client
    count = len(load_analysis(file).risks)
    assert count, "the example has risks"
    page = app.post("/order/a", data=form_of(app) | {"drop-risk-0": "1"})
    assert page.status_code == 200, page.text[:300]
    after = load_analysis(file)
    assert len(after.risks) == count - 1
    assert all(i < len(after.risks) for s in after.checklist for i in s.watch_risks)
