"""Validated models kept in one process between catalog loads: the preview's reloads.

Validating 1,000 roles with pydantic takes about 0.45 s, most of a warm load, and a
preview reload after one saved file would do it again for every file. A memo keeps
each model validated from a file's bytes (keyed by the model class and the hash of
those bytes, as the parse cache keys the parsed data), so a reload validates only
the files that changed. Models are frozen, so sharing one between loads is safe.

Only in memory and only when asked for (`load_catalog(root, memo=...)`): a plain
build or `prep check` loads once, and a module-wide memo would keep the catalog
alive after it.
"""

from __future__ import annotations

from pydantic import BaseModel


class ModelMemo:
    """Models by (model class, file hash): what the last load used, and this one."""

    def __init__(self) -> None:
        self._old: dict[tuple[type, str], BaseModel] = {}
        self._used: dict[tuple[type, str], BaseModel] = {}
        self.validated = 0  # models this load validated (not found in the memo)

    def get(self, model: type[BaseModel], digest: str) -> BaseModel | None:
        key = (model, digest)
        found = self._used.get(key) or self._old.get(key)
        if found is not None:
            self._used[key] = found
        return found

    def put(self, model: type[BaseModel], digest: str, value: BaseModel) -> None:
        self.validated += 1
        self._used[(model, digest)] = value

    def finish(self) -> None:
        """Keep only what this load used: a file edited away lets go of its model."""
        self._old, self._used = self._used, {}
