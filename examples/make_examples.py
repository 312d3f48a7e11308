"""Build the example resumes from examples/sources/<candidate>.txt in every input format.

    .venv/bin/python examples/make_examples.py

For each source it writes examples/<candidate>/resume.txt, resume.md, resume.docx and
resume.pdf, and it writes examples/orders.csv. The job descriptions next to them
(job.txt, job.md) are written by hand and left alone.

The people are fictional. The output is deterministic: fixed document dates, fixed
zip timestamps in the DOCX and no clock in the PDF, so re-running it on the same
machine changes no bytes. The PDF fonts come from the theme (Inter) and from the
Liberation fonts of the system.

Source format, Markdown-like:

    # Name
    contact line: email | phone | City, ST | link
    ## HEADING              (SUMMARY, EXPERIENCE, PROJECTS, EDUCATION, SKILLS)
    ### Title               (a position, project or degree)
    Employer | City, ST | Jan 2020 – Present
    - bullet
    Label: item, item       (skill groups; other plain lines are paragraphs)
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
FONTS = HERE.parent / "theme" / "assets" / "fonts"

# candidate: (PDF layout, font, accent colour)
LAYOUTS = {
    "strong-pm": ("sidebar", "Inter", "#0f5e6e"),
    "career-switcher": ("classic", "Liberation Sans", "#7a2e39"),
    "software-engineer": ("classic", "Liberation Serif", "#1f3a60"),
    "junior-pm": ("classic", "Liberation Sans", "#333333"),
}
# order_id, candidate, company, role, resume format, job description file
ORDERS = [
    ("EX-001", "strong-pm", "netflix", "product-manager", "pdf", "job.txt"),
    ("EX-002", "career-switcher", "stripe", "product-manager", "docx", "job.md"),
    ("EX-003", "software-engineer", "amazon", "software-engineer", "pdf", "job.txt"),
    ("EX-004", "junior-pm", "airbnb", "product-manager", "md", "job.txt"),
]
FIXED_DATE = datetime.datetime(2025, 1, 6, 9, 0, 0, tzinfo=datetime.UTC)
ZIP_DATE = (2025, 1, 6, 9, 0, 0)


# --- source ---------------------------------------------------------------------


@dataclass
class Entry:
    """A position, project or degree: title, "Employer | City | dates" line, bullets."""

    title: str
    meta: str = ""
    bullets: list[str] = field(default_factory=list)

    @property
    def pieces(self) -> list[str]:
        return [p.strip() for p in self.meta.split("|") if p.strip()]

    @property
    def dates(self) -> str:
        pieces = self.pieces
        return pieces[-1] if len(pieces) > 1 and any(c.isdigit() for c in pieces[-1]) else ""

    @property
    def place(self) -> list[str]:
        """Employer and city: the meta line without its dates."""
        pieces = self.pieces
        return pieces[:-1] if self.dates else pieces


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    skills: list[tuple[str, str]] = field(default_factory=list)  # (label, items)


@dataclass
class Resume:
    name: str
    contact: list[str]
    sections: list[Section]

    def section(self, heading: str) -> Section | None:
        return next((s for s in self.sections if s.heading == heading), None)


def parse_source(text: str) -> Resume:
    name, contact, sections = "", [], []
    entry: Entry | None = None
    expect_meta = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            expect_meta = False
            continue
        if line.startswith("### "):
            entry = Entry(line[4:].strip())
            sections[-1].entries.append(entry)
            expect_meta = True
        elif line.startswith("## "):
            sections.append(Section(line[3:].strip().upper()))
            entry, expect_meta = None, False
        elif line.startswith("# "):
            name = line[2:].strip()
        elif not sections:
            contact = [p.strip() for p in line.split("|")]
        elif line.startswith("- "):
            if entry is None:
                raise ValueError(f"bullet outside an entry: {line!r}")
            entry.bullets.append(line[2:].strip())
            expect_meta = False
        elif expect_meta and entry is not None:
            entry.meta, expect_meta = line, False
        elif sections[-1].heading == "SKILLS":
            label, sep, items = line.partition(":")
            sections[-1].skills.append((label.strip(), items.strip()) if sep else ("", line))
        else:
            sections[-1].paragraphs.append(line)
    if not name or not contact:
        raise ValueError("a source needs a '# Name' line and a contact line")
    return Resume(name, contact, sections)


# --- plain text and Markdown ----------------------------------------------------


def to_text(r: Resume) -> str:
    out = [r.name, " | ".join(r.contact)]
    for s in r.sections:
        out += ["", s.heading]
        out += s.paragraphs
        for i, e in enumerate(s.entries):
            if i:
                out.append("")
            out += [e.title, e.meta] if e.meta else [e.title]
            out += [f"- {b}" for b in e.bullets]
        out += [f"{label}: {items}" if label else items for label, items in s.skills]
    return "\n".join(out) + "\n"


def to_markdown(r: Resume) -> str:
    out = [f"# {r.name}", "", " · ".join(_md_contact(c) for c in r.contact)]
    for s in r.sections:
        out += ["", f"## {s.heading.title()}", ""]
        out += s.paragraphs
        for i, e in enumerate(s.entries):
            if i:
                out.append("")
            out.append(f"### {e.title}")
            if e.meta:
                place = e.place
                first = f"**{place[0]}**" if place else ""
                out += ["", " | ".join([first, *place[1:], *([e.dates] if e.dates else [])])]
            if e.bullets:
                out.append("")
                out += [f"- {b}" for b in e.bullets]
        out += [f"- **{label}:** {items}" if label else f"- {items}" for label, items in s.skills]
    return "\n".join(out) + "\n"


def _md_contact(piece: str) -> str:
    if "@" in piece:
        return f"[{piece}](mailto:{piece})"
    if piece.startswith(("linkedin.com", "github.com")):
        return f"[{piece}](https://{piece})"
    return piece


# --- DOCX -----------------------------------------------------------------------


def to_docx(r: Resume) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Inches, Pt, RGBColor

    d = docx.Document()
    for sec in d.sections:
        sec.left_margin = sec.right_margin = Inches(0.75)
        sec.top_margin = sec.bottom_margin = Inches(0.6)
    normal = d.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(2)
    heading = d.styles["Heading 1"]
    heading.font.size = Pt(12)
    heading.font.color.rgb = RGBColor(0x1F, 0x3A, 0x60)
    heading.paragraph_format.space_before = Pt(10)
    heading.paragraph_format.space_after = Pt(3)

    p = d.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(r.name)
    run.bold, run.font.size = True, Pt(20)
    p = d.add_paragraph(" | ".join(r.contact))
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER

    for s in r.sections:
        d.add_heading(s.heading, level=1)
        for text in s.paragraphs:
            d.add_paragraph(text)
        for e in s.entries:
            p = d.add_paragraph()
            p.paragraph_format.space_before = Pt(6)
            p.paragraph_format.keep_with_next = True
            p.add_run(e.title).bold = True
            if e.meta:
                p = d.add_paragraph()
                p.paragraph_format.keep_with_next = bool(e.bullets)
                p.add_run(e.meta).italic = True
            for b in e.bullets:
                d.add_paragraph(b, style="List Bullet")
        for label, items in s.skills:
            p = d.add_paragraph()
            if label:
                p.add_run(f"{label}: ").bold = True
            p.add_run(items)

    props = d.core_properties
    props.author = props.last_modified_by = r.name
    props.title = f"{r.name} resume"
    props.created = props.modified = props.last_printed = FIXED_DATE
    props.revision = 1
    buffer = io.BytesIO()
    d.save(buffer)
    return _normalized_zip(buffer.getvalue())


def _normalized_zip(data: bytes) -> bytes:
    """The same archive with fixed member timestamps, so the bytes do not depend on the clock."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


