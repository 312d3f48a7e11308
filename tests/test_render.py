"""The report as a real PDF, read back: structure, text, fonts, metadata, and safety."""

from __future__ import annotations

import dataclasses
import io
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from fixtures.golden import CANDIDATE, sample_analysis
from pypdf import PdfReader

from preploop.catalog import load_catalog
from preploop.report import render
from preploop.report.render import (
    PAPER_SIZES,
    REPORT_DIR,
    RefusedURL,
    RenderError,
    ThemeOnlyFetcher,
    chapters,
    fill_prompts,
    render_pdf,
    report_html,
    write_report,
)
from preploop.report.wording import plain

ENTRY = load_catalog(ROOT / "companies").role("netflix", "product-manager")
HOSTILE = '<img src="http://example.com/x.png"> <link rel="stylesheet" href="file:///etc/passwd">'
POINTS_PER_MM = 72 / 25.4


def flat(text: str) -> str:
    """Text with every run of whitespace (line breaks included) as one space."""
    return " ".join(text.split())


@dataclasses.dataclass
class Rendered:
    pdf: bytes
    reader: PdfReader
    pages: list[str]  # the text of each page, flattened

    @property
    def text(self) -> str:
        return " ".join(self.pages)

    def outline(self) -> list[tuple[str, int, list]]:
        """Top-level bookmarks as (title, page index, children)."""
        items, out = self.reader.outline, []
        for i, item in enumerate(items):
            if isinstance(item, list):
                continue
            children = items[i + 1] if i + 1 < len(items) and isinstance(items[i + 1], list) else []
            out.append((item.title, self.reader.get_destination_page_number(item), children))
        return out

    def chapter_pages(self) -> dict[str, int]:
        return {title: page for title, page, _ in self.outline()}


def read(pdf: bytes) -> Rendered:
    """The PDF parsed by pypdf, and its text per page by pdftotext (ten times faster)."""
    reader = PdfReader(io.BytesIO(pdf))
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    pages = out.stdout.decode().split("\f")[: len(reader.pages)]
    return Rendered(pdf, reader, [flat(page) for page in pages])


@pytest.fixture(scope="module")
def analysis():
    return sample_analysis(ENTRY)


@pytest.fixture(scope="module")
def a4(analysis) -> Rendered:
    return read(render_pdf(analysis, ENTRY))


@pytest.fixture(scope="module")
def letter() -> tuple[Rendered, list[str]]:
    """On US Letter, with a resume bullet that tries to load resources; and every URL fetched."""
    fetched: list[str] = []
    original = ThemeOnlyFetcher.fetch

    def recording_fetch(self, url, headers=None):
        fetched.append(url)
        return original(self, url, headers)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ThemeOnlyFetcher, "fetch", recording_fetch)
        # The stylesheet and its fonts load once a process: load them here again.
        render._font_config.cache_clear()
        render._print_stylesheet.cache_clear()
        hostile = sample_analysis(ENTRY, extra_bullet=HOSTILE)
        return read(render_pdf(hostile, ENTRY, paper="letter")), fetched


# -- content ------------------------------------------------------------------


def test_page_count_is_a_full_report(a4: Rendered, letter):
    assert 36 <= len(a4.pages) <= 65
    assert len(a4.pages) <= len(letter[0].pages) <= len(a4.pages) + 8


def test_every_chapter_and_the_candidate(a4: Rendered, analysis):
    titles = [ch.title for ch in chapters(analysis)]
    # The strong example's stories answer all but one of its risks: the title counts them.
    assert len(analysis.risks) == 1 and titles[1] == "Your top risk"
    assert "Your 12 most likely questions" in titles
    assert "Your 8 STAR stories" in titles
    for title in ["Contents", *titles]:
        assert title in a4.text, title
    assert f"Prepared for {CANDIDATE}" in a4.pages[0]
    assert "Netflix Product Manager interview report" in a4.pages[0]


def test_questions_stories_risks_and_prompts(a4: Rendered, analysis):
    assert len(analysis.questions) == 12 and len(analysis.stories) == 8
    for question in analysis.questions:
        assert flat(question.text) in a4.text, question.text
    for story in analysis.stories:
        assert story.title in a4.text, story.title
        for prompt in story.prompts:
            assert flat(prompt) in a4.text, prompt
    for risk in analysis.risks:
        assert flat(plain(risk.title)) in a4.text


