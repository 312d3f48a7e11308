"""Find, load, validate and cross-check the YAML catalog under `companies/`.

Every problem is collected, not just the first, and each one points at a file,
line and column, so an editor can fix a whole file in one pass.
"""

from __future__ import annotations

import types
from dataclasses import dataclass, field
from pathlib import Path

from preploop.catalog.checks import (
    RESERVED_SLUGS,
    check_company,
    check_family_questions,
    check_intents,
    check_links,
    check_role,
    check_slug,
    duplicate,
    load_model,
    salvage,
)
from preploop.catalog.files import Reads, collector_paused, read_files
from preploop.catalog.model_memo import ModelMemo
from preploop.catalog.parse_cache import ParseCache
from preploop.catalog.placeholder import placeholder
from preploop.catalog.problems import CatalogError, Problem, did_you_mean, display_path
from preploop.model import Company, Role, RoleFamily
from preploop.yamlsource import YamlDocument

__all__ = [
    "COMPANY_FILE",
    "FAMILIES_DIR",
    "RESERVED_SLUGS",
    "Catalog",
    "CatalogError",
    "Problem",
    "RoleEntry",
    "did_you_mean",
    "load_catalog",
]

FAMILIES_DIR = "_roles"
COMPANY_FILE = "company.yaml"


@dataclass(frozen=True)
class RoleEntry:
    """One role page's data: the role with its company and family."""

    company: Company
    role: Role
    family: RoleFamily
    path: Path

    @property
    def key(self) -> tuple[str, str]:
        return (self.company.slug, self.role.slug)


@dataclass(frozen=True)
class Catalog:
    companies: tuple[Company, ...]
    roles: tuple[RoleEntry, ...]
    families: types.MappingProxyType[str, RoleFamily]
    files: tuple[Path, ...]
    # The hash of each file's bytes, as read (the preview's page cache keys pages by them).
    digests: types.MappingProxyType[Path, str] = field(
        default_factory=lambda: types.MappingProxyType({}), compare=False
    )
    # Company and role files whose text cannot hold the placeholder (catalog.placeholder):
    # the drafts test need not search their models. Empty (a catalog made by hand): all may.
    placeholder_free: frozenset[Path] = field(default=frozenset(), compare=False)

    def company(self, slug: str) -> Company:
        for company in self.companies:
            if company.slug == slug:
                return company
        known = [company.slug for company in self.companies]
        raise KeyError(f"unknown company '{slug}'{did_you_mean(slug, known)}")

    def roles_of(self, company_slug: str) -> list[RoleEntry]:
        return [entry for entry in self.roles if entry.company.slug == company_slug]

    def role(self, company_slug: str, role_slug: str) -> RoleEntry:
        for entry in self.roles:
            if entry.key == (company_slug, role_slug):
                return entry
        self.company(company_slug)  # an unknown company is named as such
        known = [entry.role.slug for entry in self.roles_of(company_slug)]
        hint = did_you_mean(role_slug, known)
        raise KeyError(f"no role '{role_slug}' at '{company_slug}'{hint}")


def load_catalog(root: Path, memo: ModelMemo | None = None) -> Catalog:
    """Load `root` (the `companies/` folder). Raises CatalogError listing every problem.

    `memo` keeps validated models between loads in one process (see model_memo)."""
    with collector_paused():
        try:
            return _load_catalog(Path(root), memo)
        finally:
            if memo is not None:
                memo.finish()


