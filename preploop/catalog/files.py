"""Reading the catalog's YAML files: in parallel for large catalogs, each file its
parsed document or the problem that stopped it being read."""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

from preploop.cache_files import file_status
from preploop.catalog.parse_cache import ParseCache, content_key
from preploop.catalog.problems import Problem, display_path
from preploop.yamlsource import YamlDocument, YamlSyntaxError, load_yaml, read_yaml_bytes

# From this many files on, they are parsed in parallel: parsing is most of a
# large catalog's load time, and below this, starting processes costs more
# than it saves.
PARALLEL_FROM = 200
_CHUNKS_PER_WORKER = 16  # small chunks: few parsed files wait for the caller
_AHEAD = 2  # chunks handed to each worker before the caller needs them


def read_files(
    paths: list[Path], cache: ParseCache | None = None
) -> Iterator[tuple[Path, YamlDocument | Problem]]:
    """Parse every file: its document, or the problem that stopped it being read.

    Files whose bytes `cache` has seen come from it at once; the rest are parsed,
    in parallel when there are many, and added to it. The cache is saved once
    every file has been read. Each document notes whether it could hold the
    cache's placeholder.
    """
    cache = cache or ParseCache(None)
    todo: list[tuple[Path, bytes]] = []
    keys: dict[Path, str] = {}
    for path in paths:
        try:
            status = file_status(os.stat(path))
        except OSError:
            status = None  # read_yaml_bytes says why
        # Unchanged since it was hashed: its key is known, the file is not read again.
        key = cache.known(path, status) if status is not None else None
        hit = cache.get(key) if key is not None else None
        if hit is None:
            try:
                raw = read_yaml_bytes(path)
            except (YamlSyntaxError, OSError) as err:
                yield path, _problem(path, err)
                continue
            key = content_key(raw)
            if status is not None:
                cache.hashed(path, status, key)
            hit = cache.get(key)
        keys[path] = key
        if hit is None:
            todo.append((path, raw))
        else:
            data, may_link, held = hit
            doc = YamlDocument(path, data, may_link=may_link, may_hold_placeholder=held)
            doc.digest = key
            yield path, doc
    for path, read in _parse_all(todo, cache.placeholder):
        if isinstance(read, YamlDocument):
            read.digest = keys[path]
            if read.cacheable:
                cache.put(read)
        yield path, read
    cache.save()


def _parse_all(
    todo: list[tuple[Path, bytes]], placeholder: str
) -> Iterator[tuple[Path, YamlDocument | Problem]]:
    workers = _parallel_workers(len(todo))
    if workers < 2:
        yield from ((path, _read(path, raw, placeholder)) for path, raw in todo)
        return
    # Imported here: only a large parse needs them (13 ms of a warm `prep check`).
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # The files in chunks, in order: this process parses every `workers`-th chunk itself
    # (its caller checks every file meanwhile), worker processes the others. A worker's
    # chunk is handed out only a few chunks before the caller reaches it: what it parsed
    # waits in memory until then (when workers took the second half at once, half the
    # catalog's data waited: 170 MB at 10,000 roles). fork: workers start at once with
    # everything imported.
    size = -(-len(todo) // (workers * _CHUNKS_PER_WORKER))
    chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
    theirs = iter(k for k in range(len(chunks)) if k % workers)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers - 1, mp_context=context) as pool:
        futures = {}

        def hand_out(count: int) -> None:
            for k in itertools.islice(theirs, count):
                futures[k] = pool.submit(_read_chunk, chunks[k], placeholder)

        hand_out(_AHEAD * (workers - 1))
        for k, chunk in enumerate(chunks):
            if k % workers == 0:
                yield from ((path, _read(path, raw, placeholder)) for path, raw in chunk)
                continue
            read = futures.pop(k).result()
            hand_out(1)
            yield from zip((path for path, _ in chunk), read, strict=True)


class Reads:
    """Parsed files by path, taken from `read_files` as they are asked for."""

    def __init__(self, reads: Iterator[tuple[Path, YamlDocument | Problem]]):
        self._reads = reads
        self._waiting: dict[Path, YamlDocument | Problem] = {}

    def __getitem__(self, path: Path) -> YamlDocument | Problem:
        while path not in self._waiting:
            done, read = next(self._reads)
            self._waiting[done] = read
        return self._waiting.pop(path)

    def finish(self) -> None:
        """Read whatever was not asked for, so that the cache is saved."""
        for done, read in self._reads:
            self._waiting[done] = read


def _parallel_workers(files: int) -> int:
    # Workers are forked: safe on Linux (elsewhere Python prefers to spawn)
    # and only with no other thread running (`mkdocs serve` runs a server
    # thread). A catalog loaded inside a worker process (report batches) is
    # already one of many in parallel.
    if files < PARALLEL_FROM or not sys.platform.startswith("linux"):
        return 1
    import multiprocessing  # here, as in _parse_all

    if threading.active_count() > 1 or multiprocessing.parent_process() is not None:
        return 1
    # Only the cores that are free (the 1-minute load average, less this process):
    # under other work, a worker only added the cost of handing its files back
    # (a cold 10,000-role load took 20-23 s so, 18-20 s in one process, at load 3).
    cores = len(os.sched_getaffinity(0))  # the cores this process may use
    others = max(0.0, os.getloadavg()[0] - 1)
    return max(1, min(cores, round(cores - others)))


def _read_chunk(todo: list[tuple[Path, bytes]], placeholder: str) -> list[YamlDocument | Problem]:
    # Forked while load_catalog pauses the collector, so it stays paused here too.
    return [_read(path, raw, placeholder) for path, raw in todo]


def _read(path: Path, raw: bytes, placeholder: str) -> YamlDocument | Problem:
    try:
        return load_yaml(path, raw, placeholder)
    except (YamlSyntaxError, UnicodeDecodeError) as err:
        return _problem(path, err)


def _problem(path: Path, err: Exception) -> Problem:
    if isinstance(err, YamlSyntaxError):
        line, column = err.position.line, err.position.column
        return Problem(display_path(path), line, column, "(file)", err.message)
    return Problem(display_path(path), 1, 1, "(file)", f"cannot read: {err}")


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the catalog loads.

    Loading creates hundreds of thousands of objects, none in reference
    cycles, and keeps most of them; the collector would walk the growing heap
    again and again to free nothing, which doubled the load time of a large
    catalog. Plain reference counting still frees everything it can.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # What was loaded is kept: moved out of the collector's sight (gc.freeze), it is
        # not walked again by the next collection, nor by every later one of a build.
        gc.freeze()
        if enabled:
            gc.enable()
