"""The reader on layouts modelled on public resume templates (tests/eval/world_layouts.py).

Each file is made from facts, so the test knows the reading to expect: every role's
title, employer and dates, its bullets, and every non-empty line placed once or
reported as unplaced (issue 21).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from preploop.report import resume_parser
from preploop.report.ingest import read_resume
from preploop.report.readers import read_text
from preploop.report.resume_parser import parse_resume

sys.path.insert(0, str(Path(__file__).resolve().parent / "eval"))
import layouts as layout_corpus  # noqa: E402  (tests/eval/layouts.py)
import world_layouts  # noqa: E402  (tests/eval/world_layouts.py)

ALL = {layout.name: layout for layout in world_layouts.world_layouts(0)}
WORLD = {}  # each template's first layout, by the template's name
for _layout in ALL.values():
    WORLD.setdefault(_layout.heading, _layout)
# One of each format, and the leftovers of issue 21: space-aligned pieces, slash
# headings, a margin column of dates and places, a table cell of dates, a promotion.
REPRESENTATIVE = [
    "md_slashes",
    "md_jake_wrapped",
    "txt_jake_pdftotext",
    "txt_sb2nov_spaces",
    "txt_jake_pdftotext_wrapped",
    "docx_harvard",
    "docx_europass_table",
    "docx_europass_2012_form",
    "docx_google_serif",
    "docx_word_sidebar_table",
    "pdf_moderncv_casual_margin",
    "pdf_linkedin_profile",
    "pdf_europass",
]


def _file(name: str, tmp_path: Path) -> Path:
    layout = WORLD.get(name) or ALL[name]
    if world_layouts.template(layout).format == "pdf":
        pytest.importorskip("weasyprint")
    return world_layouts.write_world(layout, tmp_path)


def _same_date(found: str, month: tuple[int, int] | None, style: str) -> bool:
    return layout_corpus._same_date(found, month, style)


@pytest.mark.parametrize("name", REPRESENTATIVE)
def test_template_layout_reads_every_role(name: str, tmp_path: Path) -> None:
    layout = WORLD[name]
    resume = read_resume(_file(name, tmp_path))
    roles = layout.person.roles
    assert [(p.title, p.employer) for p in resume.positions] == [
        (layout.title(role), role.employer) for role in roles
    ]
    for role, position in zip(roles, resume.positions, strict=True):
        assert _same_date(position.start, role.start, layout.dates), position.start
        assert _same_date(position.end, role.end, layout.dates), position.end
        # a minus sign is read as "-" (cleaning), as the scoreboard counts it
        expected = [layout_corpus._norm(b) for b in role.bullets]
        assert [layout_corpus._norm(b) for b in position.bullets] == expected
        if layout.describe:
            assert position.description == role.description
    assert resume.unplaced == [] and resume.warnings == []


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_line_of_a_template_layout_lands_once(name: str, tmp_path: Path) -> None:
    text, fmt, pages = read_text(_file(name, tmp_path), marks=True)
    _, trace = resume_parser.trace_resume(text, fmt, pages)
    assert trace
    assert [(line, places) for line, places in trace if len(places) != 1] == []


def test_there_are_thirty_template_layouts_all_tuned() -> None:
    assert len(WORLD) >= 30
    assert not any(layout.held_back for layout in ALL.values())
    names = {layout.name for layout in layout_corpus.layouts() if layout.format == "world"}
    assert len(names) == len(ALL)  # the scoreboard counts them all


def test_a_word_page_table_keeps_its_sidebar_contact_in_the_header(tmp_path: Path) -> None:
    """A Word page laid out as a table: the sidebar's contact details (no heading of
    their own) are the resume's header, not bullets of the last role."""
    resume = read_resume(_file("docx_word_sidebar_table", tmp_path))
    person = WORLD["docx_word_sidebar_table"].person
    assert (resume.name, resume.contact.email) == (person.name, person.email)
    assert resume.contact.location == person.city
    assert resume.positions[-1].bullets == list(person.roles[-1].bullets)


# --- the leftovers of issue 21, one by one -------------------------------------


def _first_role(tmp_path: Path, text: str):
    """The first position of Kim Park's resume (a text file) with this Experience section,
    checked to read as Senior Product Manager at Northwind Labs, Seattle."""
    path = tmp_path / "resume.txt"
    path.write_text(f"Kim Park\nkim@example.com\n\nEXPERIENCE\n{text}", encoding="utf-8")
    position = read_resume(path).positions[0]
    assert (position.title, position.employer, position.location) == (
        "Senior Product Manager",
        "Northwind Labs",
        "Seattle",
    )
    return position


