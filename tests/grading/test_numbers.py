"""Numbers are read and written the way the bank's language writes them."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kwis.grading._numbers import NumberFormatError, format_number, format_quantity, parse_number


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("1,26", "nl", 1.26),
    ("17.000", "nl", 17000.0),
    ("1.260", "nl", 1260.0),
    ("1.234.567,89", "nl", 1234567.89),
    ("17 000", "nl", 17000.0),
    ("17\u202f000", "nl", 17000.0),  # narrow no-break space
    ("17\u00a0000", "nl", 17000.0),
    ("17 000,5", "nl", 17000.5),
    (",5", "nl", 0.5),
    ("-3", "nl", -3.0),
    ("\u22123,5", "nl", -3.5),  # Unicode minus sign
    ("+ 4", "nl", 4.0),
    ("  42  ", "nl", 42.0),
    ("0", "nl", 0.0),
    ("1.26", "en", 1.26),
    ("17,000", "en", 17000.0),
    ("1,260", "en", 1260.0),
    ("1,234,567.89", "en", 1234567.89),
    ("17 000", "en", 17000.0),
    ("-0.5", "en", -0.5),
    ("1,26", "nl-BE", 1.26),  # a regional tag reads like its language
    ("1.26", "en-GB", 1.26),
])
def test_reads_numbers_the_languages_way(text: str, language: str, expected: float) -> None:
    assert parse_number(text, language) == expected


@pytest.mark.parametrize(("text", "unit", "expected"), [
    ("17000 man", "man", 17000.0),
    ("17.000 Man", "man", 17000.0),  # the unit is case-insensitive
    ("17000man", "man", 17000.0),
    ("12,5%", "", 12.5),
    ("12,5 %", "man", 12.5),
    ("3 km", "km", 3.0),
])
def test_accepts_the_unit_after_the_number(text: str, unit: str, expected: float) -> None:
    assert parse_number(text, "nl", unit=unit) == expected


@pytest.mark.parametrize(("text", "language", "unit", "message"), [
    ("1.26", "nl", "", "„1.26” is in het Nederlands geen getal: een punt groepeert duizendtallen per drie "
                       "cijfers (17.000) en decimalen komen na een komma, dus schrijf 1,26."),
    ("12.5 man", "nl", "man", "„12.5 man” is in het Nederlands geen getal: een punt groepeert duizendtallen "
                              "per drie cijfers (17.000) en decimalen komen na een komma, dus schrijf 12,5."),
    ("1,26", "en", "", "“1,26” is not a number in English: a comma groups thousands in threes (17,000) "
                       "and decimals come after a point, so write 1.26."),
    ("", "nl", "", "Vul een getal in."),
    ("   ", "en", "", "Enter a number."),
    ("zeventienduizend", "nl", "", "„zeventienduizend” is geen getal. Schrijf het in cijfers, "
                                   "bijvoorbeeld 17.000."),
    ("seventeen thousand", "en", "", "“seventeen thousand” is not a number. Write it in digits, "
                                     "for example 17,000."),
    ("-", "en", "", "“-” is not a number. Write it in digits, for example 17,000."),
    ("ca. 17000", "nl", "man", "„ca. 17000” is geen getal. Schrijf het in cijfers, bijvoorbeeld 17.000."),
    ("17000 soldaten", "nl", "man", "„17000 soldaten”: schrijf het getal, eventueel gevolgd door „man”."),
    ("17000 soldiers", "en", "men", "“17000 soldiers”: write the number, optionally followed by “men”."),
    ("17000 man", "nl", "", "„17000 man”: schrijf alleen het getal."),
    ("1e3", "en", "", "“1e3”: write the number only."),
    ("1.2.3", "nl", "", "„1.2.3” is geen geldig getal. Groepeer duizendtallen per drie met een punt "
                        "(17.000) en schrijf decimalen na een komma (1,26)."),
    ("1,260.5", "nl", "", "„1,260.5” is geen geldig getal. Groepeer duizendtallen per drie met een punt "
                          "(17.000) en schrijf decimalen na een komma (1,26)."),
    ("1.260,5", "en", "", "“1.260,5” is not a valid number. Group thousands in threes with a comma "
                          "(17,000) and write decimals after a point (1.26)."),
    ("1 7000", "en", "", "“1 7000” is not a valid number. Group thousands in threes with a comma "
                         "(17,000) and write decimals after a point (1.26)."),
    ("17,", "nl", "", "„17,” is geen geldig getal. Groepeer duizendtallen per drie met een punt "
                      "(17.000) en schrijf decimalen na een komma (1,26)."),
])
def test_refuses_what_is_no_number_in_the_language_and_says_how_to_write_it(
    text: str, language: str, unit: str, message: str,
) -> None:
    with pytest.raises(NumberFormatError) as caught:
        parse_number(text, language, unit=unit)
    assert caught.value.message == message
    assert str(caught.value) == message


def test_a_long_input_is_quoted_shortened_on_one_line() -> None:
    with pytest.raises(NumberFormatError) as caught:
        parse_number("veel\nte " + "lang " * 20, "nl")
    quoted = caught.value.message.split("”")[0]
    assert quoted == "„veel te lang lang lang lang lang lang l…"  # 40 characters of input at most
    assert "\n" not in caught.value.message


@pytest.mark.parametrize(("value", "language", "expected"), [
    (17000.0, "nl", "17.000"),
    (17000.0, "en", "17,000"),
    (1.26, "nl", "1,26"),
    (1.26, "en", "1.26"),
    (1234567.5, "nl", "1.234.567,5"),
    (-1234567.5, "en", "-1,234,567.5"),
    (999.0, "nl", "999"),
    (1000.0, "nl", "1000"),  # four digits are not grouped: a year reads 2020, not 2.020
    (2020.0, "en", "2020"),
    (1234.5, "nl", "1234,5"),
    (10000.0, "nl", "10.000"),
    (-12345.0, "nl", "-12.345"),
    (0.0, "nl", "0"),
    (-0.0, "en", "0"),
    (1e-7, "nl", "0,0000001"),
    (1e16, "en", "10,000,000,000,000,000"),
    (0.1, "fr", "0.1"),  # an unsupported language falls back to English
])
def test_writes_numbers_the_languages_way(value: float, language: str, expected: str) -> None:
    assert format_number(value, language) == expected


@pytest.mark.parametrize(("value", "unit", "language", "expected"), [
    (17000.0, "man", "nl", "17.000 man"),
    (12.5, "%", "nl", "12,5%"),
    (12.5, "", "en", "12.5"),
    (2.5, "km", "en", "2.5 km"),
])
def test_writes_a_quantity_with_its_unit(value: float, unit: str, language: str, expected: str) -> None:
    assert format_quantity(value, unit, language) == expected


def test_refuses_to_write_what_is_no_number() -> None:
    with pytest.raises(ValueError, match="nan"):
        format_number(math.nan, "nl")


@settings(deadline=None)  # timing on a shared, busy machine is no test of correctness
@given(value=st.floats(allow_nan=False, allow_infinity=False), language=st.sampled_from(["nl", "en"]))
def test_writing_then_reading_gives_the_same_number(value: float, language: str) -> None:
    assert parse_number(format_number(value, language), language) == value


@settings(deadline=None)  # timing on a shared, busy machine is no test of correctness
@given(text=st.text(max_size=30), language=st.sampled_from(["nl", "en"]), unit=st.sampled_from(["", "man"]))
def test_any_input_gives_a_number_or_a_message_never_a_crash(text: str, language: str, unit: str) -> None:
    try:
        value = parse_number(text, language, unit=unit)
    except NumberFormatError as error:
        assert error.message
    else:
        assert math.isfinite(value)
