"""The preview's page cache: a page whose inputs did not change since the last reload is
neither made from the catalog nor rendered by the theme again.

`mkdocs serve` rebuilds the whole site on every save (about 5 s at 1,000 roles). It
keeps our plugin across rebuilds (it has `on_startup`), so the cache lives in memory,
in the plugin, for the preview's life; nothing of it is written to disk.

Two levels, each keyed by a hash of everything its output is made from:

- a generated page (`Page`: title, body, blocks) by its *input key*: the bytes of its
  role, company and family files (as hashed when the catalog is read), its reported
  figures and dates, and the *site inputs* every page shares: the plugin's whole
  package (code, data files, templates), mkdocs.yml as loaded, the list of catalog
  files, library versions. A company page's key holds its roles' keys.
- the HTML file MkDocs writes for it, and the search index entries it adds, by that
  input key and the *site output key*: every file of the build and its address, the
  nav, the configuration as loaded, the theme folders, the hand-written pages.

Being conservative costs a rebuild, never a stale page: anything shared by many
pages goes into the keys of all of them (adding a role, editing a template or a
family renders everything again).
"""

from __future__ import annotations

import copyreg
import hashlib
import importlib.metadata
import io
import pickle
import sys
import types
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from preploop.catalog import COMPANY_FILE, Catalog, RoleEntry
from preploop.model import Company
from preploop.site.page import Page, PageContext, company_src, role_src

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # preploop/: code, data files, theme
LIBRARIES = ("mkdocs", "mkdocs-material", "jinja2", "markdown", "pydantic", "pyyaml")


class _Pickler(pickle.Pickler):
    # Read-only mappings (the figures' tables) pickled as the dicts they show: only hashed.
    dispatch_table = {
        **copyreg.dispatch_table,
        types.MappingProxyType: lambda m: (dict, (dict(m),)),
    }


def digest(*parts: object) -> str:
    """A hash of `parts`, as pickled (strings, numbers, dates, dataclasses, models...).
    Equal pickles mean equal values; the reverse may fail (shared objects pickle
    apart), which costs a rebuild, never a stale page."""
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(parts)
    return hashlib.blake2b(buffer.getvalue(), digest_size=16).hexdigest()


def folder_digest(folder: Path) -> str:
    """A hash of every file's name and bytes under `folder` (bytecode left out).

    Read whole each time: the plugin's package is 6.5 MB, 15 ms, and a size-and-date
    check could miss a same-size save within the file system's clock tick."""
    hasher = hashlib.blake2b(digest_size=16)
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                hasher.update(f"{path.relative_to(folder)}\0".encode())
                hasher.update(hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
    return hasher.hexdigest()


def versions() -> tuple[str, ...]:
    """Python's and the libraries' versions: an upgrade renders every page again."""
    found = [sys.version]
    for name in LIBRARIES:
        try:
            found.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name} none")
    return tuple(found)


@dataclass(frozen=True)
class Output:
    """What MkDocs made of one page: its file (left in the preview's folder, see
    preview_folder) and the search index entries it added."""

    key: str
    entries: list[dict] | None


@dataclass
class PageCache:
    """Generated pages and their built files, by key, from one rebuild to the next."""

    pages: dict[str, tuple[str, Page]] = field(default_factory=dict)  # src -> (key, Page)
    outputs: dict[str, Output] = field(default_factory=dict)  # src -> what MkDocs made of it
    # What the current build did, for the log and for tests: the sources of the pages
    # made from the catalog, and of those MkDocs rendered.
    made: list[str] = field(default_factory=list)
    rendered: list[str] = field(default_factory=list)
    site_inputs: str = ""  # this build's key of the inputs every generated page shares
    site_output: str = ""  # this build's key of what every built page shares

    def start(self, site_inputs: str) -> None:
        """A new build: its shared inputs' key, and counts from zero."""
        self.site_inputs, self.site_output = site_inputs, ""
        self.made, self.rendered = [], []

    def page(self, src: str, key: str | None, make: Callable[[], Page]) -> Page:
        """The page for `src` as made last time from the same inputs, or `make()` (always
        when `key` is None: its inputs could not all be hashed)."""
        known = self.pages.get(src)
        if key is not None and known is not None and known[0] == key:
            return known[1]
        page = make()
        self.pages[src] = (key, page)
        self.made.append(src)
        return page

    def keep_only(self, sources: Iterable[str]) -> None:
        """Forget pages that this build does not have (a role removed, renamed)."""
        wanted = set(sources)
        for store in (self.pages, self.outputs):
            for src in [src for src in store if src not in wanted]:
                del store[src]

    def input_key(self, src: str) -> str | None:
        """The input key of `src` as made in this build (None: not a cached kind)."""
        known = self.pages.get(src)
        return known[0] if known is not None else None

    def output_key(self, src: str) -> str | None:
        """The key of `src`'s built file in this build, once `site_output` is set."""
        inputs = self.input_key(src)
        if inputs is None or not self.site_output:
            return None
        return f"{inputs} {self.site_output}"  # two hashes: asked for every page, not hashed

    def output(self, src: str) -> Output | None:
        """What MkDocs made of `src` from the same inputs, if it did."""
        key = self.output_key(src)
        found = self.outputs.get(src)
        return found if key is not None and found is not None and found.key == key else None


def role_key(context: PageContext, site_inputs: str, entry: RoleEntry) -> str | None:
    """A role page's input key: its files' bytes, figures and dates, and the site inputs.
    None when a file's hash is unknown: the page is then made afresh."""
    files = context.catalog.digests
    own = files.get(entry.path), files.get(entry.path.parent / COMPANY_FILE)
    if None in own or not site_inputs:
        return None
    reported = context.figures.of(entry)
    return digest(site_inputs, role_src(entry), *own, reported, context.updated.role(entry))


def company_key(
    context: PageContext, site_inputs: str, company: Company, own: str | None, role_keys: list
) -> str | None:
    """A company page's input key: its file's hash (`own`), its roles' keys and its date."""
    if own is None or None in role_keys or not site_inputs:
        return None
    src = company_src(company)
    return digest(site_inputs, src, own, role_keys, context.updated.company(company))


def company_digests(catalog: Catalog) -> dict[str, str]:
    """The hash of each company's file, by slug (its folder's name, as the catalog checks)."""
    return {
        path.parent.name: catalog.digests[path]
        for path in catalog.files
        if path.name == COMPANY_FILE and path in catalog.digests
    }
