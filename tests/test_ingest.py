"""Ingestion on real resumes and job descriptions, and on every kind of bad input."""

from __future__ import annotations

import datetime
import io
import re
import sys
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from pypdf import PdfReader, PdfWriter

from preploop.report import pdf_text, resume_parser, wordlists
from preploop.report.cleaning import clean_line, clean_text
from preploop.report.documents import Position, Resume
from preploop.report.ingest import (
    IngestError,
    read_job_description,
    read_resume,
)
from preploop.report.jd_parser import parse_job_description
from preploop.report.readers import MAX_PAGES, markdown_to_text, read_text
from preploop.report.resume_parser import parse_resume

FIXTURES = Path(__file__).resolve().parents[2] / "shared" / "fixtures" / "real-world"
JOHN_DOE_LAYOUTS = ("single-column", "two-column-sidebar", "modern-two-column")
EBONY = "resume_desktop-support_ebony-moore_word"
VOCABULARY = {
    "SQL": ["sql", "postgres", "bigquery"],
    "A/B testing": ["a/b test", "experimentation", "split test"],
    "Mixpanel": [],
    "Go": ["golang"],
    "Python": [],
}

needs_fixtures = pytest.mark.skipif(not FIXTURES.is_dir(), reason="shared fixtures not present")


def _position_keys(resume: Resume) -> list[tuple[str, str, str, str, str]]:
    return [(p.title, p.employer, p.location, p.start, p.end) for p in resume.positions]


def _bullets(resume: Resume) -> list[list[str]]:
    return [p.bullets for p in resume.positions]


# --- real resumes --------------------------------------------------------------


@pytest.fixture(scope="module")
def john_doe() -> dict[str, Resume]:
    return {
        layout: read_resume(FIXTURES / f"resume_swe_john-doe_{layout}.pdf")
        for layout in JOHN_DOE_LAYOUTS
    }


@needs_fixtures
def test_john_doe_single_column_parses_fully(john_doe: dict[str, Resume]) -> None:
    resume = john_doe["single-column"]
    assert resume.name == "John Doe"
    assert resume.source_format == "pdf" and resume.pages == 1
    assert _position_keys(resume) == [
        ("Senior Software Engineer", "Stripe", "San Francisco, CA", "Jan 2023", "Present"),
        ("Software Engineer", "Figma", "San Francisco, CA", "Jun 2021", "Dec 2022"),
        ("Software Engineer", "Notion", "San Francisco, CA", "Jul 2019", "May 2021"),
    ]
    assert [len(b) for b in _bullets(resume)] == [3, 3, 3]
    # Wrapped lines are joined back into whole bullets.
    assert resume.positions[0].bullets[0] == (
        "Designed and implemented real-time fraud detection pipeline processing 50K+ "
        "transactions per second using Kafka and Go, reducing fraudulent charges by 18% "
        "through optimized distributed system architecture"
    )
    assert len(resume.skills) == 34
    assert {"Go", "SQL", "A/B Testing", "Microservices Architecture", "PagerDuty"} <= set(
        resume.skills
    )
    assert resume.contact.email == "john.doe@email.com"
    assert resume.contact.phone == "+1 (415) 555-0142"
    assert resume.contact.location == "San Francisco, CA"
    assert resume.contact.links == ["linkedin.com/in/johndoe", "github.com/johndoe"]
    assert resume.education[0].institution == "UC Berkeley"
    assert resume.education[0].degree == "Bachelor of Science, Computer Science"
    assert resume.education[0].end == "2019"
    assert resume.summary.startswith("Senior Software Engineer with 5+ years")
    assert resume.summary.endswith("building systems that scale.")


@needs_fixtures
@pytest.mark.parametrize("layout", JOHN_DOE_LAYOUTS[1:])
def test_john_doe_two_column_layouts_match_single_column(
    john_doe: dict[str, Resume], layout: str
) -> None:
    control, resume = john_doe["single-column"], john_doe[layout]
    assert resume.name == control.name == "John Doe"
    assert _position_keys(resume) == _position_keys(control)
    assert _bullets(resume) == _bullets(control)
    assert set(resume.skills) == set(control.skills)
    assert resume.contact == control.contact
    assert resume.education == control.education
    assert resume.summary == control.summary
    assert resume.projects == control.projects and resume.headline == control.headline
    # The sidebar (education, skills, links) does not leak into the projects.
    project_text = [p.employer for p in resume.projects] + resume.projects[-1].bullets
    assert not any("Berkeley" in line or "Kubernetes" in line for line in project_text)


@needs_fixtures
@pytest.mark.parametrize("layout", JOHN_DOE_LAYOUTS)
def test_john_doe_projects_are_projects_and_the_headline_is_his_title(
    john_doe: dict[str, Resume], layout: str
) -> None:
    # As a reader takes them in: a project's name, the role on it, then its bullets; the
    # line under the name is the candidate's title. Nothing is left as a loose line.
    resume = john_doe[layout]
    assert resume.headline == "Senior Software Engineer"
    assert [(p.employer, p.title, p.start, p.end) for p in resume.projects] == [
        ("DevFlow", "Creator & Maintainer", "", ""),
        ("Real-time Transit Prediction App", "Creator", "", "2022"),
    ]
    assert [len(p.bullets) for p in resume.projects] == [1, 1]
    assert resume.projects[1].bullets[0] == (
        "Built real-time transit prediction application using BART API and ML forecasting, "
        "SFHacks 2022 Winner, showcasing full-stack backend and data optimization capabilities"
    )
    assert resume.other_lines == [] and resume.unplaced == []
    # A project's bullets are lines of work, as a job's are: skills and stories read them.
    lines = {line_id: kind for line_id, _, kind in resume.lines()}
    assert lines["j0.b0"] == lines["j1.b0"] == "bullet"
    assert lines["j0"] == lines["headline"] == "other"


def test_a_projects_section_is_read_project_by_project() -> None:
    resume = parse_resume(
        "# Dana Kim\n\nBACKEND ENGINEER\n\ndana@example.com\n\n"
        "## Experience\n\n### Software Engineer\n\n**Acme** | 2021 – Present\n\n"
        "- Built the billing service\n\n"
        "## Projects\n\n### DevFlow\n\nCreator & Maintainer | 2022 – Present\n\n"
        "- Open-source CLI for pull-request workflows, 2.5K GitHub stars\n"
        "- Wrote the plugin system that twelve outside contributors have extended\n\n"
        "Shelfie: a grocery price tracker for my campus co-op, 400 weekly users\n\n"
        "- Built a bus-arrival SMS bot in 24 hours at HackRiver 2024\n",
        "markdown",
    )
    assert resume.headline == "Backend Engineer"
    assert [(p.employer, p.title, p.start, p.end) for p in resume.projects] == [
        ("DevFlow", "Creator & Maintainer", "2022", "Present"),
        ("Shelfie", "", "", ""),  # a project on one line, its name before a colon
        ("", "", "", ""),  # a bullet under no project's name is a project of its own
    ]
    assert [len(p.bullets) for p in resume.projects] == [2, 1, 1]
    assert resume.projects[1].bullets == [
        "Shelfie: a grocery price tracker for my campus co-op, 400 weekly users"
    ]
    assert resume.other_lines == [] and len(resume.positions) == 1


@needs_fixtures
def test_two_column_reading_order_puts_name_first_and_sidebar_last() -> None:
    text, fmt, pages = read_text(FIXTURES / "resume_swe_john-doe_modern-two-column.pdf")
    lines = text.splitlines()
    assert (fmt, pages) == ("pdf", 1)
    assert lines[0] == "John Doe"
    order = [lines.index(h) for h in ("SUMMARY", "EXPERIENCE", "PROJECTS", "EDUCATION", "SKILLS")]
    assert order == sorted(order)
    assert "Go | Python | Node.js | TypeScript" in lines  # chips on one row stay apart


LEFT_SIDEBAR_HTML = """<html><body style="font-family: sans-serif; font-size: 10pt; margin: 0">
<div style="display: flex">
<div style="width: 30%; background: #eee; padding: 10px">
<h2>Contact</h2><p>maria@example.com<br>+1 212 555 0199<br>New York, NY</p>
<h2>Skills</h2><p>Python</p><p>SQL</p><p>Tableau</p><p>Stakeholder Management</p>
<h2>Education</h2><p>Columbia University | 2016</p><p>B.A. Economics</p>
</div>
<div style="width: 70%; padding: 10px">
<h1 style="font-size: 24pt">Maria Garcia</h1>
<h2>Summary</h2><p>Analytics lead with eight years of experience turning messy product data
into decisions that executives act on, across fintech and retail marketplaces.</p>
<h2>Experience</h2>
<p><b>Analytics Lead</b> | Ramp | Jan 2021 - Present</p>
<ul><li>Built the company metrics layer in dbt and SQL, used by 300 employees every week to run
the business and plan quarterly targets</li>
<li>Ran 45 pricing experiments and reported results to the leadership team</li></ul>
<p><b>Data Analyst</b> | Etsy | Jun 2016 - Dec 2020</p>
<ul><li>Automated seller dashboards in Tableau, saving 20 analyst hours a week</li>
<li>Partnered with product managers on search ranking experiments for buyers</li></ul>
</div></div></body></html>"""


