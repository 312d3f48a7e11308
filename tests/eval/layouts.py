"""A corpus of resumes in many layouts, made from a few sets of fictional facts.

    .venv/bin/python tests/eval/layouts.py [-v]

Each layout is a format (Markdown, plain text, DOCX in three styles, PDF in one and
two columns, made with python-docx and WeasyPrint) crossed with a way of writing a
role's heading (one line of commas, pipes, company above title, dates first...),
with options rotated through them: a line describing the employer, abbreviated
titles (Sr., Jr., Dir., Mgr.), and the way dates are written (short, long and
numeric months, German, French and Spanish month names). Tuned layouts added after
the split (see `layouts()`): more headings, plain text without bullet glyphs,
two-page PDFs in large type, a promotion under one employer, and the layouts of
world_layouts.py, modelled on resume templates real candidates use (Jake's resume,
Deedy, Awesome-CV, moderncv, Europass, Harvard's, Google Docs and Word templates,
LinkedIn's PDF...). Every resume is made from facts, so its expected reading is known.

Files are generated into a cache folder outside the repository (nothing binary is
committed). `score()` reads each one with the real reader and prints, for the
tuned and the held-back layouts separately: positions exactly right (title,
employer, dates), bullets in the right position, symbols kept, employer
descriptions kept, silent losses (a line under Experience not placed and no
warning said so) and refusals.

HELD-BACK layouts were chosen before any rule was tuned and no rule is tuned on
them: every layout of the "dates_first" and "company_dash_title" headings, and
every heading in the "docx_table" format. Look only at their aggregate figure.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # world_layouts.py

from preploop.report.documents import PRESENT_WORDS, Resume, parse_month  # noqa: E402
from preploop.report.ingest import IngestError, read_resume  # noqa: E402

HELD_BACK_HEADINGS = frozenset({"dates_first", "company_dash_title"})
HELD_BACK_FORMATS = frozenset({"docx_table"})

# --- the facts -----------------------------------------------------------------


@dataclass(frozen=True)
class Role:
    title: str
    employer: str
    city: str
    start: tuple[int, int]
    end: tuple[int, int] | None  # None: still there
    description: str
    bullets: tuple[str, ...]


@dataclass(frozen=True)
class Person:
    name: str
    email: str
    phone: str
    city: str
    summary: str
    roles: tuple[Role, ...]
    school: str
    degree: str
    graduated: int
    skills: tuple[str, ...]


PEOPLE = (
    Person(
        name="Avery Lindqvist",
        email="avery.lindqvist@example.com",
        phone="+1 415 555 0132",
        city="San Francisco, CA",
        summary="Product manager with nine years in payments and onboarding, "
        "happiest close to the data and the customers.",
        roles=(
            Role(
                "Senior Product Manager",
                "Northwind Labs",
                "Seattle",
                (2022, 1),
                None,
                "Series B payments start-up, 120 people",
                (
                    "Grew activation from 40% → 55% in two quarters by rebuilding onboarding",
                    "Cut checkout errors by 30% (≥ 2× fewer support tickets)",
                    "Led a team of 6 engineers and 2 designers through a pricing relaunch",
                ),
            ),
            Role(
                "Product Manager",
                "Contoso Payments",
                "Berlin",
                (2019, 3),
                (2021, 12),
                "Card issuing platform for European banks",
                (
                    "Launched instant payouts to 1.2M merchants, saving €1.4M a year",
                    "Reduced churn by −15% with a pause-instead-of-cancel flow",
                    "Ran 24 A/B tests; 9 shipped to everyone",
                ),
            ),
            Role(
                "Associate Product Manager",
                "Fabrikam Health",
                "Austin",
                (2016, 6),
                (2019, 2),
                "Clinic scheduling software used by 3,000 practices",
                (
                    "Raised NPS from +12 to +31 by fixing the booking flow",
                    "Wrote the first analytics plan for the mobile app",
                ),
            ),
        ),
        school="University of Washington",
        degree="B.S. Informatics",
        graduated=2016,
        skills=("SQL", "Amplitude", "A/B testing", "Figma"),
    ),
    Person(
        name="Jordan Reyes",
        email="jordan.reyes@example.org",
        phone="(303) 555-0187",
        city="Denver, CO",
        summary="Backend engineer who likes boring, reliable systems and short on-call rotations.",
        roles=(
            Role(
                "Staff Software Engineer",
                "Tailspin Toys",
                "Denver",
                (2021, 4),
                None,
                "Online toy retailer shipping to 30 countries",
                (
                    "Cut p99 latency from 900 ms → 120 ms by moving pricing to a streaming cache",
                    "Scaled the order pipeline 10× to 50k events per second",
                    "Mentored 5 engineers; 3 were promoted",
                ),
            ),
            Role(
                "Senior Software Engineer",
                "Woodgrove Bank",
                "Chicago",
                (2017, 9),
                (2021, 3),
                "Retail bank with 9,000 employees",
                (
                    "Moved 140 batch jobs to Kubernetes with ≤ 5 minutes of downtime",
                    "Saved $380k a year in compute by right-sizing clusters",
                ),
            ),
            Role(
                "Junior Software Engineer",
                "Litware",
                "Toronto",
                (2015, 1),
                (2017, 8),
                "Billing software for small firms",
                (
                    "Built the billing API used by 2,000 customers",
                    "Raised test coverage from 35% → 80%",
                ),
            ),
        ),
        school="University of Toronto",
        degree="B.Sc. Computer Science",
        graduated=2014,
        skills=("Go", "Python", "Kubernetes", "PostgreSQL"),
    ),
    Person(
        name="Morgan Achterberg",
        email="morgan.achterberg@example.net",
        phone="+44 20 7946 0321",
        city="Portland, OR",
        summary="Operations leader who turns messy supply chains into calm, measurable ones "
        "for growing manufacturers.",
        roles=(
            Role(
                "Director of Operations",
                "Adventure Works Cycles",
                "Portland",
                (2020, 2),
                None,
                "Bicycle maker with 450 people and three warehouses",
                (
                    "Cut order-to-ship time by 38% across 3 warehouses",
                    "Built a team of 14 planners and analysts",
                    "Negotiated freight contracts worth £2.1M",
                ),
            ),
            Role(
                "Operations Manager",
                "Alpine Ski House",
                "Denver",
                (2016, 5),
                (2020, 1),
                "Ski resort group, 6 mountains",
                (
                    "Raised on-time delivery from 82% → 97%",
                    "Introduced weekly S&OP reviews with ≥ 95% forecast accuracy",
                ),
            ),
            Role(
                "Junior Analyst",
                "Trey Research",
                "Boston",
                (2014, 7),
                (2016, 4),
                "Market research firm for consumer brands",
                ("Automated 12 weekly reports in SQL and Python, saving 6 hours a week",),
            ),
        ),
        school="Boston University",
        degree="B.A. Economics",
        graduated=2014,
        skills=("SQL", "Python", "Tableau", "S&OP planning"),
    ),
)

# Promoted within one employer: its name is written once, above both roles.
PROMOTED = Person(
    name="Riley Okafor",
    email="riley.okafor@example.com",
    phone="+1 646 555 0177",
    city="New York, NY",
    summary="Data scientist who ships models that product teams trust, from pricing to "
    "fraud, and explains them in plain words.",
    roles=(
        Role(
            "Senior Data Scientist",
            "Globex Corporation",
            "New York",
            (2021, 6),
            None,
            "Insurance marketplace, 800 people",
            (
                "Cut false fraud flags by 42% → saving $1.1M a year in manual reviews",
                "Led a team of 3 data scientists on pricing models",
            ),
        ),
        Role(
            "Data Scientist",
            "Globex Corporation",
            "New York",
            (2019, 1),
            (2021, 5),
            "Insurance marketplace, 800 people",
            (
                "Built the churn model behind 12% fewer cancellations",
                "Ran 15 pricing experiments with ≥ 95% confidence",
            ),
        ),
        Role(
            "Data Analyst",
            "Initech",
            "Austin",
            (2016, 8),
            (2018, 12),
            "Payroll software for small firms",
            ("Automated the weekly revenue report, saving 5 hours a week",),
        ),
    ),
    school="New York University",
    degree="M.Sc. Statistics",
    graduated=2016,
    skills=("Python", "SQL", "scikit-learn", "dbt"),
)

# --- the ways of writing a layout ----------------------------------------------

MONTHS = {
    "short": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(),
    "long": "January February March April May June July August September October November "
    "December".split(),
    "dotted": "Jan. Feb. Mar. Apr. May Jun. Jul. Aug. Sept. Oct. Nov. Dec.".split(),
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November "
    "Dezember".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre "
    "décembre".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre".split(),
}
PRESENT = {"short": "Present", "long": "Current", "dotted": "Now", "numeric": "Present"}
PRESENT.update({"de": "heute", "fr": "présent", "es": "actualidad", "year": "Present"})
DATE_STYLES = ("short", "long", "numeric", "de", "dotted", "fr", "es")
ABBREVIATIONS = (("Senior", "Sr."), ("Junior", "Jr."), ("Director", "Dir."), ("Manager", "Mgr."))


def written_date(month: tuple[int, int] | None, style: str) -> str:
    if month is None:
        return PRESENT[style]
    year, number = month
    if style == "year":  # years alone (template layouts only): "2019 – 2021"
        return str(year)
    if style == "numeric":
        return f"{number:02d}/{year}"
    return f"{MONTHS[style][number - 1]} {year}"


# A role's heading as lines of cells; a cell set apart on the right is a second cell.
Heading = Callable[[dict[str, str]], list[list[str]]]
HEADINGS: dict[str, Heading] = {
    "one_line_commas": lambda r: [[f"{r['title']}, {r['employer']}, {r['dates']}"]],
    "pipes": lambda r: [[f"{r['title']} | {r['employer']} | {r['dates']}"]],
    "company_city_above": lambda r: [[f"{r['employer']}, {r['city']}"], [r["title"], r["dates"]]],
    "title_above_brackets": lambda r: [
        [r["title"]],
        [f"{r['employer']} ({r['city']})", r["dates"]],
    ],
    "dates_first": lambda r: [[r["dates"], f"{r['title']}, {r['employer']}"]],
    "title_at_company": lambda r: [[f"{r['title']} at {r['employer']}"], [r["dates"]]],
    "company_dash_title": lambda r: [[f"{r['employer']} — {r['title']}", r["city"]], [r["dates"]]],
    "brackets_dates_below": lambda r: [
        [f"{r['title']}, {r['employer']} ({r['city']})"],
        [r["dates"]],
    ],
    "company_above_title_dates": lambda r: [[r["employer"]], [r["title"], r["dates"]]],
}
# More headings, added after the held-back split was fixed: tuned layouts only, in
# every format but the held-back one, numbered after the first 63.
EXTRA_HEADINGS: dict[str, Heading] = {
    "title_dash_company_city": lambda r: [
        [f"{r['title']} – {r['employer']} – {r['city']}", r["dates"]]
    ],
    "company_city_dates_above_title": lambda r: [
        [f"{r['employer']} | {r['city']} | {r['dates']}"],
        [r["title"]],
    ],
    "dates_in_brackets": lambda r: [[f"{r['title']}, {r['employer']} ({r['dates']})"]],
    "linkedin_export": lambda r: [
        [r["title"]],
        [f"{r['employer']} · Full-time"],
        [r["dates"]],
        [r["city"]],
    ],
}
FORMATS = ("markdown", "text", "docx_bold", "docx_heading", "docx_table", "pdf_one", "pdf_two")
SUFFIX = {"markdown": ".md", "text": ".txt", "text_no_glyphs": ".txt", "pdf_one": ".pdf"}
SUFFIX["pdf_two"] = SUFFIX["pdf_two_pages"] = ".pdf"


@dataclass(frozen=True)
class Layout:
    number: int
    format: str
    heading: str
    person: Person
    dates: str
    describe: bool  # a line about the employer under the heading
    abbreviate: bool

    @property
    def name(self) -> str:
        return f"{self.number:02d}-{self.format}-{self.heading}"

    @property
    def held_back(self) -> bool:
        return self.heading in HELD_BACK_HEADINGS or self.format in HELD_BACK_FORMATS

    def title(self, role: Role) -> str:
        title = role.title
        if self.abbreviate:
            for word, short in ABBREVIATIONS:
                title = re.sub(rf"\b{word}\b", short, title)
        return title

    def heading_lines(self, role: Role) -> list[list[str]]:
        start, end = written_date(role.start, self.dates), written_date(role.end, self.dates)
        if self.heading == "employer_once":  # the employer above its first role only
            roles = self.person.roles
            i = roles.index(role)
            lines = [] if i and roles[i - 1].employer == role.employer else [[role.employer]]
            return [*lines, [self.title(role), f"{start} – {end}"]]
        fields = {
            "title": self.title(role),
            "employer": role.employer,
            "city": role.city,
            "dates": f"{start} – {end}",
        }
        return {**HEADINGS, **EXTRA_HEADINGS}[self.heading](fields)


def layouts() -> list[Layout]:
    """Every format with every heading (63 layouts), then the extra tuned headings (24),
    plain text without bullet glyphs (11), two-page PDFs (7), a promotion under one
    employer (7) and the template layouts (world_layouts.py), options rotated through
    them."""
    out = []
    for f, fmt in enumerate(FORMATS):
        for h, heading in enumerate(HEADINGS):
            n = len(out)
            out.append(
                Layout(
                    number=n,
                    format=fmt,
                    heading=heading,
                    person=PEOPLE[n % len(PEOPLE)],
                    dates=DATE_STYLES[(f + 2 * h) % len(DATE_STYLES)],
                    describe=(f + h) % 2 == 0,
                    abbreviate=(f + h) % 3 == 0,
                )
            )
    for f, fmt in enumerate(FORMATS):
        for h, heading in enumerate(EXTRA_HEADINGS, len(HEADINGS)):
            if fmt in HELD_BACK_FORMATS:
                continue
            n = len(out)
            out.append(
                Layout(
                    number=n,
                    format=fmt,
                    heading=heading,
                    person=PEOPLE[n % len(PEOPLE)],
                    dates=DATE_STYLES[(f + 2 * h) % len(DATE_STYLES)],
                    describe=(f + h) % 2 == 0,
                    abbreviate=(f + h) % 3 == 0,
                )
            )
    # Plain text with bullets written as plain sentences, no glyph: tuned headings only.
    tuned = [h for h in {**HEADINGS, **EXTRA_HEADINGS} if h not in HELD_BACK_HEADINGS]
    for h, heading in enumerate(tuned):
        n = len(out)
        out.append(
            Layout(
                number=n,
                format="text_no_glyphs",
                heading=heading,
                person=PEOPLE[n % len(PEOPLE)],
                dates=DATE_STYLES[h % len(DATE_STYLES)],
                describe=h % 2 == 1,
                abbreviate=h % 3 == 1,
            )
        )
    # PDFs of two pages, a page break inside a role: the tuned headings of the first nine.
    for h, heading in enumerate(h for h in HEADINGS if h not in HELD_BACK_HEADINGS):
        out.append(
            Layout(
                number=len(out),
                format="pdf_two_pages",
                heading=heading,
                person=PEOPLE[h % len(PEOPLE)],
                dates=DATE_STYLES[(h + 3) % len(DATE_STYLES)],
                describe=h % 2 == 0,
                abbreviate=h % 3 == 2,
            )
        )
    # One employer above two roles (a promotion), in every tuned format.
    for f, fmt in enumerate((*FORMATS, "text_no_glyphs")):
        if fmt in HELD_BACK_FORMATS:
            continue
        out.append(
            Layout(
                number=len(out),
                format=fmt,
                heading="employer_once",
                person=PROMOTED,
                dates=DATE_STYLES[f % len(DATE_STYLES)],
                describe=f % 2 == 0,
                abbreviate=f % 3 == 0,
            )
        )
    # Layouts modelled on templates real candidates use (world_layouts.py): tuned.
    from world_layouts import world_layouts

    return out + world_layouts(len(out))


# --- writing the files ---------------------------------------------------------


def write(layout: Layout, folder: Path) -> Path:
    if layout.format == "world":
        from world_layouts import write_world

        return write_world(layout, folder)
    path = folder / f"{layout.name}{SUFFIX.get(layout.format, '.docx')}"
    if path.exists():
        return path
    if layout.format.startswith(("markdown", "text")):
        path.write_text(_text(layout, markdown=layout.format == "markdown"), encoding="utf-8")
    elif layout.format.startswith("docx"):
        path.write_bytes(_docx(layout))
    else:
        path.write_bytes(_pdf(layout))
    return path


def _text(layout: Layout, markdown: bool) -> str:
    p = layout.person
    h1, h2 = ("# ", "## ") if markdown else ("", "")

    def heading(text: str) -> str:
        return f"{h2}{text}" if markdown else text.upper()

    out = [f"{h1}{p.name}", f"{p.email} | {p.phone} | {p.city}", "", heading("Summary"), p.summary]
    out += ["", heading("Experience")]
    for role in p.roles:
        out.append("")
        for i, cells in enumerate(layout.heading_lines(role)):
            line = (" | " if markdown else "\t").join(cells)
            out.append(f"### {line}" if markdown and i == 0 else line)
        if layout.describe:
            out.append(role.description)
        glyph = "" if layout.format == "text_no_glyphs" else "- "
        out += [f"{glyph}{bullet}" for bullet in role.bullets]
    out += ["", heading("Education"), f"{p.degree}, {p.school}, {p.graduated}"]
    out += ["", heading("Skills"), ", ".join(p.skills), ""]
    return "\n".join(out)


def _docx(layout: Layout) -> bytes:
    import docx
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Inches

    p = layout.person
    document = docx.Document()
    document.add_heading(p.name, 0)
    document.add_paragraph(f"{p.email} | {p.phone} | {p.city}")
    document.add_heading("Summary", 1)
    document.add_paragraph(p.summary)
    document.add_heading("Experience", 1)
    for role in p.roles:
        for i, cells in enumerate(layout.heading_lines(role)):
            if layout.format == "docx_table":
                table = document.add_table(rows=1, cols=len(cells))
                for cell, text in zip(table.rows[0].cells, cells, strict=True):
                    cell.text = text
                continue
            if layout.format == "docx_heading" and i == 0:
                paragraph = document.add_paragraph(style="Heading 3")
            else:
                paragraph = document.add_paragraph()
            paragraph.paragraph_format.tab_stops.add_tab_stop(Inches(6), WD_TAB_ALIGNMENT.RIGHT)
            for j, text in enumerate(cells):
                if j:
                    paragraph.add_run().add_tab()
                paragraph.add_run(text).bold = layout.format == "docx_bold"
        if layout.describe:
            document.add_paragraph(role.description).runs[0].italic = True
        for bullet in role.bullets:
            if layout.format == "docx_table":
                document.add_paragraph(f"• {bullet}")
            else:
                document.add_paragraph(bullet, style="List Bullet")
    document.add_heading("Education", 1)
    document.add_paragraph(f"{p.degree}, {p.school}, {p.graduated}")
    document.add_heading("Skills", 1)
    document.add_paragraph(", ".join(p.skills))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_CSS = """
