"""`load_bank`: a bank for a quiz, validated, from the cheapest place that has it unchanged.

Re-running a quiz cell gets the bank already built in this process (the last LOADED_BANKS, by
real path and the SHA-256 of the file's bytes); a new kernel gets it from the user's bank cache
(`_cache`), with the HTML an earlier kernel rendered of its texts; only a bank new or changed
since is read and checked in full (`_read`), and so only then is the YAML reader imported. Every way gives the same bank, and a bank with errors raises
the same `BankError` with every problem: such a bank is never cached.
"""

from __future__ import annotations

import hashlib
import os
from collections import OrderedDict

from kwis._model import Bank
from kwis.bank import _cache
from kwis.bank._files import source_text
from kwis.bank._limits import MAX_BANK_BYTES
from kwis.bank._problems import BankError

# A Bank is immutable, so sharing it between quizzes is safe.
_LOADED: OrderedDict[tuple[str, str], Bank] = OrderedDict()
LOADED_BANKS = 8


def load_bank(path: str | os.PathLike[str]) -> Bank:
    """Reads and validates a bank file; raises `BankError` listing every error in it.

    A bank whose file and source text are byte for byte those of a bank loaded before (in this
    process, or cached by an earlier one) is that bank again, without reading it anew."""
    file = os.fspath(path)
    data = _bytes_of(file)
    if data is None or len(data) > MAX_BANK_BYTES:
        return _read_in_full(file, data)  # which reports why
    key = os.path.realpath(file), hashlib.sha256(data).hexdigest()
    bank = _LOADED.get(key)
    if bank is not None and _same_source(bank, file):
        _LOADED.move_to_end(key)
        return bank
    bank = _cache.cached_bank(file, data)
    if bank is None:
        bank = _read_in_full(file, data)
        _cache.remember(file, data, bank)
    _cache.seed_renders(file, data, bank)
    _LOADED[key] = bank
    while len(_LOADED) > LOADED_BANKS:
        _LOADED.popitem(last=False)
    return bank


def _bytes_of(file: str) -> bytes | None:
    try:
        with open(file, "rb") as handle:
            return handle.read(MAX_BANK_BYTES + 1)
    except OSError:
        return None


def _read_in_full(file: str, data: bytes | None) -> Bank:
    from kwis.bank._read import read_bank, read_bank_bytes  # the YAML reader, only when needed

    loaded = read_bank(file) if data is None else read_bank_bytes(data, file)
    if loaded.bank is None:
        raise BankError(loaded.errors, loaded.language)
    return loaded.bank


def _same_source(bank: Bank, file: str) -> bool:
    """Whether the bank's source file (if any) still holds the text the bank was built with."""
    if bank.source is None or not bank.source.file:
        return True
    return source_text(file, bank.source.file) == bank.source.text
