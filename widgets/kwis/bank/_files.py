"""Reading the files a bank names, only where they should be: its source text lies in the bank's
own folder tree and is an ordinary file of a bounded size."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kwis.bank._limits import MAX_SOURCE_BYTES


class SourceRefused(Exception):
    """A source file kwis will not read; `key` names the reason in the loader's message table."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def read_inside(folder: Path, name: str, limit: int = MAX_SOURCE_BYTES) -> bytes:
    """The bytes of `name`, a regular file inside `folder`'s tree once symlinks are resolved.

    Anything else is refused before it is opened for reading: a path outside the folder
    (`../../etc/passwd`, `/proc/self/environ`, a symlink out), a FIFO or device (which would block
    or never end), a file over `limit` bytes.
    """
    base = folder.resolve()
    target = (base / name).resolve()
    if not target.is_relative_to(base):
        raise SourceRefused("reason_outside")
    fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(file.fileno())
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(str(target))
        if not stat.S_ISREG(info.st_mode):
            raise SourceRefused("reason_not_regular")
        if info.st_size > limit:
            raise SourceRefused("reason_too_big")
        data = file.read(limit + 1)
    if len(data) > limit:
        raise SourceRefused("reason_too_big")
    return data


def source_text(bank_file: str, name: str) -> str | None:
    """The text of source file `name` of the bank at `bank_file`, or None when it cannot be read
    (`read_bank` then says why)."""
    try:
        return read_inside(Path(bank_file).parent, name).decode("utf-8")
    except (OSError, UnicodeDecodeError, SourceRefused):
        return None
