"""The `prep` command itself: version, help, Ctrl-C in a batch, the editors' preview.

Help and version run in-process (click's CliRunner). Ctrl-C and `prep serve`
run the real entry point in a subprocess: signals, exit codes, leftover
processes and the environment of a real start are the point there.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import shlex
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import BIN, MINI_CATALOG, ROOT, make_project

from preploop.cli import main


def commands(group: click.Command = main, path: tuple[str, ...] = ("prep",)):
    yield path, group
    if isinstance(group, click.Group):
        ctx = click.Context(group)
        for name in group.list_commands(ctx):  # lazy groups included
            yield from commands(group.get_command(ctx, name), (*path, name))


def test_version_comes_from_the_package_metadata():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0
    version = importlib.metadata.version("preploop")
    assert result.stdout == f"prep, version {version}\n"


@pytest.mark.parametrize(("path", "command"), list(commands()), ids=lambda v: str(v))
def test_every_option_has_help_and_every_command_an_example(path, command):
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"{' '.join(path)} {param.opts[0]} has no help text"
    args = [*path[1:], "--help"]
    shown = CliRunner().invoke(main, args, terminal_width=100).stdout
    example = re.search(r"^  Examples?:\n((?:    prep .+\n|    .+\n)+)", shown, re.MULTILINE)
    assert example, f"`{' '.join(args)}` shows no example:\n{shown}"
    first = example.group(1).splitlines()[0].strip()
    assert first.startswith(" ".join(path)), first  # an example of this very command


# -- Ctrl-C in a batch -----------------------------------------------------------------


def _default_sigint() -> None:
    """In a child about to start: Ctrl-C's signal handled as in a terminal. A test run
    started in the background (CI, nohup, `make test &`) ignores SIGINT, and a child
    would inherit that and never stop."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _session(pid: int) -> list[str]:
    found = subprocess.run(["pgrep", "-s", str(pid)], capture_output=True, text=True)
    return found.stdout.split()


@pytest.mark.parametrize(
    ("stop", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)], ids=["ctrl-c", "sigterm"]
)
def test_ctrl_c_or_sigterm_stops_a_batch_promptly_and_says_how_to_resume(
    tmp_path: Path, stop, code
):
    out = tmp_path / "reports"
    command = [
        str(BIN / "prep"),
        "batch",
        str(ROOT / "examples/orders.csv"),
        "--out-dir",
        str(out),
        "--jobs",
        "2",
        "--as-of",
        "2026-11-26",
    ]
    batch = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own session: every process it starts is found by sid
        preexec_fn=_default_sigint,  # interrupted with Ctrl-C's signal below
    )
    try:
        deadline = time.monotonic() + 300
        while not list(out.glob("*.json")) and batch.poll() is None:
            assert time.monotonic() < deadline, "no report after 300 s"
            time.sleep(0.05)
        assert batch.poll() is None, "the batch ended before it could be interrupted"
        os.kill(batch.pid, stop)
        sent = time.monotonic()
        stdout, stderr = batch.communicate(timeout=30)
        took = time.monotonic() - sent
    finally:
        if batch.poll() is None:
            os.killpg(batch.pid, signal.SIGKILL)
    assert batch.returncode == code, stderr
    assert took < 3, f"took {took:.1f} s to stop"
    assert "Traceback" not in stderr and "Aborted!" not in stderr
    done = sorted(path.stem for path in out.glob("*.json"))
    assert 1 <= len(done) < 4
    assert all((out / f"{order}.pdf").exists() for order in done)
    rows = (out / "summary.csv").read_text().splitlines()
    assert rows == ["order_id,status,reason", *(f"{order},done," for order in done)]
    lines = stderr.strip().splitlines()
    assert lines[-2] == (
        f"interrupted: {len(done)} done, {4 - len(done)} not finished; "
        f"finished orders are in {out / 'summary.csv'}"
    )
    resume = shlex.join(["prep", *command[1:]])
    assert lines[-1] == f"to resume, run the same command again: {resume}"
    # Workers and their children die with the batch (given a moment to be reaped).
    for _ in range(40):
        if not _session(batch.pid):
            break
        time.sleep(0.05)
    assert _session(batch.pid) == []


# -- the editors' preview ----------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode()
    except urllib.error.HTTPError as err:  # 404: the page served is the site's 404.html
        return err.read().decode()


