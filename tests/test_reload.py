"""The preview's page cache (`prep serve`): after an edit, the rebuilt site folder equals
a cold build byte for byte, and pages whose inputs did not change are not made again
from the catalog nor rendered again by MkDocs."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer, _serve_url
from watchdog.observers.polling import PollingObserver

from preploop.site import page_cache
from preploop.site.reload import watch_file_events

ROOT = Path(__file__).resolve().parents[1]
URL = _serve_url("127.0.0.1", 8000, "/")
# A cold build of the preview's kind, in a process of its own (MkDocs keeps one
# plugin instance per process): an empty folder, no page cache.
COLD = """
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
project, site, url = sys.argv[1:]
config = load_config(project + "/mkdocs.yml", site_dir=site)
config.plugins.on_startup(command="serve", dirty=False)
config.plugins["preploop"].reload = None
config.site_url = url
build(config, serve_url=url)
"""


def project_with(tmp_path: Path, companies: list[str]) -> Path:
    """A project whose catalog holds these companies of ours, and a theme folder of
    its own (custom_dir) overriding the footer's copyright partial."""
    project = tmp_path / "project"
    (project / "companies").mkdir(parents=True)
    shutil.copytree(ROOT / "companies" / "_roles", project / "companies" / "_roles")
    for slug in companies:
        shutil.copytree(ROOT / "companies" / slug, project / "companies" / slug)
    (project / "content").symlink_to(ROOT / "content")
    (project / "overrides" / "partials").mkdir(parents=True)
    (project / "overrides" / "partials" / "copyright.html").write_text("<p>footer one</p>\n")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text())
    config["theme"]["custom_dir"] = "overrides"
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "preploop" in plugin:
            plugin["preploop"]["sample_report"] = {"company": "nobody"}  # no sample report
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config))
    return project


class Preview:
    """A preview session in this process, as `mkdocs serve` runs one."""

    def __init__(self, project: Path, site: Path):
        self.project, self.site = project, site
        config = self._config()
        config.plugins.on_startup(command="serve", dirty=False)
        self.plugin = config.plugins["preploop"]
        build(config, serve_url=URL)

    def _config(self):
        config = load_config(str(self.project / "mkdocs.yml"), site_dir=str(self.site))
        config.site_url = URL
        return config

    def rebuild(self) -> None:
        build(self._config(), serve_url=URL)

    @property
    def made(self) -> set[str]:
        return set(self.plugin.reload.cache.made)

    @property
    def rendered(self) -> set[str]:
        return set(self.plugin.reload.cache.rendered)

    def close(self) -> None:
        # The plugin instance outlives this test in MkDocs' cache: no longer a preview.
        self._config().plugins.on_startup(command="build", dirty=False)


@pytest.fixture
def preview(tmp_path: Path):
    project = project_with(tmp_path, ["netflix", "google", "stripe"])
    session = Preview(project, tmp_path / "site")
    yield session
    session.close()


