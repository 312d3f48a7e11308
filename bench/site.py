"""Site build benchmark: our plugin against plain mkdocs-material, side by side.

For each catalog size it generates a synthetic catalog (copies of the Netflix
company and role under new names), then builds it twice in the same run:

- ours: `mkdocs build` with the preploop plugin reading the YAML;
- baseline: plain mkdocs-material building the very same pages, written out
  beforehand as Markdown files in docs_dir.

It prints the time ratio, pages per second, peak memory, the average role page
size and the search index size, and the time `prep check` takes on the catalog:
warm (nothing changed since the last check, answered from its memo), edited (one
role file changed, every other from the parse cache) and cold (PREPLOOP_CACHE=off);
times are medians of the repeats. Every build but the first reads the parse cache.

Peak memory is the largest process's: our build forks page workers, which share
most of their memory with it (copy on write).

    python bench/site.py                 # sizes 10, 100, 1000
    python bench/site.py --sizes 100 --repeat 3
    python bench/site.py --sizes 10000 --repeat 1 --no-plain   # ours only: plain takes minutes
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from preploop.catalog import load_catalog  # noqa: E402
from preploop.site.pages import PageBuilder, ReportOffer  # noqa: E402

ROLES_PER_COMPANY = 10
TARGETS = {"ratio": 1.10, "pages_per_second": 400, "page_kb": 60, "index_mb": 5, "check_s": 0.5}
LARGE = {"roles": 10_000, "seconds": 30, "mb": 1024}  # the large catalog's targets


def make_catalog(folder: Path, roles: int) -> None:
    """`roles` role files spread over companies of ROLES_PER_COMPANY roles each."""
    source = ROOT / "companies"
    shutil.copytree(source / "_roles", folder / "_roles")
    company_text = (source / "netflix" / "company.yaml").read_text()
    role_text = (source / "netflix" / "product-manager.yaml").read_text()
    for c in range((roles + ROLES_PER_COMPANY - 1) // ROLES_PER_COMPANY):
        slug = f"company-{c:04d}"
        (folder / slug).mkdir()
        text = company_text.replace("slug: netflix", f"slug: {slug}")
        text = text.replace("name: Netflix\n", f"name: Company {c:04d}\n", 1)
        (folder / slug / "company.yaml").write_text(text)
        for r in range(min(ROLES_PER_COMPANY, roles - c * ROLES_PER_COMPANY)):
            role = role_text.replace("slug: product-manager\n", f"slug: role-{r:02d}\n", 1)
            role = role.replace("title: Product Manager\n", f"title: Role {r:02d} Manager\n", 1)
            (folder / slug / f"role-{r:02d}.yaml").write_text(role)


def make_projects(work: Path, roles: int, with_plain: bool = True) -> tuple[Path, Path | None]:
    """Two project folders with the same pages: one with the plugin, one plain (if asked)."""
    ours = work / "ours"
    ours.mkdir()
    make_catalog(ours / "companies", roles)
    (ours / "content").symlink_to(ROOT / "content")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    (ours / "mkdocs.yml").write_text(yaml.safe_dump(config))
    if not with_plain:
        return ours, None
    plain = work / "plain"
    plain.mkdir()

    shutil.copytree(ROOT / "content", plain / "content")
    catalog = load_catalog(ours / "companies")
    builder = PageBuilder(catalog, ReportOffer.model_validate(config["extra"]["report"]))
    for page in builder.pages(changes=[]):
        target = plain / "content" / page.src_path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.standalone_markdown)
    home = plain / "content" / "index.md"
    home.write_text(home.read_text().replace("<!-- prep:companies -->", builder.companies_grid("")))
    config["plugins"] = [p for p in config["plugins"] if p == "search"]
    # The plain build gets the same theme files, as a custom_dir.
    (plain / "theme").symlink_to(ROOT / "preploop" / "theme")
    config["theme"]["custom_dir"] = "theme"
    config["not_in_nav"] = "/order.md\n/companies/*/\n"
    (plain / "mkdocs.yml").write_text(yaml.safe_dump(config))
    return ours, plain


def measure(command: list[str], cwd: Path, **extra_env: str) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MB) of one child process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra_env}
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024


def build(project: Path) -> tuple[float, float]:
    shutil.rmtree(project / "site", ignore_errors=True)
    return measure([str(BIN / "mkdocs"), "build", "--quiet", "--site-dir", "site"], project)


def run_size(roles: int, repeat: int, with_plain: bool = True) -> dict:
    with tempfile.TemporaryDirectory(prefix=f"bench-site-{roles}-") as tmp:
        ours, plain = make_projects(Path(tmp), roles, with_plain)
        times = {"ours": [], "plain": []}
        memory = {"ours": 0.0, "plain": 0.0}
        builds = [("plain", plain), ("ours", ours)] if plain else [("ours", ours)]
        for _ in range(repeat):  # interleaved, so drift hits both alike
            for name, project in builds:
                seconds, mb = build(project)
                times[name].append(seconds)
                memory[name] = max(memory[name], mb)
        pages = sum(1 for _ in (ours / "site").rglob("index.html"))
        role_pages = [p for p in (ours / "site" / "companies").glob("*/*/index.html")]
        check = [str(BIN / "prep"), "check", "--companies", "companies"]
        # Warm: nothing changed since the last check, which answers from its memo (the
        # first run, unmeasured, fills it); edited: one role file changed before each run,
        # the parse cache holding every other file (an editor's loop); cold: the caches
        # off, every file parsed and validated.
        measure(check, ours)
        check_seconds = statistics.median(measure(check, ours)[0] for _ in range(repeat))
        edited_file = next((ours / "companies" / "company-0000").glob("[!c]*.yaml"))
        edited = []
        for n in range(repeat):
            with edited_file.open("a", encoding="utf-8") as out:
                out.write(f"# edit {n}\n")
            edited.append(measure(check, ours)[0])
        cold = (measure(check, ours, PREPLOOP_CACHE="off")[0] for _ in range(repeat))
        cold_check_seconds = statistics.median(cold)
        ours_s = statistics.median(times["ours"])
        plain_s = statistics.median(times["plain"]) if plain else float("nan")
        return {
            "roles": roles,
            "pages": pages,
            "ours_s": ours_s,
            "plain_s": plain_s,
            "ratio": ours_s / plain_s,
            "pages_per_second": pages / ours_s,
            "ours_mb": memory["ours"],
            "plain_mb": memory["plain"],
            "page_kb": statistics.mean(p.stat().st_size for p in role_pages) / 1024,
            "index_mb": (ours / "site" / "search" / "search_index.json").stat().st_size / 2**20,
            "check_s": check_seconds,
            "edited_check_s": statistics.median(edited),
            "cold_check_s": cold_check_seconds,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--no-plain", action="store_true", help="skip the plain mkdocs-material baseline"
    )
    args = parser.parse_args()
    print(
        f"{'roles':>6} {'pages':>6} {'ours s':>7} {'plain s':>8} {'ratio':>6} "
        f"{'pages/s':>8} {'ours MB':>8} {'plain MB':>9} {'page KB':>8} {'index MB':>9} "
        f"{'check s':>8} {'edit s':>7} {'cold s':>7}"
    )
    for roles in args.sizes:
        r = run_size(roles, args.repeat, not args.no_plain)
        print(
            f"{r['roles']:>6} {r['pages']:>6} {r['ours_s']:>7.2f} {r['plain_s']:>8.2f} "
            f"{r['ratio']:>6.2f} {r['pages_per_second']:>8.1f} {r['ours_mb']:>8.0f} "
            f"{r['plain_mb']:>9.0f} {r['page_kb']:>8.1f} {r['index_mb']:>9.2f} "
            f"{r['check_s']:>8.2f} {r['edited_check_s']:>7.2f} {r['cold_check_s']:>7.2f}",
            flush=True,
        )
    print(
        f"targets at 1,000 roles: ratio <= {TARGETS['ratio']}, >= {TARGETS['pages_per_second']} "
        f"pages/s, page < {TARGETS['page_kb']} KB, index < {TARGETS['index_mb']} MB, "
        f"check (warm) <= {TARGETS['check_s']} s; at {LARGE['roles']:,} roles: "
        f"<= {LARGE['seconds']} s, <= {LARGE['mb']} MB"
    )


if __name__ == "__main__":
    main()
