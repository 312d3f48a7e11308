"""Handing freed memory back to the system during a build.

A first load of a large catalog parses every file, and what the parse threw away
stays in the C heap, free but resident (150 MB at 10,000 roles), where the rest of
the build hardly reuses it: glibc's `malloc_trim` gives it back. Elsewhere (not
glibc) this does nothing.
"""

from __future__ import annotations

import ctypes
import sys


def give_back_free_memory() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # another C library (musl)
        return
    trim(0)
