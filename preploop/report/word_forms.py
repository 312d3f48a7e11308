"""English word forms (lemmas, past tenses) from lemminflect, its tables loaded fast.

On first use lemminflect parses two gzipped text tables of about 120,000 entries:
close to a second in every `prep report` process, more than the rest of the
analysis. Here the parsed tables are kept in a private pickle in the user's cache
folder, keyed by lemminflect's version and its data files, and handed to lemminflect
before its first lookup; every answer is still lemminflect's own. Any problem with
the cache only means parsing the tables again. PREPLOOP_CACHE=off turns it off.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

import lemminflect
from lemminflect import config
from lemminflect.core.Inflections import Inflections
from lemminflect.core.Lemmatizer import Lemmatizer

from preploop.cache_files import caching_off, read_own, user_cache_dir, write_own


def getAllLemmas(word: str, upos: str | None = None) -> dict:  # noqa: N802 (lemminflect's name)
    load_tables()
    return lemminflect.getAllLemmas(word, upos)


def getInflection(lemma: str, tag: str) -> tuple:  # noqa: N802
    load_tables()
    return lemminflect.getInflection(lemma, tag)


def cache_file() -> Path | None:
    if caching_off():
        return None
    files = (config.lemma_lu_fn, config.inflection_lu_fn)
    stamp = repr([lemminflect.__version__] + [(f, os.path.getsize(f)) for f in files])
    key = hashlib.blake2b(stamp.encode(), digest_size=8).hexdigest()
    return user_cache_dir() / f"word-forms-{key}.pickle"


@functools.cache
def load_tables() -> None:
    """Give lemminflect its tables from the cache (or parse and cache them): once."""
    lemmatizer, inflections = Lemmatizer(), Inflections()
    if hasattr(lemmatizer, "lemma_dict") or not hasattr(lemmatizer, "_getLemmaDict"):
        return  # already loaded, or a lemminflect this module does not know: its own way
    file = cache_file()
    tables = _read(file) if file else None
    if tables is not None:
        lemmatizer.lemma_dict, inflections.infl_dict = tables
        return
    tables = (lemmatizer._getLemmaDict(), inflections._getInflDict())
    if file:
        write_own(file, tables)


def _read(file: Path) -> tuple[dict, dict] | None:
    tables = read_own(file)
    if isinstance(tables, tuple) and all(isinstance(t, dict) for t in tables):
        return tables
    return None
