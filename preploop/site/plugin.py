"""The MkDocs adapter: hands catalog pages to MkDocs. All page logic is in `pages.py`."""

from __future__ import annotations

import datetime as dt
import logging
import sys
import types
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

import jinja2
import mkdocs.commands.build as mkdocs_build
from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext
from pydantic import ValidationError

from preploop.catalog import Catalog, CatalogError, load_catalog
from preploop.figures.index import NO_FIGURES, Figures, load_figures
from preploop.figures.store import StoreFileError
from preploop.site import (
    drafts,
    search_file,
    search_text,
    search_words,
    structured_data,
    whatsnew,
    workers,
)
from preploop.site.cards import SocialCards
from preploop.site.collector import Collector
from preploop.site.freshness import commit_dates
from preploop.site.headings import HeadingShapes
from preploop.site.heap import give_back_free_memory
from preploop.site.ordering import placeholders
from preploop.site.page import INDEX_SRC, Page, card_path, role_src
from preploop.site.page_cache import PageCache
from preploop.site.pages import (
    COMPANIES_GRID_MARKER,
    ORDER_BUTTON_MARKER,
    ORDER_MARKER,
    SAMPLE_REPORT_MARKER,
    PageBuilder,
    ReportOffer,
)
from preploop.site.problems import problems_panel, with_panel
from preploop.site.reload import Reload, watch_file_events
from preploop.site.sample_report import SampleOrder, SampleReport, pdf_href
from preploop.site.search_cache import SearchCache
from preploop.templating import THEME_DIR, template_code_cache

log = logging.getLogger("mkdocs.plugins.prep")
SEARCH_SCRIPT = "assets/javascripts/search.js"  # in the theme

# Stands for the page's title in a theme block shared by many pages (see shared_block).
TITLE_SLOT = "prepsharedpagetitle7f3a"
# Folders of the theme that hold our own templates and report assets, not site files.
PRIVATE_THEME_FOLDERS = ("pages/", "sections/", "report/")


class SampleReportConfig(Config):
    """The fictional order whose real report the site publishes as its sample."""

    name = config_options.Type(str, default="Jordan Rivera")
    company = config_options.Type(str, default="netflix")
    role = config_options.Type(str, default="product-manager")
    resume = config_options.Type(str, default="examples/strong-pm/resume.pdf")
    job = config_options.Type(str, default="examples/strong-pm/job.txt")


class CatalogPluginConfig(Config):
    companies_dir = config_options.Type(str, default="companies")
    sample_report = config_options.SubConfig(SampleReportConfig)


