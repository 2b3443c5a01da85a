"""A student's response as JSON data and back, as the answer stores keep it: sets as sorted
lists, tuples as lists; reading one back checks it still fits the question."""

from __future__ import annotations

from functools import singledispatch
from typing import Any

from kwis._model import (
    AnyQuestion, ChoiceQuestion, ClozeQuestion, MatchQuestion, MultipleQuestion, NumericQuestion,
    OrderQuestion, TextQuestion, TrueFalseQuestion,
)
from kwis.grading._grade import Response

def response_to_json(response: Response) -> Any:
    """A response as JSON data: sets become sorted lists, tuples lists."""
    if isinstance(response, frozenset):
        return sorted(response)
    if isinstance(response, tuple):
        return list(response)
    return response


def response_from_json(question: AnyQuestion, data: Any) -> Response | None:
    """The response stored for `question`, or None when it does not fit the question (any
    more): the bank may have changed since it was stored."""
    try:
        return _decode(question, data)
    except (TypeError, ValueError):
        return None


@singledispatch
def _decode(question: AnyQuestion, data: Any) -> Response | None:
    raise TypeError(f"kwis cannot read a stored response to a {type(question).__name__}")


@_decode.register
def _decode_choice(question: ChoiceQuestion, data: Any) -> Response | None:
    return _index(data, len(question.choices)) if data is not None else None


@_decode.register
def _decode_multiple(question: MultipleQuestion, data: Any) -> Response | None:
    return frozenset(_index(i, len(question.choices)) for i in data)


@_decode.register
def _decode_true_false(question: TrueFalseQuestion, data: Any) -> Response | None:
    return data if data is None or isinstance(data, bool) else None


@_decode.register(NumericQuestion)
@_decode.register(TextQuestion)
def _decode_typed(question: NumericQuestion | TextQuestion, data: Any) -> Response | None:
    return data if isinstance(data, str) else None


@_decode.register
def _decode_cloze(question: ClozeQuestion, data: Any) -> Response | None:
    return _strings(data, len(question.gaps))


@_decode.register
def _decode_order(question: OrderQuestion, data: Any) -> Response | None:
    order = tuple(_index(i, len(question.items)) for i in data)
    return order if sorted(order) == list(range(len(question.items))) else None


@_decode.register
def _decode_match(question: MatchQuestion, data: Any) -> Response | None:
    return _strings(data, len(question.pairs))


def _index(value: Any, size: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < size:
        raise ValueError(value)
    return value


def _strings(data: Any, size: int) -> tuple[str, ...] | None:
    if not isinstance(data, list) or len(data) != size or not all(isinstance(s, str) for s in data):
        return None
    return tuple(data)
