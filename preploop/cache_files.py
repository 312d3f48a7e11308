"""The private pickles in `.cache/preploop/` beside the catalog (parsed catalog files,
search index entries): read only when this user wrote them, written whole or not at
all, and never needed (any problem only means doing the work again).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import tempfile
from pathlib import Path

CACHE_DIR = Path(".cache") / "preploop"


def caching_off() -> bool:
    """PREPLOOP_CACHE=off (or 0, no): every cache starts empty and is not written."""
    return os.environ.get("PREPLOOP_CACHE", "").lower() in {"off", "0", "no"}


def read_own(file: Path | None) -> dict:
    """The dict pickled in `file`, or {} when it is missing, corrupt or foreign."""
    if file is None:
        return {}
    with contextlib.suppress(Exception):
        # Only a file this user wrote: a pickle can hold code, so never another's.
        if file.stat().st_uid == os.getuid():
            loaded = pickle.loads(file.read_bytes())
            return loaded if isinstance(loaded, dict) else {}
    return {}


def write_own(file: Path, data: dict, stale: str) -> None:
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
        for other in file.parent.glob(stale):
            if other != file:
                other.unlink(missing_ok=True)