def test_left_sidebar_pdf_reads_main_column_first(tmp_path: Path) -> None:
    try:
        import weasyprint
    except (ImportError, OSError):  # OSError: the Pango system library is missing
        pytest.skip("WeasyPrint is not usable here")
    path = tmp_path / "left.pdf"
    weasyprint.HTML(string=LEFT_SIDEBAR_HTML).write_pdf(path)
    lines = read_text(path)[0].splitlines()
    assert lines[:2] == ["Maria Garcia", "Summary"]
    assert lines.index("Experience") < lines.index("Contact") < lines.index("Skills")
    resume = read_resume(path)
    assert [(p.title, p.employer, p.start, p.end, len(p.bullets)) for p in resume.positions] == [
        ("Analytics Lead", "Ramp", "Jan 2021", "Present", 2),
        ("Data Analyst", "Etsy", "Jun 2016", "Dec 2020", 2),
    ]
    assert resume.positions[0].bullets[0].endswith("run the business and plan quarterly targets")
    assert resume.skills == ["Python", "SQL", "Tableau", "Stakeholder Management"]
    assert resume.contact.email == "maria@example.com"
    assert resume.contact.location == "New York, NY"
    assert resume.education[0].institution == "Columbia University"
    assert resume.education[0].end == "2016"


LETTER_SPACED_HTML = """<html><head><style>
@page { size: Letter; margin: 0.7in; }
body { font-family: sans-serif; font-size: 10.5pt; }
.spaced { letter-spacing: 1.2pt; text-transform: uppercase; }
h1 { font-size: 22pt; } h2 { font-size: 12pt; }
</style></head><body>
<h1 class="spaced">Priya Nair</h1>
<p>priya@example.com | Austin, TX</p>
<h2 class="spaced">Summary</h2>
<p>Product manager with eight years of experience leading data products for marketplaces.</p>
<h2 class="spaced">Work Experience</h2>
<p><b>Senior Product Manager</b> | Stripe | Jan 2020 - Present</p>
<ul><li>Owned the roadmap for payments and and more words here to fill up the Led a 12-person
team that rebuilt the checkout flow and raised conversion by four percent across markets</li></ul>
<p><b>Product Manager</b> | Etsy | Jun 2016 - Dec 2019</p>
<ul><li>Ran search ranking experiments with J. R. R. Tolkien fans and A B testing</li></ul>
<h2 class="spaced">Education</h2>
<p>University of Texas at Austin</p>
<p>B.S. Computer Science</p>
<p>Aug 2012 - May 2016</p>
<h2 class="spaced">Skills</h2>
<p>AWS (EC2, EKS, RDS, SQS, Lambda)</p>
</body></html>"""


def test_letter_spaced_headings_and_name_in_pdf(tmp_path: Path) -> None:
    try:
        import weasyprint
    except (ImportError, OSError):  # OSError: the Pango system library is missing
        pytest.skip("WeasyPrint is not usable here")
    path = tmp_path / "spaced.pdf"
    weasyprint.HTML(string=LETTER_SPACED_HTML).write_pdf(path)
    lines = read_text(path)[0].splitlines()
    assert lines[0] == "PRIYA NAIR"
    assert {"SUMMARY", "WORK EXPERIENCE", "EDUCATION", "SKILLS"} <= set(lines)
    resume = read_resume(path)
    assert resume.name == "Priya Nair"
    assert resume.summary.startswith("Product manager with eight years")
    assert [(p.title, p.employer, p.start, p.end) for p in resume.positions] == [
        ("Senior Product Manager", "Stripe", "Jan 2020", "Present"),
        ("Product Manager", "Etsy", "Jun 2016", "Dec 2019"),
    ]
    assert "12-person team that rebuilt" in resume.positions[0].bullets[0]  # no "12- person"
    assert "J. R. R. Tolkien fans and A B testing" in resume.positions[1].bullets[0]
    assert [(e.institution, e.degree, e.start, e.end) for e in resume.education] == [
        ("University of Texas at Austin", "B.S. Computer Science", "Aug 2012", "May 2016")
    ]
    assert resume.skills == ["AWS (EC2, EKS, RDS, SQS, Lambda)"]


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("S U M M A RY", "summary"),
        ("E X P E R I E N C E", "experience"),
        ("W O R K E X P E R I E N C E", "experience"),
        ("S K I L L S", "skills"),
        ("A B TESTING", None),  # real words, not a letter-spaced heading
        ("J R R TOLKIEN", None),
    ],
)
def test_letter_spaced_headings_in_text(heading: str, kind: str | None) -> None:
    assert resume_parser._heading_kind(heading) == kind
    resume = parse_resume(f"Jane Doe\n{heading}\nEngineer | Acme | 2020 - 2021\n- Built it\n")
    if kind == "experience":
        assert [(p.title, p.employer) for p in resume.positions] == [("Engineer", "Acme")]


@needs_fixtures
def test_pdf_locked_only_against_editing_still_reads(tmp_path: Path) -> None:
    source = FIXTURES / "resume_swe_john-doe_single-column.pdf"
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password="", owner_password="owner-only", algorithm="AES-256")
    path = tmp_path / "owner-locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    resume = read_resume(path)
    assert resume.name == "John Doe"
    assert len(resume.positions) == 3


@pytest.mark.parametrize(
    ("line", "next_line", "joined"),
    [
        ("the pro-", "cessing pipeline", "the processing pipeline"),  # a split word
        ("built open-", "source tools", "built open-source tools"),  # a compound
        ("community-", "driven work", "community-driven work"),
        ("data\u00ad", "base", "database"),  # soft hyphen: always a split word
        ("event-", "driven design", "event-driven design"),
        ("led the", "team", "led the team"),
        ("led a 12-", "person team", "led a 12-person team"),  # a number before the hyphen
        ("a pause-", "instead-of-cancel flow", "a pause-instead-of-cancel flow"),  # a chain
        ("by right-", "sizing clusters", "by right-sizing clusters"),
    ],
)
def test_pdf_line_break_hyphens(line: str, next_line: str, joined: str) -> None:
    vocabulary = pdf_text._vocabulary(["we were processing data", "an event-driven system"])
    assert pdf_text._join_text(line, next_line, vocabulary) == joined


@needs_fixtures
def test_ebony_moore_pdf_and_docx_give_the_same_resume() -> None:
    from_pdf = read_resume(FIXTURES / f"{EBONY}.pdf")
    from_docx = read_resume(FIXTURES / f"{EBONY}.docx")
    assert (from_pdf.source_format, from_docx.source_format) == ("pdf", "docx")
    assert from_pdf.pages == from_docx.pages == 2
    assert from_pdf.name == from_docx.name == "Ebony Moore"
    revolve = ("The Revolve Company", "Tacoma, WA", "July 2014", "February 2018")
    assert _position_keys(from_docx) == [
        ("Desktop Support Manager", "Meyer Tech Inc.", "Spokane, WA", "March 2018", "Current"),
        ("Desktop Support Technician", *revolve),
        ("IT Technician", "Windrow School District", "Tacoma, WA", "April 2011", "July 2014"),
    ]
    assert _position_keys(from_pdf) == _position_keys(from_docx)
    assert _bullets(from_pdf) == _bullets(from_docx)
    assert [len(b) for b in _bullets(from_docx)] == [5, 3, 3]
    assert from_pdf.positions[0].bullets[0] == (
        "Use coding and programming skills to rewrite software codes to better meet "
        "the needs of tech projects"
    )
    assert (
        from_pdf.skills
        == from_docx.skills
        == [
            "Communication",
            "Hardware setup",
            "Software installation",
            "Customer service",
            "Instruction",
        ]
    )
    assert from_pdf.contact == from_docx.contact
    assert from_docx.contact.phone == "873-555-0156"
    assert from_docx.contact.location == "Little Rock, AR"
    assert [(e.institution, e.degree) for e in from_docx.education] == [
        ("Waldorf College", "M.S. in Information Systems"),
        ("Haverford University", "B.S. in Computer Science"),
    ]
    assert from_pdf.summary == from_docx.summary
    assert len(from_docx.other_lines) == 3  # the certifications


