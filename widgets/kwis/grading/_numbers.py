"""Reading and writing numbers the way the bank's language writes them.

Dutch writes `1,26` and `17.000`, English `1.26` and `17,000`. Input that only makes sense
in the other convention (Dutch `1.26`: a dot groups thousands in threes) is refused with a
message saying how to write it, never reinterpreted by guessing.
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


class NumberFormatError(ValueError):
    """Text that is not a number in the bank's language; `message` says how to write it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_number(text: str, language: str, *, unit: str = "") -> float:
    """The number in `text` as written in `language`, optionally followed by `unit` or `%`.

    Raises NumberFormatError with a message in that language (plain text that quotes the
    input: show it escaped, not as Markdown).
    """
    lang = ui_language(language)
    stripped = text.strip()
    if not stripped:
        raise NumberFormatError(_MESSAGES(lang, "empty"))
    match = _NUMBER_START.fullmatch(stripped)
    assert match is not None  # every part of the pattern may be empty
    sign, body, rest = match.group(1), match.group(2).strip(_SPACES), match.group(3).strip()
    if not _DIGITS.search(body):
        raise _not_a_number(stripped, lang)
    if rest and not _is_accepted_unit(rest, unit):
        raise _unit_error(stripped, lang, unit)
    value = float(_canonical_digits(body, stripped, lang))
    return -value if sign and sign in _MINUS_SIGNS else value


def _is_accepted_unit(written: str, unit: str) -> bool:
    accepted = {"%"} | ({unit.strip().casefold()} if unit.strip() else set())
    return written.casefold() in accepted


def _canonical_digits(body: str, text: str, lang: str) -> str:
    """`body` (digits and separators) as `1234.5`, or NumberFormatError."""
    decimal_sep, group_sep = _SEPARATORS[lang]
    whole, _, fraction = body.partition(decimal_sep)
    if decimal_sep in fraction or (fraction and not _DIGITS.fullmatch(fraction)):
        raise _bad_format(text, lang)
    if body.endswith(decimal_sep):
        raise _bad_format(text, lang)
    groups = re.split(f"[{re.escape(group_sep + _SPACES)}]", whole)
    if not _is_grouped_in_threes(groups):
        raise _grouping_error(body, text, lang)
    return "".join(groups) + ("." + fraction if fraction else "")


def _is_grouped_in_threes(groups: list[str]) -> bool:
    if len(groups) == 1:
        return groups[0] == "" or _DIGITS.fullmatch(groups[0]) is not None
    head, *tail = groups
    return (
        _DIGITS.fullmatch(head) is not None and len(head) <= 3
        and all(len(g) == 3 and _DIGITS.fullmatch(g) for g in tail)
    )


def _grouping_error(body: str, text: str, lang: str) -> NumberFormatError:
    """Badly grouped digits; one thousands separator that cannot be one was meant as decimals."""
    decimal_sep, group_sep = _SEPARATORS[lang]
    head, _, tail = body.partition(group_sep)
    if body.count(group_sep) == 1 and decimal_sep not in body and _DIGITS.fullmatch(head + tail):
        return NumberFormatError(_MESSAGES(
            lang, "use_decimal_separator", text=_echo(text), suggestion=head + decimal_sep + tail,
            thousands=format_number(_THOUSANDS_EXAMPLE, lang),
        ))
    return _bad_format(text, lang)


def _bad_format(text: str, lang: str) -> NumberFormatError:
    return NumberFormatError(_MESSAGES(
        lang, "bad_format", text=_echo(text),
        thousands=format_number(_THOUSANDS_EXAMPLE, lang),
        decimal=format_number(_DECIMAL_EXAMPLE, lang),
    ))


def _not_a_number(text: str, lang: str) -> NumberFormatError:
    example = format_number(_THOUSANDS_EXAMPLE, lang)
    return NumberFormatError(_MESSAGES(lang, "not_a_number", text=_echo(text), example=example))


def _unit_error(text: str, lang: str, unit: str) -> NumberFormatError:
    if not unit.strip():
        return NumberFormatError(_MESSAGES(lang, "number_only", text=_echo(text)))
    return NumberFormatError(_MESSAGES(lang, "unknown_unit", text=_echo(text), unit=unit.strip()))


def _echo(text: str) -> str:
    """The student's input as quoted back in a message: on one line and not too long."""
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= _ECHO_LIMIT else one_line[: _ECHO_LIMIT - 1] + "…"


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
