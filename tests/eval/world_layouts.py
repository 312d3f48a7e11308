"""Tuned layouts modelled on resume templates that real candidates use.

    (read through tests/eval/layouts.py, which counts them as tuned layouts)

Each template below is described in our own words and drawn with our own code
(Markdown, plain text, DOCX through python-docx, PDF through WeasyPrint from
HTML): nothing of the original's source or prose is copied. A comment names the
template imitated, where it is published and under which licence. The resemblance
is in the arrangement of a role's heading (which piece is bold, what sits on the
right, what comes first), not in the look.

A role's heading is written as rows of a tiny markup: "**bold**", "*italic*", and a
tab between the piece on the left and the piece set apart on the right. Every
renderer reads the same rows, so a template is one heading function plus options.
"""

from __future__ import annotations

import html
import io
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

# tests/eval/layouts.py: the corpus these layouts join, and its facts
from layouts import PEOPLE, PROMOTED, Layout, Person, Role, written_date

# A fourth person, for slashes inside titles ("Product / Growth Lead").
SLASHED = Person(
    name="Sam Whitfield",
    email="sam.whitfield@example.com",
    phone="+1 312 555 0149",
    city="Chicago, IL",
    summary="Growth lead who pairs experiments with plain product sense, from pricing "
    "pages to onboarding emails.",
    roles=(
        Role(
            "Product / Growth Lead",
            "Initech",
            "Chicago",
            (2021, 9),
            None,
            "Payroll software for small firms",
            (
                "Raised trial-to-paid conversion from 8% → 13% in three quarters",
                "Hired and led a growth team of 4 engineers and 1 analyst",
            ),
        ),
        Role(
            "Growth Product Manager",
            "Hooli",
            "Palo Alto",
            (2018, 2),
            (2021, 8),
            "Search and ads company",
            (
                "Ran 40 pricing-page experiments; 11 shipped (+$2.3M a year)",
                "Cut onboarding drop-off by 25% with a shorter sign-up form",
            ),
        ),
        Role(
            "Data / Marketing Analyst",
            "Vandelay Industries",
            "New York",
            (2015, 6),
            (2018, 1),
            "Importer of latex goods for hospitals",
            ("Built the weekly marketing dashboard used by 30 people",),
        ),
    ),
    school="University of Chicago",
    degree="B.A. Economics",
    graduated=2015,
    skills=("SQL", "Looker", "Python", "Experiment design"),
)

# A fifth, whose employers' names hold title words ("Lead Bank", "Head Start Partners").
TITLED_EMPLOYERS = Person(
    name="Casey Nakamura",
    email="casey.nakamura@example.com",
    phone="+1 515 555 0190",
    city="Des Moines, IA",
    summary="Engineering manager who grew from writing payment code to leading the teams "
    "that run it, and still reviews pull requests on Fridays.",
    roles=(
        Role(
            "Engineering Manager",
            "Principal Financial Group",
            "Des Moines",
            (2020, 5),
            None,
            "Retirement and insurance company",
            (
                "Led 3 teams (17 engineers) through a move to event-driven payments",
                "Cut incident pages by 60% in a year with on-call reviews",
            ),
        ),
        Role(
            "Staff Engineer",
            "Lead Bank",
            "Kansas City",
            (2017, 3),
            (2020, 4),
            "Community bank with a banking-as-a-service arm",
            (
                "Designed the ledger behind 40+ fintech partners",
                "Brought settlement time from 2 days → 4 hours",
            ),
        ),
        Role(
            "Software Engineer",
            "Head Start Partners",
            "Omaha",
            (2014, 8),
            (2017, 2),
            "Early-education non-profit",
            ("Built the enrolment site used by 12,000 families",),
        ),
    ),
    school="Iowa State University",
    degree="B.S. Computer Engineering",
    graduated=2014,
    skills=("Java", "Kafka", "PostgreSQL", "Team leadership"),
)

# --- templates -----------------------------------------------------------------

Fields = dict[str, str]
HeadingRows = Callable[[Fields], list[str]]


@dataclass(frozen=True)
class Template:
    name: str
    format: str  # "markdown" | "text" | "docx" | "pdf"
    heading: HeadingRows  # a role's heading rows (markup above)
    person: Person | None = None  # None: rotated through the people
    dates: str = ""  # a date style of layouts.py; "" rotated
    # Section names (summary, experience, education, skills) as the template words them.
    sections: tuple[str, str, str, str] = ("Summary", "Experience", "Education", "Skills")
    bullet: str = "- "  # text formats: a list item's glyph ("" for none)
    join: str = " | "  # text formats: between the left and right pieces ("pad": spaces)
    underline: bool = False  # text: a section heading underlined with dashes
    wrap: int = 0  # text: bullets wrapped at this width, with a hanging indent
    docx_styles: tuple[str, ...] = ()  # DOCX: paragraph style of heading row i
    docx_bullets: str = "List Bullet"  # DOCX: a bullet's style, or "•" typed
    docx_header: bool = False  # DOCX: the name and contact details in the page header
    docx_sidebar: bool = False  # DOCX: the page laid out as a table, a sidebar on the left
    docx_form: bool = False  # DOCX: each role a table of labels and values (Europass 2012)
    margin: HeadingRows | None = None  # lines in a margin column beside the heading
    margin_side: str = "left"  # PDF: where the margin column is
    columns: str = "one"  # PDF: "one", "sidebar_left" or "sidebar_right"
    css: str = ""  # PDF: the template's look


