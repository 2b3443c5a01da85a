"""The class subcommands of the `kwis` CLI: collect (students' stores into a class database,
docs/class-results.md), stats (item statistics of a class, docs/stats.md) and grade (marking exams
taken on a student copy, docs/hub.md).

Exit codes as in `_common`: 0 fine (skipped files are reported, not failures), 2 usage errors.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any, Iterable, TypeVar

from kwis._i18n import Messages, ui_language
from kwis._render import terminal_safe
from kwis.cli._common import EXIT_OK, EXIT_PROBLEMS, load_or_report, usage, write_output
from kwis.records._collect import CollectReport
from kwis.records._lrs_collect import collect_from_lrs
from kwis.records._xapi import PASSWORD_ENV, USER_ENV, LrsClient, LrsError

T = TypeVar("T")

# `kwis grade` speaks the full bank's language.
_GRADE_MESSAGES = Messages({
    "en": {
        "marked": "{added} answer(s) of {learners} learner(s) marked with {bank}; `kwis stats {target} --bank {id}` "
                  "shows the figures",
        "nothing": "nothing to mark in {target} for bank '{id}': every exam answer to its student copy is marked "
                   "already, or none has been collected",
        "unmatched": "{target}: {count} answer(s) match no question of {bank}, so nothing is marked: the bank has "
                     "changed since its student copy was exported, or the class took another bank",
        "unmatched_question": "  question {question} of the copy: {count} answer(s)",
        "unmatched_fix": "    fix: mark with the full bank as it was when you exported the copy (e.g. from version "
                         "control), then change it",
        "copy_given": "{bank} is a student copy without answers: give --bank the full bank it was made of",
    },
    "nl": {
        "marked": "{added} antwoord(en) van {learners} leerling(en) nagekeken met {bank}; `kwis stats {target} "
                  "--bank {id}` toont de cijfers",
        "nothing": "niets na te kijken in {target} voor bank '{id}': elk toetsantwoord op de studentenkopie is al "
                   "nagekeken, of er is er nog geen verzameld",
        "unmatched": "{target}: {count} antwoord(en) passen bij geen vraag van {bank}, dus er is niets nagekeken: "
                     "de bank is veranderd sinds de studentenkopie werd geëxporteerd, of de klas maakte een andere "
                     "bank",
        "unmatched_question": "  vraag {question} van de kopie: {count} antwoord(en)",
        "unmatched_fix": "    oplossing: kijk na met de volledige bank zoals die was toen je de kopie exporteerde "
                         "(bijvoorbeeld uit versiebeheer), en pas haar daarna aan",
        "copy_given": "{bank} is een studentenkopie zonder antwoorden: geef --bank de volledige bank waarvan ze is "
                      "gemaakt",
    },
})

_MESSAGES = Messages({
    "en": {
        "skipped": "{path}: skipped: {reason}",
        "collected": "{stores} store{s_stores} read, {sittings} new sitting{s_sittings} and {answers} "
                     "new answer{s_answers} added to {output}; {skipped} file{s_skipped} skipped",
        "cannot_write": "cannot collect into {output}: {error}",
        "cannot_read": "cannot read {target}: {error}",
        "no_sources": "no sources: name student stores or folders holding them",
        "no_bank": "{target} has no answers to bank '{bank}'; banks in it: {banks}",
        "several_banks": "the class answered several banks ({banks}): choose one with --bank",
    },
    "nl": {
        "skipped": "{path}: overgeslagen: {reason}",
        "collected": "{stores} opslag{s_stores} gelezen, {sittings} nieuwe sessie{s_sittings} en "
                     "{answers} nieuwe antwoord{s_answers} toegevoegd aan {output}; {skipped} "
                     "bestand{s_skipped} overgeslagen",
        "cannot_write": "kan niet verzamelen in {output}: {error}",
        "cannot_read": "kan {target} niet lezen: {error}",
        "no_sources": "geen bronnen: noem antwoordenopslagen van studenten of mappen waarin ze staan",
        "no_bank": "{target} heeft geen antwoorden op bank '{bank}'; banken erin: {banks}",
        "several_banks": "de klas beantwoordde meerdere banken ({banks}): kies er een met --bank",
    },
})

# Dutch plurals of the counted words above (English adds "s").
_NL_PLURALS = {"stores": "en", "sittings": "s", "answers": "en", "skipped": "en"}


def teacher_language() -> str:
    """The teacher's language from the usual locale variables (`nl_NL.UTF-8` -> nl), else en."""
    for variable in ("KWIS_LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        if value:
            return ui_language(value.split(".")[0].replace("_", "-"))
    return "en"


def add_commands(subparsers: "argparse._SubParsersAction[Any]") -> None:
    collect = subparsers.add_parser("collect", help="gather students' answer stores into one "
                                    "class database")
    collect.add_argument("sources", nargs="*", metavar="SOURCE",
                         help="student answer stores, or folders searched for them "
                              "(*.sqlite3, *.sqlite, *.db; e.g. /home)")
    collect.add_argument("-o", "--output", required=True, metavar="CLASS.sqlite",
                         help="the class database (made if missing; collecting again adds what "
                              "is new)")
    collect.add_argument("--pseudonymise", action="store_true",
                         help="store stable pseudonyms instead of learner ids (the key stays in "
                              "CLASS.sqlite.pseudonym-key: keep it, do not share it)")
    collect.add_argument("--language", default="", help="language of the report (nl or en; "
                         "default from $LANG)")
    collect.add_argument("--from-lrs", metavar="URL", default=None,
                         help="read the class's xAPI statements from this LRS (its xAPI base URL; "
                              "credentials from $KWIS_LRS_USER and $KWIS_LRS_PASSWORD)")
    collect.set_defaults(handler=_collect)

    grade = subparsers.add_parser("grade", help="mark the exams taken on a student copy (kwis export --to "
                                  "student) with the full bank")
    grade.add_argument("target", metavar="CLASS", help="a class database from kwis collect, or a "
                       "postgresql:// URL with the teacher's role")
    grade.add_argument("--bank", required=True, metavar="FULL_BANK", help="the full bank, with its answers")
    grade.set_defaults(handler=_grade)

    stats = subparsers.add_parser("stats", help="item statistics of a class, as Moodle computes "
                                  "them (see docs/stats.md)")
    stats.add_argument("target", metavar="CLASS.sqlite", help="a class database from kwis collect")
    stats.add_argument("--bank", default="", help="the bank id (needed when the class answered "
                       "several banks)")
    stats.add_argument("--attempts", choices=("first", "last", "all"), default="first",
                       help="which completed attempts count: each learner's first (default) or "
                            "last, or all")
    output = stats.add_mutually_exclusive_group()
    output.add_argument("--json", action="store_const", const="json", dest="format")
    output.add_argument("--csv", action="store_const", const="csv", dest="format")
    stats.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    stats.add_argument("--language", default="", help="language of the flags and headings (nl or "
                       "en; default from $LANG)")
    stats.set_defaults(handler=_stats, format="text")


def _collect(args: argparse.Namespace) -> int:
    from kwis.records import collect

    language = ui_language(args.language) if args.language else teacher_language()
    if not args.sources and not args.from_lrs:
        return usage(_MESSAGES(language, "no_sources"))
    try:
        if args.from_lrs:
            report = _collect_lrs(args, language)
        else:
            report = collect(args.sources, args.output, pseudonymise=args.pseudonymise,
                             language=language, progress=progress_bar)
    except LrsError as error:
        return usage(_MESSAGES(language, "cannot_read", target=args.from_lrs, error=error))
    except (sqlite3.Error, OSError, ValueError) as error:
        return usage(_MESSAGES(language, "cannot_write", output=args.output, error=error))
    for skipped in report.skipped:
        print(terminal_safe(_MESSAGES(language, "skipped", path=skipped.path, reason=skipped.reason)),
              file=sys.stderr)
    for doubtful in report.doubtful:
        print(terminal_safe(f"{doubtful.path}: {doubtful.reason}"), file=sys.stderr)
    counts = {"stores": report.stores, "sittings": report.sittings_added,
              "answers": report.answers_added, "skipped": len(report.skipped)}
    print(_MESSAGES(language, "collected", output=args.output, **counts,
                    **_plurals(counts, language)), file=sys.stderr)
    return EXIT_OK


def _stats(args: argparse.Namespace) -> int:
    from kwis.records import open_class
    from kwis.teacher import bank_stats, stats_csv, stats_json, stats_text

    language = ui_language(args.language) if args.language else teacher_language()
    try:
        reader = open_class(args.target)
        banks = reader.banks()
    except (sqlite3.Error, OSError) as error:
        return usage(_MESSAGES(language, "cannot_read", target=args.target, error=error))
    chosen = [args.bank] if args.bank else list(banks)
    if args.bank and args.bank not in banks or not chosen:
        return usage(_MESSAGES(language, "no_bank", bank=args.bank or "-", target=args.target,
                               banks=", ".join(banks) or "-"))
    if args.format != "text" and len(chosen) > 1:
        return usage(_MESSAGES(language, "several_banks", banks=", ".join(banks)))
    results = [bank_stats(reader, bank, args.attempts, language) for bank in chosen]
    if args.format == "json":
        return write_output(stats_json(results[0]), args.output)
    if args.format == "csv":
        return write_output(stats_csv(results[0]), args.output)
    return write_output("\n".join(stats_text(r, language) for r in results), args.output)


def _grade(args: argparse.Namespace) -> int:
    from kwis.records import open_marking, safe_url
    from kwis.teacher import mark_class

    bank = load_or_report(args.bank, sys.stderr)
    if bank is None:
        return EXIT_PROBLEMS

    def say(key: str, **values: object) -> str:
        return _GRADE_MESSAGES(bank.language, key, target=safe_url(args.target), bank=args.bank, id=bank.id,
                               **values)

    if bank.keyless:
        return usage(say("copy_given"))
    try:
        target = open_marking(args.target)
        report = mark_class(target, bank)
        target.close()
    except (sqlite3.Error, OSError) as error:
        return usage(_MESSAGES(bank.language, "cannot_read", target=safe_url(args.target), error=error))
    if report.unmatched:
        print(say("unmatched", count=len(report.unmatched)), file=sys.stderr)
        counts: dict[str, int] = {}
        for answer in report.unmatched:
            counts[answer.question_id] = counts.get(answer.question_id, 0) + 1
        for question, count in counts.items():
            print(terminal_safe(say("unmatched_question", question=question, count=count)), file=sys.stderr)
        print(say("unmatched_fix"), file=sys.stderr)
        return EXIT_PROBLEMS
    print(say("marked", added=report.added, learners=report.learners) if report.added else say("nothing"),
          file=sys.stderr)
    return EXIT_OK


def _collect_lrs(args: argparse.Namespace, language: str) -> CollectReport:
    client = LrsClient(args.from_lrs, os.environ.get(USER_ENV, ""), os.environ.get(PASSWORD_ENV, ""))
    return collect_from_lrs(client, args.output, pseudonymise=args.pseudonymise, language=language)


def _plurals(counts: dict[str, int], language: str) -> dict[str, str]:
    def ending(name: str) -> str:
        return _NL_PLURALS[name] if language == "nl" else "s"

    return {f"s_{name}": "" if count == 1 else ending(name) for name, count in counts.items()}


def progress_bar(items: Iterable[T], total: int) -> Iterable[T]:
    """A tqdm progress bar on a terminal (standard error); nothing when it is not a terminal."""
    if not sys.stderr.isatty():
        return items
    from tqdm import tqdm

    return tqdm(items, total=total, unit="file", leave=False)

