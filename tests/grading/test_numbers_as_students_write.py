"""Numbers as students really type them: the other convention, scale words, unit words.

Failed before: `17.000` in an English bank was graded as 17 and `1,260` in a Dutch one as 1.26
(silently another number than a student of the other convention meant); `1,26 miljard`,
`1.26 billion`, `$1.26 bn`, `17 duizend`, `17k`, `3 maand` (unit `maanden`) and `17000 militairen`
(unit `man`, bank lists `militairen`) were all refused.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kwis._i18n import SUPPORTED_LANGUAGES
from kwis._model import NumericQuestion
from kwis.grading import grade
from kwis.grading._numbers import NumberFormatError, format_number, parse_number


def _numeric(answer: float, unit: str = "", units: tuple[str, ...] = ()) -> NumericQuestion:
    return NumericQuestion(id="q", prompt="Hoeveel?", answer=answer, low=answer, high=answer, unit=unit,
                           units=units)


@pytest.mark.parametrize(("typed", "language", "message"), [
    ("17.000", "en", "“17.000” can be read two ways: write 17,000 if you mean thousands or 17 if you mean "
                     "decimals."),
    ("17,000", "nl", "„17,000” kan op twee manieren gelezen worden: schrijf 17.000 als je duizendtallen "
                     "bedoelt of 17 als je decimalen bedoelt."),
    ("1,260 man", "nl", "„1,260 man” kan op twee manieren gelezen worden: schrijf 1260 als je duizendtallen "
                        "bedoelt of 1,26 als je decimalen bedoelt."),
    ("-1.125", "en", "“-1.125” can be read two ways: write 1125 if you mean thousands or 1.1250 if you mean "
                     "decimals."),
])
def test_a_number_that_reads_two_ways_is_not_graded_and_the_student_is_told_how(
        typed: str, language: str, message: str) -> None:
    for answer in (17.0, 17000.0, 1.26, 1260.0, -1.125):  # the expected answer never decides
        graded = grade(_numeric(answer, "man"), typed, language=language)
        assert (graded.unreadable, graded.score) == (message, 0.0)


@pytest.mark.parametrize(("typed", "language", "expected"), [
    ("17,000", "en", 17000.0), ("17.000", "nl", 17000.0), ("0,125", "nl", 0.125), ("0.125", "en", 0.125),
    ("1.2500", "en", 1.25), ("1,234.567", "en", 1234.567),
])
def test_what_reads_one_way_is_read(typed: str, language: str, expected: float) -> None:
    assert parse_number(typed, language) == expected


@pytest.mark.parametrize(("typed", "language", "unit", "units", "expected"), [
    ("1,26 miljard", "nl", "", (), 1.26e9),
    ("1.26 billion", "en", "", (), 1.26e9),
    ("$1.26 bn", "en", "dollar", (), 1.26e9),
    ("1,26 miljard dollar", "nl", "dollar", (), 1.26e9),
    ("€ 3 mln", "nl", "euro", (), 3e6),
    ("17 duizend", "nl", "man", (), 17000.0),
    ("17k", "en", "", (), 17000.0),
    ("3 maand", "nl", "maanden", (), 3.0),
    ("3 maanden", "nl", "maand", (), 3.0),
    ("2 jaren", "nl", "jaar", (), 2.0),
    ("1 month", "en", "months", (), 1.0),
    ("17000 militairen", "nl", "man", ("militairen", "soldaten"), 17000.0),
    ("17.000 soldaat", "nl", "man", ("militairen", "soldaten"), 17000.0),
    ("12 procent", "nl", "%", (), 12.0),
])
def test_scale_words_and_unit_words_as_students_write_them(
        typed: str, language: str, unit: str, units: tuple[str, ...], expected: float) -> None:
    assert parse_number(typed, language, unit=unit, units=units) == expected
    assert grade(_numeric(expected, unit, units), typed, language=language).correct


@pytest.mark.parametrize(("typed", "language", "unit"), [
    ("1.26 billion", "nl", ""),  # English scale words are not Dutch ones (biljoen is 10^12)
    ("$3", "nl", "euro"),
    ("$3", "en", ""),
    ("17000 soldaten", "nl", "man"),  # not listed in `units`
    ("3 km", "en", "m"),
])
def test_other_words_are_still_refused_with_a_message(typed: str, language: str, unit: str) -> None:
    with pytest.raises(NumberFormatError):
        parse_number(typed, language, unit=unit)


LANGUAGES = st.sampled_from(SUPPORTED_LANGUAGES)


@settings(deadline=None)  # timing on a shared, busy machine is no test of correctness
@given(value=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15) |
       st.decimals(min_value=-10**6, max_value=10**6, places=3).map(float),
       language=LANGUAGES)
def test_kwis_writes_every_number_so_that_it_reads_back_the_same(value: float, language: str) -> None:
    assert parse_number(format_number(value, language), language) == value


@settings(deadline=None)  # timing on a shared, busy machine is no test of correctness
@given(sign=st.sampled_from(["", "-", "+"]), head=st.from_regex(r"[0-9]{1,3}", fullmatch=True),
       separator=st.sampled_from(".,"), tail=st.from_regex(r"[0-9]{3}", fullmatch=True),
       unit=st.sampled_from(["", " man", "%"]))
def test_one_separator_and_three_digits_is_refused_or_read_the_same_in_every_language(
        sign: str, head: str, separator: str, tail: str, unit: str) -> None:
    text = f"{sign}{head}{separator}{tail}{unit}"
    values = set()
    for language in SUPPORTED_LANGUAGES:
        try:
            values.add(parse_number(text, language, unit="man"))
        except NumberFormatError as error:
            assert error.message
    assert len(values) <= 1, f"{text!r} reads as {values}"


@pytest.mark.parametrize("typed", ["1,26", "1,26 miljard", "1,26 miljard dollar", "1260 miljoen dollar",
                                   "1.260.000.000 dollar", "$1,26 miljard"])
def test_a_unit_that_starts_with_a_scale_word_keeps_its_scale(typed: str) -> None:
    """The MINUSMA budget question: answer 1.26, unit `miljard dollar`."""
    assert parse_number(typed, "nl", unit="miljard dollar") == pytest.approx(1.26, rel=1e-12)
