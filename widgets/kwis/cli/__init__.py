"""The `kwis` command. Each module here adds one group of subcommands (`add_commands`);
exit codes are 0 fine, 1 problems in a bank, 2 usage errors (`_common`)."""

from __future__ import annotations

import argparse
from importlib.metadata import version
from typing import Sequence

from kwis.cli import _bank, _class, _hub, _learning, _start, _teacher
from kwis.cli._common import EXIT_OK

__all__ = ["main", "parser"]

COMMAND_GROUPS = (_bank, _teacher, _start, _class, _hub, _learning)


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="kwis", description="Question banks in YAML, quizzes in Jupyter.")
    main_parser.add_argument("--version", action="version", version=f"kwis {version('kwis')}")
    sub = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for group in COMMAND_GROUPS:
        group.add_commands(sub)
    return main_parser


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        code: int = args.handler(args)
    except BrokenPipeError:  # `kwis schema | head`
        return EXIT_OK
    return code
