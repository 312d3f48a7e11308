"""Catalog text is Markdown: rendered to safe HTML, escaped into Markdown, or flattened
to plain text. The catalog checks links with it; templates print with it."""

from __future__ import annotations

import functools
import html
import re

import markdown
from markupsafe import Markup

# Text that needs no Markdown processing takes a fast path: most catalog
# fields are plain sentences, and a thousand-page build must not spend its
# time in the Markdown parser.
_MARKDOWN_SYNTAX = re.compile(r"[*_`\[\]<>#|\\&]|^\s*([-+]|\d+\.)\s|\n\s*\n", re.MULTILINE)
_markdown = markdown.Markdown(extensions=["sane_lists"])


@functools.lru_cache(maxsize=4096)
def render_markdown(text: str, inline: bool = False) -> Markup:
    """Markdown from catalog data to HTML. Raw HTML in the data is escaped, not passed on."""
    text = text.strip()
    if not _MARKDOWN_SYNTAX.search(text):
        escaped = html.escape(text, quote=False)
        return Markup(escaped if inline else f"<p>{escaped}</p>")
    rendered = _markdown.reset().convert(html.escape(text, quote=False))
    if inline and rendered.startswith("<p>") and rendered.endswith("</p>"):
        rendered = rendered[3:-4]
    return Markup(rendered)


_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+!|])")


def markdown_text(text: str) -> Markup:
    """Plain text made safe for a Markdown line: no HTML, no accidental formatting."""
    return Markup(_MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(str(text), quote=False)))


def plain_text(text: str) -> str:
    """Catalog Markdown as plain text, for meta tags and structured data."""
    html_text = str(render_markdown(text, inline=True))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", html_text)).split())
