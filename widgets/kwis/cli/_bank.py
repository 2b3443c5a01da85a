"""The `kwis` command: validate, schema and info here; the teacher tools in `_cli_teacher`.

Exit codes: 0 clean, 1 problems in a bank, 2 usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Iterable, Sequence, TextIO

from kwis.cli import _teacher as _cli_teacher
from kwis.bank._problems import Problem
from kwis._i18n import Messages
from kwis.bank._loader import Loaded, read_bank
from kwis._model import QUESTION_TYPES, Bank
from kwis.bank._schema import json_schema

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

# `kwis info` speaks the bank's language; usage errors and the summary over several banks stay English.
_MESSAGES = Messages({
    "en": {"by_type": "by type", "by_tag": "by tag", "by_difficulty": "by difficulty"},
    "nl": {"by_type": "per type", "by_tag": "per tag", "by_difficulty": "per moeilijkheidsgraad"},
})


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


def _validate(args: argparse.Namespace) -> int:
    files, missing = bank_files(args.paths)
    for name in missing:
        print(f"kwis: error: no such file or folder: {name}", file=sys.stderr)
    if missing:
        return EXIT_USAGE
    if not files:
        print(f"kwis: error: no *.yaml bank files in {', '.join(args.paths)}", file=sys.stderr)
        return EXIT_USAGE
    results = [read_bank(path) for path in files]
    for loaded in results:
        report(loaded.problems)
    print(_summary(results), file=sys.stderr)
    return EXIT_PROBLEMS if any(loaded.errors for loaded in results) else EXIT_OK


def _summary(results: Sequence[Loaded]) -> str:
    errors = sum(len(r.errors) for r in results)
    warnings = sum(len(r.warnings) for r in results)
    questions = sum(len(r.bank.questions) for r in results if r.bank)
    banks = len(results)
    return (f"{banks} bank{'s' * (banks != 1)} checked, {questions} questions: "
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")


def _schema(args: argparse.Namespace) -> int:
    print(schema_text(), end="")
    return EXIT_OK


def schema_text() -> str:
    """The JSON Schema as committed in quizzes/bank.schema.json."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def _info(args: argparse.Namespace) -> int:
    bank = load_or_report(args.bank)
    if bank is None:
        return EXIT_PROBLEMS
    print(bank_info(bank))
    return EXIT_OK


def bank_info(bank: Bank) -> str:
    """Title, language and question counts by type, tag and difficulty, labelled in the bank's language."""
    types = Counter(q.type for q in bank.questions)
    tags = Counter(tag for q in bank.questions for tag in q.tags)
    levels = Counter(q.difficulty for q in bank.questions)
    label = {key: _MESSAGES(bank.language, key) for key in ("by_type", "by_tag", "by_difficulty")}
    lines = [f"{bank.title}", f"  id: {bank.id}", f"  language: {bank.language}",
             f"  questions: {len(bank.questions)}", f"  {label['by_type']}:"]
    lines += [f"    {t:<11} {types[t]}" for t in QUESTION_TYPES if types[t]]
    lines += [f"  {label['by_tag']}:"]
    lines += [f"    {t:<20} {n}" for t, n in sorted(tags.items(), key=lambda i: (-i[1], i[0]))]
    lines += [f"  {label['by_difficulty']}:"] + [f"    {level:<11} {levels[level]}" for level in sorted(levels)]
    return "\n".join(lines)


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="kwis", description="Question banks in YAML, quizzes in Jupyter.")
    sub = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    validate = sub.add_parser("validate", help="check banks: every problem with file, line and a fix")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="bank files, or folders searched for *.yaml")
    validate.set_defaults(handler=_validate)
    schema = sub.add_parser("schema", help="print the JSON Schema of the bank format")
    schema.set_defaults(handler=_schema)
    info = sub.add_parser("info", help="title, language and question counts of a bank")
    info.add_argument("bank", metavar="BANK")
    info.set_defaults(handler=_info)
    _cli_teacher.add_commands(sub)
    return main_parser


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.handler(args)
    except BrokenPipeError:  # `kwis schema | head`
        return EXIT_OK
    return code


if __name__ == "__main__":
    sys.exit(main())
