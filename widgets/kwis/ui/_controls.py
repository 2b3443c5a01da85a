"""One answer control per question type, built from plain ipywidgets.

Each control reads and sets a grading `Response` (see `kwis.grading._grade`) through its widgets, so a
test or a browser can answer by setting `radio.value`, ticking a `Checkbox`, typing into a `Text`
or picking a `Dropdown` value, exactly as a student does.
"""

from __future__ import annotations

from typing import Callable

import ipywidgets as widgets

from kwis.ui._kit import Kit
from kwis.grading._grade import Response
from kwis._i18n import Messages, true_false_label
from kwis._model import (
    AnyQuestion, ChoiceQuestion, ClozeQuestion, Gap, MatchQuestion, MultipleQuestion,
    NumericQuestion, OrderQuestion, Settings, TextQuestion, TrueFalseQuestion,
)
from kwis.grading._numbers import format_number
from kwis._render import escape, markdown_inline, markdown_plain
from kwis.ui._session import choice_order, gap_options, item_order, match_options

_MESSAGES = Messages({
    "en": {
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
        "answer": "Antwoord",
        "number_example": "bijv. {example}",
        "text_placeholder": "Typ je antwoord",
        "gap": "({number})",
        "choose": "kies",
        "up": "Hoger",
        "down": "Lager",
        "move_up": "Zet „{item}” hoger",
        "move_down": "Zet „{item}” lager",
    },
})

RIGHT_CLASS = "kwis-part-right"
WRONG_CLASS = "kwis-part-wrong"
CONTROL_CLASS = "kwis-control"


class Control:
    """The widgets for answering one question. Subclasses set `box` (the widget shown, with the
    class `kwis-control`; the input itself when there is only one) and `inputs`."""

    box: widgets.DOMWidget
    inputs: list[widgets.DOMWidget]

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

    def __init__(self, question: ChoiceQuestion, seed: int, settings: Settings, kit: Kit) -> None:
        order = choice_order(question, seed, settings)
        options = [(markdown_plain(question.choices[i].text), i) for i in order]
        self.radio = widgets.RadioButtons(options=options, value=None, layout=kit.auto,
                                          style=kit.description_style,
                                          _dom_classes=(CONTROL_CLASS,))
        self.inputs = [self.radio]
        self.box = self.radio

    def response(self) -> Response:
        value: int | None = self.radio.value
        return value

    def set_response(self, response: Response) -> None:
        self.radio.value = response

    def mark(self, parts: tuple[bool, ...]) -> None:
        return  # one input: the feedback says whether the choice was right


class MultipleControl(Control):
    """A checkbox per choice, in shown order; `checkboxes[i].choice` is the choice index."""

    def __init__(self, question: MultipleQuestion, seed: int, settings: Settings,
                 kit: Kit) -> None:
        self.order = choice_order(question, seed, settings)
        self.checkboxes = [
            widgets.Checkbox(value=False, description=markdown_plain(question.choices[i].text),
                             indent=False, layout=kit.auto, style=kit.checkbox_style)
            for i in self.order
        ]
        self.inputs = list(self.checkboxes)
        self.box = kit.column(self.checkboxes, CONTROL_CLASS)

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

    def __init__(self, question: TrueFalseQuestion, language: str, kit: Kit) -> None:
        options = [(true_false_label(True, language), True), (true_false_label(False, language), False)]
        self.buttons = widgets.ToggleButtons(options=options, value=None, layout=kit.plain,
                                             style=kit.toggle_style,
                                             _dom_classes=(CONTROL_CLASS,))
        self.inputs = [self.buttons]
        self.box = self.buttons

    def response(self) -> Response:
        value: bool | None = self.buttons.value
        return value

    def set_response(self, response: Response) -> None:
        self.buttons.value = response

    def mark(self, parts: tuple[bool, ...]) -> None:
        return


