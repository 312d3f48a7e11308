"""A current title below the level a posting names is read as recruiters read it: the
experience score counts it, the top risk names it, and a script answers it. The real CLI
on a labelled engineer (a Software Engineer II applying to a senior posting), the PDF read
back; the same resume with a senior title, and a student, as controls."""

from __future__ import annotations

import pytest
import yaml
from conftest import ROOT
from test_candidate_kinds import order, page_text

from preploop.catalog import load_catalog
from preploop.report.consistency import check
from preploop.report.jd_parser import title_seniority

CASE = ROOT / "tests/eval/stories/netflix-software-engineer-trevor-ashdown.yaml"


def engineer(tmp_path_factory, title: str) -> dict:
    case = yaml.safe_load(CASE.read_text(encoding="utf-8"))
    tmp = tmp_path_factory.mktemp("engineer")
    resume, job = tmp / "resume.md", tmp / "job.txt"
    assert "### Software Engineer II\n" in case["resume"]
    resume.write_text(case["resume"].replace("### Software Engineer II\n", f"### {title}\n"))
    job.write_text(case["job"])
    return order(tmp, "netflix", resume, job, "Trevor Ashdown", role="software-engineer")


@pytest.fixture(scope="module")
def below(tmp_path_factory) -> dict:
    return engineer(tmp_path_factory, "Software Engineer II")


@pytest.fixture(scope="module")
def at_level(tmp_path_factory) -> dict:
    return engineer(tmp_path_factory, "Senior Software Engineer")


@pytest.mark.parametrize(
    "title, level",
    [
        ("Software Engineer II", "mid"),
        ("Senior Product Manager", "senior"),
        ("Associate Product Manager", "junior"),
        ("Product Manager", ""),  # names no level: says nothing
        ("Staff Engineer", "staff"),
    ],
)
def test_a_title_names_its_level(title, level):
    assert title_seniority(title) == level


def test_a_title_a_level_below_the_posting_is_a_risk_with_its_script(below, at_level):
    analysis = below["analysis"]
    assert analysis.job.seniority == "senior"
    (said,) = [s for s in analysis.fit.experience.missing if s.code == "experience.title_below"]
    assert said.args == {"title": "Software Engineer II", "seniority": "senior", "steps": 1}
    # The years are met; the title costs part of their credit, and only the title differs.
    assert not any(s.code == "experience.more_years" for s in analysis.fit.experience.missing)
    assert analysis.fit.experience.score < at_level["analysis"].fit.experience.score
    assert analysis.risks[0].title.code == "risk.experience.level.title"
    said = page_text(below["pdf"])
    assert "Your current title is below the senior level" in said
    assert "your current title, Software Engineer II, names a lower level" in said
    assert "Software Engineer II reads a level below" in said
    assert "My title is Software Engineer II, and the work has already been at the senior" in said
    entry = load_catalog(ROOT / "companies").role("netflix", "software-engineer")
    assert check(analysis, entry.company, entry.role) == []


def test_a_title_at_the_posting_level_says_nothing(at_level):
    codes = {s.code for s in at_level["analysis"].fit.experience.missing}
    assert "experience.title_below" not in codes
    assert all(r.title.code != "risk.experience.level.title" for r in at_level["analysis"].risks)
    assert "below the senior level" not in page_text(at_level["pdf"])


def test_an_internship_title_is_no_level_below_a_graduate_posting(tmp_path_factory):
    folder = ROOT / "examples" / "student"
    tmp = tmp_path_factory.mktemp("student")
    student = order(tmp, "meta", folder / "resume.md", folder / "job.txt", "Maya Lindqvist")
    codes = {s.code for s in student["analysis"].fit.experience.missing}
    assert "experience.title_below" not in codes
