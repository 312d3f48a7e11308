"""The report as its reader gets it: a tagged PDF (PDF/UA-1) read back through its
structure tree, and the same report as one self-contained HTML file for screens.

The browser half (axe-core, the Nu checker, a phone's width) is in test_report_browser.py.
"""

from __future__ import annotations

import csv
import re
import stat
import subprocess
from pathlib import Path

import pytest
import weasyprint
from bs4 import BeautifulSoup
from conftest import ROOT, prep
from fixtures.golden import CANDIDATE, GOLDEN, sample_analysis
from pdf_structure import marked_content, struct_text, structure
from pypdf import PdfReader
from pypdf.generic import BooleanObject

from preploop.catalog import load_catalog
from preploop.report.render import chapters, render_html
from preploop.report.tagging import PDF_OPTIONS, running_artifacts

ENTRY = load_catalog(ROOT / "companies").role("netflix", "product-manager")
HOSTILE = (
    '<img src="http://example.com/x.png"> <script>alert(1)</script> '
    '<link rel="stylesheet" href="file:///etc/passwd">'
)


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> tuple[Path, Path]:
    """`prep report --from-analysis golden.json --out r.pdf --html`: the real command."""
    out = tmp_path_factory.mktemp("accessible") / "report.pdf"
    ran = prep("report", "--from-analysis", GOLDEN, "--out", out, "--html")
    assert ran.returncode == 0, ran.stderr
    assert f"wrote {out} and {out.with_suffix('.html')}" in ran.stdout
    return out, out.with_suffix(".html")


@pytest.fixture(scope="module")
def tree(written):
    reader, top = structure(written[0])
    assert top is not None, "the report has no structure tree"
    return reader, top


@pytest.fixture(scope="module")
def elements(written) -> list[tuple[str, str]]:
    return struct_text(written[0])


# -- the tagged PDF ----------------------------------------------------------------


def test_the_pdf_declares_itself_tagged_titled_and_in_english(written):
    reader = PdfReader(written[0])
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == BooleanObject(True)
    assert root["/Lang"] == "en"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == BooleanObject(True)
    assert reader.metadata.title == (f"Netflix Product Manager interview report for {CANDIDATE}")
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert re.search(r"pdfuaid:part[^0-9]*1", xmp), "no PDF/UA-1 identification"
    assert reader.pdf_header == "%PDF-1.7"


def test_pdfinfo_shows_the_structure_tree(written):
    out = subprocess.run(
        ["pdfinfo", "-struct", str(written[0])], capture_output=True, text=True, check=True
    ).stdout
    for kind in ("Document", "H1 (block)", "H2 (block)", "L (block)", "LI (block)", "Table"):
        assert kind in out, kind
    assert re.search(r"^ +TH <", out, re.M) and "Figure" in out


def test_one_h1_per_chapter_and_no_heading_level_skipped(elements):
    analysis = sample_analysis(ENTRY)
    headings = [(int(kind[1]), text) for kind, text in elements if re.fullmatch(r"H[1-6]", kind)]
    h1 = [text for level, text in headings if level == 1]
    assert h1 == [
        "Netflix Product Manager interview report",
        "Contents",
        *(ch.title for ch in chapters(analysis)),
    ]
    assert headings[0][0] == 1
    for (before, _), (level, text) in zip(headings, headings[1:], strict=False):
        assert level <= before + 1, f"h{before} then h{level} ({text})"
    assert sum(level == 2 for level, _ in headings) >= 20
    assert all(text for _, text in headings), "an empty heading"


def test_every_figure_says_what_it_shows(tree):
    analysis = sample_analysis(ENTRY)
    fit = analysis.fit
    _, top = tree
    figures = [e for e in top.walk() if e.kind == "Figure"]
    alts = [e.alt for e in figures]
    assert all(alt and alt.strip() for alt in alts), alts
    # The cover's ring and the fit chart's overall bar say all three numbers.
    parts = (fit.skill.score, fit.experience.score, fit.culture.score)
    ring = (
        f"Fit score {fit.overall} of 100: skills {parts[0]}, experience {parts[1]}, "
        f"culture fit {parts[2]}"
    )
    assert alts[0] == ring and figures[0].page == 0
    overall = [alt for alt in alts if alt.startswith("Overall fit")]
    assert overall == [
        f"Overall fit {fit.overall} of 100, from skills {parts[0]}, experience {parts[1]} "
        f"and culture fit {parts[2]}"
    ]
    assert alts.count(f"Skills: {parts[0]} of 100") == 2  # on the cover and in the chart
    assert len(figures) == 8


def test_lists_are_lists_and_tables_have_header_cells(tree):
    _, top = tree
    lists = [e for e in top.walk() if e.kind == "L"]
    assert len(lists) > 30
    assert all(any(k.kind == "LI" for k in e.children) or e.children for e in lists)
    tables = [e for e in top.walk() if e.kind == "Table"]
    assert len(tables) >= 4
    for table in tables:
        assert any(e.kind == "TH" for e in table.walk()), "a table without header cells"


