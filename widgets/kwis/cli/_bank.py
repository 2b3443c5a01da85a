"""The bank subcommands of `kwis`: validate, schema and info."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

from kwis._i18n import Messages
from kwis._render import terminal_safe
from kwis.bank import Loaded, read_bank
from kwis._model import QUESTION_TYPES, Bank
from kwis.bank._schema import schema_text

from kwis.cli._common import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, bank_files, load_or_report, report

# `kwis info` speaks the bank's language; usage errors and the summary over several banks stay English.
_MESSAGES = Messages({
    "en": {"by_type": "by type", "by_tag": "by tag", "by_difficulty": "by difficulty",
           "by_group": "groups (a draw takes one question of each)"},
    "nl": {"by_type": "per type", "by_tag": "per tag", "by_difficulty": "per moeilijkheidsgraad",
           "by_group": "groepen (een trekking neemt uit elk één vraag)"},
})


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
    questions = sum(r.question_count for r in results)
    banks = len(results)
    return (f"{banks} bank{'s' * (banks != 1)} checked, {questions} questions: "
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")


def _schema(args: argparse.Namespace) -> int:
    print(schema_text(), end="")
    return EXIT_OK


def _info(args: argparse.Namespace) -> int:
    bank = load_or_report(args.bank)
    if bank is None:
        return EXIT_PROBLEMS
    print("\n".join(terminal_safe(line) for line in bank_info(bank).splitlines()))
    return EXIT_OK


def bank_info(bank: Bank) -> str:
    """Title, language and question counts by type, tag, difficulty and group, labelled in the bank's
    language. The groups are listed only when the bank has them."""
    types = Counter(q.type for q in bank.questions)
    tags = Counter(tag for q in bank.questions for tag in q.tags)
    levels = Counter(q.difficulty for q in bank.questions)
    label = {key: _MESSAGES(bank.language, key) for key in ("by_type", "by_tag", "by_difficulty", "by_group")}
    lines = [f"{bank.title}", f"  id: {bank.id}", f"  language: {bank.language}",
             f"  questions: {len(bank.questions)}", f"  {label['by_type']}:"]
    lines += [f"    {t:<11} {types[t]}" for t in QUESTION_TYPES if types[t]]
    lines += [f"  {label['by_tag']}:"]
    lines += [f"    {t:<20} {n}" for t, n in sorted(tags.items(), key=lambda i: (-i[1], i[0]))]
    lines += [f"  {label['by_difficulty']}:"] + [f"    {level:<11} {levels[level]}" for level in sorted(levels)]
    if bank.groups:
        lines += [f"  {label['by_group']}:"]
        lines += [f"    {name:<20} {len(ids)}: {', '.join(ids)}" for name, ids in bank.groups.items()]
    return "\n".join(lines)


def add_commands(sub: "argparse._SubParsersAction[Any]") -> None:
    """Adds validate, schema and info to the `kwis` parser."""
    validate = sub.add_parser("validate", help="check banks: every problem with file, line and a fix")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="bank files, or folders searched for *.yaml")
    validate.set_defaults(handler=_validate)
    schema = sub.add_parser("schema", help="print the JSON Schema of the bank format")
    schema.set_defaults(handler=_schema)
    info = sub.add_parser("info", help="title, language and question counts of a bank")
    info.add_argument("bank", metavar="BANK")
    info.set_defaults(handler=_info)