@needs_fixtures
def test_docx_word_list_paragraphs_become_bullets() -> None:
    text, _, _ = read_text(FIXTURES / f"{EBONY}.docx")
    assert "• Communication" in text.splitlines()
    assert "• Use coding and programming skills" in text


@needs_fixtures
def test_reading_is_deterministic() -> None:
    path = FIXTURES / "resume_swe_john-doe_two-column-sidebar.pdf"
    assert read_resume(path) == read_resume(path)


# --- cleaning ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("Ofﬁce workﬂow efﬁcient ﬀ ﬃ ﬄ", "Office workflow efficient ff ffi ffl"),
        ("opti\u00admized data\u00adbase", "optimized database"),
        ("Jan 2020 \u2013 Present", "Jan 2020 - Present"),
        (
            "2019 \u2014 2021 \u2212 x \u2010 y \u2011 z \u2012 \u2015",
            "2019 - 2021 - x - y - z - -",
        ),
        ("\uf0b7 Led the migration", "• Led the migration"),
        ("\uf0e0 jane@example.com \uf095 555 123 4567", "jane@example.com 555 123 4567"),
        ("● Shipped   the\tfeature", "• Shipped the | feature"),
        ("- Built it", "• Built it"),
        ("* Built it", "• Built it"),
        ("– Built it", "• Built it"),
        ("-5% churn", "-5% churn"),
        ("(cid:129) Designed the API", "• Designed the API"),
        ("Zero\u200bwidth\x07 bell", "Zerowidth bell"),
        ("\uff2a\uff41\uff4e\uff45", "Jane"),  # full-width letters (NFKC)
        ("“Quoted” and ‘single’", "\"Quoted\" and 'single'"),
        ("•", ""),
    ],
)
def test_clean_line(raw: str, cleaned: str) -> None:
    assert clean_line(raw) == cleaned


def test_clean_text_keeps_one_blank_line_between_blocks() -> None:
    assert clean_text("A\r\n\r\n\r\n\x0cB\n\n") == "A\n\nB"


def test_markdown_to_text() -> None:
    md = "# Jane Doe\n[GitHub](https://github.com/jd) | **Berlin, Germany**\n---\n"
    md += "## Skills\n- `SQL`\n"
    assert clean_text(markdown_to_text(md)).splitlines() == [
        "Jane Doe",
        "GitHub (https://github.com/jd) | Berlin, Germany",
        "Skills",
        "• SQL",
    ]


# --- resume parsing variants ---------------------------------------------------

MESSY_RESUME = """
JANE Q. SMITH
Staff Data Scientist
jane.smith@example.org · (555) 123-4567 · Berlin, Germany · https://github.com/janeqs

PROFILE
Data scientist with 9 years of experience building experimentation platforms and
forecasting systems for marketplaces.

WORK EXPERIENCE
Acme Analytics GmbH — Staff Data Scientist                      03/2020 – 06/2024
- Built the company-wide experimentation platform used by 40 teams, cutting time to
  decision from 3 weeks to 4 days
- Led a team of 4 data scientists; hired 3 of them

Senior Data Scientist, Zalando SE, Berlin | 2017 - 2020
• Owned pricing experiments across 12 markets; revenue +4%
• Ran the weekly analytics review with
  Product leadership

Globex Corp
Data Analyst
Jan 2015 to Dec 2016
 ▪ Automated reporting in SQL and Tableau

EDUCATION
M.Sc. Statistics, Humboldt University of Berlin, 2014

TECHNICAL SKILLS
Languages: Python, R, SQL (Postgres, BigQuery)
Tools: Airflow, dbt, Tableau

Certifications
AWS Certified Machine Learning – Specialty (2021)
"""


def test_parse_resume_handles_common_heading_and_date_variants() -> None:
    resume = parse_resume(MESSY_RESUME)
    assert resume.name == "Jane Q. Smith"
    assert resume.contact.email == "jane.smith@example.org"
    assert resume.contact.phone == "(555) 123-4567"
    assert resume.contact.location == "Berlin, Germany"
    assert resume.contact.links == ["https://github.com/janeqs"]
    assert resume.summary.startswith("Data scientist with 9 years")
    assert [(p.title, p.employer, p.location, p.start, p.end) for p in resume.positions] == [
        ("Staff Data Scientist", "Acme Analytics GmbH", "", "03/2020", "06/2024"),
        ("Senior Data Scientist", "Zalando SE", "Berlin", "2017", "2020"),
        ("Data Analyst", "Globex Corp", "", "Jan 2015", "Dec 2016"),
    ]
    assert resume.positions[0].bullets[0].endswith("time to decision from 3 weeks to 4 days")
    assert resume.positions[1].bullets[1] == (
        "Ran the weekly analytics review with Product leadership"
    )
    assert resume.positions[2].bullets == ["Automated reporting in SQL and Tableau"]
    assert resume.education[0].institution == "Humboldt University of Berlin"
    assert resume.education[0].degree == "M.Sc. Statistics"
    assert resume.skills == ["Python", "R", "SQL (Postgres, BigQuery)", "Airflow", "dbt", "Tableau"]
    assert "AWS Certified Machine Learning - Specialty (2021)" in resume.other_lines


def test_roles_under_one_employer_inherit_it() -> None:
    text = (
        "Sam Lee\nsam@example.com\nExperience\nInitech\n"
        "Senior Engineer | 2021 - Present\n• Led the billing rewrite\n"
        "Engineer | 2018 - 2021\n• Built the invoicing API\n"
    )
    resume = parse_resume(text)
    assert [(p.title, p.employer) for p in resume.positions] == [
        ("Senior Engineer", "Initech"),
        ("Engineer", "Initech"),
    ]


def test_resume_without_headings_still_finds_roles_and_summary() -> None:
    resume = parse_resume(
        "Priya Raman\npriya@example.com | 555-201-3344 | Austin, TX\n"
        "Backend engineer who likes boring, reliable systems and clear runbooks for every team.\n"
        "Senior Backend Engineer | Dropbox | 2020 - Present\n"
        "- Cut storage costs 30% by tiering cold data\n"
        "Backend Engineer | Indeed | 2017 - 2020\n- Built the job ingestion service\n"
    )
    assert resume.summary.startswith("Backend engineer who likes boring")
    assert [(p.title, p.employer, p.start, p.end) for p in resume.positions] == [
        ("Senior Backend Engineer", "Dropbox", "2020", "Present"),
        ("Backend Engineer", "Indeed", "2017", "2020"),
    ]
    assert resume.contact.location == "Austin, TX"
    assert resume.other_lines == []


@pytest.mark.parametrize(
    ("header", "name"),
    [
        ("RESUME\nJane Doe, PhD\njane@example.com", "Jane Doe"),
        ("Senior Software Engineer\nJANE DOE\njane@example.com", "Jane Doe"),
        ("Jane Doe | Berlin, Germany\njane@example.com", "Jane Doe"),
        ("jane@example.com | +1 555 010 0199\nJane Doe", "Jane Doe"),
        ("\uf007 Jane Doe\n\uf0e0 jane@example.com", "Jane Doe"),
    ],
)
def test_name_variants(header: str, name: str) -> None:
    resume = parse_resume(header + "\nExperience\nEngineer | Acme | 2020 - 2021\n- Built it\n")
    assert resume.name == name
    assert resume.contact.email == "jane@example.com"


def test_dates_first_roles_durations_and_years_inside_sentences() -> None:
    resume = parse_resume(
        "Kim Park\nkim@example.com\nExperience\n"
        "Jan 2020 - Present\nProduct Designer\nCanva\n- Redesigned onboarding\n"
        "Mar 2017 - Dec 2019 (2 yrs 10 mos)\nDesigner | Atlassian\n"
        "- Designed boards that 2000 teams used; split 50/50 between web and mobile\n"
        "Intern, Adobe (2016)\n"
        "Ran a community of 2000 designers and hosted monthly critiques for the studio\n"
    )
    assert [(p.title, p.employer, p.start, p.end, len(p.bullets)) for p in resume.positions] == [
        ("Product Designer", "Canva", "Jan 2020", "Present", 1),
        ("Designer", "Atlassian", "Mar 2017", "Dec 2019", 1),
        ("Intern", "Adobe", "2016", "2016", 1),
    ]


