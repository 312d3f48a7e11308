"""WeasyPrint, imported without its slow search for native libraries.

On import WeasyPrint opens Pango, HarfBuzz, fontconfig and GObject by trying each
platform's file name in turn (Windows and macOS names first). cffi hands every name that
fails to `ctypes.util.find_library`, which on Linux runs `ldconfig`, `gcc` and `ld` as
subprocesses: about twenty lookups, 0.3 s of a report's 4 to 5 s, for names that cannot
exist there. The Linux names (`libpango-1.0.so.0`) are opened directly by the dynamic
loader and need no lookup, so on Linux the lookup answers "not found" at once while
WeasyPrint is imported. Should that fail (a system whose libraries the loader cannot
find by name alone), the import is made again the usual way.
"""

from __future__ import annotations

import ctypes.util
import importlib
import sys
from types import ModuleType


def _import_weasyprint() -> ModuleType:
    if not sys.platform.startswith("linux") or "weasyprint" in sys.modules:
        return importlib.import_module("weasyprint")
    lookup = ctypes.util.find_library
    ctypes.util.find_library = lambda name: None
    try:
        return importlib.import_module("weasyprint")
    except OSError:  # a half-made import leaves nothing in sys.modules: try again below
        pass
    finally:
        ctypes.util.find_library = lookup
    return importlib.import_module("weasyprint")


weasyprint = _import_weasyprint()
# What the renderer uses, imported once the package is in (the lookup no longer matters).
from weasyprint.text.fonts import FontConfiguration  # noqa: E402
from weasyprint.urls import FatalURLFetchingError, URLFetcherResponse  # noqa: E402

__all__ = ["FatalURLFetchingError", "FontConfiguration", "URLFetcherResponse", "weasyprint"]
