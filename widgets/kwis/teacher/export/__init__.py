"""`kwis export`: a bank in an LMS or print format, with a warning for all a format cannot carry.

Each writer is a function `(bank, losses) -> str | bytes`; it reports what it leaves out or
changes through `Losses`, so nothing is dropped silently.
"""

from __future__ import annotations

from kwis._model import Bank, ClozeQuestion, NumericQuestion, TextQuestion
from kwis._i18n import Messages
from kwis.teacher.export import _answer_key, _gift, _jupyterquiz, _moodle, _qti12, _qti21, _student
from kwis.teacher.export._losses import Exported, Losses, Writer, summarise
from kwis.teacher.export._policy import clean, report_control_characters, reset, with_bank

__all__ = ["BINARY_FORMATS", "FORMATS", "Exported", "KeylessExport", "export"]

WRITERS: dict[str, Writer] = {
    "moodle-xml": _moodle.write, "gift": _gift.write, "qti": _qti12.write, "qti21": _qti21.write,
    "jupyterquiz": _jupyterquiz.write, "answer-key": _answer_key.write, "student": _student.write,
}
FORMATS = tuple(WRITERS)
BINARY_FORMATS = frozenset({"qti", "qti21"})


_MESSAGES = Messages({
    "en": {"keyless": "{bank} is a student copy without answers: it can only be exported --to student; "
                      "export the full bank instead"},
    "nl": {"keyless": "{bank} is een studentenkopie zonder antwoorden: die kan alleen --to student worden "
                      "geëxporteerd; exporteer de volledige bank"},
})


class KeylessExport(ValueError):
    """A student copy has no answers for an LMS format or an answer key to carry."""


def export(bank: Bank, format: str) -> Exported:
    """The bank in `format` (one of FORMATS) and a warning for everything it could not carry.
    Raises `KeylessExport` for a student copy in any format but `student`."""
    if bank.keyless and format != "student":
        raise KeylessExport(_MESSAGES(bank.language, "keyless", bank=bank.path or bank.id))
    losses = Losses(bank, format)
    report_control_characters(bank, losses)
    token = with_bank(bank)
    try:
        data = WRITERS[format](bank, losses)
    finally:
        reset(token)
    if isinstance(data, str):
        data = clean(data)
    if format not in ("answer-key", "student"):
        report_kwis_readings(bank, losses)
    return Exported(data, tuple(losses.problems), summarise(bank, format, losses.entries))


def report_kwis_readings(bank: Bank, losses: Losses) -> None:
    """How kwis reads an answer that no LMS format carries: other unit words, answers read as dates."""
    skipped = {e.question_id for e in losses.entries if e.kind == "skipped"}
    for question in bank.questions:
        if question.id in skipped:
            continue
        if isinstance(question, NumericQuestion) and question.units:
            losses.dropped(question, "units")
        if isinstance(question, (TextQuestion, ClozeQuestion)) and question.expect == "date":
            losses.changed(question, "date-as-text")
