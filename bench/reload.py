"""Preview reload benchmark: one edited role file at 1,000 roles, rebuilt as `prep serve` does.

It generates bench/site.py's synthetic catalog, then runs two preview sessions side by
side, each in a process of its own, each as `mkdocs serve` runs them (the config loaded
again for every rebuild, our plugin kept across rebuilds, MkDocs' own `build`):

- ours: the plugin as it is, with the preview's page cache;
- baseline: the same plugin with the page cache off: a plain full rebuild (the parse
  and search caches on disk still warm), which is what `prep serve` did before.

Each session builds once, then, `--edits` times, changes one question's text in one
role file and rebuilds; a rebuild is timed from the moment the file is saved to the
moment the build returns (the rebuilt page on disk, the preview about to reload).
The edited page must show the new text, and after the last edit the site folder of
each session must equal, file for file and byte for byte, a cold build of the edited
catalog (a fresh process, an empty folder, no page cache).

`mkdocs serve` itself adds the time it takes to notice the save: it polls the
watched folders every 0.5 s, then waits 0.1 s for more changes.

    python bench/reload.py                      # 1,000 roles, 5 edits
    python bench/reload.py --roles 100 --edits 3
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_S = 1.0  # from the save to the rebuilt page, at 1,000 roles
QUESTION = "    text: Tell me about a significant product decision"


def _bench_site():
    """bench/site.py as a module: its synthetic catalog."""
    spec = importlib.util.spec_from_file_location("bench_site", ROOT / "bench" / "site.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def session(project: Path, site_dir: Path, edits: int, page_cache: bool) -> dict:
    """One preview session in this process: a first build, then `edits` saved edits."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.chdir(project)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import _serve_url

    url = _serve_url("127.0.0.1", 8000, "/")

    def rebuild() -> None:  # mkdocs.commands.serve's builder
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir))
        config.site_url = url
        build(config, serve_url=url)

    first = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir))
    first.plugins.on_startup(command="serve", dirty=False)
    plugin = first.plugins["preploop"]
    if not page_cache:
        plugin.reload = None  # the plugin as it was: every rebuild a full build
    first.site_url = url
    start = time.perf_counter()
    build(first, serve_url=url)
    result = {"first_s": time.perf_counter() - start, "reload_s": [], "rendered": []}
    roles = sorted((project / "companies").glob("company-*/role-*.yaml"))
    role = roles[len(roles) // 2]  # one in the middle of the catalog
    page = site_dir / role.relative_to(project).with_suffix("") / "index.html"
    for number in range(1, edits + 1):
        text = role.read_text()
        wording = f"Edit {number} - tell me about a significant product decision"
        edited = text.replace(QUESTION, f"    text: {wording}", 1)
        edited = edited.replace(
            f"Edit {number - 1} - tell me about a significant product decision", wording, 1
        )
        assert edited != text, "the edit changed nothing"
        role.write_text(edited)  # the save
        start = time.perf_counter()
        rebuild()
        result["reload_s"].append(time.perf_counter() - start)
        if wording not in page.read_text():
            raise SystemExit(f"the rebuilt page does not show the edit: {page}")
        result["pages"] = len(list(site_dir.rglob("index.html")))
        cache = plugin.reload.cache if plugin.reload is not None else None
        result["rendered"].append(len(cache.rendered) if cache else result["pages"])
    return result


def cold_build(project: Path, site_dir: Path) -> None:
    """A build of the preview's kind into an empty folder, without the page cache."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    os.chdir(project)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.livereload import _serve_url

    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site_dir))
    config.plugins.on_startup(command="serve", dirty=False)
    config.plugins["preploop"].reload = None
    config.site_url = _serve_url("127.0.0.1", 8000, "/")
    build(config, serve_url=config.site_url)


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder`, by relative path, as a hash of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.blake2b(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def differences(one: dict[str, str], other: dict[str, str]) -> list[str]:
    return sorted(path for path in one.keys() | other.keys() if one.get(path) != other.get(path))


def child(*args: str) -> dict:
    """Run this script's `args` in a fresh process; its last line is JSON."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--roles", type=int, default=1000)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)  # kind project site edits
    args = parser.parse_args()
    if args.child:
        kind, project, site, edits = args.child
        if kind == "cold":
            cold_build(Path(project), Path(site))
            print(json.dumps({}))
        else:
            print(json.dumps(session(Path(project), Path(site), int(edits), kind == "ours")))
        return

    with tempfile.TemporaryDirectory(prefix="bench-reload-") as tmp:
        work = Path(tmp)
        rows = {}
        for kind in ("baseline", "ours"):  # each on its own copy of the catalog
            (work / kind).mkdir()
            project, _ = _bench_site().make_projects(work / kind, args.roles, with_plain=False)
            rows[kind] = child(kind, str(project), str(work / kind / "site"), str(args.edits))
            rows[kind]["project"] = project
        # The edited catalog built cold, once: both sessions' folders must equal it.
        cold = work / "cold"
        child("cold", str(rows["ours"]["project"]), str(cold), "0")
        expected = tree(cold)
        print(
            f"{args.roles:,} roles, {rows['ours']['pages']:,} pages; one role file edited "
            f"{args.edits} times (a question's text), each save rebuilt as `prep serve` does"
        )
        print(f"{'':24} {'first build s':>13} {'reload s':>9} {'min s':>6} {'pages rendered':>15}")
        for kind, name in (("baseline", "baseline (full rebuild)"), ("ours", "ours (page cache)")):
            row = rows[kind]
            print(
                f"{name:24} {row['first_s']:>13.2f} {statistics.median(row['reload_s']):>9.2f} "
                f"{min(row['reload_s']):>6.2f} {statistics.median(row['rendered']):>15.0f}"
            )
        ratio = statistics.median(rows["ours"]["reload_s"]) / statistics.median(
            rows["baseline"]["reload_s"]
        )
        for kind in ("baseline", "ours"):
            wrong = differences(tree(work / kind / "site"), expected)
            same = "byte-identical" if not wrong else f"DIFFERS in {len(wrong)} files: {wrong[:5]}"
            print(f"{kind}: site folder after the last edit {same} to a cold build")
        ours = statistics.median(rows["ours"]["reload_s"])
        print(
            f"reload (median of {args.edits}): ratio {ratio:.2f} against the full rebuild; "
            f"{ours:.2f} s (target <= {TARGET_S} s at 1,000 roles): "
            + ("met" if ours <= TARGET_S else "not met")
        )
        if any(differences(tree(work / k / "site"), expected) for k in ("baseline", "ours")):
            raise SystemExit(1)


if __name__ == "__main__":
    main()
