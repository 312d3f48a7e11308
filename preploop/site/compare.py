"""Comparison pages: one per role family, every company's loop for it side by side.

Engine-free, like `pages.py`: each comparison is a `Page` of headings and HTML
blocks, at `roles/<family>/`.
"""

from __future__ import annotations

from dataclasses import dataclass

from preploop.catalog import RoleEntry
from preploop.figures.aggregate import RoleFigures
from preploop.model import RoleFamily
from preploop.site.page import (
    INDEX_SRC,
    Page,
    PageContext,
    PageParts,
    clip,
    page_meta,
    page_url,
    relative_url,
    role_src,
)
from preploop.templating import money


def family_src(family_slug: str) -> str:
    return f"roles/{family_slug}/index.md"


def family_url(family_slug: str) -> str:
    return page_url(family_src(family_slug))


@dataclass(frozen=True)
class Row:
    """One company's loop for the family, with what the table prints."""

    entry: RoleEntry
    href: str  # to the role page, relative to the comparison page
    counted: RoleFigures | None = None  # from companies/<company>/reports.csv

    @property
    def pay_range(self) -> str:
        pay = self.entry.role.pay
        if pay is None:
            return ""
        totals = [row.total for row in pay.rows]
        low, high = money(min(totals), pay.currency), money(max(totals), pay.currency)
        return low if low == high else f"{low} to {high}"

    @property
    def reports(self) -> str:
        """Reports counted in the catalog, else a sourced count ("2,600+"); "" when none."""
        role = self.entry.role
        if self.counted:
            return f"{self.counted.count:,}"
        if role.interviews_reported:
            return f"{role.interviews_reported.count:,}+"
        return ""


def comparison_pages(builder: PageContext) -> list[Page]:
    """A page for every role family that at least one company has."""
    by_family: dict[str, list[RoleEntry]] = {}
    for entry in builder.catalog.roles:
        by_family.setdefault(entry.family.slug, []).append(entry)
    template = builder.env.get_template("pages/compare.md.j2")
    return [
        comparison_page(builder, template, builder.catalog.families[slug], entries)
        for slug, entries in sorted(by_family.items())
    ]


def comparison_page(builder: PageContext, template, family: RoleFamily, entries) -> Page:
    src = family_src(family.slug)
    url = page_url(src)
    entries = sorted(entries, key=lambda e: (e.company.name.lower(), e.role.title.lower()))
    rows = [
        Row(entry, relative_url(url, page_url(role_src(entry))), builder.figures.of(entry).summary)
        for entry in entries
    ]
    parts = PageParts()
    updated = max(builder.updated.role(entry) for entry in entries)
    body = template.render(
        heading=parts.heading,
        stash=parts.stash,
        updated=updated,
        family=family,
        rows=rows,
        companies_href=relative_url(url, page_url(INDEX_SRC)),
    )
    companies = sorted({entry.company.name for entry in entries})
    title = f"{family.name} interviews compared"
    description = clip(
        f"{family.name} interview loops at {len(companies)} companies side by side: "
        f"culture weight, rounds, process length, levels and pay. {', '.join(companies)}."
    )
    crumbs = (("Home", ""), ("Companies", page_url(INDEX_SRC)))
    card = (
        title,
        f"{len(companies)} companies side by side",
        "culture weight · rounds · weeks · pay",
    )
    meta = page_meta(builder.site_url, src, crumbs, title, card, updated=updated)
    meta["hide"] = ["navigation", "toc"]  # one wide table: it gets the whole width
    return Page(
        src,
        title,
        description,
        body,
        tuple(parts.headings),
        tuple(parts.blocks),
        breadcrumbs=crumbs,
        meta=meta,
    )
