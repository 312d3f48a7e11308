"""The search index file, written a batch of entries at a time.

mkdocs-material writes `search/search_index.json` as one string, then that string's
bytes: at 10,000 roles 43 MB each, plus the pieces the string is joined from, about
130 MB on top of all a build holds at its end, and so the build's peak memory. Here
the same bytes are written a batch of entries at a time (`search_index_batch` in
build.yaml): the head and tail come from the index's own `generate_search_index`
with no entries, each batch from the same `json.dumps` call it makes, so the file is
the one it writes. The plugin's own write is then switched off for this build (its
`enabled` option, which it checks first), and switched back on when the build ends.
A preview (`mkdocs serve`, whose rebuilds may merge indexes) is left to the plugin.
"""

from __future__ import annotations

import json
from pathlib import Path

INDEX_FILE = Path("search") / "search_index.json"


def take_over(config, batch: int):
    """Write the index of mkdocs-material's search plugin and switch its own write off;
    the plugin (to `give_back` when the build ends), or None when it is left to it."""
    plugin = next(filter(None, map(config.plugins.get, ("material/search", "search"))), None)
    options = getattr(plugin, "config", None)
    index = getattr(plugin, "search_index", None)
    if options is None or options.get("enabled") is not True or getattr(plugin, "is_dirty", True):
        return None
    if not isinstance(getattr(index, "entries", None), list):
        return None
    entries, index.entries = index.entries, []
    try:
        empty = index.generate_search_index(None)  # {"config":{...},"docs":[]}
    finally:
        index.entries = entries
    if not empty.endswith('"docs":[]}'):  # not the shape this writer knows
        return None
    path = Path(config.site_dir) / INDEX_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        out.write(empty[:-2].encode())
        for start in range(0, len(entries), batch):
            part = json.dumps(entries[start : start + batch], separators=(",", ":"), default=str)
            out.write(("," if start else "").encode() + part[1:-1].encode())
        out.write(b"]}")
    options.enabled = False
    return plugin


def give_back(plugin) -> None:
    """Switch the plugin's own write on again (it is kept between `serve` rebuilds)."""
    plugin.config.enabled = True