@page { size: Letter; margin: 0.6in; }
body { font-family: sans-serif; font-size: 10pt; }
h1 { font-size: 20pt; margin: 0 0 4pt; } h2 { font-size: 12pt; margin: 10pt 0 4pt; }
.row { display: table; width: 100%; } .row > span { display: table-cell; }
.row > .right { white-space: nowrap; padding-left: 1.5em; text-align: right; width: 1%; }
.role { margin-top: 8pt; } .desc { font-style: italic; margin: 0; }
ul { margin: 2pt 0; padding-left: 14pt; } p { margin: 0; }
.cols { display: flex; } .main { width: 68%; padding-right: 16pt; } .side { width: 32%; }
"""


def _pdf(layout: Layout) -> bytes:
    import weasyprint

    p = layout.person
    e = html.escape
    roles = []
    for role in p.roles:
        rows = []
        for i, cells in enumerate(layout.heading_lines(role)):
            first = f"<b>{e(cells[0])}</b>" if i == 0 else e(cells[0])
            # A cell set apart sits on the right of the same line, as in a table row;
            # (a float let WeasyPrint draw long headings over the dates).
            right = "".join(f'<span class="right">{e(c)}</span>' for c in cells[1:])
            rows.append(f'<p class="row"><span>{first}</span>{right}</p>')
        if layout.describe:
            rows.append(f'<p class="desc">{e(role.description)}</p>')
        items = "".join(f"<li>{e(b)}</li>" for b in role.bullets)
        roles.append(f'<div class="role">{"".join(rows)}<ul>{items}</ul></div>')
    experience = f"<h2>Experience</h2>{''.join(roles)}"
    summary = f"<h2>Summary</h2><p>{e(p.summary)}</p>"
    contact = f"<p>{e(p.email)}</p><p>{e(p.phone)}</p><p>{e(p.city)}</p>"
    education = f"<h2>Education</h2><p>{e(p.degree)}, {e(p.school)}, {p.graduated}</p>"
    skills = f"<h2>Skills</h2><p>{e(', '.join(p.skills))}</p>"
    if layout.format == "pdf_two":
        body = (
            f"<h1>{e(p.name)}</h1><div class='cols'><div class='main'>{summary}{experience}"
            f"</div><div class='side'><h2>Contact</h2>{contact}{skills}{education}</div></div>"
        )
    else:
        line = f"<p>{e(p.email)} | {e(p.phone)} | {e(p.city)}</p>"
        body = f"<h1>{e(p.name)}</h1>{line}{summary}{experience}{education}{skills}"
    # Large type spreads a resume over two pages, with page numbers in the footer.
    large = "body { font-size: 24pt; } @page { @bottom-center { content: counter(page) } }"
    css = _CSS + (large if layout.format == "pdf_two_pages" else "")
    page = f"<html><head><style>{css}</style></head><body>{body}</body></html>"
    return weasyprint.HTML(string=page).write_pdf()


def corpus_folder() -> Path:
    """A cache folder named after this script's contents: a change makes new files."""
    here = Path(__file__).parent
    scripts = (here / "layouts.py", here / "world_layouts.py")
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in scripts)).hexdigest()[:12]
    folder = Path(tempfile.gettempdir()) / f"preploop-layouts-{digest}"
    folder.mkdir(exist_ok=True)
    return folder


