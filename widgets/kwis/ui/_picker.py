"""A dropdown that shows one view at a time: the teacher dashboard's "pick a question, see its
distractor chart". Generic: it knows nothing of statistics, only labels and a way to draw."""

from __future__ import annotations

from typing import Any, Callable, Generic, Sequence, TypeVar

import ipywidgets as widgets

T = TypeVar("T")


class Picker(widgets.VBox, Generic[T]):  # type: ignore[misc]
    """A `Dropdown` of `choices` (label, value) above an `Output` showing `draw(value)` for the
    chosen one; choosing another redraws it. Outside a widget frontend it shows `describe(value)`
    of the first choice as text."""

    def __init__(self, choices: Sequence[tuple[str, T]], draw: Callable[[T], Any], *,
                 description: str = "", describe: Callable[[T], str] | None = None) -> None:
        self.choices = list(choices)
        self.draw = draw
        self.describe = describe
        self.dropdown = widgets.Dropdown(options=[label for label, _ in self.choices],
                                         description=description)
        self.output = widgets.Output()
        super().__init__([self.dropdown, self.output])
        self.add_class("kwis-picker")
        self.dropdown.observe(lambda _change: self.show(), names="value")
        self.show()

    @property
    def chosen(self) -> T | None:
        labels = [label for label, _ in self.choices]
        if self.dropdown.value not in labels:
            return None
        return self.choices[labels.index(self.dropdown.value)][1]

    def show(self) -> None:
        self.output.outputs = ()
        value = self.chosen
        if value is not None:
            self.output.append_display_data(self.draw(value))

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle: dict[str, Any] = dict(super()._repr_mimebundle_(**kwargs) or {})
        value = self.chosen
        text = self.describe(value) if self.describe is not None and value is not None else ""
        bundle["text/plain"] = f"{self.dropdown.value}\n{text}".rstrip()
        return bundle
