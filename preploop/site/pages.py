"""Turn the catalog into site pages: paths, Markdown and metadata.

Nothing here imports MkDocs. The adapter in `plugin.py` hands these pages to
MkDocs; another engine would need only another adapter.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urljoin

import yaml
from markdown.extensions.toc import slugify
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict

from preploop.catalog import Catalog, RoleEntry
from preploop.model import Company
from preploop.site import structured_data
from preploop.site.freshness import LastUpdated
from preploop.templating import (
    THEME_DIR,
    environment,
    markdown_text,
    money,
    ranked_questions,
)

COMPANIES_GRID_MARKER = "<!-- prep:companies -->"
SAMPLE_REPORT_MARKER = "<!-- prep:sample-report -->"
ORDER_MARKER = "<!-- prep:order -->"


class ReportOffer(BaseModel):
    """The report's terms, from `extra.report` in mkdocs.yml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    price: int
    currency: str = "USD"
    pages: str
    delivery: str
    guarantee: str
    order_url: str
    email: str
    contents: list[str]

    @property
    def price_label(self) -> str:
        return money(self.price, self.currency, short=False)


_MARKER = "<!--prep-{}-{}-->"
_MARKER_PATTERN = re.compile(r"<!--prep-(heading|block)-(\d+)-->")


@dataclass(frozen=True)
class Heading:
    level: int
    text: str  # plain text
    id: str

    @property
    def markdown(self) -> str:
        return f"{'#' * self.level} {markdown_text(self.text)} {{ #{self.id} }}"

    @property
    def html(self) -> str:
        """The heading's text as HTML."""
        return html_text(self.text)


@dataclass(frozen=True)
class Block:
    html: str
    searchable: bool = False  # in the page text that search indexes, not added after


class _PageParts:
    """Collects a page's headings and HTML blocks, leaving a marker in the text for each.

    Markdown engines parse raw HTML blocks (MkDocs does it twice), which would
    cost more than everything else on a role page, so blocks stay out of the
    Markdown. Headings are kept apart too: a page made only of headings and
    blocks needs no Markdown engine at all (see `Page.html`).

    Used from templates as `{{ heading(2, "Pay by level", "pay") }}` and
    `{% call stash() %}...{% endcall %}`. A block that is the same on many
    pages, such as a company's principles on each of its role pages, names a
    key, `{% call stash(reuse=key) %}`, and is rendered once per key in
    `shared`. `stash(search=True)` keeps a block in what search indexes.
    """

    def __init__(self, shared: dict | None = None) -> None:
        self.headings: list[Heading] = []
        self.blocks: list[Block] = []
        self.shared = shared if shared is not None else {}

    def heading(self, level: int, text: str, id: str | None = None) -> Markup:
        self.headings.append(Heading(level, text, id or slugify(text, "-")))
        return Markup(_MARKER.format("heading", len(self.headings) - 1))

    def stash(self, caller, reuse=None, search: bool = False) -> Markup:
        if reuse is None:
            html = str(caller()).strip()
        elif reuse in self.shared:
            html = self.shared[reuse]
        else:
            html = self.shared[reuse] = str(caller()).strip()
        self.blocks.append(Block(html, search))
        return Markup(_MARKER.format("block", len(self.blocks) - 1))


@dataclass(frozen=True)
class Page:
    src_path: str  # e.g. "companies/netflix/product-manager.md"
    title: str
    description: str
    body: str  # Markdown, in which headings and HTML blocks may stand as markers
    headings: tuple[Heading, ...] = ()  # what each heading marker stands for
    blocks: tuple[Block, ...] = ()  # what each block marker stands for
    source: Path | None = None  # the YAML file the page comes from
    breadcrumbs: tuple[tuple[str, str], ...] = ()  # (name, site-relative url)
    meta: dict = field(default_factory=dict)

    def _fill(self, text: str, heading, block) -> str:
        def replace(match: re.Match) -> str:
            index = int(match.group(2))
            if match.group(1) == "heading":
                return heading(self.headings[index])
            return block(self.blocks[index], match.group(0))

        return _MARKER_PATTERN.sub(replace, text)

    def markdown_body(self) -> str:
        """The body as Markdown, with markers left for the blocks search should not see."""
        return self._fill(self.body, lambda h: h.markdown, _searchable_inline)

    def html(self, heading_html) -> str | None:
        """The body as HTML, markers left as in `markdown_body`, with `heading_html(heading)`.

        None when the body has more than headings and blocks: then it needs a
        Markdown engine.
        """
        if _MARKER_PATTERN.sub("", self.body).strip():
            return None
        markers = "\n".join(line for line in self.body.splitlines() if line)  # as Markdown joins
        return self._fill(markers, heading_html, _searchable_inline)

    def fill_blocks(self, text: str) -> str:
        """Put the HTML blocks back in place of their markers (in Markdown or HTML)."""
        return self._fill(text, lambda h: h.markdown, lambda b, marker: b.html)

    @property
    def standalone_markdown(self) -> str:
        """The page as one self-contained Markdown file, for engines without the adapter."""
        return self.fill_blocks(self.markdown)

    @property
    def url(self) -> str:
        return page_url(self.src_path)

    @property
    def front_matter(self) -> dict:
        """The page's metadata, as Markdown engines read it from front matter.

        Themes print a page's title and description as HTML (mkdocs-material
        puts them in <title>, the header, meta tags and the search index
        unescaped), so they are HTML here, as are the breadcrumb names; the
        structured data and card text in `meta` stay plain: JSON and images.
        """
        return {
            "title": html_text(self.title),
            "description": html_text(self.description),
            "breadcrumbs": [[html_text(name), url] for name, url in self.breadcrumbs],
            **self.meta,
        }

    @property
    def markdown(self) -> str:
        """The body with front matter, as MkDocs or any Markdown engine reads it."""
        front = yaml.safe_dump(self.front_matter, sort_keys=False, allow_unicode=True)
        return f"---\n{front}---\n\n{self.markdown_body()}"


