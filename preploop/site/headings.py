"""Headings as this site's Markdown renders them, learnt once per build: generated
pages skip MkDocs' Markdown step (see plugin.on_files)."""

from __future__ import annotations

import markdown
from markdown.extensions.toc import nest_toc_tokens

from preploop.site.page import Heading


class HeadingShapes:
    """Headings as this site's Markdown renders them, without running Markdown per page.

    Learnt from the configured Markdown extensions by converting one sample
    heading per level, so permalinks and table-of-contents depth follow
    mkdocs.yml.
    """

    _TEXT, _ID = "prepheadingtext", "prepheadingid"

    def __init__(self, shapes: dict[int, str], in_toc: set[int]):
        self.shapes = shapes
        self.in_toc = in_toc

    @classmethod
    def learn(cls, config) -> HeadingShapes | None:
        """None when headings with `{ #id }` do not come out as expected (e.g. no attr_list)."""
        md = markdown.Markdown(
            extensions=config.markdown_extensions, extension_configs=config.mdx_configs
        )
        shapes, in_toc = {}, set()
        for level in range(1, 7):
            html = md.reset().convert(f"{'#' * level} {cls._TEXT} {{ #{cls._ID} }}")
            expected = html.startswith(f'<h{level} id="{cls._ID}">') and html.endswith(
                f"</h{level}>"
            )
            if not expected or html.count(cls._TEXT) != 1 or "{" in html:
                return None
            shapes[level] = html
            if getattr(md, "toc_tokens", None):
                in_toc.add(level)
        return cls(shapes, in_toc)

    def render(self, heading: Heading) -> str:
        return (
            self.shapes[heading.level]
            .replace(self._ID, heading.id)
            .replace(self._TEXT, heading.html)
        )

    def toc_tokens(self, headings: tuple[Heading, ...]) -> list[dict]:
        """The table of contents, as Markdown's toc extension would list it."""
        flat = [
            {"level": h.level, "id": h.id, "name": h.html, "html": h.html, "children": []}
            for h in headings
            if h.level in self.in_toc
        ]
        return nest_toc_tokens(flat)
