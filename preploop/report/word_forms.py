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
from pathlib import Path

import lemminflect
from lemminflect import config
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
    lemmatizer.lemma_dict = WordTable(file, "lemmas")
    inflections.infl_dict = WordTable(file, "inflections")


class WordTable:
    """One of lemminflect's tables, read a word at a time from the private SQLite file
    (lemminflect only ever calls `get`): an analysis looks up a few hundred words, and
    loading all 104,000 entries cost 0.13 s of every `prep report`."""

    def __init__(self, file: Path, table: str):
        self.file, self.table = file, table
        self._db: sqlite3.Connection | None = None
        self._pid = 0
        self._known: dict[str, dict] = {}

    def get(self, word: str, default: object = None) -> object:
        if word not in self._known:
            try:
                row = (
                    self._connection()
                    .execute(f"SELECT forms FROM {self.table} WHERE word = ?", (word,))
                    .fetchone()
                )
            except sqlite3.Error:
                row = None  # a damaged file: no forms known, as for an unknown word
            self._known[word] = marshal.loads(row[0]) if row else None
        found = self._known[word]
        return default if found is None else found

    def _connection(self) -> sqlite3.Connection:
        if self._db is None or self._pid != os.getpid():  # never use a parent's connection
            self._db = sqlite3.connect(f"{self.file.as_uri()}?mode=ro", uri=True)
            self._pid = os.getpid()
        return self._db


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
