"""Reported interviews and pay: from a form export to the catalog's figures.

`importer` turns a CSV export into the sorted files under `companies/`
(`store`), `aggregate` turns those files into per-role figures when the
catalog loads. Thresholds and header patterns are data, in `settings.yaml`.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

SETTINGS_FILE = Path(__file__).with_name("settings.yaml")


@functools.cache
def settings() -> dict:
    """The thresholds and word lists in settings.yaml."""
    return yaml.safe_load(SETTINGS_FILE.read_text(encoding="utf-8"))