def corpus() -> list[tuple[Layout, Path]]:
    folder = corpus_folder()
    return [(layout, write(layout, folder)) for layout in layouts()]


# --- scoring -------------------------------------------------------------------

# Characters whose loss changes a result's meaning; a minus sign reads as "-".
SYMBOLS = "→×≥≤%€$£+−"
UNPLACED_WARNING = "not placed in a position"


@dataclass
class Figures:
    positions_right: int = 0
    positions: int = 0
    bullets_right: int = 0
    bullets: int = 0
    symbols_kept: int = 0
    symbols: int = 0
    descriptions_kept: int = 0
    descriptions: int = 0
    silent_losses: int = 0
    refused: int = 0
    resumes: int = 0
    misses: list[str] = field(default_factory=list)

    def share(self, right: int, total: int) -> float:
        return right / total if total else 1.0


def _same_date(found: str, month: tuple[int, int] | None, style: str = "") -> bool:
    text = found.strip().lower()
    if month is None:
        return text in PRESENT_WORDS
    return parse_month(found) == ((month[0], None) if style == "year" else month)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("−", "-")).strip(" .")


def check(layout: Layout, resume: Resume, figures: Figures) -> None:
    """Compare a reading with the layout's facts, adding to the figures."""
    roles = layout.person.roles
    found = resume.positions
    figures.positions += max(len(roles), len(found))
    lost = False
    for i, role in enumerate(roles):
        got = found[i] if i < len(found) else None
        right = bool(
            got
            and _norm(got.title) == _norm(layout.title(role))
            and _norm(got.employer) == role.employer
            and _same_date(got.start, role.start, layout.dates)
            and _same_date(got.end, role.end, layout.dates)
        )
        figures.positions_right += right
        if not right:
            shown = (got.title, got.employer, got.start, got.end) if got else None
            figures.misses.append(f"{layout.name}: role {i} read as {shown}")
        if layout.describe:  # the line about the employer, kept as its description
            figures.descriptions += 1
            figures.descriptions_kept += bool(got and got.description == role.description)
        placed = {_norm(b) for b in got.bullets} if got else set()
        for bullet in role.bullets:
            figures.bullets += 1
            ok = _norm(bullet) in placed
            figures.bullets_right += ok
            if not ok:
                figures.misses.append(f"{layout.name}: bullet not in role {i}: {bullet[:50]}")
                everywhere = {_norm(b) for p in found for b in p.bullets}
                lost = lost or _norm(bullet) not in everywhere
    # Symbols are kept or dropped by cleaning, wherever the line lands.
    text = "\n".join([b for p in found for b in p.bullets] + [u.text for u in resume.unplaced])
    for bullet in (b for role in roles for b in role.bullets):
        for ch in bullet:
            if ch in SYMBOLS:
                figures.symbols += 1
                kept = _norm(ch) in text
                figures.symbols_kept += kept
    lost = lost or len(found) < len(roles)
    warned = any(UNPLACED_WARNING in w for w in resume.warnings)
    if lost and not warned:
        figures.silent_losses += 1
        figures.misses.append(f"{layout.name}: a role or bullet lost without a warning")


