"""Catalog problems shown in the browser while an editor previews the site.

During `mkdocs serve`, a broken catalog does not stop the preview: every page
gets a panel at its top listing the problems as `file:line:column: field:
message`, the same lines `prep check` prints, and the page reloads by itself
once the files are fixed. `mkdocs build` still fails on them.
"""

from __future__ import annotations

import html
import re

from preploop.catalog import CatalogError

PANEL_ID = "preploop-problems"
_BODY = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


def problems_panel(error: CatalogError, *, stale: bool) -> str:
    """An HTML block listing every problem; `stale`: the pages show the last good catalog."""
    count = len(error.problems)
    title = f"{count} problem{'s' if count != 1 else ''} in the catalog"
    shown = (
        "The pages below show the catalog as it was before this change."
        if stale
        else "Company and role pages are missing until the catalog loads."
    )
    items = "".join(f"<li><code>{html.escape(str(p))}</code></li>" for p in error.problems)
    style = (
        "margin:0;padding:1rem 1.5rem;background:#fff4f4;color:#5c0000;"
        "border-bottom:3px solid #b00020;font:0.9rem/1.5 system-ui,sans-serif;"
        "position:relative;z-index:10"
    )
    return (
        f'<section id="{PANEL_ID}" role="alert" style="{style}">'
        f'<h2 style="margin:0 0 .5rem;font-size:1.1rem">{html.escape(title)}</h2>'
        f'<ul style="margin:0 0 .5rem;padding-left:1.2rem;word-break:break-word">{items}</ul>'
        f'<p style="margin:0">{shown} Fix the files and save: this page reloads by itself. '
        "(<code>prep check</code> lists the same problems.)</p></section>"
    )


def with_panel(page: str, panel: str) -> str:
    """`page` with `panel` first in its body (or first of all, if it has no body tag)."""
    body = _BODY.search(page)
    if body is None:
        return panel + page
    return page[: body.end()] + panel + page[body.end() :]
