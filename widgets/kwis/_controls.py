"""One answer control per question type, built from plain ipywidgets.

Each control reads and sets a grading `Response` (see `kwis._grading`) through its widgets, so a
test or a browser can answer by setting `radio.value`, ticking a `Checkbox`, typing into a `Text`
or picking a `Dropdown` value, exactly as a student does.
"""

from __future__ import annotations

from typing import Callable

import ipywidgets as widgets

from kwis._grading import Response
from kwis._i18n import Messages
from kwis._model import (
    AnyQuestion, ChoiceQuestion, ClozeQuestion, Gap, MatchQuestion, MultipleQuestion,
    NumericQuestion, OrderQuestion, Settings, TextQuestion, TrueFalseQuestion,
)
from kwis._numbers import format_number
from kwis._render import escape, markdown_inline, markdown_plain
from kwis._session import choice_order, item_order, match_options

_MESSAGES = Messages({
    "en": {
        "true": "True",
        "false": "False",
        "answer": "Answer",
        "number_example": "e.g. {example}",
        "text_placeholder": "Type your answer",
        "gap": "({number})",
        "choose": "choose",
        "up": "Up",
        "down": "Down",
        "move_up": "Move “{item}” up",
        "move_down": "Move “{item}” down",
    },
    "nl": {
        "true": "Waar",
        "false": "Onwaar",
        "answer": "Antwoord",
        "number_example": "bijv. {example}",
        "text_placeholder": "Typ je antwoord",
        "gap": "({number})",
        "choose": "kies",
        "up": "Omhoog",
        "down": "Omlaag",
        "move_up": "Zet „{item}” hoger",
        "move_down": "Zet „{item}” lager",
    },
})

RIGHT_CLASS = "kwis-part-right"
WRONG_CLASS = "kwis-part-wrong"


def _auto() -> widgets.Layout:
    # A fresh Layout per widget: a shared one dies with the first widget closed.
    return widgets.Layout(width="auto")


class Control:
    """The widgets for answering one question. Subclasses fill `box` and `inputs`."""

    def __init__(self) -> None:
        self.inputs: list[widgets.DOMWidget] = []
        self.box: widgets.Box = widgets.VBox()
        self.box.add_class("kwis-control")

    def response(self) -> Response:
        raise NotImplementedError

    def set_response(self, response: Response) -> None:
        raise NotImplementedError

    def set_disabled(self, disabled: bool) -> None:
        for widget in self.inputs:
            widget.disabled = disabled

    def on_change(self, callback: Callable[[], None]) -> None:
        for widget in self.inputs:
            widget.observe(lambda _change: callback(), names="value")

    def mark(self, parts: tuple[bool, ...]) -> None:
        """Marks the parts of the answer right or wrong (CSS classes), where parts map to inputs."""
        for widget in self.inputs:
            widget.remove_class(RIGHT_CLASS)
            widget.remove_class(WRONG_CLASS)
        if len(parts) != len(self.inputs):
            return
        for widget, right in zip(self.inputs, parts):
            widget.add_class(RIGHT_CLASS if right else WRONG_CLASS)


class ChoiceControl(Control):
    """Radio buttons; values are indices into `question.choices`."""

    def __init__(self, question: ChoiceQuestion, seed: int, settings: Settings) -> None:
        super().__init__()
        order = choice_order(question, seed, settings)
        options = [(markdown_plain(question.choices[i].text), i) for i in order]
        self.radio = widgets.RadioButtons(options=options, value=None, layout=_auto())
        self.inputs = [self.radio]
        self.box.children = (self.radio,)

    def response(self) -> Response:
        value: int | None = self.radio.value
        return value

    def set_response(self, response: Response) -> None:
        self.radio.value = response

    def mark(self, parts: tuple[bool, ...]) -> None:
        return  # one input: the feedback says whether the choice was right


