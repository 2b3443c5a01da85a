"""`kwis new` (a starter bank) and `kwis example` (the MINUSMA banks): where a teacher starts.

Exit codes as in `_bank`: 0 written, 2 usage (a file in the way, an unknown language).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kwis._i18n import Messages
from kwis.cli._common import EXIT_OK, EXIT_USAGE
from kwis.bank import load_bank
from kwis.bank._schema import schema_text
from kwis.teacher._example import EXAMPLE_BANKS, example_files
from kwis.teacher._template import STARTER_LANGUAGES, write_starter


_MESSAGES = Messages({
    "en": {
        "wrote": "wrote {path}",
        "next_new": "next: edit {bank}, then `kwis validate {bank}`, `kwis lint {bank}` and "
                    "`kwis notebook {bank} -o quiz.ipynb`",
        "next_example": "next: `kwis validate {folder}`, then open {notebook} in JupyterLab",
        "no_source": "cannot read the source text {path}",
    },
    "nl": {
        "wrote": "{path} geschreven",
        "next_new": "verder: bewerk {bank}, dan `kwis validate {bank}`, `kwis lint {bank}` en "
                    "`kwis notebook {bank} -o quiz.ipynb`",
        "next_example": "verder: `kwis validate {folder}`, open dan {notebook} in JupyterLab",
        "no_source": "kan de brontekst {path} niet lezen",
    },
})


def add_commands(subparsers: "argparse._SubParsersAction[Any]") -> None:
    """Adds `new` and `example` to the `kwis` parser."""
    new = subparsers.add_parser("new", help="a starter bank: one question of each type, every field explained")
    new.add_argument("bank", metavar="BANK.yaml")
    new.add_argument("--language", choices=STARTER_LANGUAGES, default="nl",
                     help="the bank's language (default nl)")
    new.add_argument("--source", metavar="TEXT.txt",
                     help="your source text; without it an example text comes along in sources/")
    new.set_defaults(handler=_new)

    example = subparsers.add_parser("example", help="copy the MINUSMA banks, their source text and "
                                    "student notebooks into a folder")
    example.add_argument("folder", nargs="?", default="minusma", metavar="FOLDER",
                         help="where to put them (default ./minusma)")
    example.set_defaults(handler=_example)


def _new(args: argparse.Namespace) -> int:
    lang = args.language
    if args.source is not None and not Path(args.source).is_file():
        print(f"kwis: error: {_MESSAGES(lang, 'no_source', path=args.source)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        written = write_starter(args.bank, lang, args.source, schema=schema_text())
    except (FileExistsError, OSError) as err:
        message = str(err) if isinstance(err, FileExistsError) else f"{args.bank}: {err.strerror or err}"
        print(f"kwis: error: {message}", file=sys.stderr)
        return EXIT_USAGE
    for path in written:
        print(_MESSAGES(lang, "wrote", path=path), file=sys.stderr)
    print(_MESSAGES(lang, "next_new", bank=args.bank), file=sys.stderr)
    return EXIT_OK


def _example(args: argparse.Namespace) -> int:
    from kwis.teacher._notebook import write_notebook  # nbformat is slow to import: only here

    folder = Path(args.folder)
    files = {folder / name: data for name, data in example_files().items()}
    files[folder / "bank.schema.json"] = schema_text().encode("utf-8")
    notebooks = {folder / f"minusma-quiz.{name.split('.')[1]}.ipynb": folder / name for name in EXAMPLE_BANKS}
    in_the_way = [path for path in [*files, *notebooks] if path.exists()]
    if in_the_way:
        print(f"kwis: error: {in_the_way[0]} exists already: choose another folder", file=sys.stderr)
        return EXIT_USAGE
    try:
        for path, data in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            print(_MESSAGES("en", "wrote", path=path), file=sys.stderr)
        for notebook, bank in notebooks.items():
            write_notebook(load_bank(bank), bank, notebook)
            print(_MESSAGES("en", "wrote", path=notebook), file=sys.stderr)
    except OSError as err:
        print(f"kwis: error: cannot write in {folder}: {err.strerror or err}", file=sys.stderr)
        return EXIT_USAGE
    print(_MESSAGES("en", "next_example", folder=folder, notebook=next(iter(notebooks))), file=sys.stderr)
    return EXIT_OK
