"""Comparing a typed answer with the accepted answers, forgiving what a reader would forgive.

Case (unless the question is case-sensitive), surrounding spaces and punctuation, repeated
inner spaces, typographic versus straight quotes and dashes, and diacritics (`Goita` is
`Goïta`) never make an answer wrong, and neither does a leading article or title in the bank's
language (`de penvoerder`, `the penholder`, `president Goïta`, `de hoofdstad Bamako`) unless the
question says articles matter. `typos: n` also forgives n edits (Damerau-Levenshtein, optimal
string alignment: a swap of two neighbouring letters is one edit), but never turns another real
name into the answer: the loader lists the names of the bank that lie within the typos
(`near_names`), and typing one of those is not a typo.

No answer can hang the kernel: patterns are matched by RE2 (linear in the answer's length, no
backtracking; see docs/security.md), on at most MAX_MATCH_LENGTH characters; typos are only
counted for answers up to MAX_TYPO_LENGTH characters, and an exact match never computes them.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    import re2  # imported by the first pattern compiled: most quizzes have none


class PatternError(ValueError):
    """An answer pattern RE2 will not compile; its arguments are RE2's own (bytes or text)."""

MAX_PATTERN_LENGTH = 1_000  # characters of a `pattern`
MAX_MATCH_LENGTH = 1_000  # characters of an answer matched against a pattern (longer: no match)
MAX_TYPO_LENGTH = 200  # answers longer than this must match exactly: typos are not counted
_PATTERN_MEMORY = 8 << 20  # bytes RE2 may use for one compiled pattern

_TYPOGRAPHIC = str.maketrans({
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "ʼ": "'",
    "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-", "`": "'",
})


def plain_text(text: str) -> str:
    """Typographic quotes and dashes in their plain form, every run of white space one space:
    what quotes are compared on (`bank._grounding`) and the first step of `normalise_text`."""
    return " ".join(text.translate(_TYPOGRAPHIC).split())