def _f(**kw: str) -> Fields:
    return kw


# Every template imitates one published design: the comment names it, its source and
# licence. Fields: title, employer, city, start, end, dates ("start – end"), and
# "first" ("1" when the role is the first under its employer, "" otherwise).
TEMPLATES: list[Template] = [
    # Jake Gutierrez's "Jake's Resume" (LaTeX; github.com/jakegut/resume, MIT), written
    # as Markdown: bold title with dates right, employer in italics with the city right.
    Template(
        "md_jake",
        "markdown",
        lambda r: [f"**{r['title']}**\t{r['dates']}", f"*{r['employer']}*\t{r['city']}"],
    ),
    # mszep/pandoc_resume (Markdown for pandoc, github.com/mszep/pandoc_resume, MIT):
    # a definition list, dates as the term, "*Title* at **Employer**, City" as its body.
    Template(
        "md_pandoc_definitions",
        "markdown",
        lambda r: [r["dates"], f":   *{r['title']}* at **{r['employer']}**, {r['city']}"],
    ),
    # The "resume.md" README style common on GitHub profiles (e.g. the Markdown output
    # of the JSON Resume CLI, jsonresume.org, MIT): "### Title @ Employer", then an
    # italic line of dates and place.
    Template(
        "md_at_sign",
        "markdown",
        lambda r: [f"### {r['title']} @ {r['employer']}", f"*{r['dates']} · {r['city']}*"],
    ),
    # JSON Resume theme "even" (github.com/rbardini/jsonresume-theme-even, MIT) as
    # Markdown: the employer and place as a small heading, title and dates below.
    Template(
        "md_even",
        "markdown",
        lambda r: [f"#### {r['employer']} — {r['city']}", f"{r['title']} · {r['dates']}"],
        sections=("About", "Work", "Education", "Skills"),
    ),
    # A slash-separated heading, as in the "Minimal" Markdown CV of Pages themes
    # (github.com/pages-themes/minimal, CC0): "Title / Employer", dates in italics.
    Template(
        "md_slashes",
        "markdown",
        lambda r: [f"**{r['title']} / {r['employer']}**", f"*{r['dates']}*"],
        person=SLASHED,
    ),
    # pdftotext -layout of Jake's Resume (above): the right pieces pushed right with
    # runs of spaces, on a line 90 characters wide.
    Template(
        "txt_jake_pdftotext",
        "text",
        lambda r: [f"{r['title']}\t{r['dates']}", f"{r['employer']}\t{r['city']}"],
        join="pad",
        bullet="• ",
    ),
    # sb2nov/resume (LaTeX, github.com/sb2nov/resume, MIT) copied as plain text: employer
    # and city on one line, set apart by spaces; title and dates below.
    Template(
        "txt_sb2nov_spaces",
        "text",
        lambda r: [f"{r['employer']}\t{r['city']}", f"{r['title']}\t{r['dates']}"],
        join="pad",
        bullet="* ",
    ),
    # The plain ATS resume many career centres hand out (e.g. the text-only sample of
    # the University of Michigan career center, public guide): underlined headings,
    # "Title, Employer, City" then the dates.
    Template(
        "txt_ats_underlined",
        "text",
        lambda r: [f"{r['title']}, {r['employer']}, {r['city']}", r["dates"].replace("–", "-")],
        underline=True,
        bullet="* ",
        sections=("Professional Summary", "Work Experience", "Education", "Technical Skills"),
    ),
    # Indeed's resume builder, downloaded as text (indeed.com, proprietary service; the
    # arrangement only): title, "Employer - City", then "Month Year to Present".
    Template(
        "txt_indeed",
        "text",
        lambda r: [r["title"], f"{r['employer']} - {r['city']}", f"{r['start']} to {r['end']}"],
        dates="long",
    ),
    # A LinkedIn profile copied from the browser (linkedin.com, proprietary; arrangement
    # only): title, "Employer · Full-time", "dates · duration", place.
    Template(
        "txt_linkedin_copy",
        "text",
        lambda r: [
            r["title"],
            f"{r['employer']} · Full-time",
            f"{r['start']} - {r['end']} · {r['years']}",
            f"{r['city']}, United States",
        ],
        dates="short",
        bullet="",
        sections=("About", "Experience", "Education", "Skills"),
    ),
    # Europass CV (European Commission, europass.europa.eu; the format is free to use),
    # as plain text: the dates on a line of their own, title, then "Employer – City".
    Template(
        "txt_europass",
        "text",
        lambda r: [r["dates"], r["title"], f"{r['employer']} – {r['city']}"],
        dates="numeric",
        sections=("About me", "Work experience", "Education and training", "Skills"),
    ),
    # A Word resume saved as plain text (Word keeps tabs): "Employer, City" with the
    # dates after a tab, the title below.
    Template(
        "txt_word_tabs",
        "text",
        lambda r: [f"{r['employer']}, {r['city']}\t{r['dates']}", r["title"]],
        join="\t",
        bullet="• ",
        sections=("Profile", "Employment History", "Education", "Skills"),
    ),
    # The slash heading again, in plain text: "Title / Employer" with the dates set right.
    Template(
        "txt_slashes_dates_right",
        "text",
        lambda r: [f"{r['title']} / {r['employer']}\t{r['dates']}", r["city"]],
        person=SLASHED,
        join="pad",
    ),
    # Harvard's resume template (Mignone Center for Career Success, Harvard FAS, public
    # guide) in Word: employer in bold with the city at a right tab, the title in italics
    # with the dates at a right tab.
    Template(
        "docx_harvard",
        "docx",
        lambda r: [f"**{r['employer']}**\t{r['city']}", f"*{r['title']}*\t{r['dates']}"],
    ),
    # The same, for a promotion: the employer is written once, above both roles.
    Template(
        "docx_harvard_promotion",
        "docx",
        lambda r: (
            ([f"**{r['employer']}**\t{r['city']}"] if r["first"] else [])
            + [f"*{r['title']}*\t{r['dates']}"]
        ),
        person=PROMOTED,
    ),
    # Google Docs "Serif" resume template (docs.google.com template gallery, Google's
    # terms; arrangement only): "**Employer**, City — *Title*" as a sub-heading, then
    # the dates in capitals as a smaller heading.
    Template(
        "docx_google_serif",
        "docx",
        lambda r: [f"**{r['employer']}**, {r['city']} — *{r['title']}*", r["dates"].upper()],
        docx_styles=("Heading 2", "Heading 3"),
    ),
    # Google Docs "Coral" (same gallery and terms): "Employer, City — Title" as one plain
    # sub-heading, the dates in capitals as a normal paragraph.
    Template(
        "docx_google_coral",
        "docx",
        lambda r: [f"{r['employer']}, {r['city']} — {r['title']}", r["dates"].upper()],
        docx_styles=("Heading 2",),
        docx_bullets="List Paragraph",
    ),
    # Google Docs "Spearmint" (same gallery and terms): the heading all in bold, the
    # dates plain below; bullets typed as "•".
    Template(
        "docx_google_spearmint",
        "docx",
        lambda r: [f"**{r['employer']}, {r['city']} — {r['title']}**", r["dates"].upper()],
        docx_bullets="•",
    ),
    # Microsoft Word "Chronological resume" (Microsoft Create templates, Microsoft's
    # terms; arrangement only): the dates as a small heading above "Title, Employer".
    Template(
        "docx_word_chronological",
        "docx",
        lambda r: [r["dates"].upper(), f"{r['title']}, {r['employer']}"],
        docx_styles=("Heading 3", "Heading 2"),
    ),
    # Microsoft Word "Modern chronological resume" (same terms): one heading line,
    # "Title | Employer | dates".
    Template(
        "docx_word_modern",
        "docx",
        lambda r: [f"{r['title']} | {r['employer']} | {r['dates']}"],
        docx_styles=("Heading 3",),
    ),
    # Word's "Basic resume" as people fill it in: a bold title, a comma and the employer
    # in italics (not all bold), the dates at a right tab, bullets typed as "•".
    Template(
        "docx_word_basic_mixed",
        "docx",
        lambda r: [f"**{r['title']}**, *{r['employer']}*, {r['city']}\t{r['dates']}"],
        docx_bullets="•",
    ),
    # Awesome-CV (LaTeX, github.com/posquit0/Awesome-CV, LPPL 1.3c) redone in Word: bold
    # employer with the city in italics on the right, the title with the dates below.
    Template(
        "docx_awesome_cv",
        "docx",
        lambda r: [f"**{r['employer']}**\t*{r['city']}*", f"{r['title']}\t*{r['dates']}*"],
    ),
    # Europass CV in Word (European Commission, free to use): a table per role, the
    # dates in the narrow left cell, title, employer and bullets in the right one.
    Template(
        "docx_europass_table",
        "docx",
        lambda r: [f"**{r['title']}**", f"{r['employer']}, {r['city']}"],
        margin=lambda r: [r["dates"]],
        dates="numeric",
        sections=("About me", "Work experience", "Education and training", "Skills"),
    ),
    # Jake's Resume (above) as a PDF: bold title with the dates right, the employer in
    # italics with the city right, in smaller type.
    Template(
        "pdf_jake",
        "pdf",
        lambda r: [f"**{r['title']}**\t{r['dates']}", f"*{r['employer']}*\t*{r['city']}*"],
        css="body { font-family: serif; } h2 { border-bottom: 1px solid #000; "
        "text-transform: none; } .r1 { font-size: 9pt; }",
    ),
    # sb2nov/resume (above) as a PDF: bold employer with the city right; the title in
    # italics with the dates right.
    Template(
        "pdf_sb2nov",
        "pdf",
        lambda r: [f"**{r['employer']}**\t{r['city']}", f"*{r['title']}*\t*{r['dates']}*"],
        css="body { font-family: serif; }",
    ),
    # Awesome-CV (above) as a PDF: bold employer, city in colour on the right; the title
    # smaller in grey, the dates on the right.
    Template(
        "pdf_awesome_cv",
        "pdf",
        lambda r: [f"**{r['employer']}**\t*{r['city']}*", f"{r['title']}\t*{r['dates']}*"],
        css=".r0 .right { color: #dc3522; } .r1 { color: #555; font-size: 9pt; }",
    ),
    # Deedy resume (LaTeX, github.com/deedy/Deedy-Resume, Apache 2.0): a narrow left
    # column (education, skills, contact) beside the experience; "Employer | Title" in
    # large type, then "dates | City" small and grey.
    Template(
        "pdf_deedy",
        "pdf",
        lambda r: [f"**{r['employer']}** | {r['title']}", f"{r['dates']} | {r['city']}"],
        columns="sidebar_left",
        css=".r0 { font-size: 12pt; } .r1 { font-size: 8pt; color: #666; }",
    ),
    # moderncv "classic" (LaTeX, github.com/moderncv/moderncv, LPPL 1.3c): the dates in
    # a left margin column, "**Title**, *Employer*, City" beside them.
    Template(
        "pdf_moderncv_classic",
        "pdf",
        lambda r: [f"**{r['title']}**, *{r['employer']}*, {r['city']}"],
        margin=lambda r: [r["dates"]],
        css=".margin { color: #3873b3; }",
    ),
    # moderncv "casual" variant (same source and licence), as often filled in: the
    # margin holds the dates and the city on two lines; the title and employer sit on
    # two lines beside them.
    Template(
        "pdf_moderncv_casual_margin",
        "pdf",
        lambda r: [f"**{r['title']}**", f"*{r['employer']}*"],
        margin=lambda r: [r["dates"], r["city"]],
        dates="numeric",
    ),
    # moderncv "banking" (same source and licence): "**Title**, *Employer*" on the left,
    # the dates on the right, the city under the title.
    Template(
        "pdf_moderncv_banking",
        "pdf",
        lambda r: [f"**{r['title']}**, *{r['employer']}*\t{r['dates']}", f"*{r['city']}*"],
    ),
    # Google Docs "Serif" (above) exported as PDF: "**Employer**, City — *Title*", the
    # dates in small grey capitals below.
    Template(
        "pdf_google_serif",
        "pdf",
        lambda r: [f"**{r['employer']}**, {r['city']} — *{r['title']}*", r["dates"].upper()],
        css=".r1 { font-size: 8pt; color: #666; }",
    ),
    # Europass CV (above) as made by its online editor: "[ dates ] Title" with the title
    # in bold, the employer below, then a line of labelled places.
    Template(
        "pdf_europass",
        "pdf",
        lambda r: [
            f"[ {r['dates']} ] **{r['title']}**",
            r["employer"],
            f"City: {r['city']} | Country: United States",
        ],
        dates="numeric",
        sections=("About me", "Work experience", "Education and training", "Skills"),
    ),
    # LinkedIn's "Save to PDF" of a profile (linkedin.com, proprietary; arrangement only):
    # a sidebar on the left; the employer once above its roles, each role's title,
    # "dates (duration)" and place, then plain lines.
    Template(
        "pdf_linkedin_profile",
        "pdf",
        lambda r: (
            ([f"**{r['employer']}**"] if r["first"] else [])
            + [r["title"], f"{r['start']} - {r['end']} ({r['years']})", r["city"]]
        ),
        person=PROMOTED,
        dates="long",
        columns="sidebar_left",
    ),
    # rendercv "classic" theme (github.com/rendercv/rendercv, MIT): "**Employer**, Title"
    # on the left; the city, then the dates, stacked in a column on the right.
    Template(
        "pdf_rendercv_classic",
        "pdf",
        lambda r: [f"**{r['employer']}**, {r['title']}"],
        margin=lambda r: [r["city"], r["dates"]],
        margin_side="right",
        css=".margin.right { width: 30%; white-space: nowrap; } .entry .body { width: 70%; }",
    ),
    # The slash heading (above) in a PDF with a sidebar on the right.
    Template(
        "pdf_slashes_sidebar",
        "pdf",
        lambda r: [f"**{r['title']} / {r['employer']}**\t{r['dates']}"],
        person=SLASHED,
        columns="sidebar_right",
    ),
    # Google Docs "Modern Writer" (same gallery and terms as "Serif"), saved as plain
    # text: "Employer, City - Title" then the dates in capitals.
    Template(
        "txt_google_modern_writer",
        "text",
        lambda r: [f"{r['employer']}, {r['city']} - {r['title']}", r["dates"].upper()],
        bullet="● ",
    ),
    # Harvard's template (above) grown to two pages in large type, with a running head
    # (the name) and "Page n of 2" at the foot of each page.
    Template(
        "pdf_harvard_two_pages",
        "pdf",
        lambda r: [f"**{r['employer']}**	{r['city']}", f"*{r['title']}*	{r['dates']}"],
        css="body { font-size: 17pt; font-family: serif; } @page { @top-right { "
        "content: 'Résumé, page ' counter(page) } @bottom-center { content: 'Page ' "
        "counter(page) ' of ' counter(pages) } }",
    ),
    # Microsoft Word "Resume" templates that keep the name and contact details in the
    # page header (Microsoft Create, Microsoft's terms; arrangement only): the title as a
    # sub-heading with the dates at a right tab, "Employer, City" in italics below.
    Template(
        "docx_word_header",
        "docx",
        lambda r: [f"{r['title']}\t{r['dates']}", f"*{r['employer']}, {r['city']}*"],
        docx_styles=("Heading 2",),
        docx_header=True,
    ),
    # Jake's Resume (above) for a promotion, as its users write one: the employer with
    # the city once, then each title with its dates.
    Template(
        "pdf_jake_promotion",
        "pdf",
        lambda r: (
            ([f"**{r['employer']}**\t{r['city']}"] if r["first"] else [])
            + [f"*{r['title']}*\t{r['dates']}"]
        ),
        person=PROMOTED,
        css="body { font-family: serif; }",
    ),
    # AltaCV (LaTeX, github.com/liantze/AltaCV, LPPL 1.3c): the title in large type,
    # the employer in bold colour below, then the dates and the place, each after an
    # icon, on one line; a sidebar on the right.
    Template(
        "pdf_altacv",
        "pdf",
        lambda r: [r["title"], f"**{r['employer']}**", f"◷ {r['dates']}   ⚲ {r['city']}"],
        columns="sidebar_right",
        css=".r0 { font-size: 13pt; } .r1 b { color: #8f0d0d; } .r2 { font-size: 8.5pt; }",
    ),
    # LinkedIn's "Save to PDF" (above) read back as plain text (pdftotext without layout):
    # the employer once, then per role the title, "dates (duration)" and the place.
    Template(
        "txt_linkedin_pdf_text",
        "text",
        lambda r: (
            ([r["employer"]] if r["first"] else [])
            + [
                r["title"],
                f"{r['start']} - {r['end']} ({r['years']})",
                f"{r['city']}, United States",
            ]
        ),
        person=PROMOTED,
        dates="long",
        bullet="",
    ),
    # sb2nov/resume (above) redone in Word with a state after the city: "Employer" in
    # bold with "City, ST" at a right tab; the title in italics with the dates.
    Template(
        "docx_sb2nov_state",
        "docx",
        lambda r: [f"**{r['employer']}**\t{r['city']}, WA", f"*{r['title']}*\t*{r['dates']}*"],
    ),
    # Google Docs "Serif" (above) downloaded as Markdown (Google Docs' own export): the
    # heading as "### **Employer**, City — *Title*", the dates in capitals below.
    Template(
        "md_google_serif_export",
        "markdown",
        lambda r: [
            f"### **{r['employer']}**, {r['city']} — *{r['title']}*",
            r["dates"].upper(),
        ],
    ),
    # moderncv "classic" (above) through pdftotext -layout: the dates from the margin
    # first, then "Title, Employer, City" after a run of spaces.
    Template(
        "txt_moderncv_pdftotext",
        "text",
        lambda r: [f"{r['dates']}\t{r['title']}, {r['employer']}, {r['city']}"],
        join="pad",
        bullet="• ",
    ),
    # Microsoft Word templates laid out as one big table (e.g. "Blue grey resume",
    # Microsoft Create, Microsoft's terms; arrangement only): contact, education and
    # skills in a narrow left cell; the name, summary and roles in the right one, each
    # role "Title" in bold over "Employer, City" with the dates at a right tab.
    Template(
        "docx_word_sidebar_table",
        "docx",
        lambda r: [f"**{r['title']}**", f"{r['employer']}, {r['city']}\t{r['dates']}"],
        docx_sidebar=True,
    ),
    # Twenty Seconds CV (LaTeX, github.com/spagnuolocarmine/TwentySecondsCurriculumVitae-
    # LaTex, MIT): a coloured sidebar on the left; each entry's dates in a small column,
    # the title in bold with the employer on the right, a line of text below.
    Template(
        "pdf_twenty_seconds",
        "pdf",
        lambda r: [f"**{r['title']}**\t{r['employer']}"],
        margin=lambda r: [r["dates"]],
        columns="sidebar_left",
        css=".side { background: #cedde6; } .margin { font-size: 8pt; }",
    ),
    # Jake's Resume (above) through pdftotext -layout, from a narrow PDF: every bullet
    # wraps, its next lines indented under its text (some open with a figure or "€").
    Template(
        "txt_jake_pdftotext_wrapped",
        "text",
        lambda r: [f"{r['title']}\t{r['dates']}", f"{r['employer']}\t{r['city']}"],
        join="pad",
        bullet="• ",
        wrap=44,
    ),
    # The same in Markdown, as people paste it into a README: the wrapped lines of a list
    # item indented under it (one item to Markdown).
    Template(
        "md_jake_wrapped",
        "markdown",
        lambda r: [f"**{r['title']}** | {r['dates']}", f"*{r['employer']}* | {r['city']}"],
        wrap=40,
    ),
    # The Europass CV of 2004-2012 (European Commission and Cedefop, free to use), as a
    # Word table of labels on the left and values on the right: "Dates", "Occupation or
    # position held", "Name and address of employer", then the activities as a list.
    Template(
        "docx_europass_2012_form",
        "docx",
        lambda r: [],
        docx_form=True,
        dates="numeric",
        sections=("Profile", "Work experience", "Education and training", "Skills"),
    ),
    # A Word resume whose right tab stop draws dot leaders to the dates (a paragraph
    # option of Word's Tabs dialog), copied as text from its PDF: the dots come along.
    Template(
        "txt_word_dot_leaders",
        "text",
        lambda r: [f"{r['title']}, {r['employer']}\t{r['dates']}", r["city"]],
        join="dots",
        bullet="• ",
    ),
    # The same as a PDF, the leader drawn as dots between the heading and its dates.
    Template(
        "pdf_word_dot_leaders",
        "pdf",
        lambda r: [f"**{r['title']}**, {r['employer']}\t{r['dates']}", f"*{r['city']}*"],
        css=".r0 > span:first-child::after { content: leader('.'); }",
    ),
    # Labelled fields, as in resume formats common in India (e.g. the samples on
    # Naukri.com, proprietary; arrangement only): "Company:", "Designation:",
    # "Duration:" and "Location:" before each value.
    Template(
        "txt_labelled_fields",
        "text",
        lambda r: [
            f"Company: {r['employer']}",
            f"Designation: {r['title']}",
            f"Duration: {r['dates']}",
            f"Location: {r['city']}",
        ],
        sections=("Profile Summary", "Work Experience", "Education", "Key Skills"),
    ),
    # The same labels in Word, each label in bold and its value plain.
    Template(
        "docx_labelled_fields",
        "docx",
        lambda r: [
            f"**Company:** {r['employer']}",
            f"**Designation:** {r['title']}",
            f"**Duration:** {r['dates']}",
        ],
        sections=("Profile Summary", "Professional Experience", "Education", "Key Skills"),
    ),
]

