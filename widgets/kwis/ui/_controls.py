"""One answer control per question type, as data the quiz's browser code (`_quiz.js`) draws.

A control is a static `spec` (what to draw: options and items in shown order, labels,
placeholders; never the answer key, nor the bank's order of choices or items, which often gives
it away) and a `value`: the student's answer as the browser holds it, in JSON and in shown
positions (a choice's position among the shown options, a list of positions, `true`/`false`,
typed text, one text per gap or per match row, the order as positions in the starting order).
The browser sends a new value when the student changes it; `accept` checks what arrives, since a
browser can send anything.
"""

from __future__ import annotations

import itertools
import math
from typing import Any

from kwis.grading._grade import Response
from kwis._i18n import Messages, true_false_label
from kwis._model import (
    AnyQuestion, ChoiceQuestion, ClozeQuestion, Gap, MatchQuestion, MultipleQuestion,
    NumericQuestion, OrderQuestion, Settings, TextQuestion, TrueFalseQuestion,
)
from kwis.grading._numbers import format_number
from kwis._render import markdown_inline, markdown_plain
from kwis.ui._static import _inline_keeping_spaces
from kwis.grading import response_from_json, response_to_json
from kwis.ui._session import choice_order, gap_options, item_order, match_options

_MESSAGES = Messages({
    "en": {
        "answer": "Answer",
        "number_example": "e.g. {example}",
        "text_placeholder": "Type your answer",
        "gap": "({number})",
        "up": "Up",
        "down": "Down",
        "move_up": "Move “{item}” up",
        "move_down": "Move “{item}” down",
    },
    "nl": {
        "answer": "Antwoord",
        "number_example": "bijv. {example}",
        "text_placeholder": "Typ je antwoord",
        "gap": "({number})",
        "up": "Hoger",
        "down": "Lager",
        "move_up": "Zet „{item}” hoger",
        "move_down": "Zet „{item}” lager",
    },
})

RIGHT = "right"
WRONG = "wrong"


MAX_INSTANT = 64  # most responses a question's instant-feedback table holds (2^6 checkboxes)


class Control:
    """What the browser draws for one question (`spec`) and the answer it holds (`value`)."""

    spec: dict[str, Any]
    value: Any

    def __init__(self, question: AnyQuestion) -> None:
        self.question = question

    def response(self) -> Response:
        response = self.from_browser(self.value)
        return response if response is not None else self.empty()

    def empty(self) -> Response:
        """The response of an untouched control."""
        return None

    def set_response(self, response: Response) -> None:
        self.value = self.to_browser(response)

    def to_browser(self, response: Response) -> Any:
        return response_to_json(response)

    def from_browser(self, value: Any) -> Response | None:
        return response_from_json(self.question, value)

    def accept(self, value: Any) -> bool:
        """Takes a value the browser sent, when it fits the question; False (and kept as it
        was) when it does not."""
        if value is None and self.empty() is None:
            self.value = None
            return True
        if self.from_browser(value) is None:
            return False
        self.value = value
        return True

    def marks(self, parts: tuple[bool, ...]) -> list[str]:
        """Right/wrong per shown input (checkbox, gap, order row, match row); [] when the
        feedback alone says it."""
        return []

    def every_value(self) -> list[Any] | None:
        """The values the page can send for this control that get their feedback ahead
        (instant feedback), when they are at most MAX_INSTANT: every value of a choice,
        true/false and multiple question, every order of an order question, every full answer of
        a match question and of a cloze whose gaps are all dropdowns; None otherwise (and a
        partly answered match or cloze goes through the kernel)."""
        return None


def _marked(parts: tuple[bool, ...] | list[bool], size: int) -> list[str]:
    return [RIGHT if right else WRONG for right in parts] if len(parts) == size else []


class ChoiceControl(Control):
    """Radio buttons; the browser's value is the position of the chosen one among the shown."""

    def __init__(self, question: ChoiceQuestion | MultipleQuestion, seed: int,
                 settings: Settings) -> None:
        super().__init__(question)
        self.order = choice_order(question, seed, settings)
        self.spec = {"options": [markdown_plain(question.choices[i].text) for i in self.order]}
        self.value = None

    def to_browser(self, response: Response) -> Any:
        return self.order.index(response) if isinstance(response, int) and response in self.order else None

    def from_browser(self, value: Any) -> Response | None:
        return self.order[value] if _position(value, len(self.order)) else None

    def every_value(self) -> list[Any] | None:
        return list(range(len(self.order)))


def _position(value: Any, size: int) -> bool:
    return not isinstance(value, bool) and isinstance(value, int) and 0 <= value < size


class MultipleControl(ChoiceControl):
    """A checkbox per choice, in shown order."""

    def __init__(self, question: MultipleQuestion, seed: int, settings: Settings) -> None:
        super().__init__(question, seed, settings)
        self.value = []

    def empty(self) -> Response:
        return frozenset()

    def to_browser(self, response: Response) -> Any:
        chosen = response if isinstance(response, frozenset) else frozenset()
        return [k for k, i in enumerate(self.order) if i in chosen]

    def from_browser(self, value: Any) -> Response | None:
        if not isinstance(value, list) or not all(_position(k, len(self.order)) for k in value):
            return None
        return frozenset(self.order[k] for k in value)

    def every_value(self) -> list[Any] | None:
        size = len(self.order)
        if 2 ** size > MAX_INSTANT:
            return None
        return [[k for k in range(size) if bits >> k & 1] for bits in range(2 ** size)]

    def marks(self, parts: tuple[bool, ...]) -> list[str]:
        # parts are per choice in the bank's order; the boxes are in shown order
        return _marked([parts[i] for i in self.order] if len(parts) == len(self.order) else [],
                       len(self.order))


