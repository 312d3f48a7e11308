"""The reported-data store under attack: concurrent imports, kills, a full disk,
hostile exports and hand-damaged store files (issue 22, one test per case).

In-process tests drive the real `prep` with click's CliRunner; the tests that
kill or race imports run real processes and are marked `slow` (still run by a
plain `pytest`).
"""

from __future__ import annotations

import csv
import datetime as dt
import errno
import os
import random
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import BIN, ROOT, copy_catalog, prep

from preploop.catalog import load_catalog
from preploop.figures import commit, settings
from preploop.figures.export import parse_amount
from preploop.figures.importer import plan_import
from preploop.figures.index import load_figures

HEADER = "Date,Company,Job title,Question\n"


@pytest.fixture
def companies(tmp_path: Path) -> Path:
    target = tmp_path / "companies"
    copy_catalog(target)
    return target


def write(path: Path, text: str | bytes) -> Path:
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def imp(companies: Path, export: Path, *args: str):
    return prep("reports", "import", export, *args, "--companies", companies)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` but the YAML catalog: store files, and anything left over."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix != ".yaml"
    }


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def one_error_line(result, *parts: str) -> str:
    """Exit 1, one line on stderr naming every part, no traceback (commands that load
    the catalog end, as for YAML problems, with 'Error: 1 problem in the catalog')."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    if lines[-1:] == ["Error: 1 problem in the catalog"]:
        lines.pop()
    assert len(lines) == 1, result.stderr
    for part in parts:
        assert part in lines[0], lines[0]
    assert "Traceback" not in result.stdout + result.stderr
    return lines[0]


COMPANY_NAMES = ["Meta", "Netflix", "Amazon", "Airbnb", "Stripe", "Unlisted Co"]


def fictional_export(path: Path, count: int, seed: int, start: int = 0) -> Path:
    """`count` made-up reports spread over every catalog company (and one unknown)."""
    rng = random.Random(seed)
    lines = ["Timestamp,Company,Job title,Interview date,Question"]
    for i in range(start, start + count):
        company = COMPANY_NAMES[i % len(COMPANY_NAMES)]
        day = f"2025-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        lines.append(f"{day} 10:{i % 60:02d},{company},Product Manager,{day},Question {i} ?")
    return write(path, "\n".join(lines) + "\n")


def set_setting(monkeypatch, section: str, key: str, value) -> None:
    """A changed copy of the typed import settings, read by every module from now on."""
    import preploop.tunables as tunables
    from preploop.figures import Settings

    current = settings()
    changed = current.model_copy(update={section: current[section].model_copy(update={key: value})})
    real = tunables._load
    monkeypatch.setattr(
        tunables, "_load", lambda path, model: changed if model is Settings else real(path, model)
    )


# -- 1. two imports at once ------------------------------------------------------------


def test_a_second_import_waits_then_says_another_is_running(companies, tmp_path, monkeypatch):
    export = fictional_export(tmp_path / "a.csv", 30, seed=1)
    set_setting(monkeypatch, "store", "lock_wait_seconds", 0.3)
    with commit.locked(companies):  # an import holding the catalog
        started = time.monotonic()
        result = imp(companies, export)
        assert time.monotonic() - started >= 0.3
    one_error_line(result, "another import is running on this catalog", "waited 0.3 s")
    assert not list(companies.rglob("*.csv"))
    assert imp(companies, export).returncode == 0  # free again


def run_prep(companies: Path, *args: str | Path) -> subprocess.Popen:
    command = [str(BIN / "prep"), *map(str, args), "--companies", str(companies)]
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )


def serial_store(tmp_path: Path, exports: list[Path], name: str) -> dict[str, bytes]:
    reference = tmp_path / name / "companies"
    copy_catalog(reference)
    for export in exports:
        assert imp(reference, export).returncode == 0
    return snapshot(reference)


@pytest.mark.slow
def test_four_imports_at_once_lose_nothing(companies, tmp_path):
    exports = [
        fictional_export(tmp_path / f"e{n}.csv", 2_000, seed=n, start=n * 10_000) for n in range(4)
    ]
    processes = [run_prep(companies, "reports", "import", e) for e in exports]
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err.decode()
        assert b"wrote" in out
    assert snapshot(companies) == serial_store(tmp_path, exports, "serial")
    assert sum(len(rows(p)) for p in companies.rglob("reports.csv")) == 8_000


def test_an_import_into_a_relative_catalog_folder(companies, tmp_path, monkeypatch):
    monkeypatch.chdir(companies.parent)
    export = fictional_export(tmp_path / "e.csv", 30, seed=8)
    result = prep("reports", "import", export, "--companies", "companies", cwd=companies.parent)
    assert result.returncode == 0, result.stderr
    assert "wrote companies/meta/reports.csv" in result.stdout
    assert not stray_files(companies)


# -- 2. a kill in the write phase ------------------------------------------------------


def test_a_crash_between_renames_is_finished_by_the_next_reader(companies, tmp_path, monkeypatch):
    first = fictional_export(tmp_path / "first.csv", 60, seed=1)
    second = fictional_export(tmp_path / "second.csv", 60, seed=2, start=1_000)
    assert imp(companies, first).returncode == 0
    expected = serial_store(tmp_path, [first, second], "serial")
    renames = 0
    real_replace = os.replace

    def crash_after_two(source, target):
        nonlocal renames
        if Path(source).name.startswith(".") and Path(target).name.endswith(".csv"):
            renames += 1
            if renames == 3:
                raise KeyboardInterrupt  # the process dies here, between renames
        real_replace(source, target)

    monkeypatch.setattr(commit.os, "replace", crash_after_two)
    catalog = load_catalog(companies)
    with pytest.raises(KeyboardInterrupt), commit.locked(companies):
        commit.commit(companies, plan_import(catalog, companies, second).writers())
    monkeypatch.undo()
    assert (companies / commit.JOURNAL).exists()  # half applied, as a kill would leave it
    assert snapshot(companies) != expected
    checked = prep("check", "--companies", companies)  # a reader finishes the import
    assert checked.returncode == 0, checked.stderr
    assert snapshot(companies) == expected  # no journal, no temporary file either


def stray_files(companies: Path) -> list[str]:
    return [p.name for p in companies.rglob(".*") if p.is_file()]


@pytest.mark.slow
def test_twenty_kills_at_random_points_leave_the_store_whole(companies, tmp_path):
    base = fictional_export(tmp_path / "base.csv", 3_000, seed=3)
    export = fictional_export(tmp_path / "new.csv", 5_000, seed=4, start=50_000)
    assert imp(companies, base).returncode == 0
    before = snapshot(companies)
    expected = serial_store(tmp_path, [base, export], "serial")
    started = time.monotonic()
    assert run_prep(companies, "reports", "import", export).wait(timeout=60) == 0
    duration = time.monotonic() - started
    assert snapshot(companies) == expected
    rng = random.Random(22)
    outcomes = []
    for attempt in range(20):
        (companies / "meta").mkdir(exist_ok=True)
        for path in companies.rglob("*.csv"):
            path.unlink()
        for name, data in before.items():
            write(companies / name, data)
        process = run_prep(companies, "reports", "import", export)
        if attempt < 10:  # anywhere in the import
            time.sleep(rng.uniform(0.2, 1.05) * duration)
        else:  # while its files are written (the journal's moment, under a millisecond
            # here, is the crash test's above)
            while process.poll() is None and not next(companies.glob("*/.*.tmp"), None):
                time.sleep(0.0005)
            time.sleep(rng.uniform(0, 0.02))
        kill = signal.SIGKILL if attempt % 2 else signal.SIGTERM
        with_signal = process.poll() is None
        if with_signal:
            os.killpg(process.pid, kill)
        process.wait(timeout=60)
        state = snapshot(companies)
        journal = commit.JOURNAL in state
        if not journal:  # all or nothing: the old store or the new one, never a mix
            store = {k: v for k, v in state.items() if not Path(k).name.startswith(".")}
            assert store in (before, expected), attempt
        if kill == signal.SIGTERM and with_signal:
            assert not stray_files(companies), attempt  # cleaned on the way out
        outcomes.append("journal" if journal else "temp" if stray_files(companies) else "clean")
        again = run_prep(companies, "reports", "import", export)
        assert again.wait(timeout=60) == 0, again.stderr.read().decode()
        assert snapshot(companies) == expected, attempt
        assert not stray_files(companies)
    assert outcomes.count("temp") >= 1  # some kills did land in the write phase


# -- 3. a full disk --------------------------------------------------------------------


def test_a_full_disk_names_the_file_and_leaves_nothing(companies, tmp_path, monkeypatch):
    export = fictional_export(tmp_path / "e.csv", 40, seed=5)

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(commit.os, "fsync", full)
    result = imp(companies, export)
    line = one_error_line(result, "cannot write (No space left on device); nothing written")
    assert "None" not in line and "companies/" in line and ".csv" in line
    monkeypatch.undo()
    assert snapshot(companies) == {}  # no store file, no temporary file


# -- 4. reading bounded ----------------------------------------------------------------


def test_a_fifo_is_refused_at_once(companies, tmp_path):
    fifo = tmp_path / "export.csv"
    os.mkfifo(fifo)
    started = time.monotonic()
    result = imp(companies, fifo)
    assert time.monotonic() - started < 5
    one_error_line(result, str(fifo), "not a regular file")


def test_a_device_is_refused(companies):
    one_error_line(imp(companies, Path("/dev/zero")), "/dev/zero", "not a regular file")


def test_the_size_cap_is_stated_and_configurable(companies, tmp_path, monkeypatch):
    export = fictional_export(tmp_path / "e.csv", 200, seed=6)
    set_setting(monkeypatch, "files", "max_export_bytes", 2_000)
    one_error_line(imp(companies, export), str(export), "the limit is 2,000 bytes")
    set_setting(monkeypatch, "files", "max_line_bytes", 20)
    set_setting(monkeypatch, "files", "max_export_bytes", 10**9)
    one_error_line(imp(companies, export), "line 1: a line longer than")


# -- 5. no content echoed --------------------------------------------------------------


def test_errors_never_quote_a_file_that_is_not_an_export(companies, tmp_path):
    secret = write(tmp_path / "secret.txt", "root:x:0:0:SECRET-TOKEN:/root:/bin/bash\n")
    link = tmp_path / "export.csv"
    link.symlink_to(secret)
    line = one_error_line(imp(companies, link), str(link), "not a CSV header")
    assert "SECRET" not in line
    bad_cell = write(tmp_path / "cell.csv", HEADER + "PRIVATE-DATE,Meta,PM,Why?\n")
    line = one_error_line(imp(companies, bad_cell), "row 2: cannot read the date")
    assert "PRIVATE" not in line


# -- 6. a damaged store file -----------------------------------------------------------

GOOD_ROW = "0123456789ab,2026-01-05,meta,product-manager,,PM,,,Why Meta?,\n"
STORE_HEADER = "id,date,company,role,level,title,round,type,question,source\n"
PAY_HEADER = "id,date,company,role,level,title,location,currency,base,stock,bonus,flag,source\n"
PAY_ROW = "0123456789ab,2026-01-05,meta,product-manager,L5,PM,,USD,{base},,,,\n"

DAMAGED = {
    "conflict": (
        STORE_HEADER + "<<<<<<< HEAD\n" + GOOD_ROW + "=======\n>>>>>>> other\n",
        "reports.csv:2: a git conflict marker",
    ),
    "bad-date": (STORE_HEADER + GOOD_ROW.replace("2026-01-05", "2026-13-45"), "reports.csv:2:"),
    "short-row": (STORE_HEADER + GOOD_ROW + "abc,2026\n", "reports.csv:3: 2 cells where"),
    "not-utf8": (
        STORE_HEADER.encode() + GOOD_ROW.replace("Why", "W\xe9hy").encode("latin-1"),
        "reports.csv:2: not UTF-8 text",
    ),
    "far-future": (
        STORE_HEADER + GOOD_ROW.replace("2026-01-05", "9999-12-31"),
        "reports.csv:2: the date is in the future",
    ),
    "base-abc": (PAY_HEADER + PAY_ROW.format(base="abc"), "pay.csv:2: the base must be a whole"),
    "base-1e400": (PAY_HEADER + PAY_ROW.format(base="1e400"), "pay.csv:2: the base must be"),
    "base-huge": (PAY_HEADER + PAY_ROW.format(base="9" * 12), "pay.csv:2: the base is outside"),
}


@pytest.mark.parametrize("case", DAMAGED)
def test_a_damaged_store_file_is_one_line_everywhere(companies, tmp_path, case):
    text, expected = DAMAGED[case]
    name = "pay.csv" if expected.startswith("pay") else "reports.csv"
    write(companies / "meta" / name, text)
    path = f"{companies}/meta/{expected}"
    one_error_line(prep("check", "--companies", companies), path)
    suggest = prep("reports", "suggest", "meta", "product-manager", "--companies", companies)
    one_error_line(suggest, path)
    export = write(tmp_path / "e.csv", HEADER + "2026-01-02,Meta,PM,Why?\n")
    kind = ["--kind", "pay"] if name == "pay.csv" else []
    if name == "pay.csv":
        export = write(
            tmp_path / "e.csv", "Date,Company,Title,Level,Base\n2026-01-02,Meta,PM,L5,200000\n"
        )
    one_error_line(imp(companies, export, *kind), path.split(":")[0])


def test_a_damaged_store_file_fails_the_build_with_its_line(tmp_path):
    from conftest import run

    project = tmp_path / "project"
    project.mkdir()
    for name in ("theme", "content"):
        (project / name).symlink_to(ROOT / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    copy_catalog(project / "companies")
    write(project / "companies/meta/reports.csv", STORE_HEADER + GOOD_ROW + "<<<<<<< HEAD\n")
    result = run("mkdocs", "build", "--site-dir", tmp_path / "site", cwd=project)
    assert result.returncode != 0
    assert "companies/meta/reports.csv:3: a git conflict marker: resolve the merge" in result.stderr
    assert "Traceback" not in result.stderr


# -- 7. dates --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("9999-12-31", "row 2: the date is in the future"),
        ((dt.date.today() + dt.timedelta(days=1)).isoformat(), "row 2: the date is in the future"),
        ("1999-12-31", "row 2: the date is before 2000-01-01 (dates.floor)"),
    ],
)
def test_dates_after_today_or_before_the_floor_are_refused(companies, tmp_path, date, message):
    export = write(tmp_path / "e.csv", HEADER + f"{date},Meta,PM,Why?\n")
    one_error_line(imp(companies, export), message)
    assert not list(companies.rglob("*.csv"))


# -- 8. pay ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$185,000", (185_000, "USD")),
        ("185k", (185_000, None)),
        ("€185.000,50", (185_001, "EUR")),
        ("185.000 €", (185_000, "EUR")),
        ("1,2M", (1_200_000, None)),
        ("£92 500", (92_500, "GBP")),
        ("", (None, None)),
    ],
)
def test_amounts_read_us_and_european_grouping(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    ("base", "message"),
    [
        ("9" * 400, "the base amount has too many digits"),
        ("99999999999999999999999m", "the base amount has too many digits"),
        ("185", "the base is outside 10,000-3,000,000 USD"),
        ("€185.000 $", "the base amount names two currencies"),
        ("1.2.3,4,5", "the base amount is not an amount"),
    ],
)
def test_implausible_pay_is_refused(companies, tmp_path, base, message):
    export = write(
        tmp_path / "p.csv", f'Date,Company,Title,Level,Base\n2026-01-02,Meta,PM,L5,"{base}"\n'
    )
    one_error_line(imp(companies, export, "--kind", "pay"), f"row 2: {message}")
    assert not list(companies.rglob("*.csv"))


def test_pay_outliers_are_flagged_and_left_out_of_the_figures(companies, tmp_path):
    lines = ["Date,Company,Title,Level,Base,Currency"]
    lines += [f"2026-01-{d:02d},Netflix,PM,L5,300000,USD" for d in range(1, 13)]
    lines.append("2026-01-20,Netflix,PM,L5,2900000,USD")  # plausible, not at L5
    lines.append("2026-01-21,Netflix,PM,L5,€185.000,")  # euros: not in a dollar table
    result = imp(companies, write(tmp_path / "p.csv", "\n".join(lines) + "\n"), "--kind", "pay")
    assert result.returncode == 0, result.stderr
    assert "1 row outside the pay expected at the level" in result.stdout
    stored = rows(companies / "netflix" / "pay.csv")
    assert [r["flag"] for r in stored].count("outlier") == 1
    assert {r["currency"] for r in stored} == {"USD", "EUR"}
    entry = load_catalog(companies).role("netflix", "product-manager")
    (l5,) = [
        level for level in load_figures(companies, [entry]).of(entry).pay if level.level == "L5"
    ]
    assert (l5.count, l5.median) == (12, 300_000)


# -- 9. NUL and formulas ---------------------------------------------------------------


def test_a_nul_byte_anywhere_is_refused(companies, tmp_path):
    filler = "".join(f"2026-01-02,Meta,PM,Question {i}?\n" for i in range(200))
    export = write(tmp_path / "e.csv", HEADER + filler + "2026-01-02,Meta,PM,Wh\x00y?\n")
    assert export.stat().st_size > 4096
    one_error_line(imp(companies, export), "row 202: a NUL byte")


def test_formula_cells_are_stored_so_a_spreadsheet_cannot_run_them(companies, tmp_path):
    export = write(
        tmp_path / "e.csv",
        HEADER
        + '2026-01-02,Meta,PM,"=HYPERLINK(""http://x"",""y"")"\n'
        + "2026-01-03,+cmd|' /C calc'!A0,PM,Why?\n"
        + "2026-01-04,Meta,@SUM(1),-2+3\n",
    )
    assert imp(companies, export).returncode == 0
    cells = [c for p in companies.rglob("reports.csv") for r in rows(p) for c in r.values()]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    assert '\'=HYPERLINK("http://x","y")' in cells and "'+cmd|' /C calc'!A0" in cells
    assert prep("check", "--companies", companies).returncode == 0
    assert imp(companies, export).stdout.strip().endswith("no file changed")


# -- 10. terminal escapes --------------------------------------------------------------


def test_terminal_escapes_from_an_export_are_shown_not_run(companies, tmp_path):
    export = write(
        tmp_path / "e.csv",
        HEADER + "2026-01-02,\x1b[2J\x1b]0;pwned\x07Evil Corp,PM,Why?\n",
    )
    result = imp(companies, export)
    assert result.returncode == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b[2J\\x1b]0;pwned\\x07Evil Corp: 1 row, not in the catalog" in result.stdout


# -- 11. identity ----------------------------------------------------------------------


def test_the_same_export_saved_again_differently_adds_nothing(companies, tmp_path):
    header = ["Timestamp", "Company", "Job title", "Interview date", "Question"]
    table = [
        ["2026-01-02 10:00", "Meta", "PM", "2026-01-02", "Why Meta?"],
        ["2026-01-02 10:05", "Meta", "PM", "2026-01-02", "Why Meta?"],  # a second person
        ["", "Netflix", "PM", "2026-01-03", "Tell me about a failure."],
        ["", "Netflix", "PM", "2026-01-03", "Tell me about a failure."],  # no time: still two
    ]

    def save(name: str, order: list[int], end: str = "\n", extra: bool = False, pad=False):
        lines = []
        for i, row in enumerate([header, *table]):
            cells = [row[j] for j in order]
            if pad and i == 1:
                cells[-1] += " "
            if extra:
                cells.append("Extra" if i == 0 else "x")
            lines.append(",".join(cells))
        return write(tmp_path / name, end.join(lines) + end)

    assert imp(companies, save("first.csv", [0, 1, 2, 3, 4])).returncode == 0
    before = snapshot(companies)
    assert sum(len(rows(p)) for p in companies.rglob("reports.csv")) == 4
    for export in (
        save("crlf.csv", [0, 1, 2, 3, 4], end="\r\n"),
        save("column.csv", [0, 1, 2, 3, 4], extra=True),
        save("order.csv", [4, 3, 2, 1, 0]),
        save("space.csv", [0, 1, 2, 3, 4], pad=True),
    ):
        result = imp(companies, export)
        assert result.returncode == 0, result.stderr
        assert "no file changed" in result.stdout, export.name
    assert snapshot(companies) == before


def test_temporary_files_of_a_killed_import_are_removed_by_the_next_check(companies):
    stray = companies / "meta" / ".reports.csv.k1ll3d.tmp"
    write(stray, "id,date\n")
    assert prep("check", "--companies", companies).returncode == 0
    assert not stray.exists()


# -- 12. the battery again on what landed since (issue 19) ------------------------------


@pytest.mark.parametrize(
    ("content", "outcome"),
    [
        (b"", "Error: {export}: the file is empty"),
        (b"\n\r\n \n", "Error: {export}: the file is empty"),
        (HEADER.encode(), "read 0 rows; 0 new\nno file changed"),
        (
            HEADER.encode("utf-16"),  # Excel's "Unicode text": a byte-order mark, then UTF-16
            "Error: {export}: line 1: UTF-16 text, not UTF-8; save the file as CSV UTF-8",
        ),
        (
            HEADER.encode("utf-16-be"),  # no mark: its NUL bytes give it away
            "Error: {export}: line 1: a NUL byte: binary data, not CSV text",
        ),
        (
            (HEADER + "2026-01-02,Nestlé,PM,Pourquoi?\n").encode("latin-1"),
            "Error: {export}: row 2: not UTF-8 text; save the file as CSV UTF-8",
        ),
    ],
    ids=["empty", "blank-lines", "header-only", "utf-16", "utf-16-no-mark", "latin-1"],
)
def test_empty_and_odd_encodings_give_one_line_or_nothing_to_do(
    companies, tmp_path, content, outcome
):
    export = write(tmp_path / "e.csv", content)
    result = imp(companies, export)
    expected = outcome.format(export=export)
    if expected.startswith("Error:"):
        assert one_error_line(result) == expected
    else:
        assert result.returncode == 0 and result.stdout.strip() == expected
    assert snapshot(companies) == {}


def test_many_rows_stream_within_the_caps(companies, tmp_path, monkeypatch):
    """Two million rows (150 MB; a dry run took 735 MB and five minutes on a shared core)
    are the row cap: here the same shape, 40,000 rows, must plan in a few seconds, and a
    file one byte or one row past a lowered cap is refused (the caps bound time and
    memory)."""
    line = "2026-01-02,Meta,Product Manager,Tell me about a time you failed number {}\n"
    body = "".join(line.format(i) for i in range(40_000))
    export = write(tmp_path / "big.csv", HEADER + body)
    started = time.monotonic()
    result = imp(companies, export, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "read 40,000 rows; 40,000 new" in result.stdout
    assert time.monotonic() - started < 20
    set_setting(monkeypatch, "files", "max_export_bytes", export.stat().st_size - 1)
    started = time.monotonic()
    one_error_line(imp(companies, export), "the limit is")
    assert time.monotonic() - started < 2
    set_setting(monkeypatch, "files", "max_export_bytes", 10**9)
    set_setting(monkeypatch, "files", "max_export_rows", 39_999)  # the row cap, the same way
    line = one_error_line(imp(companies, export), "row 40001: more than 39,999 rows")
    assert "split the export" in line
    assert snapshot(companies) == {}


def test_a_huge_cell_is_refused_by_the_line_cap_and_a_long_one_stored_whole(companies, tmp_path):
    cap = settings()["files"]["max_line_bytes"]
    huge = write(tmp_path / "huge.csv", HEADER + f"2026-01-02,Meta,PM,{'x' * cap}\n")
    one_error_line(imp(companies, huge), "row 2: a line longer than 1.0 MB")
    long_question = "Why " + "very " * 10_000 + "much?"
    ok = write(tmp_path / "long.csv", HEADER + f"2026-01-02,Meta,PM,{long_question}\n")
    assert imp(companies, ok).returncode == 0
    assert rows(companies / "meta" / "reports.csv")[0]["question"] == long_question


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ("-185000,USD", "the base amount is not an amount"),
        ("185000,ZZZ", "the currency must be one of USD, EUR, GBP, CAD, INR"),
        ("185000,<script>", "the currency must be one of"),
        ("lots,USD", "the base amount is not an amount"),
        ("NaN,USD", "the base amount is not an amount"),
        ("1e308,USD", "the base amount is not an amount"),
        ("¥20000000,", "the base amount is not an amount"),
        ("9" * 30 + ",USD", "the base amount has too many digits"),
        ("99000000,USD", "the base is outside 10,000-3,000,000 USD"),
    ],
)
def test_hostile_pay_values_are_refused_with_the_row(companies, tmp_path, cells, message):
    export = write(
        tmp_path / "p.csv",
        f"Date,Company,Title,Level,Base,Currency\n2026-01-02,Meta,PM,L5,{cells}\n",
    )
    line = one_error_line(imp(companies, export, "--kind", "pay"), f"row 2: {message}")
    assert "<script>" not in line and "lots" not in line  # a cell is never quoted
    assert snapshot(companies) == {}


def test_a_read_only_catalog_is_one_line_and_keeps_the_old_store(companies, tmp_path, monkeypatch):
    """As a read-only mount answers (EROFS): checked by hand on a real read-only tmpfs."""
    first = fictional_export(tmp_path / "a.csv", 30, seed=8)
    assert imp(companies, first).returncode == 0
    before = snapshot(companies)

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(commit.tempfile, "mkstemp", read_only)
    newer = fictional_export(tmp_path / "b.csv", 30, seed=9, start=30)
    line = one_error_line(imp(companies, newer), "cannot write (Read-only file system)")
    assert "nothing written" in line
    monkeypatch.undo()
    assert snapshot(companies) == before


def test_markup_in_an_export_never_reaches_the_site_or_the_feed(tmp_path):
    """Hostile company names, titles and questions: the counts they add are published
    (25 reports: past the publishing minimum), their text is not, and nothing runs."""
    import xml.etree.ElementTree as ET

    from conftest import MINI_CATALOG, make_project, publishable, run

    project = make_project(tmp_path, MINI_CATALOG)
    publishable(project / "companies")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    hostile = [
        '<script>alert("co")</script>Acme',
        "Acme",
        "Acme<img src=x onerror=alert(2)>",
        "]]></title><script>alert(3)</script>",
    ]
    export = tmp_path / "e.csv"
    with export.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["Date", "Company", "Job title", "Question"])
        for i in range(25):
            company = "Acme" if i % 2 else hostile[i % len(hostile)]
            question = f"<svg onload=alert({i})>Tell me about a time]]>&amp;<!--"
            out.writerow([f"2026-0{1 + i % 9}-1{i % 9}", company, "Product Manager", question])
    result = imp(project / "companies", export)
    assert result.returncode == 0, result.stderr
    # What's new lists an import once it is committed, dated by that commit.
    who = {"GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "e@example.com"}
    who |= {"GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "e@example.com"}
    for step in (["add", "companies"], ["commit", "-qm", "reports"]):
        subprocess.run(["git", *step], cwd=project, check=True, env=os.environ | who)
    built = run("mkdocs", "build", "--strict", "--site-dir", project / "site", cwd=project)
    assert built.returncode == 0, built.stderr
    outputs = [p for p in (project / "site").rglob("*") if p.suffix in (".html", ".xml", ".json")]
    assert outputs
    for path in outputs:
        text = path.read_text(encoding="utf-8")
        for marker in ("alert(", "onerror=", "onload=", "]]>&amp;"):
            assert marker not in text, (path, marker)
    feed = ET.parse(project / "site" / "feed.xml").getroot()  # still well-formed Atom
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    # One entry for the day (What's new groups a day's additions), naming the reports.
    assert any("interview reports" in (t or "") for t in titles), titles
    assert "Acme Product Manager" in (project / "site" / "feed.xml").read_text(encoding="utf-8")
