"""Search index entries kept between builds, keyed by everything they are made from.

mkdocs-material's search plugin parses each page's HTML into its index entries,
about a millisecond a page. A page that comes out as it did last time (the same
HTML, table of contents, address, title and search settings, hashed) takes a
copy of the entries made then instead. Our own additions (search_text.enrich)
are made afresh either way, after this.

The cache is one pickle in `.cache/preploop/` beside the catalog, private to its
owner, keyed also by the search plugin's own source (a new mkdocs-material starts
afresh); it holds what the last build used. Any problem reading or writing it only
means indexing again. PREPLOOP_CACHE=off turns it off, as it does the parse cache.
"""

from __future__ import annotations

import hashlib
import inspect
import pickle
import sys
from pathlib import Path

from preploop.cache_files import CACHE_DIR, as_dict, caching_off, read_own, write_own


class SearchCache:
    """Entries by page key: what the last build used, and what this build uses."""

    def __init__(self, file: Path | None):
        self.file = file
        self._old: dict[str, list[dict]] = as_dict(read_own(file))
        self.used: dict[str, list[dict]] = {}

    @classmethod
    def beside(cls, catalog_root: Path, index) -> SearchCache:
        """The cache for `index` (the search plugin's), off when PREPLOOP_CACHE=off or
        when the plugin segments Chinese text (with settings of its own)."""
        module = sys.modules.get(type(index).__module__)
        source = _source(module)
        off = caching_off()
        if off or source is None or getattr(module, "jieba", None) is not None:
            return cls(None)
        key = hashlib.blake2b(source + sys.version.encode(), digest_size=8)
        folder = Path(catalog_root).resolve().parent / CACHE_DIR
        return cls(folder / f"search-{key.hexdigest()}.pickle")

    def wrap(self, index) -> None:
        """Make `index.add_entry_from_context(page)` take cached entries when it can."""
        if self.file is None:
            return
        original = index.add_entry_from_context

        def add_entry_from_context(page) -> None:
            key = _page_key(page)
            entries = self.used.get(key) or self._old.get(key)
            if key is None or entries is None:
                start = len(index.entries)
                original(page)
                entries = [_copy(entry) for entry in index.entries[start:]]
            else:
                index.entries.extend(_copy(entry) for entry in entries)
            if key is not None:
                self.used[key] = entries

        index.add_entry_from_context = add_entry_from_context

    def unwrap(self, index) -> None:
        vars(index).pop("add_entry_from_context", None)

    def save(self) -> None:
        """Keep exactly what this build used, written whole or not at all."""
        if self.file is None or self.used.keys() == self._old.keys():
            return
        write_own(self.file, self.used, stale="search-*.pickle")  # other plugin versions


def _page_key(page) -> str | None:
    """A hash of what the search plugin reads of `page`; None if it cannot be hashed."""
    meta = page.meta
    try:
        data = pickle.dumps(
            (
                page.url,
                page.content,
                _toc(page.toc),
                str(page.title),
                meta.get("title"),
                meta.get("tags"),
                meta.get("search"),
            ),
            protocol=pickle.HIGHEST_PROTOCOL,
        )
    except Exception:
        return None
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _toc(items) -> list:
    return [(item.id, item.url, item.title, _toc(item.children)) for item in items]


def _copy(entry: dict) -> dict:
    # Entries are changed after indexing (search_text.enrich): the cache keeps its own.
    return {key: list(value) if isinstance(value, list) else value for key, value in entry.items()}


def _source(module) -> bytes | None:
    try:
        return inspect.getsource(module).encode()
    except (OSError, TypeError):
        return None
