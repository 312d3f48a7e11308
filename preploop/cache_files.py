"""The private pickles of our caches (parsed catalog files and search index entries in
`.cache/preploop/` beside the catalog, lemminflect's tables and compiled templates in the
user's cache folder):
read only when this user wrote them, written whole or not at all, and never needed (any
problem only means doing the work again).
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import tempfile
from pathlib import Path

CACHE_DIR = Path(".cache") / "preploop"
RACY_SECONDS = 2  # far more than a file system's clock tick


def file_status(s: os.stat_result) -> tuple:
    """What the caches compare of a file: any write to it changes this, though two writes
    within one clock tick can leave it the same (so a status newer than RACY_SECONDS
    before a cache was saved is not trusted, as git does with its index)."""
    return (s.st_dev, s.st_ino, s.st_size, s.st_mode, s.st_mtime_ns, s.st_ctime_ns)


def user_cache_dir() -> Path:
    """Caches that belong to the user, not to a catalog: lemminflect's tables, templates."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "preploop"


def caching_off() -> bool:
    """PREPLOOP_CACHE=off (or 0, no): every cache starts empty and is not written."""
    return os.environ.get("PREPLOOP_CACHE", "").lower() in {"off", "0", "no"}


def read_own(file: Path | None) -> object | None:
    """What is pickled in `file`, or None when it is missing, corrupt or foreign; the
    caller checks its shape. Running out of memory is raised, not taken for a bad file
    (an order's memory budget is reported as such)."""
    if file is None:
        return None
    try:
        # Only a file this user wrote: a pickle can hold code, so never another's.
        if file.stat().st_uid != os.getuid():
            return None
        # Big dicts of tuples: the collector only slows the load. Put back as it was:
        # a caller may have paused it (load_catalog does, for the whole load).
        enabled = gc.isenabled()
        gc.disable()
        try:
            return pickle.loads(file.read_bytes())
        finally:
            if enabled:
                gc.enable()
    except MemoryError:
        raise
    except Exception:
        return None


def as_dict(loaded: object) -> dict:
    """A cache read as a dict, or empty when it holds anything else."""
    return loaded if isinstance(loaded, dict) else {}


def write_own(file: Path, data: object, stale: str = "") -> None:
    """Pickle `data` into `file` (mode 0600, through a temporary file and a rename), then
    remove the other files of the folder matching `stale` (caches of other versions)."""
    with contextlib.suppress(OSError, pickle.PicklingError):
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=file.parent, prefix=f".{file.stem}.")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(data, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, file)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
        for other in file.parent.glob(stale) if stale else ():
            if other != file:
                other.unlink(missing_ok=True)
