"""The Jinja2 environment shared by the site and the report.

Section templates (rounds, principles, questions, pay, FAQ) live once under
`preploop/theme/sections/`; both outputs render them through this environment, so a
change to a section shows up in both places.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

from preploop.cache_files import caching_off, read_own, user_cache_dir, write_own
from preploop.model import FREQUENCIES
from preploop.richtext import render_markdown

# The theme ships inside the package, so an installed wheel builds the site and renders
# reports from any folder that holds a catalog.
THEME_DIR = Path(__file__).resolve().parent / "theme"

FREQUENCY_LABELS = {
    "very-common": "Very common",
    "common": "Common",
    "occasional": "Occasional",
    "rare": "Rare",
}


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
class PrivateBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept between runs (compiling the report's is 0.15 s of every
    `prep report`), in the user's cache folder through `cache_files`: read only when this
    user wrote them. Jinja checks each one against its template's source."""

    def __init__(self, folder: Path):
        self.folder = folder

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = read_own(self.folder / f"{bucket.key}.pickle")
        if isinstance(data, bytes):
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        write_own(self.folder / f"{bucket.key}.pickle", bucket.bytecode_to_string())


def template_code_cache() -> jinja2.BytecodeCache | None:
    """Where compiled templates are kept between runs (ours, and the site theme's)."""
    return None if caching_off() else PrivateBytecodeCache(user_cache_dir() / "templates")


def environment(theme_dir: Path = THEME_DIR) -> jinja2.Environment:
    cache = template_code_cache()
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(theme_dir)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        bytecode_cache=cache,
    )
    env.filters["md"] = render_markdown
    env.filters["md_inline"] = functools.partial(render_markdown, inline=True)
    env.filters["money"] = money
    env.filters["minutes"] = minutes
    env.globals["FREQUENCY_LABELS"] = FREQUENCY_LABELS
    return env


def ranked_questions(questions: list, reported) -> list:
    """Questions by frequency (`reported.frequency`: from reports, else the editors'),
    then by reported count; ties keep the editor's order. `reported` is the role's
    `preploop.figures.index.ReportedRole`."""

    def rank(question) -> tuple:
        figures = reported.of(question)
        return frequency_rank(reported.frequency(question)), -(figures.count if figures else 0)

    return sorted(questions, key=rank)