def test_running_headers_and_footers_are_artifacts_out_of_the_reading_order(
    written, tree, elements
):
    reader, top = tree
    in_tree = {(page, mcid) for e in top.walk() for page, mcid in e.mcids}
    for index in range(len(reader.pages)):
        sequences = marked_content(reader, index)
        drawn = [(index, mcid) for _, mcid, _ in sequences if mcid is not None]
        assert drawn and set(drawn) <= in_tree, f"page {index + 1}: content outside the tree"
        margins = [seq for tag, _, seq in sequences if tag == "Artifact" and b"BT" in seq]
        # Every page after the cover: runner, product, page number (and the chapter).
        assert index == 0 or len(margins) >= 3, f"page {index + 1}: {len(margins)}"
    # Decorative marks (a badge's dot, a box to tick) leave no empty element behind.
    empty = [e.kind for e in top.walk() if not e.children and not e.mcids and e.kind != "Link"]
    assert empty == [], empty[:5]
    pages = len(reader.pages)
    third = subprocess.run(
        ["pdftotext", "-f", "3", "-l", "3", str(written[0]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"Page 3 of {pages}" in third and f"{CANDIDATE} · Netflix" in third
    document = elements[0][1]
    assert "Page 3 of" not in document and f"{CANDIDATE} · Netflix" not in document
    assert f"Prepared for {CANDIDATE}" in document


def test_without_the_finisher_margins_would_be_untagged_content(tmp_path):
    """What `running_artifacts` fixes, on a one-page document with a running header."""
    html = weasyprint.HTML(
        string='<html lang="en"><title>t</title><style>@page { @top-left { content: "Runner" }'
        ' @bottom-right { content: "Page " counter(page) } }</style><h1>Body</h1></html>'
    )
    document = html.render(**PDF_OPTIONS)

    def unreferenced(pdf: bytes) -> tuple[int, int]:
        path = tmp_path / "one.pdf"
        path.write_bytes(pdf)
        reader, top = structure(path)
        in_tree = {(page, mcid) for e in top.walk() for page, mcid in e.mcids}
        sequences = marked_content(reader, 0)
        outside = sum(mcid is not None and (0, mcid) not in in_tree for _, mcid, _ in sequences)
        artifacts = sum(tag == "Artifact" and b"BT" in seq for tag, _, seq in sequences)
        return outside, artifacts

    assert unreferenced(document.write_pdf(**PDF_OPTIONS)) == (2, 0)
    fixed = document.write_pdf(finisher=running_artifacts, **PDF_OPTIONS)
    assert unreferenced(fixed) == (0, 2)


# -- the HTML file -----------------------------------------------------------------


def test_the_html_file_is_private_and_self_contained(written):
    html_path = written[1]
    assert stat.S_IMODE(html_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(written[0].stat().st_mode) == 0o600
    text = html_path.read_text(encoding="utf-8")
    page = BeautifulSoup(text, "html.parser")
    assert page.html["lang"] == "en"
    assert page.select_one('meta[name="viewport"]')
    assert page.find("script") is None and page.find("link") is None
    assert page.find("img") is None and page.find("iframe") is None
    assert not re.search(r"url\(|@import|\bsrc=|srcset=", text)
    # A table of contents that links to every chapter in the file.
    analysis = sample_analysis(ENTRY)
    links = [a["href"] for a in page.select(".toc__list a")]
    assert links == [f"#{ch.id}" for ch in chapters(analysis)]
    assert all(page.find(id=href[1:]) for href in links)
    # Each chart is an SVG figure with its text alternative.
    titles = [svg.title.string for svg in page.find_all("svg")]
    assert len(titles) == 8 and all(titles)


def test_resume_text_stays_escaped_in_the_html_file():
    hostile = sample_analysis(ENTRY, extra_bullet=HOSTILE)
    text = render_html(hostile, ENTRY).decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    page = BeautifulSoup(text, "html.parser")
    assert page.find("script") is None and page.find("img") is None
    assert page.find("link") is None


def test_every_example_is_tagged_and_a_batch_writes_both_files(tmp_path):
    """`prep batch --html` over the examples: each order's PDF has its structure tree, with
    headings in order and alternative text on every figure, and its HTML file beside it."""
    orders = tmp_path / "orders.csv"
    rows = list(csv.reader((ROOT / "examples" / "orders.csv").open()))
    with orders.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(rows[0])
        for row in rows[1:]:
            writer.writerow([*row[:4], ROOT / "examples" / row[4], ROOT / "examples" / row[5]])
    out = tmp_path / "reports"
    ran = prep("batch", orders, "--out-dir", out, "--jobs", "2", "--html", "--as-of", "2026-11-26")
    assert ran.returncode == 0, ran.stderr
    for row in rows[1:]:
        pdf, html = out / f"{row[0]}.pdf", out / f"{row[0]}.html"
        _, top = structure(pdf)
        assert top is not None, f"{pdf.name} is not tagged"
        figures = [e for e in top.walk() if e.kind == "Figure"]
        assert len(figures) == 8 and all(e.alt for e in figures), pdf.name
        levels = [int(k[1]) for k, _ in struct_text(pdf) if re.fullmatch(r"H[1-6]", k)]
        assert levels[0] == 1 and all(
            b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)
        ), pdf.name
        assert stat.S_IMODE(html.stat().st_mode) == 0o600
        page = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        assert page.find("script") is None and row[1] in page.title.string
