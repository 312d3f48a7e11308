"""Render the generated pages on every core: forked processes take shares of them.

Two steps are spread so: making the role pages from the catalog (`forked_map`),
and MkDocs' building of every generated page into HTML (`Shares`).

`Shares`: MkDocs builds pages one by one. Once every page has been read and converted (the
page loop is about to start), the first page build forks one child per extra
core; each builds a contiguous share of the generated pages with MkDocs' own
page builder, writing the HTML files itself. This process builds the first
share, then takes each child's results when the loop reaches its share: the
search index entries its pages added (in page order, so the index comes out as
a one-process build writes it) and the log records it made (replayed here, so
`strict` counts their warnings).

Only for `mkdocs build`, and only on cores that are free (`worker_count`): a
preview keeps one process (its server runs threads), and so does a site with
plugins beyond ours and search, whose page-by-page state would stay in the
children.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import Field

from preploop.tunables import Tunables, load_tunables

SETTINGS_FILE = Path(__file__).with_name("build.yaml")
T = TypeVar("T")
R = TypeVar("R")


class BuildSettings(Tunables):
    """`build.yaml`: how many processes render pages."""

    workers: int = Field(2, ge=1, description="Most processes that render pages.")
    min_pages: int = Field(200, ge=0, description="Fewer generated pages: one process.")
    cards_take_a_core: int = Field(
        200, ge=0, description="From this many cards to draw, one process fewer."
    )
    cards_per_task: int = Field(
        100, ge=1, description="Cards handed to the card-drawing process at a time."
    )
    search_index_batch: int = Field(
        1000, ge=1, description="Search index entries written to its file at a time."
    )
    preview_watch: Literal["events", "poll"] = Field(
        "events", description="How the preview notices saved files."
    )


# Plugins whose work on each page comes back from a child: the search index's entries.
KNOWN_PLUGINS = frozenset({"search", "material/search", "preploop"})


def build_settings() -> BuildSettings:
    """`build.yaml`, read once (see tunables)."""
    return load_tunables(SETTINGS_FILE, BuildSettings)


def worker_count(pages: int, cards: int = 0) -> int:
    """How many processes should build `pages` generated pages on this machine, while
    `cards` social cards are drawn on the side.

    Only cores that are free count: on a machine busy with other work, a second
    process adds its own costs (pages copied on write, results pickled) and gains
    nothing. The 1-minute load average tells how busy, less this build's own one.
    """
    settings = build_settings()
    # Forking is safe on Linux (elsewhere Python prefers to spawn), as for the catalog.
    if pages < settings.min_pages or not sys.platform.startswith("linux"):
        return 1
    others = max(0.0, os.getloadavg()[0] - 1)
    free = len(os.sched_getaffinity(0)) - others - (cards >= settings.cards_take_a_core)
    return max(1, min(settings.workers, round(free), pages))


def forked_map(function: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """`[function(item) for item in items]`, the later shares computed by forked children.

    For work that depends on nothing but what this process holds already (the
    catalog): each child returns its results pickled; an error in a child is
    raised here as it was raised there.
    """
    if workers <= 1 or len(items) < 2:
        return [function(item) for item in items]
    size = -(-len(items) // workers)
    shares = [items[i : i + size] for i in range(0, len(items), size)]
    children = []
    gc.freeze()  # what exists now stays unwalked: fewer pages copied on write in the children
    for share in shares[1:]:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read)
            _compute(function, share, write)
        os.close(write)
        children.append((pid, read))
    try:
        results = [function(item) for item in shares[0]]
        while children:
            pid, read = children.pop(0)
            with os.fdopen(read, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(pid, 0)
            if status != 0 or not data:
                raise RuntimeError(f"a page-making process failed (wait status {status})")
            failed, value = pickle.loads(data)
            if failed:
                raise value
            results.extend(value)
        return results
    finally:
        for pid, read in children:  # left when this process or a child failed
            os.kill(pid, signal.SIGKILL)
            os.close(read)
            os.waitpid(pid, 0)


def _compute(function: Callable, share: Sequence, write: int) -> None:
    status = 1
    try:
        try:
            outcome = (False, [function(item) for item in share])
        except Exception as err:
            outcome = (True, _picklable(err))
        with os.fdopen(write, "wb") as pipe:
            pickle.dump(outcome, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        os._exit(status)  # no atexit handlers: they belong to the parent


class _Capture(logging.Handler):
    """Keeps a child's log records, made plain enough to pickle."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record.msg, record.args = record.getMessage(), None
        if record.exc_info:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info))
            record.exc_info = None
        self.records.append(record)