def test_education_variants() -> None:
    resume = parse_resume(
        "Kim Park\nEducation\nStanford University\nB.S. Computer Science\n2015 - 2019\n"
        "- Dean's list\nGPA 3.9\n"
        "Bachelor of Arts in History, Yale University, New Haven, CT, 2012\n"
    )
    assert [(e.institution, e.degree, e.start, e.end, e.details) for e in resume.education] == [
        (
            "Stanford University",
            "B.S. Computer Science",
            "2015",
            "2019",
            ["Dean's list", "GPA 3.9"],
        ),
        ("Yale University", "Bachelor of Arts in History", "", "2012", []),
    ]


def test_degree_headings_without_dots_certificates_and_associate_degrees() -> None:
    """Markdown headings seen in resumes written outside the team: each is a degree, with
    the school on the line below, not a school with the next degree as its detail."""
    resume = parse_resume(
        "# Dana Wills\ndana@example.com\n\n## Experience\n"
        "### Data Analyst, Rivet Co, Jan 2021 – Present\n- Built dashboards\n\n"
        "## Education\n### MA Geography\nUniversity of Toronto, 2018 – 2019\n\n"
        "### BA Economics and Sociology\nUniversity of Leeds, 2014 – 2017\n\n"
        "### Certificate, Full-Stack Web Development\nNorthcoast Bootcamp, 2020\n\n"
        "### A.A.S. Information Technology\nValley Community College, 2012\n\n"
        "### BA (Hons) Graphic Communication\nUniversity of Wexcombe, 2012 – 2015\n\n"
        "### BS Computer Science\nUniversidade do Vale Alto, 2008 – 2012\n"
    )
    assert [(e.institution, e.degree, e.end, e.details) for e in resume.education] == [
        ("University of Toronto", "MA Geography", "2019", []),
        ("University of Leeds", "BA Economics and Sociology", "2017", []),
        ("Northcoast Bootcamp", "Certificate, Full-Stack Web Development", "2020", []),
        ("Valley Community College", "A.A.S. Information Technology", "2012", []),
        ("University of Wexcombe", "BA (Hons) Graphic Communication", "2015", []),
        ("Universidade do Vale Alto", "BS Computer Science", "2012", []),
    ]
    # Capitals only: "as" and "ma" inside a school's detail are not degrees.
    details = parse_resume("Kim Park\nEducation\nStanford University\nServed as ma tutor\n")
    assert [(e.institution, e.degree) for e in details.education] == [("Stanford University", "")]


def test_education_dates_on_their_own_line_attach_to_the_entry() -> None:
    resume = parse_resume(
        "Kim Park\nEducation\n"
        "Stanford University | B.S. Computer Science\nGraduated May 2019\n"
        "MIT\nPalo Alto, CA | Aug 2013 - May 2015\n- GPA 3.9, Dean's list 2014\n"
        "Boston College\nM.A. History\nExpected May 2026\nThesis on maps, 2025\n"
    )
    assert [(e.institution, e.degree, e.start, e.end, e.details) for e in resume.education] == [
        ("Stanford University", "B.S. Computer Science", "", "May 2019", []),
        ("MIT", "", "Aug 2013", "May 2015", ["GPA 3.9, Dean's list 2014"]),
        ("Boston College", "M.A. History", "", "May 2026", ["Thesis on maps, 2025"]),
    ]


def test_at_inside_a_school_name_is_not_an_employer_split() -> None:
    resume = parse_resume(
        "Kim Park\nExperience\n"
        "Research Assistant at University of Texas at Austin | 2019 - 2020\n- Ran studies\n"
        "Engineer at Google | 2020 - 2022\n- Built search\n"
        "Education\nUniversity of Texas at Austin\nB.S. Computer Science\n2014 - 2018\n"
    )
    assert [(p.title, p.employer) for p in resume.positions] == [
        ("Research Assistant", "University of Texas at Austin"),
        ("Engineer", "Google"),
    ]
    assert [(e.institution, e.degree, e.end) for e in resume.education] == [
        ("University of Texas at Austin", "B.S. Computer Science", "2018")
    ]


def test_skills_with_parenthesised_lists_stay_skills() -> None:
    resume = parse_resume(
        "Kim Park\nSkills\nAWS (EC2, EKS, RDS, SQS, Lambda)\n"
        "Cloud: GCP (BigQuery, Dataflow, Pub/Sub, Cloud Run), Terraform\n"
        "I enjoy leading cross functional teams and mentoring people\n"
    )
    assert resume.skills == [
        "AWS (EC2, EKS, RDS, SQS, Lambda)",
        "GCP (BigQuery, Dataflow, Pub/Sub, Cloud Run)",
        "Terraform",
    ]
    assert resume.other_lines == ["I enjoy leading cross functional teams and mentoring people"]


def test_lines_have_stable_ids() -> None:
    resume = parse_resume(MESSY_RESUME)
    lines = resume.lines()
    ids = [line_id for line_id, _, _ in lines]
    assert len(ids) == len(set(ids))
    assert ("summary", resume.summary, "summary") in lines
    assert ("p0.b1", "Led a team of 4 data scientists; hired 3 of them", "bullet") in lines
    assert ("s0", "Python", "skills") in lines
    assert any(line_id.startswith("other") and kind == "other" for line_id, _, kind in lines)
    assert parse_resume(MESSY_RESUME).lines() == lines


def test_years_of_experience_merges_overlaps_and_uses_given_today() -> None:
    def resume(*spans: tuple[str, str]) -> Resume:
        positions = [Position(title="t", employer="e", start=s, end=e) for s, e in spans]
        return Resume(
            name="x",
            contact={},
            positions=positions,
            education=[],
            skills=[],
            source_format="text",
        )

    today = datetime.date(2025, 6, 15)
    assert resume(("Jan 2020", "Dec 2020")).years_of_experience(today) == 1.0
    # Overlapping roles count once: Jan 2020 - Jun 2025 is 66 months.
    overlapping = resume(("Jan 2020", "Present"), ("Jun 2021", "Dec 2022"))
    assert overlapping.years_of_experience(today) == 5.5
    assert resume(("03/2018", "06/2020")).years_of_experience(today) == round(28 / 12, 2)
    assert resume(("2019", "2021")).years_of_experience(today) == 2.0
    assert resume(("Jan 2024", "Current")).years_of_experience(datetime.date(2024, 12, 1)) == 1.0
    assert resume(("sometime", "later")).years_of_experience(today) == 0.0


@needs_fixtures
def test_john_doe_years_of_experience(john_doe: dict[str, Resume]) -> None:
    # Jul 2019 - Jun 2025 without gaps: 72 months.
    for resume in john_doe.values():
        assert resume.years_of_experience(datetime.date(2025, 6, 30)) == 6.0


def test_docx_with_list_styles_table_rows_tabs_and_links(tmp_path: Path) -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "alex@example.com | +44 20 7946 0958"
    document.add_heading("Alex Example", 0)
    contact = document.add_paragraph("London, UK | ")
    _add_hyperlink(document, contact, "LinkedIn", "https://www.linkedin.com/in/alex-example")
    document.add_heading("Experience", 1)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Product Manager, Initech"
    table.rows[0].cells[1].text = "Feb 2019 – Present"
    document.add_paragraph(
        "Shipped the billing revamp used by 2,000 customers", style="List Bullet"
    )
    document.add_paragraph("Ran 30 A/B tests with the growth team", style="List Bullet")
    role = document.add_paragraph("Analyst, Hooli")
    role.add_run().add_tab()
    role.add_run("2016 – 2019")
    document.add_paragraph("Built the churn model in SQL and Python", style="List Number")
    document.add_heading("Skills", 1)
    document.add_paragraph("SQL, Python, Amplitude")
    path = tmp_path / "alex.docx"
    document.save(path)

    resume = parse_resume(read_text(path)[0], source_format="docx")
    assert resume.name == "Alex Example"
    assert resume.contact.email == "alex@example.com"
    assert resume.contact.phone == "+44 20 7946 0958"
    assert resume.contact.location == "London, UK"
    assert resume.contact.links == ["https://www.linkedin.com/in/alex-example"]
    assert [(p.title, p.employer, p.start, p.end, len(p.bullets)) for p in resume.positions] == [
        ("Product Manager", "Initech", "Feb 2019", "Present", 2),
        ("Analyst", "Hooli", "2016", "2019", 1),
    ]
    assert resume.skills == ["SQL", "Python", "Amplitude"]


def _add_hyperlink(document: docx.Document, paragraph: object, text: str, url: str) -> None:
    rel_type = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
    rel_id = document.part.relate_to(url, rel_type, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)  # type: ignore[attr-defined]


