"""`prep report` and `prep batch` end to end: the real CLI in-process (click's CliRunner),
real files, the PDF read back."""

from __future__ import annotations

import csv
import json
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, prep
from pypdf import PdfReader, PdfWriter

from preploop.report.findings import Analysis
from preploop.report.readers import read_text
from preploop.report.render import chapters

EXAMPLES = ROOT / "examples"
STRONG_PM = ["--resume", EXAMPLES / "strong-pm/resume.pdf", "--jd", EXAMPLES / "strong-pm/job.txt"]
NETFLIX_PM = ["--company", "netflix", "--role", "product-manager"]
AS_OF = ["--as-of", "2026-11-26"]


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", path, "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("report")
    result = prep(
        "report",
        *NETFLIX_PM,
        *STRONG_PM,
        "--name",
        "Jordan Rivera",
        "--out",
        out / "report.pdf",
        "--analysis-out",
        out / "analysis.json",
        *AS_OF,
    )
    assert result.returncode == 0, result.stderr
    analysis = Analysis.model_validate_json((out / "analysis.json").read_text())
    return {
        "dir": out,
        "pdf": out / "report.pdf",
        "json": out / "analysis.json",
        "analysis": analysis,
        "text": pdf_text(out / "report.pdf"),
    }


def test_every_section_is_present_in_order(report):
    text = report["text"]
    positions = []
    for chapter in chapters(report["analysis"]):
        assert chapter.title in text, chapter.title
        positions.append(text.rindex(chapter.title))
    assert positions == sorted(positions)
    assert "Contents" in text


def test_page_count_bookmarks_and_metadata(report):
    reader = PdfReader(report["pdf"])
    assert 40 <= len(reader.pages) <= 60
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    for chapter in chapters(report["analysis"]):
        assert any(chapter.title in title for title in outline), chapter.title
    meta = reader.metadata
    assert meta.title == "Netflix Product Manager interview report for Jordan Rivera"
    assert meta.author == "PrepLoop"
    assert meta.subject
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4


def test_fonts_are_embedded(report):
    fonts = subprocess.run(["pdffonts", report["pdf"]], capture_output=True, text=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(" yes " in row for row in rows), fonts


def test_twelve_questions_and_eight_stories_with_candidate_and_company_data(report):
    analysis, text = report["analysis"], report["text"]
    assert len(analysis.questions) == 12 and len(analysis.stories) == 8
    for question in analysis.questions:
        assert flat(question.text) in text
    for story in analysis.stories:
        assert flat(story.title) in text
    assert "Jordan Rivera" in text
    for name in ("Recruiter screen", "Culture deep dive", "Panel presentation", "$538K"):
        assert name in text
    assert analysis.target_level.code == "L5"


def test_report_files_are_private(report):
    for path in (report["pdf"], report["json"]):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert sorted(p.name for p in report["dir"].iterdir()) == ["analysis.json", "report.pdf"]


def test_stories_invent_no_numbers(report):
    resume_text, _, _ = read_text(EXAMPLES / "strong-pm/resume.pdf")
    resume_numbers = set(re.findall(r"\d+(?:[.,]\d+)*", resume_text))
    for story in report["analysis"].stories:
        for part in (story.situation, story.task, story.action, story.result):
            for number in re.findall(r"\d+(?:[.,]\d+)*", part):
                assert number in resume_numbers, f"{number!r} in story {story.title!r}"
    # Employers named in stories come from the resume too.
    for story in report["analysis"].stories:
        employer = re.match(r"At (.+?), as ", story.situation)
        assert employer is None or employer.group(1) in resume_text


def test_same_inputs_give_byte_identical_analysis(report, tmp_path):
    result = prep(
        "report",
        *NETFLIX_PM,
        *STRONG_PM,
        "--name",
        "Jordan Rivera",
        "--out",
        tmp_path / "again.pdf",
        "--analysis-out",
        tmp_path / "again.json",
        *AS_OF,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "again.json").read_bytes() == report["json"].read_bytes()


def test_render_again_from_a_corrected_analysis(report, tmp_path):
    data = json.loads(report["json"].read_text())
    data["candidate"] = "Jordan A. Rivera"
    data["stories"][0]["title"] = "Corrected story title by staff"
    data["catalog"]["files"]["companies/netflix/company.yaml"] = "0" * 64  # data changed since
    corrected = tmp_path / "corrected.json"
    corrected.write_text(json.dumps(data))
    result = prep(
        "report",
        "--from-analysis",
        corrected,
        "--out",
        tmp_path / "r.pdf",
        "--paper",
        "letter",
    )
    assert result.returncode == 0, result.stderr
    assert "warning: companies/netflix/company.yaml changed since this analysis" in result.stderr
    text = pdf_text(tmp_path / "r.pdf")
    assert "Jordan A. Rivera" in text and "Corrected story title by staff" in text
    box = PdfReader(tmp_path / "r.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)  # US Letter


def test_invalid_analysis_is_refused(report, tmp_path):
    data = json.loads(report["json"].read_text())
    data["fit"]["overall"] = 150
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data))
    result = prep("report", "--from-analysis", broken, "--out", tmp_path / "r.pdf")
    assert result.returncode == 1
    assert "broken.json: fit.overall: Input should be less than or equal to 100" in result.stderr
    assert not (tmp_path / "r.pdf").exists()