def test_each_question_and_story_starts_a_page(a4: Rendered, analysis):
    for i, question in enumerate(analysis.questions, 1):
        # labels are uppercased by the stylesheet, and the PDF text says so
        pages = [p for p in a4.pages if flat(question.text) in p and "DRAFT YOUR ANSWER" in p]
        assert len(pages) == 1 and f"QUESTION {i} OF 12" in pages[0], question.text
    for i, story in enumerate(analysis.stories, 1):
        pages = [p for p in a4.pages if f"STORY {i}" in p and story.title in p]
        assert len(pages) == 1, story.title
        assert ("FILL IN BEFORE YOUR INTERVIEW" in pages[0]) == bool(story.prompts), story.title
    # A fully drafted story needs no fill-in box: only what the resume lacks is asked for.
    assert any(story.prompts for story in analysis.stories)


def test_outline_has_chapters_and_their_sections(a4: Rendered, analysis):
    outline = a4.outline()
    titles = [title for title, _, _ in outline]
    assert titles == ["Contents", *(ch.title for ch in chapters(analysis))]
    pages = [page for _, page, _ in outline]
    assert pages == sorted(pages) and pages[0] == 1  # the cover is page 0, with no bookmark
    questions = dict((t, c) for t, _, c in outline)["Your 12 most likely questions"]
    assert [flat(item.title) for item in questions] == [flat(q.text) for q in analysis.questions]
    stories = dict((t, c) for t, _, c in outline)["Your 8 STAR stories"]
    assert [item.title for item in stories] == [s.title for s in analysis.stories]
    # h3 and deeper stay out of the outline
    assert all(not isinstance(child, list) for _, _, children in outline for child in children)


def test_contents_page_numbers_match_the_chapters(a4: Rendered, analysis):
    contents = a4.pages[1]
    for ch in chapters(analysis):
        page = a4.chapter_pages()[ch.title] + 1
        assert re.search(rf"{re.escape(ch.title)} {page}\b", contents), (ch.title, page)


def test_running_header_and_page_numbers(a4: Rendered):
    total = len(a4.pages)
    assert "Page 1 of" not in a4.pages[0]  # no header or footer on the cover
    assert CANDIDATE + " · Netflix Product Manager" not in a4.pages[0]
    for number in (3, 10, total):
        page = a4.pages[number - 1]
        assert f"{CANDIDATE} · Netflix Product Manager" in page
        assert f"Page {number} of {total}" in page


def test_cheat_sheet_fits_one_page(a4: Rendered, letter):
    for rendered in (a4, letter[0]):
        pages = rendered.chapter_pages()
        assert pages["What we read from your resume"] == pages["One-page cheat sheet"] + 1


def test_section_templates_are_shared_with_the_site(analysis):
    html = report_html(analysis, ENTRY)
    assert 'class="prep-timeline"' in html  # sections/rounds.html
    assert 'class="prep-principles"' in html  # sections/principles.html
    assert 'class="prep-pay"' in html  # sections/pay.html
    pay = html.split('class="prep-pay"')[1].split("</table>")[0]
    assert "L5" in pay and "L4" not in pay and "L6" not in pay  # only the target level


def test_pay_without_figures_says_so(analysis):
    no_pay = dataclasses.replace(ENTRY, role=ENTRY.role.model_copy(update={"pay": None}))
    html = report_html(analysis, no_pay)
    assert "We have no sourced pay figures for this role yet" in html
    other_level = analysis.model_copy(
        update={"target_level": analysis.target_level.model_copy(update={"code": "L9"})}
    )
    html = report_html(other_level, ENTRY)
    assert "We have no pay figures for L9 yet" in html


# -- PDF properties -------------------------------------------------------------


def test_metadata(a4: Rendered):
    meta = a4.reader.metadata
    assert meta.title == f"Netflix Product Manager interview report for {CANDIDATE}"
    assert meta.author == "PrepLoop"
    assert "Netflix Product Manager" in meta.subject
    assert "interview preparation" in meta["/Keywords"]


def test_paper_sizes(a4: Rendered, letter):
    a4_box, letter_box = a4.reader.pages[5].mediabox, letter[0].reader.pages[5].mediabox
    assert (round(a4_box.width / POINTS_PER_MM), round(a4_box.height / POINTS_PER_MM)) == (210, 297)
    assert (round(letter_box.width), round(letter_box.height)) == (612, 792)
    assert set(PAPER_SIZES) == {"a4", "letter"}
    with pytest.raises(RenderError, match="unknown paper size 'legal'"):
        report_html(sample_analysis(ENTRY), ENTRY, paper="legal")


