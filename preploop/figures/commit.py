"""Writing the store: one import at a time, every file or none, nothing left over.

The CSV files stay the store, because editors review an import as a plain
`git diff companies/` and builds read nothing else. Making their writing safe:

1. An exclusive `flock` on the catalog folder itself (no lock file to show in
   `git status`) is held for an import's whole read-plan-write, so a second
   import waits (`store.lock_wait_seconds`), then says another one is running.
   The kernel drops the lock when its process dies, however it dies.
2. Every new file is written to a temporary file beside its target
   (`.reports.csv.XXXX.tmp`) and synced. A failure here (a full disk) removes
   them and leaves the store as it was.
3. A journal listing the renames and deletions is written, synced and renamed
   into place (`.import-journal`): from that instant the import has happened.
4. The renames are applied, the folders synced, the journal removed. SIGTERM,
   SIGINT and SIGHUP wait until this is done.

A process killed (SIGKILL) before step 3 leaves only temporary files, after
it a journal. The next import, `prep check`, a build or the preview finish a
leftover journal first (renames whose temporary file is gone were done
already) and remove temporary files no journal names.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from preploop.errors import UserError
from preploop.figures import settings
from preploop.figures.store import FILES, store_error

JOURNAL = ".import-journal"
_TEMP_GLOBS = [f"*/.{name}.*.tmp" for name in FILES.values()] + [f".{JOURNAL}.*.tmp"]
_DEFERRED = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)

Writer = Callable[[TextIO], None]  # writes a file's whole text to the handle


class StoreBusy(UserError):
    """Another import holds the catalog."""


class StoreWriteError(UserError):
    """A store file could not be written; nothing was."""


@contextlib.contextmanager
def locked(root: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the catalog for an import, after finishing whatever a killed one left."""
    wait = settings()["store"]["lock_wait_seconds"] if wait is None else wait
    fd = _lock(root, wait)
    try:
        recover(root)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _lock(root: Path, wait: float) -> int:
    try:
        fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as err:
        raise StoreWriteError(f"{root}: cannot open the catalog folder ({err.strerror})") from None
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() >= deadline:
                os.close(fd)
                raise StoreBusy(
                    f"{root}: another import is running on this catalog (waited {wait:g} s); "
                    "run this one again when it has finished"
                ) from None
            time.sleep(0.05)


def recover(root: Path) -> None:
    """Finish a journal a killed import left, then remove stray temporary files.
    Only under the lock: no live import owns anything here then."""
    journal = root / JOURNAL
    if journal.exists():
        _apply(root, json.loads(journal.read_text(encoding="utf-8")))
        journal.unlink()
        _sync_dir(root)
    for pattern in _TEMP_GLOBS:
        for stray in root.glob(pattern):
            stray.unlink(missing_ok=True)


def recover_for_readers(root: Path) -> None:
    """Before reading the store (check, build, preview): a leftover journal is
    finished, waiting for the lock if an import is committing right now; stray
    temporary files are removed when no import is running."""
    if not root.is_dir():
        return
    leftover = (root / JOURNAL).exists()
    if not leftover and not any(next(root.glob(p), None) for p in _TEMP_GLOBS):
        return
    try:
        with locked(root, wait=settings()["store"]["lock_wait_seconds"] if leftover else 0):
            pass
    except (StoreBusy, StoreWriteError, OSError) as err:
        if leftover:  # the store is half-written: say so rather than read it
            reason = getattr(err, "strerror", None) or str(err)
            raise store_error(
                root / JOURNAL, 1, f"an interrupted import could not be finished ({reason})"
            ) from None


def commit(root: Path, files: dict[Path, Writer | None]) -> None:
    """Write every file (a writer) and delete every file (None), all or none.
    The caller holds `locked(root)`."""
    temps: dict[Path, Path] = {}
    # A stop (SIGTERM, Ctrl-C) waits until the commit is done: arriving between a temporary
    # file's creation and its being recorded, it would leave that file behind.
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED)
    try:
        _commit(root, files, temps)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _commit(root: Path, files: dict[Path, Writer | None], temps: dict[Path, Path]) -> None:
    try:
        for path, writer in files.items():
            if writer is not None:
                temps[path] = _write_temp(path, writer)
        plan = {
            "replace": [[_rel(root, t), _rel(root, p)] for p, t in temps.items()],
            "delete": [_rel(root, p) for p, w in files.items() if w is None],
        }
        journal = _write_temp(root / JOURNAL, lambda h: json.dump(plan, h))
    except BaseException:
        for temp in temps.values():
            temp.unlink(missing_ok=True)
        raise
    os.replace(journal, root / JOURNAL)
    _sync_dir(root)
    _apply(root, plan)
    (root / JOURNAL).unlink()
    _sync_dir(root)


def _write_temp(path: Path, writer: Writer) -> Path:
    """`path`'s new text in a synced temporary file beside it."""
    temp: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        temp = path.parent / os.path.basename(name)  # relative if `path` is
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            writer(handle)
            handle.flush()
            os.fsync(handle.fileno())
        return temp
    except BaseException as err:  # a stop (SIGTERM, Ctrl-C) too: nothing left behind
        if temp is not None:
            temp.unlink(missing_ok=True)
        if not isinstance(err, OSError):
            raise
        reason = err.strerror or errno.errorcode.get(err.errno or 0, "error")
        raise StoreWriteError(f"{path}: cannot write ({reason}); nothing written") from None


def _apply(root: Path, plan: dict) -> None:
    folders = set()
    for temp, target in plan["replace"]:
        if (root / temp).exists():  # gone: this rename was done before a kill
            os.replace(root / temp, root / target)
        folders.add((root / target).parent)
    for target in plan["delete"]:
        (root / target).unlink(missing_ok=True)
        folders.add((root / target).parent)
    for folder in sorted(folders):
        _sync_dir(folder)


def _sync_dir(folder: Path) -> None:
    """Make renames in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _rel(root: Path, path: Path) -> str:
    return str(path.relative_to(root))
