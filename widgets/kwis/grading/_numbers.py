"""Reading and writing numbers the way the bank's language writes them.

Dutch writes `1,26` and `17.000`, English `1.26` and `17,000`. Input that only makes sense
in the other convention (Dutch `1.26`: a dot groups thousands in threes) is refused with a
message saying how to write it, never reinterpreted by guessing. Input that makes sense in
both conventions with different values (`17.000` in an English bank: 17 to an English
reader, 17000 to a Dutch one) is refused too, with both ways to write it: no string is ever
read as two different numbers. A scale word (`1,26 miljard`, `17k`, `$1.26 bn`) multiplies,
and a unit may be written in singular or plural or as one of the question's other unit words.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from kwis._i18n import Messages, ui_language

_MESSAGES = Messages({
    "en": {
        "empty": "Enter a number.",
        "not_a_number": "“{text}” is not a number. Write it in digits, for example {example}.",
        "use_decimal_separator": (
            "“{text}” is not a number in English: a comma groups thousands in threes ({thousands}) "
            "and decimals come after a point, so write {suggestion}."
        ),
        "bad_format": (
            "“{text}” is not a valid number. Group thousands in threes with a comma ({thousands}) "
            "and write decimals after a point ({decimal})."
        ),
        "unknown_unit": "“{text}”: write the number, optionally followed by “{unit}”.",
        "number_only": "“{text}”: write the number only.",
        "ambiguous": (
            "“{text}” can be read two ways: write {thousands} if you mean thousands "
            "or {decimals} if you mean decimals."
        ),
    },
    "nl": {
        "empty": "Vul een getal in.",
        "not_a_number": "„{text}” is geen getal. Schrijf het in cijfers, bijvoorbeeld {example}.",
        "use_decimal_separator": (
            "„{text}” is in het Nederlands geen getal: een punt groepeert duizendtallen per drie "
            "cijfers ({thousands}) en decimalen komen na een komma, dus schrijf {suggestion}."
        ),
        "bad_format": (
            "„{text}” is geen geldig getal. Groepeer duizendtallen per drie met een punt ({thousands}) "
            "en schrijf decimalen na een komma ({decimal})."
        ),
        "unknown_unit": "„{text}”: schrijf het getal, eventueel gevolgd door „{unit}”.",
        "number_only": "„{text}”: schrijf alleen het getal.",
        "ambiguous": (
            "„{text}” kan op twee manieren gelezen worden: schrijf {thousands} als je duizendtallen "
            "bedoelt of {decimals} als je decimalen bedoelt."
        ),
    },
})

# (decimal separator, thousands separator) per UI language.
_SEPARATORS = {"nl": (",", "."), "en": (".", ",")}
_SPACES = " \u00a0\u202f\u2009"  # space, no-break space, narrow no-break space, thin space
_MINUS_SIGNS = "-\u2212"
_NUMBER_START = re.compile(r"([+\-\u2212]?)\s*([0-9.,\u00a0\u202f\u2009 ]*)(.*)", re.DOTALL)
_DIGITS = re.compile(r"[0-9]+")
_THOUSANDS_EXAMPLE = 17000.0
_DECIMAL_EXAMPLE = 1.26
_ECHO_LIMIT = 40
_UNGROUPED_DIGITS = 4
_UNITS_WITHOUT_SPACE = frozenset({"%", "‰", "°"})
# One separator after one to three digits (no leading zero) and exactly three digits: thousands in
# one convention, decimals in the other.
AMBIGUOUS = re.compile(r"[1-9][0-9]{0,2}[.,][0-9]{3}")
_SCALES = {
    "en": {"thousand": 3, "k": 3, "million": 6, "millions": 6, "mln": 6, "mn": 6, "billion": 9,
           "billions": 9, "bn": 9, "trillion": 12},
    "nl": {"duizend": 3, "k": 3, "miljoen": 6, "mln": 6, "miljard": 9, "mld": 9, "mrd": 9,
           "biljoen": 12},
}
_CURRENCIES = {"$": ("dollar", "usd", "us$"), "€": ("euro", "eur"), "£": ("pound", "pond", "gbp")}
_SAME_UNITS = ({"%", "procent", "percent", "pct"},)


class NumberFormatError(ValueError):
    """Text that is not a number in the bank's language; `message` says how to write it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_number(text: str, language: str, *, unit: str = "", units: tuple[str, ...] = ()) -> float:
    """The number in `text` as written in `language`, optionally followed by a scale word and `unit`.

    `units` are other words the question accepts for its unit (`militairen` beside `man`).
    Raises NumberFormatError with a message in that language (plain text that quotes the
    input: show it escaped, not as Markdown).
    """
    language = ui_language(language)
    stripped = text.strip()
    if not stripped:
        raise NumberFormatError(_MESSAGES(language, "empty"))
    accepted = tuple(u.strip() for u in (unit, *units) if u.strip())
    currency, written = _leading_currency(stripped)
    match = _NUMBER_START.fullmatch(written)
    assert match is not None  # every part of the pattern may be empty
    sign, body, rest = match.group(1), match.group(2).strip(_SPACES), match.group(3).strip()
    if not _DIGITS.search(body):
        raise _not_a_number(stripped, language)
    exponent = _exponent(rest, currency, accepted, language)
    if exponent is None:
        raise _unit_error(stripped, language, unit)
    value = float(Decimal(_canonical_digits(body, stripped, language)).scaleb(exponent))
    return -value if sign and sign in _MINUS_SIGNS else value