WORLD_DATE_STYLES = ("short", "long", "numeric", "dotted", "de", "fr", "es", "year")


def world_layouts(first: int) -> list[Layout]:
    """Each template three times, numbered from `first`: each time with another person
    (where the template has none of its own), date style, description and abbreviations."""
    people = (*PEOPLE, SLASHED, TITLED_EMPLOYERS)
    out = []
    for turn in (0, 1, 2):
        for i, template in enumerate(TEMPLATES):
            k = i + turn * 3
            dates = template.dates or WORLD_DATE_STYLES[k % len(WORLD_DATE_STYLES)]
            out.append(
                Layout(
                    number=first + len(out),
                    format="world",
                    heading=template.name,
                    person=template.person or people[(i + turn) % len(people)],
                    dates=dates,
                    describe=(i + turn) % 2 == 1,
                    abbreviate=(i + 2 * turn) % 4 == 2,
                )
            )
    return out


def template(layout: Layout) -> Template:
    return next(t for t in TEMPLATES if t.name == layout.heading)


SUFFIX = {"markdown": ".md", "text": ".txt", "docx": ".docx", "pdf": ".pdf"}


def write_world(layout: Layout, folder: Path) -> Path:
    t = template(layout)
    path = folder / f"{layout.name}{SUFFIX[t.format]}"
    if path.exists():
        return path
    if t.format in ("markdown", "text"):
        path.write_text(_text(layout, t), encoding="utf-8")
    elif t.format == "docx":
        path.write_bytes(_docx(layout, t))
    else:
        path.write_bytes(_pdf(layout, t))
    return path


