"""What a learner's cards say at a moment: what is due, mastery per bank and tag, how mastery
went over the past days, scores per sitting, and the reviews due in the coming days. Pure data
from the store; the views are in kwis.quiz and kwis.cli. No widgets."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import fmean
from typing import Iterable, Sequence

from kwis.learning._clock import from_seconds, local_day, seconds
from kwis.learning._schedule import REVIEW, retrievability
from kwis.records._store import AnswerStore, Card, Review

UNTAGGED = ""  # the topic of cards whose question has no tag


@dataclass(frozen=True)
class Due:
    """A card due at the moment asked about."""

    card: Card
    due: datetime  # UTC

    def overdue(self, at: datetime) -> timedelta:
        return at - self.due


@dataclass(frozen=True)
class Mastery:
    """The mean retrievability of a topic's cards; None when none was reviewed yet."""

    bank_id: str
    tag: str
    cards: int
    mastery: float | None


def due_cards(cards: Iterable[Card], at: datetime) -> list[Due]:
    """Cards due at `at`, most overdue first (then by bank and question id, for a stable order)."""
    moment = seconds(at)
    due = [card for card in cards if card.schedule.due <= moment]
    due.sort(key=lambda card: (card.schedule.due, card.bank_id, card.question_id))
    return [Due(card, from_seconds(card.schedule.due)) for card in due]


def next_due(cards: Iterable[Card], at: datetime) -> datetime | None:
    """When the first card that is not due yet at `at` comes due; None when there is none."""
    moment = seconds(at)
    later = [card.schedule.due for card in cards if card.schedule.due > moment]
    return from_seconds(min(later)) if later else None


def mastery(cards: Iterable[Card], at: datetime,
            topics: Sequence[tuple[str, str]] = ()) -> list[Mastery]:
    """Mastery per (bank, tag) in bank, then tag order; `topics` adds those no card has yet (a
    topic never practised has mastery None, not 0)."""
    found: dict[tuple[str, str], list[float]] = defaultdict(list)
    for topic in topics:
        found.setdefault(topic, [])
    for card in cards:
        chance = retrievability(card, at)
        for tag in card.tags or (UNTAGGED,):
            found[(card.bank_id, tag)].append(chance)
    return [Mastery(bank, tag, len(values), fmean(values) if values else None)
            for (bank, tag), values in sorted(found.items())]


def bank_mastery(cards: Iterable[Card], at: datetime) -> dict[str, float]:
    """The mean retrievability of each bank's cards."""
    found: dict[str, list[float]] = defaultdict(list)
    for card in cards:
        found[card.bank_id].append(retrievability(card, at))
    return {bank: fmean(values) for bank, values in sorted(found.items())}


def reviewed_today(store: AnswerStore, learner: str, at: datetime) -> int:
    """How many cards the learner reviewed in kwis.review sittings on `at`'s local day."""
    today = local_day(at)
    midnight = seconds(datetime(today.year, today.month, today.day).astimezone())
    return len({review.card for review in store.reviews(learner=learner, since=midnight)
                if review.origin == REVIEW and local_day(from_seconds(review.time)) == today})


@dataclass(frozen=True)
class DayMastery:
    day: date
    tag: str
    mastery: float


def mastery_history(cards: Sequence[Card], reviews: Sequence[Review], at: datetime,
                    days: int = 28) -> list[DayMastery]:
    """Mastery per tag at the end of each of the last `days` local days up to `at` (the last one
    at `at` itself), from the card state each review left; days before a tag's first review
    are left out."""
    by_card: dict[int, list[Review]] = defaultdict(list)
    for review in reviews:
        by_card[review.card].append(review)
    live = {card.id: card for card in cards}
    points: list[DayMastery] = []
    for offset in range(days - 1, -1, -1):
        moment = at - timedelta(days=offset)
        per_tag: dict[str, list[float]] = defaultdict(list)
        for card_id, history in by_card.items():
            card = live.get(card_id)
            past = [r for r in history if r.time <= seconds(moment)]
            if card is None or not past:
                continue
            then = Card(card.learner, card.bank_id, card.question_id, card.fingerprint,
                        card.language, card.tags, past[-1].after, past[-1].time, card.created)
            for tag in card.tags or (UNTAGGED,):
                per_tag[tag].append(retrievability(then, moment))
        points += [DayMastery(local_day(moment), tag, fmean(values))
                   for tag, values in sorted(per_tag.items())]
    return points


@dataclass(frozen=True)
class SittingScore:
    sitting: int
    bank_id: str
    started: datetime  # UTC, the sitting's first review
    score: float  # mean first-try score of its questions, 0..1
    questions: int


def sitting_scores(cards: Sequence[Card], reviews: Sequence[Review]) -> list[SittingScore]:
    """Each sitting's mean first-try score over the questions it reviewed, oldest first."""
    bank_of = {card.id: card.bank_id for card in cards}
    by_sitting: dict[int, list[Review]] = defaultdict(list)
    for review in reviews:
        by_sitting[review.sitting].append(review)
    scores = []
    for sitting, found in by_sitting.items():
        banks = sorted({bank_of.get(r.card, "") for r in found} - {""})
        scores.append(SittingScore(sitting, ", ".join(banks), from_seconds(found[0].time),
                                   fmean(r.score for r in found), len(found)))
    return sorted(scores, key=lambda s: (s.started, s.sitting))


def due_forecast(cards: Iterable[Card], at: datetime, days: int = 14) -> list[tuple[date, int]]:
    """How many cards come due on each of the next `days` local days, from `at`'s day on (cards
    already due count on the first day)."""
    first = local_day(at)
    counts = {first + timedelta(days=n): 0 for n in range(days)}
    for card in cards:
        day = max(local_day(from_seconds(card.schedule.due)), first)
        if day in counts:
            counts[day] += 1
    return sorted(counts.items())