class TextControl(Control):
    """A labelled text field; for numeric questions with the unit beside it and an example
    number written the bank's way as placeholder.

    Text fields send their value when the student leaves the field (or presses Enter), not at
    every key: ipywidgets holds back a field's update while its previous one is unanswered but
    sends a button click at once, so a fast Tab and Enter on Check could overtake the last keys.
    """

    def __init__(self, question: TextQuestion | NumericQuestion, language: str, kit: Kit) -> None:
        if isinstance(question, NumericQuestion):
            example = format_number(1234.5, language)
            placeholder = _MESSAGES(language, "number_example", example=example)
        else:
            placeholder = _MESSAGES(language, "text_placeholder")
        unit = question.unit if isinstance(question, NumericQuestion) else ""
        self.text = widgets.Text(value="", description=_MESSAGES(language, "answer"),
                                 placeholder=placeholder, continuous_update=False,
                                 layout=kit.plain, style=kit.text_style,
                                 _dom_classes=() if unit else (CONTROL_CLASS,))
        self.inputs = [self.text]
        self.box = self.text
        if unit:
            self.box = kit.row([self.text, kit.html(escape(unit), "kwis-unit")], CONTROL_CLASS)

    def response(self) -> Response:
        value: str = self.text.value
        return value

    def set_response(self, response: Response) -> None:
        self.text.value = response if isinstance(response, str) else ""

    def mark(self, parts: tuple[bool, ...]) -> None:
        return


class ClozeControl(Control):
    """The passage with a numbered text field or dropdown at each gap."""

    def __init__(self, question: ClozeQuestion, seed: int, settings: Settings, language: str, kit: Kit) -> None:
        self.inputs = []
        pieces: list[widgets.Widget] = []
        for segment in question.segments:
            if isinstance(segment, Gap):
                number = len(self.inputs) + 1
                options = gap_options(question, number, seed, settings) if segment.is_dropdown else ()
                gap = _gap_input(options, number, language, kit)
                self.inputs.append(gap)
                pieces.append(gap)
            elif segment:
                pieces.append(kit.html(markdown_inline(segment)))
        self.box = widgets.Box(pieces, layout=kit.plain,  # flows as a paragraph: kwis CSS
                               _dom_classes=(CONTROL_CLASS, "kwis-cloze-text"))

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


def _gap_input(options: tuple[str, ...], number: int, language: str, kit: Kit) -> widgets.DOMWidget:
    label = _MESSAGES(language, "gap", number=number)
    if options:
        return widgets.Dropdown(options=list(options), value=None, description=label,
                                style=kit.label_style, layout=kit.auto,
                                _dom_classes=("kwis-gap",))
    return widgets.Text(value="", description=label, continuous_update=False,
                        style=kit.gap_style, layout=kit.gap, _dom_classes=("kwis-gap",))