# --- a role's fields and heading rows -----------------------------------------


def _years(role: Role) -> str:
    """LinkedIn's duration, counted to December 2024 for a current role."""
    end = role.end or (2024, 12)
    months = (end[0] - role.start[0]) * 12 + end[1] - role.start[1] + 1
    years, rest = divmod(months, 12)
    parts = [f"{years} yr{'s' if years > 1 else ''}" if years else ""]
    parts.append(f"{rest} mo{'s' if rest > 1 else ''}" if rest else "")
    return " ".join(p for p in parts if p)


def _fields(layout: Layout, role: Role) -> Fields:
    roles = layout.person.roles
    i = roles.index(role)
    start, end = written_date(role.start, layout.dates), written_date(role.end, layout.dates)
    return {
        "title": layout.title(role),
        "employer": role.employer,
        "city": role.city,
        "start": start,
        "end": end,
        "dates": f"{start} – {end}",
        "years": _years(role),
        "first": "" if i and roles[i - 1].employer == role.employer else "1",
    }


def _runs(text: str) -> list[tuple[str, bool, bool]]:
    """(text, bold, italic) runs of a piece of markup."""
    out = []
    for part in re.split(r"(\*\*.+?\*\*|\*[^*\s][^*]*\*)", text):
        if part.startswith("**"):
            out.append((part[2:-2], True, False))
        elif part.startswith("*") and len(part) > 1:
            out.append((part[1:-1], False, True))
        elif part:
            out.append((part, False, False))
    return out


