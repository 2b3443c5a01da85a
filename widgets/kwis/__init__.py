"""kwis: question banks in YAML, taken as quizzes in Jupyter.

Public surface: `load_bank`, `BankError`, `Quiz`, `quiz`, `review` (spaced review of what is
due), `progress` (mastery and plots), and the `%quiz` magic
(`%load_ext kwis`). The widget layer is imported lazily, so loading and grading a bank
never imports ipywidgets.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from kwis.bank import BankError, load_bank

if TYPE_CHECKING:
    from kwis.ui import Progress, Quiz, ReviewQuiz, progress, quiz, review

_UI = ("Progress", "Quiz", "ReviewQuiz", "progress", "quiz", "review")
__all__ = ["BankError", "load_bank", "load_ipython_extension", *_UI]

try:
    __version__ = version("kwis")
except PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "0+unknown"


def __getattr__(name: str) -> Any:
    if name in _UI:
        from kwis import ui

        return getattr(ui, name)
    raise AttributeError(f"module 'kwis' has no attribute {name!r}")


def load_ipython_extension(ipython: Any) -> None:
    """`%load_ext kwis`: registers the `%quiz` line magic."""
    from kwis.ui._magic import register

    register(ipython)
