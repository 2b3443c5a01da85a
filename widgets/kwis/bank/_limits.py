"""The limits a bank must keep, so no bank can hang `kwis validate`, a kernel or an export.

Each is far above what a real bank needs (the MINUSMA banks: 60 KB, 50 questions, a 20 KB
source) and is explained, with its error, in docs/security.md.
"""

from __future__ import annotations

MAX_BANK_BYTES = 20_000_000  # the bank file
MAX_SOURCE_BYTES = 5_000_000  # `source.file`: a long book is about 1 MB of text
MAX_QUESTIONS = 20_000
MAX_ALIAS_NODES = 100_000  # YAML nodes reached through aliases (*name), counted with repeats
MAX_TEXT_CHARACTERS = 100_000  # one text field (a prompt, a choice, an explanation)
MAX_NUMBER = 1e15  # the largest answer, tolerance or bound (a number must be exact as a float)
MAX_POINTS = 1_000_000
