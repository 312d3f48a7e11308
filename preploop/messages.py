"""Plain words for what pydantic finds wrong in a catalog file.

Editors are not programmers: "Input should be a valid dictionary or instance
of Range" becomes "duration must be a range such as `{min: 30, max: 45}`".
Each kind of error the catalog's models can raise has its own sentence here;
`tests/test_catalog.py` checks that every one of them is covered.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any

# How a mapping of each model is written, for "must be ... such as ...".
EXAMPLES = {
    "Range": "a range such as `{min: 30, max: 45}`",
    "Source": "a source such as `{name: levels.fyi, url: https://www.levels.fyi, as_of: "
    "2026-01-31}`, or null",
}

_SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def plain_message(error: dict[str, Any]) -> str:
    """One sentence for one pydantic error (a dict from `ValidationError.errors()`)."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    name = _subject(error["loc"])
    writer = _WRITERS.get(kind)
    if writer is not None:
        return writer(name, value, ctx)
    # Not one we know: pydantic's own words, with the value it got.
    message = str(error["msg"])
    return f"{name}: {message[0].lower()}{message[1:]}{_got(value)}"


def _subject(loc: tuple) -> str:
    """What the sentence is about: `duration`, `an item of follow_ups`, `the key 'X Y'`."""
    parts = list(loc)
    if parts and parts[-1] == "[key]":
        return f"the key {parts[-2]!r}" if len(parts) > 1 else "a key"
    if parts and isinstance(parts[-1], int):
        field = next((p for p in reversed(parts) if isinstance(p, str)), None)
        return f"each item of {field}" if field else "each item"
    return str(parts[-1]) if parts else "the file"


def _shown(value: Any) -> str:
    """A value as the editor wrote it in YAML, short."""
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a set of keys"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _got(value: Any) -> str:
    return "" if isinstance(value, dict | list) else f" (got {_shown(value)})"


def _model_type(name: str, value: Any, ctx: dict) -> str:
    shape = EXAMPLES.get(ctx.get("class_name", ""))
    if shape:
        return f"{name} must be {shape}, not {_shown(value)}"
    return f"{name} must be a set of `key: value` lines indented below it, not {_shown(value)}"


def _string_type(name: str, value: Any, ctx: dict) -> str:
    if value is None:
        return f"{name} is empty: write a value after the colon"
    if isinstance(value, dict | list):
        return f"{name} must be text, not {_shown(value)}"
    # 12, true, 2026-01-31: YAML read them as numbers, yes/no or dates.
    return f"{name} must be text: put {_shown(value)} in quotes"


def _pattern(name: str, value: Any, ctx: dict) -> str:
    if ctx.get("pattern") == _SLUG_PATTERN:
        return (
            f"{name} must be an id of lower-case letters, digits and single hyphens, "
            f"such as `product-sense`, not {_shown(value)}"
        )
    return f"{name} does not have the expected form (got {_shown(value)})"


def _literal(name: str, value: Any, ctx: dict) -> str:
    allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
    message = f"{name} must be one of {', '.join(allowed)}, not {_shown(value)}"
    close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
    return message + (f" (did you mean '{close[0]}'?)" if close else "")


def _date(name: str, value: Any, ctx: dict) -> str:
    reason = f": {ctx['error']}" if "outside expected range" in str(ctx.get("error", "")) else ""
    return f"{name} must be a date written YYYY-MM-DD, such as 2026-01-31, not {_shown(value)}" + (
        reason
    )


def _items(count: Any) -> str:
    return f"{count} item" + ("" if count == 1 else "s")


_WRITERS = {
    "model_type": _model_type,
    "model_attributes_type": _model_type,
    "dict_type": lambda n, v, c: f"{n} must be a set of `key: value` lines, not {_shown(v)}",
    "list_type": lambda n, v, c: f"{n} must be a list (lines starting with `- `), not {_shown(v)}",
    "string_type": _string_type,
    "string_too_short": lambda n, v, c: f"{n} must not be empty",
    "string_too_long": lambda n, v, c: (
        f"{n} is {len(str(v))} characters long: the limit is {c.get('max_length')}"
    ),
    "string_pattern_mismatch": _pattern,
    "int_type": lambda n, v, c: f"{n} must be a whole number, not {_shown(v)}",
    "int_parsing": lambda n, v, c: f"{n} must be a whole number, not {_shown(v)}",
    "int_from_float": lambda n, v, c: f"{n} must be a whole number, not {_shown(v)}",
    "greater_than": lambda n, v, c: f"{n} must be more than {c.get('gt')}, not {_shown(v)}",
    "greater_than_equal": lambda n, v, c: f"{n} must be {c.get('ge')} or more, not {_shown(v)}",
    "less_than": lambda n, v, c: f"{n} must be less than {c.get('lt')}, not {_shown(v)}",
    "less_than_equal": lambda n, v, c: f"{n} must be {c.get('le')} or less, not {_shown(v)}",
    "literal_error": _literal,
    "too_short": lambda n, v, c: (
        f"{n} needs at least {_items(c.get('min_length'))}, "
        f"has {c.get('actual_length', len(v) if isinstance(v, list) else 0)}"
    ),
    "too_long": lambda n, v, c: (
        f"{n} may have at most {_items(c.get('max_length'))}, has {c.get('actual_length')}"
    ),
    "date_type": _date,
    "date_parsing": _date,
    "date_from_datetime_parsing": _date,
    "date_from_datetime_inexact": _date,
    "value_error": lambda n, v, c: f"{n}: {c.get('error', 'is not valid')}",
    "control_character": lambda n, v, c: (
        f"{n} holds a control character (U+{c.get('code')}) that no page can show: remove it"
    ),
    "web_url": lambda n, v, c: (
        f"{n} must be an http(s) address such as https://example.com" + _got(v)
    ),
}

# The error kinds the catalog's models can raise (see tests): `missing` and
# `extra_forbidden` are worded by the catalog itself, with "did you mean".
HANDLED = frozenset(_WRITERS) | {"missing", "extra_forbidden"}
