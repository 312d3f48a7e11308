"""Which companies and roles are not finished yet, and the catalog without them.

A company or role whose data still holds a `prep new` placeholder (TODO, as
catalog/placeholder.yaml has it), or a role with too few rounds or questions
(thresholds in publishing.yaml), is a draft: `mkdocs serve` shows it so editors
can preview it, `mkdocs build` leaves it out, with every page that would link
to it none the wiser.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from pydantic import BaseModel, Field

from preploop.catalog import COMPANY_FILE, Catalog, RoleEntry
from preploop.catalog.placeholder import placeholder
from preploop.model import Company
from preploop.tunables import Tunables, load_tunables

SETTINGS_FILE = Path(__file__).with_name("publishing.yaml")


class Publishing(Tunables):
    """`publishing.yaml`: what a page needs before a build publishes it."""

    min_rounds: int = Field(2, description="Rounds a role page needs.")
    min_questions: int = Field(3, description="Questions a role page needs.")
    placeholder_domains: list[str] = Field(
        default_factory=list,
        description="Domains that stand in for real ones (a name or a last label).",
    )


def settings() -> Publishing:
    return load_tunables(SETTINGS_FILE, Publishing)


def _placeholder_fields(model: BaseModel) -> list[str]:
    pattern = re.compile(placeholder().pattern)
    text = model.model_dump_json()
    # Most files are finished: a plain substring test first (a regex is slower on long text).
    if placeholder().text not in text or not pattern.search(text):
        return []
    found: list[str] = []

    def walk(value, where: str) -> None:
        if isinstance(value, str):
            if pattern.search(value):
                found.append(where)
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{where}.{key}" if where else str(key))
        elif isinstance(value, list | tuple):
            for index, item in enumerate(value):
                walk(item, f"{where}[{index}]")

    walk(model.model_dump(), "")
    return found


def _placeholders(fields: list[str]) -> str:
    """ "placeholder text in summary, rewards, levels[0].code and 9 more fields"."""
    more = f" and {len(fields) - 3} more fields" if len(fields) > 3 else ""
    return f"placeholder text in {', '.join(fields[:3])}{more}"


def _count(items: list, noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def company_reasons(company: Company, may_hold: bool = True) -> list[str]:
    """Why `company` is a draft; `may_hold` False: its file cannot hold the placeholder."""
    fields = _placeholder_fields(company) if may_hold else []
    return [_placeholders(fields)] if fields else []


def role_reasons(entry: RoleEntry, may_hold: bool = True) -> list[str]:
    role = entry.role
    reasons = []
    fields = _placeholder_fields(role) if may_hold else []
    if fields:
        reasons.append(_placeholders(fields))
    if len(role.rounds) < settings().min_rounds:
        reasons.append(f"{_count(role.rounds, 'round')} (a page needs {settings().min_rounds})")
    if len(role.questions) < settings().min_questions:
        needed = settings().min_questions
        reasons.append(f"{_count(role.questions, 'question')} (a page needs {needed})")
    return reasons


def drafts(catalog: Catalog) -> dict[str, list[str]]:
    """Draft files (as the catalog names them) with why each is one."""
    found = {}
    draft_companies = set()
    # Dumping every model to search it was most of this (0.06 s at 1,000 roles); the
    # catalog knows which files cannot hold the placeholder. A company's file is
    # <slug>/company.yaml (the catalog checks the folder is named by the slug).
    free = catalog.placeholder_free
    free_companies = {path.parent.name for path in free if path.name == COMPANY_FILE}
    for company in catalog.companies:
        reasons = company_reasons(company, company.slug not in free_companies)
        if reasons:
            draft_companies.add(company.slug)
            found[f"{company.slug}/company.yaml"] = reasons
    for entry in catalog.roles:
        reasons = role_reasons(entry, entry.path not in free)
        if entry.company.slug in draft_companies:
            reasons = [*reasons, "its company is a draft"]
        if reasons:
            found[f"{entry.company.slug}/{entry.path.name}"] = reasons
    return found


def published(catalog: Catalog, found: dict[str, list[str]] | None = None) -> Catalog:
    """The catalog without its drafts (`found`, if `drafts` was already asked), nor
    companies left with no role: what `mkdocs build` publishes."""
    found = drafts(catalog) if found is None else found
    companies = tuple(c for c in catalog.companies if f"{c.slug}/company.yaml" not in found)
    kept = {c.slug for c in companies}
    roles = tuple(
        e
        for e in catalog.roles
        if e.company.slug in kept and f"{e.company.slug}/{e.path.name}" not in found
    )
    with_roles = {e.company.slug for e in roles}
    companies = tuple(c for c in companies if c.slug in with_roles)
    return dataclasses.replace(catalog, companies=companies, roles=roles)


def unpublished_lines(catalog: Catalog, companies_dir: Path) -> list[str]:
    """What `prep check` says after "ok": each draft and each company left without a
    published role, with why, so an editor is never told "ok" about a page that will
    not appear."""
    found = drafts(catalog)
    kept = {c.slug for c in published(catalog, found).companies}
    lines = [
        f"draft, not published: {companies_dir / name}: {'; '.join(reasons)}"
        for name, reasons in found.items()
    ]
    for company in catalog.companies:
        name = f"{company.slug}/company.yaml"
        if company.slug not in kept and name not in found:
            lines.append(
                f"not published: {companies_dir / name}: "
                + ("every role of it is a draft" if catalog.roles_of(company.slug) else "no role")
            )
    if lines:
        lines.append("(`prep serve` previews drafts; `mkdocs build` leaves them out)")
    return lines
