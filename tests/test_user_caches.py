"""The caches in the user's cache folder: compiled templates (templating.py), the
learned model's parsed file (learned.py) and lemminflect's tables (word_forms.py).
Private, checked against their source, and never needed: a cached run gives what an
uncached one gives."""

from __future__ import annotations

import filecmp
import json
import os
import stat
import subprocess
import sys

from conftest import MINI_CATALOG, make_project, run

from preploop.report import learned
from preploop.templating import environment


def _render(source: str, folder) -> str:
    (folder / "t.html").write_text(source)
    return environment(folder).get_template("t.html").render(name="Casey <3>")


def test_compiled_templates_are_private_and_follow_their_source(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("PREPLOOP_CACHE", raising=False)
    theme = tmp_path / "theme"
    theme.mkdir()
    assert _render("Hello {{ name }}", theme) == "Hello Casey &lt;3&gt;"
    (compiled,) = (tmp_path / "cache" / "preploop" / "templates").glob("*.pickle")
    assert stat.S_IMODE(compiled.stat().st_mode) == 0o600
    assert _render("Hello {{ name }}", theme) == "Hello Casey &lt;3&gt;"  # from the cache
    assert _render("Bye {{ name }}", theme) == "Bye Casey &lt;3&gt;"  # an edit is compiled


def test_no_template_cache_when_caching_is_off(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("PREPLOOP_CACHE", "off")
    theme = tmp_path / "theme"
    theme.mkdir()
    assert _render("Hi {{ name }}", theme) == "Hi Casey &lt;3&gt;"
    assert not (tmp_path / "cache").exists()


def test_the_parsed_model_cache_gives_the_same_model(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("PREPLOOP_CACHE", raising=False)
    learned.learned.cache_clear()
    try:
        first = learned.learned()
        (parsed,) = (tmp_path / "cache" / "preploop").glob("learned-*.pickle")
        assert stat.S_IMODE(parsed.stat().st_mode) == 0o600
        learned.learned.cache_clear()
        second = learned.learned()  # read from the pickle
        assert second == first
        # A damaged cache file only means parsing the model file again.
        parsed.write_bytes(b"not a pickle")
        os.chmod(parsed, 0o600)
        learned.learned.cache_clear()
        assert learned.learned() == first
    finally:
        learned.learned.cache_clear()


WORDS = "shipped ran led data analyses built overbuilt cut sets mice better went xyzzy".split()
# Looked up first in the main thread, then (half the words again, half new) in another:
# a connection made in one thread must not fail in the next (it once did, silently).
LOOKUP = (
    "import json, threading; from preploop.report import word_forms as w; "
    "look = lambda xs: [[w.getAllLemmas(x), w.getInflection(x, 'VBD')] for x in xs]; "
    f"words = {WORDS!r}; out = look(words[:7]); "
    "t = threading.Thread(target=lambda: out.extend(look(words[7:]))); t.start(); t.join(); "
    "print(json.dumps(out))"
)


def _lookups(cache_home, caching: str) -> list:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "PREPLOOP_CACHE": caching}
    done = subprocess.run(
        [sys.executable, "-c", LOOKUP], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def test_word_tables_from_the_cache_answer_as_lemminflect_does(tmp_path):
    own = _lookups(tmp_path / "none", "off")  # lemminflect parsing its own tables
    assert not (tmp_path / "none").exists()
    assert _lookups(tmp_path / "cache", "on") == own  # builds the file
    (tables,) = (tmp_path / "cache" / "preploop").glob("word-forms-*.sqlite")
    assert stat.S_IMODE(tables.stat().st_mode) == 0o600
    assert _lookups(tmp_path / "cache", "on") == own  # reads it a word at a time


def test_a_site_build_keeps_the_theme_compiled_and_builds_the_same(tmp_path):
    """MkDocs compiles its theme's templates afresh in every build; ours keeps them (and
    a build that reads them writes what a build that compiled them wrote)."""
    project = make_project(tmp_path, MINI_CATALOG)
    cache = tmp_path / "cache"
    env = {"XDG_CACHE_HOME": str(cache), "PREPLOOP_CACHE": ""}
    first = run("mkdocs", "build", "--site-dir", tmp_path / "first", cwd=project, env=env)
    assert first.returncode == 0, first.stderr
    compiled = {p.name: p.stat().st_mtime_ns for p in (cache / "preploop/templates").iterdir()}
    # material's base.html and its partials, beside our own few templates
    assert len(compiled) > 30
    second = run("mkdocs", "build", "--site-dir", tmp_path / "second", cwd=project, env=env)
    assert second.returncode == 0, second.stderr
    now = {p.name: p.stat().st_mtime_ns for p in (cache / "preploop/templates").iterdir()}
    assert now == compiled  # read, not written again
    same = filecmp.dircmp(tmp_path / "first", tmp_path / "second")
    assert not same.diff_files and not same.left_only and not same.right_only
