"""An analysis read back from its JSON file (`--from-analysis`, the review app): bounded
before it is parsed, validated against its schema, and checked that its parts name each
other. Every problem becomes a `ReportError` naming the file and the field.
"""

from __future__ import annotations

import json
import math
import re
import stat
from pathlib import Path

from pydantic import ValidationError

from preploop.errors import ReportError
from preploop.report.findings import Analysis, broken_references
from preploop.report.readers import MAX_CHARS

# An analysis.json from `--analysis-out` is about 70 KB, 6 levels deep, lists of at
# most a few dozen items; staff corrections stay far below these caps.
MAX_ANALYSIS_BYTES = 2 * 1024 * 1024
MAX_JSON_DEPTH = 16
MAX_JSON_STRING = MAX_CHARS  # the job description's full text is the longest string
MAX_JSON_LIST = 100
MAX_FIELD_CHARS = {"candidate": 200}


class AnalysisProblems(ReportError):
    """An analysis file's problems (`field: what is wrong`): one is the error itself;
    several are a line each, then their count, so staff fix them all in one go."""

    def __init__(self, path: Path, problems: list[str]):
        self.lines = [f"{path}: {problem}" for problem in problems]
        count = f"{path}: {len(problems)} problems in the analysis"
        super().__init__(count if len(problems) > 1 else self.lines[0])

    def details(self) -> list[str]:
        return self.lines if len(self.lines) > 1 else []


def load_analysis(path: Path) -> Analysis:
    """Read an analysis back (e.g. after staff corrected it), validated against its schema.

    Before the schema, a generic walk checks what the schema cannot: the file's
    size, nesting depth, finite numbers, and the length of every string and list.
    """
    path = Path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise ReportError(f"{path}: not a regular file")
        if info.st_size > MAX_ANALYSIS_BYTES:
            raise ReportError(
                f"{path}: file is too large ({info.st_size / 1024**2:.1f} MB): "
                f"the limit is {MAX_ANALYSIS_BYTES // 1024**2} MB"
            )
        with path.open("rb") as handle:
            raw = handle.read(MAX_ANALYSIS_BYTES + 1)
        data = json.loads(raw.decode("utf-8"))  # NaN and Infinity: caught by the walk
    except FileNotFoundError:
        raise ReportError(f"{path}: file not found") from None
    except RecursionError:
        raise ReportError(f"{path}: nested deeper than {MAX_JSON_DEPTH} levels") from None
    except (OSError, UnicodeDecodeError, ValueError) as err:  # JSONDecodeError is a ValueError
        raise ReportError(f"{path}: not a readable JSON analysis: {one_line(err)}") from None
    problem = json_problem(data)
    if problem:
        raise ReportError(f"{path}: {problem}")
    try:
        analysis = Analysis.model_validate(data)
    except ValidationError as err:
        raise AnalysisProblems(path, _problems(err.errors(include_url=False))) from None
    if problems := broken_references(analysis):
        raise AnalysisProblems(path, problems)
    return analysis


def _said(error: dict) -> str:
    return f"{'.'.join(str(part) for part in error['loc']) or '(top)'}: {one_line(error['msg'])}"


# pydantic names the kind it tried for a field that takes several ("str", "list[str]").
_KIND_TRIED = re.compile(r"^(str|int|float|bool|list\[.*\]|dict\[.*\])$")


def _problems(errors: list[dict]) -> list[str]:
    """One line per field: a value no kind of a field's kinds accepts is one problem, not
    one per kind tried."""
    found: dict[str, str] = {}
    for error in errors:
        loc = error["loc"]
        cut = next(
            (i for i, p in enumerate(loc) if isinstance(p, str) and _KIND_TRIED.match(p)), None
        )
        if cut is None:
            found.setdefault(_said(error), _said(error))
            continue
        field = ".".join(str(part) for part in loc[:cut]) or "(top)"
        found.setdefault(field, f"{field}: not a kind of value this field takes")
    return list(found.values())


_SURROGATE = re.compile("[\ud800-\udfff]")


def json_problem(value: object, where: str = "", depth: int = 0) -> str | None:
    """The first value outside the caps, as 'field: problem', or None.

    Fields are named as pydantic names them (`stories.0.title`), so both kinds of
    problem read alike.
    """
    name = where or "(top)"
    if depth > MAX_JSON_DEPTH:
        return f"{name}: nested deeper than {MAX_JSON_DEPTH} levels"
    if isinstance(value, float) and not math.isfinite(value):
        return f"{name}: {value} is not a finite number"
    if isinstance(value, str):
        limit = MAX_FIELD_CHARS.get(where, MAX_JSON_STRING)
        if len(value) > limit:
            return f"{name}: text of {len(value)} characters: the limit is {limit}"
        if _SURROGATE.search(value):  # JSON's "\ud800" escape: no character, cannot be printed
            return f"{name}: not valid text (a lone surrogate)"
    if isinstance(value, list):
        if len(value) > MAX_JSON_LIST:
            return f"{name}: {len(value)} items: the limit is {MAX_JSON_LIST}"
        items = ((f"{where}.{i}" if where else str(i), item) for i, item in enumerate(value))
    elif isinstance(value, dict):
        if len(value) > MAX_JSON_LIST:
            return f"{name}: {len(value)} keys: the limit is {MAX_JSON_LIST}"
        if any(_SURROGATE.search(key) for key in value):
            return f"{name}: a key that is not valid text (a lone surrogate)"
        items = ((f"{where}.{key}" if where else str(key), item) for key, item in value.items())
    else:
        return None
    for child_where, child in items:
        problem = json_problem(child, child_where, depth + 1)
        if problem:
            return problem
    return None


def one_line(error: object) -> str:
    return " ".join(str(error).split())[:300]
