"""Reading and saving one analysis under review: hash checks, atomic writes, a change log."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path

from pydantic import ValidationError

from preploop.report.analysis_file import json_problem, load_analysis
from preploop.report.findings import Analysis, broken_references
from preploop.report.pipeline import ReportError, analysis_json
from preploop.review.settings import settings


class ReviewError(ReportError):
    """An edit refused; the file is left as it was."""


STALE = "the file changed since this page was loaded: reload it; nothing saved"
CONFLICT = (
    "the file changed since this page was loaded, and the other save changed what this "
    "one changes: nothing saved; make these changes again on the page as it is now"
)
MERGED = "saved: another save came first, and the changes of both are kept"


class Stale(ReviewError):
    """Another tab or person saved first: nothing is written over their work."""


def orders(path: Path) -> list[Path]:
    """The analyses under review: the file itself, or every order's JSON in a batch folder."""
    if path.is_file():
        return [path]
    return sorted(p for p in path.glob("*.json") if not p.name.endswith(".original.json"))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def state(path: Path) -> str:
    marker = path.with_suffix(".state")
    return marker.read_text().strip() if marker.exists() else "to review"


def set_state(path: Path, value: str) -> None:
    _write(path.with_suffix(".state"), value.encode())


def save(path: Path, analysis: Analysis, expected_hash: str, changes: list[dict]) -> None:
    """Write `analysis` over `path` if the file is still what the form was made from."""
    if digest(path) != expected_hash:
        raise Stale(STALE)
    data = json.loads(analysis_json(analysis))
    problem = json_problem(data)
    if problem:
        raise ReviewError(problem)
    try:  # edits set fields one by one: the whole must still fit the schema
        broken = broken_references(Analysis.model_validate(data))
    except ValidationError as err:
        first = err.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ReviewError(f"{where}: {first['msg']}; nothing saved") from None
    if broken:  # and its parts must still name each other (a risk dropped, a question)
        raise ReviewError(f"{broken[0]}; nothing saved")
    original = path.with_name(path.stem + ".original.json")
    current = path.read_bytes()
    if not original.exists():  # the machine's own version, kept once so changes are a diff
        _write(original, current)
    _keep_version(path, current)  # a page still open on it can be merged later
    _write(path, analysis_json(analysis))
    load_analysis(path)  # what was written reads back
    log_changes(path, changes)


def versions_dir(path: Path) -> Path:
    return path.with_name(path.stem + ".versions")


def version(path: Path, expected_hash: str) -> Analysis | None:
    """The analysis a page was made from, by the hash it carries: the file itself, or a
    version kept when a save replaced it; None when it is no longer kept."""
    if digest(path) == expected_hash:
        return load_analysis(path)
    if not re.fullmatch(r"[0-9a-f]{64}", expected_hash):  # never a path from a form
        return None
    kept = versions_dir(path) / f"{expected_hash}.json"
    if not kept.exists() or digest(kept) != expected_hash:
        return None
    return load_analysis(kept)


def _keep_version(path: Path, data: bytes) -> None:
    """Keep the bytes a save replaces, named by their hash (owner-only), the latest
    `keep_versions` of them."""
    folder = versions_dir(path)
    folder.mkdir(mode=0o700, exist_ok=True)
    _write(folder / f"{hashlib.sha256(data).hexdigest()}.json", data)
    kept = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in kept[settings().keep_versions :]:
        old.unlink(missing_ok=True)


def change_log(path: Path) -> Path:
    return path.with_name(path.stem + ".review.jsonl")


def log_changes(path: Path, changes: list[dict]) -> None:
    """Append to the order's change log (owner-only): the corrections, as data."""
    fd = os.open(change_log(path), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        for change in changes:
            handle.write(json.dumps(change, ensure_ascii=False) + "\n")


def _write(path: Path, data: bytes) -> None:
    """Atomic and owner-only: a temp file beside it, fsynced, renamed over."""
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
