"""The teacher subcommands of the `kwis` CLI: lint, export, import, draft, notebook."""

from __future__ import annotations

import argparse
from typing import Any


def add_commands(subparsers: "argparse._SubParsersAction[Any]") -> None:
    """Adds the teacher subcommands to the `kwis` parser."""
