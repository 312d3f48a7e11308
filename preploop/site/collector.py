"""Python's garbage collector during a build: paused while the pages are made.

What a build makes before MkDocs' page loop (the catalog, our pages, MkDocs'
pages and their content) lives until the build ends. While it grew, the
collector ran a full collection each time the heap grew by a quarter, each one
walking all of it made so far again: about 4 s of a 10,000-role build, for
nothing freed. So it is paused from the catalog's load to the page loop, and
what was made is then frozen (out of its sight) until the build ends. Page
templates leave a few reference cycles (about 20 objects a page, 2 to 4 MB per
1,000 pages), kept until the build ends: collecting them once before the page
loop took 1.9 s at 10,000 roles.
"""

from __future__ import annotations

import gc


class Collector:
    """pause() when the build starts, settle() before the page loop, release() at its end."""

    def __init__(self) -> None:
        self.paused = False

    def pause(self) -> None:
        gc.freeze()
        if gc.isenabled():
            gc.disable()
            self.paused = True

    def settle(self) -> None:
        gc.freeze()
        self._resume()

    def release(self) -> None:
        self._resume()
        gc.unfreeze()  # `mkdocs serve` frees this build's objects as usual

    def _resume(self) -> None:
        if self.paused:
            gc.enable()
            self.paused = False
