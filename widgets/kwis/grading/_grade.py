"""Grading a response to a question: pure functions, no I/O, no widgets.

What depends on the question's type is dispatched on its class (`functools.singledispatch`),
the one way kwis dispatches per question type.

Formulas for partial credit are explained in docs/grading.md. Feedback is Markdown in the
bank's language, most specific first: the feedback of the chosen (or wrongly marked)
choices, which gaps are wrong, then how much was right, then the question's own
correct/partial/incorrect feedback. Student input is never copied into feedback.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import singledispatch
from typing import Sequence, Union

from kwis._i18n import Messages, true_false_label
from kwis._model import (
    AnyQuestion, ChoiceQuestion, ClozeQuestion, Gap, MatchQuestion, MultipleQuestion,
    NumericQuestion, OrderQuestion, TextQuestion, TrueFalseQuestion,
)
from kwis.grading._numbers import NumberFormatError, format_number, format_quantity, parse_number
from kwis.grading._dates import DateFormatError, parse_date, reads_as_date
from kwis.grading._text import match_text

Response = Union[int, bool, str, frozenset[int], tuple[str, ...], tuple[int, ...], None]

_MESSAGES = Messages({
    "en": {
        "no_answer": "No answer given yet.",
        "no_key": "This question comes from a student copy, which has no answers: your teacher marks it.",
        "spelling": "Right, but mind the spelling: **{answer}**.",
        "wrong_gap": "Gap {gaps} is not right.",
        "wrong_gaps": "Gaps {gaps} are not right.",
        "count_multiple": "{found} of the {total} correct answers marked, {wrong} marked wrongly.",
        "count_cloze": "{right} of {total} gaps right.",
        "count_order": "{right} of {total} in the right place.",
        "count_match": "{right} of {total} pairs right.",
        "between": "between {low} and {high}",
        "plus_minus": "{answer} (± {tolerance})",
        "answer_in_range": "{answer} ({between})",
        "also_right": "{answer} (also right: {others})",
        "matching_pattern": "an answer matching `{pattern}`",
        "and": "and",
        "or": "or",
    },
    "nl": {
        "no_answer": "Je hebt nog geen antwoord gegeven.",
        "no_key": "Deze vraag komt uit een studentenkopie, zonder antwoorden: je docent kijkt haar na.",
        "spelling": "Goed, maar let op de spelling: **{answer}**.",
        "wrong_gap": "Gat {gaps} is niet goed ingevuld.",
        "wrong_gaps": "Gaten {gaps} zijn niet goed ingevuld.",
        "count_multiple": "{found} van de {total} juiste antwoorden aangevinkt, {wrong} onjuist aangevinkt.",
        "count_cloze": "{right} van de {total} gaten goed.",
        "count_order": "{right} van de {total} op de goede plaats.",
        "count_match": "{right} van de {total} paren goed.",
        "between": "tussen {low} en {high}",
        "plus_minus": "{answer} (± {tolerance})",
        "answer_in_range": "{answer} ({between})",
        "also_right": "{answer} (ook goed: {others})",
        "matching_pattern": "een antwoord dat past bij `{pattern}`",
        "and": "en",
        "or": "of",
    },
})

# Bounds like `answer - tolerance` are computed in binary floating point (1.1 - 0.1 is
# 1.0000000000000002), so a number written exactly on the bound must still count, and is
# shown to students rounded to this many significant digits.
_BOUND_SLACK = 1e-9
_SHOWN_DIGITS = 12


@dataclass(frozen=True)
class Grade:
    """How good a response is. `unreadable` set: no score, and not to be counted as an attempt."""

    score: float
    correct: bool
    feedback: tuple[str, ...]
    parts: tuple[bool, ...] = ()
    unreadable: str = ""


def grade(question: AnyQuestion, response: Response, *, language: str = "en") -> Grade:
    """The grade of `response` to `question`, with feedback in `language`. A question of a student
    copy has no key to grade with: the grade says so (`unreadable`) and scores nothing."""
    if question.keyless:
        return Grade(0.0, False, (), unreadable=_MESSAGES(language, "no_key"))
    if not is_answered(question, response):
        return Grade(0.0, False, (), unreadable=_MESSAGES(language, "no_answer"))
    graded = _grade_by_type(question, response, language)
    if graded.unreadable:
        return graded
    return replace(graded, feedback=graded.feedback + _question_feedback(question, graded.score))


@singledispatch
def _grade_by_type(question: AnyQuestion, response: Response, language: str) -> Grade:
    raise TypeError(f"kwis cannot grade a {type(question).__name__}")


@_grade_by_type.register
def _grade_choice_response(question: ChoiceQuestion, response: Response, language: str) -> Grade:
    return _grade_choice(question, _as_index(question, response))


@_grade_by_type.register
def _grade_multiple_response(question: MultipleQuestion, response: Response, language: str) -> Grade:
    return _grade_multiple(question, _as_index_set(question, response), language)


@_grade_by_type.register
def _grade_true_false_response(question: TrueFalseQuestion, response: Response, language: str) -> Grade:
    right = _as_bool(question, response) == question.answer
    return Grade(float(right), right, ())


@_grade_by_type.register
def _grade_numeric_response(question: NumericQuestion, response: Response, language: str) -> Grade:
    return _grade_numeric(question, _as_text(question, response), language)


@_grade_by_type.register
def _grade_text_response(question: TextQuestion, response: Response, language: str) -> Grade:
    return _grade_text(question, _as_text(question, response), language)


@_grade_by_type.register
def _grade_cloze_response(question: ClozeQuestion, response: Response, language: str) -> Grade:
    return _grade_cloze(question, _as_texts(question, response), language)


@_grade_by_type.register
def _grade_order_response(question: OrderQuestion, response: Response, language: str) -> Grade:
    return _grade_order(question, _as_indices(question, response), language)


@_grade_by_type.register
def _grade_match_response(question: MatchQuestion, response: Response, language: str) -> Grade:
    return _grade_match(question, _as_texts(question, response), language)


def _question_feedback(question: AnyQuestion, score: float) -> tuple[str, ...]:
    if score >= 1.0:
        text = question.feedback.correct
    elif score > 0.0:
        text = question.feedback.partial
    else:
        text = question.feedback.incorrect
    return (text,) if text else ()


def _grade_choice(question: ChoiceQuestion, index: int | None) -> Grade:
    """A choice index outside the list (an answer stored before the bank changed) is wrong."""
    choices = question.choices
    chosen = choices[index] if index is not None and 0 <= index < len(choices) else None
    right = chosen is not None and chosen.correct
    parts = tuple((i == index) == c.correct for i, c in enumerate(choices))
    feedback = (chosen.feedback,) if chosen is not None and chosen.feedback else ()
    return Grade(float(right), right, feedback, parts)


def _grade_multiple(question: MultipleQuestion, marked: frozenset[int], language: str) -> Grade:
    """max(0, (right marks - wrong marks) / correct choices); unknown indices are ignored."""
    parts = tuple((i in marked) == c.correct for i, c in enumerate(question.choices))
    correct = question.correct_indices
    found = len(marked & correct)
    wrong = sum(1 for i in marked - correct if 0 <= i < len(question.choices))
    score = max(0.0, (found - wrong) / len(correct))
    right = found == len(correct) and wrong == 0
    feedback = tuple(c.feedback for c, ok in zip(question.choices, parts) if not ok and c.feedback)
    if not right:
        feedback += (_MESSAGES(language, "count_multiple", found=found, total=len(correct), wrong=wrong),)
    return Grade(score, right, feedback, parts)


def _grade_numeric(question: NumericQuestion, typed: str, language: str) -> Grade:
    try:
        value = parse_number(typed, language, unit=question.unit, units=question.units)
    except NumberFormatError as error:
        return Grade(0.0, False, (), unreadable=error.message)
    right = _within(value, question.low, question.high)
    return Grade(float(right), right, ())


def _within(value: float, low: float, high: float) -> bool:
    slack_low = _BOUND_SLACK * max(1.0, abs(low))
    slack_high = _BOUND_SLACK * max(1.0, abs(high))
    return low - slack_low <= value <= high + slack_high


def _grade_text(question: TextQuestion, typed: str, language: str) -> Grade:
    if question.expect == "date":
        return _grade_date(typed, question.answers, language)
    found = match_text(typed, question.answers, case_sensitive=question.case_sensitive,
                       pattern=question.pattern, typos=question.typos,
                       language="" if question.strict_articles else language, near_names=question.near_names)
    if found is None:
        return Grade(0.0, False, ())
    spelling = (_MESSAGES(language, "spelling", answer=found.answer),) if found.typos else ()
    return Grade(1.0, True, spelling)


def _grade_date(typed: str, answers: Sequence[str], language: str) -> Grade:
    """Right when the typed date is one of the answers; a date that reads two ways is not graded."""
    try:
        date = parse_date(typed, language)
    except DateFormatError as error:
        return Grade(0.0, False, (), unreadable=error.message)
    right = any(date.matches(parse_date(answer, language)) for answer in answers)
    return Grade(float(right), right, ())


def _grade_cloze(question: ClozeQuestion, typed: tuple[str, ...], language: str) -> Grade:
    """Fraction of gaps right. Typed gaps match like text answers; dropdowns exactly."""
    gaps = question.gaps
    filled = typed + ("",) * (len(gaps) - len(typed))
    unreadable = _unreadable_date_gap(question, filled, language)
    if unreadable:
        return Grade(0.0, False, (), unreadable=unreadable)
    parts = tuple(_gap_right(question, gap, text, language) for gap, text in zip(gaps, filled))
    right = sum(parts)
    if right == len(gaps):
        return Grade(1.0, True, (), parts)
    wrong = [str(n) for n, ok in enumerate(parts, start=1) if not ok]
    key = "wrong_gap" if len(wrong) == 1 else "wrong_gaps"
    feedback: tuple[str, ...] = (_MESSAGES(language, key, gaps=_join(wrong, "and", language)),)
    if len(gaps) > 1:
        feedback += (_MESSAGES(language, "count_cloze", right=right, total=len(gaps)),)
    return Grade(right / len(gaps), False, feedback, parts)


def _is_date_gap(question: ClozeQuestion, gap: Gap, language: str) -> bool:
    return (question.expect == "date" and not gap.is_dropdown
            and all(reads_as_date(answer, language) for answer in gap.answers))


def _unreadable_date_gap(question: ClozeQuestion, filled: tuple[str, ...], language: str) -> str:
    """How to write the first typed date that is no date or reads two ways; empty when all read."""
    for gap, text in zip(question.gaps, filled):
        if text.strip() and _is_date_gap(question, gap, language):
            graded = _grade_date(text, gap.answers, language)
            if graded.unreadable:
                return graded.unreadable
    return ""


def _gap_right(question: ClozeQuestion, gap: Gap, text: str, language: str) -> bool:
    if gap.is_dropdown:
        return text in gap.answers
    if text.strip() and _is_date_gap(question, gap, language):
        return _grade_date(text, gap.answers, language).correct
    return match_text(text, gap.answers, case_sensitive=question.case_sensitive,
                      language="" if question.strict_articles else language) is not None


def _grade_order(question: OrderQuestion, order: tuple[int, ...], language: str) -> Grade:
    """Fraction of item pairs in the right relative order (Kendall); parts: item in its place.

    Unknown and repeated item indices are ignored (only the first placement of an item counts).
    """
    count = len(question.items)
    placed = tuple(dict.fromkeys(i for i in order if 0 <= i < count))
    parts = tuple(k < len(placed) and placed[k] == k for k in range(count))
    if all(parts):
        return Grade(1.0, True, (), parts)
    feedback = (_MESSAGES(language, "count_order", right=sum(parts), total=count),)
    return Grade(_pairs_in_order(placed, count), False, feedback, parts)


def _pairs_in_order(placed: tuple[int, ...], count: int) -> float:
    """Of all pairs of items, the fraction placed in the right relative order.

    A missing item is in no right pair.
    """
    pairs = count * (count - 1) // 2
    if pairs == 0:
        return float(placed == tuple(range(count)))
    position = {item: place for place, item in enumerate(placed)}
    in_order = sum(
        1 for i in range(count) for j in range(i + 1, count)
        if i in position and j in position and position[i] < position[j]
    )
    return in_order / pairs


def _grade_match(question: MatchQuestion, chosen: tuple[str, ...], language: str) -> Grade:
    """Fraction of left items given their right-hand text; unknown or missing texts are wrong."""
    count = len(question.pairs)
    filled = chosen + ("",) * (count - len(chosen))
    parts = tuple(text == pair.right for pair, text in zip(question.pairs, filled))
    right = sum(parts)
    if right == count:
        return Grade(1.0, True, (), parts)
    feedback = (_MESSAGES(language, "count_match", right=right, total=count),)
    return Grade(right / count, False, feedback, parts)


@singledispatch
def is_answered(question: AnyQuestion, response: Response) -> bool:
    """Whether the student gave an answer at all (an empty one is not an attempt)."""
    return any(text.strip() for text in _as_texts(question, response))  # cloze and match


@is_answered.register
def _choice_answered(question: ChoiceQuestion, response: Response) -> bool:
    return _as_index(question, response) is not None


@is_answered.register
def _multiple_answered(question: MultipleQuestion, response: Response) -> bool:
    return bool(_as_index_set(question, response))


@is_answered.register
def _true_false_answered(question: TrueFalseQuestion, response: Response) -> bool:
    return _as_bool(question, response) is not None


@is_answered.register(NumericQuestion)
@is_answered.register(TextQuestion)
def _typed_answered(question: NumericQuestion | TextQuestion, response: Response) -> bool:
    return bool(_as_text(question, response).strip())


@is_answered.register
def _order_answered(question: OrderQuestion, response: Response) -> bool:
    return bool(_as_indices(question, response))


@singledispatch
def correct_response(question: AnyQuestion, *, language: str = "en") -> Response:
    """The model answer as a response (a numeric answer written the `language`'s way)."""
    raise TypeError(f"kwis has no model answer for a {type(question).__name__}")


@correct_response.register
def _choice_correct(question: ChoiceQuestion, *, language: str = "en") -> Response:
    return question.correct_index


@correct_response.register
def _multiple_correct(question: MultipleQuestion, *, language: str = "en") -> Response:
    return question.correct_indices


@correct_response.register
def _true_false_correct(question: TrueFalseQuestion, *, language: str = "en") -> Response:
    return question.answer


@correct_response.register
def _numeric_correct(question: NumericQuestion, *, language: str = "en") -> Response:
    return format_number(_shown(question.answer), language)


@correct_response.register
def _text_correct(question: TextQuestion, *, language: str = "en") -> Response:
    return question.answers[0] if question.answers else ""


@correct_response.register
def _cloze_correct(question: ClozeQuestion, *, language: str = "en") -> Response:
    return tuple(gap.answers[0] for gap in question.gaps)


@correct_response.register
def _order_correct(question: OrderQuestion, *, language: str = "en") -> Response:
    return tuple(range(len(question.items)))


@correct_response.register
def _match_correct(question: MatchQuestion, *, language: str = "en") -> Response:
    return tuple(pair.right for pair in question.pairs)


@singledispatch
def describe_answer(question: AnyQuestion, *, language: str = "en") -> str:
    """The right answer in words (Markdown) in `language`: `17.000 man`, `Waar`, a numbered list."""
    raise TypeError(f"kwis cannot describe the answer of a {type(question).__name__}")


@describe_answer.register
def _describe_choice(question: ChoiceQuestion, *, language: str = "en") -> str:
    return question.choices[question.correct_index].text


@describe_answer.register
def _describe_multiple(question: MultipleQuestion, *, language: str = "en") -> str:
    texts = [c.text for c in question.choices if c.correct]
    return texts[0] if len(texts) == 1 else "\n".join(f"- {t}" for t in texts)


@describe_answer.register
def _describe_true_false(question: TrueFalseQuestion, *, language: str = "en") -> str:
    return true_false_label(question.answer, language)


@describe_answer.register
def _describe_numeric_answer(question: NumericQuestion, *, language: str = "en") -> str:
    return _describe_numeric(question, language)


@describe_answer.register
def _describe_text_answer(question: TextQuestion, *, language: str = "en") -> str:
    return _describe_text(question, language)


@describe_answer.register
def _describe_cloze(question: ClozeQuestion, *, language: str = "en") -> str:
    return "".join(s if isinstance(s, str) else f"**{s.answers[0]}**" for s in question.segments)


@describe_answer.register
def _describe_order(question: OrderQuestion, *, language: str = "en") -> str:
    return "\n".join(f"{n}. {item}" for n, item in enumerate(question.items, start=1))


@describe_answer.register
def _describe_match(question: MatchQuestion, *, language: str = "en") -> str:
    return "\n".join(f"- {pair.left} → {pair.right}" for pair in question.pairs)


def _describe_numeric(question: NumericQuestion, language: str) -> str:
    answer = format_quantity(_shown(question.answer), question.unit, language)
    if question.low == question.high:
        return answer
    if not question.from_range:
        tolerance = format_quantity(_shown(question.tolerance), question.unit, language)
        return _MESSAGES(language, "plus_minus", answer=answer, tolerance=tolerance)
    between = _MESSAGES(language, "between", low=format_number(_shown(question.low), language),
                        high=format_quantity(_shown(question.high), question.unit, language))
    if math.isclose(question.answer, (question.low + question.high) / 2):
        return between
    return _MESSAGES(language, "answer_in_range", answer=answer, between=between)


def _shown(value: float) -> float:
    return float(f"{value:.{_SHOWN_DIGITS}g}")


def _describe_text(question: TextQuestion, language: str) -> str:
    if not question.answers:
        return _MESSAGES(language, "matching_pattern", pattern=question.pattern)
    first, *others = question.answers
    if not others:
        return first
    return _MESSAGES(language, "also_right", answer=first, others=_join(others, "or", language))


def _join(words: Sequence[str], conjunction: str, language: str) -> str:
    """`2, 3 en 4`: a list as the language writes it, with `and` or `or` before the last."""
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {_MESSAGES(language, conjunction)} {words[-1]}"


def _as_index(question: AnyQuestion, response: Response) -> int | None:
    if response is None or (isinstance(response, int) and not isinstance(response, bool)):
        return response
    raise _shape_error(question, response, "an int (the choice's index) or None")


def _as_index_set(question: AnyQuestion, response: Response) -> frozenset[int]:
    if isinstance(response, frozenset):
        return response
    raise _shape_error(question, response, "a frozenset of choice indices")


def _as_bool(question: AnyQuestion, response: Response) -> bool | None:
    if response is None or isinstance(response, bool):
        return response
    raise _shape_error(question, response, "a bool or None")


def _as_text(question: AnyQuestion, response: Response) -> str:
    if isinstance(response, str):
        return response
    raise _shape_error(question, response, "a str (as typed)")


def _as_texts(question: AnyQuestion, response: Response) -> tuple[str, ...]:
    if isinstance(response, tuple):
        texts = tuple(r for r in response if isinstance(r, str))
        if len(texts) == len(response):
            return texts
    raise _shape_error(question, response, "a tuple of str")


def _as_indices(question: AnyQuestion, response: Response) -> tuple[int, ...]:
    if isinstance(response, tuple):
        indices = tuple(r for r in response if isinstance(r, int) and not isinstance(r, bool))
        if len(indices) == len(response):
            return indices
    raise _shape_error(question, response, "a tuple of item indices")


def _shape_error(question: AnyQuestion, response: Response, expected: str) -> TypeError:
    """A programming error in the caller, not a student's mistake: says what was expected."""
    return TypeError(
        f"a {question.type} question ({question.id!r}) takes {expected} as response, "
        f"not {type(response).__name__}: {response!r}"
    )
