"""Problems found in a bank, and the one exception that carries them."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable, Literal, Mapping, Sequence

from kwis._i18n import Messages
from kwis._render import terminal_safe

Severity = Literal["error", "warning"]
# Line and column (1-based) of each JSON-path the loader saw.
Positions = Mapping[str, tuple[int, int]]


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a bank, where it is, and how to fix it.

    `path` is a JSON-path into the bank (`$.questions[3].choices[1].correct`);
    `line` and `column` are 1-based positions in `file` (0 when unknown).
    """

    file: str
    line: int
    column: int
    path: str
    message: str
    fix: str = ""
    severity: Severity = "error"
    code: str = ""

    def format(self) -> str:
        """The compiler-style form editors can jump to, with the fix on the next line."""
        code = f" [{self.code}]" if self.code else ""
        file, message, path, fix = (terminal_safe(t) for t in (self.file, self.message, self.path, self.fix))
        head = f"{file}:{self.line}:{self.column}: {self.severity}{code}: {message} ({path})"
        return f"{head}\n    fix: {fix}" if fix else head


_MESSAGES = Messages({
    "en": {"summary_one": "1 problem in the bank:", "summary": "{count} problems in the bank:"},
    "nl": {"summary_one": "1 probleem in de bank:", "summary": "{count} problemen in de bank:"},
})


class BankError(Exception):
    """A bank could not be loaded; `problems` lists every error found, in file order.

    `language` is the bank's, so the summary line speaks it like the problems do.
    """

    def __init__(self, problems: Sequence[Problem], language: str = "en") -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.language = language
        super().__init__(self._summary())

    def _summary(self) -> str:
        count = len(self.problems)
        head = _MESSAGES(self.language, "summary_one") if count == 1 else _MESSAGES(
            self.language, "summary", count=count)
        return "\n".join([head] + [p.format() for p in self.problems])


def locate(problems: Iterable[Problem], positions: Positions) -> list[Problem]:
    """The problems with line and column of their path, or of its nearest known parent."""
    return [replace(p, line=pos[0], column=pos[1]) if (pos := position_of(p.path, positions)) else p
            for p in problems]


def position_of(path: str, positions: Positions) -> tuple[int, int] | None:
    while path:
        if path in positions:
            return positions[path]
        path = re.sub(r"(\[\d+\]|\.[^.\[]+)$", "", path) if path != "$" else ""
    return None
