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
