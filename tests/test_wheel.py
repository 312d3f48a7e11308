"""The package as a user installs it: a wheel built from this repository, installed
(not editable) in a fresh venv, builds a site and renders a report from a folder that
holds only a catalog, hand-written pages and mkdocs.yml."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

pytestmark = pytest.mark.slow


def sh(*args: str | Path, cwd: Path, timeout: int = 600) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    env.pop("VIRTUAL_ENV", None)
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout
    )
    assert result.returncode == 0, f"{args}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with the wheel installed; its bin folder."""
    work = tmp_path_factory.mktemp("wheel")
    sh(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", work / "dist", ROOT, cwd=work)
    (wheel,) = (work / "dist").glob("preploop-*.whl")
    sh(sys.executable, "-m", "venv", work / "venv", cwd=work)
    sh(work / "venv" / "bin" / "pip", "install", "-q", wheel, cwd=work)
    return work / "venv" / "bin"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("project")
    shutil.copytree(ROOT / "companies", folder / "companies")
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def test_the_installed_package_is_not_this_checkout(installed, project):
    found = sh(installed / "python", "-c", "import preploop; print(preploop.__file__)", cwd=project)
    assert not Path(found.stdout.strip()).is_relative_to(ROOT)


def test_an_installed_wheel_builds_the_site(installed, project):
    sh(installed / "prep", "check", cwd=project)
    sh(installed / "mkdocs", "build", "--strict", "--site-dir", "site", cwd=project)
    page = project / "site" / "companies" / "netflix" / "product-manager" / "index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    assert "Netflix" in soup.h1.get_text()
    assert soup.select("ol.prep-questions li")  # the shared section templates came along
    styles = [link["href"] for link in soup.select('link[rel="stylesheet"]')]
    assert any("prep.css" in href for href in styles)
    assert (project / "site" / "assets" / "stylesheets" / "prep.css").is_file()
    assert list((project / "site" / "assets" / "fonts").glob("*.woff2"))


def test_an_installed_wheel_renders_a_report(installed, project):
    example = ROOT / "examples" / "strong-pm"
    out = project / "report.pdf"
    sh(
        installed / "prep",
        "report",
        "--company",
        "netflix",
        "--role",
        "product-manager",
        "--resume",
        example / "resume.md",
        "--jd",
        example / "job.txt",
        "--name",
        "Jordan Rivera",
        "--out",
        out,
        cwd=project,
    )
    info = sh("pdfinfo", out, cwd=project).stdout
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert pages >= 30
    text = sh("pdftotext", out, "-", cwd=project).stdout
    assert "Jordan Rivera" in text and "Netflix" in text
