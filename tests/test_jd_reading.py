"""Job descriptions as people send them: a title after a label in any language, a page
printed from a browser, seniority from numerals, words and years, and the debris of
LaTeX, HTML and Word exports (issue 15)."""

from __future__ import annotations

import pytest

from preploop.report.jd_parser import parse_job_description


@pytest.mark.parametrize(
    ("text", "title", "company"),
    [
        ("Job title: Product Manager, Payments\nCompany: Acme\n", "Product Manager", "Acme"),
        ("Role: Data Analyst\n\nWe are hiring.\n", "Data Analyst", ""),
        (
            "Poste : Chef de produit senior\nEntreprise : Exemplia\n",
            "Chef de produit senior",
            "Exemplia",
        ),
        (
            "Puesto: Ingeniero de Software II\nEmpresa: Ejemplar\n",
            "Ingeniero de Software II",
            "Ejemplar",
        ),
        ("**Stellenbezeichnung:** Produktmanager\n", "Produktmanager", ""),
    ],
)
def test_a_title_after_a_label_is_read_without_the_label(text, title, company):
    job = parse_job_description(text)
    assert (job.title, job.company) == (title, company)


def test_a_browser_printed_posting_gives_the_title_in_its_margin():
    text = (
        "12/3/26, 10:14 AM        Senior Data Engineer | Globex Careers\n\n"
        "About the role\nYou will build pipelines.\n\n"
        "https://globex.example/careers/senior-data-engineer      1/2\n"
    )
    job = parse_job_description(text)
    assert job.title == "Senior Data Engineer" and job.seniority == "senior"


@pytest.mark.parametrize(
    ("text", "seniority"),
    [
        ("Software Engineer II\n\nBuild things.\n", "mid"),
        ("Software Engineer III, Search\n\nBuild things.\n", "senior"),
        ("SDE I\n\nBuild things.\n", "junior"),
        ("Product Manager\n\nRequirements\n- 2+ years of product experience\n", "mid"),
        ("Product Manager\n\nRequirements\n- 10 years of product experience\n", "senior"),
        ("Software Engineer, New Grad\n\nJoin us.\n", "junior"),
        ("Product Management Intern\n\nJoin us.\n", "intern"),
        ("Staff Engineer, Platform\n\nRequirements\n- 2+ years of experience\n", "staff"),
        ("Principal Product Manager\n\nLead.\n", "principal"),
    ],
)
def test_seniority_from_title_numerals_words_and_years(text, seniority):
    assert parse_job_description(text).seniority == seniority


def test_exports_debris_is_cleaned():
    text = (
        "Product Manager\n\nResponsibilities\n"
        "- Work with design &amp; engineering on stake-\nholder manage-\nment and cross-\n"
        "functional plans\n- Move fast--but carefully &#8212; say &quot;no&quot;\n"
    )
    lines = parse_job_description(text).responsibility_lines
    assert lines[0] == (
        "Work with design & engineering on stakeholder management and cross-functional plans"
    )
    assert lines[1] == 'Move fast - but carefully - say "no"'


def test_a_browser_printed_pdf_keeps_the_title_from_its_margin():
    """The PDF reader drops a browser's date and URL, but keeps the page title printed
    beside the date on page 1: here it is the only place the title is."""
    from conftest import ROOT

    from preploop.report.ingest import read_job_description

    path = ROOT / "tests/fixtures/real-world/jd_data-eng_margin-title_browser-print.pdf"
    job = read_job_description(path)
    assert job.title == "Senior Data Engineer" and job.seniority == "senior"
    assert "10:14" not in job.text and "https://" not in job.text


# -- issue 19: alternatives are one requirement; a company blurb is no duty ----------

BLURB_JD = "tests/fixtures/real-world/jd_sde-ii_company-blurb.txt"
JAVA_RESUME = """Alex Moreno
alex.moreno@example.com

Experience

Software Engineer, Parcelworks, Jan 2020 - Present
- Built a Java service that plans dock appointments for 40 warehouses, cutting truck waits by 30%
- Led the move of the routing API from a monolith to three Spring Boot services
- Owned on-call for the scheduling services and wrote the runbooks the team still uses

Software Engineer, Tallyhouse, Jun 2017 - Dec 2019
- Designed the billing export that finance used for every month-end close
- Mentored two new engineers through their first production launches

Skills
Java, Spring Boot, PostgreSQL, AWS
"""


