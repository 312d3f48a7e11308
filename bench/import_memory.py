"""Peak memory of `prep reports import` on a large fictional export.

Rows are read one at a time and the store is written file by file, so memory
grows with the rows kept (the store itself), not with the export's size.

    .venv/bin/python bench/import_memory.py                  # 1,000,000 rows (target < 1 GB)
    .venv/bin/python bench/import_memory.py --rows 100000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from reports import BIN, bench_site, measure, write_export  # bench/reports.py

TARGET_MB = 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--roles", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        work = Path(tmp)
        bench_site.make_catalog(work / "companies", args.roles)
        export = work / "export.csv"
        write_export(export, work / "companies", args.rows)
        size = export.stat().st_size / 1024**2
        command = [str(BIN / "prep"), "reports", "import", str(export), "--companies", "companies"]
        wall, cpu, peak = measure(command, work)
    print(
        f"import of {args.rows:,} rows ({size:,.0f} MB export, {args.roles:,} roles): "
        f"{wall:.1f} s wall, {cpu:.1f} s CPU, peak memory {peak:,.0f} MB"
    )
    print(f"target: < {TARGET_MB:,} MB at 1,000,000 rows")
    sys.exit(0 if args.rows < 1_000_000 or peak < TARGET_MB else 1)


if __name__ == "__main__":
    main()
