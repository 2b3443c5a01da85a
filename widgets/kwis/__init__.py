"""kwis: question banks in YAML, taken as quizzes in Jupyter.

Public surface: `load_bank`, `BankError`, `Quiz`, `quiz`, and the `%quiz` magic
(`%load_ext kwis`). The widget layer is imported lazily, so loading and grading a bank
never imports ipywidgets.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from kwis.bank import BankError, load_bank

if TYPE_CHECKING:
    from kwis.ui import Quiz, quiz

__all__ = ["BankError", "Quiz", "load_bank", "load_ipython_extension", "quiz"]

try:
    __version__ = version("kwis")
except PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "0+unknown"


def __getattr__(name: str) -> Any:
    if name in ("Quiz", "quiz"):
        from kwis import ui

        return getattr(ui, name)
    raise AttributeError(f"module 'kwis' has no attribute {name!r}")


def load_ipython_extension(ipython: Any) -> None:
    """`%load_ext kwis`: registers the `%quiz` line magic."""
    from kwis.ui._magic import register

    register(ipython)
