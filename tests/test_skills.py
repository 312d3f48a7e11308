"""Skills judged on a resume (preploop/report/skills.py), through the real catalog."""

from pathlib import Path

import pytest

from preploop.catalog import load_catalog
from preploop.report.documents import Contact, Education, Position, Resume
from preploop.report.jd_parser import parse_job_description
from preploop.report.skill_gate import GATE_FILE, skill_gate
from preploop.report.skills import match_skills, skills_in_line
from preploop.tunables import TunablesError

ROOT = Path(__file__).resolve().parents[1]


def _matches(
    bullets: list[str], wanted: str, summary: str = "", skills: tuple = (), degree: str = ""
) -> list:
    """The skills table of a one-job resume for a posting that asks for `wanted` (its
    requirement lines, and "Nice to have" lines after a blank line)."""
    family = load_catalog(ROOT / "companies").families["software-engineer"]
    vocabulary = {skill.name: skill.posting_words for skill in family.skills}
    products = {skill.name: skill.products for skill in family.skills}
    required, _, preferred = wanted.partition("\n\n")
    text = f"Software Engineer\n\nRequirements\n- {required}\n"
    text += f"\nNice to have\n- {preferred}\n" if preferred else ""
    job = parse_job_description(text, vocabulary, products)
    job_position = Position(title="Engineer", employer="Acme", start="2021", end="Present")
    resume = Resume(
        name="Casey",
        contact=Contact(),
        summary=summary,
        positions=[job_position.model_copy(update={"bullets": bullets})],
        education=[Education(institution="State University", degree=degree)] if degree else [],
        skills=list(skills),
        source_format="markdown",
    )
    return match_skills(resume, job, family)


def _statuses(bullets: list[str], wanted: str) -> dict[str, str]:
    return {m.name: m.status for m in _matches(bullets, wanted)}


SUMMARY = (
    "Senior engineer. Proficient in Go and Python. Expert in containerization (Docker, "
    "Kubernetes) and cloud infrastructure (AWS, Azure)."
)
KAFKA_AND_GO = (
    "Built a fraud detection pipeline processing 50K transactions a second using Kafka and Go"
)


def test_a_skill_only_the_summary_claims_is_listed_not_shown():
    # "Shown means a bullet proves you used it": a summary claims, like a skills list.
    [cloud] = _matches(["Mentored three engineers"], "Experience with AWS", SUMMARY)
    assert (cloud.name, cloud.status) == ("Cloud platforms", "listed")
    assert [e.where for e in cloud.evidence] == ["Summary"]
    [listed] = _matches(["Mentored three engineers"], "AWS", SUMMARY, skills=("AWS",))
    assert listed.status == "listed"


def test_a_requirement_of_alternatives_is_shown_by_the_bullet_naming_any_of_them():
    # "Python" is claimed in the summary only, "Go" is used in a bullet: the requirement
    # is met by Go, and shown where the bullet is.
    [language] = _matches(
        [KAFKA_AND_GO], "Proficiency in at least one of Java, Python or Go", SUMMARY
    )
    assert (language.name, language.status, language.alternatives) == (
        "Go",
        "shown",
        ["Java", "Python"],
    )
    assert [e.line_id for e in language.evidence] == ["p0.b0"]


def test_a_product_named_among_alternatives_is_asked_for_and_shown_by_name():
    # "Kafka" points to data pipelines without showing them; a posting asking for
    # "streaming systems such as Kafka or Kinesis" asks for Kafka, which the bullet names.
    [streaming] = _matches([KAFKA_AND_GO], "Go\n\nStreaming systems such as Kafka or Kinesis")[1:]
    assert (streaming.name, streaming.required, streaming.status) == ("Kafka", False, "shown")
    assert streaming.alternatives == ["Kinesis"]
    # Alone, Kafka still points to data pipelines, which a bullet shows by their own words.
    assert _statuses([KAFKA_AND_GO], "Experience with Kafka") == {"Data pipelines": "missing"}