@pytest.fixture(scope="module")
def java_candidate(tmp_path_factory):
    """The analysis the real pipeline makes of a Java resume for the blurb posting."""
    import datetime as dt

    from conftest import ROOT

    from preploop.catalog import load_catalog
    from preploop.report.pipeline import Order, analyze_order

    folder = tmp_path_factory.mktemp("java")
    resume = folder / "resume.txt"
    resume.write_text(JAVA_RESUME, encoding="utf-8")
    order = Order("Alex Moreno", "amazon", "software-engineer", resume, ROOT / BLURB_JD)
    companies = ROOT / "companies"
    analysis, _ = analyze_order(order, load_catalog(companies), companies, dt.date(2026, 12, 1))
    return analysis


@pytest.mark.parametrize(
    ("line", "choices"),
    [
        ("At least one modern language such as Java, C++, or C#", [["Java", "C++", "C#"]]),
        ("Proficiency in one of Python, Go or Java", [["Python", "Go", "Java"]]),
        ("Python or Go, and SQL", [["Python", "Go"]]),
        ("Strong Python, SQL, and Java", []),  # "and": each is required
        ("Strong SQL and Python", []),
        ("Java or C#.", [["Java", "C#"]]),  # a skill the vocabulary lacks, as written
        ("5+ years of Java or Senior-level experience", []),
        ("Java or Equivalent", []),  # no skill after "or"
        # A skill the vocabulary lacks inside the list joins it as written (it broke the
        # list in two required groups, and a TypeScript engineer was missing "Java").
        ("Proficiency in one of Python, PHP, Java or C++", [["Python", "PHP", "Java", "C++"]]),
        ("Python, Ruby and SQL", []),  # "and": each is required
        # Unknown skills before the first known one, after the lead, join too (an ex-auditor
        # writing Ruby was "missing Java, Go or Scala")...
        ("A language such as Ruby, Java, Go or Scala", [["Ruby", "Java", "Go", "Scala"]]),
        # ...as do two unknown ones in one gap, and "one or more of:" leads a list (a new
        # graduate writing Python was missing C++ and Java, each required on its own).
        (
            "Experience in one or more of: C++, Java, Python, Hack/PHP, Go or Rust",
            [["C++", "Java", "Python", "Hack", "PHP", "Go", "Rust"]],
        ),
        ("Ruby, Java and SQL", []),  # no lead, no "or": nothing joins
        # "or another <kind of> skill": the named ones are its alternatives.
        ("Familiarity with WebGL, WebGPU or another graphics API", [["WebGL", "WebGPU", "APIs"]]),
    ],
)
def test_skills_listed_as_alternatives_are_one_group(line, choices):
    vocabulary = {"Java": ["spring"], "C++": [], "Python": [], "Go": ["golang"], "SQL": []}
    vocabulary["APIs"] = ["api"]
    job = parse_job_description(f"Engineer\n\nRequirements\n- {line}\n", vocabulary)
    assert job.skill_choices == choices


def test_a_java_resume_meets_java_or_cpp_or_csharp(java_candidate):
    from preploop.report.wording import plain

    skills = {s.name: s for s in java_candidate.skills}
    assert "C++" not in skills  # one requirement, reported under the skill shown
    assert skills["Java"].status == "shown" and skills["Java"].alternatives == ["C++", "C#"]
    risks = [plain(risk.title) for risk in java_candidate.risks]
    assert not [r for r in risks if "C++" in r], risks
    scripts = [plain(s.script) for s in java_candidate.scripts]
    assert not [s for s in scripts if "C++" in s or "C#" in s], scripts


def test_a_missing_choice_is_named_as_one_requirement():
    """No Java, C++ or C#: one risk names the three as alternatives."""
    from preploop.report.findings import Risk, Said
    from preploop.report.wording import plain

    risk = Risk(
        title=Said(code="risk.skills.title", args={"skills": [["Java", "C++", "C#"], ["SQL"]]}),
        kind="skill",
        weight=0.1,
        why=Said(code="risk.skills.why"),
        prepare_first=Said(code="risk.skills.prepare"),
    )
    assert plain(risk.title) == "Required skills not shown: Java, C++ or C#, SQL"
    # An analysis written before alternatives held plain names: it reads as it did.
    earlier = Said(code="risk.skills.title", args={"skills": ["Go", "SQL"]})
    assert plain(earlier) == "Required skills not shown: Go, SQL"


def test_questions_to_ask_never_quote_the_company_blurb(java_candidate):
    from preploop.report.wording import plain

    asks = [plain(ask) for ask in java_candidate.questions_to_ask]
    quoted = [ask for ask in asks if ask.startswith("The posting asks")]
    assert quoted and all("Northwind" not in ask and "Our services" not in ask for ask in asks)
    assert "Design and build services" in quoted[0]