def _load_catalog(root: Path, memo: ModelMemo | None) -> Catalog:
    problems: list[Problem] = []
    if not root.is_dir():
        raise CatalogError(
            [Problem(display_path(root), 1, 1, "(folder)", "catalog folder not found")]
        )

    family_paths = sorted((root / FAMILIES_DIR).glob("*.yaml"))
    for stray in sorted(root.glob("**/*.yml")):  # silently skipped otherwise
        problems.append(
            Problem(display_path(stray), 1, 1, "(file)", "rename to .yaml to include it")
        )
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("_"))
    role_paths = {
        folder: sorted(p for p in folder.glob("*.yaml") if p.name != COMPANY_FILE)
        for folder in folders
    }
    company_paths = {f: f / COMPANY_FILE for f in folders if (f / COMPANY_FILE).exists()}
    # Listed in the order they are checked below, so checking starts while
    # later files are still being parsed.
    in_order = [*family_paths]
    for folder in folders:
        if folder in company_paths:
            in_order.append(company_paths[folder])
        in_order += role_paths[folder]
    read = Reads(read_files(in_order, ParseCache.beside(root, placeholder().text)))

    families: dict[str, RoleFamily] = {}
    family_docs: dict[str, YamlDocument] = {}
    unreadable: list[str] = []  # families with problems of their own
    for path in family_paths:
        doc, family = load_model(read[path], RoleFamily, problems, memo)
        if family is None:
            unreadable.append(path.stem)
            continue
        problems.extend(check_slug(doc, family.slug, path.stem, "file name"))
        problems.extend(check_links(doc, family))
        problems.extend(check_family_questions(family, doc))
        if family.slug in families:
            duplicate(problems, doc, "role family", family.slug, family_docs[family.slug])
            continue
        families[family.slug] = family
        family_docs[family.slug] = doc

    # A role naming a family whose file has errors is not told the family is
    # unknown as well: those errors are reported already, and its intents unchecked.
    checkable: dict[str, RoleFamily | None] = {**dict.fromkeys(unreadable), **families}

    companies: list[Company] = []
    company_docs: dict[str, YamlDocument] = {}
    digests = {doc.path: doc.digest for doc in family_docs.values()}
    roles: list[RoleEntry] = []
    free: set[Path] = set()
    for folder in folders:
        if folder not in company_paths:
            problems.append(
                Problem(display_path(folder), 1, 1, "(folder)", f"missing {COMPANY_FILE}")
            )
            continue
        doc, company = load_model(read[company_paths[folder]], Company, problems, memo)
        if company is not None and company.slug in company_docs:
            duplicate(problems, doc, "company", company.slug, company_docs[company.slug])
            continue
        # A file with schema errors is still cross-checked as far as its data
        # allows, so editors see every problem at once, not in rounds.
        known_company = company or salvage(doc.data, Company)
        if company is not None:
            problems.extend(check_slug(doc, company.slug, folder.name, "folder name"))
            problems.extend(check_links(doc, company))
            problems.extend(check_company(company, doc))
            company_docs[company.slug] = doc
            digests[doc.path] = doc.digest
            companies.append(company)
            if not doc.may_hold_placeholder:
                free.add(doc.path)

        role_docs: dict[str, YamlDocument] = {}
        for role_path in role_paths[folder]:
            role_doc, role = load_model(read[role_path], Role, problems, memo)
            if role is None:
                salvaged = salvage(role_doc.data, Role)
                if salvaged is not None:
                    problems.extend(check_role(salvaged, role_doc, known_company, checkable))
                    problems.extend(
                        check_intents(salvaged, role_doc, known_company, doc, checkable)
                    )
                continue
            if role.slug in role_docs:
                duplicate(problems, role_doc, "role", role.slug, role_docs[role.slug])
                continue
            role_docs[role.slug] = role_doc
            digests[role_path] = role_doc.digest
            problems.extend(check_slug(role_doc, role.slug, role_path.stem, "file name"))
            problems.extend(check_links(role_doc, role))
            family = families.get(role.family)
            problems.extend(check_role(role, role_doc, known_company, checkable))
            problems.extend(check_intents(role, role_doc, known_company, doc, checkable))
            if company is None:
                continue
            if family is not None:
                roles.append(RoleEntry(company, role, family, role_path))
                if not role_doc.may_hold_placeholder:
                    free.add(role_path)

    read.finish()  # every file was asked for by now; this saves the parse cache
    if problems:
        raise CatalogError(problems)
    companies.sort(key=lambda c: c.name.lower())
    roles.sort(key=lambda e: (e.company.name.lower(), e.role.title.lower()))
    files = tuple(d.path for d in [*family_docs.values(), *company_docs.values()])
    return Catalog(
        companies=tuple(companies),
        roles=tuple(roles),
        families=types.MappingProxyType(families),
        files=files + tuple(entry.path for entry in roles),
        digests=types.MappingProxyType(digests),
        placeholder_free=frozenset(free),
    )