def test_markdown_and_text_resumes_read(tmp_path: Path) -> None:
    md = tmp_path / "cv.md"
    md.write_text(
        "# Jane Smith\njane@example.com\n\n## Experience\n"
        "### Senior Engineer | Acme | 2019 - Present\n"
        "- **Cut** deploy time from 2 hours to 10 minutes by rebuilding the CI pipeline\n"
        "- Led the on-call rotation for the payments platform across four time zones\n\n"
        "## Skills\nPython, Go, Kubernetes, PostgreSQL, Terraform, AWS, GitHub Actions\n",
        encoding="utf-8",
    )
    resume = read_resume(md)
    assert resume.source_format == "markdown"
    assert [(p.title, p.employer, p.start, p.end) for p in resume.positions] == [
        ("Senior Engineer", "Acme", "2019", "Present")
    ]
    assert resume.positions[0].bullets[0].startswith("Cut deploy time")
    latin1 = tmp_path / "cv.txt"
    latin1.write_bytes(md.read_text(encoding="utf-8").replace("Jane", "Zoë").encode("cp1252"))
    assert read_resume(latin1).name == "Zoë Smith"


# --- job descriptions ----------------------------------------------------------


@needs_fixtures
def test_real_job_description() -> None:
    jd = read_job_description(FIXTURES / "jd_senior-pm_b2b-saas-analytics.txt", VOCABULARY)
    assert jd.title == "Senior Product Manager"
    assert jd.seniority == "senior"
    assert jd.years_required == 4
    assert {"SQL", "A/B testing", "Mixpanel"} <= set(jd.required_skills)
    assert "Go" not in jd.required_skills  # "go-to-market" is not the Go language
    assert jd.required_lines[0] == "4+ years of product management experience in a SaaS environment"
    assert "experience with A/B testing and experimentation frameworks" in jd.required_lines
    assert len(jd.required_lines) == 5
    assert jd.preferred_lines == [
        "Technical background appreciated but not required - you will not write code"
    ]
    assert len(jd.responsibility_lines) == 4
    assert jd.responsibility_lines[2] == (
        "facilitate sprint planning and align stakeholders on quarterly OKRs"
    )
    assert jd.text.startswith("We are looking for a Senior Product Manager")


@needs_fixtures
def test_real_job_description_without_vocabulary_uses_listed_tools() -> None:
    jd = read_job_description(FIXTURES / "jd_senior-pm_b2b-saas-analytics.txt")
    assert jd.required_skills == ["Amplitude", "Mixpanel", "Looker"]


def test_job_description_with_headings_and_bullets() -> None:
    jd = parse_job_description(
        "Staff Software Engineer, Platform\n"
        "Company: Initech\n\n"
        "What you'll do\n"
        "• Design the event pipeline\n"
        "• Mentor engineers across\n  three teams\n\n"
        "Minimum qualifications:\n"
        "- 3-5 years of experience with Golang or Python\n"
        "- Strong SQL (we use BigQuery)\n\n"
        "Nice to have\n"
        "- Experience running split tests\n"
        "- Postgres internals\n",
        VOCABULARY,
    )
    assert jd.title == "Staff Software Engineer"
    assert jd.company == "Initech"
    assert jd.seniority == "staff"
    assert jd.years_required == 3
    assert jd.responsibility_lines == [
        "Design the event pipeline",
        "Mentor engineers across three teams",
    ]
    assert jd.required_lines == [
        "3-5 years of experience with Golang or Python",
        "Strong SQL (we use BigQuery)",
    ]
    assert jd.required_skills == ["Go", "Python", "SQL"]
    assert jd.preferred_skills == ["A/B testing"]


def test_job_description_in_raw_markdown() -> None:
    jd = parse_job_description(
        "# Lead Data Engineer – Payments\n**Company:** Globex\n\n"
        "## What you’ll do\n* Design pipelines in Airflow\n\n"
        "## What we're looking for\n* Minimum of five years of experience in data engineering\n"
        "* Expert SQL; experience with BigQuery or Snowflake\n\n"
        "## Bonus points\n* Experience with Kafka\n\n## Benefits\n* 5 years of vesting\n",
        {"SQL": ["bigquery"], "Kafka": [], "Airflow": []},
    )
    assert (jd.title, jd.company, jd.seniority, jd.years_required) == (
        "Lead Data Engineer",
        "Globex",
        "lead",
        5,
    )
    assert jd.responsibility_lines == ["Design pipelines in Airflow"]
    assert jd.required_skills == ["SQL"]
    assert jd.preferred_skills == ["Kafka"]


@pytest.mark.parametrize(
    ("first_line", "title", "company"),
    [
        ("Senior PM, Personalization at Netflix", "Senior PM, Personalization", "Netflix"),
        ("Senior PM, Personalization @ Netflix", "Senior PM, Personalization", "Netflix"),
        ("Senior PM, Personalization | Netflix", "Senior PM, Personalization", "Netflix"),
        ("Netflix | Senior PM, Personalization", "Senior PM, Personalization", "Netflix"),
        ("Title: Senior PM, Personalization at Netflix", "Senior PM, Personalization", "Netflix"),
        ("Senior Engineer - Payments at Stripe", "Senior Engineer", "Stripe"),
        ("Staff Engineer, Platform", "Staff Engineer", ""),
    ],
)
def test_job_title_line_with_comma_and_company(first_line: str, title: str, company: str) -> None:
    jd = parse_job_description(
        f"{first_line}\nWe want a product manager to lead personalization on the home page.\n"
        "Requirements\n- 5+ years of experience\n"
    )
    assert (jd.title, jd.company) == (title, company)


@pytest.mark.parametrize(
    ("title", "level"),
    [
        ("Sr. Data Engineer", "senior"),
        ("Principal Engineer", "principal"),
        ("Engineering Manager, Payments", "manager"),
        ("Senior Product Manager", "senior"),
        ("Director of Engineering", "director"),
        ("Software Engineering Intern", "intern"),
        ("Junior Developer", "junior"),
        ("Entry-level Analyst", "junior"),
        ("Tech Lead, Search", "lead"),
        ("Backend Engineer", "senior"),  # no level word: "at least 5 years" reads as senior
    ],
)
def test_seniority(title: str, level: str) -> None:
    jd = parse_job_description(f"{title}\n\nRequirements\n- at least 5 years of Python\n")
    assert jd.seniority == level
    assert jd.years_required == 5


# --- bad input -----------------------------------------------------------------


def _pdf_bytes(pages: int, password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _expect_error(path: Path, message: str) -> str:
    with pytest.raises(IngestError) as info:
        read_resume(path)
    text = str(info.value)
    assert "\n" not in text
    assert text == f"{path.name}: {message}"
    return text


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "resume.xyz"
    path.write_text("hello")
    _expect_error(path, "unsupported file type .xyz: use PDF, DOCX, Markdown or plain text")


def test_missing_file(tmp_path: Path) -> None:
    _expect_error(tmp_path / "nope.pdf", "file not found")


def test_file_over_10_mb_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(11 * 1024 * 1024)  # sparse: size without content
    _expect_error(path, "file is too large (11.0 MB): the limit is 10 MB")


def test_pdf_with_more_than_max_pages(tmp_path: Path) -> None:
    path = tmp_path / "long.pdf"
    path.write_bytes(_pdf_bytes(MAX_PAGES + 1))
    _expect_error(path, "too many pages (21): the limit is 20")


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(_pdf_bytes(1, password="secret"))
    _expect_error(path, "the PDF is encrypted: remove the password and upload it again")


def test_corrupt_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"this is not a pdf at all \x00\xff" * 20)
    _expect_error(path, "not a valid PDF file")


def test_truncated_pdf(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n" + b"\x00" * 50
    )
    _expect_error(path, "could not read the PDF: the file is damaged")


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(_pdf_bytes(1))
    _expect_error(path, "no text found: scanned PDFs are not supported")


def test_docx_that_is_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "resume.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0 an old binary .doc renamed")
    _expect_error(
        path, "not a valid DOCX file (not a zip archive); an old .doc must be saved as .docx"
    )


def test_docx_without_document_xml(tmp_path: Path) -> None:
    path = tmp_path / "resume.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    _expect_error(path, "not a valid DOCX file: word/document.xml is missing")


