"""A clean `prep check`, remembered: run again on the same files by the same program,
it says again what it said, without loading the catalog.

A warm check of 1,000 roles took about 0.7 s, nearly all of it importing the models
and validating 1,100 files that had not changed. Here the inputs are compared by their
status alone (as the parse cache compares files, see `cache_files.file_status`):

- every file under the catalog folder (a new, removed or rewritten file is a change,
  and so is a killed import's journal, which only the full check recovers);
- every file of this program (a changed rule or model checks afresh), the Python
  running it, and the folder its libraries are installed in (an upgrade changes it).

Only a check that passed is remembered, and only when no input changed within
`RACY_SECONDS` of it. The memo is one small pickle per catalog in `.cache/preploop/`
beside it; PREPLOOP_CACHE=off turns it off. This module imports nothing heavy: that is
its point.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from pathlib import Path

import click

from preploop.cache_files import (
    CACHE_DIR,
    RACY_SECONDS,
    as_dict,
    caching_off,
    file_status,
    read_own,
    write_own,
)

PROGRAM = Path(__file__).resolve().parent
LIBRARIES = Path(click.__file__).resolve().parents[1]  # site-packages


def _statuses(folder: Path) -> list[tuple[str, tuple]]:
    """(path, status) of every file under `folder`, compiled bytecode aside."""
    found = []
    for top, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            path = os.path.join(top, name)
            found.append((path, file_status(os.stat(path))))
    return found


class CheckMemo:
    """What the last clean check of one catalog printed, and the inputs it had."""

    def __init__(self, catalog_root: Path, options: str = ""):
        root = Path(catalog_root).resolve()
        name = hashlib.blake2b(str(root).encode(), digest_size=6).hexdigest()
        self.file = None if caching_off() else root.parent / CACHE_DIR / f"check-{name}.pickle"
        inputs = [*_statuses(root), *_statuses(PROGRAM)]
        inputs.append((str(LIBRARIES), file_status(os.stat(LIBRARIES))))
        newest = max((max(status[-2:]) for _, status in inputs), default=0)
        self._newest_ns = newest
        seen = repr((str(root), options, sys.version, inputs)).encode()
        self.key = hashlib.blake2b(seen, digest_size=16).hexdigest()

    def lines(self) -> list[str] | None:
        """What the last clean check printed, when nothing it read has changed since."""
        kept = as_dict(read_own(self.file))
        saved = kept.get("saved")
        if kept.get("key") != self.key or not isinstance(saved, int):
            return None
        if self._newest_ns >= saved - RACY_SECONDS * 10**9:  # changed within a clock tick
            return None
        lines = kept.get("lines")
        return lines if isinstance(lines, list) else None

    def remember(self, lines: list[str]) -> None:
        """Keep a clean check's lines (not when an input is too new to trust)."""
        now = time.time_ns()
        if self.file is None or self._newest_ns >= now - RACY_SECONDS * 10**9:
            return
        write_own(self.file, {"key": self.key, "lines": lines, "saved": now})