def test_the_reading_chapter_lists_alternatives_as_one_requirement(java_candidate):
    job = java_candidate.job
    assert job.requirements(job.required_skills)[0] == ["Java", "C++", "C#"]
    assert ["C++"] not in job.requirements(job.required_skills)


@pytest.mark.parametrize(
    ("line", "duty"),
    [
        ("Design and build services that schedule freight", True),
        ("You will own the roadmap for checkout", True),
        ("As Principal Engineer you set the technical direction", True),
        ("Responsible for owning the on-call rotation", True),
        ("Acme Fulfillment Technologies builds the software that moves parcels", False),
        ("Our services plan labor and steer robots", False),
        ("We are looking for a Product Manager to own checkout", False),
        ("Join a team that builds maps", False),
        ("You will join the on-call rotation", True),
        ("Closely partner with design on every launch", True),
        ("Our family of apps reaches millions", False),
    ],
)
def test_a_duty_reads_as_something_the_hire_will_do(line, duty):
    from preploop.report.jd_parser import is_duty

    assert is_duty(line) is duty


def test_a_line_about_the_right_to_work_asks_for_no_skill():
    """ "Must obtain work authorization" is no security work: a new graduate was told she
    was missing Security, required."""
    vocabulary = {"Security": ["authorization"], "Python": []}
    job = parse_job_description(
        "Engineer\n\nRequirements\n- Python\n- Must obtain work authorization by start\n"
        "- Design authorization checks for the API\n",
        vocabulary,
    )
    assert job.required_skills == ["Python", "Security"]  # the API's checks still count
    job = parse_job_description(
        "Engineer\n\nRequirements\n- Python\n- Must obtain work authorization by start\n",
        vocabulary,
    )
    assert job.required_skills == ["Python"]


def test_a_nice_to_have_list_does_not_make_a_required_skill_a_choice():
    """ "Familiarity with Python or Looker" among the nice-to-haves, with Looker's skill
    required elsewhere: Python stays preferred, and the required skill stays on its own
    (the switcher's report read "Python (or Product analytics)" as required)."""
    vocabulary = {"Python": [], "Product analytics": ["looker", "funnel analysis"], "SQL": []}
    posting = (
        "Product Manager\n\nRequirements\n- Experience with funnel analysis and SQL\n\n"
        "Nice to have\n- Familiarity with Python or Looker\n"
    )
    job = parse_job_description(posting, vocabulary)
    assert job.required_skills == ["Product analytics", "SQL"]
    assert job.preferred_skills == ["Python"]
    assert job.skill_choices == []
    assert job.requirements(job.preferred_skills) == [["Python"]]


@pytest.mark.parametrize(
    ("line", "roles"),
    [
        (
            "4+ years in product management, or in a closely related role such as product"
            " owner, strategy, operations or consulting with a strong analytical record",
            ["product owner", "strategy", "operations", "consulting"],
        ),
        (
            "3+ years as a data analyst or in a similar role (e.g. BI developer, actuary).",
            ["bi developer", "actuary"],
        ),
        ("3+ years as a software engineer or in a related role", []),  # none named
        ("BS in Computer Science or a related field such as physics; 2+ years of Java", []),
    ],
)
def test_the_roles_a_posting_counts_as_related_are_read(line, roles):
    job = parse_job_description(f"Analyst\n\nRequirements\n- {line}\n")
    assert job.related_roles == roles


def test_a_title_is_related_by_the_work_it_names():
    from preploop.report.related_roles import is_related

    roles = ["product owner", "strategy", "operations", "consulting"]
    assert is_related("Senior Consultant", roles)
    assert is_related("Senior Operations Analyst, Merchant Risk", roles)
    assert not is_related("Primary School Teacher", roles)
    assert not is_related("Senior Consultant", [])


def test_a_bracket_of_examples_is_no_list_of_alternatives():
    """ "AWS (EC2, ECS or EKS, DynamoDB, SQS, Lambda)" names AWS's services: read as a list,
    the report asked for "Cloud platforms (or ECS, EKS, DynamoDB or SQS)"."""
    vocabulary = {"Cloud platforms": ["aws", "ec2", "lambda"], "Kubernetes": ["eks"]}
    line = "Experience with AWS (EC2, ECS or EKS, DynamoDB, SQS, Lambda) or a similar cloud"
    job = parse_job_description(f"Engineer\n\nRequirements\n- {line}\n", vocabulary)
    assert job.skill_choices == []
    assert job.required_skills == ["Cloud platforms"]
