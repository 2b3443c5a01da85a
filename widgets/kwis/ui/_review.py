"""`kwis.review(...)`: a quiz of the questions due for review across banks, most overdue first,
at most `limit` a day; when none is due it says when the next review is."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any, Sequence, Union

from kwis._i18n import Messages, ui_language
from kwis._model import AnyQuestion, Bank, Settings
from kwis._render import escape
from kwis.bank import load_bank
from kwis.learning import (
    REVIEW, ClockLike, Due, as_clock, due_cards, next_due, next_review_sentence, reviewed_today,
    say,
)
from kwis.records import AnswerStore
from kwis.records._backend import Store, open_store
from kwis.records._identity import answer_fingerprint
from kwis.records._learner import default_learner
from kwis.records._store import Sitting
from kwis.ui._widget import Quiz

DAILY_LIMIT = 20
REVIEW_BANK_ID = "kwis-review"
ID_SEPARATOR = "__"  # bank ids and question ids are slugs: no underscores, so this is unambiguous

BanksLike = Union[Bank, str, "os.PathLike[str]", Sequence[Union[Bank, str, "os.PathLike[str]"]]]

_MESSAGES = Messages({
    "en": {
        "title": "Review",
        "due": "{count} questions to review from {banks}, the longest due first.",
        "due_one": "1 question to review from {banks}.",
        "limit": "You have reviewed {count} questions today: that is the daily limit of {limit}. "
                 "The rest comes back tomorrow.",
    },
    "nl": {
        "title": "Herhaling",
        "due": "{count} vragen om te herhalen uit {banks}, de langst wachtende eerst.",
        "due_one": "1 vraag om te herhalen uit {banks}.",
        "limit": "Je hebt vandaag {count} vragen herhaald: dat is de daglimiet van {limit}. De "
                 "rest komt morgen terug.",
    },
})


def load_banks(banks: BanksLike) -> tuple[Bank, ...]:
    """Banks from a bank, a file, a folder (its *.yaml files, sorted) or a list of those."""
    if isinstance(banks, (Bank, str, os.PathLike)):
        banks = [banks]
    found: list[Bank] = []
    for item in banks:
        if isinstance(item, Bank):
            found.append(item)
        elif Path(item).is_dir():
            found += [load_bank(path) for path in sorted(Path(item).rglob("*.yaml"))
                      if path.is_file()]
        else:
            found.append(load_bank(item))
    return tuple(found)


class ReviewQuiz(Quiz):
    """A practice quiz of what is due; each answer is a review (counted to the daily limit)."""

    review_origin = REVIEW

    def __init__(self, banks: Sequence[Bank], *, store: str | os.PathLike[str] | Store | None = None,
                 user: str | None = None, limit: int = DAILY_LIMIT, clock: ClockLike = None,
                 language: str | None = None, layout: str = "paged") -> None:
        self.banks = tuple(banks)
        self.limit = limit
        language = ui_language(language or (self.banks[0].language if self.banks else "en"))
        learner = user or default_learner()
        opened = (open_store(store, language=language)
                  if store is None or isinstance(store, (str, os.PathLike)) else store)
        now = as_clock(clock)()
        self.done_today = (reviewed_today(opened, learner, now)
                           if isinstance(opened, AnswerStore) else 0)
        self.waiting = self._due(opened, learner, now)
        shown = self.waiting[:max(limit - self.done_today, 0)]
        self._origins = {_review_id(b, q): (b, q) for b, q in shown}
        super().__init__(self._review_bank(shown, language), store=opened, user=learner,
                         clock=clock, language=language, layout=layout)

    def _due(self, store: Store, learner: str, now: Any) -> list[tuple[Bank, AnyQuestion]]:
        """The due questions of these banks that are still in them, most overdue first."""
        if not isinstance(store, AnswerStore):
            return []
        by_key = {(b.id, q.id): (b, q) for b in self.banks for q in b.questions}
        cards = [c for c in store.cards(learner=learner) if (c.bank_id, c.question_id) in by_key]
        self.next_due = next_due(cards, now)
        self.has_cards = bool(cards)
        due: list[Due] = due_cards(cards, now)
        return [by_key[(d.card.bank_id, d.card.question_id)] for d in due]

    def _review_bank(self, shown: Sequence[tuple[Bank, AnyQuestion]], language: str) -> Bank:
        sources = {b.source for b, _ in shown}
        first = self.banks[0].settings if self.banks else Settings()
        return Bank(
            id=REVIEW_BANK_ID, title=_MESSAGES(language, "title"), language=language,
            questions=tuple(dataclasses.replace(q, id=_review_id(b, q)) for b, q in shown),
            description=self._description(shown, language),
            source=sources.pop() if len(sources) == 1 else None,
            settings=Settings(shuffle=False, shuffle_choices=first.shuffle_choices,
                              pass_mark=first.pass_mark,
                              remote_images=all(b.settings.remote_images for b in self.banks)))

    def _description(self, shown: Sequence[tuple[Bank, AnyQuestion]], language: str) -> str:
        if not shown:
            return ""
        titles = ", ".join(dict.fromkeys(b.title for b, _ in shown))
        key = "due_one" if len(shown) == 1 else "due"
        return _MESSAGES(language, key, count=len(shown), banks=titles)

    def _origin(self, question: AnyQuestion) -> tuple[Bank, AnyQuestion]:
        return self._origins.get(question.id, (self.bank, question))

    def _sitting(self) -> Sitting:
        """A review is always a new sitting: what was answered is not due any more."""
        return self._new_sitting(len(self._sittings()) + 1)

    @property
    def message(self) -> str:
        """What the learner reads when nothing is shown: the limit, or when the next review is."""
        if self.session.questions:
            return ""
        if self.waiting and self.done_today >= self.limit:
            return _MESSAGES(self.language, "limit", count=self.done_today, limit=self.limit)
        if not self.has_cards:
            return say(self.language, "no_cards")
        text = say(self.language, "nothing_due")
        if self.next_due is not None:
            text += " " + next_review_sentence(self.next_due, self.clock(), self.language)
        return text

    def _header_html(self) -> str:
        header = super()._header_html()
        message = self.message
        return header + (f'<p class="kwis-review-message" role="status">{escape(message)}</p>'
                         if message else "")

    def _frame_shown(self) -> bool:
        return bool(self.session.questions)  # nothing due: the header says why, nothing else


def _review_id(bank: Bank, question: AnyQuestion) -> str:
    return f"{bank.id}{ID_SEPARATOR}{question.id}"


def review(banks: BanksLike, *, store: str | os.PathLike[str] | Store | None = None,
           user: str | None = None, limit: int = DAILY_LIMIT, clock: ClockLike = None,
           language: str | None = None, layout: str = "paged") -> ReviewQuiz:
    """A review quiz of the questions of `banks` (a bank, file, folder or a list of them) that are
    due for `user` now (the `clock`'s now), most overdue first, at most `limit` a day. Show it
    as a cell's last value."""
    return ReviewQuiz(load_banks(banks), store=store, user=user, limit=limit, clock=clock,
                      language=language, layout=layout)
