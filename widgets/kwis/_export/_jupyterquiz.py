"""JupyterQuiz's JSON (github.com/jmshea/jupyterquiz): multiple/many choice and numeric questions."""

from __future__ import annotations

import json
from typing import Any

from kwis._export import Losses, has_feedback
from kwis._i18n import Messages, ui_language
from kwis._model import (
    AnyQuestion, Bank, ChoiceQuestion, MultipleQuestion, NumericQuestion, TrueFalseQuestion,
)

_M = Messages({"en": {"true": "True", "false": "False"}, "nl": {"true": "Waar", "false": "Onwaar"}})


def write(bank: Bank, losses: Losses) -> str:
    questions = []
    for question in bank.questions:
        converted = _convert(question, ui_language(bank.language))
        if converted is None:
            losses.skipped(question)
            continue
        losses.dropped_if(question, hint=question.hint, source=question.source, tags=question.tags,
                          explanation=question.explanation, points=question.points != 1,
                          difficulty=question.difficulty != 1)
        if has_feedback(question) and not isinstance(question, TrueFalseQuestion):
            losses.dropped(question, "feedback")
        questions.append(converted)
    return json.dumps(questions, ensure_ascii=False, indent=2) + "\n"


def _convert(q: AnyQuestion, lang: str) -> dict[str, Any] | None:
    if isinstance(q, (ChoiceQuestion, MultipleQuestion)):
        kind = "multiple_choice" if isinstance(q, ChoiceQuestion) else "many_choice"
        answers = [{"answer": c.text, "correct": c.correct, "feedback": c.feedback} for c in q.choices]
        return {"question": q.prompt, "type": kind, "answers": answers}
    if isinstance(q, TrueFalseQuestion):
        answers = [{"answer": _M(lang, "true" if value else "false"), "correct": value == q.answer,
                    "feedback": q.feedback.correct if value == q.answer else q.feedback.incorrect}
                   for value in (True, False)]
        return {"question": q.prompt, "type": "multiple_choice", "answers": answers}
    if isinstance(q, NumericQuestion):
        return {"question": q.prompt, "type": "numeric", "precision": 15, "answers": _numeric_answers(q)}
    return None


def _numeric_answers(q: NumericQuestion) -> list[dict[str, Any]]:
    answer: dict[str, Any]
    if q.low == q.high:
        answer = {"type": "value", "value": q.answer}
    else:
        answer = {"type": "range", "range": [q.low, q.high]}
    answers = [answer | {"correct": True, "feedback": q.feedback.correct}]
    if q.feedback.incorrect:
        answers.append({"type": "default", "feedback": q.feedback.incorrect})
    return answers
