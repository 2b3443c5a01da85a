"""The Layout and style models one quiz's widgets share, and small builders that use them.

ipywidgets gives every widget its own Layout model, and most widgets a style model too, unless
one is passed in: three models (three comms, three frontend models) for each button or label.
A quiz passes one shared Layout and style per kind instead, and its CSS classes at construction
(not by `add_class` afterwards, which sends one more message each time). Never change a shared
Layout or style through one widget -- that changes every widget of the quiz; style with the kwis
CSS classes (docs/widgets.md) instead.
"""

from __future__ import annotations

from functools import cached_property
from typing import Sequence

import ipywidgets as widgets
# The style classes ipywidgets does not export at the top level (stable since ipywidgets 8.0).
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLMathStyle, HTMLStyle, TextStyle


class Kit:
    """Shared models for one quiz, each made on first use."""

    @cached_property
    def plain(self) -> widgets.Layout:
        return widgets.Layout()

    @cached_property
    def auto(self) -> widgets.Layout:
        return widgets.Layout(width="auto")

    @cached_property
    def gap(self) -> widgets.Layout:
        return widgets.Layout(width="14em")

    @cached_property
    def html_style(self) -> HTMLMathStyle:
        return HTMLMathStyle()

    @cached_property
    def plain_html_style(self) -> HTMLStyle:
        return HTMLStyle()

    @cached_property
    def button_style(self) -> widgets.ButtonStyle:
        return widgets.ButtonStyle()

    @cached_property
    def description_style(self) -> DescriptionStyle:
        return DescriptionStyle()

    @cached_property
    def label_style(self) -> DescriptionStyle:
        """For a control whose label may be long (a match item): the label takes its width."""
        return DescriptionStyle(description_width="initial")

    @cached_property
    def text_style(self) -> TextStyle:
        return TextStyle()

    @cached_property
    def gap_style(self) -> TextStyle:
        return TextStyle(description_width="initial")

    @cached_property
    def checkbox_style(self) -> CheckboxStyle:
        return CheckboxStyle()

    @cached_property
    def toggle_style(self) -> widgets.ToggleButtonsStyle:
        return widgets.ToggleButtonsStyle()

    # -- builders ---------------------------------------------------------------------------

    def html(self, value: str = "", *classes: str) -> widgets.HTMLMath:
        """Sanitized HTML (with `$math$` for MathJax)."""
        return widgets.HTMLMath(value, layout=self.plain, style=self.html_style,
                                _dom_classes=classes)

    def text(self, *classes: str, value: str = "") -> widgets.HTML:
        """A line of (escaped) status text, without MathJax."""
        return widgets.HTML(value, layout=self.plain, style=self.plain_html_style,
                            _dom_classes=classes)

    def button(self, text: str, icon: str, *classes: str, tooltip: str = "",
               disabled: bool = False) -> widgets.Button:
        return widgets.Button(description=text, icon=icon, tooltip=tooltip or text,
                              disabled=disabled, layout=self.auto, style=self.button_style,
                              _dom_classes=classes)

    def column(self, children: Sequence[widgets.Widget], *classes: str) -> widgets.VBox:
        return widgets.VBox(tuple(children), layout=self.plain, _dom_classes=classes)

    def row(self, children: Sequence[widgets.Widget], *classes: str) -> widgets.HBox:
        return widgets.HBox(tuple(children), layout=self.plain, _dom_classes=classes)


def close_tree(widget: widgets.Widget) -> None:
    """Closes a widget and every widget inside it (not their shared Layout and style models)."""
    for child in getattr(widget, "children", ()):
        close_tree(child)
    widget.close()
