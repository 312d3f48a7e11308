"""What every generated page is made of: headings, HTML blocks, the page itself,
its URL and the metadata (structured data, social card) that each one carries.

Page kinds (`pages` for the index, company and role pages; `compare`; `whatsnew`)
build on this module and on nothing of one another's.
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol
from urllib.parse import urljoin

import jinja2
import yaml
from markdown.extensions.toc import slugify
from markupsafe import Markup

from preploop.catalog import Catalog, RoleEntry
from preploop.figures.index import Figures
from preploop.model import Company
from preploop.richtext import markdown_text
from preploop.site import structured_data
from preploop.site.freshness import LastUpdated


class PageContext(Protocol):
    """What a page kind needs from the site being built (`pages.PageBuilder` is one)."""

    catalog: Catalog
    figures: Figures
    env: jinja2.Environment
    site_url: str
    updated: LastUpdated


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
    """An HTML block, kept compressed: a page's blocks wait from when the page is made
    until MkDocs writes it, every page's at once (190 MB of HTML at 10,000 roles, a
    third of that compressed; 0.2 ms a page to compress and expand)."""

    packed: bytes  # the HTML as UTF-8, zlib-compressed
    searchable: bool = False  # in the page text that search indexes, not added after

    @staticmethod
    def pack(html: str) -> bytes:
        return zlib.compress(html.encode(), 1)

    @property
    def html(self) -> str:
        return zlib.decompress(self.packed).decode()


class PageParts:
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
            packed = Block.pack(str(caller()).strip())
        elif reuse in self.shared:
            packed = self.shared[reuse]
        else:
            packed = self.shared[reuse] = Block.pack(str(caller()).strip())
        self.blocks.append(Block(packed, search))
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
        if not self.is_html:
            return None
        markers = "\n".join(line for line in self.body.splitlines() if line)  # as Markdown joins
        return self._fill(markers, heading_html, _searchable_inline)

    @property
    def is_html(self) -> bool:
        """Made of headings and blocks alone: `html` gives it without a Markdown engine."""
        return not _MARKER_PATTERN.sub("", self.body).strip()

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


def clip(text: str, limit: int = 160) -> str:
    """Search engines show about 160 characters of a description."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


def page_meta(
    site_url: str,
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
    data = [structured_data.breadcrumb_list(site_url, trail)]
    if updated is not None:
        url = urljoin(site_url, page_url(src))
        data.append(structured_data.web_page(heading, url, updated))
    return {"structured_data": data, "card": {"image": card_path(src), "text": list(card)}}
