"""The report's method as data: thresholds and weights from `method.yaml`, and the
prose of the report's method chapter filled in from the same numbers."""

from __future__ import annotations

import functools
import re
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


def chapter() -> list[dict[str, Any]]:
    """The method chapter's sections, each {heading, paragraphs}, numbers filled in."""
    return [
        {
            "heading": section["heading"],
            "paragraphs": [_fill(" ".join(p.split())) for p in section["paragraphs"]],
        }
        for section in method()["chapter"]
    ]


def _fill(text: str) -> str:
    return re.sub(r"\{([\w.-]+)\}", lambda m: _number(value(m.group(1))), text)


def _number(x: Any) -> str:
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


METHOD_VERSION: str = method()["version"]
