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

Then the same catalog is served by `prep serve` itself, edited again `--edits`
times, each time timed from the save until the page shows the edit as a browser
showing it would (its live-reload request, answered once the rebuild is done, then
the page fetched again): what an editor waits for, noticing the save included
(`prep serve` is told by the system's file events, then MkDocs waits 0.1 s for more).

    python bench/reload.py                      # 1,000 roles, 5 edits
    python bench/reload.py --roles 100 --edits 3 --no-served
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

# The live-reload script MkDocs puts in each page it serves: its epoch and request id.
LIVERELOAD = re.compile(r"livereload\((\d+), (\d+)\);")
TARGET_S = 1.0  # from the save to the rebuilt page, at 1,000 roles
# The first question of the Netflix product manager's copies, edited or not.
QUESTION = re.compile(
    r"^(    text: )(?:.* - )?[Tt]ell me about a significant product decision", re.M
)


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
    role = edited_role(project)
    page = site_dir / role.relative_to(project).with_suffix("") / "index.html"
    for number in range(1, edits + 1):
        wording = edit(role, f"Edit {number}")  # the save
        start = time.perf_counter()
        rebuild()
        result["reload_s"].append(time.perf_counter() - start)
        if wording not in page.read_text():
            raise SystemExit(f"the rebuilt page does not show the edit: {page}")
        result["pages"] = len(list(site_dir.rglob("index.html")))
        cache = plugin.reload.cache if plugin.reload is not None else None
        result["rendered"].append(len(cache.rendered) if cache else result["pages"])
    return result


def edited_role(project: Path) -> Path:
    roles = sorted((project / "companies").glob("company-*/role-*.yaml"))
    return roles[len(roles) // 2]  # one in the middle of the catalog


def edit(role: Path, mark: str) -> str:
    """Save `role` with its first question's text starting with `mark`; the new text."""
    text = role.read_text()
    wording = f"{mark} - tell me about a significant product decision"
    edited = QUESTION.sub(lambda match: match.group(1) + wording, text, count=1)
    assert edited != text, "the edit changed nothing"
    role.write_text(edited)
    return wording


def served(project: Path, edits: int) -> list[float]:
    """`prep serve` itself: seconds from each save to the edited page shown, as a browser
    showing the page sees it: its live-reload request (which the server answers once the
    rebuild is done), then the page fetched again.

    Includes what the in-process figure leaves out: noticing the save (file events,
    then MkDocs waits 0.1 s for more), and the server's threads beside the build."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = project / "serve.log"
    role = edited_role(project)
    base = f"http://127.0.0.1:{port}"
    url = f"{base}/{role.relative_to(project).with_suffix('')}/"
    with log.open("w") as sink:
        server = subprocess.Popen(
            [str(BIN / "prep"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    seconds = []
    try:
        while "Serving on" not in log.read_text():
            if server.poll() is not None:
                raise SystemExit(f"prep serve stopped:\n{log.read_text()[-3000:]}")
            time.sleep(0.1)
        time.sleep(1)  # settled
        for number in range(1, edits + 1):
            epoch, request = LIVERELOAD.search(_page(url)).groups()  # the page, as shown
            wording = edit(role, f"Served {number}")
            start = time.perf_counter()
            while True:
                epoch = _page(f"{base}/livereload/{epoch}/{request}")  # the rebuild is done
                if wording in _page(url) or time.perf_counter() - start > 60:
                    break
            if wording not in _page(url):
                raise SystemExit(f"prep serve never showed the edit:\n{log.read_text()[-3000:]}")
            seconds.append(time.perf_counter() - start)
            time.sleep(1)  # the next save comes later
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)
    return seconds


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=90) as response:
            return response.read().decode()
    except OSError:
        return ""


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
    parser.add_argument(
        "--no-served", action="store_true", help="leave out the run through `prep serve`"
    )
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
        if not args.no_served:
            seconds = served(rows["ours"]["project"], args.edits)
            print(
                f"through `prep serve` itself, from the save to the page shown with it: "
                f"median {statistics.median(seconds):.2f} s (min {min(seconds):.2f}, "
                f"max {max(seconds):.2f})"
            )


if __name__ == "__main__":
    main()
