"""The preview's site folder, kept from one rebuild to the next.

MkDocs empties the site folder before every build and writes every file again:
at 1,000 roles, 2,200 pages and social cards, about a second on this machine's
disk. During `mkdocs serve` the folder is ours alone (a temporary folder MkDocs
made), so it is not emptied: a file whose content would be the same (same key)
and that nobody touched since we wrote it (same inode, size and modification
time) stays, every other file is written as usual, and at the end of the build
the files that this build neither wrote nor kept are removed. The folder then
holds exactly what a build into an empty folder leaves.
"""

from __future__ import annotations

import contextlib
import os


def _stamp(path: str) -> tuple[int, int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


class PreviewFolder:
    """What we wrote into the folder, by path: the content's key and the file's stamp."""

    def __init__(self) -> None:
        self.written: dict[str, tuple[str, tuple[int, int, int]]] = {}
        self.kept: set[str] = set()  # files this build left as they were
        self.before: dict[str, tuple[int, int, int] | None] = {}  # the folder at the start
        self.folder: str | None = None

    def start(self, folder: str) -> None:
        """Instead of emptying `folder`: note what is in it (see `finish`)."""
        if folder != self.folder:  # another folder: nothing we wrote is in it
            self.written = {}
        self.folder, self.kept = folder, set()
        self.before = {}
        for root, _, files in os.walk(folder):
            for name in files:
                path = os.path.join(root, name)
                self.before[path] = _stamp(path)

    def unchanged(self, path: str, key: str) -> bool:
        """True (and the file is kept) when `path` holds what we wrote for `key`."""
        path = os.path.abspath(path)
        known = self.written.get(path)
        if known is None or known[0] != key or _stamp(path) != known[1]:
            return False
        self.kept.add(path)
        return True

    def wrote(self, path: str, key: str) -> None:
        """`path` was just written with the content `key` stands for."""
        path = os.path.abspath(path)
        stamp = _stamp(path)
        if stamp is not None:
            self.written[path] = (key, stamp)

    def finish(self) -> None:
        """Remove what the build did not make: files neither kept nor written since
        `start` (a page whose role is gone), then the folders that leaves empty."""
        for path, stamp in self.before.items():
            if path in self.kept or stamp is None or _stamp(path) != stamp:
                continue
            with contextlib.suppress(OSError):
                os.unlink(path)
            self.written.pop(path, None)
            folder = os.path.dirname(path)
            while self.folder and folder.startswith(self.folder + os.sep):
                try:
                    os.rmdir(folder)  # only when empty
                except OSError:
                    break
                folder = os.path.dirname(folder)
        self.before = {}

    def forget(self) -> None:
        """A build that failed: trust nothing it may have left."""
        self.written, self.kept, self.before = {}, set(), {}