def test_employer_and_city_set_apart_by_spaces(tmp_path: Path) -> None:
    position = _first_role(
        tmp_path,
        "Senior Product Manager                              Jan 2022 – Present\n"
        "Northwind Labs                                      Seattle\n"
        "• Grew activation from 40% → 55% in two quarters by rebuilding onboarding\n"
        "• Cut checkout errors by 30% with a new address form for every market\n",
    )
    assert len(position.bullets) == 2


def test_slash_heading_keeps_the_slash_in_the_title() -> None:
    resume = parse_resume(
        "Kim Park\nkim@example.com\nExperience\n"
        "Product / Growth Lead / Initech\nSep 2021 – Present\n- Ran the growth roadmap\n"
        "Growth PM / Hooli | 2018 – 2021\n- Ran pricing experiments\n"
    )
    assert [(p.title, p.employer) for p in resume.positions] == [
        ("Product / Growth Lead", "Initech"),
        ("Growth PM", "Hooli"),
    ]


def test_a_lost_line_outside_experience_is_warned_about() -> None:
    """A dated line or a duty read into another section (a PDF margin column read after
    the main column lands in Education) is a job that may be lost: it is said."""
    resume = parse_resume(
        "Kim Park\nkim@example.com\nExperience\n"
        "Product Manager | Initech | 2020 – Present\n- Owned the roadmap\n"
        "Education\n- Led the data platform migration for 40 teams\n"
        "B.A. Economics, Boston University, 2014\n"
    )
    assert [u.looks_like_experience for u in resume.unplaced] == [True]
    assert resume.warnings == [
        "1 line that looks like work experience was not placed in a position: check the layout"
    ]


def test_a_title_ending_in_an_abbreviation_is_no_sentence() -> None:
    resume = parse_resume(
        "Kim Park\nkim@example.com\nExperience\n"
        "Adventure Works Cycles, Portland - Dir. of Operations\n02/2020 - Present\n"
        "- Cut order-to-ship time by 38%\n"
        "Alpine Ski House, Denver - Senior Operations Mgr.\n05/2016 - 01/2020\n"
        "- Raised on-time delivery from 82% → 97%\n"
    )
    assert [(p.title, p.employer, p.location) for p in resume.positions] == [
        ("Dir. of Operations", "Adventure Works Cycles", "Portland"),
        ("Senior Operations Mgr.", "Alpine Ski House", "Denver"),
    ]
    assert resume.unplaced == []


def test_a_bullet_wrapped_before_a_figure_keeps_it() -> None:
    """Text pasted from a PDF viewer breaks lines where the PDF did, with no indentation:
    a line opening with a figure or a currency carries the bullet on."""
    resume = parse_resume(
        "Kim Park\nkim@example.com\nExperience\n"
        "Operations Manager | Alpine Ski House | 2016 – 2020\n"
        "• Negotiated freight contracts worth\n£2.1M a year with 3 carriers\n"
        "• Raised on-time delivery from 82% →\n97% in two seasons\n"
        "Analyst | Trey Research | 2014 – 2016\n- Automated 12 weekly reports\n"
        "3M, Senior Engineer\n2012 – 2014\n- Built the sensor dashboard\n"
    )
    assert [p.bullets for p in resume.positions] == [
        [
            "Negotiated freight contracts worth £2.1M a year with 3 carriers",
            "Raised on-time delivery from 82% → 97% in two seasons",
        ],
        ["Automated 12 weekly reports"],
        ["Built the sensor dashboard"],
    ]


def test_a_school_written_as_a_bullet_is_an_entry_not_a_lost_line() -> None:
    """moderncv's "chai" sample lists its degrees as bullets: each opens an entry, and
    none is reported as a job that may be lost."""
    resume = parse_resume(
        "Kim Park\nkim@example.com\nExperience\n"
        "Product Manager | Initech | 2020 – Present\n- Owned the roadmap\n"
        "Education\n- Ph.D. in Physics, University of Elsewhere, 2016 - 2021\n"
        "- B.S. in Physics, University of Somewhere, 2012 - 2016\n"
    )
    assert [(e.institution, e.end) for e in resume.education] == [
        ("University of Elsewhere", "2021"),
        ("University of Somewhere", "2016"),
    ]
    assert resume.unplaced == [] and resume.warnings == []


def test_leader_dots_set_pieces_apart(tmp_path: Path) -> None:
    """A tab stop's leader dots (or a rule) between a heading and its dates or place."""
    position = _first_role(
        tmp_path,
        "Senior Product Manager .................... Jan 2022 - Present\n"
        "Northwind Labs ____________________ Seattle\n"
        "- Grew activation from 40% to 55%... in two quarters by rebuilding onboarding\n"
        "- Cut checkout errors by 30% with a new address form for every market\n",
    )
    assert position.bullets[0] == (
        "Grew activation from 40% to 55%... in two quarters by rebuilding onboarding"
    )