def _leading_currency(text: str) -> tuple[str, str]:
    """`$1.26 bn` -> (`$`, `1.26 bn`); text without a currency sign in front is as it was."""
    if text[:1] in _CURRENCIES:
        return text[0], text[1:].lstrip()
    return "", text


def _exponent(rest: str, currency: str, accepted: tuple[str, ...], language: str) -> int | None:
    """The power of ten by which the typed number is in the question's unit; None: not its unit.

    A scale word multiplies (`17 duizend`, `17k`); a unit that starts with one is honoured:
    with unit `miljard dollar`, `1,26`, `1,26 miljard` and `1260 miljoen dollar` are all 1,26.
    """
    units = [_split_scale(u, language) for u in accepted] or [(0, "")]
    if currency and not any(_same_unit(currency, base or u) for u, (_, base) in zip(accepted, units)):
        return None
    if not rest or _same_unit(rest, "%") or any(_same_unit(rest, u) for u in accepted):
        return 0
    scale, after = _split_scale(rest, language)
    if scale and not after:
        return scale - units[0][0]
    for unit_scale, base in units:
        if base and _same_unit(after, base):
            return scale - unit_scale
    return None


def _split_scale(words: str, language: str) -> tuple[int, str]:
    """A leading scale word's power of ten and the rest: `miljard dollar` -> (9, `dollar`)."""
    word, _, after = words.strip().partition(" ")
    exponent = _SCALES[language].get(word.casefold().rstrip("."))
    return (exponent, after.strip()) if exponent is not None else (0, words.strip())


def _same_unit(written: str, unit: str) -> bool:
    """Whether `written` names `unit`: case aside, singular or plural (`maand`, `maanden`)."""
    a, b = written.strip().casefold().rstrip("."), unit.strip().casefold().rstrip(".")
    if a in _CURRENCIES or b in _CURRENCIES:
        a_forms = {a} | set(_CURRENCIES.get(a, ()))
        b_forms = {b} | set(_CURRENCIES.get(b, ()))
        return bool(a_forms & b_forms) or any(_same_unit(x, y) for x in a_forms for y in b_forms
                                              if x not in _CURRENCIES and y not in _CURRENCIES)
    if any(a in same and b in same for same in _SAME_UNITS):
        return True
    return bool(_singulars(a) & _singulars(b))


def _singulars(word: str) -> set[str]:
    """The word and what it could be the plural of: `maanden` -> maand, `jaren` -> jaar, `months` -> month."""
    forms = {word}
    if word.endswith("'s"):
        forms.add(word[:-2])
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    for suffix in ("es", "s", "en"):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            forms.add(word[: -len(suffix)])
    if word.endswith("en") and len(word) > 4:
        stem = word[:-2]
        if stem[-1] == stem[-2]:
            forms.add(stem[:-1])  # mannen -> man
        if re.search(r"[^aeiou][aeiou][^aeiou]$", stem):
            forms.add(stem[:-2] + stem[-2] * 2 + stem[-1])  # jaren -> jaar, weken -> week
    return forms


def readings(text: str) -> tuple[float, ...]:
    """Every value `text` (digits and separators only) has in Dutch or English, ambiguity allowed."""
    values: list[float] = []
    for language in _SEPARATORS:
        try:
            value = float(_canonical_digits(text.strip(), text, language, allow_ambiguous=True))
        except NumberFormatError:
            continue
        if value not in values:
            values.append(value)
    return tuple(values)


def _canonical_digits(body: str, text: str, language: str, *, allow_ambiguous: bool = False) -> str:
    """`body` (digits and separators) as `1234.5`, or NumberFormatError."""
    decimal_sep, group_sep = _SEPARATORS[language]
    if not allow_ambiguous and AMBIGUOUS.fullmatch(body) and decimal_sep in body:
        raise _ambiguous(body, text, language)
    whole, _, fraction = body.partition(decimal_sep)
    if decimal_sep in fraction or (fraction and not _DIGITS.fullmatch(fraction)):
        raise _bad_format(text, language)
    if body.endswith(decimal_sep):
        raise _bad_format(text, language)
    groups = re.split(f"[{re.escape(group_sep + _SPACES)}]", whole)
    if not _is_grouped_in_threes(groups):
        raise _grouping_error(body, text, language)
    return "".join(groups) + ("." + fraction if fraction else "")


