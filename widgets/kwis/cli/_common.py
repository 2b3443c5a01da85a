"""What every `kwis` subcommand shares: exit codes, printing problems, finding bank files,
reading and writing files with a clear error instead of a traceback."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, Sequence, TextIO

from kwis._model import Bank
from kwis.bank import read_bank
from kwis.bank._problems import Problem

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def usage(message: str) -> int:
    print(f"kwis: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def report(problems: Iterable[Problem], stream: TextIO | None = None) -> None:
    """Prints problems the way compilers do (`file:line:col: error: ...`), each fix on the next line."""
    out = stream if stream is not None else sys.stdout
    for problem in problems:
        print(problem.format(), file=out)


def bank_files(paths: Sequence[str]) -> tuple[list[Path], list[str]]:
    """The bank files named, folders searched for *.yaml; and the paths that are neither."""
    files: list[Path] = []
    missing: list[str] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*.yaml") if p.is_file())
        elif path.is_file():
            files.append(path)
        else:
            missing.append(name)
    return files, missing


def load_or_report(path: str | Path, stream: TextIO | None = None) -> Bank | None:
    """The bank at `path`, or None after reporting its errors (warnings are not printed)."""
    loaded = read_bank(path)
    if loaded.bank is None:
        report(loaded.errors, stream)
    return loaded.bank


def write_output(data: str | bytes, output: str | None) -> int:
    if output is None:
        sys.stdout.write(data if isinstance(data, str) else data.decode("utf-8"))
        return EXIT_OK
    try:
        if isinstance(data, bytes):
            Path(output).write_bytes(data)
        else:
            Path(output).write_text(data, encoding="utf-8")
    except OSError as err:
        return usage(f"cannot write {output}: {err.strerror or err}")
    return EXIT_OK


def read_text(path: str) -> str | None:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) else "it is not UTF-8 text"
        print(f"{path}:0:0: error: cannot read the file: {reason}", file=sys.stderr)
        return None