class MultipleControl(Control):
    """A checkbox per choice, in shown order; `checkboxes[i].choice` is the choice index."""

    def __init__(self, question: MultipleQuestion, seed: int, settings: Settings) -> None:
        super().__init__()
        self.order = choice_order(question, seed, settings)
        self.checkboxes = [
            widgets.Checkbox(value=False, description=markdown_plain(question.choices[i].text),
                             indent=False, layout=_auto())
            for i in self.order
        ]
        self.inputs = list(self.checkboxes)
        self.box.children = tuple(self.checkboxes)

    def response(self) -> Response:
        return frozenset(i for i, box in zip(self.order, self.checkboxes) if box.value)

    def set_response(self, response: Response) -> None:
        chosen = response if isinstance(response, frozenset) else frozenset()
        for i, box in zip(self.order, self.checkboxes):
            box.value = i in chosen

    def mark(self, parts: tuple[bool, ...]) -> None:
        # parts are per choice in the bank's order; the boxes are in shown order
        super().mark(tuple(parts[i] for i in self.order) if len(parts) == len(self.order) else ())


class TrueFalseControl(Control):
    """Two buttons, True and False, in the bank's language."""

    def __init__(self, question: TrueFalseQuestion, language: str) -> None:
        super().__init__()
        options = [(_MESSAGES(language, "true"), True), (_MESSAGES(language, "false"), False)]
        self.buttons = widgets.ToggleButtons(options=options, value=None)
        self.inputs = [self.buttons]
        self.box.children = (self.buttons,)

    def response(self) -> Response:
        value: bool | None = self.buttons.value
        return value

    def set_response(self, response: Response) -> None:
        self.buttons.value = response

    def mark(self, parts: tuple[bool, ...]) -> None:
        return


class TextControl(Control):
    """A labelled text field; for numeric questions with the unit beside it and an example
    number written the bank's way as placeholder."""

    def __init__(self, question: TextQuestion | NumericQuestion, language: str) -> None:
        super().__init__()
        if isinstance(question, NumericQuestion):
            example = format_number(1234.5, language)
            placeholder = _MESSAGES(language, "number_example", example=example)
        else:
            placeholder = _MESSAGES(language, "text_placeholder")
        self.text = widgets.Text(value="", description=_MESSAGES(language, "answer"),
                                 placeholder=placeholder)
        self.inputs = [self.text]
        unit = question.unit if isinstance(question, NumericQuestion) else ""
        self.unit = widgets.HTML(escape(unit))
        self.unit.add_class("kwis-unit")
        self.box = widgets.HBox([self.text, self.unit] if unit else [self.text])
        self.box.add_class("kwis-control")

    def response(self) -> Response:
        value: str = self.text.value
        return value

    def set_response(self, response: Response) -> None:
        self.text.value = response if isinstance(response, str) else ""

    def mark(self, parts: tuple[bool, ...]) -> None:
        return


class ClozeControl(Control):
    """The passage with a numbered text field or dropdown at each gap."""

    def __init__(self, question: ClozeQuestion, language: str) -> None:
        super().__init__()
        pieces: list[widgets.Widget] = []
        for segment in question.segments:
            if isinstance(segment, Gap):
                gap = _gap_input(segment, len(self.inputs) + 1, language)
                self.inputs.append(gap)
                pieces.append(gap)
            elif segment:
                pieces.append(widgets.HTMLMath(markdown_inline(segment)))
        self.box = widgets.Box(pieces, layout=widgets.Layout(
            display="flex", flex_flow="row wrap", align_items="baseline"))
        self.box.add_class("kwis-control")
        self.box.add_class("kwis-cloze-text")

    def response(self) -> Response:
        return tuple(gap.value or "" for gap in self.inputs)

    def set_response(self, response: Response) -> None:
        values = response if isinstance(response, tuple) else ()
        for i, gap in enumerate(self.inputs):
            value = values[i] if i < len(values) else ""
            if isinstance(gap, widgets.Dropdown):
                gap.value = value if value in gap.options else None
            else:
                gap.value = value


def _gap_input(gap: Gap, number: int, language: str) -> widgets.DOMWidget:
    label = _MESSAGES(language, "gap", number=number)
    style = {"description_width": "initial"}
    field: widgets.DOMWidget
    if gap.is_dropdown:
        field = widgets.Dropdown(options=list(gap.options), value=None, description=label,
                                 style=style, layout=_auto())
    else:
        field = widgets.Text(value="", description=label, style=style,
                             layout=widgets.Layout(width="14em"))
    field.add_class("kwis-gap")
    return field