def _fails(tmp_path: Path, resume: Path, message: str, jd: Path | None = None) -> None:
    out = tmp_path / "out.pdf"
    args = ["--resume", resume, "--jd", jd or EXAMPLES / "strong-pm/job.txt"]
    result = prep("report", *NETFLIX_PM, *args, "--out", out)
    assert result.returncode == 1, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert not out.exists()
    assert list(tmp_path.glob("*.tmp")) == [] and list(tmp_path.glob(".*")) == []


def test_bad_inputs_fail_cleanly(tmp_path):
    odd = tmp_path / "cv.xyz"
    odd.write_text("hello")
    _fails(tmp_path, odd, "cv.xyz: unsupported file type .xyz")

    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (10 * 1024 * 1024 + 1))
    _fails(tmp_path, big, "big.txt: file is too large")

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    writer.encrypt("secret")
    with (tmp_path / "locked.pdf").open("wb") as handle:
        writer.write(handle)
    _fails(tmp_path, tmp_path / "locked.pdf", "locked.pdf: ")

    scanned = PdfWriter()
    scanned.add_blank_page(612, 792)
    with (tmp_path / "scan.pdf").open("wb") as handle:
        scanned.write(handle)
    _fails(tmp_path, tmp_path / "scan.pdf", "no text found: scanned PDFs are not supported")

    (tmp_path / "broken.docx").write_bytes(b"not a zip archive")
    _fails(tmp_path, tmp_path / "broken.docx", "broken.docx: ")

    thin = tmp_path / "thin.txt"
    thin.write_text("Alex Example\nalex@example.com\n")
    _fails(tmp_path, thin, "too little of the resume could be read")

    _fails(
        tmp_path, EXAMPLES / "strong-pm/resume.pdf", "missing.txt: ", jd=tmp_path / "missing.txt"
    )


def test_unknown_role_is_a_clear_error(tmp_path):
    result = prep(
        "report",
        "--company",
        "netflix",
        "--role",
        "chef",
        *STRONG_PM,
        "--out",
        tmp_path / "r.pdf",
    )
    assert result.returncode == 1
    assert "no role 'chef' at 'netflix'" in result.stderr
    assert not (tmp_path / "r.pdf").exists()


def test_batch_runs_in_parallel_resumes_and_records_failures(tmp_path):
    orders = tmp_path / "orders.csv"
    rows = list(csv.reader((EXAMPLES / "orders.csv").open()))
    shutil.copytree(EXAMPLES, tmp_path / "examples", ignore=shutil.ignore_patterns("sources"))
    with orders.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(rows[0])
        for row in rows[1:]:
            writer.writerow([*row[:4], f"examples/{row[4]}", f"examples/{row[5]}"])
        writer.writerow(
            [
                "BAD-1",
                "Nobody",
                "netflix",
                "product-manager",
                "examples/none.pdf",
                "examples/strong-pm/job.txt",
            ]
        )
    out = tmp_path / "reports"
    result = prep("batch", orders, "--out-dir", out, "--jobs", "2", *AS_OF)
    assert result.returncode == 1
    assert "failed: BAD-1: " in result.stderr
    summary = {row["order_id"]: row for row in csv.DictReader((out / "summary.csv").open())}
    assert [summary[f"EX-00{i}"]["status"] for i in range(1, 5)] == ["done"] * 4
    assert summary["BAD-1"]["status"] == "failed" and "none.pdf" in summary["BAD-1"]["reason"]
    for i in range(1, 5):
        pdf = out / f"EX-00{i}.pdf"
        assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
        assert 30 <= len(PdfReader(pdf).pages) <= 60
        Analysis.model_validate_json((out / f"EX-00{i}.json").read_text())
    assert not (out / "BAD-1.pdf").exists() and not (out / "BAD-1.json").exists()
    stamp = (out / "EX-001.pdf").stat().st_mtime_ns

    again = prep("batch", orders, "--out-dir", out, "--jobs", "2", *AS_OF)
    assert again.returncode == 1
    summary = {
        row["order_id"]: row["status"] for row in csv.DictReader((out / "summary.csv").open())
    }
    assert summary["EX-001"] == "skipped" and summary["BAD-1"] == "failed"
    assert (out / "EX-001.pdf").stat().st_mtime_ns == stamp


def test_cjk_and_emoji_print_in_fonts_that_have_them(report, tmp_path):
    latin = subprocess.run(["pdffonts", report["pdf"]], capture_output=True, text=True).stdout
    assert "CJK" not in latin and "Emoji" not in latin  # only loaded when needed
    data = json.loads(report["json"].read_text())
    data["candidate"] = "王小明 山田太郎 김민준"
    data["stories"][0]["title"] = "Launched in 日本 and 한국 🚀 on time"
    source = tmp_path / "cjk.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = prep("report", "--from-analysis", source, "--out", tmp_path / "cjk.pdf")
    assert result.returncode == 0, result.stderr
    fonts = subprocess.run(["pdffonts", tmp_path / "cjk.pdf"], capture_output=True, text=True)
    names = [row.split()[0] for row in fonts.stdout.splitlines()[2:]]
    assert any("Noto-Sans-CJK" in name for name in names), fonts.stdout
    assert any("Noto-Color-Emoji" in name for name in names), fonts.stdout
    text = pdf_text(tmp_path / "cjk.pdf")
    assert "王小明 山田太郎 김민준" in text and "Launched in 日本 and 한국 🚀 on time" in text
