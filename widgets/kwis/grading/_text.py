"""Comparing a typed answer with the accepted answers, forgiving what a reader would forgive.

Case (unless the question is case-sensitive), surrounding spaces and punctuation, repeated
inner spaces, typographic versus straight quotes and dashes, and diacritics (`Goita` is
`Goïta`) never make an answer wrong. `typos: n` also forgives n edits (Damerau-Levenshtein,
optimal string alignment: a swap of two neighbouring letters is one edit).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Sequence

_TYPOGRAPHIC = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "ʼ": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-",
})


def normalise_text(text: str, *, case_sensitive: bool = False) -> str:
    """`text` as compared: `  „Goïta”! ` -> `goita` (case kept when `case_sensitive`)."""
    decomposed = unicodedata.normalize("NFKD", text).translate(_TYPOGRAPHIC)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = bare if case_sensitive else bare.casefold()
    return _strip_surrounding_punctuation(" ".join(folded.split()))


def _strip_surrounding_punctuation(text: str) -> str:
    start, end = 0, len(text)
    while start < end and _is_punctuation_or_space(text[start]):
        start += 1
    while end > start and _is_punctuation_or_space(text[end - 1]):
        end -= 1
    return text[start:end]


def _is_punctuation_or_space(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch).startswith("P")


def edit_distance(a: str, b: str, *, limit: int | None = None) -> int:
    """Damerau-Levenshtein distance (optimal string alignment) between `a` and `b`.

    With `limit`, any distance above it is reported as `limit + 1` (and found faster).
    """
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    before_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before_previous[j - 2] + 1)
        if limit is not None and min(current) > limit:
            return limit + 1
        before_previous, previous = previous, current
    return previous[-1] if limit is None else min(previous[-1], limit + 1)


@dataclass(frozen=True)
class TextMatch:
    """Which accepted answer a response matched, and with how many typos (0 for a pattern)."""

    answer: str
    typos: int = 0


def match_text(
    response: str,
    answers: Sequence[str],
    *,
    case_sensitive: bool = False,
    pattern: str = "",
    typos: int = 0,
) -> TextMatch | None:
    """The best accepted answer `response` matches, or None. Exact matches win over typos."""
    typed = _comparable(response, case_sensitive)
    if not typed:
        return None
    candidates = [(edit_distance(typed, _comparable(a, case_sensitive), limit=typos), a) for a in answers]
    close = sorted((d, i, a) for i, (d, a) in enumerate(candidates) if d <= typos)
    if close and close[0][0] == 0:
        return TextMatch(close[0][2])
    if pattern and pattern_matches(pattern, response, case_sensitive=case_sensitive):
        return TextMatch(" ".join(response.split()))
    return TextMatch(close[0][2], close[0][0]) if close else None


def _comparable(text: str, case_sensitive: bool) -> str:
    """The normalised text; an answer that is only punctuation is compared as written."""
    return normalise_text(text, case_sensitive=case_sensitive) or text.strip()


def pattern_matches(pattern: str, response: str, *, case_sensitive: bool = False) -> bool:
    """Whether the whole response (surrounding and repeated spaces removed) matches `pattern`."""
    return compile_pattern(pattern, case_sensitive=case_sensitive).fullmatch(" ".join(response.split())) is not None


@functools.lru_cache(maxsize=256)
def compile_pattern(pattern: str, *, case_sensitive: bool = False) -> re.Pattern[str]:
    """The compiled answer pattern; raises re.error for an invalid one (the loader reports that)."""
    return re.compile(pattern, 0 if case_sensitive else re.IGNORECASE)