class OrderControl(Control):
    """The items as a numbered list; each row has Up and Down buttons (keyboard-usable)."""

    def __init__(self, question: OrderQuestion, seed: int, language: str) -> None:
        super().__init__()
        self.items = question.items
        self.language = language
        self._frozen = False
        self.order = list(item_order(question, seed))
        self.labels = [widgets.HTMLMath() for _ in self.order]
        self.ups = [self._button("up", "arrow-up", position) for position in range(len(self.order))]
        self.downs = [self._button("down", "arrow-down", p) for p in range(len(self.order))]
        self.rows = [widgets.HBox([up, down, label])
                     for up, down, label in zip(self.ups, self.downs, self.labels)]
        for row in self.rows:
            row.add_class("kwis-order-item")
        self.inputs = list(self.ups) + list(self.downs)
        self.box.children = tuple(self.rows)
        self._observers: list[Callable[[], None]] = []
        self._show()

    def _button(self, direction: str, icon: str, position: int) -> widgets.Button:
        button = widgets.Button(description=_MESSAGES(self.language, direction), icon=icon,
                                layout=_auto())
        button.add_class(f"kwis-move-{direction}")
        step = -1 if direction == "up" else 1
        button.on_click(lambda _button: self.move(position, step))
        return button

    def move(self, position: int, step: int) -> None:
        """Swaps the item at `position` with its neighbour; focus follows the moved item."""
        target = position + step
        if self._frozen or not 0 <= target < len(self.order):
            return
        self.order[position], self.order[target] = self.order[target], self.order[position]
        self._show()
        (self.ups if step < 0 else self.downs)[target].focus()
        for callback in self._observers:
            callback()

    def _show(self) -> None:
        last = len(self.order) - 1
        for position, index in enumerate(self.order):
            item = self.items[index]
            self.labels[position].value = f"{position + 1}. {markdown_inline(item)}"
            plain = markdown_plain(item)
            self.ups[position].tooltip = _MESSAGES(self.language, "move_up", item=plain)
            self.downs[position].tooltip = _MESSAGES(self.language, "move_down", item=plain)
            self.ups[position].disabled = self._frozen or position == 0
            self.downs[position].disabled = self._frozen or position == last

    def response(self) -> Response:
        return tuple(self.order)

    def set_response(self, response: Response) -> None:
        if not isinstance(response, tuple):
            return
        order = [i for i in response if isinstance(i, int)]
        if sorted(order) == list(range(len(self.items))):
            self.order = order
            self._show()

    def set_disabled(self, disabled: bool) -> None:
        self._frozen = disabled
        self._show()

    def on_change(self, callback: Callable[[], None]) -> None:
        self._observers.append(callback)

    def mark(self, parts: tuple[bool, ...]) -> None:
        for row, right in zip(self.rows, parts if len(parts) == len(self.rows) else ()):
            row.remove_class(RIGHT_CLASS)
            row.remove_class(WRONG_CLASS)
            row.add_class(RIGHT_CLASS if right else WRONG_CLASS)


class MatchControl(Control):
    """A dropdown per left-hand item, labelled with that item."""

    def __init__(self, question: MatchQuestion, seed: int, settings: Settings) -> None:
        super().__init__()
        options = list(match_options(question, seed, settings))
        self.dropdowns = [
            widgets.Dropdown(options=options, value=None, description=markdown_plain(pair.left),
                             style={"description_width": "initial"}, layout=_auto())
            for pair in question.pairs
        ]
        self.inputs = list(self.dropdowns)
        self.box.children = tuple(self.dropdowns)

    def response(self) -> Response:
        return tuple(d.value or "" for d in self.dropdowns)

    def set_response(self, response: Response) -> None:
        values = response if isinstance(response, tuple) else ()
        for i, dropdown in enumerate(self.dropdowns):
            value = values[i] if i < len(values) else ""
            dropdown.value = value if value in dropdown.options else None


def make_control(question: AnyQuestion, seed: int, settings: Settings, language: str) -> Control:
    """The fitting control for the question's type."""
    if isinstance(question, ChoiceQuestion):
        return ChoiceControl(question, seed, settings)
    if isinstance(question, MultipleQuestion):
        return MultipleControl(question, seed, settings)
    if isinstance(question, TrueFalseQuestion):
        return TrueFalseControl(question, language)
    if isinstance(question, (NumericQuestion, TextQuestion)):
        return TextControl(question, language)
    if isinstance(question, ClozeQuestion):
        return ClozeControl(question, language)
    if isinstance(question, OrderQuestion):
        return OrderControl(question, seed, language)
    return MatchControl(question, seed, settings)

