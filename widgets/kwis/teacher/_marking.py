"""Marking exams taken on a student copy (`kwis grade CLASS --bank FULL_BANK`).

The students' kernels had only the copy (`kwis export --to student`), so their exam answers are
recorded without a score. Here each one is matched to the full bank's question by the fingerprint
of what the student saw (the copy numbers its questions), its response is read in the full
question's terms (a choice by its text, an order by its items), graded with `kwis.grading.grade`
exactly as in a kernel, and the mark stored under the answer's key: once, however often this runs.
When an answer does not match any question of the full bank (the bank changed since the copy was
exported, or it is another bank), nothing at all is marked.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import singledispatch
from typing import Any, cast

from kwis._model import AnyQuestion, Bank, ChoiceQuestion, MultipleQuestion, OrderQuestion
from kwis.grading import Response, grade, is_answered, response_from_json, response_to_json
from kwis.records import ClassMarking, Mark, QuestionVersion, UngradedAnswer
from kwis.records._identity import question_content, question_fingerprint
from kwis.teacher.export._student import student_copy


@dataclass(frozen=True)
class MarkReport:
    """What `mark_class` did: marks added now, answers found marked already (none when run the
    first time), and the answers that match no question of the full bank (then nothing is marked)."""

    added: int
    already: int
    unmatched: tuple[UngradedAnswer, ...] = ()
    learners: int = 0


def mark_class(target: ClassMarking, bank: Bank) -> MarkReport:
    """Marks every ungraded answer of `bank`'s student copy in the class with the full `bank`."""
    waiting = target.ungraded(bank.id)
    questions = _by_fingerprint(bank)
    unmatched = tuple(a for a in waiting if _question(questions, a) is None)
    if unmatched:
        return MarkReport(0, 0, unmatched)
    marks = [_mark(answer, *_matched(questions, answer), bank.language) for answer in waiting]
    used = {m.question_id for m in marks}
    versions = [QuestionVersion(bank.id, q.id, question_fingerprint(q), q.type, q.points, question_content(q))
                for q in bank.questions if q.id in used]
    added = target.add_marks(marks, versions) if marks else 0
    return MarkReport(added, len(marks) - added, learners=len({a.learner for a in waiting}))


_Pair = tuple[AnyQuestion, AnyQuestion]  # (full, as the copy has it)


def _by_fingerprint(bank: Bank) -> dict[str, list[_Pair]]:
    copy = student_copy(bank)
    found: dict[str, list[_Pair]] = defaultdict(list)
    for full, shown in zip(bank.questions, copy.questions):
        found[question_fingerprint(shown)].append((full, shown))
    return found


def _question(questions: dict[str, list[_Pair]], answer: UngradedAnswer) -> _Pair | None:
    """The full question an answer was given to: the one whose copy the student saw (two questions
    a student sees alike are told apart by their number in the copy)."""
    candidates = questions.get(answer.fingerprint, [])
    if len(candidates) > 1:
        candidates = [c for c in candidates if c[1].id == answer.question_id]
    return candidates[0] if len(candidates) == 1 else None


def _matched(questions: dict[str, list[_Pair]], answer: UngradedAnswer) -> _Pair:
    found = _question(questions, answer)
    assert found is not None  # mark_class checked every answer first
    return found


def _mark(answer: UngradedAnswer, full: AnyQuestion, shown: AnyQuestion, language: str) -> Mark:
    response = _response(full, shown, answer.response)
    result = grade(full, response, language=language) if response is not None and is_answered(full, response) \
        else None
    score = result.score if result is not None and not result.unreadable else 0.0
    return Mark(answer.key, full.id, question_fingerprint(full), response_to_json(response), score,
                bool(result and result.correct and not result.unreadable))


def _response(full: AnyQuestion, shown: AnyQuestion, data: Any) -> Response:
    """The stored response to the copy's question as a response to the full one; None when there
    is none or it does not fit (an unanswered question scores 0)."""
    response = response_from_json(shown, data)
    if response is None:
        return None
    try:
        return _translate(full, shown, response)
    except (ValueError, IndexError, StopIteration):
        return None


@singledispatch
def _translate(full: AnyQuestion, shown: AnyQuestion, response: Response) -> Response:
    """Texts, numbers, true/false, gaps and match rows mean the same in both banks."""
    return response


@_translate.register
def _choice(full: ChoiceQuestion, shown: AnyQuestion, response: Response) -> Response:
    assert isinstance(response, int) and isinstance(shown, ChoiceQuestion)
    return _full_index(full, shown, response)


@_translate.register
def _multiple(full: MultipleQuestion, shown: AnyQuestion, response: Response) -> Response:
    assert isinstance(response, frozenset) and isinstance(shown, MultipleQuestion)
    return frozenset(_full_index(full, shown, i) for i in response)


def _full_index(full: ChoiceQuestion | MultipleQuestion, shown: ChoiceQuestion | MultipleQuestion,
                index: int) -> int:
    """The copy lists choices in its own order: a choice is the full bank's choice of that text."""
    text = shown.choices[index].text
    return next(i for i, c in enumerate(full.choices) if c.text == text)


@_translate.register
def _order(full: OrderQuestion, shown: AnyQuestion, response: Response) -> Response:
    assert isinstance(shown, OrderQuestion)
    return tuple(full.items.index(shown.items[i]) for i in cast(tuple[int, ...], response))
