"""The preview's quick rebuild: MkDocs' build, told to leave unchanged pages alone.

`mkdocs serve` runs a whole build on every save. MkDocs has no hook around its
page loop nor around its emptying of the site folder, so for the length of one
preview build (and only then) three of its functions are wrapped, as workers.py
wraps its page builder for `mkdocs build`:

- `mkdocs.utils.clean_directory`: the site folder is kept, see preview_folder;
- `mkdocs.commands.build._populate_page` and `_build_page`: a page whose built
  file is in the page cache under this build's key, and still in the folder as
  written, is neither read nor rendered; its search index entries are added from
  the cache;

and each static file's `copy_file`: one the folder holds already is not copied.

Only for a preview without plugins beyond ours and search (others may keep
per-page state we cannot replay), not `--dirty`, and while the catalog loads.
Also here: the preview hears saves through file events (`watch_file_events`).
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2
import jinja2.bccache
import mkdocs.commands.build as mkdocs_build
import mkdocs.utils
import watchdog.events
import watchdog.observers
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from watchdog.observers.polling import PollingObserver

from preploop.catalog import Catalog
from preploop.catalog.model_memo import ModelMemo
from preploop.site import page_cache, workers
from preploop.site.page_cache import Output, PageCache, digest, folder_digest
from preploop.site.preview_folder import PreviewFolder


class Reload:
    """The state a preview keeps between its builds, and the wrapping of one build."""

    def __init__(self) -> None:
        self.memo = ModelMemo()  # validated catalog models
        self.cache = PageCache()
        self.folder = PreviewFolder()
        # The theme's compiled templates (MkDocs' environment). Its own: Jinja compiles
        # a template by its environment's settings (escaping, whitespace), which ours
        # (templating.environment) differ in, and keys it by name and file alone.
        self.theme_templates = TemplateCode()
        self.active = False  # this build uses the cache
        self._undo: list[tuple[object, str, object]] = []
        self._entries: list | None = None  # the search index's, while a build runs
        self._kept: dict[str, Output] = {}  # pages this build keeps as they were
        self.kept = 0  # how many it kept, once built

    def begin(self, config: MkDocsConfig, catalog: Catalog, shared: tuple) -> PageCache | None:
        """Before the site folder is emptied: the cache for this build, or None (and the
        cache forgotten) when this preview cannot use one. `shared` is what generated
        pages are made from besides the catalog (site name, address, offer...)."""
        self.active = set(config.plugins) <= workers.KNOWN_PLUGINS
        if not self.active:
            self.cache = PageCache()
            return None
        files = sorted(str(path) for path in catalog.files)
        digests = catalog.digests.items()
        families = sorted((str(path), key) for path, key in digests if path.parent.name == "_roles")
        inputs = digest(
            folder_digest(page_cache.PACKAGE_DIR),
            page_cache.versions(),
            config_summary(config),
            shared,
            files,
            families,
        )
        self.cache.start(inputs)
        self.kept = 0
        site_dir = config.site_dir
        original = mkdocs.utils.clean_directory

        def clean_directory(directory: str) -> None:
            if directory == site_dir:
                self.folder.start(directory)
            else:
                original(directory)

        self._wrap(mkdocs.utils, "clean_directory", clean_directory)
        self._wrap(mkdocs_build, "_populate_page", self._populate_page(mkdocs_build._populate_page))
        return self.cache

    def nav_ready(self, config: MkDocsConfig, files: Files, nav: Navigation) -> None:
        """Every file and the nav are known: the key of what all built pages share."""
        if not self.active:
            return
        listing = [(f.src_uri, f.dest_uri, f.url, str(f.inclusion)) for f in files]
        theme = [
            folder_digest(Path(folder)) for folder in config.theme.dirs if not _installed(folder)
        ]
        self.cache.site_output = digest(
            self.cache.site_inputs,
            listing,
            repr(nav.items),
            config_summary(config),
            theme,
            folder_digest(Path(config.docs_dir)),
        )

    def wrap_pages(self, env: jinja2.Environment, files: Files, entries: list | None) -> None:
        """From now on until `end`, MkDocs' page builder skips the pages it built alike,
        static files whose bytes the folder holds already are not copied again, and the
        theme's templates are compiled once for the preview's life."""
        if not self.active:
            return
        env.bytecode_cache = self.theme_templates
        for file in files:
            if not file.is_documentation_page():
                file.copy_file = self._copy_file(file, file.copy_file)
        self._entries = entries
        self._wrap(mkdocs_build, "_build_page", self._build_page(mkdocs_build._build_page))

    def _copy_file(self, file: File, copy_file):
        def wrapped(dirty: bool = False) -> None:
            key = digest(file.content_bytes)
            if not self.folder.unchanged(file.abs_dest_path, key):
                copy_file(dirty)
                self.folder.wrote(file.abs_dest_path, key)

        return wrapped

    def _populate_page(self, populate_page):
        cache, folder = self.cache, self.folder

        def wrapped(page, config, files, dirty=False) -> None:
            # Decided here for the whole page: one kept is neither read nor rendered.
            src, excluded = page.file.src_uri, page.file.inclusion.is_excluded()
            done = cache.output(src)
            if (
                done is not None
                and not excluded
                and folder.unchanged(page.file.abs_dest_path, done.key)
            ):
                self._kept[src] = done
                return
            populate_page(page, config, files, dirty)

        return wrapped

    def _build_page(self, build_page):
        cache, folder = self.cache, self.folder

        def wrapped(page, config, doc_files, nav, env, dirty=False, excluded=False) -> None:
            src, target = page.file.src_uri, page.file.abs_dest_path
            done = self._kept.pop(src, None)
            if done is not None:  # the search index does not change entries: no copy
                self.kept += 1
                if self._entries is not None and done.entries is not None:
                    self._entries.extend(done.entries)
                return
            start = len(self._entries) if self._entries is not None else 0
            build_page(page, config, doc_files, nav, env, dirty, excluded=excluded)
            cache.rendered.append(src)
            key = cache.output_key(src)
            if key is not None and not excluded:
                added = self._entries[start:] if self._entries is not None else None
                cache.outputs[src] = Output(key, [_copy(e) for e in added] if added else added)
                folder.wrote(target, key)

        return wrapped

    def end(self, success: bool) -> None:
        """Put MkDocs' functions back; a finished build's folder loses its stale files."""
        while self._undo:
            owner, name, value = self._undo.pop()
            setattr(owner, name, value)
        if self.active:
            self.folder.finish() if success else self.folder.forget()
        self._entries, self._kept = None, {}
        self.active = False

    def _wrap(self, owner, name: str, replacement) -> None:
        self._undo.append((owner, name, getattr(owner, name)))
        setattr(owner, name, replacement)


class TemplateCode(jinja2.BytecodeCache):
    """Compiled templates in memory: each build makes a new Jinja environment for the
    theme, which compiled its templates again (0.2 s, with ours). Jinja checks each
    template's source against the checksum stored with its code, so an edited template
    is compiled afresh."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


