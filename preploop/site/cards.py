"""Social card images: one per page, shown when a page is shared.

Engine-free: takes a title, a subtitle and a line of facts, returns JPEG bytes.
Cards are cached by their content, so a rebuild only draws the cards whose
text changed.
"""

from __future__ import annotations

import functools
import hashlib
import io
import multiprocessing
import os
import textwrap
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from preploop.site.preview_folder import PreviewFolder
from preploop.site.workers import build_settings
from preploop.templating import THEME_DIR

SIZE = (1200, 630)
FONTS = THEME_DIR / "report" / "fonts"
NAVY, WHITE, MUTED, ACCENT = (31, 58, 95), (255, 255, 255), (200, 212, 230), (232, 140, 80)


@functools.lru_cache(maxsize=16)
def _font(weight: int, size: int) -> ImageFont.FreeTypeFont:
    return _KeptMasks(str(FONTS / f"inter-latin-{weight}-normal.woff"), size)


class _KeptMasks(ImageFont.FreeTypeFont):
    """A font that keeps the last glyph masks it rendered (what `draw.text` draws).

    Most of a card's time went into rendering its text, and cards drawn one after
    another repeat lines: the site's name on every card, a company's subtitle and
    facts on each of its roles. The same mask drawn the same way gives the same
    pixels, so the same JPEG bytes.
    """

    def getmask2(self, text, *args, **kwargs):
        try:
            return self._mask(text, args, tuple(kwargs.items()))
        except TypeError:  # an argument that cannot be a key (features as a list)
            return super().getmask2(text, *args, **kwargs)

    @functools.lru_cache(maxsize=64)  # noqa: B019 (the fonts live as long as the process)
    def _mask(self, text, args: tuple, kwargs: tuple):
        return super().getmask2(text, *args, **dict(kwargs))


def draw_card(site_name: str, title: str, subtitle: str, facts: str) -> bytes:
    """A 1200x630 JPEG card: brand, title (three lines at most), subtitle, facts.

    JPEG because it encodes five times faster than PNG at this size, which
    matters for a thousand pages; at this quality the flat colours stay clean.
    """
    image = Image.new("RGB", SIZE, NAVY)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, 16, SIZE[1]], fill=ACCENT)
    draw.text((80, 64), site_name, font=_font(700, 36), fill=MUTED)
    title_font = _font(700, 68)
    lines = textwrap.wrap(title, width=28)[:3]
    y = 170
    for line in lines:
        draw.text((80, y), line, font=title_font, fill=WHITE)
        y += 84
    if subtitle:
        draw.text((80, y + 16), textwrap.shorten(subtitle, 60), font=_font(400, 36), fill=MUTED)
    if facts:
        draw.text(
            (80, SIZE[1] - 100), textwrap.shorten(facts, 64), font=_font(600, 32), fill=ACCENT
        )
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def card_key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:20]


def cached_card(cache: Path, site_name: str, title: str, subtitle: str, facts: str) -> bytes:
    """The card for this text, drawn once and then read from `cache`."""
    path = cache / f"{card_key(site_name, title, subtitle, facts)}.jpg"
    if path.exists():
        return path.read_bytes()
    data = draw_card(site_name, title, subtitle, facts)
    cache.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")  # two processes may draw the same card
    tmp.write_bytes(data)
    tmp.replace(path)
    return data


def write_cards(
    site_dir: Path,
    cache: Path,
    site_name: str,
    jobs: list[tuple[str, str, str, str]],
    folder: PreviewFolder | None = None,
) -> None:
    """Write each (image path, title, subtitle, facts) card into the built site; in a
    preview's kept `folder`, only those not there already."""
    for image, title, subtitle, facts in jobs:
        target = site_dir / image
        key = card_key(site_name, title, subtitle, facts)
        if folder is not None and folder.unchanged(str(target), key):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(cached_card(cache, site_name, title, subtitle, facts))
        if folder is not None:
            folder.wrote(str(target), key)


class SocialCards:
    """The cards of one build: drawn in a worker process while the build goes on.

    MkDocs renders pages on one core; the cards use the other, handed over in
    tasks of `cards_per_task` (build.yaml). When the pages are done first, this
    process draws the tasks the worker has not started, from the last one back,
    while the worker goes on from the front. Under `mkdocs serve` (threads
    running, where forking is unsafe) or for a handful of cards, they are drawn
    at the end of the build instead, mostly from cache.
    """

    def __init__(self, site_dir: Path, cache_root: Path, folder: PreviewFolder | None = None):
        self.site_dir = site_dir
        self.folder = folder  # the preview's kept site folder: cards already there stay
        self.cache = cache_root / "cards"
        self.site_name = ""
        self.pending: list[tuple[str, str, str, str]] = []
        self.pool: ProcessPoolExecutor | None = None
        self.tasks: list[tuple[Future, list]] = []  # (the worker's future, its cards)
        self.to_draw = 0  # cards not in the cache: drawing them keeps a core busy

    def start(self, cards: list[dict], site_name: str) -> None:
        self.site_name = site_name
        jobs = [(card["image"], *card["text"]) for card in cards]
        self.to_draw = sum(
            not (self.cache / f"{card_key(site_name, *job[1:])}.jpg").exists() for job in jobs
        )
        if len(jobs) < 50 or threading.active_count() > 1 or self.folder is not None:
            self.pending.extend(jobs)
            return
        self.pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
        size = build_settings().cards_per_task
        for share in (jobs[i : i + size] for i in range(0, len(jobs), size)):
            args = (self.site_dir, self.cache, site_name, share)
            self.tasks.append((self.pool.submit(write_cards, *args), share))

    def add(self, card: dict) -> None:
        self.pending.append((card["image"], *card["text"]))

    def finish(self) -> None:
        write_cards(self.site_dir, self.cache, self.site_name, self.pending, self.folder)
        self.pending = []
        if self.pool is not None:
            try:
                for future, share in reversed(self.tasks):
                    if future.cancel():  # not started by the worker: drawn here
                        write_cards(self.site_dir, self.cache, self.site_name, share)
                for future, _ in self.tasks:
                    if not future.cancelled():
                        future.result()
            finally:
                self.tasks = []
                self.pool.shutdown()
                self.pool = None

    def cancel(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None