def html_text(text: str) -> str:
    """Plain text made safe as HTML text or an attribute value: the one escape for
    catalog data that the theme prints."""
    return html.escape(text, quote=True)


def _searchable_inline(block: Block, marker: str) -> str:
    return block.html if block.searchable else marker


def card_path(src_path: str) -> str:
    """Where a page's social card image goes, relative to the site root."""
    return "assets/cards/" + src_path.removesuffix(".md") + ".jpg"


def page_url(src_path: str) -> str:
    """Directory-style URL of a Markdown source path, relative to the site root."""
    stem = src_path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_url(from_url: str, to_url: str) -> str:
    """Link from one directory-style page URL to another."""
    target = posixpath.relpath(to_url or ".", from_url or ".")
    if target == ".":
        return "./"
    return target if target.endswith("/") or "." in target.rsplit("/", 1)[-1] else target + "/"


def company_src(company: Company) -> str:
    return f"companies/{company.slug}/index.md"


def role_src(entry: RoleEntry) -> str:
    return f"companies/{entry.company.slug}/{entry.role.slug}.md"


INDEX_SRC = "companies/index.md"


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
    ):
        self.catalog = catalog
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
        self.updated = LastUpdated(catalog)
        self.sample_pdf: str | None = None  # the sample report, relative to the site root

    def pages(self) -> list[Page]:
        pages = [self.index_page()]
        for company in self.catalog.companies:
            pages.append(self.company_page(company))
            pages.extend(self.role_page(entry) for entry in self._roles_of[company.slug])
        from preploop.site.compare import comparison_pages  # it builds on this module

        pages.extend(comparison_pages(self))
        from preploop.site import whatsnew  # it builds on this module too

        self.changes = whatsnew.changes(self.catalog)  # the page and the feed show them
        pages.append(whatsnew.whats_new_page(self, self.changes))
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
        meta = self._meta(
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
        parts = _PageParts()
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
            _clip(description),
            body,
            tuple(parts.headings),
            tuple(parts.blocks),
            breadcrumbs=crumbs,
            meta=self._meta(src, crumbs, title, card, updated=self.updated.company(company)),
        )

    def role_page(self, entry: RoleEntry) -> Page:
        company, role = entry.company, entry.role
        src = role_src(entry)
        url = page_url(src)
        parts = _PageParts(self._shared_blocks)
        body = self._role_template.render(
            heading=parts.heading,
            stash=parts.stash,
            company=company,
            role=role,
            questions=ranked_questions(role.questions),
            areas=role.prep_plan or entry.family.prep_areas,
            offer=self.offer,
            order_href=self.order_href(url, entry),
            sample_href=relative_url(url, self.sample_pdf) if self.sample_pdf else None,
            compare_href=relative_url(url, f"roles/{entry.family.slug}/"),
            updated=self.updated.role(entry),
        )
        description = (
            f"{company.name} {role.title} interview: {len(role.rounds)} rounds, culture weighs "
            f"{company.culture.weight}%, {role.process.weeks} weeks. The principles, the most "
            f"frequent questions, a prep plan and pay by level."
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
            f"{len(role.rounds)} rounds · culture {company.culture.weight}% · "
            f"{role.process.weeks} weeks",
        )
        subject = f"{company.name} {role.title}"
        meta = self._meta(
            src, crumbs, f"{subject} interview", card, updated=self.updated.role(entry)
        )
        order = urljoin(urljoin(self.site_url, url), self.order_href(url, entry))
        meta["structured_data"] += [
            structured_data.faq_page(entry),
            structured_data.report_product(
                self.offer, self.site_name, urljoin(self.site_url, url), order, subject
            ),
        ]
        return Page(
            src,
            title,
            _clip(description),
            body,
            tuple(parts.headings),
            tuple(parts.blocks),
            source=entry.path,
            breadcrumbs=crumbs,
            meta=meta,
        )

    def _meta(
        self,
        src: str,
        crumbs: tuple,
        heading: str,
        card: tuple[str, str, str],
        updated: dt.date | None = None,
    ) -> dict:
        """Structured data and social card shared by every generated page.

        The breadcrumb trail ends with the page itself, named as its heading;
        `updated` is the page's visible "Last updated" date, as `dateModified`.
        """
        trail = [*crumbs, (heading, page_url(src))]
        data = [structured_data.breadcrumb_list(self.site_url, trail)]
        if updated is not None:
            url = urljoin(self.site_url, page_url(src))
            data.append(structured_data.web_page(heading, url, updated))
        return {"structured_data": data, "card": {"image": card_path(src), "text": list(card)}}

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


def _clip(text: str, limit: int = 160) -> str:
    """Search engines show about 160 characters of a description."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def _split_front_matter(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body.lstrip()
