"""A data scientist and an engineering manager get a report written for their job: the
real CLI on the two example orders, the analysis and the PDF text read back."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, prep

from preploop.report.findings import Analysis
from preploop.report.layout_check import check_layout

EXAMPLES = ROOT / "examples"


def report(tmp: Path, company: str, role: str, folder: str) -> dict:
    result = prep(
        "report",
        *("--company", company, "--role", role),
        *("--resume", EXAMPLES / folder / "resume.md", "--jd", EXAMPLES / folder / "job.txt"),
        *("--out", tmp / "report.pdf", "--analysis-out", tmp / "analysis.json"),
        *("--as-of", "2026-12-06"),
    )
    assert result.returncode == 0, result.stderr
    text = subprocess.run(
        ["pdftotext", tmp / "report.pdf", "-"], capture_output=True, text=True
    ).stdout
    analysis = Analysis.model_validate_json((tmp / "analysis.json").read_text())
    pdf = (tmp / "report.pdf").read_bytes()
    return {"analysis": analysis, "text": " ".join(text.split()), "pdf": pdf}


def story_of(analysis: Analysis, question_id: str) -> str:
    question = next(q for q in analysis.questions if q.id == question_id)
    return question.story.text if question.story else ""


@pytest.fixture(scope="module")
def scientist(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("scientist")
    return report(tmp, "netflix", "data-scientist", "data-scientist")


@pytest.fixture(scope="module")
def manager(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("manager")
    return report(tmp, "meta", "engineering-manager", "engineering-manager")


def test_a_data_scientist_is_asked_and_answers_as_one(scientist):
    analysis, text = scientist["analysis"], scientist["text"]
    assert "Netflix Data Scientist" in text
    assert story_of(analysis, "analysis-was-wrong").startswith("My retention forecast overstated")
    assert story_of(analysis, "changed-a-decision").startswith("Showed the VP of Product")
    assert story_of(analysis, "engagement-drop").startswith("Found that a 6% drop")
    # The company's principles speak to everyone, not to product managers.
    assert "product manager" not in text.lower()
    # A SQL question is tied to the posting's SQL, not to its word "engineering".
    # Quoted as the posting writes it, not as the stem we look for.
    assert "the job description stresses: \u201cSQL\u201d" in " ".join(text.split())


def test_an_engineering_manager_tells_management_stories(manager):
    analysis, text = manager["analysis"], manager["text"]
    assert "Meta Engineering Manager" in text
    assert story_of(analysis, "underperformer").startswith("Managed a senior engineer through")
    assert story_of(analysis, "hiring-mistake").startswith("My first hire as a manager")
    assert story_of(analysis, "team-conflict").startswith("Settled a two-month disagreement")
    assert story_of(analysis, "tech-debt-vs-features").startswith("Reserved 20% of each quarter")
    assert "you dealt with low performance" in text
    # "Event sourcing" is an architecture, not recruiting.
    hiring = next(s for s in analysis.skills if s.name == "Hiring")
    assert all("event sourcing" not in e.text for e in hiring.evidence)
    assert "product manager" not in text.lower()


@pytest.mark.parametrize("kind", ["scientist", "manager"])
def test_no_page_of_other_families_reports_is_nearly_blank(kind, request):
    # Their first question ran long enough to push its answer box onto a page of its own.
    assert check_layout(request.getfixturevalue(kind)["pdf"]) == []