class OrderControl(Control):
    """The items as a numbered list; each row has Up and Down buttons (keyboard-usable)."""

    def __init__(self, question: OrderQuestion, seed: int, language: str, kit: Kit) -> None:
        self.items = question.items
        self.language = language
        self._frozen = False
        self.order = list(item_order(question, seed))
        positions = range(len(self.order))
        self.labels = [kit.html(self._label(p)) for p in positions]
        self.ups = [self._button(kit, "up", "arrow-up", p) for p in positions]
        self.downs = [self._button(kit, "down", "arrow-down", p) for p in positions]
        self.rows = [kit.row([up, down, label], "kwis-order-item")
                     for up, down, label in zip(self.ups, self.downs, self.labels)]
        self.inputs = list(self.ups) + list(self.downs)
        self.box = kit.column(self.rows, CONTROL_CLASS)
        self._observers: list[Callable[[], None]] = []

    def _button(self, kit: Kit, direction: str, icon: str, position: int) -> widgets.Button:
        # Built with its final tooltip and state: setting them afterwards is a message each.
        button = kit.button(_MESSAGES(self.language, direction), icon, f"kwis-move-{direction}",
                            tooltip=self._tooltip(direction, position),
                            disabled=self._at_end(direction, position))
        step = -1 if direction == "up" else 1
        button.on_click(lambda _button: self.move(position, step))
        return button

    def _label(self, position: int) -> str:
        return f"{position + 1}. {markdown_inline(self.items[self.order[position]])}"

    def _tooltip(self, direction: str, position: int) -> str:
        item = markdown_plain(self.items[self.order[position]])
        return _MESSAGES(self.language, f"move_{direction}", item=item)

    def _at_end(self, direction: str, position: int) -> bool:
        return self._frozen or position == (0 if direction == "up" else len(self.order) - 1)

    def move(self, position: int, step: int) -> None:
        """Swaps the item at `position` with its neighbour; focus follows the moved item."""
        target = position + step
        if self._frozen or not 0 <= target < len(self.order):
            return
        self.order[position], self.order[target] = self.order[target], self.order[position]
        self._show()
        self._focus_on(target, self.ups if step < 0 else self.downs)
        self._notify()

    def _focus_on(self, position: int, buttons: list[widgets.Button]) -> None:
        """Focuses the moved item's button that was pressed, or, at the top or bottom where
        that one is disabled, its other one: the focus never falls off the list."""
        other = self.downs if buttons is self.ups else self.ups
        button = buttons[position] if not buttons[position].disabled else other[position]
        button.focus()

    def _show(self) -> None:
        for position in range(len(self.order)):
            self.labels[position].value = self._label(position)
            for direction, button in (("up", self.ups[position]), ("down", self.downs[position])):
                button.tooltip = self._tooltip(direction, position)
                button.disabled = self._at_end(direction, position)

    def response(self) -> Response:
        return tuple(self.order)

    def set_response(self, response: Response) -> None:
        if not isinstance(response, tuple):
            return
        order = [i for i in response if isinstance(i, int)]
        if sorted(order) == list(range(len(self.items))) and order != self.order:
            self.order = order
            self._show()
            self._notify()  # as a widget's value change would: an exam saves the answer

    def _notify(self) -> None:
        for callback in self._observers:
            callback()

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

    def __init__(self, question: MatchQuestion, seed: int, settings: Settings, kit: Kit) -> None:
        options = list(match_options(question, seed, settings))
        self.dropdowns = [
            widgets.Dropdown(options=options, value=None, description=markdown_plain(pair.left),
                             style=kit.label_style, layout=kit.auto)
            for pair in question.pairs
        ]
        self.inputs = list(self.dropdowns)
        self.box = kit.column(self.dropdowns, CONTROL_CLASS)

    def response(self) -> Response:
        return tuple(d.value or "" for d in self.dropdowns)

    def set_response(self, response: Response) -> None:
        values = response if isinstance(response, tuple) else ()
        for i, dropdown in enumerate(self.dropdowns):
            value = values[i] if i < len(values) else ""
            dropdown.value = value if value in dropdown.options else None


def make_control(question: AnyQuestion, seed: int, settings: Settings, language: str,
                 kit: Kit | None = None) -> Control:
    """The fitting control for the question's type (sharing `kit`'s models with the quiz)."""
    kit = kit or Kit()
    if isinstance(question, ChoiceQuestion):
        return ChoiceControl(question, seed, settings, kit)
    if isinstance(question, MultipleQuestion):
        return MultipleControl(question, seed, settings, kit)
    if isinstance(question, TrueFalseQuestion):
        return TrueFalseControl(question, language, kit)
    if isinstance(question, (NumericQuestion, TextQuestion)):
        return TextControl(question, language, kit)
    if isinstance(question, ClozeQuestion):
        return ClozeControl(question, seed, settings, language, kit)
    if isinstance(question, OrderQuestion):
        return OrderControl(question, seed, language, kit)
    return MatchControl(question, seed, settings, kit)