def test_fonts_are_inter_and_embedded(a4: Rendered):
    fonts = {}
    for page in a4.reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descendant = descendant.get_object()
                fonts[descendant["/BaseFont"]] = descendant["/FontDescriptor"].get_object()
    assert fonts
    for name, descriptor in fonts.items():
        assert "Inter" in name, f"fallback font used: {name}"
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, name


def test_render_refuses_an_analysis_for_another_role(analysis):
    other = load_catalog(ROOT / "companies").role("netflix", "software-engineer")
    with pytest.raises(RenderError, match="netflix/product-manager, not netflix/software-engineer"):
        report_html(analysis, other)


# -- untrusted input and the URL fetcher ----------------------------------------


def test_fetcher_serves_report_files_and_data_uris():
    fetcher = ThemeOnlyFetcher()
    css = fetcher.fetch((REPORT_DIR / "print.css").as_uri())
    assert css.content_type == "text/css" and b"@page" in css.read()
    data = fetcher.fetch("data:text/plain;base64,aGVsbG8=")
    assert data.read() == b"hello"


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.png",
        "https://example.com/x.css",
        "ftp://example.com/x",
        "file:///etc/passwd",
        "file://otherhost/etc/passwd",
        (REPORT_DIR / ".." / ".." / "cli.py").as_uri(),  # the package, beside the theme
        (REPORT_DIR / "missing.css").as_uri(),
        REPORT_DIR.as_uri(),  # a folder, not a file
        "print.css",
    ],
)
def test_fetcher_refuses_everything_else(url):
    with pytest.raises(RefusedURL):
        ThemeOnlyFetcher().fetch(url)


def test_fetcher_refuses_symlinks_out_of_its_root(tmp_path: Path):
    root = tmp_path / "theme"
    root.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("secret")
    (root / "inside.txt").write_text("ok")
    (root / "link.txt").symlink_to(secret)
    fetcher = ThemeOnlyFetcher(root=root)
    assert fetcher.fetch((root / "inside.txt").as_uri()).read() == b"ok"
    with pytest.raises(RefusedURL):
        fetcher.fetch((root / "link.txt").as_uri())


def test_hostile_resume_text_is_escaped_and_fetches_nothing(letter):
    html = report_html(sample_analysis(ENTRY, extra_bullet=HOSTILE), ENTRY)
    assert "&lt;img src=&#34;http://example.com/x.png&#34;&gt;" in html
    assert '<img src="http://example.com' not in html
    assert 'href="file:///etc/passwd"' not in html

    rendered, fetched = letter
    assert rendered.text.count(HOSTILE) >= 2  # quoted in a story and in "what we read"
    assert fetched, "the stylesheet and fonts should have been fetched"
    assert all(url.startswith(REPORT_DIR.as_uri() + "/") for url in fetched), fetched


def test_fill_prompts_escape_before_highlighting():
    html = str(fill_prompts('<b>we</b> shipped [add: the <i>number</i>] & "more"'))
    assert html == (
        '&lt;b&gt;we&lt;/b&gt; shipped <span class="fill"><span class="fill__tag">add</span>'
        " the &lt;i&gt;number&lt;/i&gt;</span> &amp; &#34;more&#34;"
    )


# -- writing the file -------------------------------------------------------------


