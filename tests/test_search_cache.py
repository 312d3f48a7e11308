"""The search index cache (preploop/site/search_cache.py): a build that takes its
entries from the cache writes the very index a build without it writes."""

from __future__ import annotations

import stat

from conftest import copy_catalog, make_project
from mkdocs.commands.build import build
from mkdocs.config import load_config

from preploop.site import workers

INDEX = "search/search_index.json"


def _build(project, site, monkeypatch, cache: str = "on") -> bytes:
    monkeypatch.setattr(workers, "worker_count", lambda pages, cards=0: 1)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("PREPLOOP_CACHE", cache)
    monkeypatch.chdir(project)
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site)))
    return (site / INDEX).read_bytes()


def test_cached_entries_make_the_same_index(tmp_path, monkeypatch):
    project = make_project(tmp_path, copy_catalog(tmp_path / "companies"))
    uncached = _build(project, tmp_path / "off", monkeypatch, cache="off")
    assert not list((project / ".cache" / "preploop").glob("search-*.pickle"))
    assert _build(project, tmp_path / "first", monkeypatch) == uncached
    (cache,) = (project / ".cache" / "preploop").glob("search-*.pickle")
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600  # private, as the parse cache
    assert _build(project, tmp_path / "cached", monkeypatch) == uncached

    # An edited role: its page is indexed afresh, the others still come from the cache.
    role = sorted((project / "companies" / "stripe").glob("*-*.yaml"))[0]
    role.write_text(role.read_text().replace("title: ", "title: Edited ", 1))
    edited = _build(project, tmp_path / "edited", monkeypatch)
    assert edited != uncached and b"Edited " in edited
    assert edited == _build(project, tmp_path / "edited-off", monkeypatch, cache="off")
