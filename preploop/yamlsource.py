"""Safe YAML loading that can say where every value came from.

Editors need errors that point at a line and column, and pydantic only knows a
value's path (`rounds[2].duration`). A document can map each path to its
position in the file, so the catalog can translate one into the other.

Noting positions costs about as much as parsing, and only a file with a
problem needs them, so `load_yaml` reads the data alone and the document
parses its file again, with positions, the first time one is asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

# libyaml when available: ten times faster, and `prep check` must stay quick on
# a catalog of a thousand roles.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_IMPLICIT = _BaseLoader.yaml_implicit_resolvers  # first character -> [(tag, regexp)]

_RESOLVED: dict[str, str] = {}  # short plain scalar -> its tag

# Bounds on one catalog file: the largest real file is about 16 KB and nests
# six levels deep. A file nested so deep that reading it runs out of stack is
# refused, pointing at its first level past MAX_DEPTH.
MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 50

# Where an anchor (&a) or an alias (*a) could start: after a space, a flow
# indicator or a colon, or at the very start. Prose such as "R&D" does not
# match; a match is confirmed by reading the file's events. (An alias needs an
# anchor before it, so an alias, the part that expands, is never missed.)
_ANCHOR_OR_ALIAS = re.compile(r"(?<![^\s\[{,:])[&*]")

# A Markdown link, image or reference has "](", "]:" or "] [" in its text.
# YAML folds line breaks into spaces, so in the file it is written the same
# way, unless the file spells it otherwise (see _SPELT_OTHERWISE).
_MAY_LINK = re.compile(r"\](?:[(:]|\s*\[)")

# A text value is written in the file as it reads, but for line folding (which only
# adds spaces and line ends), a backslash escape in double quotes ("\x54ODO"), or a
# tag: !!binary gives bytes from base64, which the schema takes as text. A file with
# either sign is taken to hold anything (a "!" in prose only costs a closer look).
_SPELT_OTHERWISE = ("\\", "!")


def _resolve_plain(value: str) -> str:
    for tag, regexp in _IMPLICIT.get(value[:1], ()):
        if regexp.match(value):
            return tag
    return _STR


class _Loader(_BaseLoader):
    """The safe loader with a leaner tag resolver.

    The parser calls these three methods for every node. The inherited ones
    also handle path resolvers and wildcard resolvers, which the safe loader
    never registers; skipping that work, and remembering the tags of short
    scalars, makes parsing about 20% faster, with the same tags (the same
    implicit resolvers decide them).
    """

    def resolve(self, kind, value, implicit):
        if kind is ScalarNode:
            if implicit[0]:  # plain scalar: `12` is an int, `yes` a bool, `~` null...
                tag = _RESOLVED.get(value)
                if tag is None:
                    tag = _resolve_plain(value)
                    if len(value) <= 32:  # keys above all: the same few, in every file
                        _RESOLVED[value] = tag
                return tag
            return _STR
        return _SEQ if kind is SequenceNode else _MAP

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass


Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class YamlDocument:
    """A parsed YAML file: its data, and on demand the position of every key and value."""

    path: Path
    data: Any
    duplicate_keys: list[Loc] = field(default_factory=list)
    may_link: bool = True  # False: no text in it can hold a Markdown link (see _MAY_LINK)
    # False: no text in it can hold the placeholder load_yaml was given (see _may_hold).
    may_hold_placeholder: bool = True
    digest: str = field(default="", compare=False)  # the hash of its bytes, once read
    _values: dict[Loc, Position] | None = field(default=None, repr=False, compare=False)
    _keys: dict[Loc, Position] | None = field(default=None, repr=False, compare=False)

    @property
    def cacheable(self) -> bool:
        """Parsed by the plain pass with nothing to report: its data alone tells it all."""
        return self._values is None and not self.duplicate_keys

    def position(self, loc: Loc, *, key: bool = False) -> Position:
        """Where `loc` is, or where its nearest existing parent is."""
        if self._values is None or self._keys is None:
            try:
                positioned = _load_positioned(self.path)
            except (YamlSyntaxError, OSError, UnicodeDecodeError):  # changed since it was read
                positioned = YamlDocument(self.path, None, _values={}, _keys={})
            self._values, self._keys = positioned._values, positioned._keys
        while True:
            table = self._keys if key else self._values
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


class _NeedsPositions(Exception):
    """Raised by the fast pass for what only the positioned pass reports well."""


def safe_load(text: str) -> Any:
    """Plain data from trusted YAML (the package's own data files), with libyaml's
    fast loader where PyYAML has it."""
    return yaml.load(text, Loader=_BaseLoader)  # noqa: S506 (a safe loader)


def load_yaml(path: Path, raw: bytes | None = None, placeholder: str = "") -> YamlDocument:
    """Parse `path` (or its bytes `raw`, already read) safely: plain data only, no
    Python objects; positions come on demand. With a `placeholder`, the document
    notes whether any text in it could hold that text.

    Raises YamlSyntaxError for anything that is not plain catalog data, OSError
    or UnicodeDecodeError for a file that cannot be read as text.
    """
    text = _decode(read_yaml_bytes(path) if raw is None else raw)
    spelt_otherwise = any(sign in text for sign in _SPELT_OTHERWISE)
    may_link = spelt_otherwise or bool(_MAY_LINK.search(text))
    held = spelt_otherwise or not placeholder or _may_hold(text, placeholder)
    try:
        data = _parse(path, text, _plain)
    except _NeedsPositions:  # duplicate or unusual keys: the positioned pass names them
        return _load_positioned(path, text)
    return YamlDocument(path, data, may_link=may_link, may_hold_placeholder=held)


def _may_hold(text: str, part: str) -> bool:
    """Whether a text value read from the YAML `text` could hold `part`, escapes and
    tags aside (_SPELT_OTHERWISE): only if `text` holds it as written, or folding
    could make it (a `part` with a space or a line end)."""
    return part in text or any(c.isspace() for c in part)


def _load_positioned(path: Path, text: str | None = None) -> YamlDocument:
    """Parse `path` noting every position and duplicate key as it goes."""
    if text is None:
        text = _read_text(path)
    document = YamlDocument(path, None, _values={}, _keys={})
    document.data = _parse(path, text, lambda node, loader: _convert(node, (), document, loader))
    return document


def read_yaml_bytes(path: Path) -> bytes:
    """The bytes of a catalog file, refused if it is not a regular file or too large."""
    # Only regular files: a FIFO or a device named *.yaml would block or never end.
    if not path.is_file():
        raise YamlSyntaxError(path, Position(1, 1), "not a regular file")
    if path.stat().st_size > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // 1000
        raise YamlSyntaxError(path, Position(1, 1), f"file is larger than {limit} KB")
    return path.read_bytes()


def _read_text(path: Path) -> str:
    return _decode(read_yaml_bytes(path))


def _decode(raw: bytes) -> str:
    # As Path.read_text would: UTF-8, with \r\n and \r read as \n.
    return raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def _parse(path: Path, text: str, convert) -> Any:
    """Compose `text` into nodes and hand them to `convert`; YAML errors get a position."""
    loader = _Loader(text)
    try:
        if ("&" in text or "*" in text) and _ANCHOR_OR_ALIAS.search(text):
            _refuse_anchors(text)
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return convert(node, loader)
        except RecursionError:
            _refuse_depth(text)
            raise
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        position = Position(mark.line + 1, mark.column + 1) if mark else Position(1, 1)
        tab = _tab_near(text, position)
        if tab:
            message = "a tab character: YAML indents with spaces only; replace the tab with spaces"
            raise YamlSyntaxError(path, tab, message) from None
        problem = err.problem or err.context or "invalid YAML"
        plain = next((words for start, words in _PLAIN_YAML if problem.startswith(start)), None)
        if plain:
            raise YamlSyntaxError(path, position, plain) from None
        if err.problem and err.context and err.context_mark:
            problem += f" ({err.context} at line {err.context_mark.line + 1})"
        raise YamlSyntaxError(path, position, f"YAML syntax error: {problem}") from None
    except yaml.reader.ReaderError as err:  # e.g. a control character
        line = text.count("\n", 0, err.position)
        column = err.position - (text.rfind("\n", 0, err.position) + 1)
        code = err.character if isinstance(err.character, int) else ord(err.character)
        message = f"YAML error: character U+{code:04X} is not allowed"
        raise YamlSyntaxError(path, Position(line + 1, column + 1), message) from None
    except (yaml.YAMLError, RecursionError) as err:  # errors without marks
        raise YamlSyntaxError(path, Position(1, 1), f"YAML error: {err}") from None
    finally:
        loader.dispose()


# The parser's words for the usual slips, said as an editor would understand them.
_PLAIN_YAML = (
    (
        "mapping values are not allowed",
        "a second `: ` on this line: put a value holding a colon in quotes "
        '(`about: "Note: ..."`), or indent this key like the ones around it',
    ),
    (
        "did not find expected '-' indicator",
        "this line does not line up with the list above it: "
        "each item starts with `- ` at the same indentation",
    ),
    (
        "did not find expected key",
        "this line's indentation does not match the keys above it",
    ),
    (
        "could not find expected ':'",
        "a line without `key: value`: a missing colon, or text that should be in quotes",
    ),
    (
        "did not find expected ',' or ']'",
        "a list in brackets is not closed with `]`, or an item in it holds a comma or "
        "a colon: put such an item in quotes",
    ),
    (
        "did not find expected ',' or '}'",
        "a mapping in braces is not closed with `}`, or a value in it holds a comma: "
        "put such a value in quotes",
    ),
    (
        "found unexpected end of stream",
        "a quote (\" or ') is opened and never closed",
    ),
)


def _tab_near(text: str, position: Position) -> Position | None:
    """A tab in the indentation of the error's line or the line before it.

    libyaml reports a tab as a character "that cannot start any token" or that
    "violates indentation", sometimes a line late; editors need to hear "tab".
    """
    lines = text.split("\n")
    for number in (position.line, position.line - 1):
        if 1 <= number <= len(lines):
            line = lines[number - 1]
            indent = line[: len(line) - len(line.lstrip(" \t"))]
            if "\t" in indent:
                return Position(number, indent.index("\t") + 1)
    return None


def _refuse_anchors(text: str) -> None:
    """Anchors and aliases are refused: the catalog has no use for them, and a
    few hundred bytes of nested aliases expand to gigabytes (a "billion laughs")
    or, pointing at themselves, to no end at all."""
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, AliasEvent) or (isinstance(event, NodeEvent) and event.anchor):
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases (&name, *name) are not allowed in catalog files",
                problem_mark=event.start_mark,
            )


def _refuse_depth(text: str) -> None:
    """Point at where `text` nests deeper than MAX_DEPTH (read as events: no recursion)."""
    depth = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise yaml.MarkedYAMLError(
                    problem=f"nested too deeply (more than {MAX_DEPTH} levels)",
                    problem_mark=event.start_mark,
                )
        elif isinstance(event, CollectionEndEvent):
            depth -= 1


def _scalar(node: ScalarNode, loader: yaml.SafeLoader) -> Any:
    """A scalar that is not a plain string: `12`, `true`, `2026-01-01`, `!!binary ...`.

    The safe constructors can fail in many ways on odd values (a 30th of
    February, a float tag on a word, an integer of 5,000 digits); each becomes
    a YAML error at the value.
    """
    try:
        return loader.construct_object(node)
    except yaml.YAMLError:
        raise
    except Exception as err:  # any failure here is the value's fault
        problem = f"cannot read {node.value[:40]!r} as {node.tag.rsplit(':', 1)[-1]}"
        if isinstance(err, ValueError) and len(str(err)) < 60:  # e.g. day is out of range
            problem += f": {err}"
        raise yaml.MarkedYAMLError(problem=problem, problem_mark=node.start_mark) from None


def _plain(node: yaml.Node, loader: yaml.SafeLoader) -> Any:
    """Node tree to plain data, with string keys only and no duplicates.

    Strings (nearly every scalar) are taken as they are; anything else in a
    key is left to the positioned pass, which reports it.
    """
    cls = node.__class__
    if cls is ScalarNode:
        return node.value if node.tag == _STR else _scalar(node, loader)
    if cls is SequenceNode:
        return [_plain(item, loader) for item in node.value]
    if cls is MappingNode:
        mapping = {}
        for key_node, value_node in node.value:
            if key_node.tag != _STR or key_node.__class__ is not ScalarNode:
                raise _NeedsPositions
            mapping[key_node.value] = _plain(value_node, loader)
        if len(mapping) != len(node.value):
            raise _NeedsPositions  # a duplicate key
        return mapping
    raise _NeedsPositions


def _convert(node: yaml.Node, loc: Loc, document: YamlDocument, loader: yaml.SafeLoader):
    """Node tree to plain data in one pass, noting each key's and value's position."""
    mark = node.start_mark
    document._values[loc] = Position(mark.line + 1, mark.column + 1)
    if isinstance(node, ScalarNode):
        return node.value if node.tag == _STR else _scalar(node, loader)
    if isinstance(node, SequenceNode):
        return [_convert(item, (*loc, i), document, loader) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        mapping = {}
        for key_node, value_node in node.value:
            key_mark = key_node.start_mark
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise yaml.MarkedYAMLError(
                    problem="merge keys (<<) are not supported", problem_mark=key_node.start_mark
                )
            if key_node.tag != _STR or not isinstance(key_node, ScalarNode):
                raise yaml.MarkedYAMLError(problem=_key_problem(key_node), problem_mark=key_mark)
            key = key_node.value
            child = (*loc, key)
            if key in mapping:
                document.duplicate_keys.append(child)
            document._keys[child] = Position(key_mark.line + 1, key_mark.column + 1)
            mapping[key] = _convert(value_node, child, document, loader)
        return mapping
    raise yaml.MarkedYAMLError(problem=f"unsupported node {node.tag}", problem_mark=mark)


def _key_problem(key_node: yaml.Node) -> str:
    if not isinstance(key_node, ScalarNode):
        return "a key must be text, not a list or a mapping"
    kind = key_node.tag.rsplit(":", 1)[-1]
    return f"key {key_node.value[:40]!r} is read as {kind}, not text: put it in quotes"


def format_loc(loc: Loc) -> str:
    """`('rounds', 2, 'duration')` -> `rounds[2].duration`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(file)"