class CatalogPlugin(BasePlugin[CatalogPluginConfig]):
    """Adds one page per company and role from the YAML catalog.

    Hooks run in MkDocs' order: on_startup (serve or build), on_config, then per
    build on_pre_build (load the catalog, make the pages), on_files, on_nav, on_env,
    per page on_page_markdown, on_page_content, on_page_context, on_post_page, and
    on_post_build or on_build_error, which let go of the build's state.
    """

    def __init__(self) -> None:
        super().__init__()
        # For the plugin's life: set in on_config and on_startup.
        self.companies_dir = Path("companies")
        self.theme_dir = THEME_DIR
        self.offer: ReportOffer | None = None
        self.serving = False  # `mkdocs serve`: previews drafts and survives a broken catalog
        self.last_good: Catalog | None = None  # the last catalog that loaded while serving
        self.reload: Reload | None = None  # while serving: what rebuilds keep (see reload.py)
        self.collector = Collector()
        self._reset_build()

    def _reset_build(self) -> None:
        """The state of one build, set from on_pre_build on and let go when it ends."""
        self.problems = ""  # the preview's problem panel, while the catalog is broken
        self.content_dates: dict[str, dt.date] | None = None
        self.catalog: Catalog | None = None
        self.builder: PageBuilder | None = None
        self.changes: list[whatsnew.Change] = []
        self.headings: HeadingShapes | None = None
        self.sample: SampleReport | None = None
        self.cards: SocialCards | None = None
        self.pages: dict[str, Page] = {}  # src_uri -> generated page
        self.converted: dict[str, Page] = {}  # src_uri -> a page that is HTML already
        self.roles_by_src: dict = {}
        self.search_index = None  # the search plugin's, while it runs
        self.search_entries: list | None = None
        self.search_cache: SearchCache | None = None
        self.link_targets: list[str] = []
        self.shared_blocks: dict[tuple, str] = {}
        self._links: tuple = (None, ())  # (page, its relative links to link_targets)
        self.shares: workers.Shares | None = None  # pages built by other processes
        self.page_cache: PageCache | None = None  # the preview's, when this build uses it
        self.search_writer = None  # the search plugin whose index this build wrote

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).resolve().parent
        self.companies_dir = root / self.config.companies_dir
        # Our theme goes before mkdocs-material's and after a site's own custom_dir, if any.
        self.theme_dir = THEME_DIR
        if str(THEME_DIR) not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        try:
            self.offer = ReportOffer.model_validate(config.extra.get("report"))
        except ValidationError as err:
            raise PluginError(f"mkdocs.yml: extra.report is invalid: {err}") from None
        # Search reads queries as job seekers type them (see search.js): after the theme's
        # bundle, the words first.
        for script in (search_words.SCRIPT_PATH, SEARCH_SCRIPT):
            if script not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(script)
        # Said on every build, and `prep check --release` refuses to pass while any remains.
        # A warning (which fails a `strict` build) once the site has a real address of its
        # own: a live site whose orders go nowhere. Before that, the whole site is a draft
        # (this repository's demo builds with `strict`), and a note is enough; so it is in
        # a preview, whose address `mkdocs serve` sets to its own.
        problems = placeholders(self.offer, config.site_url or "")
        draft = self.serving or any(problem.startswith("site_url:") for problem in problems)
        for problem in problems:
            (log.info if draft else log.warning)(
                "placeholder in the order settings, no real order can reach us: %s", problem
            )
        return config

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining this hook also keeps one plugin instance across `serve` rebuilds,
        # and with it the page cache of the preview's rebuilds.
        self.serving = command == "serve"
        self.reload = Reload() if self.serving and not dirty else None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Load before MkDocs cleans site_dir, so a bad catalog leaves the old
        # site untouched.
        self._reset_build()
        try:
            memo = self.reload.memo if self.reload is not None else None
            self.catalog = load_catalog(self.companies_dir, memo)
        except CatalogError as err:
            if not self.serving:
                raise PluginError(f"{err}:\n{err.report()}") from None
            self.catalog = self._preview_despite(err, config)
        give_back_free_memory()  # what a first load's parse threw away: see heap.py
        if self.serving and not self.problems:
            self.last_good = self.catalog
        if not self.serving:  # `mkdocs serve` previews drafts
            found = drafts.drafts(self.catalog)
            for name, reasons in found.items():
                log.info("draft left out of the build: %s (%s)", name, "; ".join(reasons))
            self.catalog = drafts.published(self.catalog, found)
        # Everything so far, the catalog above all, lives as long as the build, and so
        # do the pages made until the page loop: see collector.py.
        figures = self._figures(config)
        self.collector.pause()
        self.builder = PageBuilder(
            self.catalog,
            self.offer,
            self.theme_dir,
            site_name=config.site_name,
            site_url=config.site_url or "",
            figures=figures,
        )
        self.changes = whatsnew.changes(self.catalog, figures)  # for the page and the feed
        # How this site's Markdown renders each heading level (permalinks,
        # table of contents), learnt once per build from the Markdown itself.
        self.headings = HeadingShapes.learn(config)
        self.sample = self._sample_report(root=self.companies_dir.parent)
        if self.sample is not None:
            self.builder.sample_pdf = pdf_href()
        if self.reload is not None and not self.problems:
            builder = self.builder
            shared = (builder.site_name, builder.site_url, self.offer, builder.sample_pdf)
            self.page_cache = self.reload.begin(config, self.catalog, shared)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        for file in list(files):
            if file.src_uri.startswith(PRIVATE_THEME_FOLDERS) and _inside(file, self.theme_dir):
                files.remove(file)
        count = 1 if self.serving else workers.worker_count(len(self.catalog.roles))
        pages = self.builder.pages(self.changes, workers=count, cache=self.page_cache)
        self.pages = {page.src_path: page for page in pages}
        self.roles_by_src = {role_src(entry): entry for entry in self.catalog.roles}
        self.search_index = _search_index(config)
        if self.search_index is not None:
            self.search_entries = self.search_index.entries
            root = self.companies_dir
            self.search_cache = SearchCache.beside(root, self.search_index)
            self.search_cache.wrap(self.search_index)
        words = search_words.script(self.catalog)
        files.append(File.generated(config, search_words.SCRIPT_PATH, content=words))
        files.append(File.generated(config, "robots.txt", content=self._robots(config)))
        feed = whatsnew.atom(self.changes, config.site_name, config.site_url or "")
        files.append(File.generated(config, whatsnew.FEED_PATH, content=feed))
        # Social cards are drawn in another process while MkDocs renders pages.
        folder = self.reload.folder if self.page_cache is not None else None
        cache_root = self.companies_dir.parent / ".cache"
        self.cards = SocialCards(Path(config.site_dir), cache_root, folder)
        self.cards.start([page.meta["card"] for page in self.pages.values()], config.site_name)
        if self.sample is not None:
            self.sample.start()
        for page in self.pages.values():
            in_nav = page.src_path in (INDEX_SRC, whatsnew.PAGE_SRC)
            inclusion = InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV
            # No front matter: the metadata is handed over in on_page_markdown,
            # sparing a YAML round trip per page. A page of headings and HTML blocks
            # is HTML already: MkDocs gets no Markdown to convert (the costliest step
            # of a page), and the HTML goes in as the converted content in
            # on_page_content (made there: a preview may keep the page as it was).
            html = self.headings is not None and page.is_html
            if html:
                self.converted[page.src_path] = page
            content = "" if html else page.markdown_body()
            file = File.generated(config, page.src_path, content=content, inclusion=inclusion)
            if page.source is not None:
                # The edit button leads editors to the YAML, not to a page that has no file.
                file.edit_uri = str(page.source.relative_to(self.companies_dir.parent))
            files.append(file)
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        # What theme blocks link to, seen from each page: see shared_block.
        scripts = [str(script) for script in config.extra_javascript]
        self.link_targets = [
            ".",
            "assets/",
            *(p.url for p in nav.pages),
            *config.extra_css,
            *scripts,
        ]
        if self.page_cache is not None:
            self.reload.nav_ready(config, files, nav)
        return nav

    def on_env(
        self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        self.collector.settle()
        self.shared_blocks, self._links = {}, (None, ())
        env.globals["prep_shared"] = self.shared_block
        # The theme's templates, compiled once and kept (0.3 s of each build's processes);
        # a preview keeps them in memory instead (wrap_pages).
        env.bytecode_cache = env.bytecode_cache or template_code_cache()
        if self.page_cache is not None:
            self.reload.wrap_pages(env, files, self.search_entries)
        alone = self.serving or not set(config.plugins) <= workers.KNOWN_PLUGINS
        count = 1 if alone else workers.worker_count(len(self.pages), self.cards.to_draw)
        if count > 1:
            # MkDocs has no hook around its page loop, so its page builder is wrapped
            # for this build (put back when the build ends): see workers.py.
            self.shares = workers.Shares(mkdocs_build._build_page, self.search_entries, count)
            if self.search_cache is not None:  # what children take from the cache, or add
                self.shares.keep = lambda: self.search_cache.used
                self.shares.take = self.search_cache.used.update
            mkdocs_build._build_page = self._build_page
        return env

    def _build_page(self, page: MkDocsPage, *args, **kwargs) -> None:
        """MkDocs' page builder, the pages spread over processes (forked at the first)."""
        if not self.shares.owner:
            doc_files = args[1]
            generated = [f.page for f in doc_files if f.src_uri in self.pages]
            self.shares.start(generated, args)
        self.shares.build(page, args, kwargs)

    def shared_block(self, name: str, page, caller) -> str:
        """A theme block rendered once for all generated pages that link alike.

        For a page outside the nav (nothing in the nav is then active), the
        header, tabs, nav, footer and script blocks depend on the page only
        through its relative links and its title (the header's), so pages whose
        links come out the same share one rendering, made with a stand-in
        title that each page's own replaces: most of a role page's theme work.
        """
        if page is None or page.file.src_uri not in self.pages or page.file.inclusion.is_in_nav():
            return caller()
        title = page.meta.get("title")
        if not title or not isinstance(title, str):  # the theme would show page.title
            return caller()
        if self._links[0] is not page:  # worked out once per page, for all its blocks
            links = tuple(get_relative_url(target, page.url) for target in self.link_targets)
            self._links = (page, links)
        key = (name, self._links[1])
        if key not in self.shared_blocks:
            page.meta["title"] = TITLE_SLOT
            try:
                self.shared_blocks[key] = str(caller())
            finally:
                page.meta["title"] = title
        # As the theme prints it: MkDocs renders themes without autoescaping.
        return self.shared_blocks[key].replace(TITLE_SLOT, title)

    def on_page_markdown(
        self, markdown: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        generated = self.pages.get(page.file.src_uri)
        if generated is None:
            self._describe_content_page(page, config)
        if generated is not None:
            page.meta = generated.front_matter
            if page.file.src_uri in self.converted:  # HTML already: see on_files
                # Nor does it build a Markdown engine (its extensions, one per page) to
                # convert nothing: this page's render sets what converting "" would.
                page.render = types.MethodType(_render_nothing, page)
                return ""
        if COMPANIES_GRID_MARKER in markdown:
            grid = self.builder.companies_grid(page.url)
            markdown = markdown.replace(COMPANIES_GRID_MARKER, grid)
        if SAMPLE_REPORT_MARKER in markdown:
            previews = self.sample.previews() if self.sample else None
            block = (
                self.builder.sample_block(page.url, previews, self.sample.order) if previews else ""
            )
            markdown = markdown.replace(SAMPLE_REPORT_MARKER, block)
        if ORDER_MARKER in markdown:
            markdown = markdown.replace(ORDER_MARKER, self.builder.order_steps(page.url))
        if ORDER_BUTTON_MARKER in markdown:
            button = self.builder.order_button(page.url)
            markdown = markdown.replace(ORDER_BUTTON_MARKER, button)
        return markdown

    def on_page_content(
        self, html: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        generated = self.converted.pop(page.file.src_uri, None)
        if generated is None:
            updated = page.meta.get("updated")
            return html + self.builder.updated_line(updated) if updated else html
        html = generated.html(self.headings.render)
        vars(page).pop("render", None)  # MkDocs' own again
        page.toc = get_toc(self.headings.toc_tokens(generated.headings))
        page.present_anchor_ids = {heading.id for heading in generated.headings}
        return html

    @event_priority(-50)  # after the search plugin's, whatever the order in mkdocs.yml
    def on_page_context(
        self,
        context: TemplateContext,
        /,
        *,
        page: MkDocsPage,
        config: MkDocsConfig,
        nav: Navigation,
    ) -> TemplateContext:
        # The search plugin has indexed the page by now: its role-page entries get
        # their compact section texts.
        entry = self.roles_by_src.get(page.file.src_uri)
        if entry is not None and self.search_entries is not None:
            sections = search_text.role_sections(entry)
            questions = search_text.question_entries(entry, page.url)
            names = dict.fromkeys((entry.company.name, entry.role.title, entry.family.name))
            owner = " ".join(names)  # "Amazon Software Development Engineer Software Engineer"
            search_text.enrich(self.search_entries, page.url, sections, questions, owner)
        return context

    def on_post_page(self, output: str, /, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        # The HTML blocks go in last, after search indexing and theme rendering,
        # so neither has to parse them: the search index keeps the headings and
        # the searchable short texts, and builds stay fast at scale.
        generated = self.pages.get(page.file.src_uri)
        output = generated.fill_blocks(output) if generated else output
        return with_panel(output, self.problems) if self.problems else output

    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        if self.problems and template_name.endswith(".html"):  # 404.html: a page not built
            return with_panel(output_content, self.problems)
        return output_content

    def _figures(self, config: MkDocsConfig) -> Figures:
        """The reported figures; a damaged store file (`companies/meta/reports.csv:14:
        ...`) fails a build and shows in the preview's banner, as a YAML problem does."""
        try:
            return load_figures(self.companies_dir, self.catalog.roles)
        except StoreFileError as err:
            if not self.serving:
                raise PluginError(f"{err}:\n{err.report()}") from None
            self._preview_despite(err, config)  # the pages keep the catalog, without figures
            return NO_FIGURES

    def _preview_despite(self, error: CatalogError, config) -> Catalog:
        """While serving, a broken catalog shows in the browser instead of stopping the
        preview: the last catalog that loaded (or none) with the problems atop each page."""
        print(f"{error}:\n{error.report()}", file=sys.stderr)  # not a log warning: see strict
        self.problems = problems_panel(error, stale=self.last_good is not None)
        # Pages that link to the missing roles would fail `strict`; this preview
        # is known to be broken and says so on every page.
        config.strict = False
        if self.last_good is not None:
            return self.last_good
        return Catalog(companies=(), roles=(), families=types.MappingProxyType({}), files=())

    @event_priority(100)  # before the search plugin writes its index: see search_file.py
    def _write_search_index(self, *, config: MkDocsConfig) -> None:
        if not self.serving and self.search_index is not None:
            batch = workers.build_settings().search_index_batch
            self.search_writer = search_file.take_over(config, batch)

    def _post_build(self, *, config: MkDocsConfig) -> None:
        # A preview build that took pages from the page cache indexed only the others:
        # the search cache on disk keeps the full build's entries.
        if self.search_cache is not None and not self._pages_kept():
            self.search_cache.save()
        self.cards.finish()
        if self.sample is not None:
            try:
                self.sample.finish(Path(config.site_dir))
            except Exception as err:
                raise PluginError(f"the sample report could not be made: {err}") from err
        self._release(success=True)

    on_post_build = CombinedEvent(_write_search_index, _post_build)

    def on_build_error(self, *, error: Exception) -> None:
        if self.cards is not None:
            self.cards.cancel()
        if self.sample is not None:
            self.sample.cancel()
        self._release(success=False)

    def _pages_kept(self) -> bool:
        return self.page_cache is not None and self.reload.kept > 0

    def _sample_report(self, root: Path) -> SampleReport | None:
        """The sample report of this build; None when this catalog lacks its company or role."""
        options = self.config.sample_report
        order = SampleOrder(
            options.name, options.company, options.role, root / options.resume, root / options.job
        )
        if not order.available(self.catalog):
            return None
        return SampleReport(order, self.catalog, self.companies_dir, root / ".cache")

    def _describe_content_page(self, page, config) -> None:
        """Card and structured data for the hand-written pages in content/."""
        title = page.meta.get("title") or page.title or config.site_name
        description = page.meta.get("description") or config.site_description or ""
        card = {"image": card_path(page.file.src_uri), "text": [title, description, ""]}
        page.meta["card"] = card
        self.cards.add(card)
        site_url = config.site_url or ""
        if page.file.src_uri == "index.md":
            page.meta["structured_data"] = [
                structured_data.organization(
                    config.site_name, site_url, config.site_description or "", self.offer.email
                )
            ]
        elif page.file.src_uri in ("pricing.md", "report.md"):
            order = urljoin(site_url, self.offer.order_url)
            page.meta["structured_data"] = [
                structured_data.report_product(
                    self.offer,
                    config.site_name,
                    urljoin(site_url, page.url),
                    order,
                    "Company and role",
                )
            ]
        # Last updated: the page's own last commit; the home page lists the catalog too.
        updated = self._content_dates(config).get(page.file.src_uri)
        if page.file.src_uri == "index.md" or updated is None:
            updated = max(filter(None, (updated, self.builder.updated.site)))
        page.meta["updated"] = updated
        page.meta.setdefault("structured_data", []).append(
            structured_data.web_page(title, urljoin(site_url, page.url), updated)
        )

    def _content_dates(self, config) -> dict[str, dt.date]:
        """The last commit date of each hand-written page, read once per build."""
        if self.content_dates is None:
            docs = Path(config.docs_dir)
            dates = commit_dates(docs.rglob("*.md"))
            root = docs.resolve()
            self.content_dates = {p.relative_to(root).as_posix(): d for p, d in dates.items()}
        return self.content_dates

    def _robots(self, config) -> str:
        sitemap = urljoin(config.site_url or "/", "sitemap.xml")
        return f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n"

    def _release(self, success: bool) -> None:
        if self.page_cache is not None:
            self.reload.end(success)
            log.info(
                "page cache: %d of %d generated pages made, %d pages rendered, %d kept",
                len(self.page_cache.made),
                len(self.pages),
                len(self.page_cache.rendered),
                self.reload.kept,
            )
        if self.search_cache is not None:
            self.search_cache.unwrap(self.search_index)
        if self.search_writer is not None:
            search_file.give_back(self.search_writer)
        if self.shares is not None:
            mkdocs_build._build_page = self.shares.build_page
            self.shares.finish()
        self.collector.release()
        # Let go of the catalog and pages now. They hang off MkDocs' config,
        # which sits in reference cycles: left to the garbage collector at
        # interpreter exit, they took a second longer to free at 1,000 roles.
        self._reset_build()

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable
    ) -> LiveReloadServer:
        server.watch(str(self.companies_dir))
        if workers.build_settings().preview_watch == "events":
            watch_file_events(server)
        server.set_app(_refuse_nul(server.get_app()))
        return server


def _render_nothing(page: MkDocsPage, config: MkDocsConfig, files: Files) -> None:
    """`Page.render` of a page whose Markdown is empty, as MkDocs' own would leave it."""
    page.content = ""
    page.toc = get_toc([])
    page.present_anchor_ids = set()
    if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = {}


def _refuse_nul(app):
    """The preview's WSGI app, but a path with a NUL (`/%00`), which can name no file,
    gets a 400 instead of a traceback in the log."""

    def guarded(environ, start_response):
        if "\x00" in environ.get("PATH_INFO", ""):
            start_response("400 Bad Request", [("Content-Type", "text/plain")])
            return [b"400 Bad Request: a NUL in the path"]
        return app(environ, start_response)

    return guarded


def _search_index(config):
    """mkdocs-material's search index, its `entries` filled page by page; None without it.
    The index gains a field of its own, `context` (see `search_text.CONTEXT`)."""
    for name in ("material/search", "search"):
        index = getattr(config.plugins.get(name), "search_index", None)
        if isinstance(getattr(index, "entries", None), list):
            index.config["fields"].setdefault(search_text.CONTEXT, {"boost": 1})
            return index
    return None


def _inside(file: File, folder: Path) -> bool:
    # Resolved, as `folder` is: the theme folder may be reached through a symlink.
    return file.abs_src_path is not None and Path(file.abs_src_path).resolve().is_relative_to(
        folder
    )
