"""Skills judged on a resume (preploop/report/skills.py), through the real catalog."""

from pathlib import Path

from preploop.catalog import load_catalog
from preploop.report.documents import Contact, Position, Resume
from preploop.report.jd_parser import parse_job_description
from preploop.report.skills import match_skills

ROOT = Path(__file__).resolve().parents[1]


def _statuses(bullets: list[str], wanted: str) -> dict[str, str]:
    family = load_catalog(ROOT / "companies").families["software-engineer"]
    vocabulary = {skill.name: skill.posting_words for skill in family.skills}
    job = parse_job_description(f"Software Engineer\n\nRequirements\n- {wanted}\n", vocabulary)
    job_position = Position(title="Engineer", employer="Acme", start="2021", end="Present")
    resume = Resume(
        name="Casey",
        contact=Contact(),
        positions=[job_position.model_copy(update={"bullets": bullets})],
        education=[],
        skills=[],
        source_format="markdown",
    )
    return {m.name: m.status for m in match_skills(resume, job, family)}


def test_a_skill_whose_name_is_a_common_word_is_shown_by_the_work_not_the_word():
    # "Security" names a team or a course as often as the work: its hints hold the bare
    # name, so only the work's own words show it.
    assert _statuses(["Joined the Security guild's monthly meetup"], "Security")["Security"] == (
        "missing"
    )
    shown = _statuses(["Added OAuth login and rotated every service's secrets"], "Security")
    assert shown["Security"] == "shown"


def test_a_word_moved_to_hints_no_longer_shows_the_skill_in_a_bullet():
    # "Kafka" in a bullet is a distributed-systems line more often than a pipeline one.
    assert _statuses(["Tuned the Kafka consumers' batch sizes"], "Data pipelines") == {
        "Data pipelines": "missing"
    }
    assert _statuses(["Built the Airflow DAGs that load billing data"], "Data pipelines") == {
        "Data pipelines": "shown"
    }
