"""The user interface: quizzes, reviews and views as widgets; the only layer that imports
ipywidgets and anywidget. (Not named `quiz`: that is the public function `kwis.quiz`, which a
subpackage of the same name would shadow once imported.)

`Quiz` and `quiz` are imported lazily, so the widget-free parts of this layer (the session's
draws, the static view) can be used without loading ipywidgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kwis.ui._picker import Picker
    from kwis.ui._widget import Quiz, quiz

__all__ = ["Picker", "Quiz", "quiz"]


def __getattr__(name: str) -> Any:
    if name == "Picker":
        from kwis.ui import _picker

        return _picker.Picker
    if name in __all__:
        from kwis.ui import _widget

        return getattr(_widget, name)
    raise AttributeError(f"module 'kwis.ui' has no attribute {name!r}")
