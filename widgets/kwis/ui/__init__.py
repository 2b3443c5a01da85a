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
    from kwis.ui._progress import Progress, progress
    from kwis.ui._review import ReviewQuiz, review
    from kwis.ui._widget import Quiz, quiz

__all__ = ["Picker", "Progress", "Quiz", "ReviewQuiz", "progress", "quiz", "review"]
_HOMES = {"Quiz": "_widget", "quiz": "_widget", "ReviewQuiz": "_review", "review": "_review",
          "Progress": "_progress", "progress": "_progress", "Picker": "_picker"}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        from importlib import import_module

        return getattr(import_module(f"kwis.ui.{_HOMES[name]}"), name)
    raise AttributeError(f"module 'kwis.ui' has no attribute {name!r}")