CHANGES = [
    watchdog.events.FileCreatedEvent,
    watchdog.events.FileModifiedEvent,
    watchdog.events.FileDeletedEvent,
    watchdog.events.FileMovedEvent,
    watchdog.events.FileClosedEvent,  # closed after writing
    watchdog.events.DirCreatedEvent,
    watchdog.events.DirDeletedEvent,
    watchdog.events.DirMovedEvent,
]


def watch_file_events(server: LiveReloadServer) -> None:
    """Have the preview told of saved files by the operating system, not by polling.

    MkDocs polls every watched folder every 0.5 s. At 1,000 roles a poll looks at
    1,100 files, and its thread takes turns with the build's for Python's lock: each
    rebuild took 0.5 s longer, and a save waited 0.3 s on average to be noticed.
    Called from `on_serve`, before the server starts its observer: the paths watched
    so far move to an observer of file events (inotify); where watchdog has none, the
    polling stays. MkDocs' own `watch` does the rest, its callbacks unchanged.
    """
    observer = watchdog.observers.Observer()
    if isinstance(observer, PollingObserver):
        return
    # Changes only: the build opens and reads every catalog file, and events for those
    # (which polling never sees) would start another build after each one.
    observer.schedule = functools.partial(observer.schedule, event_filter=CHANGES)
    watched = dict(server._watched_paths)
    server.observer = observer
    server._watched_paths.clear()
    server._watch_refs.clear()
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)


def config_summary(config: MkDocsConfig) -> list:
    """The configuration as loaded (mkdocs.yml, any file it inherits, environment
    variables), each plugin's options included, as text to hash."""
    summary = [(key, repr(value)) for key, value in config.items() if key != "plugins"]
    summary += [(name, repr(dict(plugin.config))) for name, plugin in config.plugins.items()]
    return summary


def _installed(folder: str) -> bool:
    """A theme folder of an installed package (mkdocs-material's): its version counts."""
    return not {"site-packages", "dist-packages"}.isdisjoint(Path(folder).parts)


def _copy(entry: dict) -> dict:
    # The index's entries may be changed after a page adds them: the cache keeps its own.
    return {key: list(value) if isinstance(value, list) else value for key, value in entry.items()}
