"""Checking that a question's `source` quotes stand in the source text."""

from __future__ import annotations

import difflib
import re

from kwis.grading._text import plain_text

_ELISION = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\]|\[…\])\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+")


def normalise(text: str) -> str:
    """Text with typographic quotes made plain and every run of white space one space."""
    return plain_text(text)


def quote_parts(quote: str) -> list[str]:
    """A quote split at elisions (`...`, `…`, `[…]`): its parts must appear in this order."""
    return [part for part in (normalise(p) for p in _ELISION.split(quote)) if part]


def quote_found(quote: str, normalised_source: str) -> bool:
    """Whether every part of the quote occurs in the source, in order."""
    start = 0
    for part in quote_parts(quote):
        found = normalised_source.find(part, start)
        if found < 0:
            return False
        start = found + len(part)
    return True


def closest_passage(quote: str, source: str, width: int = 160) -> str:
    """The sentence of the source most like the quote (shortened to `width` characters)."""
    wanted = normalise(quote)
    sentences = [normalise(s) for line in source.splitlines() for s in _SENTENCE_END.split(line)]
    sentences = [s for s in sentences if s]
    if not sentences:
        return ""
    best = max(sentences, key=lambda s: difflib.SequenceMatcher(None, wanted, s, autojunk=False).ratio())
    return best if len(best) <= width else best[: width - 1] + "…"
