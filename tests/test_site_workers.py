"""Pages built by forked processes (preploop/site/workers.py) come out byte for byte
as a one-process build writes them, search index included."""

from __future__ import annotations

import filecmp
import os

import mkdocs.commands.build as mkdocs_build
import pytest
from conftest import copy_catalog, make_project
from mkdocs.commands.build import build
from mkdocs.config import load_config

from preploop.site import workers


def _build(project, site, monkeypatch, count: int) -> None:
    monkeypatch.setattr(workers, "worker_count", lambda pages, cards=0: count)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(project)
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))


def _files(site) -> list[str]:
    return sorted(
        os.path.relpath(os.path.join(folder, name), site)
        for folder, _, names in os.walk(site)
        for name in names
    )


def test_forked_build_matches_one_process(tmp_path, monkeypatch):
    project = make_project(tmp_path, copy_catalog(tmp_path / "companies"))
    one, three = tmp_path / "one", tmp_path / "three"
    _build(project, one, monkeypatch, 1)
    _build(project, three, monkeypatch, 3)
    files = _files(one)
    assert files == _files(three)
    assert any(name.startswith("companies/") for name in files)
    _, mismatch, errors = filecmp.cmpfiles(one, three, files, shallow=False)
    assert (mismatch, errors) == ([], [])


def test_error_in_a_forked_share_fails_the_build(tmp_path, monkeypatch):
    """A page that fails in a child fails the build with its own error, as in one process."""
    project = make_project(tmp_path, copy_catalog(tmp_path / "companies"))
    original = mkdocs_build._build_page
    last = sorted((project / "companies").glob("stripe/*.yaml"))[-1].stem  # in the last share

    def failing(page, *args, **kwargs):
        if page.file.src_uri == f"companies/stripe/{last}.md":
            raise ValueError("broken page")
        original(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", failing)
    with pytest.raises(ValueError, match="broken page"):
        _build(project, tmp_path / "site", monkeypatch, 2)
    assert mkdocs_build._build_page is failing  # MkDocs' page builder is put back
