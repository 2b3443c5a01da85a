"""kwis: question banks in YAML, taken as quizzes in Jupyter.

Public surface: `load_bank`, `BankError`, `Quiz`, `quiz`, and the `%quiz` magic
(`%load_ext kwis`). The widget layer is imported lazily, so loading and grading a bank
never imports ipywidgets.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kwis.bank._problems import BankError
from kwis.bank._loader import load_bank

if TYPE_CHECKING:
    from kwis.quiz._widget import Quiz, quiz

__all__ = ["BankError", "Quiz", "load_bank", "load_ipython_extension", "quiz"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name in ("Quiz", "quiz"):
        from kwis.quiz import _widget as _quiz

        return getattr(_quiz, name)
    raise AttributeError(f"module 'kwis' has no attribute {name!r}")


def load_ipython_extension(ipython: Any) -> None:
    """`%load_ext kwis`: registers the `%quiz` line magic."""
    from kwis.quiz._magic import register

    register(ipython)