def test_docx_zip_bomb_by_unpacked_size(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (60 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    _expect_error(path, "the DOCX is too large when unpacked (60 MB): the limit is 50 MB")


def test_docx_zip_bomb_by_compression_ratio(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"<w:t>" + b"a" * (20 * 1024 * 1024))
    with pytest.raises(IngestError, match=r"^bomb\.docx: the DOCX looks like a zip bomb"):
        read_resume(path)


def test_docx_too_many_pages(tmp_path: Path) -> None:
    path = tmp_path / "long.docx"
    docx.Document().save(path)
    with zipfile.ZipFile(path) as src:
        parts = {name: src.read(name) for name in src.namelist()}
    parts["docProps/app.xml"] = b"<Properties><Pages>35</Pages></Properties>"
    with zipfile.ZipFile(path, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    _expect_error(path, "too many pages (35): the limit is 20")


def test_damaged_docx(tmp_path: Path) -> None:
    path = tmp_path / "resume.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<not-closed")
    _expect_error(path, "could not read the DOCX file: it is damaged")


def test_docx_with_corrupted_compressed_member(tmp_path: Path) -> None:
    path = tmp_path / "resume.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document>" + "text " * 5000 + "</w:document>")
        archive.writestr("docProps/app.xml", "<Properties><Pages>1</Pages></Properties>" * 50)
    data = bytearray(path.read_bytes())
    app = data.index(b"docProps/app.xml") + len("docProps/app.xml")
    data[app + 5 : app + 25] = b"\xff" * 20  # garble the deflate stream
    path.write_bytes(bytes(data))
    _expect_error(path, "could not read the DOCX file: it is damaged")


def test_empty_text_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    _expect_error(path, "the file is empty")


def test_text_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "resume.txt"
    path.write_bytes(b"Name \x81\x8d\x8f\x90\x9d" * 10)
    _expect_error(path, "the text is not UTF-8: save the file as UTF-8 and upload it again")


def test_binary_file_with_text_suffix(tmp_path: Path) -> None:
    path = tmp_path / "resume.md"
    path.write_bytes(b"\x00\x01\x02 binary")
    _expect_error(path, "this is not a text file: it holds binary data")


def test_whitespace_only_file(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\t\n")
    _expect_error(path, "no text found in the file")


def test_resume_too_thin_to_analyse(tmp_path: Path) -> None:
    path = tmp_path / "short.txt"
    path.write_text("Jane Doe\njane@example.com\nSkills\nPython, SQL and a lot of enthusiasm\n")
    with pytest.raises(IngestError) as info:
        read_resume(path)
    assert str(info.value) == (
        "short.txt: too little of the resume could be read to analyse it: only 11 words of text"
    )


def test_resume_without_positions_or_bullets_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "essay.txt"
    path.write_text("Jane Doe\n\n" + "I like building software and working with people. " * 10)
    with pytest.raises(IngestError, match="no work experience and no bullet points were found"):
        read_resume(path)


def test_job_description_too_short(tmp_path: Path) -> None:
    path = tmp_path / "jd.txt"
    path.write_text("Senior engineer wanted.")
    with pytest.raises(IngestError, match=r"^jd\.txt: too little text in the job description"):
        read_job_description(path)


# --- real layouts: LaTeX, Typst, browser print (tests/fixtures/real-world) -------

LAYOUTS = Path(__file__).resolve().parent / "fixtures" / "real-world"
MARTA_DATES = [
    ("Senior Product Manager", "Northwind Analytics", "Mar 2019", "Present"),
    ("Product Manager", "Bluefin Travel", "Jun 2016", "Feb 2019"),
    ("Associate Product Manager", "Copperleaf Bank", "Sep 2014", "May 2016"),
    ("Product Intern", "Copperleaf Bank", "2014", "2014"),
]


@pytest.mark.parametrize("style", ["classic", "casual", "banking", "oldstyle"])
def test_moderncv_name_contact_and_margin_dates(style: str) -> None:
    """Icon letters stay off the contact details; "Present" below "Mar 2019 –" is the end."""
    resume = read_resume(LAYOUTS / f"resume_pm_marta-kowalski_moderncv-{style}.pdf")
    assert resume.name == "Marta Kowalski"
    assert resume.contact.email == "marta.kowalski@example.com"
    assert resume.contact.phone == "+48 601 234 567"
    assert [(p.title, p.employer, p.start, p.end) for p in resume.positions] == MARTA_DATES
    assert resume.positions[0].bullets[0].startswith("Owned the reporting product")
    assert resume.positions[0].bullets[0].endswith("grew weekly active accounts by 38%.")


def test_moderncv_from_rendercv_reads_name_beside_contact_lines() -> None:
    resume = read_resume(LAYOUTS / "resume_swe_john-doe_rendercv-moderncv-latex.pdf")
    assert resume.name == "John Doe"
    assert resume.contact.email == "youremail@yourdomain.com"
    assert resume.contact.phone == "+90 541 999 99 99"
    # The "1/2" page number in LaTeX's lower margin is not a position.
    assert [(p.employer, p.start, p.end) for p in resume.positions] == [
        ("Apple", "June 2005", "Aug 2007"),
        ("Microsoft", "June 2003", "Aug 2003"),
    ]


def test_react_pdf_resume() -> None:
    resume = read_resume(LAYOUTS / "resume_data-engineer_noah-bennett_react-pdf.pdf")
    assert (resume.name, resume.contact.email, resume.contact.phone) == (
        "Noah Bennett",
        "noah.bennett@example.org",
        "(503) 555-0187",
    )
    assert [(p.title, p.employer, p.start, p.end) for p in resume.positions][0] == (
        "Senior Data Engineer",
        "Cascadia Outdoor Co",
        "Apr 2021",
        "Present",
    )


def test_dates_beside_the_first_bullet_belong_to_the_role() -> None:
    """rendercv classic: place and dates stacked at the right of the entry."""
    resume = read_resume(LAYOUTS / "resume_swe_john-doe_rendercv-classic-latex.pdf")
    assert [(p.employer, p.start, p.end) for p in resume.positions] == [
        ("Apple", "June 2005", "Aug 2007"),
        ("Microsoft", "June 2003", "Aug 2003"),
    ]
    assert resume.positions[0].bullets[0] == (
        "Reduced time to render user buddy lists by 75% by implementing a prediction algorithm"
    )


def test_page_footer_with_name_and_page_count_is_dropped() -> None:
    resume = read_resume(LAYOUTS / "resume_ml-engineer_john-doe_rendercv-moderncv-typst.pdf")
    assert [p.employer for p in resume.positions][-1] == "Microsoft Research"
    assert not any("1/3" in line for line in resume.other_lines)


def test_role_without_bullets_before_next_employer_title_line() -> None:
    """Deedy: "FACEBOOK | SOFTWARE ENGINEER" and its dates, then "COURSERA | ..." at once."""
    resume = read_resume(LAYOUTS / "resume_swe_debarghya-das_deedy-latex.pdf")
    assert [(p.employer, p.start, p.end) for p in resume.positions] == [
        ("FACEBOOK", "Jan 2015", "Present"),
        ("COURSERA", "June 2014", "Sep 2014"),
        ("GOOGLE", "May 2013", "Aug 2013"),
        ("PHABRICATOR", "Jan 2013", "May 2013"),
    ]


def test_browser_printed_job_description_drops_print_header_and_footer() -> None:
    jd = read_job_description(LAYOUTS / "jd_mid-pm_browser-print.pdf")
    assert (jd.title, jd.seniority, jd.years_required) == ("Product Manager", "mid", 3)
    assert "127.0.0.1" not in jd.text
    assert not re.search(r"\d:\d\d [AP]M", jd.text)


def test_browser_printed_internship_title_and_level() -> None:
    jd = read_job_description(LAYOUTS / "jd_intern-swe_browser-print.pdf")
    assert (jd.title, jd.seniority) == ("Software Engineering Intern", "intern")


@pytest.mark.parametrize(
    ("name", "title", "seniority", "years"),
    [
        ("jd_staff-data-scientist_latex.pdf", "Staff Data Scientist", "staff", 7),
        (
            "jd_principal-platform-engineer_latex.pdf",
            "Principal Platform Engineer",
            "principal",
            10,
        ),  # noqa: E501
        ("jd_junior-data-analyst_latex.pdf", "Junior Data Analyst", "junior", None),
    ],
)
def test_latex_job_descriptions(name: str, title: str, seniority: str, years: int | None) -> None:
    jd = read_job_description(LAYOUTS / name)
    assert (jd.title, jd.seniority, jd.years_required) == (title, seniority, years)


def test_level_in_parentheses_counts_and_team_in_parentheses_stays() -> None:
    text = "Product Designer (Mid-Level)\n\nWe need 3+ years of design experience.\n"
    jd = parse_job_description(text)
    assert (jd.title, jd.seniority) == ("Product Designer", "mid")
    jd = parse_job_description("Product Manager (Merchant Onboarding)\n\n" + text)
    assert jd.title == "Product Manager (Merchant Onboarding)"


def test_documents_not_in_english_get_a_warning() -> None:
    jd = read_job_description(LAYOUTS / "jd_senior-data-analyst_es_browser-print.pdf")
    assert jd.language == "es"
    assert jd.years_required == 5  # "Al menos 5 años de experiencia"
    assert jd.warnings == [
        "the job description looks like it is written in Spanish: the analysis reads "
        "English only, so most of it will be missed or misread"
    ]
    resume = read_resume(LAYOUTS / "resume_es_lucia-fernandez.md")
    assert resume.language == "es"
    assert "Spanish" in resume.warnings[0]


def test_english_documents_get_no_language_warning() -> None:
    jd = read_job_description(LAYOUTS / "jd_backend-eng.txt")
    resume = read_resume(LAYOUTS / "resume_accountant_ebony-moore_word.pdf")
    assert (jd.language, jd.warnings, resume.language, resume.warnings) == ("en", [], "en", [])


def test_word_lists_load_as_strings() -> None:
    """YAML reads a bare `on` or `no` as a boolean; every word must stay a word."""

    def words(value: object) -> list[object]:
        if isinstance(value, dict):
            return [w for v in value.values() for w in words(v)]
        if isinstance(value, list):
            return [w for v in value for w in words(v)]
        return [value]

    for path in sorted(wordlists.DATA.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))  # the file as YAML reads it
        lists = {k: v for k, v in data.items() if isinstance(v, list | dict)}
        kinds = (str, int, float)  # numbers are thresholds; a bool is a word YAML misread
        bad = [w for w in words(lists) if isinstance(w, bool) or not isinstance(w, kinds)]
        assert bad == [], path.name


def test_reading_scores_meet_their_targets() -> None:
    """tests/eval/reading.py over the real-world fixtures: what score.py prints."""
    sys.path.insert(0, str(Path(__file__).resolve().parent / "eval"))
    from reading import TARGETS, evaluate_reading

    scores = evaluate_reading()
    assert {name: round(s.share, 2) for name, s in scores.items() if s.share < TARGETS[name]} == {}


def _one_word_per_object_pdf(lines: list[str]) -> bytes:
    """A PDF drawing every word on its own, last word first (Word for Mac through Quartz)."""
    ops = []
    for row, line in enumerate(lines):
        x, y = 72.0, 720.0 - 16 * row
        for word in line.split():
            ops.append(f"BT /F1 11 Tf 1 0 0 1 {x:.2f} {y:.2f} Tm ({word}) Tj ET")
            x += 6.6 * len(word) + 6.6  # Courier: every glyph is 0.6 em wide
    stream = "\n".join(reversed(ops)).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
    out += trailer % (len(objects) + 1, xref)
    return out


def test_words_drawn_one_at_a_time_make_lines(tmp_path: Path) -> None:
    """Word for Mac (through Quartz) draws each word on its own, not in reading order."""
    lines = [
        "Jordan Lee",
        "jordan.lee@example.com (415) 555-0101",
        "Experience",
        "Product Manager, Fernway Foods, Jan 2020 - Present",
        "- Launched weekly delivery slots for 30,000 customers",
    ]
    path = tmp_path / "mac.pdf"
    path.write_bytes(_one_word_per_object_pdf(lines))
    text, _, _ = read_text(path)
    assert text.splitlines() == [
        "Jordan Lee",
        "jordan.lee@example.com (415) 555-0101",
        "Experience",
        "Product Manager, Fernway Foods, Jan 2020 - Present",
        "• Launched weekly delivery slots for 30,000 customers",
    ]


# --- nothing lost in silence: issue 21 ----------------------------------------

sys.path.insert(0, str(Path(__file__).resolve().parent / "eval"))
import layouts as layout_corpus  # noqa: E402  (tests/eval/layouts.py)


def _resume_files() -> list[Path]:
    examples = Path(__file__).resolve().parents[1] / "examples"
    found = sorted(LAYOUTS.glob("resume_*")) + sorted(examples.glob("*/resume.*"))
    return found + (sorted(FIXTURES.glob("resume_*")) if FIXTURES.is_dir() else [])


@pytest.fixture(scope="module")
def corpus() -> list[tuple[layout_corpus.Layout, Path]]:
    pytest.importorskip("weasyprint")
    return layout_corpus.corpus()


def _assert_every_line_lands_once(path: Path) -> None:
    text, fmt, pages = read_text(path, marks=True)
    _, trace = resume_parser.trace_resume(text, fmt, pages)
    assert trace, path.name
    misplaced = [(line, places) for line, places in trace if len(places) != 1]
    assert misplaced == [], path.name


@pytest.mark.parametrize("path", _resume_files(), ids=lambda p: p.name)
def test_every_line_of_a_fixture_lands_in_exactly_one_place(path: Path) -> None:
    _assert_every_line_lands_once(path)


def test_every_line_of_the_layout_corpus_lands_in_exactly_one_place(corpus) -> None:
    assert len(corpus) >= 60
    for _, path in corpus:
        _assert_every_line_lands_once(path)


def test_no_layout_of_the_corpus_is_refused(corpus) -> None:
    for _, path in corpus:
        read_resume(path)  # raises IngestError on a refusal


ISSUE_RESUME = """# Alex Morgan
alex@example.com | +1 415 555 0100 | San Francisco, CA

## Experience

Senior Product Manager, Northwind Labs, Jan 2022 – Present
- Grew activation from 40% → 55% in two quarters by redesigning onboarding

Sr. Product Manager, Contoso Payments (Berlin), Mar 2019 – Dec 2021
Series B payments start-up, 120 people
- Cut checkout errors by 30% (≥ 2× fewer tickets), saving €1.2M a year

VP Product | Fabrikam | 2016 – 2019
- Launched the mobile app to 1M users

Globex Corp, Austin, TX
Associate Product Mgr.    Jun 2014 – May 2016
- Ran +20 user interviews per month
"""


def test_issue_21_layouts_read_as_positions() -> None:
    resume = parse_resume(ISSUE_RESUME, source_format="markdown")
    assert [(p.title, p.employer, p.location, p.start, p.end) for p in resume.positions] == [
        ("Senior Product Manager", "Northwind Labs", "", "Jan 2022", "Present"),
        ("Sr. Product Manager", "Contoso Payments", "Berlin", "Mar 2019", "Dec 2021"),
        ("VP Product", "Fabrikam", "", "2016", "2019"),
        ("Associate Product Mgr.", "Globex Corp", "Austin, TX", "Jun 2014", "May 2016"),
    ]
    assert resume.positions[1].description == "Series B payments start-up, 120 people"
    assert [len(p.bullets) for p in resume.positions] == [1, 1, 1, 1]
    assert resume.positions[0].bullets[0] == (
        "Grew activation from 40% → 55% in two quarters by redesigning onboarding"
    )
    assert "≥ 2× fewer tickets), saving €1.2M" in resume.positions[1].bullets[0]
    assert resume.unplaced == [] and resume.warnings == []


def test_non_english_month_names_are_dates() -> None:
    resume = parse_resume(
        "Kim Park\nkim@example.com\nExperience\n"
        "Product Manager | Initech | März 2020 – heute\n- Ran the roadmap\n"
        "Analyst | Hooli | janvier 2017 – février 2020\n- Built dashboards\n"
    )
    assert [(p.start, p.end) for p in resume.positions] == [
        ("März 2020", "heute"),
        ("janvier 2017", "février 2020"),
    ]
    today = datetime.date(2021, 3, 15)
    assert (
        resume.years_of_experience(today) == 4.25
    )  # Jan 2017 to Mar 2021, months counted inclusively


def test_unplaced_experience_lines_are_kept_and_warned_about() -> None:
    resume = parse_resume(
        "Kim Park\nkim@example.com\nExperience\n"
        "- Shipped the billing revamp used by 2,000 customers\n"
        "- Ran 30 A/B tests with the growth team\n"
        "Product Manager | Initech | 2020 – Present\n- Owned the roadmap\n"
    )
    assert [u.text for u in resume.unplaced] == [
        "Shipped the billing revamp used by 2,000 customers",
        "Ran 30 A/B tests with the growth team",
    ]
    assert resume.warnings == [
        "2 lines under Experience were not placed in a position: check the layout"
    ]
    ids = [line_id for line_id, _, _ in resume.lines()]
    assert ids[-2:] == ["unplaced0", "unplaced1"]  # the analysis can still quote them


def test_bullets_after_an_unreadable_heading_do_not_join_the_role_above() -> None:
    resume = parse_resume(
        "Kim Park\nkim@example.com\nExperience\n"
        "Product Manager | Initech | 2020 – Present\n- Owned the roadmap\n"
        "2018 – 2020\n- Built the churn model\n"
    )
    assert resume.positions[0].bullets == ["Owned the roadmap"]
    assert "Built the churn model" in [u.text for u in resume.unplaced]
    assert resume.warnings


def test_docx_bold_headings_and_list_bullet_style_are_read_first(tmp_path: Path) -> None:
    """A plain line under a bold heading describes the employer, even in capitals."""
    document = docx.Document()
    document.add_heading("Alex Example", 0)
    document.add_paragraph("alex@example.com | +44 20 7946 0958")
    document.add_heading("Experience", 1)
    document.add_paragraph().add_run("Product Manager | Initech | Feb 2019 – Present").bold = True
    document.add_paragraph("Fintech Payments Platform")
    document.add_paragraph(
        "Shipped the billing revamp used by 2,000 customers", style="List Bullet"
    )
    document.add_paragraph().add_run("Analyst | Hooli | 2016 – 2019").bold = True
    document.add_paragraph("Built the churn model in SQL and Python", style="List Bullet")
    path = tmp_path / "bold.docx"
    document.save(path)
    assert read_text(path, marks=True)[0].splitlines()[3] == (
        "**Product Manager | Initech | Feb 2019 - Present**"
    )
    assert "**" not in read_text(path)[0]  # job descriptions and plain reads: no marks
    resume = read_resume(path)
    assert [(p.title, p.employer, p.description, len(p.bullets)) for p in resume.positions] == [
        ("Product Manager", "Initech", "Fintech Payments Platform", 1),
        ("Analyst", "Hooli", "", 1),
    ]


def test_unplaced_lines_reach_the_command_line_analysis_report_and_batch(tmp_path: Path) -> None:
    import json

    from conftest import ROOT, prep

    from preploop.report.batch import _review_reason
    from preploop.report.pipeline import load_analysis

    strong = (ROOT / "examples/strong-pm/resume.md").read_text(encoding="utf-8")
    head, experience = strong.split("## Experience\n", 1)
    lost = "- Rebuilt the referral programme, doubling invites per user\n"
    resume = tmp_path / "resume.md"
    resume.write_text(f"{head}## Experience\n{lost}{experience}", encoding="utf-8")
    out, analysis_out = tmp_path / "report.pdf", tmp_path / "analysis.json"
    result = prep(
        "report",
        *("--company", "netflix", "--role", "product-manager", "--resume", resume),
        *("--jd", ROOT / "examples/strong-pm/job.txt", "--out", out),
        *("--analysis-out", analysis_out, "--companies", ROOT / "companies"),
    )
    warning = "1 line under Experience was not placed in a position: check the layout"
    assert result.returncode == 0, result.stderr
    assert f"warning: {warning}" in result.stderr
    data = json.loads(analysis_out.read_text())
    assert data["resume"]["unplaced"] == [
        {
            "text": lost[2:-1],
            "section": "experience",
            "looks_like_experience": True,
        }
    ]
    assert warning in data["warnings"]
    report_text = "\n".join(PdfReader(out).pages[i].extract_text() for i in range(-8, 0))
    assert "Lines we could not place" in report_text
    assert _review_reason(load_analysis(analysis_out)) == f"review: {warning}"


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        (
            "Senior Product Manager, Northwind Labs, Jan 2022 – Present",
            ("Senior Product Manager", "Northwind Labs", ""),
        ),
        (
            "Sr. Product Mgr., Contoso (Berlin), 2019 – 2021",
            ("Sr. Product Mgr.", "Contoso", "Berlin"),
        ),
        (
            "Dir. of Sales | Fabrikam (Remote) | 2019 – 2021",
            ("Dir. of Sales", "Fabrikam", "Remote"),
        ),
        ("Engineer (Contract) | Initech | 2019 – 2021", ("Engineer (Contract)", "Initech", "")),
        (
            "Globex Corp, Austin, TX\nAnalyst | 2019 – 2021",
            ("Analyst", "Globex Corp", "Austin, TX"),
        ),
        (
            "Acme | Denver, Colorado\nSystems Engineer | 2019 – 2021",
            ("Systems Engineer", "Acme", "Denver, Colorado"),
        ),
        (
            "Senior PM, Growth\nAcme Inc. | Berlin | 2019 – 2021",
            ("Senior PM, Growth", "Acme Inc.", "Berlin"),
        ),
        ("Acme | Berlin | 2019 – 2021\nProduct Manager", ("Product Manager", "Acme", "Berlin")),
        ("2019 – 2021 | VP Engineering at Hooli", ("VP Engineering", "Hooli", "")),
        ("VP, Engineering, Hooli, 2019 – 2021", ("VP, Engineering", "Hooli", "")),
        (
            "Acme Corp\nSenior Engineer\n2019 - 2021 (2 years 3 months)\nBerlin, Germany",
            ("Senior Engineer", "Acme Corp", "Berlin, Germany"),
        ),
    ],
)
def test_role_heading_layouts(heading: str, expected: tuple[str, str, str]) -> None:
    resume = parse_resume(f"Kim Park\nkim@example.com\nExperience\n{heading}\n- Ran the roadmap\n")
    assert [(p.title, p.employer, p.location) for p in resume.positions] == [expected]
    assert (resume.positions[0].start, resume.positions[0].end) == ("2019", "2021") or (
        resume.positions[0].end == "Present"
    )


