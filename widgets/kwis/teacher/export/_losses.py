"""What every export writer shares: `Losses` (one warning per thing a format leaves out or
changes, so nothing is dropped silently), the writer signature and number formatting."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Union

from kwis.bank._problems import Problem
from kwis._i18n import Messages, ui_language
from kwis._model import AnyQuestion, Bank

_M = Messages({
    "en": {
        "skipped": "{format} has no {type} questions: question {id!r} is left out",
        "dropped": "{format} cannot carry the {what} of question {id!r}; it is left out",
        "changed": "{format}, question {id!r}: {what}",
        "fix.skipped": "export to moodle-xml or qti21, which carry every type, or leave the question out",
        "fix.dropped": "add it by hand in the LMS after importing, or use moodle-xml",
        "fix.changed": "check the question in the LMS after importing",
        "hint": "hint", "source": "source quote", "pattern": "answer pattern (regex)",
        "typos": "typo tolerance", "feedback": "question-level feedback",
        "choice-feedback": "feedback per choice", "case": "case sensitivity",
        "unit": "unit", "difficulty": "difficulty", "points": "points", "tags": "tags",
        "distractors": "extra right-hand options", "explanation": "explanation", "group": "group",
        "numeric-middle": "the range {low}..{high} is exported as its middle {middle} ± {tolerance}; "
                          "the answer shown was {answer}",
        "mixed-gaps": "dropdown gaps become typed gaps that accept the right answers",
        "choice-order": "the choices may be shown shuffled (shuffle: false is not carried); "
                        "call display_quiz(..., shuffle_answers=False) to keep the order",
        "decimal-point": "students must type a decimal point and no thousands separator "
                         "(17000, 1.26): a typed 17.000 counts as 17",
        "qti-identifier": "a QTI identifier cannot start with a digit: the item is named {identifier}",
        "exact-text": "typed answers are compared exactly, case aside: kwis also forgives accents, "
                      "spaces and punctuation (Goita for Goïta)",
        "order-all-or-nothing": "scored all or nothing: kwis gives partial credit per pair in the "
                                "right order",
    },
    "nl": {
        "skipped": "{format} kent geen {type}-vragen: vraag {id!r} is weggelaten",
        "dropped": "{format} kan {what} van vraag {id!r} niet bevatten; dat is weggelaten",
        "changed": "{format}, vraag {id!r}: {what}",
        "fix.skipped": "exporteer naar moodle-xml of qti21, die elk type kennen, of laat de vraag weg",
        "fix.dropped": "voeg het na het importeren met de hand toe in de LMS, of gebruik moodle-xml",
        "fix.changed": "controleer de vraag in de LMS na het importeren",
        "hint": "de hint", "source": "het broncitaat", "pattern": "het antwoordpatroon (regex)",
        "typos": "de tolerantie voor tikfouten", "feedback": "de feedback op vraagniveau",
        "choice-feedback": "de feedback per keuze", "case": "de hoofdlettergevoeligheid",
        "unit": "de eenheid", "difficulty": "de moeilijkheidsgraad", "points": "de punten",
        "tags": "de tags", "distractors": "de extra opties rechts", "explanation": "de uitleg",
        "group": "de groep",
        "numeric-middle": "het bereik {low}..{high} wordt geëxporteerd als het midden {middle} ± "
                          "{tolerance}; het getoonde antwoord was {answer}",
        "mixed-gaps": "keuzelijst-gaten worden invulgaten die de goede antwoorden accepteren",
        "choice-order": "de keuzes kunnen geschud getoond worden (shuffle: false gaat niet mee); "
                        "roep display_quiz(..., shuffle_answers=False) aan om de volgorde te houden",
        "decimal-point": "studenten moeten een decimale punt typen en geen scheidingsteken voor "
                         "duizendtallen (17000, 1.26): een getypt 17.000 telt als 17",
        "qti-identifier": "een QTI-identifier kan niet met een cijfer beginnen: het item heet {identifier}",
        "exact-text": "getypte antwoorden worden exact vergeleken, op hoofdletters na: kwis vergeeft "
                      "ook accenten, spaties en leestekens (Goita voor Goïta)",
        "order-all-or-nothing": "alles of niets gescoord: kwis geeft deelpunten per paar in de goede "
                                "volgorde",
    },
})


@dataclass
class Losses:
    """Collects one warning per question and thing a format leaves out or changes."""

    bank: Bank
    format: str
    problems: list[Problem] = field(default_factory=list)

    def _add(self, question: AnyQuestion, kind: str, **values: object) -> None:
        language = ui_language(self.bank.language)
        index = self.bank.questions.index(question)
        message = _M(language, kind, format=self.format, id=question.id, **values)
        self.problems.append(Problem(self.bank.path, 0, 0, f"$.questions[{index}]", message,
                                     _M(language, f"fix.{kind}"), severity="warning", code=_CODES[kind]))

    def skipped(self, question: AnyQuestion) -> None:
        self._add(question, "skipped", type=question.type)

    def dropped(self, question: AnyQuestion, what: str) -> None:
        self._add(question, "dropped", what=_M(ui_language(self.bank.language), what))

    def changed(self, question: AnyQuestion, what: str, **values: object) -> None:
        self._add(question, "changed", what=_M(ui_language(self.bank.language), what, **values))

    def dropped_if(self, question: AnyQuestion, **present: object) -> None:
        """`dropped(question, name)` for every named field that has a value."""
        for name, value in present.items():
            if value:
                self.dropped(question, name.replace("_", "-"))


_CODES = {"skipped": "W201", "dropped": "W202", "changed": "W203"}

Output = Union[str, bytes]
Writer = Callable[[Bank, Losses], Output]


@dataclass(frozen=True)
class Exported:
    data: Output
    problems: tuple[Problem, ...]


def plain_number(value: float) -> str:
    """A number as LMS formats read it: `17000`, `1.26`, never an exponent."""
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def has_feedback(question: AnyQuestion) -> bool:
    f = question.feedback
    return bool(f.correct or f.partial or f.incorrect)
