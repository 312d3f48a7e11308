"""When each page's data last changed: the "Last updated" date and `dateModified`.

A page is as fresh as the newest of: the last commit that touched its YAML
files (one `git log` for the whole catalog; uncommitted edits do not count,
so a build is reproducible from a commit), the dates its sources were read
(`as_of`), and its latest reported interview.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterable
from pathlib import Path

from preploop.catalog import Catalog, RoleEntry
from preploop.figures.aggregate import RoleFigures
from preploop.figures.index import NO_FIGURES, Figures
from preploop.model import Company

# Dates by (HEAD's commit, folder, files): a commit changes HEAD, nothing else changes dates.
_KNOWN: dict[tuple, dict[Path, dt.date]] = {}


def commit_dates(paths: Iterable[Path]) -> dict[Path, dt.date]:
    """The date of the last commit touching each file; empty outside a git checkout."""
    resolve = _Resolver()
    paths = [resolve(Path(p)) for p in paths]
    if not paths:
        return {}
    folder = paths[0].parent
    try:
        top, _, head = (
            subprocess.run(
                ["git", "rev-parse", "--show-toplevel", "HEAD"],
                cwd=folder,
                capture_output=True,
                text=True,
                timeout=10,
                check=True,
            )
            .stdout.strip()
            .partition("\n")
        )
        # The history up to HEAD says it all: the preview's rebuilds ask again and again.
        key = (head, str(folder.parent), frozenset(paths))
        if key in _KNOWN:
            return dict(_KNOWN[key])
        log = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--", "."],
            cwd=folder.parent,
            capture_output=True,
            text=True,
            timeout=30,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    wanted = set(paths)
    dates: dict[Path, dt.date] = {}
    current = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            current = dt.date.fromisoformat(line[1:])
        elif line and current is not None:
            path = resolve(Path(top) / line)
            if path in wanted and path not in dates:  # newest commit first
                dates[path] = current
    if len(_KNOWN) >= 4:  # the catalog's files and the hand-written pages: two sets
        _KNOWN.clear()
    _KNOWN[key] = dates
    return dict(dates)


class _Resolver:
    """`Path.resolve`, each folder resolved once: a catalog's thousand files sit in a
    hundred folders, and resolving every file took 0.1 s of a preview's reload."""

    def __init__(self) -> None:
        self.folders: dict[Path, Path] = {}

    def __call__(self, path: Path) -> Path:
        if path.is_symlink() or path.name in ("", ".", ".."):
            return path.resolve()
        folder = self.folders.get(path.parent)
        if folder is None:
            folder = self.folders[path.parent] = path.parent.resolve()
        return folder / path.name


class LastUpdated:
    """Last-updated dates for the catalog's pages, worked out once per build."""

    def __init__(self, catalog: Catalog, figures: Figures = NO_FIGURES):
        commits = commit_dates(catalog.files)
        own: dict[str, dt.date] = {}
        for company in catalog.companies:
            culture = company.culture
            dates = [culture.principles_source.as_of]
            if culture.weight_source:
                dates.append(culture.weight_source.as_of)
            own[company.slug] = max(dates)
        for path, date in commits.items():
            if path.name == "company.yaml" and path.parent.name in own:
                own[path.parent.name] = max(own[path.parent.name], date)
        resolve = _Resolver()
        self._roles = {
            entry.key: self._role(
                entry, own, commits.get(resolve(entry.path)), figures.of(entry).summary
            )
            for entry in catalog.roles
        }
        self._companies = dict(own)
        for (slug, _), date in self._roles.items():
            self._companies[slug] = max(self._companies[slug], date)
        self.site = max(self._companies.values(), default=dt.date(2000, 1, 1))

    def role(self, entry: RoleEntry) -> dt.date:
        return self._roles[entry.key]

    def company(self, company: Company) -> dt.date:
        return self._companies[company.slug]

    @staticmethod
    def _role(
        entry: RoleEntry,
        own: dict[str, dt.date],
        commit: dt.date | None,
        reported: RoleFigures | None,
    ) -> dt.date:
        role = entry.role
        dates = [own[entry.company.slug]]
        if commit is not None:  # the role file's last commit
            dates.append(commit)
        if role.pay and role.pay.source:
            dates.append(role.pay.source.as_of)
        if role.interviews_reported and role.interviews_reported.source:
            dates.append(role.interviews_reported.source.as_of)
        if reported is not None:
            dates.append(reported.last)
        return max(dates)
