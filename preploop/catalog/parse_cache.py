"""Parsed catalog files kept between runs, keyed by the hash of each file's bytes.

Parsing YAML is most of a large catalog's load time (about 1.7 s of CPU for 1,000
roles) and most files do not change between two `prep check` runs or two preview
reloads. The cache holds the plain data of every file that parsed cleanly; a file
whose bytes changed, or any file after the parser itself changed, is parsed again.
Positions for error messages are still read from the file itself, on demand.

Nor is an unchanged file read again to hash it (reading and hashing 1,100 files took
about 50 ms of a warm `prep check`'s 0.6 s): the cache also keeps each file's hash with
its status (device, inode, size, mode, modification and change times), and a file whose
status is the same is taken to hold the same bytes. Any write changes a file's change
time, which no program can set, but two writes within one tick of the clock can leave
it the same: a status less than `RACY_SECONDS` older than the cache is not trusted (as
git does with its index), and the file is hashed again.

The cache is one pickle in `.cache/preploop/` beside the catalog, private to its
owner; it holds only data this program wrote from the catalog's own files. Any
problem reading or writing it only means parsing again. PREPLOOP_CACHE=off turns
it off (benchmarks of a cold load).
"""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from preploop import yamlsource
from preploop.cache_files import (
    CACHE_DIR,
    RACY_SECONDS,
    as_dict,
    caching_off,
    read_own,
    write_own,
)


def _parser_key(placeholder: str) -> str:
    # The parser's source and this module's (the entries' shape), PyYAML's version,
    # Python's and the placeholder the entries note: any change starts afresh.
    source = Path(yamlsource.__file__).read_bytes() + Path(__file__).read_bytes()
    versions = f"{yaml.__version__} {sys.version_info[:2]} {placeholder!r}".encode()
    return hashlib.blake2b(source + versions, digest_size=8).hexdigest()


def content_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class ParseCache:
    """Parsed data by content hash: what the last load used, plus what this load adds.

    Each entry is (data, may_link, may_hold_placeholder), as YamlDocument has them;
    `placeholder` is the text whose presence they note (none: every file may hold it)."""

    def __init__(self, file: Path | None, placeholder: str = ""):
        self.file = file
        self.placeholder = placeholder
        kept = as_dict(read_own(file))
        self._old: dict[str, tuple[Any, bool, bool]] = as_dict(kept.get("parsed"))
        self._used: dict[str, tuple[Any, bool, bool]] = {}
        # By path: (file_status, content key), as seen by the load that wrote the cache.
        self._files_old: dict[str, tuple[tuple, str]] = as_dict(kept.get("files"))
        self._files: dict[str, tuple[tuple, str]] = {}
        saved = kept.get("saved")
        self._trusted_before = (saved if isinstance(saved, int) else 0) - RACY_SECONDS * 10**9

    @classmethod
    def beside(cls, catalog_root: Path, placeholder: str = "") -> ParseCache:
        """The cache of the catalog at `catalog_root` (off when PREPLOOP_CACHE=off)."""
        if caching_off():
            return cls(None, placeholder)
        folder = Path(catalog_root).resolve().parent / CACHE_DIR
        return cls(folder / f"catalog-{_parser_key(placeholder)}.pickle", placeholder)

    def known(self, path: Path, status: tuple) -> str | None:
        """The content key of the file at `path`, if its `status` (file_status) is the one
        it had when last hashed, and old enough to trust; None: read and hash it."""
        seen = self._files_old.get(str(path))
        if seen is None or seen[0] != status or status[-1] >= self._trusted_before:
            return None
        self._files[str(path)] = seen
        return seen[1]

    def hashed(self, path: Path, status: tuple, key: str) -> None:
        """The file at `path`, with `status` before it was read, hashes to `key`."""
        self._files[str(path)] = (status, key)

    def get(self, key: str) -> tuple[Any, bool, bool] | None:
        """The entry of the file whose bytes hash to `key`, if parsed before."""
        hit = self._old.get(key)
        if hit is not None:
            self._used[key] = hit
        return hit

    def put(self, doc: yamlsource.YamlDocument) -> None:
        self._used[doc.digest] = (doc.data, doc.may_link, doc.may_hold_placeholder)

    def save(self) -> None:
        """Keep exactly what this load used, written whole or not at all."""
        if self.file is None:
            return
        racy = any(status[-1] >= self._trusted_before for status, _ in self._files.values())
        if self._used.keys() == self._old.keys() and self._files == self._files_old and not racy:
            return
        kept = {"parsed": self._used, "files": self._files, "saved": time.time_ns()}
        write_own(self.file, kept, stale="catalog-*.pickle")  # other parser versions