def _plain(text: str) -> str:
    return "".join(t for t, _, _ in _runs(text))


# --- text and Markdown ---------------------------------------------------------


def _text(layout: Layout, t: Template) -> str:
    p = layout.person
    md = t.format == "markdown"
    summary, experience, education, skills = t.sections

    def section(name: str) -> list[str]:
        if md:
            return ["", f"## {name}"]
        if t.underline:
            return ["", name, "-" * len(name)]
        return ["", name.upper()]

    def row(cells: str) -> str:
        left, _, right = cells.partition("\t")
        if not md:
            left, right = _plain(left), _plain(right)
        if not right:
            return left
        if t.join in ("pad", "dots"):  # the right piece at the right margin
            fill = (" " if t.join == "pad" else ".") * max(4, 90 - len(left) - len(right))
            return f"{left}{fill}{right}" if t.join == "pad" else f"{left} {fill} {right}"
        return f"{left}{t.join}{right}"

    out = [f"# {p.name}" if md else p.name, f"{p.email} | {p.phone} | {p.city}"]
    out += [*section(summary), p.summary, *section(experience)]
    for role in p.roles:
        f = _fields(layout, role)
        out.append("")
        out += [row(line) for line in (t.margin(f) if t.margin else [])]
        out += [row(line) for line in t.heading(f)]
        if layout.describe:
            out.append(f"*{role.description}*" if md else role.description)
        glyph = "- " if md else t.bullet
        for bullet in role.bullets:
            if t.wrap:  # as pdftotext -layout keeps a wrapped bullet: indented under its text
                indent = "  " + " " * len(glyph)
                out += textwrap.wrap(
                    bullet, t.wrap, initial_indent=f"  {glyph}", subsequent_indent=indent
                )
            else:
                out.append(f"{glyph}{bullet}")
    out += [*section(education), f"{p.degree}, {p.school}, {p.graduated}"]
    out += [*section(skills), ", ".join(p.skills), ""]
    return "\n".join(out)