def _wait_for(url: str, condition, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    page = ""
    while time.monotonic() < deadline:
        try:
            page = _page(url)
            if condition(page):
                return page
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never met the condition; last page:\n{page[:2000]}")


def test_prep_serve_shows_catalog_problems_in_the_browser(tmp_path: Path):
    """`prep serve` (as CONTRIBUTING says) starts without the mkdocs-material banner;
    a broken catalog shows on every page with file:line:column, and goes once fixed."""
    project = make_project(tmp_path, MINI_CATALOG)
    role = project / "companies/acme/product-manager.yaml"
    good = role.read_text()
    role.write_text(good.replace("duration: {min: 30, max: 30}", "duration: 30"))
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    log = tmp_path / "serve.log"
    with log.open("w") as sink:
        server = subprocess.Popen(
            [str(BIN / "prep"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_default_sigint,  # stopped with Ctrl-C's signal below
        )
    base = f"http://127.0.0.1:{port}/"
    problem = (
        "companies/acme/product-manager.yaml:13:15: rounds[0].duration: "
        "duration must be a range such as `{min: 30, max: 45}`, not 30"
    )
    try:
        home = _wait_for(base, lambda page: "preploop-problems" in page)
        assert f"<li><code>{problem}</code></li>" in home
        missing = _page(base + "companies/acme/product-manager/")
        assert "1 problem in the catalog" in missing  # the 404 page says why too
        role.write_text(good)  # fixed: the page comes back, without the panel
        fixed = _wait_for(
            base + "companies/acme/product-manager/",
            lambda page: "preploop-problems" not in page and "Product Manager" in page,
        )
        assert "<h1" in fixed
        role.write_text(good.replace("    round: screen", "    round: screan"))
        broken = _wait_for(
            base + "companies/acme/product-manager/",
            lambda page: "preploop-problems" in page,
        )
        assert "questions[0].round: unknown round &#x27;screan&#x27;" in broken
        assert "as it was before this change" in broken  # the last good catalog, labelled
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    output = log.read_text()
    assert "Serving on" in output
    assert "end of life" not in output and "NO_MKDOCS_2_WARNING" not in output


def test_prep_serve_shows_a_damaged_store_file_and_refuses_odd_paths(tmp_path: Path):
    """A merge-damaged reports.csv is a banner line, not a stopped preview; `%00` in a
    URL is a 400, not a traceback in the log."""
    project = make_project(tmp_path, MINI_CATALOG)
    store = project / "companies/acme/reports.csv"
    header = "id,date,company,role,level,title,round,type,question,source\n"
    row = "0123456789ab,2026-01-05,acme,product-manager,,PM,,,Why Acme?,\n"
    store.write_text(header + "<<<<<<< HEAD\n" + row)
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as sink:
        server = subprocess.Popen(
            [str(BIN / "prep"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_default_sigint,  # stopped with Ctrl-C's signal below
        )
    base = f"http://127.0.0.1:{port}/"
    try:
        home = _wait_for(base, lambda page: "preploop-problems" in page)
        problem = "companies/acme/reports.csv:2: a git conflict marker: resolve the merge"
        assert f"<li><code>{problem}</code></li>" in home
        for odd in ("%00", "a%00b/", "companies/%00.html"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(base + odd, timeout=10)
            assert refused.value.code == 400
        store.write_text(header + row)  # fixed: the panel goes
        _wait_for(base, lambda page: "preploop-problems" not in page and "<h1" in page)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
    assert "Traceback" not in log.read_text()


# -- prep new: slugs that would break the catalog ------------------------------------------


@pytest.mark.parametrize(
    ("slug", "problem"),
    [
        ("2024", "YAML reads it as a number"),
        ("0x10", "YAML reads it as a number"),
        ("con", "a reserved name"),
        ("aux", "a reserved name"),
        ("com1", "a reserved name"),
        ("a" * 300, "longer than 64 characters"),
    ],
)
def test_prep_new_refuses_slugs_that_cannot_work(tmp_path: Path, slug, problem):
    companies = tmp_path / "companies"
    for command in (["company", slug], ["role", "acme", slug]):
        result = CliRunner().invoke(main, ["new", *command, "--companies", str(companies)])
        assert result.exit_code == 1, result.output
        assert problem in result.output and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1
    assert not companies.exists()


# -- untrusted text on the terminal --------------------------------------------------------


def test_report_text_that_cannot_be_printed_is_one_line(tmp_path: Path):
    common = ["--companies", str(ROOT / "companies"), "--out", str(tmp_path / "r.pdf")]
    pm = ["--company", "netflix", "--role", "product-manager"]
    example = ROOT / "examples/strong-pm"
    args = [*pm, "--resume", example / "resume.md", "--jd", example / "job.txt"]
    made = CliRunner().invoke(
        main, ["report", *map(str, args), *common, "--analysis-out", str(tmp_path / "a.json")]
    )
    assert made.exit_code == 0, made.output
    text = (tmp_path / "a.json").read_text()
    escaped = text.replace('"warnings": []', '"warnings": ["\\u001b]0;pwned\\u0007 odd"]')
    (tmp_path / "escape.json").write_text(escaped)
    result = CliRunner().invoke(
        main, ["report", "--from-analysis", str(tmp_path / "escape.json"), *common]
    )
    assert result.exit_code == 0, result.output
    assert "warning: \\x1b]0;pwned\\x07 odd" in result.output and "\x1b" not in result.output
    lone = text.replace('"candidate": "', '"candidate": "\\ud800', 1)
    (tmp_path / "lone.json").write_text(lone)
    result = CliRunner().invoke(
        main, ["report", "--from-analysis", str(tmp_path / "lone.json"), *common]
    )
    assert result.exit_code == 1
    assert result.output.strip().endswith("candidate: not valid text (a lone surrogate)")
    bad_name = os.fsdecode(b"Jordan \xff\xfe")  # bytes that are not UTF-8, as argv gives them
    result = CliRunner().invoke(main, ["report", *map(str, args), *common, "--name", bad_name])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: --name: not valid UTF-8 text"


# -- the documented commands -------------------------------------------------------------


@pytest.mark.parametrize("doc", ["README.md", "CONTRIBUTING.md"])
def test_documented_commands_work_on_a_fresh_machine(doc):
    """Commands are run from the venv (stock Debian has no `python`), and each exists."""
    text = (ROOT / doc).read_text()
    assert not re.search(r"(?<![/\w])python3? \S+\.py", text), "use .venv/bin/python"
    for script in set(re.findall(r"\.venv/bin/([\w-]+)", text)):
        assert (BIN / script).exists(), f"{doc}: .venv/bin/{script} does not exist"
    previews = re.findall(r"\.venv/bin/(\w+) serve", text)
    assert set(previews) <= {"prep"}, "the preview is `prep serve`: no mkdocs banner"


# -- editors: drafts, families, skeletons, the documented build (issue 19) --------------


def test_prep_check_names_drafts_and_why(tmp_path: Path):
    """Valid is not finished: `prep check` says which pages a build leaves out."""
    import shutil

    companies = tmp_path / "companies"
    shutil.copytree(MINI_CATALOG, companies)
    result = CliRunner().invoke(main, ["check", "--companies", str(companies)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("ok: ")
    assert (
        f"draft, not published: {companies}/acme/product-manager.yaml: "
        "1 round (a page needs 2); 1 question (a page needs 3)"
    ) in lines
    assert f"not published: {companies}/acme/company.yaml: every role of it is a draft" in lines
    for command in (["company", "zeta"], ["role", "zeta", "product-manager"]):
        assert (
            CliRunner().invoke(main, ["new", *command, "--companies", str(companies)]).exit_code
            == 0
        )
    lines = CliRunner().invoke(main, ["check", "--companies", str(companies)]).stdout.splitlines()
    skeleton = [line for line in lines if "zeta/product-manager.yaml" in line]
    assert skeleton and "placeholder text in summary" in skeleton[0]
    assert "its company is a draft" in skeleton[0]


def test_prep_check_is_plain_ok_when_every_page_is_finished():
    result = CliRunner().invoke(main, ["check", "--companies", str(ROOT / "companies")])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1, result.stdout


@pytest.mark.parametrize(("family", "close"), [("data-scientist", ""), ("product-manger", "yes")])
def test_prep_new_role_with_an_unknown_family_says_how_to_add_one(tmp_path, family, close):
    import shutil

    companies = tmp_path / "companies"
    shutil.copytree(MINI_CATALOG, companies)
    args = ["new", "role", "acme", "growth", "--family", family, "--companies", str(companies)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1 and "Traceback" not in result.output
    [line] = result.output.strip().splitlines()
    assert "known families: product-manager" in line
    assert f"write {companies}/_roles/{family}.yaml" in line and "CONTRIBUTING.md" in line
    assert ("did you mean 'product-manager'" in line) == bool(close)
    assert not (companies / "acme/growth.yaml").exists()


def test_skeletons_name_prep_serve_as_the_docs_do(tmp_path: Path):
    companies = tmp_path / "companies"
    CliRunner().invoke(main, ["new", "company", "zeta", "--companies", str(companies)])
    import shutil

    shutil.copytree(MINI_CATALOG / "_roles", companies / "_roles")
    result = CliRunner().invoke(
        main, ["new", "role", "zeta", "product-manager", "--companies", str(companies)]
    )
    assert result.exit_code == 0, result.output
    for path in (companies / "zeta/company.yaml", companies / "zeta/product-manager.yaml"):
        comments = "\n".join(line for line in path.read_text().splitlines() if "#" in line)
        assert "`prep serve`" in comments and "mkdocs serve" not in comments, path


def test_the_documented_build_step_prints_no_end_of_life_banner(tmp_path: Path):
    """CONTRIBUTING's publishing step, run as written in a shell without the variable set."""
    from conftest import publishable

    text = (ROOT / "CONTRIBUTING.md").read_text()
    [step] = re.findall(r"\*\*Publish\*\*: `([^`]+)`", text)
    assert "mkdocs build" in step
    project = make_project(tmp_path, MINI_CATALOG)
    publishable(project / "companies")
    env = {k: v for k, v in os.environ.items() if k != "NO_MKDOCS_2_WARNING"}
    command = step.replace(".venv/bin/", f"{BIN}/")
    done = subprocess.run(
        command, shell=True, cwd=project, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    output = done.stdout + done.stderr
    assert "end of life" not in output and "NO_MKDOCS_2_WARNING" not in output
    assert (project / "site/companies/acme/index.html").is_file()
