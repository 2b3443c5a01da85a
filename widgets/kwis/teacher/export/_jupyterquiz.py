"""JupyterQuiz's JSON (github.com/jmshea/jupyterquiz, as released on PyPI, 2.9.x).

Checked against its schemas (`schema/mc_schema.json`, `num_schema.json`, `string_schema.json`)
and its JavaScript: question, answer and feedback strings are put into the page as HTML (after
turning `$...$` into MathJax delimiters), so Markdown is rendered and sanitized here. String
answers are only compared with what the student types, never shown, so they stay plain text.
A numeric `range` is half-open, `[low, high)`; the closed kwis range adds `high` as a value.
"""

from __future__ import annotations

import json
from typing import Any

from kwis.teacher.export._losses import Losses
from kwis._i18n import Messages, true_false_label, ui_language
from kwis.bank._writer import whole_as_int
from kwis._model import (
    AnyQuestion, Bank, Choice, ChoiceQuestion, MultipleQuestion, NumericQuestion, TextQuestion,
    TrueFalseQuestion,
)
from kwis.teacher.export._policy import markdown_inline, markdown_to_html

_MESSAGES = Messages({"en": {"right": "Correct!", "wrong": "Incorrect."}, "nl": {"right": "Goed!", "wrong": "Fout."}})

Json = dict[str, Any]


def write(bank: Bank, losses: Losses) -> str:
    questions = []
    language = ui_language(bank.language)
    for question in bank.questions:
        converted = _convert(question, language)
        if converted is not None:
            _give_every_answer_feedback(converted, language)
        if converted is None:
            losses.skipped(question)
            continue
        _report_losses(question, language, losses)
        questions.append({"question": markdown_to_html(question.prompt), **converted})
    return json.dumps(questions, ensure_ascii=False, indent=2) + "\n"


def _report_losses(q: AnyQuestion, language: str, losses: Losses) -> None:
    losses.dropped_if(q, hint=q.hint, source=q.source, tags=q.tags, explanation=q.explanation,
                      points=q.points != 1, difficulty=q.difficulty != 1, group=q.group)
    question_feedback = q.feedback.correct or q.feedback.incorrect
    if q.feedback.partial or (isinstance(q, MultipleQuestion) and question_feedback):
        losses.dropped(q, "feedback")
    if isinstance(q, (ChoiceQuestion, MultipleQuestion)) and not q.shuffle:
        losses.changed(q, "choice-order")
    if isinstance(q, NumericQuestion):
        losses.dropped_if(q, unit=q.unit)
        if language != "en":
            losses.changed(q, "decimal-point")
    if isinstance(q, TextQuestion):
        losses.dropped_if(q, pattern=q.pattern, typos=q.typos)


def _convert(q: AnyQuestion, language: str) -> Json | None:
    if isinstance(q, ChoiceQuestion):
        return {"type": "multiple_choice", "answers": [_choice(q, c, single=True) for c in q.choices]}
    if isinstance(q, MultipleQuestion):
        return {"type": "many_choice", "answers": [_choice(q, c, single=False) for c in q.choices]}
    if isinstance(q, TrueFalseQuestion):
        choices = [Choice(true_false_label(value, language), correct=value == q.answer) for value in (True, False)]
        return {"type": "multiple_choice", "answers": [_choice(q, c, single=True) for c in choices]}
    if isinstance(q, NumericQuestion):
        return {"type": "numeric", "answers": _numeric_answers(q)}
    if isinstance(q, TextQuestion):
        return {"type": "string", "answers": _string_answers(q)}
    return None


def _choice(q: AnyQuestion, choice: Choice, *, single: bool) -> Json:
    """One answer button; a click answers a single-answer question, so its feedback follows."""
    feedback = [choice.feedback]
    if single:
        feedback.append(q.feedback.correct if choice.correct else q.feedback.incorrect)
    text = "\n\n".join(f for f in feedback if f)
    return {"answer": markdown_inline(choice.text), "correct": choice.correct} | _feedback(text)


def _give_every_answer_feedback(converted: Json, language: str) -> None:
    """JupyterQuiz 2.9 calls jaxify(answer.feedback) on the answer it matched: without a feedback
    the page throws and shows no verdict at all (a number inside a range, for one)."""
    for answer in converted["answers"]:
        if "feedback" not in answer:
            answer["feedback"] = _MESSAGES(language, "right" if answer.get("correct") else "wrong")


def _feedback(markdown: str) -> Json:
    return {"feedback": markdown_to_html(markdown)} if markdown else {}


def _numeric_answers(q: NumericQuestion) -> list[Json]:
    right = _feedback(q.feedback.correct)
    answers: list[Json]
    if q.low == q.high:
        answers = [{"type": "value", "value": whole_as_int(q.answer), "correct": True} | right]
    else:
        answers = [{"type": "range", "range": [whole_as_int(q.low), whole_as_int(q.high)], "correct": True} | right,
                   {"type": "value", "value": whole_as_int(q.high), "correct": True} | right]
    return answers + _default(q)


def _string_answers(q: TextQuestion) -> list[Json]:
    right = _feedback(q.feedback.correct)
    answers: list[Json] = [{"answer": text, "correct": True, "match_case": q.case_sensitive} | right
                           for text in q.answers]
    return answers + _default(q)


def _default(q: AnyQuestion) -> list[Json]:
    """JupyterQuiz's `default` answer: its feedback is shown for every answer not listed."""
    return [{"type": "default", "feedback": markdown_to_html(q.feedback.incorrect)}] \
        if q.feedback.incorrect else []