# --- DOCX ----------------------------------------------------------------------


def _docx(layout: Layout, t: Template) -> bytes:
    import docx
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Inches

    p = layout.person
    document = docx.Document()
    summary, experience, education, skills = t.sections

    def add_row(container: object, markup: str, style: str | None) -> None:
        paragraph = container.add_paragraph(style=style)  # type: ignore[attr-defined]
        paragraph.paragraph_format.tab_stops.add_tab_stop(Inches(6), WD_TAB_ALIGNMENT.RIGHT)
        for j, cell in enumerate(markup.split("\t")):
            if j:
                paragraph.add_run().add_tab()
            for text, bold, italic in _runs(cell):
                run = paragraph.add_run(text)
                run.bold, run.italic = bold or None, italic or None

    def add_body(container: object, role: Role, f: Fields) -> None:
        for i, line in enumerate(t.heading(f)):
            add_row(container, line, t.docx_styles[i] if i < len(t.docx_styles) else None)
        if layout.describe:
            container.add_paragraph(role.description).runs[0].italic = True  # type: ignore[attr-defined]
        for bullet in role.bullets:
            if t.docx_bullets == "•":
                container.add_paragraph(f"•\t{bullet}")  # type: ignore[attr-defined]
            else:
                container.add_paragraph(bullet, style=t.docx_bullets)  # type: ignore[attr-defined]

    main = side = document
    if t.docx_sidebar:  # the page as one table row: a sidebar cell and the main cell
        side, main = document.add_table(rows=1, cols=2).rows[0].cells
        side.paragraphs[0].text = p.email

    def heading(container: object, text: str, level: int) -> None:
        container.add_paragraph(text, style="Title" if level == 0 else f"Heading {level}")  # type: ignore[attr-defined]

    if t.docx_header:
        header = document.sections[0].header
        header.paragraphs[0].add_run(p.name).bold = True
        header.add_paragraph(f"{p.email} | {p.phone} | {p.city}")
    elif t.docx_sidebar:
        heading(main, p.name, 0)
        side.add_paragraph(p.phone)
        side.add_paragraph(p.city)
    else:
        document.add_heading(p.name, 0)
        document.add_paragraph(f"{p.email} | {p.phone} | {p.city}")
    heading(main, summary, 1)
    main.add_paragraph(p.summary)
    heading(main, experience, 1)
    for role in p.roles:
        f = _fields(layout, role)
        if t.docx_form:
            rows = [("Dates", f["dates"]), ("Occupation or position held", f["title"])]
            rows.append(("Name and address of employer", f"{f['employer']}, {f['city']}"))
            if layout.describe:
                rows.append(("Type of business or sector", role.description))
            table = main.add_table(rows=len(rows) + 1, cols=2)
            for (label, value), cells in zip(rows, table.rows, strict=False):
                cells.cells[0].text, cells.cells[1].text = label, value
            label, value = table.rows[-1].cells
            label.text = "Main activities and responsibilities"
            value.paragraphs[0]._element.getparent().remove(value.paragraphs[0]._element)
            for bullet in role.bullets:
                value.add_paragraph(bullet, style=t.docx_bullets)
        elif t.margin:
            table = main.add_table(rows=1, cols=2)
            left, right = table.rows[0].cells
            left.text = "\n".join(t.margin(f))
            right.paragraphs[0]._element.getparent().remove(right.paragraphs[0]._element)
            add_body(right, role, f)
        else:
            add_body(main, role, f)
    heading(side, education, 1)
    side.add_paragraph(f"{p.degree}, {p.school}, {p.graduated}")
    heading(side, skills, 1)
    side.add_paragraph(", ".join(p.skills))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- PDF -----------------------------------------------------------------------