def test_write_report_is_private_and_leaves_no_temp_file(tmp_path: Path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    target.chmod(0o644)
    write_report(b"%PDF-new", target)
    assert target.read_bytes() == b"%PDF-new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert os.listdir(tmp_path) == ["report.pdf"]


def test_write_report_leaves_nothing_on_failure(tmp_path: Path, monkeypatch):
    target = tmp_path / "report.pdf"

    def broken_fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(render.os, "fsync", broken_fsync)
    with pytest.raises(RenderError, match="cannot write .*report.pdf: Input/output error"):
        write_report(b"%PDF", target)
    assert os.listdir(tmp_path) == []
    monkeypatch.undo()

    with pytest.raises(TypeError):
        write_report("not bytes", target)  # type: ignore[arg-type]
    assert os.listdir(tmp_path) == []

    with pytest.raises(RenderError, match="cannot write"):
        write_report(b"%PDF", tmp_path / "missing" / "report.pdf")


def test_an_analysis_with_little_in_it_still_renders(analysis):
    bare = analysis.model_copy(
        update={
            "risks": [],
            "questions": [],
            "stories": [],
            "scripts": [],
            "checklist": [],
            "questions_to_ask": [],
            "skills": [],
            "pay": None,
        }
    )
    titles = [ch.title for ch in chapters(bare)]
    assert "Your top risks" in titles and "Your most likely questions" in titles
    html = report_html(bare, ENTRY)
    assert "We found no risk large enough to rank" in html
    assert read(render_pdf(bare, ENTRY)).chapter_pages()["How the scores are computed"] > 5


# -- a reviewer's note at its longest ------------------------------------------------------

NOTE_SENTENCES = [
    "Jordan, your carousel story is the strongest thing in this report: lead with it.",
    "Say the number before the decision, then what you would do differently.",
    "In the hiring manager round, expect two follow-ups on who disagreed and why.",
    "Your postmortem of the Brazil price test shows candor; tell it without apologising.",
    "For the product sense round, sketch the member first and the metric second.",
    "Practise the India and Indonesia launch as a strategy answer, not a list of tasks.",
    "If they ask about Python, say plainly what you used pandas for and stop there.",
    "Read the cheat sheet the morning of each round, and nothing else; you are ready.",
]


def longest_note(shape: str) -> str:
    """A note as long as the review app allows: prose in its most lines, or one unbroken
    word (a pasted link) of its most characters."""
    from preploop.review.settings import settings

    most, lines = settings().max_note, settings().max_note_lines
    if shape == "word":
        return "https://example.com/" + "a" * (most - 20)
    share = (most - (lines - 1)) // lines  # every line as long as the others
    text = " ".join(NOTE_SENTENCES * 4)
    out = [text[i * share : (i + 1) * share].strip().ljust(share, ".") for i in range(lines)]
    note = "\n".join(out)
    assert len(note) <= most and len(note) > most - lines * 2
    return note


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("shape", ["prose", "word"])
def test_the_longest_note_fits_the_contents_page_whole(analysis, paper, shape):
    """The note is printed whole, on the contents page, with the contents and the reading
    plan: no page of a few lines left over, and every chapter on the page it had."""
    note = longest_note(shape)
    plain_report = read(render_pdf(analysis, ENTRY, paper=paper))
    noted = read(render_pdf(analysis.model_copy(update={"note": note}), ENTRY, paper=paper))
    contents = noted.pages[1]
    assert "A NOTE FROM YOUR REVIEWER" in contents.upper()
    if shape == "prose":
        for line in note.split("\n"):
            assert flat(line) in contents, line[:40]
    else:  # wrapped where it had to be, every character kept, none off the page
        assert note in contents.replace(" ", "")
        box = noted.reader.pages[1].mediabox
        out = subprocess.run(
            ["pdftotext", "-f", "2", "-l", "2", "-bbox", "-", "-"],
            input=noted.pdf,
            capture_output=True,
            check=True,
        ).stdout.decode()
        right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', out))
        assert right <= float(box.width) - 15 * POINTS_PER_MM  # inside the page's margin
    assert "HOW TO USE THIS REPORT" in contents.upper()  # the plan did not leave for a page
    assert "Your fit score" in noted.pages[2][:120]  # the next page is the next chapter
    assert len(noted.pages) == len(plain_report.pages)
    assert noted.chapter_pages() == plain_report.chapter_pages()
    for ch in chapters(analysis):  # the contents in two columns still say the right pages
        page = noted.chapter_pages()[ch.title] + 1
        assert re.search(rf"{re.escape(ch.title)} {page}\b", contents), (ch.title, page)


# How WeasyPrint is imported: a fresh interpreter each time, since this one has it already.
_IMPORT_CHECK = """
import ctypes.util, sys
lookup = ctypes.util.find_library
{setup}
from preploop.report.weasyprint_import import weasyprint
assert ctypes.util.find_library is lookup, "the library lookup was left replaced"
assert ctypes.util.find_library("c"), "the library lookup no longer finds libc"
print(weasyprint.HTML(string="<p>x</p>").write_pdf()[:5].decode())
"""
# The first import fails as it would where the loader finds no library by file name.
_FAIL_ONCE = """
class FailOnce:
    failed = False
    def find_spec(self, name, path=None, target=None):
        if name == "weasyprint.text.ffi" and not FailOnce.failed:
            FailOnce.failed = True
            raise OSError("cannot load library 'libpango-1.0.so.0'")
sys.meta_path.insert(0, FailOnce())
"""


@pytest.mark.parametrize("setup", ["", _FAIL_ONCE], ids=["linux-names", "falls-back"])
def test_weasyprint_import_skips_the_library_search_and_restores_it(setup):
    script = _IMPORT_CHECK.format(setup=setup)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "%PDF-"
