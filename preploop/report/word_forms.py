"""English word forms (lemmas, past tenses) from lemminflect, its tables loaded fast.

On first use lemminflect parses two gzipped text tables of about 120,000 entries:
close to a second in every `prep report` process, more than the rest of the
analysis. Here the parsed tables are kept in a private SQLite file in the user's cache
folder, keyed by lemminflect's version and its data files, and handed to lemminflect
before its first lookup as tables read a word at a time; every answer is still
lemminflect's own. Any problem with the cache only means parsing the tables again.
PREPLOOP_CACHE=off turns it off.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import sqlite3
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import lemminflect
from lemminflect import config
from lemminflect.codecs.InflectionLUCodec import InflectionLUCodec
from lemminflect.codecs.LemmaLUCodec import LemmaLUCodec
from lemminflect.core.Inflections import Inflections
from lemminflect.core.Lemmatizer import Lemmatizer

from preploop.cache_files import caching_off, user_cache_dir


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
    # Names and sizes, not paths: every virtualenv with this lemminflect shares one file.
    stamp = repr([lemminflect.__version__] + [(Path(f).name, os.path.getsize(f)) for f in files])
    key = hashlib.blake2b(stamp.encode(), digest_size=8).hexdigest()
    return user_cache_dir() / f"word-forms-{key}.sqlite"


@functools.cache
def load_tables() -> None:
    """Give lemminflect its tables from the cache (or parse and cache them): once."""
    lemmatizer, inflections = Lemmatizer(), Inflections()
    if hasattr(lemmatizer, "lemma_dict") or not hasattr(lemmatizer, "_getLemmaDict"):
        return  # already loaded, or a lemminflect this module does not know: its own way
    file = cache_file()
    if file is None or not _own(file):
        tables = (lemmatizer._getLemmaDict(), inflections._getInflDict())
        if file is None or not _write(file, tables):
            return  # lemminflect keeps the tables it parsed
    lemmatizer.lemma_dict = WordTable(
        file, "lemmas", lambda: LemmaLUCodec.load(lemmatizer.lemma_lu_fn)
    )
    inflections.infl_dict = WordTable(
        file, "inflections", lambda: InflectionLUCodec.load(inflections.infl_lu_fn)
    )


class WordTable:
    """One of lemminflect's tables, read a word at a time from the private SQLite file
    (lemminflect only ever calls `get`): an analysis looks up a few hundred words, and
    loading all 104,000 entries cost 0.13 s of every `prep report`. A process or thread
    opens its own connection; should the file fail, lemminflect's own table answers."""

    def __init__(self, file: Path, table: str, parse: Callable[[], dict]):
        self.file, self.table, self.parse = file, table, parse
        self._connections: dict[tuple[int, int], sqlite3.Connection] = {}
        self._known: dict[str, dict | None] = {}
        self._parsed: dict | None = None

    def get(self, word: str, default: object = None) -> object:
        if word not in self._known:
            self._known[word] = self._look_up(word)
        found = self._known[word]
        return default if found is None else found

    def _look_up(self, word: str) -> dict | None:
        if self._parsed is None:
            try:
                row = (
                    self._connection()
                    .execute(f"SELECT forms FROM {self.table} WHERE word = ?", (word,))
                    .fetchone()
                )
                return marshal.loads(row[0]) if row else None
            except (sqlite3.Error, ValueError, EOFError, TypeError):
                self._parsed = self.parse()  # a damaged file: lemminflect's own table
        return self._parsed.get(word)

    def _connection(self) -> sqlite3.Connection:
        key = (os.getpid(), threading.get_ident())  # never a parent's or another thread's
        if key not in self._connections:
            self._connections[key] = sqlite3.connect(f"{self.file.as_uri()}?mode=ro", uri=True)
        return self._connections[key]


def _own(file: Path) -> bool:
    """The file exists and this user wrote it (a cache can hold code for marshal)."""
    try:
        return file.stat().st_uid == os.getuid()
    except OSError:
        return False


def _write(file: Path, tables: tuple[dict, dict]) -> bool:
    """Both tables into `file` (0600, through a temporary file and a rename); False when
    the cache cannot be written."""
    try:
        file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=file.parent, prefix=f".{file.stem}.")
        os.close(handle)
        try:
            with contextlib.closing(sqlite3.connect(temp)) as db, db:
                for name, table in zip(("lemmas", "inflections"), tables, strict=True):
                    db.execute(f"CREATE TABLE {name} (word TEXT PRIMARY KEY, forms BLOB)")
                    db.executemany(
                        f"INSERT INTO {name} VALUES (?, ?)",
                        ((word, marshal.dumps(forms)) for word, forms in table.items()),
                    )
            os.replace(temp, file)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
        for other in file.parent.glob("word-forms-*"):  # other versions' tables
            if other != file:
                other.unlink(missing_ok=True)
        return True
    except (OSError, sqlite3.Error):
        return False
