"""Hostile report inputs: each is one clear error line and leaves nothing behind.

The table drives the real `prep report` in-process (click's CliRunner) with a
real analysis.json from `prep report --analysis-out`, mutated per case. The
batch tests drive `prep batch`; the orphan test uses a subprocess, since
killing the parent process is the point.
"""

from __future__ import annotations

import csv
import fcntl
import json
import os
import re
import signal
import stat
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import BIN, ROOT

from preploop.cli import main
from preploop.report import pipeline

EXAMPLES = ROOT / "examples"
COMPANIES = ["--companies", ROOT / "companies"]
NETFLIX_PM = ["--company", "netflix", "--role", "product-manager"]
JOB = EXAMPLES / "strong-pm/job.txt"
RESUME = EXAMPLES / "strong-pm/resume.md"


def prep(*args: object, env: dict | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


@pytest.fixture(scope="module")
def analysis(tmp_path_factory) -> dict:
    """A real analysis, as `prep report --analysis-out` writes it."""
    out = tmp_path_factory.mktemp("real")
    result = prep(
        "report",
        *NETFLIX_PM,
        "--resume",
        RESUME,
        "--jd",
        JOB,
        "--name",
        "Jordan Rivera",
        "--out",
        out / "r.pdf",
        "--analysis-out",
        out / "a.json",
        "--as-of",
        "2026-11-26",
        *COMPANIES,
    )
    assert result.exit_code == 0, result.output
    return json.loads((out / "a.json").read_text())


def assert_one_line_error(result, pattern: str, folder: Path) -> None:
    """Exit 1, one 'Error: ...' line matching `pattern`, no traceback, no file written."""
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # not a crash
    lines = [line for line in result.stderr.splitlines() if not line.startswith("warning:")]
    assert len(lines) == 1, result.stderr
    assert re.search(pattern, lines[0]), lines[0]
    assert not list(folder.glob("out.*")) and not list(folder.glob(".*.part")), os.listdir(folder)


# -- the table: --from-analysis ------------------------------------------------------


def _set(path: str, value: object) -> Callable[[dict], None]:
    """A mutation that sets `path` (dots and [i] indexes) to `value`."""

    def mutate(data: dict) -> None:
        keys = [int(k) if k.isdigit() else k for k in re.findall(r"[^.\[\]]+", path)]
        target = data
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value(target[keys[-1]]) if callable(value) else value

    return mutate


def _nested(depth: int) -> object:
    value: object = "x"
    for _ in range(depth):
        value = [value]
    return value


@dataclass(frozen=True)
class JsonCase:
    id: str
    expected: str  # regex for the error line, after "Error: <file>: "
    mutate: Callable[[dict], None] | None = None
    raw: Callable[[str], str] | None = None  # edits the JSON text instead


JSON_CASES = [
    JsonCase(
        "nan",
        r"fit\.overall: nan is not a finite number",
        raw=lambda t: re.sub(r'("overall": )\d+', r"\1NaN", t, count=1),
    ),
    JsonCase(
        "infinity",
        r"fit\.culture\.weight: inf is not a finite number",
        raw=lambda t: re.sub(r'("weight": )[\d.]+', r"\g<1>1e999", t, count=1),
    ),
    JsonCase(
        "-infinity",
        r"fit\.culture\.weight: -inf is not a finite number",
        raw=lambda t: re.sub(r'("weight": )[\d.]+', r"\1-Infinity", t, count=1),
    ),
    JsonCase(
        "deep-array", r"nested deeper than 16 levels", raw=lambda t: "[" * 100_000 + "]" * 100_000
    ),
    JsonCase(
        "deep-field",
        r"risks\.0\.why(\.0)+: nested deeper than 16 levels",
        _set("risks.0.why", _nested(40)),
    ),
    JsonCase(
        "3000-scripts",
        r"scripts: 3000 items: the limit is 100",
        _set("scripts", lambda s: (s * 3000)[:3000]),
    ),
    JsonCase(
        "long-name",
        r"candidate: text of 300 characters: the limit is 200",
        _set("candidate", "N" * 300),
    ),
    JsonCase(
        "long-string",
        r"stories\.0\.title: text of 200001 characters: the limit is 100000",
        _set("stories.0.title", "x" * 200_001),
    ),
    JsonCase(
        "20MB-name",
        r"file is too large \(20\.\d MB\): the limit is 2 MB",
        _set("candidate", "N" * 20 * 1024 * 1024),
    ),
    JsonCase(
        "huge-int",
        r"not a readable JSON analysis: .*digits.*",
        raw=lambda t: re.sub(r'("overall": )\d+', r"\g<1>" + "9" * 5000, t, count=1),
    ),
    JsonCase("truncated", r"not a readable JSON analysis: .+", raw=lambda t: t[: len(t) // 2]),
    JsonCase("not-utf8", r"not a readable JSON analysis: 'utf-8' codec .+", raw=lambda t: "\udcff"),
    JsonCase("not-an-object", r"\(top\): Input should be .+", raw=lambda t: "[1, 2]"),
    JsonCase(
        "schema",
        r"fit\.overall: Input should be less than or equal to 100",
        _set("fit.overall", 150),
    ),
    JsonCase(
        "unknown-company",
        r"unknown company 'netflx' \(did you mean 'netflix'\?\)",
        _set("catalog.company", "netflx"),
    ),
    JsonCase("unknown-role", r"no role 'chef' at 'netflix' .+", _set("catalog.role", "chef")),
    # Schema-valid, but naming what is not there (issue 19: these crashed the render).
    JsonCase(
        "story-of-no-question",
        r"stories\.0\.questions: 'nope' is no question of this analysis",
        _set("stories.0.questions", ["nope"]),
    ),
    JsonCase(
        "negative-years",
        r"years_of_experience: Input should be greater than or equal to 0",
        _set("years_of_experience", -5),
    ),
    JsonCase("as-of-not-a-date", r"as_of: String should match pattern .+", _set("as_of", "soon")),
    JsonCase(
        "watch-no-risk",
        r"checklist\.0\.watch_risks: 99 is no risk \(there are [1-3], from 0\)",
        _set("checklist.0.watch_risks", [99]),
    ),
]


@pytest.mark.parametrize("case", JSON_CASES, ids=lambda c: c.id)
def test_hostile_analysis_is_one_line(case: JsonCase, analysis: dict, tmp_path: Path):
    data = json.loads(json.dumps(analysis))
    if case.mutate:
        case.mutate(data)
    text = json.dumps(data, ensure_ascii=False)
    if case.raw:
        text = case.raw(text)
    source = tmp_path / "in.json"
    source.write_bytes(text.encode("utf-8", "surrogateescape"))
    result = prep("report", "--from-analysis", source, "--out", tmp_path / "out.pdf", *COMPANIES)
    pattern = rf"^Error: ({re.escape(str(source))}: )?{case.expected}$"
    assert_one_line_error(result, pattern, tmp_path)


def test_every_problem_of_an_analysis_is_listed(analysis: dict, tmp_path: Path):
    """Three schema problems: a line each (`file: field: problem`), then the count; never
    "(and 2 more)"."""
    data = json.loads(json.dumps(analysis))
    data["fit"]["overall"] = 150
    data["fit"]["skill"]["score"] = "high"
    data["candidate"] = 7
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data))
    result = prep("report", "--from-analysis", source, "--out", tmp_path / "out.pdf", *COMPANIES)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert result.stderr.splitlines() == [
        f"{source}: candidate: Input should be a valid string",
        f"{source}: fit.overall: Input should be less than or equal to 100",
        f"{source}: fit.skill.score: Input should be a valid integer, unable to parse string"
        " as an integer",
        f"Error: {source}: 3 problems in the analysis",
    ]
    assert "more)" not in result.stderr
    assert not list(tmp_path.glob("out.*")) and not list(tmp_path.glob(".*.part"))


HOSTILE_TEXT = (
    "<script>alert(1)</script>{{ 7*7 }}{% raw %}\u202eevil\u200b"
    "<img src=x onerror=alert(2)>[x](javascript:alert(3))"
)


def test_schema_valid_hostile_text_is_printed_as_text(analysis: dict, tmp_path: Path):
    """Markup, template syntax, Markdown links and a right-to-left override in every kind
    of field staff can edit: the PDF and the HTML file print them as typed, nothing runs
    or is evaluated, and the terminal line shows the override as an escape."""
    from bs4 import BeautifulSoup

    data = json.loads(json.dumps(analysis))
    data["candidate"] = HOSTILE_TEXT
    data["stories"][0]["title"] = data["stories"][0]["action"] = HOSTILE_TEXT
    if len(data["risks"]) < 2:  # the strong example's stories answer all but one risk
        data["risks"].append(json.loads(json.dumps(data["risks"][0])))
    data["risks"][0]["title"] = {"code": "staff.text", "args": {"text": HOSTILE_TEXT}}
    skills = {"skills": [[HOSTILE_TEXT, "{{ config }}"], ["SQL"]]}
    data["risks"][1]["title"] = {"code": "risk.skills.title", "args": skills}
    data["questions_to_ask"][0] = {"code": "ask.catalog", "args": {"text": HOSTILE_TEXT}}
    data["note"] = HOSTILE_TEXT
    data["resume"]["positions"][0]["title"] = HOSTILE_TEXT
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "out.pdf"
    result = prep("report", "--from-analysis", source, "--out", out, "--html", *COMPANIES)
    assert result.exit_code == 0, result.output
    assert "\u202e" not in result.output and "\\u202e" in result.output
    page = BeautifulSoup(out.with_suffix(".html").read_text(encoding="utf-8"), "html.parser")
    assert not page.find_all(["script", "img", "iframe", "object"])
    assert not page.find_all(attrs={"onerror": True})
    assert not [a for a in page.find_all("a") if "javascript" in (a.get("href") or "")]
    text = page.get_text()
    assert text.count("<script>alert(1)</script>{{ 7*7 }}{% raw %}") >= 6
    assert "{{ config }}" in text and "Required skills not shown:" in text
    pdf = subprocess.run(["pdftotext", out, "-"], capture_output=True, text=True).stdout
    assert "{{ 7*7 }}" in pdf and "<script>alert(1)</script>" in pdf


@pytest.mark.slow
def test_a_schema_valid_analysis_too_long_to_print_is_one_line(analysis: dict, tmp_path: Path):
    """Each field under its cap, the whole far past a report: refused by the page cap in
    bounded time (19 such fields, 2 MB: 579 pages, refused after 55 s on a shared core)."""
    data = json.loads(json.dumps(analysis))
    words = ("word " * 20_000)[:99_999]
    fields = [(story, key) for story in data["stories"] for key in ("action", "result")]
    for story, key in fields[:6]:
        story[key] = words
    source = tmp_path / "in.json"
    source.write_text(json.dumps(data))
    started = time.monotonic()
    result = prep("report", "--from-analysis", source, "--out", tmp_path / "out.pdf", *COMPANIES)
    pattern = r"^Error: the report would have \d+ pages: the limit is 150; shorten the analysis$"
    assert_one_line_error(result, pattern, tmp_path)
    assert time.monotonic() - started < 120


# -- the table: output paths and inputs ------------------------------------------------


@dataclass(frozen=True)
class ReportCase:
    id: str
    expected: str
    args: Callable[[Path], list]  # given the test's folder
    env: dict = field(default_factory=dict)


def _text(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(body)
    return path


def _copy(folder: Path, source: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(source.read_bytes())
    return path


def _order(resume: Path, out: Path, *more: object, company="netflix", jd=JOB) -> list:
    role = ["--role", "product-manager"]
    return ["--company", company, *role, "--resume", resume, "--jd", jd, "--out", out, *more]


LINE = "- Led pricing experiments that grew revenue 12% across three markets\n"
REPORT_CASES = [
    ReportCase(
        "out-is-resume",
        r"cv\.md: the same file as .*cv\.md; choose another",
        lambda d: _order(_copy(d, RESUME, "cv.md"), d / "cv.md"),
    ),
    ReportCase(
        "out-is-hard-link-to-resume",
        r"link\.md: the same file as .*cv\.md; choose another",
        lambda d: (
            os.link(_copy(d, RESUME, "cv.md"), d / "link.md"),
            _order(d / "cv.md", d / "link.md"),
        )[1],
    ),
    ReportCase(
        "analysis-out-is-out",
        r"out\.pdf: the same file as .*out\.pdf",
        lambda d: _order(RESUME, d / "out.pdf", "--analysis-out", d / "out.pdf"),
    ),
    ReportCase(
        "out-is-jd",
        r"job\.txt: the same file as .*job\.txt",
        lambda d: _order(RESUME, d / "job.txt", jd=_copy(d, JOB, "job.txt")),
    ),
    ReportCase(
        "out-is-device",
        r"/dev/full: exists and is not a regular file",
        lambda d: _order(RESUME, Path("/dev/full")),
    ),
    ReportCase(
        "out-is-fifo",
        r"fifo\.pdf: exists and is not a regular file",
        lambda d: (os.mkfifo(d / "fifo.pdf"), _order(RESUME, d / "fifo.pdf"))[1],
    ),
    ReportCase(
        "no-folder",
        r"out\.pdf: the folder .*missing does not exist",
        lambda d: _order(RESUME, d / "missing" / "out.pdf"),
    ),
    ReportCase(
        "analysis-out-no-folder",
        r"a\.json: the folder .*missing does not exist",
        lambda d: _order(RESUME, d / "out.pdf", "--analysis-out", d / "missing/a.json"),
    ),
    ReportCase(
        "unknown-company",
        r"unknown company 'netflx' \(did you mean 'netflix'\?\)$",
        lambda d: _order(RESUME, d / "out.pdf", company="netflx"),
    ),
    ReportCase(
        "unknown-company-no-match",
        r"unknown company 'zzz' \(known: adobe, airbnb, amazon, .* and [0-9]+ more\)$",
        lambda d: _order(RESUME, d / "out.pdf", company="zzz"),
    ),
    ReportCase(
        "9MB-text",
        r"big\.txt: the text is too long \(9,437,\d+ characters\): the limit",
        lambda d: _order(
            _text(d, "big.txt", LINE * (9 * 1024 * 1024 // len(LINE) + 1)), d / "out.pdf"
        ),
    ),
    ReportCase(
        "1MB-bullet",
        r"bullet\.txt: the text is too long \(1,048,5\d\d characters\)",
        lambda d: _order(_text(d, "bullet.txt", "- " + "word " * 209_715), d / "out.pdf"),
    ),
    ReportCase(
        "long-line",
        r"line\.md: line \d+ is too long \(5,002 characters\): the limit is 2,000",
        lambda d: _order(
            _text(d, "line.md", RESUME.read_text() + "- " + "x" * 5000 + "\n"), d / "out.pdf"
        ),
    ),
    ReportCase(
        "many-lines",
        r"lines\.txt: the text has too many lines \(4,\d+\): the limit is 3,000",
        lambda d: _order(_text(d, "lines.txt", "- a\n" * 4000), d / "out.pdf"),
    ),
    ReportCase(
        "order-time-budget",
        # Stopped while reading and analysing, or rendering, or (a fast analysis) with no
        # time left to render: each a one-line error naming the budget.
        r"((cv\.md: reading and analysing|rendering the report) took longer than 0\.3 s; "
        r"stopped|rendering the report: the order's 0\.3 s budget is used up)",
        lambda d: _order(_copy(d, RESUME, "cv.md"), d / "out.pdf"),
        env={"PREP_ORDER_SECONDS": "0.3"},
    ),
    ReportCase(
        "long-name",
        r"the name has 300 characters: the limit is 200$",
        lambda d: _order(RESUME, d / "out.pdf", "--name", "N" * 300),
    ),
    ReportCase(
        "bad-budget",
        r"PREP_ORDER_SECONDS and PREP_ORDER_MEMORY_MB must be numbers",
        lambda d: _order(RESUME, d / "out.pdf"),
        env={"PREP_ORDER_SECONDS": "soon"},
    ),
]


@pytest.mark.parametrize("case", REPORT_CASES, ids=lambda c: c.id)
def test_hostile_report_is_one_line(case: ReportCase, tmp_path: Path):
    args = case.args(tmp_path)
    before = {p: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    started = time.monotonic()
    result = prep("report", *args, *COMPANIES, env=case.env)
    assert time.monotonic() - started < 30
    assert_one_line_error(result, "^Error: .*" + case.expected, tmp_path)
    for path, mtime in before.items():  # inputs untouched
        assert path.stat().st_mtime_ns == mtime
    assert Path("/dev/full").is_char_device()


def test_an_order_over_its_memory_budget_stops_with_one_line(tmp_path: Path):
    # A fresh process: the budget is what an order may add to the process it runs in,
    # and a warm test runner has freed memory to spare that a real `prep` has not.
    resume = _copy(tmp_path, RESUME, "cv.md")
    result = subprocess.run(
        [str(BIN / "prep"), "report", *map(str, _order(resume, tmp_path / "out.pdf")), *COMPANIES],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PREP_ORDER_MEMORY_MB": "40"},
    )
    assert result.returncode == 1
    pattern = r"^Error: (cv\.md: reading and analysing|rendering the report) needed more than 40 MB"
    assert re.match(pattern, result.stderr), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.pdf").exists()


def test_report_and_analysis_are_written_all_or_nothing(tmp_path: Path, monkeypatch):
    from preploop.report import render

    calls = []

    def fsync_fails_second_time(fd):
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(render.os, "fsync", fsync_fails_second_time)
    files = {tmp_path / "out.pdf": b"%PDF-1.7", tmp_path / "out.json": b"{}"}
    with pytest.raises(pipeline.ReportError, match=r"cannot write .*out\.json: No space left"):
        pipeline.write_outputs(files)
    assert os.listdir(tmp_path) == []


def test_stale_temporary_files_of_a_killed_report_are_removed(tmp_path: Path):
    stale, fresh = tmp_path / ".out.pdf.k1ll3d.part", tmp_path / ".out.pdf.wr1t1ng.part"
    for part in (stale, fresh):
        part.write_bytes(b"%PDF half")
    an_hour_ago = time.time() - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    result = prep("report", *_order(RESUME, tmp_path / "out.pdf", company="zzz"), *COMPANIES)
    assert result.exit_code == 1 and "unknown company 'zzz'" in result.stderr
    assert not stale.exists() and fresh.exists()  # another run may still be writing that one


def test_read_time_limit_is_not_reported_as_damage(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(pipeline, "INGEST_SECONDS", 0.001)
    result = prep("report", *_order(EXAMPLES / "strong-pm/resume.pdf", tmp_path / "out.pdf"))
    assert_one_line_error(
        result, r"^Error: resume\.pdf: took longer than 0\.001 s to read; giving up$", tmp_path
    )


# -- batch ----------------------------------------------------------------------------


def _orders(folder: Path, rows: list[list[str]]) -> Path:
    path = folder / "orders.csv"
    with path.open("w", newline="") as handle:
        handle.write("order_id,name,company,role,resume,jd\n")
        for row in rows:
            handle.write(",".join(row) + "\n")
    return path


GOOD = ["netflix", "product-manager", str(RESUME), str(JOB)]


def test_batch_bad_rows_fail_alone_and_the_summary_is_safe(tmp_path: Path):
    out = tmp_path / "reports"
    out.mkdir()
    stale = out / ".OK-1.pdf.x1y2z3.part"  # left by a killed batch
    stale.write_bytes(b"%PDF half")
    orders = _orders(
        tmp_path,
        [
            ["SHORT-1", "Row Too Short", "netflix"],
            ['=HYPERLINK("http://x")', "Formula", *GOOD],
            ["OK-1", "Jordan Rivera", *GOOD],
            ["OK-1", "Twice", *GOOD],
            ["BAD-CO", "Nobody", "netflx", *GOOD[1:]],
            ["EMPTY", "Nobody", "netflix", "product-manager", "", str(JOB)],
        ],
    )
    result = prep("batch", orders, "--out-dir", out, "--jobs", "1", *COMPANIES)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    rows = list(csv.reader((out / "summary.csv").open()))
    summary = {row[0]: row[1:] for row in rows[1:]}
    assert [row[0] for row in rows[1:]] == ["SHORT-1", "line 3", "OK-1", "OK-1", "BAD-CO", "EMPTY"]
    assert summary["SHORT-1"] == [
        "failed",
        "orders.csv:2: the row has no role, resume, jd column(s)",
    ]
    assert summary["line 3"][1].startswith("orders.csv:3: bad order_id")
    assert (
        rows[3][1:] == ["done", ""] and rows[4][2] == "orders.csv:5: order_id 'OK-1' appears twice"
    )
    assert summary["BAD-CO"][1] == "unknown company 'netflx' (did you mean 'netflix'?)"
    assert summary["EMPTY"][1] == "orders.csv:7: empty resume"
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert stat.S_IMODE((out / "summary.csv").stat().st_mode) == 0o600
    assert sorted(p.name for p in out.iterdir()) == [
        ".batch.lock",
        "OK-1.json",
        "OK-1.pdf",
        "summary.csv",
    ]
    assert not stale.exists()


def test_safe_cell_neutralises_formulas():
    from preploop.report.batch import safe_cell

    table = {
        "=1+1": "'=1+1",
        "+1": "'+1",
        "-2+3": "'-2+3",
        "@SUM(A1)": "'@SUM(A1)",
        "\tx": "'\tx",
        "\r=1": " =1",
        "a\nb": "a b",
        "cv.pdf: damaged": "cv.pdf: damaged",
        "": "",
    }
    assert {cell: safe_cell(cell) for cell in table} == table


def test_second_batch_on_the_same_folder_is_refused(tmp_path: Path):
    out = tmp_path / "reports"
    out.mkdir()
    orders = _orders(tmp_path, [["X-1", "Nobody", "netflix", "product-manager", "none.pdf", "j"]])
    with open(out / ".batch.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = prep("batch", orders, "--out-dir", out, *COMPANIES)
    assert_one_line_error(result, r"another batch is running on this folder", tmp_path)
    assert not (out / "summary.csv").exists()
    again = prep("batch", orders, "--out-dir", out, *COMPANIES)  # the lock is free again
    assert again.exit_code == 1 and "none.pdf: file not found" in again.stderr


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for stat_file in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat_file.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat_file.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_killed_batch_leaves_no_orphans(tmp_path: Path):
    orders = _orders(tmp_path, [[f"K-{i}", "Jordan Rivera", *GOOD] for i in range(4)])
    out = tmp_path / "reports"
    batch = subprocess.Popen(
        [BIN / "prep", "batch", orders, "--out-dir", out, "--jobs", "2", *COMPANIES],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        while len(workers) < 4 and time.monotonic() < deadline:  # 2 workers + their order children
            time.sleep(0.2)
            workers = _descendants(batch.pid)
        assert len(workers) >= 3, "the batch never started its workers"
    finally:
        batch.send_signal(signal.SIGKILL)
        batch.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)]
