"""Every tunable file (the report's method, its lexicons and word lists, the PDF
reader's thresholds, publishing and import settings) loads here: YAML into a
pydantic model whose fields carry defaults and descriptions.

A file that does not fit its model (a misspelt key, `on` read as a boolean where a
word was meant, a number where a list is) stops with one line naming the file and
the field, instead of changing behaviour in silence.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from preploop.errors import UserError
from preploop.yamlsource import safe_load


class Tunables(BaseModel):
    """Base of every tunable model: unknown keys are errors, values are read-only."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    def __getitem__(self, key: str):
        """`settings["pay"]["min_sample"]` reads the typed field, as a dict would."""
        return getattr(self, key.replace("-", "_"))


T = TypeVar("T", bound=Tunables)


class TunablesError(UserError):
    """A tunable file that cannot be read or does not fit its model."""


def load_tunables(path: Path, model: type[T]) -> T:
    """`path` read as `model`, once per process (the files ship with the package)."""
    # Asked thousands of times in a build: an absolute path is its own key (resolving it,
    # or even copying it with Path(), showed in profiles); a relative one depends on the
    # folder, so resolve it.
    path = path if isinstance(path, Path) else Path(path)
    return _load(path if path.is_absolute() else path.resolve(), model)


@functools.cache
def _load(path: Path, model: type[T]) -> T:
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise TunablesError(f"{path}: cannot read ({err})") from None
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top)"
        raise TunablesError(f"{path}: {where}: {first['msg']}") from None