# --- PDF ------------------------------------------------------------------------

# Keep letter-spacing small: at 1.2pt the PDF text comes out as "S U M M A RY" and the
# ingest no longer finds the headings (a gap to fix there, not here).
BASE_CSS = """
@page { size: Letter; margin: 0.55in 0.6in; }
* { box-sizing: border-box; }
body { font-family: "{font}", sans-serif; font-size: 9.6pt; line-height: 1.32; color: #222; }
h1 { margin: 0; font-size: 23pt; color: {accent}; }
h2 { font-size: 10.5pt; letter-spacing: 0.3pt; color: {accent}; margin: 12pt 0 5pt;
     padding-bottom: 2pt; border-bottom: 0.8pt solid {accent}; break-after: avoid; }
h3 { font-size: 10pt; margin: 0; }
.entry, .skills { break-inside: avoid; }
p { margin: 0 0 4pt; }
ul { margin: 2pt 0 0; padding-left: 13pt; }
li { margin: 0 0 2pt; }
.contact { margin-top: 3pt; color: #444; }
.contact span + span::before { content: "|"; margin: 0 6pt; color: #999; }
.entry { margin-bottom: 8pt; }
.row { display: flex; justify-content: space-between; align-items: baseline; }
.dates { white-space: nowrap; margin-left: 12pt; }
.place { color: #444; }
.skills p { margin-bottom: 3pt; }
.skills b { color: #333; }
"""

