"""Report benchmark: our `prep report` against plain WeasyPrint, side by side.

1. One report end to end (`prep report`: read the resume and job description,
   analyze, render, write) against the plain `weasyprint` command rendering the
   very same HTML with the same stylesheet (given apart, as `prep report` gives it)
   and fonts and writing the same tagged variant (PDF/UA-1). Both run as fresh
   processes, so both pay for interpreter start and imports. Plain WeasyPrint
   untagged is printed too: what tagging costs.
2. A batch of 20 orders with `--jobs 2` against `--jobs 1`.
3. The reading step alone: a two-page PDF resume read and parsed (`read_resume`)
   in this process, imports done.

Prints times, the ratio, page count and peak memory of each process.

    python bench/report.py [--repeat 3] [--orders 20] [--reading-only] [--single-only]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from preploop.catalog import load_catalog  # noqa: E402
from preploop.report.pipeline import Order, analyze_order  # noqa: E402
from preploop.report.render import PRINT_CSS, REPORT_DIR, report_html  # noqa: E402
from preploop.report.tagging import PDF_OPTIONS  # noqa: E402

EXAMPLE = ROOT / "examples" / "strong-pm"
TWO_PAGES = ROOT / "tests/fixtures/real-world/resume_swe_john-doe_rendercv-classic-latex.pdf"
TARGETS = {"ratio": 1.2, "memory_mb": 500, "speedup": 1.8, "reading_s": 0.3}


def measure(command: list, cwd: Path = ROOT) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(c) for c in command], cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"failed: {' '.join(map(str, command))}\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def single_report(work: Path, repeat: int) -> None:
    catalog = load_catalog(ROOT / "companies")
    order = Order(
        "Jordan Rivera", "netflix", "product-manager", EXAMPLE / "resume.pdf", EXAMPLE / "job.txt"
    )
    analysis, entry = analyze_order(order, catalog, ROOT / "companies", dt.date(2026, 11, 26))
    html = work / "report.html"
    html.write_text(report_html(analysis, entry))
    ours_cmd = [
        BIN / "prep",
        "report",
        "--company",
        "netflix",
        "--role",
        "product-manager",
        "--resume",
        EXAMPLE / "resume.pdf",
        "--jd",
        EXAMPLE / "job.txt",
        "--name",
        "Jordan Rivera",
        "--out",
        work / "ours.pdf",
        "--as-of",
        "2026-11-26",
    ]
    variant = str(PDF_OPTIONS["pdf_variant"])
    plain_cmd = [
        BIN / "weasyprint",
        "--base-url",
        REPORT_DIR.as_uri() + "/",
        "--stylesheet",  # what `prep report` gives WeasyPrint beside the HTML
        PRINT_CSS,
        "--pdf-variant",
        variant,
        html,
        work / "plain.pdf",
    ]
    untagged_cmd = [c for c in plain_cmd if c not in ("--pdf-variant", variant)]
    untagged_cmd[-1] = work / "untagged.pdf"
    commands = {"plain": plain_cmd, "ours": ours_cmd, "untagged": untagged_cmd}
    runs = {name: [] for name in commands}
    memory = dict.fromkeys(commands, 0.0)
    for _ in range(repeat):  # interleaved, so machine load hits all alike
        for name, command in commands.items():
            seconds, mb = measure(command)
            runs[name].append(seconds)
            memory[name] = max(memory[name], mb)
    median = {name: statistics.median(times) for name, times in runs.items()}
    ours, plain = median["ours"], median["plain"]
    rows = (
        ("prep report (tagged)", "ours"),
        (f"weasyprint, same HTML, {variant}", "plain"),
        ("weasyprint, same HTML, untagged", "untagged"),
    )
    files = {"ours": "ours.pdf", "plain": "plain.pdf", "untagged": "untagged.pdf"}
    print(f"one report, end to end (median of {repeat} runs)")
    print(f"  {'':<38}{'seconds':>8}{'pages':>7}{'peak MB':>9}")
    for label, name in rows:
        print(
            f"  {label:<38}{median[name]:>8.2f}{pages(work / files[name]):>7}{memory[name]:>9.0f}"
        )
    print(
        f"  ratio {ours / plain:.2f} against the same tagged variant (target <= "
        f"{TARGETS['ratio']}), tagging costs plain WeasyPrint "
        f"{median['plain'] / median['untagged']:.2f}x; peak memory "
        f"{memory['ours']:.0f} MB (target < {TARGETS['memory_mb']})"
    )


def batch(work: Path, count: int) -> None:
    orders = work / "orders.csv"
    rows = list(csv.DictReader((ROOT / "examples" / "orders.csv").open()))
    with orders.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["order_id", "name", "company", "role", "resume", "jd"])
        for i in range(count):
            row = rows[i % len(rows)]
            writer.writerow(
                [
                    f"B{i:03d}",
                    row["name"],
                    row["company"],
                    row["role"],
                    ROOT / "examples" / row["resume"],
                    ROOT / "examples" / row["jd"],
                ]
            )
    times = {}
    for jobs in (1, 2):
        out = work / f"jobs{jobs}"
        times[jobs], _ = measure(
            [
                BIN / "prep",
                "batch",
                orders,
                "--out-dir",
                out,
                "--jobs",
                jobs,
                "--as-of",
                "2026-11-26",
            ]
        )
    print(f"batch of {count} orders")
    for jobs, seconds in times.items():
        print(f"  --jobs {jobs}: {seconds:6.1f} s, {count / seconds * 60:5.1f} reports a minute")
    print(f"  speed-up {times[1] / times[2]:.2f}x (target >= {TARGETS['speedup']}x)")


def reading(repeat: int) -> None:
    from preploop.report.ingest import read_resume

    read_resume(TWO_PAGES)  # warm: imports and data files load once per process
    runs = []
    for _ in range(max(repeat, 5)):
        start = time.perf_counter()
        read_resume(TWO_PAGES)
        runs.append(time.perf_counter() - start)
    print(f"reading a two-page PDF resume ({TWO_PAGES.name}, median of {len(runs)})")
    print(f"  {statistics.median(runs):.3f} s (target < {TARGETS['reading_s']} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--orders", type=int, default=20)
    parser.add_argument("--reading-only", action="store_true", help="only the reading step")
    parser.add_argument("--single-only", action="store_true", help="skip the batch of orders")
    args = parser.parse_args()
    reading(args.repeat)
    if args.reading_only:
        return
    with tempfile.TemporaryDirectory(prefix="bench-report-") as tmp:
        single_report(Path(tmp), args.repeat)
        if not args.single_only:
            batch(Path(tmp), args.orders)


if __name__ == "__main__":
    main()
