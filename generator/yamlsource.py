"""Safe YAML loading that remembers where every value came from.

Editors need errors that point at a line and column, and pydantic only knows a
value's path (`rounds[2].duration`). This module keeps a map from each path to
its position in the file, so the catalog can translate one into the other.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# libyaml when available: ten times faster, and `prep check` must stay quick on
# a catalog of a thousand roles.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class YamlDocument:
    """A parsed YAML file: its data plus the position of every key and value."""

    path: Path
    data: Any
    values: dict[Loc, Position] = field(default_factory=dict)
    keys: dict[Loc, Position] = field(default_factory=dict)
    duplicate_keys: list[Loc] = field(default_factory=list)

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """Where `loc` is, or where its nearest existing parent is."""
        while True:
            table = self.keys if key else self.values
            if loc in table:
                return table[loc]
            if not loc:
                return Position(1, 1)
            loc = loc[:-1]
            key = False


class YamlSyntaxError(Exception):
    def __init__(self, path: Path, position: Position, message: str):
        super().__init__(message)
        self.path = path
        self.position = position
        self.message = message


def load_yaml(path: Path) -> YamlDocument:
    """Parse `path` safely (no Python objects), recording positions."""
    text = path.read_text(encoding="utf-8")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        problem = err.problem or err.context or "invalid YAML"
        if err.problem and err.context and err.context_mark:
            problem += f" ({err.context} at line {err.context_mark.line + 1})"
        raise YamlSyntaxError(path, position, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as err:  # constructor errors without marks
        raise YamlSyntaxError(path, Position(1, 1), f"YAML error: {err}") from None
    finally:
        loader.dispose()
    document = YamlDocument(path=path, data=data)
    if node is not None:
        _record(node, (), document)
    return document


def _record(node: yaml.Node, loc: Loc, document: YamlDocument) -> None:
    document.values[loc] = _position(node)
    if isinstance(node, yaml.MappingNode):
        seen: set[Any] = set()
        for key_node, value_node in node.value:
            key = key_node.value
            child = (*loc, key)
            if key in seen:
                document.duplicate_keys.append(child)
            seen.add(key)
            document.keys[child] = _position(key_node)
            _record(value_node, child, document)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record(item, (*loc, index), document)


def _position(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def format_loc(loc: Loc) -> str:
    """`('rounds', 2, 'duration')` -> `rounds[2].duration`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(file)"
