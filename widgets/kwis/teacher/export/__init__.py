"""`kwis export`: a bank in an LMS or print format, with a warning for all a format cannot carry.

Each writer is a function `(bank, losses) -> str | bytes`; it reports what it leaves out or
changes through `Losses`, so nothing is dropped silently.
"""

from __future__ import annotations

from kwis._model import Bank, ClozeQuestion, NumericQuestion, TextQuestion
from kwis.teacher.export import _answer_key, _gift, _jupyterquiz, _moodle, _qti12, _qti21
from kwis.teacher.export._losses import Exported, Losses, Writer, summarise
from kwis.teacher.export._policy import clean, report_control_characters, reset, with_bank

__all__ = ["BINARY_FORMATS", "FORMATS", "Exported", "export"]

WRITERS: dict[str, Writer] = {
    "moodle-xml": _moodle.write, "gift": _gift.write, "qti": _qti12.write, "qti21": _qti21.write,
    "jupyterquiz": _jupyterquiz.write, "answer-key": _answer_key.write,
}
FORMATS = tuple(WRITERS)
BINARY_FORMATS = frozenset({"qti", "qti21"})


def export(bank: Bank, format: str) -> Exported:
    """The bank in `format` (one of FORMATS) and a warning for everything it could not carry."""
    losses = Losses(bank, format)
    report_control_characters(bank, losses)
    token = with_bank(bank)
    try:
        data = WRITERS[format](bank, losses)
    finally:
        reset(token)
    if isinstance(data, str):
        data = clean(data)
    if format != "answer-key":
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