def test_pdf_bold_heading_lines_are_read_first(tmp_path: Path) -> None:
    """A plain capitalised line under a bold heading describes the employer (PDF)."""
    weasyprint = pytest.importorskip("weasyprint")
    page = (
        "<html><body style='font-family: sans-serif; font-size: 10pt'>"
        "<h1>Alex Example</h1><p>alex@example.com</p><h2>Experience</h2>"
        "<p><b>Product Manager | Initech | Feb 2019 – Present</b></p>"
        "<p>Fintech Payments Platform</p><ul><li>Shipped the billing revamp</li></ul>"
        "<p><b>Analyst | Hooli | 2016 – 2019</b></p><ul><li>Built the churn model</li></ul>"
        "<h2>Skills</h2><p>SQL, Python</p></body></html>"
    )
    path = tmp_path / "bold.pdf"
    weasyprint.HTML(string=page).write_pdf(path)
    assert "**Product Manager | Initech | Feb 2019 - Present**" in read_text(path, marks=True)[0]
    assert "**" not in read_text(path)[0]
    resume = parse_resume(read_text(path, marks=True)[0], source_format="pdf")
    assert [(p.title, p.employer, p.description, len(p.bullets)) for p in resume.positions] == [
        ("Product Manager", "Initech", "Fintech Payments Platform", 1),
        ("Analyst", "Hooli", "", 1),
    ]


