"""The report's method as data: thresholds, weights and word lists from `method.yaml`.
The method chapter's prose is in the report's wording file and reads these numbers."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml

METHOD_FILE = Path(__file__).with_name("method.yaml")


@functools.cache
def method() -> dict[str, Any]:
    return yaml.safe_load(METHOD_FILE.read_text(encoding="utf-8"))


def value(path: str) -> Any:
    """A setting by its dotted path: value('stories.min_fit')."""
    node: Any = method()
    for part in path.split("."):
        node = node[int(part)] if isinstance(node, list) else node[part]
    return node


METHOD_VERSION: str = method()["version"]
