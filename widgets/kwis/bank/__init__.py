"""Banks: read, validate and write the YAML format, with every problem at its line and a fix.

No I/O beyond reading a bank and its source text (and kwis's own cache of loaded banks, see
docs/bank-format.md), no widgets. The public names are imported when first used, so a bank
loaded from the cache never imports the YAML reader.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kwis.bank._loader import load_bank
    from kwis.bank._problems import BankError, Positions, Problem, locate
    from kwis.bank._read import Loaded, read_bank, read_bank_text
    from kwis.bank._student import answer_texts, hint_gives_away, keyless_bank, keyless_question
    from kwis.bank._writer import bank_to_yaml

__all__ = ["BankError", "Loaded", "Positions", "Problem", "answer_texts", "bank_to_yaml", "hint_gives_away",
           "keyless_bank", "keyless_question", "load_bank", "locate", "read_bank", "read_bank_text"]
_HOMES = {"load_bank": "_loader", "Loaded": "_read", "read_bank": "_read", "read_bank_text": "_read",
          "bank_to_yaml": "_writer",
          **dict.fromkeys(("BankError", "Positions", "Problem", "locate"), "_problems"),
          **dict.fromkeys(("answer_texts", "hint_gives_away", "keyless_bank", "keyless_question"), "_student")}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        from importlib import import_module

        return getattr(import_module(f"kwis.bank.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'kwis.bank' has no attribute {name!r}")