class Shares:
    """The generated pages split over worker processes, each share built by one."""

    def __init__(self, build_page: Callable, entries: list | None, workers: int):
        self.build_page = build_page  # MkDocs' own: (page, config, doc_files, nav, env, ...)
        self.entries = entries  # the search index's entries, or None
        self.workers = workers
        self.owner: dict[str, int] = {}  # src_uri -> the share (0: this process) building it
        self.children: dict[int, tuple[int, int]] = {}  # share -> (pid, read end of its pipe)
        self.results: dict[int, dict] = {}
        # Other state a child's pages leave (a cache's additions): `keep()` in the
        # child is handed to `take(state)` here.
        self.keep: Callable[[], object] = lambda: None
        self.take: Callable[[object], None] = lambda state: None

    def start(self, generated: Sequence, args: tuple) -> None:
        """Fork a child per share after the first; `generated` are the pages, in build order."""
        size = -(-len(generated) // self.workers)
        shares = [generated[i : i + size] for i in range(0, len(generated), size)]
        for number, share in enumerate(shares):
            for page in share:
                self.owner[page.file.src_uri] = number
        gc.freeze()  # see forked_map
        for number, share in enumerate(shares[1:], start=1):
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: build its share, hand back, never return
                os.close(read)
                self._child(share, args, write)
            os.close(write)
            self.children[number] = (pid, read)

    def build(self, page, args: tuple, kwargs: dict) -> None:
        """Build `page` here, or take what the child that built it added."""
        number = self.owner.get(page.file.src_uri, 0)
        if number == 0:
            self.build_page(page, *args, **kwargs)
            return
        result = self._result(number)
        src = page.file.src_uri
        for record in result["records"].get(src, ()):
            logging.getLogger(record.name).handle(record)
        if src in result["errors"]:
            raise result["errors"][src]
        if self.entries is not None:
            self.entries.extend(result["entries"][src])

    def finish(self) -> None:
        """Reap every child; one still running (the build failed early) is stopped."""
        for number, (pid, read) in list(self.children.items()):
            os.kill(pid, signal.SIGKILL)
            os.close(read)
            os.waitpid(pid, 0)
            del self.children[number]

    def _result(self, number: int) -> dict:
        if number not in self.results:
            pid, read = self.children.pop(number)
            with os.fdopen(read, "rb") as pipe:
                data = pipe.read()
            _, status = os.waitpid(pid, 0)
            if status != 0 or not data:
                raise RuntimeError(f"a page-building process failed (wait status {status})")
            self.results[number] = pickle.loads(data)
            self.take(self.results[number]["state"])
        return self.results[number]

    def _child(self, share: Sequence, args: tuple, write: int) -> None:
        status = 1
        try:
            capture = _Capture()
            # Records go to the parent, which logs them (MkDocs' logger does not propagate).
            for logger in (logging.getLogger(), logging.getLogger("mkdocs")):
                for handler in list(logger.handlers):
                    logger.removeHandler(handler)
                logger.addHandler(capture)
            result = {"records": {}, "errors": {}, "entries": {}}
            for page in share:
                src = page.file.src_uri
                start = len(self.entries) if self.entries is not None else 0
                try:
                    self.build_page(page, *args, excluded=page.file.inclusion.is_excluded())
                except Exception as err:
                    result["errors"][src] = _picklable(err)
                    break
                finally:
                    result["records"][src], capture.records = capture.records, []
                if self.entries is not None:
                    result["entries"][src] = self.entries[start:]
            result["state"] = self.keep()
            with os.fdopen(write, "wb") as pipe:
                pickle.dump(result, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)  # no atexit handlers: they belong to the parent


def _picklable(err: Exception) -> Exception:
    """`err` itself when it survives pickling, else a RuntimeError with its message."""
    try:
        pickle.loads(pickle.dumps(err))
        return err
    except Exception:
        return RuntimeError(f"{type(err).__name__}: {err}")