def test_pdf_date_range_wrapped_in_a_narrow_column_is_one_heading(tmp_path: Path) -> None:
    """ "Engineer | Acme | Sep 2017" over "– Mar 2021": the end of the range is not lost."""
    weasyprint = pytest.importorskip("weasyprint")
    page = (
        "<html><body style='font-family: sans-serif; font-size: 10pt; width: 15em'>"
        "<h1>Alex Example</h1><p>alex@example.com</p><h2>Experience</h2>"
        "<p>Software Engineer | Initech | Sep&nbsp;2017<br>– Mar&nbsp;2021</p>"
        "<ul><li>Shipped the billing revamp</li></ul>"
        "<p>Analyst | Hooli | Apr&nbsp;2015&nbsp;–<br>Aug&nbsp;2017</p>"
        "<ul><li>Built the churn model</li></ul>"
        "<h2>Skills</h2><p>SQL, Python</p></body></html>"
    )
    path = tmp_path / "narrow.pdf"
    weasyprint.HTML(string=page).write_pdf(path)
    resume = parse_resume(read_text(path)[0], source_format="pdf")
    assert [(p.title, p.employer, p.start, p.end) for p in resume.positions] == [
        ("Software Engineer", "Initech", "Sep 2017", "Mar 2021"),
        ("Analyst", "Hooli", "Apr 2015", "Aug 2017"),
    ]
    assert not resume.other_lines


def test_a_colorado_address_is_a_place_not_the_employer() -> None:
    """ "CO" is Colorado after a city, not the "Co" of a company's name."""
    resume = parse_resume(
        "# Ann Lee\nann@example.com\n## Experience\n### Product Manager\n"
        "**Tallowmere Home** | Denver, CO | Jan 2021 – Present\n- Shipped search\n"
        "### Engineer, Acme Co | Austin, TX | 2016 – 2018\n- Built billing\n"
    )
    assert [(p.title, p.employer, p.location) for p in resume.positions] == [
        ("Product Manager", "Tallowmere Home", "Denver, CO"),
        ("Engineer", "Acme Co", "Austin, TX"),
    ]
