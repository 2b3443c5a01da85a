"""What every export writer shares: `Losses` (one warning per thing a format leaves out or
changes, so nothing is dropped silently), the writer signature and number formatting."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Union

from kwis.bank._problems import Problem
from kwis._i18n import Messages, ui_language
from kwis._model import AnyQuestion, Bank

_MESSAGES = Messages({
    "en": {
        "skipped": "{format} has no {type} questions: question {id!r} is left out",
        "dropped": "{format} cannot carry the {what} of question {id!r}; it is left out",
        "changed": "{format}, question {id!r}: {what}",
        "skipped_fix": "export to moodle-xml or qti21, which carry every type, or leave the question out",
        "dropped_fix": "add it by hand in the LMS after importing, or use moodle-xml",
        "changed_fix": "check the question in the LMS after importing",
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
        "fixed-order": "the LMS may shuffle the choices (shuffle: false is not carried): set the order "
                       "there by hand",
        "decimal-point": "students must type a decimal point and no thousands separator "
                         "(17000, 1.26): a typed 17.000 counts as 17",
        "qti-identifier": "a QTI identifier cannot start with a digit: the item is named {identifier}",
        "exact-text": "typed answers are compared exactly, case aside: kwis also forgives accents, "
                      "spaces and punctuation (Goita for Goïta)",
        "order-all-or-nothing": "scored all or nothing: kwis gives partial credit per pair in the "
                                "right order",
        "cloze-marks": "Moodle gives a cloze one mark per gap: this question is worth {marks}, "
                       "not {points} (set its mark in the quiz)",
        "left-out": "{format} cannot carry question {id!r}: {why}; it is left out",
        "left-out_fix": "change the text, or export to moodle-xml or qti21",
        "gift-arrow": "GIFT reads '->' in a typed answer as a matching pair, which stops Moodle's import",
        "canvas-range": "Canvas keeps the range {low}..{high} but shows no single right answer "
                        "(the bank's answer is {answer})",
        "control-characters": "control characters in its text are left out",
        "summary.left-out": "{format}: {count} left out ({what}): {ids}",
        "gives-away": "{format}: the hint of question {id!r} names its answer; it is left out of the copy",
        "gives-away_fix": "reword the hint so that it helps without naming the answer, then export again",
        "summary.gives-away": "{format}: the hint left out of {count}, as it names the answer: {ids}",
        "summary.student": "student: {count} questions without answers, explanations, feedback or source "
                           "quotes; exams on it are marked with `kwis grade CLASS --bank {bank}`",
        "short.cloze-marks": "a cloze worth one mark per gap in Moodle, not its points",
        "short.canvas-range": "a range with no single right answer shown",
        "short.control-characters": "control characters left out",
        "units": "other unit words (`units`)",
        "date-as-text": "the answer is compared as text, not as a date: only the spellings written in the "
                        "bank count (16 June, not 16/6)",
        "short.date-as-text": "dates compared as text (expect: date not carried)",
        "summary.skipped": "{format}: {count} left out ({type} questions): {ids}",
        "summary.dropped": "{format}: {what} left out of {count}: {ids}",
        "summary.changed": "{format}: {what} ({count}: {ids})",
        "summary.question": "1 question", "summary.questions": "{count} questions",
        "summary.more": "{ids} and {more} more",
        "summary.clean": "{format}: all {count} questions exported as they are",
        "summary.verbose": "details per question: kwis export --verbose",
        "short.numeric-middle": "a range exported as its middle ± tolerance",
        "short.mixed-gaps": "dropdown gaps made typed gaps",
        "short.choice-order": "the fixed choice order (shuffle: false) not carried",
        "short.fixed-order": "the fixed choice order (shuffle: false) not carried",
        "short.decimal-point": "numbers must be typed with a decimal point (a typed 17.000 counts as 17)",
        "short.qti-identifier": "an item identifier renamed (ids starting with a digit)",
        "short.exact-text": "typed answers compared exactly (no forgiving of accents, spaces, punctuation)",
        "short.order-all-or-nothing": "order scored all or nothing",
    },
    "nl": {
        "skipped": "{format} kent geen {type}-vragen: vraag {id!r} is weggelaten",
        "dropped": "{format} kan {what} van vraag {id!r} niet bevatten; dat is weggelaten",
        "changed": "{format}, vraag {id!r}: {what}",
        "skipped_fix": "exporteer naar moodle-xml of qti21, die elk type kennen, of laat de vraag weg",
        "dropped_fix": "voeg het na het importeren met de hand toe in de LMS, of gebruik moodle-xml",
        "changed_fix": "controleer de vraag in de LMS na het importeren",
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
        "fixed-order": "de LMS kan de keuzes schudden (shuffle: false gaat niet mee): zet de volgorde "
                       "daar met de hand vast",
        "decimal-point": "studenten moeten een decimale punt typen en geen scheidingsteken voor "
                         "duizendtallen (17000, 1.26): een getypt 17.000 telt als 17",
        "qti-identifier": "een QTI-identifier kan niet met een cijfer beginnen: het item heet {identifier}",
        "exact-text": "getypte antwoorden worden exact vergeleken, op hoofdletters na: kwis vergeeft "
                      "ook accenten, spaties en leestekens (Goita voor Goïta)",
        "order-all-or-nothing": "alles of niets gescoord: kwis geeft deelpunten per paar in de goede "
                                "volgorde",
        "cloze-marks": "Moodle geeft een invulvraag één punt per gat: deze vraag is {marks} waard, "
                       "niet {points} (stel het cijfer in de toets in)",
        "left-out": "{format} kan vraag {id!r} niet bevatten: {why}; die is weggelaten",
        "left-out_fix": "pas de tekst aan, of exporteer naar moodle-xml of qti21",
        "gift-arrow": "GIFT leest '->' in een getypt antwoord als een koppelpaar, en dan stopt de "
                      "import in Moodle",
        "canvas-range": "Canvas houdt het bereik {low}..{high} maar toont geen enkel goed antwoord "
                        "(het antwoord in de bank is {answer})",
        "control-characters": "stuurtekens in de tekst zijn weggelaten",
        "summary.left-out": "{format}: {count} weggelaten ({what}): {ids}",
        "gives-away": "{format}: de hint van vraag {id!r} noemt het antwoord; die is uit de kopie weggelaten",
        "gives-away_fix": "formuleer de hint zo dat hij helpt zonder het antwoord te noemen, en exporteer opnieuw",
        "summary.gives-away": "{format}: de hint weggelaten bij {count}, omdat die het antwoord noemt: {ids}",
        "summary.student": "student: {count} vragen zonder antwoorden, uitleg, feedback of broncitaten; toetsen "
                           "daarop kijk je na met `kwis grade KLAS --bank {bank}`",
        "short.cloze-marks": "een invulvraag in Moodle één punt per gat waard, niet haar punten",
        "short.canvas-range": "een bereik zonder één getoond goed antwoord",
        "short.control-characters": "stuurtekens weggelaten",
        "units": "de andere woorden voor de eenheid (`units`)",
        "date-as-text": "het antwoord wordt als tekst vergeleken, niet als datum: alleen de schrijfwijzen in "
                        "de bank tellen (16 juni, niet 16-6)",
        "short.date-as-text": "datums als tekst vergeleken (expect: date gaat niet mee)",
        "summary.skipped": "{format}: {count} weggelaten ({type}-vragen): {ids}",
        "summary.dropped": "{format}: {what} weggelaten bij {count}: {ids}",
        "summary.changed": "{format}: {what} ({count}: {ids})",
        "summary.question": "1 vraag", "summary.questions": "{count} vragen",
        "summary.more": "{ids} en nog {more}",
        "summary.clean": "{format}: alle {count} vragen geëxporteerd zoals ze zijn",
        "summary.verbose": "details per vraag: kwis export --verbose",
        "short.numeric-middle": "een bereik geëxporteerd als midden ± tolerantie",
        "short.mixed-gaps": "keuzelijst-gaten werden invulgaten",
        "short.choice-order": "de vaste volgorde van de keuzes (shuffle: false) gaat niet mee",
        "short.fixed-order": "de vaste volgorde van de keuzes (shuffle: false) gaat niet mee",
        "short.decimal-point": "getallen moeten met een decimale punt getypt worden (een getypt 17.000 telt als 17)",
        "short.qti-identifier": "een item-identifier hernoemd (id's die met een cijfer beginnen)",
        "short.exact-text": "getypte antwoorden exact vergeleken (accenten, spaties, leestekens tellen mee)",
        "short.order-all-or-nothing": "volgorde alles of niets gescoord",
    },
})


@dataclass(frozen=True)
class Loss:
    """One kind of loss for one question: `kind` skipped/dropped/changed, `what` its table key."""

    kind: str
    what: str
    question_id: str


@dataclass
class Losses:
    """Collects one warning per question and thing a format leaves out or changes."""

    bank: Bank
    format: str
    problems: list[Problem] = field(default_factory=list)
    entries: list[Loss] = field(default_factory=list)

    def _add(self, question: AnyQuestion, kind: str, key: str, **values: object) -> None:
        language = ui_language(self.bank.language)
        index = self.bank.questions.index(question)
        message = _MESSAGES(language, kind, format=self.format, id=question.id, **values)
        self.problems.append(Problem(self.bank.path, 0, 0, f"$.questions[{index}]", message,
                                     _MESSAGES(language, f"{kind}_fix"), severity="warning", code=_CODES[kind]))
        self.entries.append(Loss(kind, key, question.id))

    def skipped(self, question: AnyQuestion) -> None:
        self._add(question, "skipped", question.type, type=question.type)

    def dropped(self, question: AnyQuestion, what: str) -> None:
        self._add(question, "dropped", what, what=_MESSAGES(ui_language(self.bank.language), what))

    def changed(self, question: AnyQuestion, what: str, **values: object) -> None:
        self._add(question, "changed", what, what=_MESSAGES(ui_language(self.bank.language), what, **values))

    def gives_away(self, question: AnyQuestion) -> None:
        """A student copy leaves out the hint: it names the answer."""
        self._add(question, "gives-away", "hint")

    def left_out(self, question: AnyQuestion, why: str) -> None:
        """The question is not exported: the format would misread it."""
        self._add(question, "left-out", why, why=_MESSAGES(ui_language(self.bank.language), why))

    def dropped_if(self, question: AnyQuestion, **present: object) -> None:
        """`dropped(question, name)` for every named field that has a value."""
        for name, value in present.items():
            if value:
                self.dropped(question, name.replace("_", "-"))


_CODES = {"skipped": "W201", "left-out": "W201", "dropped": "W202", "gives-away": "W202", "changed": "W203"}

Output = Union[str, bytes]
Writer = Callable[[Bank, Losses], Output]


@dataclass(frozen=True)
class Exported:
    """The exported file, a warning per question and loss, and one summary line per kind of loss."""

    data: Output
    problems: tuple[Problem, ...]
    summary: tuple[str, ...] = ()


def plain_number(value: float) -> str:
    """A number as LMS formats read it: `17000`, `1.26`, never an exponent."""
    text = format(Decimal(repr(value)), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85]+")


def no_control(text: str) -> str:
    """Text without the control characters no export can hold (XML 1.0 cannot hold them at all);
    tab and line breaks stay."""
    return _CONTROL.sub("", text)


def one_line(text: str) -> str:
    """Text for a one-line field (a GIFT comment or category line): line breaks become spaces."""
    return no_control(_LINE_BREAKS.sub(" ", text))


def has_feedback(question: AnyQuestion) -> bool:
    f = question.feedback
    return bool(f.correct or f.partial or f.incorrect)


_SHOWN_IDS = 5


def summarise(bank: Bank, format: str, entries: list[Loss]) -> tuple[str, ...]:
    """One line per kind of loss, in the bank's language: how many questions, which ones."""
    language = ui_language(bank.language)
    groups: dict[tuple[str, str], list[str]] = {}
    for entry in entries:
        ids = groups.setdefault((entry.kind, entry.what), [])
        if entry.question_id not in ids:
            ids.append(entry.question_id)
    first: tuple[str, ...] = ()
    if format == "student":
        first = (_MESSAGES(language, "summary.student", count=len(bank.questions), bank=bank.path or bank.id),)
    if not groups:
        return first or (_MESSAGES(language, "summary.clean", format=format, count=len(bank.questions)),)
    lines = [_summary_line(language, format, kind, what, ids) for (kind, what), ids in groups.items()]
    return first + tuple(lines) + (_MESSAGES(language, "summary.verbose"),)


def _summary_line(language: str, format: str, kind: str, what: str, ids: list[str]) -> str:
    count = (_MESSAGES(language, "summary.question") if len(ids) == 1
             else _MESSAGES(language, "summary.questions", count=len(ids)))
    shown = ", ".join(ids[:_SHOWN_IDS])
    if len(ids) > _SHOWN_IDS:
        shown = _MESSAGES(language, "summary.more", ids=shown, more=len(ids) - _SHOWN_IDS)
    if kind == "skipped":
        return _MESSAGES(language, "summary.skipped", format=format, count=count, type=what, ids=shown)
    if kind == "gives-away":
        return _MESSAGES(language, "summary.gives-away", format=format, count=count, ids=shown)
    label = _MESSAGES(language, f"short.{what}" if kind == "changed" else what)
    return _MESSAGES(language, f"summary.{kind}", format=format, what=label, count=count, ids=shown)
