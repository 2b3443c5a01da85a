"""Problems found in a bank, and the one exception that carries them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Sequence

Severity = Literal["error", "warning"]


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
        head = f"{self.file}:{self.line}:{self.column}: {self.severity}{code}: {self.message} ({self.path})"
        return f"{head}\n    fix: {self.fix}" if self.fix else head


class BankError(Exception):
    """A bank could not be loaded; `problems` lists every error found, in file order."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self._summary())

    def _summary(self) -> str:
        count = len(self.problems)
        lines = [f"{count} problem{'s' if count != 1 else ''} in the bank:"]
        lines += [p.format() for p in self.problems]
        return "\n".join(lines)
