"""kwis: question banks in YAML, taken as quizzes in Jupyter.

Public surface: `load_bank`, `BankError`, `Quiz`, `quiz`, `review` (spaced review of what is
due), `progress` (mastery and plots), and the `%quiz` magic
(`%load_ext kwis`). Every public name is imported when first used (module `__getattr__`), so
`import kwis` costs next to nothing, loading and grading a bank never imports ipywidgets, and a
quiz never imports what only teachers' tools use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kwis.bank import BankError, load_bank
    from kwis.ui import Progress, Quiz, ReviewQuiz, progress, quiz, review

# Public name -> the module that defines it.
_HOMES = {
    "BankError": "kwis.bank", "load_bank": "kwis.bank",
    **dict.fromkeys(("Progress", "Quiz", "ReviewQuiz", "progress", "quiz", "review"), "kwis.ui"),
}
__all__ = ["BankError", "load_bank", "load_ipython_extension",
           "Progress", "Quiz", "ReviewQuiz", "progress", "quiz", "review"]


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        from importlib import import_module

        value = getattr(import_module(_HOMES[name]), name)
        globals()[name] = value  # the next use is a plain attribute
        return value
    if name == "__version__":
        return _version()
    raise AttributeError(f"module 'kwis' has no attribute {name!r}")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kwis")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "0+unknown"


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, "__version__"})


def load_ipython_extension(ipython: Any) -> None:
    """`%load_ext kwis`: registers the `%quiz` line magic."""
    from kwis.ui._magic import register

    register(ipython)
