"""The Jinja2 environment shared by the site and the report.

Section templates (rounds, principles, questions, pay, FAQ) live once under
`theme/sections/`; both outputs render them through this environment, so a
change to a section shows up in both places.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path

import jinja2
import markdown
from markupsafe import Markup

from preploop.model import FREQUENCIES

PROJECT_ROOT = Path(__file__).resolve().parents[1]
THEME_DIR = PROJECT_ROOT / "theme"

FREQUENCY_LABELS = {
    "very-common": "Very common",
    "common": "Common",
    "occasional": "Occasional",
    "rare": "Rare",
}

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


def money(amount: int | None, currency: str = "USD", short: bool = True) -> str:
    """317000 -> '$317K' (or '$317,000' with short=False); None -> an en dash."""
    if amount is None:
        return "–"
    symbol = {"USD": "$", "EUR": "€", "GBP": "£", "CAD": "CA$", "INR": "₹"}.get(currency, "")
    if short and amount >= 1000:
        return f"{symbol}{amount / 1000:,.0f}K"
    return f"{symbol}{amount:,}"


def minutes(duration: object) -> str:
    return f"{duration} min"


def frequency_rank(frequency: str) -> int:
    return FREQUENCIES.index(frequency)


@functools.lru_cache(maxsize=4)
def environment(theme_dir: Path = THEME_DIR) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(theme_dir)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = render_markdown
    env.filters["md_inline"] = functools.partial(render_markdown, inline=True)
    env.filters["money"] = money
    env.filters["minutes"] = minutes
    env.globals["FREQUENCY_LABELS"] = FREQUENCY_LABELS
    return env


def ranked_questions(questions: list) -> list:
    """Questions by reported frequency, then by reported count; ties keep the editor's order."""
    return sorted(
        questions,
        key=lambda q: (frequency_rank(q.frequency), -(q.reported.count if q.reported else 0)),
    )
