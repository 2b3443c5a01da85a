"""GIFT (docs.moodle.org/en/GIFT_format): Moodle's plain-text format, Markdown question text.

GIFT has no ordering and no cloze with more than one gap; those questions are left out with a
warning. Ids and tags travel in Moodle's `// [id:...]` and `// [tag:...]` comment lines.
"""

from __future__ import annotations

from typing import Callable

from kwis.teacher.export._losses import Losses, has_feedback, plain_number
from kwis.teacher.export._moodle import category_path
from kwis._model import (
    AnyQuestion, Bank, ChoiceQuestion, ClozeQuestion, Gap, MatchQuestion, MultipleQuestion,
    NumericQuestion, TextQuestion, TrueFalseQuestion,
)

RESERVED = {"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:",
            "\n": "\\n", "\r": ""}


def escape(text: str) -> str:
    """Text with GIFT's control characters escaped; newlines become `\\n`."""
    return "".join(RESERVED.get(c, c) for c in text)


def write(bank: Bank, losses: Losses) -> str:
    blocks = [f"// {escape(bank.title)} ({bank.id}), kwis bank language {bank.language}"]
    category = None
    for question in bank.questions:
        body = _BODY[question.type](question, losses)
        if body is None:
            losses.skipped(question)
            continue
        wanted = category_path(bank, question)
        if wanted != category:
            blocks.append(f"$CATEGORY: {wanted}")
            category = wanted
        _report_dropped(question, losses)
        blocks.append(_header(question) + body)
    return "\n\n".join(blocks) + "\n"


def _header(question: AnyQuestion) -> str:
    lines = [f"// [id:{question.id}]"] + [f"// [tag:{tag}]" for tag in question.tags]
    return "\n".join(lines) + f"\n::{escape(question.id)}::"


def _report_dropped(question: AnyQuestion, losses: Losses) -> None:
    losses.dropped_if(question, hint=question.hint, source=question.source,
                      difficulty=question.difficulty != 1, points=question.points != 1,
                      group=question.group)
    if has_feedback(question) and not isinstance(question, TrueFalseQuestion):
        losses.dropped(question, "feedback")
    if isinstance(question, (ChoiceQuestion, MultipleQuestion)) and not question.shuffle:
        losses.changed(question, "fixed-order")


def _prompt(question: AnyQuestion) -> str:
    return "[markdown]" + escape(question.prompt)


def _general(question: AnyQuestion) -> str:
    return f"\t####{escape(question.explanation)}\n" if question.explanation else ""


def _answer(mark: str, text: str, feedback: str = "") -> str:
    return f"\t{mark}{escape(text)}" + (f"#{escape(feedback)}" if feedback else "") + "\n"


def _choice(q: AnyQuestion, losses: Losses) -> str:
    assert isinstance(q, ChoiceQuestion)
    answers = "".join(_answer("=" if c.correct else "~", c.text, c.feedback) for c in q.choices)
    return _prompt(q) + "{\n" + answers + _general(q) + "}"


def _multiple(q: AnyQuestion, losses: Losses) -> str:
    assert isinstance(q, MultipleQuestion)
    right = sum(c.correct for c in q.choices)
    wrong = len(q.choices) - right
    answers = "".join(
        _answer(f"~%{_weight(100 / right if c.correct else -100 / wrong)}%", c.text, c.feedback)
        for c in q.choices)
    return _prompt(q) + "{\n" + answers + _general(q) + "}"


def _weight(percent: float) -> str:
    return f"{percent:.5f}".rstrip("0").rstrip(".")


def _true_false(q: AnyQuestion, losses: Losses) -> str:
    assert isinstance(q, TrueFalseQuestion)
    answer = "TRUE" if q.answer else "FALSE"
    feedback = ""
    if q.feedback.incorrect or q.feedback.correct:
        feedback = f"#{escape(q.feedback.incorrect)}" + (f"#{escape(q.feedback.correct)}"
                                                          if q.feedback.correct else "")
    general = f"####{escape(q.explanation)}" if q.explanation else ""
    if q.feedback.partial:
        losses.dropped(q, "feedback")
    return _prompt(q) + "{" + answer + feedback + general + "}"


def _text(q: AnyQuestion, losses: Losses) -> str:
    assert isinstance(q, TextQuestion)
    losses.dropped_if(q, pattern=q.pattern, typos=q.typos, case=q.case_sensitive)
    answers = "".join(_answer("=", a) for a in q.answers)
    return _prompt(q) + "{\n" + answers + _general(q) + "}"


def _numeric(q: AnyQuestion, losses: Losses) -> str:
    assert isinstance(q, NumericQuestion)
    losses.dropped_if(q, unit=q.unit)
    if q.low == q.high == q.answer:
        value = plain_number(q.answer)
    elif q.from_range or q.answer - q.low != q.high - q.answer:
        value = f"{plain_number(q.low)}..{plain_number(q.high)}"
    else:
        value = f"{plain_number(q.answer)}:{plain_number(q.tolerance)}"
    return _prompt(q) + "{#" + value + (f"\n{_general(q)}" if q.explanation else "") + "}"


def _match(q: AnyQuestion, losses: Losses) -> str:
    assert isinstance(q, MatchQuestion)
    pairs = "".join(f"\t={escape(p.left)} -> {escape(p.right)}\n" for p in q.pairs)
    extras = "".join(f"\t= -> {escape(d)}\n" for d in q.distractors)
    return _prompt(q) + "{\n" + pairs + extras + _general(q) + "}"


def _cloze(q: AnyQuestion, losses: Losses) -> str | None:
    """One gap: GIFT's missing-word format. The prompt comes first, a blank line, the passage."""
    assert isinstance(q, ClozeQuestion)
    if len(q.gaps) != 1:
        return None
    losses.dropped_if(q, case=q.case_sensitive)
    general = f" ####{escape(q.explanation)}" if q.explanation else ""
    passage = "".join(escape(s) if isinstance(s, str) else _gap(s, general) for s in q.segments)
    if not isinstance(q.segments[-1], str):
        passage += "."  # text after the braces is what marks GIFT's missing-word format
    return _prompt(q) + "\\n\\n" + passage


def _gap(gap: Gap, general: str) -> str:
    if gap.is_dropdown:
        options = " ".join(("=" if o in gap.answers else "~") + escape(o) for o in gap.options)
    else:
        options = " ".join("=" + escape(a) for a in gap.answers)
    return "{" + options + general + "}"


_BODY: dict[str, Callable[[AnyQuestion, Losses], str | None]] = {
    "choice": _choice, "multiple": _multiple, "true-false": _true_false, "numeric": _numeric,
    "text": _text, "cloze": _cloze, "order": lambda q, losses: None, "match": _match,
}
