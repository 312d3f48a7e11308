"""`prep report` on a real resume (the shared John Doe PDF) and the example posting, read
back from the PDF as a coach reads it: the skills table keeps the report's own rule that
only a line of work shows a skill, and the projects are read as projects."""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import REAL_WORLD, ROOT, prep

RESUME = REAL_WORLD / "resume_swe_john-doe_single-column.pdf"
pytestmark = pytest.mark.skipif(not RESUME.is_file(), reason="shared fixtures not present")


@pytest.fixture(scope="module")
def text(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("john-doe") / "report.pdf"
    result = prep(
        "report",
        *("--company", "google", "--role", "software-engineer"),
        *("--resume", RESUME, "--jd", ROOT / "examples/software-engineer/job.txt"),
        *("--name", "John Doe", "--out", out, "--as-of", "2026-12-07"),
    )
    assert result.returncode == 0, result.stderr
    layout = subprocess.run(
        ["pdftotext", "-layout", out, "-"], capture_output=True, text=True, check=True
    )
    return layout.stdout


def _skills_table(text: str) -> dict[str, tuple[str, str, str]]:
    """Skill -> (asked as, on your resume, where), from the table's rows."""
    table = text.split("Skills from the job description", 1)[1].split("PrepLoop", 1)[0]
    rows = {}
    for line in table.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if len(cells) == 4 and cells[1] in ("Required", "Preferred"):
            rows[cells[0]] = (cells[1], cells[2], cells[3])
    return rows


def test_the_skills_table_shows_a_skill_only_where_a_line_of_work_proves_it(text: str) -> None:
    rows = _skills_table(text)
    assert rows["Go (or Java or Python)"] == (
        "Required",
        "Shown",
        "Senior Software Engineer, Stripe",
    )
    assert rows["Cloud platforms"] == ("Required", "Listed only", "Summary")
    # A nice-to-have of the posting: EKS in the AWS requirement's brackets is an AWS service.
    assert rows["Kubernetes"] == ("Preferred", "Listed only", "Summary")
    assert rows["Kafka (or Kinesis)"] == ("Preferred", "Shown", "Senior Software Engineer, Stripe")
    assert not [
        row for row in rows.values() if row[1] == "Shown" and row[2] in ("Summary", "Skills")
    ]
    assert "NoSQL databases" not in rows  # DynamoDB is one of the AWS services named


def test_projects_are_read_as_projects_and_tell_stories(text: str) -> None:
    before, read = text.split("\nYour resume\n", 1)  # the chapter on what was read
    read = read.split("The job description", 1)[0]
    assert "Other lines we kept" not in read
    assert re.search(r"John Doe\s+Senior Software Engineer\s", read)  # the headline, as a title
    projects = " ".join(read.split("Projects", 1)[1].split("Education", 1)[0].split())
    assert projects.startswith("DevFlow, Creator & Maintainer • Open-source CLI tool")
    assert "Real-time Transit Prediction App, Creator 2022 • Built real-time transit" in projects
    # The hackathon win is a story, said as a project of the candidate's own.
    assert "Creator, Real-time Transit Prediction App" in before
    assert "a project of mine, Real-time Transit Prediction App" in " ".join(text.split())