SIDEBAR_CSS = """
@page { margin: 0.5in 0.55in; }
body { font-size: 9pt; line-height: 1.27; }
h1 { font-size: 21pt; }
h2 { margin: 9pt 0 4pt; }
.entry { margin-bottom: 6pt; }
header { padding-bottom: 8pt; margin-bottom: 4pt; border-bottom: 2.5pt solid {accent}; }
aside { float: right; width: 30%; padding: 4pt 9pt 8pt; background: #eef4f5; }
aside h2 { margin-top: 8pt; }
aside .entry h3 { font-size: 9.6pt; }
aside .skills p { margin-bottom: 6pt; }
aside .skills b { display: block; font-size: 8.6pt; text-transform: uppercase;
                  color: {accent}; }
aside .place { display: block; margin: 0; }
aside .dates { margin: 0; }
main { margin-right: 33%; }
main .meta { margin: 1pt 0 1pt; }
"""

CLASSIC_CSS = """
@page { margin: 0.5in 0.6in; }
body { line-height: 1.27; }
li { margin-bottom: 1pt; }
h2 { margin-top: 10pt; }
header { text-align: center; margin-bottom: 2pt; }
h1 { text-transform: uppercase; font-size: 20pt; }
h3 { font-size: 10.2pt; }
.row.sub { font-style: italic; }
"""


def to_html(r: Resume, layout: str, font: str, accent: str) -> str:
    css = BASE_CSS + (SIDEBAR_CSS if layout == "sidebar" else CLASSIC_CSS)
    css = css.replace("{font}", font).replace("{accent}", accent)
    fonts = "".join(
        f'@font-face {{ font-family: "Inter"; font-weight: {w}; '
        f'src: url("{(FONTS / f"inter-latin-{w}-normal.woff").as_uri()}"); }}\n'
        for w in (400, 600, 700)
    )
    contact = "".join(f"<span>{html.escape(c)}</span>" for c in r.contact)
    header = f'<header><h1>{html.escape(r.name)}</h1><div class="contact">{contact}</div></header>'
    if layout == "sidebar":
        side = [s for s in r.sections if s.heading in ("SKILLS", "EDUCATION")]
        main = [s for s in r.sections if s not in side]
        aside = "".join(_html_section(s, "side") for s in side)
        body = "".join(_html_section(s, "stacked") for s in main)
        content = f"{header}<aside>{aside}</aside><main>{body}</main>"
    else:
        content = header + "".join(_html_section(s, "classic") for s in r.sections)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(r.name)}, resume</title>"
        f'<meta name="author" content="{html.escape(r.name)}">'
        f"<style>{fonts}{css}</style></head><body>{content}</body></html>"
    )


