"""Turn the catalog into site pages: paths, Markdown and metadata.

Nothing here imports MkDocs. The adapter in `plugin.py` hands these pages to
MkDocs; another engine would need only another adapter.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import urlencode, urljoin

import yaml

from preploop.catalog import Catalog, RoleEntry
from preploop.figures import settings as figure_settings
from preploop.figures.index import NO_FIGURES, Figures
from preploop.model import Company
from preploop.report.bank import report_scope
from preploop.site import compare, structured_data, whatsnew
from preploop.site.freshness import LastUpdated
from preploop.site.ordering import ReportOffer
from preploop.site.page import (
    INDEX_SRC,
    Page,
    PageParts,
    clip,
    company_src,
    page_meta,
    page_url,
    relative_url,
    role_src,
)
from preploop.site.page_cache import PageCache, company_digests, company_key, role_key
from preploop.site.workers import forked_map
from preploop.templating import (
    THEME_DIR,
    environment,
    ranked_questions,
)

COMPANIES_GRID_MARKER = "<!-- prep:companies -->"
SAMPLE_REPORT_MARKER = "<!-- prep:sample-report -->"
ORDER_MARKER = "<!-- prep:order -->"
ORDER_BUTTON_MARKER = "<!-- prep:order-button -->"


class PageBuilder:
    """Renders catalog pages with the shared section templates."""

    def __init__(
        self,
        catalog: Catalog,
        offer: ReportOffer,
        theme_dir: Path = THEME_DIR,
        *,
        site_name: str = "PrepLoop",
        site_url: str = "",
        figures: Figures = NO_FIGURES,
    ):
        self.catalog = catalog
        self.figures = figures
        self.offer = offer
        self.site_name = site_name
        self.site_url = site_url
        self.env = environment(theme_dir)
        self._role_template = self.env.get_template("pages/role.md.j2")
        self._company_template = self.env.get_template("pages/company.md.j2")
        self._roles_of: dict[str, list[RoleEntry]] = {c.slug: [] for c in catalog.companies}
        for entry in catalog.roles:  # grouped once: Catalog.roles_of scans every role
            self._roles_of[entry.company.slug].append(entry)
        self._shared_blocks: dict = {}  # blocks that many pages show alike, by key
        self.updated = LastUpdated(catalog, figures)
        self.sample_pdf: str | None = None  # the sample report, relative to the site root

    def pages(
        self, changes: list[whatsnew.Change], workers: int = 1, cache: PageCache | None = None
    ) -> list[Page]:
        """Every generated page; `changes` are what the What's new page lists.

        The role pages, most of the work, are made by `workers` processes; with a
        `cache` (the preview's), role and company pages whose inputs are unchanged
        come from it instead.
        """
        entries = [entry for c in self.catalog.companies for entry in self._roles_of[c.slug]]
        if cache is not None:
            return self._cached_pages(changes, entries, cache)
        role_pages = iter(forked_map(self.role_page, entries, workers))
        pages = [self.index_page()]
        for company in self.catalog.companies:
            pages.append(self.company_page(company))
            pages.extend(next(role_pages) for _ in self._roles_of[company.slug])
        pages.extend(compare.comparison_pages(self))
        pages.append(whatsnew.whats_new_page(self, changes))
        return pages

    def _cached_pages(self, changes, entries: list[RoleEntry], cache: PageCache) -> list[Page]:
        """`pages`, in the same order, role and company pages taken from `cache` when their
        input keys match. The pages that show the whole catalog are made every time."""
        inputs, files = cache.site_inputs, company_digests(self.catalog)
        role_pages = iter(
            cache.page(role_src(e), role_key(self, inputs, e), partial(self.role_page, e))
            for e in entries
        )
        pages = [self.index_page()]
        for company in self.catalog.companies:
            roles = [next(role_pages) for _ in self._roles_of[company.slug]]
            keys = [cache.input_key(page.src_path) for page in roles]
            key = company_key(self, inputs, company, files.get(company.slug), keys)
            pages.append(cache.page(company_src(company), key, partial(self.company_page, company)))
            pages.extend(roles)
        pages.extend(compare.comparison_pages(self))
        pages.append(whatsnew.whats_new_page(self, changes))
        cache.keep_only(page.src_path for page in pages)
        return pages

    def index_page(self) -> Page:
        url = page_url(INDEX_SRC)
        text = self.env.get_template("pages/index.md.j2").render(
            companies=self._company_items(url),
            role_count=len(self.catalog.roles),
            families=self._families(url),
            updated=self.updated.site,
        )
        front, body = _split_front_matter(text)
        crumbs = (("Home", ""),)
        meta = page_meta(
            self.site_url,
            INDEX_SRC,
            crumbs,
            front["title"],
            (front["title"], front["description"], ""),
            updated=self.updated.site,
        )
        return Page(
            INDEX_SRC, front["title"], front["description"], body, breadcrumbs=crumbs, meta=meta
        )

    def company_page(self, company: Company) -> Page:
        src = company_src(company)
        url = page_url(src)
        roles = [
            _Link(entry, relative_url(url, page_url(role_src(entry))))
            for entry in self._roles_of[company.slug]
        ]
        parts = PageParts()
        body = self._company_template.render(
            company=company,
            roles=roles,
            heading=parts.heading,
            stash=parts.stash,
            compare_href=lambda family: relative_url(url, f"roles/{family.slug}/"),
            updated=self.updated.company(company),
        )
        titles = ", ".join(link.role.title for link in roles)
        description = (
            f"How {company.name} interviews: its {len(company.principles)} culture principles, "
            f"what interviewers look for in each, and prep guides for {titles}."
        )
        title = f"{company.name} interview guides"
        crumbs = (("Home", ""), ("Companies", page_url(INDEX_SRC)))
        card = (
            title,
            f"{company.culture.name}: {len(company.principles)} principles",
            f"{len(roles)} roles · culture weighs {company.culture.weight}%",
        )
        return Page(
            src,
            title,
            clip(description),
            body,
            tuple(parts.headings),
            tuple(parts.blocks),
            breadcrumbs=crumbs,
            meta=page_meta(
                self.site_url, src, crumbs, title, card, updated=self.updated.company(company)
            ),
        )

    def role_page(self, entry: RoleEntry) -> Page:
        company, role = entry.company, entry.role
        src = role_src(entry)
        url = page_url(src)
        parts = PageParts(self._shared_blocks)
        reported = self.figures.of(entry)
        scope = report_scope(company, role, entry.family)
        shows_pay = role.pay is not None or any(level.shown for level in reported.pay)
        body = self._role_template.render(
            scope=scope,
            family=entry.family,
            min_reports=figure_settings()["frequency"]["min_reports"],
            heading=parts.heading,
            stash=parts.stash,
            company=company,
            role=role,
            reported=reported,
            questions=ranked_questions(role.questions, reported),
            areas=role.prep_plan or entry.family.prep_areas,
            offer=self.offer,
            order_href=self.order_href(url, entry),
            sample_href=relative_url(url, self.sample_pdf) if self.sample_pdf else None,
            compare_href=relative_url(url, f"roles/{entry.family.slug}/"),
            updated=self.updated.role(entry),
        )
        weeks = f", {role.process.weeks} weeks" if role.process.weeks else ""
        # Say only what the page shows: pay by level only where it has pay figures.
        shown = (
            "the most frequent questions, a prep plan and pay by level"
            if shows_pay
            else "the most frequent questions and a prep plan"
        )
        description = (
            f"{company.name} {role.title} interview: {len(role.rounds)} rounds, culture weighs "
            f"{company.culture.weight}%{weeks}. The principles, {shown}."
        )
        title = f"{company.name} {role.title} interview guide"
        crumbs = (
            ("Home", ""),
            ("Companies", page_url(INDEX_SRC)),
            (company.name, page_url(company_src(company))),
        )
        card = (
            title,
            f"What {company.name} looks for: {company.culture.name}",
            f"{len(role.rounds)} rounds · culture {company.culture.weight}%"
            + (f" · {role.process.weeks} weeks" if role.process.weeks else ""),
        )
        subject = f"{company.name} {role.title}"
        meta = page_meta(
            self.site_url,
            src,
            crumbs,
            f"{subject} interview",
            card,
            updated=self.updated.role(entry),
        )
        order = urljoin(urljoin(self.site_url, url), self.order_href(url, entry))
        meta["structured_data"] += [
            structured_data.faq_page(entry),
            structured_data.report_product(
                self.offer, self.site_name, urljoin(self.site_url, url), order, subject, scope
            ),
        ]
        return Page(
            src,
            title,
            clip(description),
            body,
            tuple(parts.headings),
            tuple(parts.blocks),
            source=entry.path,
            breadcrumbs=crumbs,
            meta=meta,
        )

    def updated_line(self, updated: dt.date) -> str:
        """The visible "Last updated" line, as generated pages show it."""
        return self.env.get_template("sections/updated.html").render(updated=updated)

    def order_href(self, from_url: str, entry: RoleEntry) -> str:
        query = urlencode({"company": entry.company.slug, "role": entry.role.slug})
        target = self.offer.order_url
        if not re.match(r"^[a-z]+:", target):
            target = relative_url(from_url, target.lstrip("/"))
        return f"{target}?{query}"

    def companies_grid(self, from_url: str) -> str:
        """The home page's grid of companies, linked relative to `from_url`."""
        return self.env.get_template("pages/grid.html").render(
            companies=self._company_items(from_url)
        )

    def sample_block(self, from_url: str, previews: list, order) -> str:
        """The report page's look inside the sample report: its PDF and page previews."""
        pdf = relative_url(from_url, self.sample_pdf)
        folder = pdf.rsplit("/", 1)[0] + "/" if "/" in pdf else ""
        entry = self.catalog.role(order.company, order.role)
        return self.env.get_template("pages/sample.html").render(
            pdf=pdf, folder=folder, previews=previews, candidate=order.name, entry=entry
        )

    def order_button(self, from_url: str) -> str:
        """The call to order on a hand-written page (the report page): to the order page."""
        return self.env.get_template("pages/order_button.html").render(
            offer=self.offer, href=relative_url(from_url, self.offer.order_url.lstrip("/"))
        )

    def order_steps(self, from_url: str) -> str:
        """The order page's steps, with the name of every role a role page may ask for."""
        roles = {
            f"{entry.company.slug}/{entry.role.slug}": f"{entry.company.name} {entry.role.title}"
            for entry in self.catalog.roles
        }
        return self.env.get_template("pages/order.html").render(
            offer=self.offer,
            roles=roles,
            companies_href=relative_url(from_url, page_url(INDEX_SRC)),
            script_href=relative_url(from_url, "assets/javascripts/order.js"),
        )

    def _families(self, from_url: str) -> list[tuple]:
        """Each role family with a role in the catalog, and a link to its comparison page."""
        slugs = sorted({entry.family.slug for entry in self.catalog.roles})
        return [
            (self.catalog.families[slug], relative_url(from_url, f"roles/{slug}/"))
            for slug in slugs
        ]

    def _company_items(self, from_url: str) -> list[dict]:
        items = []
        for company in self.catalog.companies:
            roles = [
                _Link(entry, relative_url(from_url, page_url(role_src(entry))))
                for entry in self._roles_of[company.slug]
            ]
            href = relative_url(from_url, page_url(company_src(company)))
            items.append({"company": company, "href": href, "roles": roles})
        return items


@dataclass(frozen=True)
class _Link:
    entry: RoleEntry
    href: str

    @property
    def role(self):
        return self.entry.role


def _split_front_matter(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body.lstrip()
