"""The teacher subcommands of the `kwis` CLI: lint, export, import, draft, notebook.

Exit codes as in `_common`: 0 fine, 1 problems in a bank (or warnings under `--strict`), 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from kwis._model import Bank
from kwis.cli._common import (
    EXIT_OK, EXIT_PROBLEMS, bank_files, load_or_report, read_text, report, usage, write_output,
)


def add_commands(subparsers: "argparse._SubParsersAction[Any]") -> None:
    """Adds the teacher subcommands to the `kwis` parser."""
    from kwis.teacher.export import FORMATS

    lint = subparsers.add_parser("lint", help="question-quality warnings (see docs/lint.md)")
    lint.add_argument("paths", nargs="+", metavar="BANK", help="bank files, or folders searched for *.yaml")
    lint.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    lint.set_defaults(handler=_lint)

    export = subparsers.add_parser("export", help="write a bank for an LMS, as an answer key, or as a student copy "
                                                 "without answers (--to student)")
    export.add_argument("bank", metavar="BANK")
    export.add_argument("--to", required=True, choices=FORMATS, dest="format")
    export.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    export.add_argument("-v", "--verbose", action="store_true",
                        help="a warning per question and loss, not only the summary per kind of loss")
    export.set_defaults(handler=_export)

    importer = subparsers.add_parser("import", help="a GIFT or Moodle XML file as a kwis bank (YAML)")
    importer.add_argument("format", choices=("gift", "moodle-xml"))
    importer.add_argument("file", metavar="FILE")
    importer.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    importer.add_argument("--language", default="", help="the bank's language, e.g. nl (default: en, "
                          "or what a kwis GIFT export names)")
    importer.add_argument("--id", default="", help="the bank id (default: as a kwis export wrote it, else "
                          "from the file name)")
    importer.add_argument("--title", default="", help="the bank title (default: as a kwis export wrote it, "
                          "else the file name)")
    importer.set_defaults(handler=_import)

    draft = subparsers.add_parser("draft", help="a starting bank of draft questions from a source text")
    draft.add_argument("source", metavar="SOURCE.txt")
    draft.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    draft.add_argument("--language", default="", help="the text's language, nl or en (default: detected "
                       "from the text)")
    draft.add_argument("--max", type=int, default=20, dest="limit", help="at most this many questions")
    draft.set_defaults(handler=_draft)

    notebook = subparsers.add_parser("notebook", help="a ready student notebook for a bank")
    notebook.add_argument("bank", metavar="BANK")
    notebook.add_argument("-o", "--output", required=True, metavar="FILE.ipynb")
    notebook.set_defaults(handler=_notebook)


def _lint(args: argparse.Namespace) -> int:
    from kwis.teacher._lint import lint
    from kwis.bank import read_bank

    files, missing = bank_files(args.paths)
    if missing or not files:
        return usage(f"no such file or folder: {', '.join(missing)}" if missing
                      else f"no *.yaml bank files in {', '.join(args.paths)}")
    errors = warnings = 0
    for path in files:
        loaded = read_bank(path)
        if loaded.bank is None:
            report(loaded.errors)
            errors += len(loaded.errors)
            continue
        found = lint(loaded.bank, loaded.positions)
        report(found)
        warnings += len(found)
    banks = len(files)
    print(f"{banks} bank{'s' * (banks != 1)} linted: {errors} error{'s' * (errors != 1)}, "
          f"{warnings} warning{'s' * (warnings != 1)}", file=sys.stderr)
    return EXIT_PROBLEMS if errors or (args.strict and warnings) else EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from kwis.teacher.export import BINARY_FORMATS, KeylessExport, export
    from kwis.bank._problems import locate
    from kwis.bank import read_bank

    if args.format in BINARY_FORMATS and not args.output:
        return usage(f"--to {args.format} writes a zip file: name it with -o FILE.zip")
    loaded = read_bank(args.bank)
    bank = loaded.bank if loaded.bank is not None else load_or_report(args.bank)
    if bank is None:
        return EXIT_PROBLEMS
    try:
        exported = export(bank, args.format)
    except KeylessExport as refused:
        print(f"kwis: error: {refused}", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.verbose:
        report(locate(exported.problems, loaded.positions), sys.stderr)
    for line in exported.summary:
        print(line, file=sys.stderr)
    return write_output(exported.data, args.output)


def _import(args: argparse.Namespace) -> int:
    from kwis.bank._ids import slug
    from kwis.teacher.importers._gift import import_gift
    from kwis.teacher.importers._moodle import import_moodle
    from kwis.bank import read_bank_text
    from kwis.bank._writer import bank_to_yaml

    text = read_text(args.file)
    if text is None:
        return EXIT_PROBLEMS
    if args.format == "gift":
        imported = import_gift(text, args.file, args.language)
    else:
        imported = import_moodle(text, args.file, args.language)
    stem = Path(args.file).stem
    bank = imported.bank(args.id or imported.bank_id or slug(stem, "bank"), args.title or imported.title or stem)
    text = bank_to_yaml(bank)
    # The bank as written must load: what the importers let through (a control character, a
    # number out of bounds) is reported here, as `kwis validate` would, not found later.
    refused = read_bank_text(text, file=args.output or "<stdout>").errors
    report([*imported.problems, *refused], sys.stderr)
    if not bank.questions:
        return EXIT_PROBLEMS
    written = write_output(text, args.output)
    return EXIT_PROBLEMS if refused and written == EXIT_OK else written


def _draft(args: argparse.Namespace) -> int:
    from kwis.teacher._draft import draft_bank
    from kwis.bank._writer import bank_to_yaml

    text = read_text(args.source)
    if text is None:
        return EXIT_PROBLEMS
    bank_dir = Path(args.output).resolve().parent if args.output else Path.cwd()
    bank = draft_bank(text, Path(args.source), bank_dir, language=args.language, limit=args.limit)
    bank = _source_inside(bank, text, Path(args.source), bank_dir)
    if not bank.questions:
        print(f"{args.source}:0:0: warning: no sentence with a figure, date, name or quote found",
              file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"{len(bank.questions)} draft questions: review each one, then remove `draft: true`",
          file=sys.stderr)
    return write_output(bank_to_yaml(bank), args.output)


def _source_inside(bank: Bank, text: str, source: Path, bank_dir: Path) -> Bank:
    """kwis reads a source only inside the bank's folder tree (docs/security.md): a text from
    elsewhere is copied to `sources/` next to the bank, unless a different file is there already."""
    if bank.source is None or source.resolve().is_relative_to(bank_dir.resolve()):
        return bank
    copy = bank_dir / "sources" / source.name
    if copy.exists() and copy.read_text(encoding="utf-8") != text:
        print(f"{copy}:0:0: warning: a different file is already here; source.file points outside the bank's "
              "folder, which kwis does not read: move the text next to the bank", file=sys.stderr)
        return bank
    copy.parent.mkdir(parents=True, exist_ok=True)
    copy.write_text(text, encoding="utf-8")
    shown = Path(os.path.relpath(copy)) if copy.is_absolute() else copy  # no machine path in the message
    print(f"copied {source} to {shown}: kwis reads source texts only inside the bank's folder", file=sys.stderr)
    return replace(bank, source=replace(bank.source, file=f"sources/{source.name}"))


def _notebook(args: argparse.Namespace) -> int:
    from kwis.teacher._notebook import write_notebook

    bank = load_or_report(args.bank)
    if bank is None:
        return EXIT_PROBLEMS
    try:
        write_notebook(bank, args.bank, args.output)
    except OSError as err:
        return usage(f"cannot write {args.output}: {err.strerror or err}")
    return EXIT_OK
