"""Reported-interview benchmark: import speed, and what reports cost a site build.

1. Writes a fictional form export of 100,000 rows (messy on purpose: company
   spellings, level hints in titles, reworded questions, unknown companies)
   for a synthetic catalog of 1,000 roles, and times `prep reports import`.
2. Builds the same 1,000-role catalog with and without those reports, side by
   side (times are medians of the repeats, builds interleaved).

    python bench/reports.py                      # 100,000 rows, 1,000 roles
    python bench/reports.py --rows 10000 --roles 100 --repeat 1
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import os
import random
import shutil
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

# bench/site.py holds the synthetic catalog and the timing helpers ("site" is
# also a standard module, hence the explicit load).
_spec = importlib.util.spec_from_file_location("bench_site", Path(__file__).with_name("site.py"))
bench_site = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_site)

TARGETS = {"import_s": 10.0, "ratio": 1.2}
HEADER = [
    "Timestamp",
    "Which company did you interview with?",
    "What was your job title?",
    "When was the interview?",
    "Which round was it?",
    "What was the interview question?",
    "Anything else? (not published)",
]
SPELLINGS = ["{name}", "{name} Inc.", "{lower}", "{upper}", " {name} ", "{name}, Inc"]
REWORDINGS = ["{q}", "{q_lower}", "So, {q_lower}", "{q} (they pushed hard on this)"]
NEW_QUESTIONS = [
    "How would you price a family plan?",
    "Walk me through a launch that went badly.",
    "What would you cut from the product tomorrow?",
    "Estimate the storage a year of uploads needs.",
]


def write_export(path: Path, catalog_dir: Path, rows: int, seed: int = 7) -> None:
    """A fictional export for the synthetic catalog: no real person's data."""
    rng = random.Random(seed)
    catalog = load_catalog(catalog_dir)
    roles = list(catalog.roles)
    questions = [q.text for q in roles[0].role.questions]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(rows):
            entry = rng.choice(roles)
            name = entry.company.name
            company = rng.choice(SPELLINGS).format(
                name=name, lower=name.lower(), upper=name.upper()
            )
            if rng.random() < 0.03:
                company = f"Unlisted Corp {rng.randrange(40)}"
            title = entry.role.title + rng.choice(["", "", " L5", " (L6)", " - Senior"])
            if rng.random() < 0.7:
                q = rng.choice(questions)
                question = rng.choice(REWORDINGS).format(q=q, q_lower=q.lower())
            else:
                question = rng.choice(NEW_QUESTIONS)
            day = f"2025-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            stamp = f"{day} {i % 24:02d}:{i % 60:02d}:{(i // 60) % 60:02d}"
            writer.writerow([stamp, company, title, day, "Onsite", question, ""])


def measure(command: list[str], cwd: Path) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak memory (MB) of one child process: on a
    shared machine the CPU time is the steadier figure."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{process.stderr.read().decode()}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def build(project: Path) -> tuple[float, float]:
    shutil.rmtree(project / "site", ignore_errors=True)
    command = [str(BIN / "mkdocs"), "build", "--quiet", "--site-dir", "site"]
    return measure(command, project)[:2]


def run(roles: int, rows: int, repeat: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-reports-") as tmp:
        work = Path(tmp)
        with_reports, without = work / "with", work / "without"
        for project in (with_reports, without):
            project.mkdir()
            (project / "content").symlink_to(ROOT / "content")
            # A copy: through a link, the plugin would find the catalog beside the real file.
            shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        bench_site.make_catalog(without / "companies", roles)
        shutil.copytree(without / "companies", with_reports / "companies")
        export = work / "export.csv"
        write_export(export, without / "companies", rows)
        command = [str(BIN / "prep"), "reports", "import", str(export), "--companies", "companies"]
        import_s, import_cpu, import_mb = measure(command, with_reports)
        reimport_s, reimport_cpu, _ = measure(command, with_reports)
        stored = sum(
            sum(1 for _ in path.open(encoding="utf-8")) - 1
            for path in (with_reports / "companies").glob("*/reports.csv")
        )
        for project in (without, with_reports):  # warm: social cards drawn and cached
            build(project)
        times: dict[str, list[tuple[float, float]]] = {"with": [], "without": []}
        for _ in range(repeat):  # interleaved, so drift hits both alike
            for name, project in (("without", without), ("with", with_reports)):
                times[name].append(build(project))
        pages = sum(1 for _ in (with_reports / "site").rglob("index.html"))
        with_s = statistics.median(t[0] for t in times["with"])
        without_s = statistics.median(t[0] for t in times["without"])
        with_cpu = statistics.median(t[1] for t in times["with"])
        without_cpu = statistics.median(t[1] for t in times["without"])
        return {
            "roles": roles,
            "rows": rows,
            "stored": stored,
            "pages": pages,
            "import_s": import_s,
            "import_cpu": import_cpu,
            "import_mb": import_mb,
            "reimport_s": reimport_s,
            "reimport_cpu": reimport_cpu,
            "without_s": without_s,
            "with_s": with_s,
            "ratio": with_s / without_s,
            "without_cpu": without_cpu,
            "with_cpu": with_cpu,
            "cpu_ratio": with_cpu / without_cpu,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    r = run(args.roles, args.rows, args.repeat)
    print(
        f"{r['roles']:,} roles ({r['pages']:,} pages built), {r['rows']:,} exported rows, "
        f"{r['stored']:,} stored"
    )
    print(f"{'':24} {'wall s':>8} {'CPU s':>8}")
    print(
        f"{'import':24} {r['import_s']:>8.2f} {r['import_cpu']:>8.2f}   ({r['import_mb']:.0f} MB)"
    )
    print(f"{'import again (no change)':24} {r['reimport_s']:>8.2f} {r['reimport_cpu']:>8.2f}")
    print(f"{'build without reports':24} {r['without_s']:>8.2f} {r['without_cpu']:>8.2f}")
    print(f"{'build with reports':24} {r['with_s']:>8.2f} {r['with_cpu']:>8.2f}")
    print(f"{'ratio with/without':24} {r['ratio']:>8.2f} {r['cpu_ratio']:>8.2f}")
    print(
        f"targets: import of 100,000 rows < {TARGETS['import_s']:.0f} s; "
        f"build with reports <= {TARGETS['ratio']}x the build without"
    )


if __name__ == "__main__":
    main()