_CSS = """
@page { size: Letter; margin: 0.6in; }
body { font-family: sans-serif; font-size: 10pt; }
h1 { font-size: 20pt; margin: 0 0 4pt; } h2 { font-size: 12pt; margin: 10pt 0 4pt; }
.row { display: table; width: 100%; margin: 0; } .row > span { display: table-cell; }
.row > .right { white-space: nowrap; padding-left: 1.5em; text-align: right; width: 1%; }
.role { margin-top: 8pt; } .desc { font-style: italic; margin: 0; }
ul { margin: 2pt 0; padding-left: 14pt; } p { margin: 0; }
.cols { display: flex; } .main { width: 68%; } .side { width: 32%; }
.cols.left .side { padding-right: 16pt; } .cols.right .main { padding-right: 16pt; }
.entry { display: flex; } .margin { width: 22%; text-align: right; padding-right: 10pt; }
.entry .body { width: 78%; } .margin.right { text-align: right; padding: 0 0 0 10pt; }
"""


def _html_markup(text: str) -> str:
    out = []
    for part, bold, italic in _runs(text):
        part = html.escape(part)
        out.append(f"<b>{part}</b>" if bold else f"<i>{part}</i>" if italic else part)
    return "".join(out)


def _pdf(layout: Layout, t: Template) -> bytes:
    import weasyprint

    p = layout.person
    e = html.escape
    summary_name, experience_name, education_name, skills_name = t.sections
    roles = []
    for role in p.roles:
        f = _fields(layout, role)
        rows = []
        for i, line in enumerate(t.heading(f)):
            left, *right = line.split("\t")
            cells = "".join(f'<span class="right">{_html_markup(c)}</span>' for c in right)
            rows.append(f'<p class="row r{i}"><span>{_html_markup(left)}</span>{cells}</p>')
        if layout.describe:
            rows.append(f'<p class="desc">{e(role.description)}</p>')
        items = "".join(f"<li>{e(b)}</li>" for b in role.bullets)
        body = f"{''.join(rows)}<ul>{items}</ul>"
        if t.margin:
            margin = "".join(f"<p>{e(line)}</p>" for line in t.margin(f))
            margin = f'<div class="margin {t.margin_side}">{margin}</div>'
            body = f'<div class="body">{body}</div>'
            body = margin + body if t.margin_side == "left" else body + margin
            body = f'<div class="entry">{body}</div>'
        roles.append(f'<div class="role">{body}</div>')
    experience = f"<h2>{e(experience_name)}</h2>{''.join(roles)}"
    summary = f"<h2>{e(summary_name)}</h2><p>{e(p.summary)}</p>"
    contact = f"<p>{e(p.email)}</p><p>{e(p.phone)}</p><p>{e(p.city)}</p>"
    education = f"<h2>{e(education_name)}</h2><p>{e(p.degree)}, {e(p.school)}, {p.graduated}</p>"
    skills = f"<h2>{e(skills_name)}</h2><p>{e(', '.join(p.skills))}</p>"
    if t.columns == "one":
        line = f"<p>{e(p.email)} | {e(p.phone)} | {e(p.city)}</p>"
        body = f"<h1>{e(p.name)}</h1>{line}{summary}{experience}{education}{skills}"
    else:
        side = f"<div class='side'><h2>Contact</h2>{contact}{skills}{education}</div>"
        main = f"<div class='main'><h1>{e(p.name)}</h1>{summary}{experience}</div>"
        inner = side + main if t.columns == "sidebar_left" else main + side
        where = "left" if t.columns == "sidebar_left" else "right"
        body = f"<div class='cols {where}'>{inner}</div>"
    page = f"<html><head><style>{_CSS}{t.css}</style></head><body>{body}</body></html>"
    return weasyprint.HTML(string=page).write_pdf()
