"""The caches in the user's cache folder: compiled templates (templating.py) and the
learned model's parsed file (learned.py). Private, checked against their source, and
never needed: a cached run gives what an uncached one gives."""

from __future__ import annotations

import os
import stat

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