def _html_section(s: Section, style: str) -> str:
    e = html.escape
    parts = [f"<section><h2>{e(s.heading)}</h2>"]
    parts += [f"<p>{e(text)}</p>" for text in s.paragraphs]
    for entry in s.entries:
        place = " | ".join(entry.place)
        if style == "classic":
            # Title and dates on one row, employer and city on the next.
            employer, city = (entry.place + ["", ""])[:2]
            head = (
                f'<div class="row"><h3>{e(entry.title)}</h3>'
                f'<span class="dates">{e(entry.dates)}</span></div>'
                f'<div class="row sub"><span>{e(employer)}</span><span>{e(city)}</span></div>'
            )
        elif style == "side":
            # Narrow sidebar: only the year it ended ("University of Michigan | 2016").
            year = entry.dates.split()[-1] if entry.dates else ""
            dates = f' | <span class="dates">{e(year)}</span>' if year else ""
            head = f'<h3>{e(entry.title)}</h3><span class="place">{e(entry.place[0])}{dates}</span>'
        else:
            # Title on its own line, then "Employer | City" with the dates at the right.
            head = (
                f"<h3>{e(entry.title)}</h3>"
                f'<div class="row meta"><span class="place">{e(place)}</span>'
                f'<span class="dates">{e(entry.dates)}</span></div>'
            )
        bullets = "".join(f"<li>{e(b)}</li>" for b in entry.bullets)
        parts.append(f'<div class="entry">{head}{f"<ul>{bullets}</ul>" if bullets else ""}</div>')
    if s.skills:
        lines = "".join(
            f"<p><b>{e(label)}:</b> {e(items)}</p>" if label else f"<p>{e(items)}</p>"
            for label, items in s.skills
        )
        parts.append(f'<div class="skills">{lines}</div>')
    parts.append("</section>")
    return "".join(parts)


def to_pdf(r: Resume, layout: str, font: str, accent: str) -> bytes:
    # fontTools stamps the subset fonts with the current time unless this is set.
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(FIXED_DATE.timestamp())))
    from weasyprint import HTML

    document = HTML(string=to_html(r, layout, font, accent), base_url=str(HERE))
    return document.write_pdf()


# --- main -----------------------------------------------------------------------


def build(candidate: str) -> Path:
    resume = parse_source((SOURCES / f"{candidate}.txt").read_text(encoding="utf-8"))
    layout, font, accent = LAYOUTS.get(candidate, ("classic", "Liberation Sans", "#333333"))
    out = HERE / candidate
    out.mkdir(exist_ok=True)
    (out / "resume.txt").write_text(to_text(resume), encoding="utf-8")
    (out / "resume.md").write_text(to_markdown(resume), encoding="utf-8")
    (out / "resume.docx").write_bytes(to_docx(resume))
    (out / "resume.pdf").write_bytes(to_pdf(resume, layout, font, accent))
    return out


def write_orders() -> None:
    names = {}
    for _, candidate, *_ in ORDERS:
        text = (SOURCES / f"{candidate}.txt").read_text(encoding="utf-8")
        names[candidate] = parse_source(text).name
    with open(HERE / "orders.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["order_id", "name", "company", "role", "resume", "jd"])
        for order_id, candidate, company, role, fmt, jd in ORDERS:
            resume, job = f"{candidate}/resume.{fmt}", f"{candidate}/{jd}"
            writer.writerow([order_id, names[candidate], company, role, resume, job])


def main() -> None:
    for source in sorted(SOURCES.glob("*.txt")):
        out = build(source.stem)
        print(f"wrote {out.relative_to(HERE.parent)}/resume.{{txt,md,docx,pdf}}")
    write_orders()
    print("wrote examples/orders.csv")


if __name__ == "__main__":
    main()