def test_skills_in_brackets_after_a_skill_are_its_examples_not_requirements():
    # The posting asks for AWS; EKS and DynamoDB are the AWS services it uses, and
    # Kubernetes is only a nice-to-have of its own.
    wanted = "Experience with AWS (EC2, ECS or EKS, DynamoDB, SQS, Lambda) or a similar cloud"
    matches = _matches([KAFKA_AND_GO], f"{wanted}\n\nKubernetes and infrastructure as code")
    assert [(m.name, m.required) for m in matches] == [
        ("Cloud platforms", True),
        ("Kubernetes", False),
        ("Infrastructure as code", False),
    ]


def test_a_skill_shown_by_a_bullet_is_placed_there_not_at_the_summary_that_claims_it():
    # The table says "shown" means a line of work proves it: the line it names as where
    # must be that line, not the summary's "Comfortable with SQL" (a claim, not a proof).
    family = load_catalog(ROOT / "companies").families["product-manager"]
    vocabulary = {skill.name: skill.posting_words for skill in family.skills}
    job = parse_job_description("Product Manager\n\nRequirements\n- SQL\n", vocabulary)
    bullet = "Wrote SQL over three years of dispute data and found the chargeback pattern"
    position = Position(title="Analyst", employer="Acme", start="2021", end="Present")
    resume = Resume(
        name="Casey",
        contact=Contact(),
        summary="Analyst moving into product. Comfortable with SQL and messy data.",
        positions=[position.model_copy(update={"bullets": [bullet]})],
        education=[],
        skills=[],
        source_format="markdown",
    )
    [sql] = match_skills(resume, job, family)
    assert sql.status == "shown"
    assert [e.line_id for e in sql.evidence] == ["p0.b0"]


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


def _shown(text: str, family: str = "product-manager") -> set[str]:
    """The skills a line of work shows, as the report reads a bullet."""
    skills = load_catalog(ROOT / "companies").families[family].skills
    return set(skills_in_line(text, {s.name: s.line_words for s in skills}))


def test_learning_about_a_skill_does_not_show_it_and_using_it_does():
    assert "A/B testing" not in _shown("Attended a workshop on A/B testing")
    assert "A/B testing" in _shown(
        "Designed and ran the A/B test of the new checkout against the old one for four "
        "weeks, and shipped it after conversion rose 6%"
    )
    assert "Machine learning products" not in _shown(
        "Completed an online course in machine learning"
    )


def test_someone_elses_work_or_a_term_in_passing_does_not_show_the_skill():
    engineer = "software-engineer"
    assert "Kubernetes" not in _shown("Was part of the migration to Kubernetes", engineer)
    assert "Kubernetes" in _shown(
        "Migrated 40 services to Kubernetes and cut deploy time from 20 to 4 minutes", engineer
    )
    assert "APIs" not in _shown("Supported the team that deprecated the v1 API", engineer)
    passing = "Picked up partner-channel enablement on top of my own roadmap"
    assert "Roadmapping" not in _shown(passing)
    assert "Roadmapping" in _shown(
        "Ran the quarterly roadmap review with the CPO and shipped four of the five bets"
    )


def test_the_skill_gate_in_use_is_recorded_and_a_changed_file_is_refused(tmp_path):
    assert skill_gate() is not None and skill_gate().weights
    changed = tmp_path / "skill_gate.json"
    changed.write_bytes(GATE_FILE.read_bytes().replace(b'"bias": ', b'"bias": 1'))
    with pytest.raises(TunablesError, match="skill_gate_sha256"):
        skill_gate(changed)


def test_a_degree_that_teaches_a_skill_lists_it_and_never_shows_it():
    """ "Knowledge of data structures and algorithms" is met, in part, by a computer science
    degree (the skill's `degrees`): listed, as a skills list would, not shown. A new
    graduate's report said the skill was missing."""
    wanted = "Knowledge of data structures, algorithms and object-oriented design"
    (match,) = _matches(["Built a REST API in Kotlin"], wanted, degree="B.S. Computer Science")
    assert match.name == "Algorithms and data structures" and match.status == "listed"
    assert match.evidence[0].text.startswith("B.S. Computer Science")
    (other,) = _matches(["Built a REST API in Kotlin"], wanted, degree="B.A. History")
    assert other.status == "missing"