def cold_tree(project: Path, site: Path) -> dict[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", COLD, str(project), str(site), URL],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return tree(site)


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` (and every folder, empty ones included), by path."""
    return {
        str(path.relative_to(folder)): (
            hashlib.blake2b(path.read_bytes()).hexdigest() if path.is_file() else "folder"
        )
        for path in sorted(folder.rglob("*"))
    }


def assert_as_cold(preview: Preview, tmp_path: Path, name: str) -> None:
    expected = cold_tree(preview.project, tmp_path / name)
    found = tree(preview.site)
    wrong = sorted(p for p in expected.keys() | found.keys() if expected.get(p) != found.get(p))
    assert not wrong, f"differs from a cold build: {wrong[:10]}"


def company_pages(sources: set[str]) -> set[str]:
    """The company and role pages among `sources` (the others show the whole catalog,
    or are hand-written, and are rendered on every rebuild)."""
    return {src for src in sources if src.startswith("companies/") and src.count("/") == 2}


def roles_of(preview: Preview, company: str) -> set[str]:
    folder = preview.project / "companies" / company
    return {f"companies/{company}/{p.stem}.md" for p in folder.glob("*.yaml")} - {
        f"companies/{company}/company.md"
    }


def test_an_edited_question_renders_its_page_alone(preview: Preview, tmp_path: Path):
    role = preview.project / "companies/netflix/product-manager.yaml"
    text = role.read_text()
    assert "text: Tell me about a significant product decision" in text
    role.write_text(text.replace("text: Tell me about a", "text: Edited, tell me about a", 1))
    preview.rebuild()

    page = preview.site / "companies/netflix/product-manager/index.html"
    assert "Edited, tell me about a significant product decision" in page.read_text()
    # Made again: the role, and its company's page (whose key holds its roles' keys).
    assert preview.made == {"companies/netflix/product-manager.md", "companies/netflix/index.md"}
    assert company_pages(preview.rendered) == preview.made
    assert_as_cold(preview, tmp_path, "cold")

    preview.rebuild()  # nothing changed: no generated page made, none kept rendered
    assert preview.made == set()
    assert not preview.rendered & (roles_of(preview, "google") | roles_of(preview, "netflix"))
    assert_as_cold(preview, tmp_path, "cold-again")


def test_a_company_renamed_shows_on_every_page_that_names_it(preview: Preview, tmp_path: Path):
    company = preview.project / "companies/netflix/company.yaml"
    company.write_text(company.read_text().replace("name: Netflix\n", "name: Netflix Studios\n"))
    preview.rebuild()

    netflix = roles_of(preview, "netflix")
    assert netflix <= preview.made and netflix <= preview.rendered
    assert "companies/netflix/index.md" in preview.made
    assert not preview.rendered & roles_of(preview, "google")  # another company's pages
    for src in netflix:
        page = preview.site / src.removesuffix(".md") / "index.html"
        assert "Netflix Studios" in page.read_text(), src
    assert "Netflix Studios" in (preview.site / "companies/index.html").read_text()
    assert_as_cold(preview, tmp_path, "cold")


def test_a_theme_template_edited_renders_every_page(preview: Preview, tmp_path: Path):
    partial = preview.project / "overrides/partials/copyright.html"
    partial.write_text("<p>footer two</p>\n")
    preview.rebuild()

    generated = roles_of(preview, "google") | roles_of(preview, "netflix")
    assert generated <= preview.rendered
    assert preview.made == set()  # the pages' own content did not change
    for src in generated:
        page = preview.site / src.removesuffix(".md") / "index.html"
        assert "footer two" in page.read_text(), src
    assert_as_cold(preview, tmp_path, "cold")


def test_our_own_templates_are_in_every_key(
    preview: Preview, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The package (our code, data files and page templates) is hashed whole: a copy
    of it edited stands for an edited template."""
    package = tmp_path / "package"
    shutil.copytree(page_cache.PACKAGE_DIR, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(page_cache, "PACKAGE_DIR", package)
    preview.rebuild()  # the copy's hash equals the package's: nothing made
    assert preview.made == set()
    template = package / "theme" / "pages" / "role.md.j2"
    template.write_text(template.read_text() + "\n")
    preview.rebuild()
    generated = roles_of(preview, "google") | roles_of(preview, "netflix")
    assert generated | {"companies/google/index.md"} <= preview.made
    assert generated <= preview.rendered


def test_a_role_removed_or_added_leaves_the_folder_as_a_cold_build(
    preview: Preview, tmp_path: Path
):
    removed = preview.project / "companies/stripe/software-engineer.yaml"
    text = removed.read_text()
    removed.unlink()
    preview.rebuild()
    assert not (preview.site / "companies/stripe/software-engineer").exists()
    assert not (preview.site / "assets/cards/companies/stripe/software-engineer.jpg").exists()
    assert_as_cold(preview, tmp_path, "cold-removed")

    removed.write_text(text)
    preview.rebuild()
    assert (preview.site / "companies/stripe/software-engineer/index.html").exists()
    assert_as_cold(preview, tmp_path, "cold-added")


def test_a_broken_catalog_then_fixed(preview: Preview, tmp_path: Path):
    role = preview.project / "companies/google/product-manager.yaml"
    good = role.read_text()
    role.write_text(good.replace("    round: ", "    round: nowhere-", 1))
    preview.rebuild()  # shown with the problems on every page, the page cache aside
    assert "preploop-problems" in (preview.site / "companies/index.html").read_text()
    role.write_text(good)
    preview.rebuild()
    assert "preploop-problems" not in (preview.site / "companies/index.html").read_text()
    assert_as_cold(preview, tmp_path, "cold")


def test_a_page_file_changed_in_the_folder_is_written_again(preview: Preview, tmp_path: Path):
    """The folder is trusted only as we left it: a page touched there is rendered again."""
    page = preview.site / "companies/google/product-manager/index.html"
    page.write_text("tampered")
    preview.rebuild()
    assert "companies/google/product-manager.md" in preview.rendered
    assert_as_cold(preview, tmp_path, "cold")


def test_the_preview_hears_saves_not_reads(tmp_path: Path):
    """`prep serve` is told of a saved file by the system's file events (no polling of
    every file every 0.5 s); a file only read, as every build reads the catalog, is not
    a change: it would start another build after each one."""
    (tmp_path / "role.yaml").write_text("a: 1\n")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    server.watch(str(tmp_path))
    watch_file_events(server)
    assert not isinstance(server.observer, PollingObserver)
    assert list(server._watched_paths) == [str(tmp_path)]
    server.observer.start()
    try:
        time.sleep(0.2)
        (tmp_path / "role.yaml").read_bytes()
        time.sleep(0.5)
        assert not server._want_rebuild
        (tmp_path / "role.yaml").write_text("a: 2\n")
        deadline = time.monotonic() + 5
        while not server._want_rebuild and time.monotonic() < deadline:
            time.sleep(0.02)
        assert server._want_rebuild
    finally:
        server.observer.stop()
        server.observer.join()
