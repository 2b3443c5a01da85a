"""Checking that a question's `source` quotes stand in the source text."""

from __future__ import annotations

import difflib
import re

from kwis.grading._text import plain_text

_ELISION = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\]|\[…\])\s*")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
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


_WORD = re.compile(r"\w+")
_CANDIDATES = 8  # passages compared closely with each wrong quote
_RARE_WORDS = 8  # the quote's rarest words pick the candidates
_PASSAGE_CHARACTERS = 400  # a long line is cut into passages of about this size
_QUOTE_CHARACTERS = 1_000  # of a quote, compared


class PassageIndex:
    """The source's sentences and which words stand in each, built once per bank, so finding the
    passage closest to a wrong quote costs about the quote's length, not the source's."""

    def __init__(self, source: str) -> None:
        # Paragraphs, not lines: a hard-wrapped text (Gutenberg, PDF copies) has its sentences across lines.
        paragraphs = (" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(source))
        self.passages = [p for paragraph in paragraphs for s in _SENTENCE_END.split(paragraph)
                         for p in _pieces(normalise(s)) if p]
        self.postings: dict[str, list[int]] = {}
        for index, passage in enumerate(self.passages):
            for word in set(_WORD.findall(passage.casefold())):
                self.postings.setdefault(word, []).append(index)

    def closest(self, quote: str, width: int = 160) -> str:
        """The passage most like the quote (shortened to `width` characters)."""
        if not self.passages:
            return ""
        wanted = normalise(quote)[:_QUOTE_CHARACTERS]
        best = max(self._candidates(wanted),
                   key=lambda i: difflib.SequenceMatcher(None, wanted, self.passages[i], autojunk=False).ratio())
        text = self.passages[best]
        return text if len(text) <= width else text[: width - 1] + "…"

    def _candidates(self, wanted: str) -> list[int]:
        words = {w for w in _WORD.findall(wanted.casefold()) if w in self.postings}
        rare = sorted(words, key=lambda w: len(self.postings[w]))[:_RARE_WORDS]
        score: dict[int, float] = {}
        for word in rare:
            postings = self.postings[word]
            weight = 1.0 / len(postings)
            for index in postings[:5_000]:
                score[index] = score.get(index, 0.0) + weight
        if not score:
            return list(range(min(len(self.passages), _CANDIDATES)))
        return sorted(score, key=lambda i: (-score[i], i))[:_CANDIDATES]


def _pieces(sentence: str) -> list[str]:
    """A sentence, or a long one cut at spaces into parts of about _PASSAGE_CHARACTERS."""
    if len(sentence) <= _PASSAGE_CHARACTERS:
        return [sentence]
    pieces, start = [], 0
    while start < len(sentence):
        end = sentence.rfind(" ", start, start + _PASSAGE_CHARACTERS)
        end = end if end > start else start + _PASSAGE_CHARACTERS
        pieces.append(sentence[start:end].strip())
        start = end
    return pieces


def closest_passage(quote: str, source: str, width: int = 160) -> str:
    """The sentence of the source most like the quote (shortened to `width` characters)."""
    return PassageIndex(source).closest(quote, width)