def _is_grouped_in_threes(groups: list[str]) -> bool:
    if len(groups) == 1:
        return groups[0] == "" or _DIGITS.fullmatch(groups[0]) is not None
    head, *tail = groups
    return (
        _DIGITS.fullmatch(head) is not None and len(head) <= 3 and not head.startswith("0")
        and all(len(g) == 3 and _DIGITS.fullmatch(g) for g in tail)
    )


def _grouping_error(body: str, text: str, language: str) -> NumberFormatError:
    """Badly grouped digits; one thousands separator that cannot be one was meant as decimals."""
    decimal_sep, group_sep = _SEPARATORS[language]
    head, _, tail = body.partition(group_sep)
    if body.count(group_sep) == 1 and decimal_sep not in body and _DIGITS.fullmatch(head + tail):
        return NumberFormatError(_MESSAGES(
            language, "use_decimal_separator", text=_echo(text), suggestion=head + decimal_sep + tail,
            thousands=format_number(_THOUSANDS_EXAMPLE, language),
        ))
    return _bad_format(text, language)


def _ambiguous(body: str, text: str, language: str) -> NumberFormatError:
    """`1.400` in English: 1400 to a Dutch reader, 1.4 to an English one. Both ways to write it."""
    head, tail = re.split("[.,]", body)
    return NumberFormatError(_MESSAGES(
        language, "ambiguous", text=_echo(text), thousands=format_number(float(head + tail), language),
        decimals=format_number(float(f"{head}.{tail}"), language),
    ))


def _bad_format(text: str, language: str) -> NumberFormatError:
    return NumberFormatError(_MESSAGES(
        language, "bad_format", text=_echo(text),
        thousands=format_number(_THOUSANDS_EXAMPLE, language),
        decimal=format_number(_DECIMAL_EXAMPLE, language),
    ))


def _not_a_number(text: str, language: str) -> NumberFormatError:
    example = format_number(_THOUSANDS_EXAMPLE, language)
    return NumberFormatError(_MESSAGES(language, "not_a_number", text=_echo(text), example=example))


def _unit_error(text: str, language: str, unit: str) -> NumberFormatError:
    if not unit.strip():
        return NumberFormatError(_MESSAGES(language, "number_only", text=_echo(text)))
    return NumberFormatError(_MESSAGES(language, "unknown_unit", text=_echo(text), unit=unit.strip()))


def _echo(text: str) -> str:
    """The student's input as quoted back in a message: on one line and not too long."""
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= _ECHO_LIMIT else one_line[: _ECHO_LIMIT - 1] + "…"


def yaml_number(value: float) -> str:
    """`value` as a YAML number that reads one way only: `1400`, `1.4`, `1.1250` (not `1.125`)."""
    text = format(Decimal(repr(value)), "f")
    text = text.rstrip("0").rstrip(".") if "." in text else text
    return text + "0" if AMBIGUOUS.fullmatch(text.lstrip("-")) else text


def format_number(value: float, language: str) -> str:
    """`value` written the language's way, all significant digits: nl `17.000`, `1,26`, `2020`."""
    if not math.isfinite(value):
        raise ValueError(f"cannot format {value!r} as a number for a student")
    decimal_sep, group_sep = _SEPARATORS[ui_language(language)]
    digits = format(Decimal(repr(abs(value))), "f")
    whole, _, fraction = digits.partition(".")
    fraction = fraction.rstrip("0")
    grouped = _group_thousands(whole, group_sep)
    sign = "-" if value < 0 and (whole.strip("0") or fraction) else ""
    if AMBIGUOUS.fullmatch(f"{grouped}.{fraction}"):
        fraction += "0"  # 1,1250: three decimals alone would read as thousands in the other convention
    return sign + grouped + (decimal_sep + fraction if fraction else "")


def _group_thousands(whole: str, separator: str) -> str:
    """`17000` -> `17.000`; four digits stay ungrouped (`2020`, `1000`), as both languages allow."""
    if len(whole) <= _UNGROUPED_DIGITS:
        return whole
    head = len(whole) % 3 or 3
    groups = [whole[:head]] + [whole[i:i + 3] for i in range(head, len(whole), 3)]
    return separator.join(groups)


def format_quantity(value: float, unit: str, language: str) -> str:
    """A number with its unit: `17.000 man`, `12%`."""
    number = format_number(value, language)
    if not unit:
        return number
    return number + unit if unit in _UNITS_WITHOUT_SPACE else f"{number} {unit}"
