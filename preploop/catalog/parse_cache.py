"""Parsed catalog files kept between runs, keyed by the hash of each file's bytes.

Parsing YAML is most of a large catalog's load time (about 1.7 s of CPU for 1,000
roles) and most files do not change between two `prep check` runs or two preview
reloads. The cache holds the plain data of every file that parsed cleanly; a file
whose bytes changed, or any file after the parser itself changed, is parsed again.
Positions for error messages are still read from the file itself, on demand.

The cache is one pickle in `.cache/preploop/` beside the catalog, private to its
owner; it holds only data this program wrote from the catalog's own files. Any
problem reading or writing it only means parsing again. PREPLOOP_CACHE=off turns
it off (benchmarks of a cold load).
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from typing import Any

import yaml

from preploop import yamlsource
from preploop.cache_files import CACHE_DIR, as_dict, caching_off, read_own, write_own


def _parser_key() -> str:
    # The parser's own source, PyYAML's version and Python's: any change starts afresh.
    source = Path(yamlsource.__file__).read_bytes()
    versions = f"{yaml.__version__} {sys.version_info[:2]}".encode()
    return hashlib.blake2b(source + versions, digest_size=8).hexdigest()


def content_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class ParseCache:
    """Parsed data by content hash: what the last load used, plus what this load adds."""

    def __init__(self, file: Path | None):
        self.file = file
        self._old: dict[str, tuple[Any, bool]] = as_dict(read_own(file))
        self._used: dict[str, tuple[Any, bool]] = {}

    @classmethod
    def beside(cls, catalog_root: Path) -> ParseCache:
        """The cache of the catalog at `catalog_root` (off when PREPLOOP_CACHE=off)."""
        if caching_off():
            return cls(None)
        folder = Path(catalog_root).resolve().parent / CACHE_DIR
        return cls(folder / f"catalog-{_parser_key()}.pickle")

    def get(self, key: str) -> tuple[Any, bool] | None:
        """(data, may_link) of the file whose bytes hash to `key`, if parsed before."""
        hit = self._old.get(key)
        if hit is not None:
            self._used[key] = hit
        return hit

    def put(self, key: str, data: Any, may_link: bool) -> None:
        self._used[key] = (data, may_link)

    def save(self) -> None:
        """Keep exactly what this load used, written whole or not at all."""
        if self.file is None or self._used.keys() == self._old.keys():
            return
        write_own(self.file, self._used, stale="catalog-*.pickle")  # other parser versions
