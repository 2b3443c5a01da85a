"""Reading a date the common ways students write one: `16 juni`, `16-6`, `16/6`, `16 June`, `June 16`.

Day and month are required, the year optional. Numbers alone are read day first in Dutch. In
English, `6/7` is 6 July to a British reader and June 7 to an American one: a numeric date whose
two parts could each be the month is ambiguous there, and refused with a message saying how to
write it (never decided by the expected answer, which would give it away).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kwis._i18n import Messages, ui_language
from kwis.grading._text import normalise_text

_MESSAGES = Messages({
    "en": {
        "ambiguous_date": "“{text}” can be two dates: write the month as a word, {day_first} or {month_first}.",
        "not_a_date": "“{text}” is not a date: write it as, for example, 16 June or 16/6.",
    },
    "nl": {
        "ambiguous_date": "„{text}” kan twee datums zijn: schrijf de maand als woord, {day_first} of {month_first}.",
        "not_a_date": "„{text}” is geen datum: schrijf hem bijvoorbeeld als 16 juni of 16-6.",
    },
})

_MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
_SHORT = {"mrt": 3, "okt": 10, "sept": 9}
_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th|e|de|ste)?"
_WORD_DATE = (
    re.compile(rf"^(?:the )?{_ORDINAL} (?:of )?([a-z]+)\.?,? ?(\d{{4}})?$"),  # 16 juni 2013, the 16th of June
    re.compile(rf"^([a-z]+)\.? (?:the )?{_ORDINAL},? ?(\d{{4}})?$"),  # June 16, 2013
)
_NUMERIC = re.compile(r"^(\d{1,2})[-/.](\d{1,2})(?:[-/.](\d{4}|\d{2}))?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


@dataclass(frozen=True)
class Date:
    day: int
    month: int
    year: int | None = None

    def matches(self, expected: "Date") -> bool:
        """The same day and month; the year too when the expected date has one."""
        same_day = (self.day, self.month) == (expected.day, expected.month)
        return same_day and (expected.year is None or self.year == expected.year)


class DateFormatError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_date(text: str, language: str) -> Date:
    """The date in `text`; DateFormatError (in `language`) when it is none or reads two ways."""
    language = ui_language(language)
    plain = " ".join(normalise_text(text).replace(",", " , ").split()).replace(" ,", ",")
    found = _word_date(plain) or _iso_date(plain) or _numeric_date(plain, text, language)
    if found is None or not _exists(found):
        raise DateFormatError(_MESSAGES(language, "not_a_date", text=" ".join(text.split())[:40]))
    return found


def _word_date(plain: str) -> Date | None:
    for number, pattern in enumerate(_WORD_DATE):
        match = pattern.match(plain)
        if match is None:
            continue
        day, word, year = match.groups() if number == 0 else (match.group(2), match.group(1), match.group(3))
        month = _month(word)
        if month is not None:
            return Date(int(day), month, int(year) if year else None)
    return None


def _month(word: str) -> int | None:
    for names in _MONTHS.values():
        for number, name in enumerate(names, start=1):
            if word == name.casefold() or (len(word) >= 3 and name.casefold().startswith(word)):
                return number
    return _SHORT.get(word)


def _iso_date(plain: str) -> Date | None:
    match = _ISO.match(plain)
    return Date(int(match.group(3)), int(match.group(2)), int(match.group(1))) if match else None


def _numeric_date(plain: str, text: str, language: str) -> Date | None:
    match = _NUMERIC.match(plain)
    if match is None:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    year = _year(match.group(3))
    if language == "en" and first != second and first <= 12 and second <= 12:
        day_first, month_first = Date(first, second), Date(second, first)
        raise DateFormatError(_MESSAGES(language, "ambiguous_date", text=" ".join(text.split())[:40],
                                        day_first=_written(day_first, language), month_first=_written(month_first, language,
                                                                                                  month_first=True)))
    if language == "en" and first <= 12 < second:
        return Date(second, first, year)  # 6/16: only the American reading is a date
    return Date(first, second, year)


def _year(written: str | None) -> int | None:
    if not written:
        return None
    return int(written) + (2000 if len(written) == 2 else 0)


def _written(date: Date, language: str, *, month_first: bool = False) -> str:
    month = _MONTHS[language][date.month - 1]
    return f"{month} {date.day}" if month_first else f"{date.day} {month}"


def _exists(date: Date) -> bool:
    return 1 <= date.month <= 12 and 1 <= date.day <= _DAYS_IN_MONTH[date.month - 1]


def reads_as_date(text: str, language: str) -> bool:
    try:
        parse_date(text, language)
    except DateFormatError:
        return False
    return True