def normalise_text(text: str, *, case_sensitive: bool = False) -> str:
    """`text` as compared: `  „Goïta”! ` -> `goita` (case kept when `case_sensitive`)."""
    decomposed = plain_text(unicodedata.normalize("NFKD", text))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = bare if case_sensitive else bare.casefold()
    return _strip_surrounding_punctuation(folded)


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

    With `limit`, any distance above it is reported as `limit + 1`, and only the cells within
    `limit` of the diagonal are computed (time grows with the length times `limit`).
    """
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    far = len(a) + len(b) + 1 if limit is None else limit + 1
    band = far if limit is None else limit
    before_previous: list[int] = []
    previous = [j if j <= band else far for j in range(len(b) + 1)]
    for i, ca in enumerate(a, start=1):
        current = [far] * (len(b) + 1)
        current[0] = i if i <= band else far
        for j in range(max(1, i - band), min(len(b), i + band) + 1):
            cb = b[j - 1]
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


_ARTICLES = {"nl": ("de", "het", "een", "'t"), "en": ("the", "a", "an")}
_TITLES = {
    "nl": ("president", "generaal", "kolonel", "luitenant-kolonel", "minister", "premier", "minister-president",
           "koning", "koningin", "prins", "prinses", "paus", "dhr", "mevr", "mevrouw", "meneer", "de heer",
           "mr", "dr", "prof", "ir", "drs"),
    "en": ("president", "general", "colonel", "lieutenant colonel", "minister", "foreign minister",
           "prime minister", "king", "queen", "prince", "princess", "pope", "mr", "mrs", "ms", "miss", "sir",
           "dr", "prof", "professor", "lord", "lady"),
}


def without_lead(text: str, language: str) -> str:
    """`text` (normalised) without a leading article and title: `de president goita` -> `goita`.

    A single word stays as it is (`a` can be the answer).
    """
    lang = language.split("-", 1)[0].lower()
    words = text.split()
    if len(words) > 1 and words[0] in _ARTICLES.get(lang, ()):
        words = words[1:]
    for title in sorted(_TITLES.get(lang, ()), key=len, reverse=True):
        size = len(title.split())
        if len(words) > size and [w.rstrip(".") for w in words[:size]] == title.split():
            return " ".join(words[size:])
    return " ".join(words)


_NOT_DESCRIBING = frozenset({"andere", "ander", "other", "another", "geen", "niet", "not", "no", "non", "ex", "oud"})


def _appositive(text: str, language: str) -> str:
    """`de hoofdstad bamako` -> `bamako`: an article and one describing word before a name."""
    words = text.split()
    lang = language.split("-", 1)[0].lower()
    if len(words) >= 3 and words[0] in _ARTICLES.get(lang, ()) and words[1] not in _NOT_DESCRIBING:
        return without_lead(" ".join(words[2:]), language)
    return ""


def match_text(
    response: str,
    answers: Sequence[str],
    *,
    case_sensitive: bool = False,
    pattern: str = "",
    typos: int = 0,
    language: str = "",
    near_names: Sequence[str] = (),
) -> TextMatch | None:
    """The best accepted answer `response` matches, or None. Exact matches win over typos.

    With `language`, a leading article or title of that language is ignored on both sides.
    """
    typed = _comparable(response, case_sensitive)
    if not typed:
        return None
    accepted = [(_comparable(a, case_sensitive), a) for a in answers]
    exact = next((a for text, a in accepted if text == typed), None)
    if exact is None and language:
        bare, appositive = without_lead(typed, language), _appositive(typed, language)
        exact = next((a for text, a in accepted if without_lead(text, language) == bare
                      or (appositive and a[:1].isupper() and without_lead(text, language) == appositive)), None)
    if exact is not None:
        return TextMatch(exact)
    forgiven = typos if len(typed) <= MAX_TYPO_LENGTH and not _is_other_name(typed, near_names, language) else 0
    if language:
        typed, accepted = without_lead(typed, language), [(without_lead(t, language), a) for t, a in accepted]
    candidates = [(edit_distance(typed, text, limit=forgiven) if forgiven and len(text) <= MAX_TYPO_LENGTH
                   else forgiven + 1, a) for text, a in accepted]
    close = sorted((d, i, a) for i, (d, a) in enumerate(candidates) if d <= forgiven)
    if pattern and pattern_matches(pattern, response, case_sensitive=case_sensitive):
        return TextMatch(" ".join(response.split()))
    return TextMatch(close[0][2], close[0][0]) if close else None


def _is_other_name(typed: str, near_names: Sequence[str], language: str) -> bool:
    """Whether the student typed another real name that only looks like the answer (`Bali` for `Mali`)."""
    if not near_names:
        return False
    forms = {typed, without_lead(typed, language)} if language else {typed}
    return any(normalise_text(name) in forms for name in near_names)


def _comparable(text: str, case_sensitive: bool) -> str:
    """The normalised text; an answer that is only punctuation is compared as written."""
    return normalise_text(text, case_sensitive=case_sensitive) or text.strip()


def pattern_matches(pattern: str, response: str, *, case_sensitive: bool = False) -> bool:
    """Whether the whole response (surrounding and repeated spaces removed) matches `pattern`."""
    text = " ".join(response.split())
    if len(text) > MAX_MATCH_LENGTH:
        return False
    return compile_pattern(pattern, case_sensitive=case_sensitive).fullmatch(text) is not None


@functools.lru_cache(maxsize=256)
def compile_pattern(pattern: str, *, case_sensitive: bool = False) -> re2._Regexp[str]:
    """The compiled answer pattern; raises PatternError for an invalid one (the loader reports that)."""
    import re2

    if len(pattern) > MAX_PATTERN_LENGTH:
        raise PatternError(f"longer than {MAX_PATTERN_LENGTH} characters")
    options = re2.Options()
    options.case_sensitive = case_sensitive
    options.log_errors = False
    options.max_mem = _PATTERN_MEMORY
    try:
        return re2.compile(_unicode_classes(pattern), options)
    except re2.error as error:
        raise PatternError(*error.args) from error


# RE2's \w and \d are ASCII; Python's (which banks were written for) take any letter or digit.
_UNICODE = {"w": ("[\\p{L}\\p{N}_]", "\\p{L}\\p{N}_"), "d": ("\\p{Nd}", "\\p{Nd}"),
            "W": ("[^\\p{L}\\p{N}_]", None), "D": ("\\P{Nd}", "\\P{Nd}")}


def _unicode_classes(pattern: str) -> str:
    """`pattern` with \\w, \\W, \\d and \\D as Python reads them: Unicode letters and digits."""
    out: list[str] = []
    in_class, i = False, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            escape = pattern[i + 1]
            outside, inside = _UNICODE.get(escape, (None, None))
            replacement = inside if in_class else outside
            out.append(replacement if replacement is not None else pattern[i:i + 2])
            i += 2
            continue
        if ch == "[" and not in_class:
            in_class = True
            out.append(ch)
            if pattern[i + 1:i + 2] == "^":  # `[^]...]` and `[]...]`: a first ] is a member
                out.append("^")
                i += 1
            if pattern[i + 1:i + 2] == "]":
                out.append("]")
                i += 1
        elif ch == "]" and in_class:
            in_class = False
            out.append(ch)
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def nested_repetition(pattern: str) -> bool:
    """Whether a repeated group holds a repetition, as in `(a+)+`: harmless in RE2, but a
    backtracking engine (Python, JavaScript, an LMS) can take exponential time on it."""
    depth_has_repeat: list[bool] = []
    i, escaped = 0, False
    while i < len(pattern):
        ch = pattern[i]
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == "(":
            depth_has_repeat.append(False)
        elif ch == ")" and depth_has_repeat:
            inner = depth_has_repeat.pop()
            if inner and _repeats(pattern, i + 1):
                return True
            if depth_has_repeat and (inner or _repeats(pattern, i + 1)):
                depth_has_repeat[-1] = True
        elif _repeats(pattern, i) and depth_has_repeat:
            depth_has_repeat[-1] = True
        i += 1
    return False


def _repeats(pattern: str, at: int) -> bool:
    """Whether an unbounded or large repetition starts at `at` (`+`, `*`, `{n,}`, `{n,m}`)."""
    ch = pattern[at:at + 1]
    return ch in ("+", "*") or (ch == "{" and "}" in pattern[at:at + 12])