class TrueFalseControl(Control):
    """Two buttons, True and False, in the bank's language."""

    def __init__(self, question: TrueFalseQuestion, language: str) -> None:
        super().__init__(question)
        self.spec = {"options": [[true_false_label(True, language), True],
                                 [true_false_label(False, language), False]]}
        self.value = None

    def every_value(self) -> list[Any] | None:
        return [True, False]


class TextControl(Control):
    """A labelled text field; for numeric questions with the unit beside it and an example
    number written the bank's way as placeholder."""

    def __init__(self, question: TextQuestion | NumericQuestion, language: str) -> None:
        super().__init__(question)
        if isinstance(question, NumericQuestion):
            placeholder = _MESSAGES(language, "number_example",
                                    example=format_number(1234.5, language))
        else:
            placeholder = _MESSAGES(language, "text_placeholder")
        self.spec = {"label": _MESSAGES(language, "answer"), "placeholder": placeholder,
                     "unit": question.unit if isinstance(question, NumericQuestion) else ""}
        self.value = ""

    def empty(self) -> Response:
        return ""


class ClozeControl(Control):
    """The passage with a numbered text field or dropdown at each gap: `pieces` are HTML strings
    and gaps (`{"label": "(1)", "options": [...]}`, no options for a typed gap)."""

    def __init__(self, question: ClozeQuestion, seed: int, settings: Settings,
                 language: str) -> None:
        super().__init__(question)
        pieces: list[Any] = []
        number = 0
        for segment in question.segments:
            if isinstance(segment, Gap):
                number += 1
                options = gap_options(question, number, seed, settings) if segment.is_dropdown else ()
                pieces.append({"label": _MESSAGES(language, "gap", number=number),
                               "options": list(options)})
            elif segment:
                pieces.append(_inline_keeping_spaces(segment))
        self.spec = {"pieces": pieces}
        self.value = [""] * number

    def empty(self) -> Response:
        return ("",) * len(self.value)

    def marks(self, parts: tuple[bool, ...]) -> list[str]:
        return _marked(parts, len(self.value))

    def every_value(self) -> list[Any] | None:
        gaps = [piece["options"] for piece in self.spec["pieces"] if isinstance(piece, dict)]
        return _every_choice(gaps) if all(gaps) else None


def _every_choice(options: list[list[str]]) -> list[list[str]] | None:
    """Every way to choose one option in each field, when they are at most MAX_INSTANT."""
    if not options or math.prod(len(field) for field in options) > MAX_INSTANT:
        return None
    return [list(choice) for choice in itertools.product(*options)]


class OrderControl(Control):
    """The items as a numbered list; each row has Up and Down buttons (moved in the browser,
    which sends the new order)."""

    def __init__(self, question: OrderQuestion, seed: int, language: str) -> None:
        super().__init__(question)
        self.start = item_order(question, seed)
        items = [question.items[i] for i in self.start]
        self.spec = {
            "items": [[markdown_inline(item),
                       _MESSAGES(language, "move_up", item=markdown_plain(item)),
                       _MESSAGES(language, "move_down", item=markdown_plain(item))]
                      for item in items],
            "up": _MESSAGES(language, "up"), "down": _MESSAGES(language, "down"),
        }
        self.value = list(range(len(items)))

    def empty(self) -> Response:
        return tuple(self.start)

    def to_browser(self, response: Response) -> Any:
        if not isinstance(response, tuple) or sorted(response) != sorted(self.start):
            return list(range(len(self.start)))
        return [self.start.index(i) for i in response]

    def from_browser(self, value: Any) -> Response | None:
        size = len(self.start)
        if not isinstance(value, list) or sorted(k if _position(k, size) else -1 for k in value) != list(range(size)):
            return None
        return tuple(self.start[k] for k in value)

    def marks(self, parts: tuple[bool, ...]) -> list[str]:
        return _marked(parts, len(self.value))  # per position, as the rows are shown

    def every_value(self) -> list[Any] | None:
        if math.factorial(len(self.start)) > MAX_INSTANT:
            return None
        return [list(order) for order in itertools.permutations(range(len(self.start)))]


class MatchControl(Control):
    """A dropdown per left-hand item, labelled with that item."""

    def __init__(self, question: MatchQuestion, seed: int, settings: Settings) -> None:
        super().__init__(question)
        self.spec = {"rows": [markdown_plain(pair.left) for pair in question.pairs],
                     "options": list(match_options(question, seed, settings))}
        self.value = [""] * len(question.pairs)

    def empty(self) -> Response:
        return ("",) * len(self.value)

    def marks(self, parts: tuple[bool, ...]) -> list[str]:
        return _marked(parts, len(self.value))

    def every_value(self) -> list[Any] | None:
        return _every_choice([self.spec["options"]] * len(self.value))


def make_control(question: AnyQuestion, seed: int, settings: Settings, language: str) -> Control:
    """The fitting control for the question's type."""
    if isinstance(question, MultipleQuestion):
        return MultipleControl(question, seed, settings)
    if isinstance(question, ChoiceQuestion):
        return ChoiceControl(question, seed, settings)
    if isinstance(question, TrueFalseQuestion):
        return TrueFalseControl(question, language)
    if isinstance(question, (NumericQuestion, TextQuestion)):
        return TextControl(question, language)
    if isinstance(question, ClozeQuestion):
        return ClozeControl(question, seed, settings, language)
    if isinstance(question, OrderQuestion):
        return OrderControl(question, seed, language)
    return MatchControl(question, seed, settings)
