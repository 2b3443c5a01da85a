"""`kwis import`: existing GIFT and Moodle XML banks as kwis banks (then written as YAML)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from kwis.bank._ids import unique_id
from kwis.bank._limits import MAX_NUMBER
from kwis.bank._problems import Problem
from kwis._i18n import Messages, ui_language
from kwis._model import AnyQuestion, Bank, Settings

__all__ = ["Imported", "fill_in_prompt", "finite"]

_MESSAGES = Messages({
    "en": {
        "unsupported": "{format}: the question {name!r} is of type {type!r}, which kwis has no "
                       "equivalent for; it is left out",
        "unsupported_fix": "rewrite it by hand as one of the kwis types (see docs/bank-format.md)",
        "unreadable": "{format}: the question {name!r} cannot be read: {reason}",
        "unreadable_fix": "check the question in the LMS and export it again",
        "no-questions": "{format}: no question could be imported",
        "no-questions_fix": "check that the file is a {format} export",
        "fill-in": "Fill in the blanks.",
    },
    "nl": {
        "unsupported": "{format}: de vraag {name!r} is van het type {type!r}, waarvoor kwis geen "
                       "tegenhanger heeft; ze is weggelaten",
        "unsupported_fix": "schrijf haar met de hand om naar een van de kwis-typen (zie docs/bank-format.md)",
        "unreadable": "{format}: de vraag {name!r} is niet te lezen: {reason}",
        "unreadable_fix": "controleer de vraag in de LMS en exporteer haar opnieuw",
        "no-questions": "{format}: er kon geen enkele vraag worden geïmporteerd",
        "no-questions_fix": "controleer of het bestand een {format}-export is",
        "fill-in": "Vul de open plekken in.",
    },
})


@dataclass
class Imported:
    """What an import found: questions in file order and a warning for each one left out."""

    file: str
    format: str
    language: str
    questions: list[AnyQuestion] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    title: str = ""
    bank_id: str = ""  # as the kwis export wrote it in the file's header
    _ids: set[str] = field(default_factory=set, repr=False)

    def warn(self, kind: str, line: int = 0, **values: object) -> None:
        lang = ui_language(self.language)
        self.problems.append(Problem(
            self.file, line, 0, "$", _MESSAGES(lang, kind, format=self.format, **values),
            _MESSAGES(lang, f"{kind}_fix", format=self.format), severity="warning", code="W301"))

    def add(self, question: AnyQuestion) -> None:
        unique = unique_id(question.id, self._ids)  # a set kept as we go: import stays linear
        self._ids.add(unique)
        self.questions.append(question if unique == question.id else replace(question, id=unique))

    def bank(self, bank_id: str, title: str) -> Bank:
        if not self.questions:
            self.warn("no-questions")
        return Bank(id=bank_id, title=title or self.title or bank_id, language=self.language,
                    questions=tuple(self.questions), settings=Settings(), path=self.file)


def fill_in_prompt(language: str) -> str:
    """The prompt for a cloze passage that came without one."""
    return _MESSAGES(ui_language(language), "fill-in")


def finite(text: str | float) -> float:
    """A number from an imported file as the loader accepts it: finite, at most MAX_NUMBER in size.
    Raises ValueError (the question is left out with a warning) for NaN, infinity or a huge one."""
    number = float(text)
    if not math.isfinite(number) or abs(number) > MAX_NUMBER:
        raise ValueError(f"{str(text)[:24]!s} is not a finite number up to 10^15")
    return number
