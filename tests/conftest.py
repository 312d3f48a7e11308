"""Shared helpers: run the real `prep` and `mkdocs` commands of this checkout."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from preploop.cli import main

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SHARED = ROOT.parent / "shared"
REAL_WORLD = SHARED / "fixtures" / "real-world"
MINI_CATALOG = ROOT / "tests" / "fixtures" / "mini"


def soup(site: Path, url: str) -> BeautifulSoup:
    """A built page, parsed, by its URL path."""
    return BeautifulSoup((site / url / "index.html").read_text(), "html.parser")


def text(node) -> str:
    """Visible text, without the permalink sign MkDocs adds to headings."""
    node = BeautifulSoup(str(node), "html.parser")
    for link in node.select("a.headerlink"):
        link.decompose()
    return " ".join(node.get_text(" ").split())


def run(*args: str | Path, cwd: Path = ROOT, env: dict | None = None, **kwargs):
    """Run a console script from this venv and capture its output."""
    command = [str(BIN / str(args[0])), *map(str, args[1:])]
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        command, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=600, **kwargs
    )


@dataclass(frozen=True)
class Ran:
    """What `prep` did, shaped like subprocess.run's result."""

    returncode: int
    stdout: str
    stderr: str


def prep(*args: object, cwd: Path | None = None, env: dict | None = None) -> Ran:
    """Run `prep` in this process (click's CliRunner): the real command, minus the
    cost of a new interpreter. A bug (an exception other than an exit) is raised."""
    with contextlib.chdir(cwd or ROOT):
        result = CliRunner().invoke(main, [str(a) for a in args], env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


# The companies the store and import tests were written against: an export's "Google" rows
# stay unmatched however large the real catalog grows.
STORE_COMPANIES = ("_roles", "airbnb", "amazon", "meta", "netflix", "stripe")


def copy_catalog(target: Path) -> Path:
    """A copy of the five first companies (and the role families), without reports."""

    def skip(folder: str, names: list[str]) -> set[str]:
        top = Path(folder) == ROOT / "companies"
        return {n for n in names if n.endswith(".csv") or (top and n not in STORE_COMPANIES)}

    shutil.copytree(ROOT / "companies", target, ignore=skip)
    return target


def publishable(companies: Path) -> None:
    """Give the mini catalog's role the rounds and questions a published page needs
    (preploop/site/drafts.py), without moving the lines that tests point at."""
    path = companies / "acme/product-manager.yaml"
    text = path.read_text()
    first = text[text.index("  - id: first\n") : text.index("pay:\n")]
    extra = "".join(first.replace("id: first", f"id: more-{n}") for n in (1, 2))
    round_ = text[text.index("  - id: screen\n") : text.index("questions:\n")]
    text = text.replace("questions:\n", round_.replace("id: screen", "id: onsite") + "questions:\n")
    path.write_text(text.replace("pay:\n", extra + "pay:\n"))


def make_project(tmp_path: Path, companies: Path) -> Path:
    """A copy of the project's site sources with `companies` as its catalog."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copytree(companies, project / "companies")
    (project / "content").symlink_to(ROOT / "content")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    return project


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test run with the real `mkdocs build`."""
    out = tmp_path_factory.mktemp("site")
    result = run("mkdocs", "build", "--strict", "--site-dir", out)
    assert result.returncode == 0, result.stderr
    return out
