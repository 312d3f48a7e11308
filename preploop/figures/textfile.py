"""Untrusted text files read line by line, with bounds.

Exports come from anywhere and store files are edited by hand: a FIFO must
not hang an import, a device or a huge file must not fill memory, and bytes
that are not UTF-8 text (or a NUL anywhere) must be refused with the line
they are on. Memory stays flat: one line at a time.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


class TextFileError(Exception):
    """What is wrong with a file, and on which physical line (0: the file itself)."""

    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


@contextlib.contextmanager
def open_regular(path: Path, max_bytes: int) -> Iterator[BinaryIO]:
    """`path` opened for reading, if it is a regular file of at most `max_bytes`.

    Opened without blocking, so a FIFO is refused instead of waiting for a writer.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as err:
        raise TextFileError(0, f"cannot read the file ({err.strerror})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise TextFileError(0, "not a regular file (a device, pipe or folder?)")
        if info.st_size > max_bytes:
            raise TextFileError(
                0, f"the file is {_mb(info.st_size)}; the limit is {_mb(max_bytes)}"
            )
        os.set_blocking(fd, True)
        handle = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with handle:
        yield handle


def text_lines(handle: BinaryIO, max_bytes: int, max_line: int) -> Iterator[str]:
    """Each line of `handle` decoded as UTF-8 (a leading BOM dropped), ends kept.

    Raises TextFileError for bytes that are not UTF-8, a NUL byte, a line over
    `max_line` bytes, or more than `max_bytes` in all (a file that grows).
    """
    total = 0
    number = 0
    while True:
        raw = handle.readline(max_line + 1)
        if not raw:
            return
        number += 1
        total += len(raw)
        if len(raw) > max_line:
            raise TextFileError(number, f"a line longer than {_mb(max_line)}")
        if total > max_bytes:
            raise TextFileError(number, f"the file is larger than {_mb(max_bytes)}")
        if number == 1 and raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # a UTF-16 mark
            raise TextFileError(number, "UTF-16 text, not UTF-8; save the file as CSV UTF-8")
        if b"\x00" in raw:
            raise TextFileError(number, "a NUL byte: binary data, not CSV text")
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise TextFileError(number, "not UTF-8 text; save the file as CSV UTF-8") from None
        yield text


def _mb(size: int) -> str:
    if size < 1024**2:
        return f"{size:,} bytes"
    return f"{size / 1024**2:,.1f} MB" if size < 1024**3 else f"{size / 1024**3:,.1f} GB"
