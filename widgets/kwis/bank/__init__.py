"""Banks: read, validate and write the YAML format, with every problem at its line and a fix.

No I/O beyond reading a bank and its source text, no widgets.
"""

from kwis.bank._loader import Loaded, load_bank, read_bank, read_bank_text
from kwis.bank._problems import BankError, Positions, Problem, locate
from kwis.bank._student import answer_texts, hint_gives_away, keyless_bank, keyless_question
from kwis.bank._writer import bank_to_yaml

__all__ = ["BankError", "Loaded", "Positions", "Problem", "answer_texts", "bank_to_yaml", "hint_gives_away",
           "keyless_bank", "keyless_question", "load_bank", "locate", "read_bank", "read_bank_text"]
