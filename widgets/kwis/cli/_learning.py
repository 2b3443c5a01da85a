"""`kwis progress` and `kwis due`: a learner's mastery per bank and tag, and the questions due,
at a moment (`--at`, default now) from an answer store. Text in the cards' language, or JSON
(keys in docs/learning.md). Times in JSON are UTC (ISO 8601 with Z), in text local."""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Sequence

from kwis._i18n import Messages, ui_language
from kwis.cli._class import teacher_language
from kwis.cli._common import EXIT_OK, usage
from kwis.learning import (
    UNTAGGED, bank_mastery, due_cards, mastery, next_due, parse_moment, system_clock,
)
from kwis.records import AnswerStore, default_store_path
from kwis.records._store import Card

_MESSAGES = Messages({
    "en": {
        "cards": "{count} questions",
        "due_line": "{learner}  {bank}  {question}  due {due} ({overdue})",
        "overdue": "{days} days overdue",
        "overdue_one": "1 day overdue",
        "due_today": "due since today",
        "total_due": "{count} due at {at}.",
        "next": "Next for {learner}: {when}.",
        "none": "No cards in {store} yet: a learner's answers make them.",
    },
    "nl": {
        "cards": "{count} vragen",
        "due_line": "{learner}  {bank}  {question}  te herhalen sinds {due} ({overdue})",
        "overdue": "{days} dagen over tijd",
        "overdue_one": "1 dag over tijd",
        "due_today": "sinds vandaag",
        "total_due": "{count} te herhalen op {at}.",
        "next": "Volgende voor {learner}: {when}.",
        "none": "Nog geen kaarten in {store}: de antwoorden van een leerling maken ze.",
    },
})


def add_commands(subparsers: "argparse._SubParsersAction[Any]") -> None:
    for name, handler, text in (
        ("progress", _progress, "mastery per bank and tag: the mean chance of recall of the "
                                "learner's questions (spaced review)"),
        ("due", _due, "the questions due for review, most overdue first, and the next due time"),
    ):
        command = subparsers.add_parser(name, help=text)
        command.add_argument("--store", default=None, metavar="S",
                             help="the answer store (default $KWIS_STORE, else the user's own)")
        command.add_argument("--at", default=None, metavar="ISO-TIME",
                             help="the moment to look at, e.g. 2026-03-10T09:00Z (without an "
                                  "offset: local time); default now")
        command.add_argument("--learner", default=None, help="only this learner (default: all)")
        command.add_argument("--json", action="store_true", help="JSON (keys in docs/learning.md)")
        command.add_argument("--language", default="", help="nl or en (default: the banks')")
        command.set_defaults(handler=handler)


def _open(args: argparse.Namespace) -> tuple[AnswerStore, datetime] | int:
    path = Path(args.store) if args.store else default_store_path()
    if not path.is_file():
        return usage(f"no answer store at {path}: name one with --store")
    try:
        at = parse_moment(args.at) if args.at else system_clock()
    except ValueError:
        return usage(f"--at {args.at!r} is not an ISO 8601 time: write e.g. 2026-03-10T09:00Z")
    return AnswerStore(path), at


def _cards(store: AnswerStore, learner: str | None) -> dict[str, list[Card]]:
    by_learner: dict[str, list[Card]] = defaultdict(list)
    for card in store.cards(learner=learner):
        by_learner[card.learner].append(card)
    return dict(sorted(by_learner.items()))


def _language(args: argparse.Namespace, cards: Sequence[Card]) -> str:
    if args.language:
        return ui_language(args.language)
    return ui_language(cards[0].language) if cards else teacher_language()


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def progress_data(cards: dict[str, list[Card]], at: datetime) -> dict[str, Any]:
    """The JSON of `kwis progress` (docs/learning.md)."""
    learners = []
    for learner, own in cards.items():
        totals = bank_mastery(own, at)
        counts: dict[str, int] = defaultdict(int)
        for card in own:
            counts[card.bank_id] += 1
        tags = mastery(own, at)
        learners.append({"learner": learner, "banks": [
            {"bank": bank, "cards": counts[bank], "mastery": round(value, 4),
             "tags": [{"tag": t.tag, "cards": t.cards, "mastery": round(t.mastery or 0.0, 4)}
                      for t in tags if t.bank_id == bank and t.tag != UNTAGGED]}
            for bank, value in totals.items()]})
    return {"at": iso(at), "learners": learners}


def due_data(cards: dict[str, list[Card]], at: datetime) -> dict[str, Any]:
    """The JSON of `kwis due` (docs/learning.md)."""
    due = [{"learner": d.card.learner, "bank": d.card.bank_id, "question": d.card.question_id,
            "due": iso(d.due), "overdue_days": round(d.overdue(at).total_seconds() / 86400, 2)}
           for own in cards.values() for d in due_cards(own, at)]
    upcoming = {learner: next_due(own, at) for learner, own in cards.items()}
    return {"at": iso(at), "due": due,
            "next_due": {learner: iso(moment) if moment else None
                         for learner, moment in upcoming.items()}}


def _report(args: argparse.Namespace, build: Callable[[dict[str, list[Card]], datetime], dict[str, Any]],
            show: Callable[[dict[str, Any], str, datetime], None]) -> int:
    """What `kwis progress` and `kwis due` share: open the store, read the cards, build the data,
    then print it as JSON or, in the learners' language, as text."""
    opened = _open(args)
    if isinstance(opened, int):
        return opened
    store, at = opened
    cards = _cards(store, args.learner)
    data = build(cards, at)
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return EXIT_OK
    language = _language(args, [c for own in cards.values() for c in own])
    if not cards:
        print(_MESSAGES(language, "none", store=store.path))
    show(data, language, at)
    return EXIT_OK


def _progress(args: argparse.Namespace) -> int:
    return _report(args, progress_data, _show_progress)


def _show_progress(data: dict[str, Any], language: str, at: datetime) -> None:
    for learner in data["learners"]:
        for bank in learner["banks"]:
            count = _MESSAGES(language, "cards", count=bank["cards"])
            print(f"{learner['learner']}  {bank['bank']}: {_percent(bank['mastery'])} ({count})")
            for tag in bank["tags"]:
                print(f"    {tag['tag']:<24} {_percent(tag['mastery'])}")


def _due(args: argparse.Namespace) -> int:
    return _report(args, due_data, _show_due)


def _show_due(data: dict[str, Any], language: str, at: datetime) -> None:
    def msg(key: str, **values: object) -> str:
        return _MESSAGES(language, key, **values)

    for item in data["due"]:
        days = int(item["overdue_days"])
        overdue = (msg("due_today") if days < 1 else msg("overdue_one") if days == 1
                   else msg("overdue", days=days))
        print(msg("due_line", learner=item["learner"], bank=item["bank"],
                  question=item["question"], due=local(parse_moment(item["due"])),
                  overdue=overdue))
    print(msg("total_due", count=len(data["due"]), at=local(at)))
    for learner, moment in data["next_due"].items():
        when = local(parse_moment(moment)) if moment else "-"
        print(msg("next", learner=learner, when=when))


def _percent(value: float) -> str:
    return f"{round(100 * value)}%"

