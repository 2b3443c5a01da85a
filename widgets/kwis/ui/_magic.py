"""The `%quiz` line magic: `%quiz quizzes/minusma.nl.yaml --tags Wagner --count 5 --mode exam`."""

from __future__ import annotations

import argparse
import shlex
import sys
from typing import Any

from kwis.bank._problems import BankError
from kwis._i18n import Messages

_MESSAGES = Messages({
    "en": {
        "usage": "%quiz BANK.yaml [--mode practice|exam] [--tags TAG ...] [--count N] [--seed N] "
                 "[--layout paged|scroll] [--language nl|en] [--user NAME] [--store FILE]",
        "bad_arguments": "%quiz: {error}\nUsage: {usage}",
        "bad_value": "%quiz: {error}",
    },
    "nl": {
        "usage": "%quiz BANK.yaml [--mode practice|exam] [--tags TAG ...] [--count N] [--seed N] "
                 "[--layout paged|scroll] [--language nl|en] [--user NAAM] [--store BESTAND]",
        "bad_arguments": "%quiz: {error}\nGebruik: {usage}",
        "bad_value": "%quiz: {error}",
    },
})


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # argparse would exit the kernel's process
        raise _UsageError(message)


def _parser() -> _Parser:
    parser = _Parser(prog="%quiz", add_help=False)
    parser.add_argument("bank")
    parser.add_argument("--mode", default="practice", choices=("practice", "exam"))
    parser.add_argument("--tags", nargs="+", default=None)
    parser.add_argument("--count", type=int, default=None)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--layout", default="paged", choices=("paged", "scroll"))
    parser.add_argument("--language", default=None)
    parser.add_argument("--user", default=None)
    parser.add_argument("--store", default=None)
    return parser


def quiz_magic(line: str, language: str = "en") -> None:
    """Runs `%quiz LINE`: shows the quiz, or prints what is wrong (never a traceback)."""
    from kwis.ui._widget import quiz

    try:
        args = _parser().parse_args(shlex.split(line))
    except (_UsageError, ValueError) as error:
        usage = _MESSAGES(language, "usage")
        print(_MESSAGES(language, "bad_arguments", error=error, usage=usage), file=sys.stderr)
        return
    tags = [t for tag in args.tags or () for t in tag.split(",") if t.strip()] or None
    try:
        quiz(args.bank, mode=args.mode, tags=tags, count=args.count, seed=args.seed,
             language=args.language, store=args.store, layout=args.layout, user=args.user)
    except BankError as error:
        print(str(error), file=sys.stderr)
    except ValueError as error:
        print(_MESSAGES(language, "bad_value", error=error), file=sys.stderr)


def register(ipython: Any) -> None:
    """Registers `%quiz` with IPython (called by `%load_ext kwis`)."""
    ipython.register_magic_function(quiz_magic, magic_kind="line", magic_name="quiz")
