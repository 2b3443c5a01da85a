"""Spaced review with fsrs (py-fsrs, the scheduler Anki ships): each graded answer is a review
of the learner's card of that question. No widgets.

Steps are a day long, not minutes: a missed quiz question comes back the next day. Fuzzing is
off, so the same answers give the same schedule on every machine (and in nbval). The desired
retention comes from the bank's `settings.retention` (default 0.9).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Iterable

from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler, State

from kwis._model import AnyQuestion, Bank
from kwis.learning._clock import from_seconds, local_day, seconds, to_utc
from kwis.learning._rating import first_rating, later_rating
from kwis.records._identity import answer_fingerprint
from kwis.records._store import AnswerStore, Card, CardState, Review

DAY_STEPS = (timedelta(days=1),)
_STATES = {state.value: state for state in State}
QUIZ, REVIEW = "quiz", "review"  # where a review was made: any quiz, or a kwis.review sitting


@lru_cache(maxsize=16)
def scheduler(retention: float) -> Scheduler:
    return Scheduler(desired_retention=retention, learning_steps=DAY_STEPS,
                     relearning_steps=DAY_STEPS, enable_fuzzing=False)


def new_state(at: datetime) -> CardState:
    """A card never reviewed: in its first learning step, due at once."""
    return CardState(state=State.Learning.value, step=0, stability=None, difficulty=None,
                     due=seconds(at))


def fsrs_card(state: CardState, last_review: float | None, card_id: int = 0) -> FsrsCard:
    return FsrsCard(card_id=card_id, state=State(state.state), step=state.step,
                    stability=state.stability, difficulty=state.difficulty,
                    due=from_seconds(state.due),
                    last_review=from_seconds(last_review) if last_review is not None else None)


def card_state(card: FsrsCard) -> CardState:
    return CardState(state=card.state.value, step=card.step, stability=card.stability,
                     difficulty=card.difficulty, due=seconds(card.due))


def retrievability(card: Card, at: datetime) -> float:
    """The chance (0..1) that the learner recalls the card's answer at `at` (fsrs's forgetting
    curve; it depends on the card's stability only, not on the desired retention)."""
    if card.last_review is None:
        return 0.0
    last = from_seconds(card.last_review)  # the due time plays no part in recall
    state = card.schedule
    recalled = FsrsCard(card_id=card.id, state=_STATES[state.state], step=state.step,
                        stability=state.stability, difficulty=state.difficulty, due=last,
                        last_review=last)
    return float(scheduler(0.9).get_card_retrievability(recalled, current_datetime=at))


def current_card(store: AnswerStore, learner: str, bank: Bank, question: AnyQuestion,
                 at: datetime) -> Card:
    """The learner's card of this question: the stored one, or a new one when there is none or
    the question's answer changed since (the old card is kept, marked replaced)."""
    fingerprint = answer_fingerprint(question)
    card = store.live_card(learner, bank.id, question.id)
    if card is not None and card.fingerprint == fingerprint:
        return card
    if card is not None:
        store.replace_card(card.id, seconds(at))
    return store.save_card(Card(
        learner=learner, bank_id=bank.id, question_id=question.id, fingerprint=fingerprint,
        language=bank.language, tags=question.tags, schedule=new_state(at), last_review=None,
        created=seconds(at)))


def record_answer(store: AnswerStore, *, learner: str, bank: Bank, question: AnyQuestion,
                  correct: bool, score: float, hinted: bool, sitting: int, mode: str,
                  origin: str, at: datetime) -> Card:
    """Schedules the learner's card after one graded answer and keeps the review; returns the
    card as it now stands. A later try in the same sitting, before the card is due again, is not
    a new review: it can only turn a wrong first try into Hard (see `_rating`)."""
    at = to_utc(at)
    card = current_card(store, learner, bank, question, at)
    history = store.reviews(card=card.id)
    latest = history[-1] if history else None
    if latest is not None and latest.sitting == sitting and seconds(at) < latest.after.due:
        return _second_try(store, card, history, correct, bank)
    rating = first_rating(correct, hinted)
    reviewed, _log = scheduler(bank.settings.retention).review_card(
        fsrs_card(card.schedule, card.last_review, card.id), rating, at)
    after = card_state(reviewed)
    store.add_review(Review(card=card.id, sitting=sitting, origin=origin, mode=mode,
                            rating=rating.value, score=score, time=seconds(at), after=after))
    return store.save_card(replace(card, tags=question.tags, schedule=after,
                                   last_review=seconds(at)))


def _second_try(store: AnswerStore, card: Card, history: tuple[Review, ...], correct: bool,
                bank: Bank) -> Card:
    latest = history[-1]
    rating = later_rating(Rating(latest.rating), correct)
    if rating is None:
        return card
    if len(history) > 1:
        before, last_review = history[-2].after, history[-2].time
    else:
        before, last_review = new_state(from_seconds(card.created)), None
    reviewed, _log = scheduler(bank.settings.retention).review_card(
        fsrs_card(before, last_review, card.id), rating, from_seconds(latest.time))
    after = card_state(reviewed)
    store.revise_review(replace(latest, rating=rating.value, after=after))
    return store.save_card(replace(card, schedule=after))


def comes_back(cards: Iterable[Card], at: datetime) -> dict[int, int]:
    """How many cards come back in how many local days from `at` (0: today)."""
    first = local_day(at)
    counts: dict[int, int] = defaultdict(int)
    for card in cards:
        counts[max((local_day(from_seconds(card.schedule.due)) - first).days, 0)] += 1
    return dict(sorted(counts.items()))