def score() -> dict[str, Figures]:
    """Figures for the tuned and the held-back layouts."""
    figures = {"tuned": Figures(), "held-back": Figures()}
    for layout, path in corpus():
        part = figures["held-back" if layout.held_back else "tuned"]
        part.resumes += 1
        try:
            resume = read_resume(path)
        except IngestError as exc:
            part.refused += 1
            part.misses.append(f"{layout.name}: refused ({exc})")
            part.positions += len(layout.person.roles)
            continue
        check(layout, resume, part)
    return figures


def print_layouts(verbose: bool = False) -> None:
    """One line per figure and split, in the "name: right X  target Y" shape."""
    targets = {"positions": 0.97, "bullets": 0.98, "symbols": 1.0, "descriptions": 0.95}
    for split, f in score().items():
        rows = [
            ("positions", f.positions_right, f.positions),
            ("bullets", f.bullets_right, f.bullets),
            ("symbols", f.symbols_kept, f.symbols),
            ("descriptions", f.descriptions_kept, f.descriptions),
        ]
        for name, right, total in rows:
            print(
                f"layouts {split} {name}: right {f.share(right, total):.2f}  "
                f"target {targets[name]:.2f}  ({right} of {total}, {f.resumes} resumes)"
            )
        print(f"layouts {split} silent losses: count {f.silent_losses}  target 0")
        print(f"layouts {split} refused: count {f.refused}  target 0")
        if verbose and split == "tuned":  # the held-back misses stay unread
            for note in f.misses:
                print(f"  {note}")


if __name__ == "__main__":
    sys.modules.setdefault("layouts", sys.modules["__main__"])  # for world_layouts.py
    print_layouts("-v" in sys.argv)
