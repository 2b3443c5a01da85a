"""Spaced review through weeks on a fixed clock: what comes back when, and which card is which."""

from __future__ import annotations

import dataclasses
import sqlite3
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

from kwis._model import Bank, Choice, ChoiceQuestion, Settings
from kwis.learning._progress import due_cards, mastery
from kwis.learning._schedule import QUIZ, record_answer
from kwis.records._store import AnswerStore

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
QUESTION = ChoiceQuestion(
    id="diop-eis", prompt="Wat eiste minister Diop?", tags=("diplomatie",),
    choices=(Choice("Een onmiddellijke terugtrekking", correct=True), Choice("Meer blauwhelmen")),
)
OTHER = dataclasses.replace(QUESTION, id="goita", tags=("personen",))
BANK = Bank(id="minusma", title="Minusma", language="nl", questions=(QUESTION, OTHER))


def answer(store: AnswerStore, at: datetime, correct: bool, *, sitting: int = 1,
           question: ChoiceQuestion = QUESTION, bank: Bank = BANK, hinted: bool = False) -> None:
    record_answer(store, learner="anna", bank=bank, question=question, correct=correct,
                  score=1.0 if correct else 0.0, hinted=hinted, sitting=sitting,
                  mode="practice", origin=QUIZ, at=at)


def due_ids(store: AnswerStore, at: datetime) -> list[str]:
    return [due.card.question_id for due in due_cards(store.cards(learner="anna"), at)]


def test_a_missed_question_is_due_the_next_day_and_not_before() -> None:
    store = AnswerStore(":memory:")
    answer(store, MONDAY, correct=False)
    assert due_ids(store, MONDAY + timedelta(hours=23, minutes=59)) == []
    assert due_ids(store, MONDAY + timedelta(days=1)) == ["diop-eis"]


def test_three_right_answers_put_a_question_away_for_weeks() -> None:
    store = AnswerStore(":memory:")
    at = MONDAY
    for sitting in (1, 2, 3):
        answer(store, at, correct=True, sitting=sitting)
        (card,) = store.cards(learner="anna")
        at = datetime.fromtimestamp(card.schedule.due, timezone.utc)
    assert at - MONDAY > timedelta(weeks=6)
    assert due_ids(store, MONDAY + timedelta(weeks=4)) == []


def test_a_second_try_in_the_same_sitting_is_hard_not_a_new_review() -> None:
    store = AnswerStore(":memory:")
    answer(store, MONDAY, correct=False)
    answer(store, MONDAY + timedelta(minutes=1), correct=True)
    (review,) = store.reviews(learner="anna")
    assert review.rating == 2  # Hard: right after a wrong first try
    assert review.score == 0.0  # the first try's score is kept
    (card,) = store.cards(learner="anna")
    assert timedelta(days=1) < datetime.fromtimestamp(card.schedule.due, timezone.utc) - MONDAY \
        < timedelta(days=2)


def test_right_after_the_hint_is_hard_and_comes_back_sooner_than_good() -> None:
    hinted, plain = AnswerStore(":memory:"), AnswerStore(":memory:")
    answer(hinted, MONDAY, correct=True, hinted=True)
    answer(plain, MONDAY, correct=True)
    assert hinted.reviews(learner="anna")[0].rating == 2
    assert plain.reviews(learner="anna")[0].rating == 3
    assert hinted.cards()[0].schedule.due < plain.cards()[0].schedule.due


def test_the_schedule_survives_a_new_process_on_the_same_file(tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite3"
    first = AnswerStore(path)
    answer(first, MONDAY, correct=True)
    answer(first, MONDAY, correct=False, question=OTHER)
    before = first.cards(learner="anna")
    first.close()
    again = AnswerStore(path)
    assert again.cards(learner="anna") == before
    assert due_ids(again, MONDAY + timedelta(days=1)) == ["goita"]
    assert due_ids(again, MONDAY + timedelta(days=3)) == ["goita", "diop-eis"]  # most overdue first


def test_a_changed_answer_starts_a_new_card_a_reworded_prompt_does_not() -> None:
    store = AnswerStore(":memory:")
    answer(store, MONDAY, correct=True)
    reworded = dataclasses.replace(QUESTION, prompt="Wat eiste minister Diop in New York?")
    answer(store, MONDAY + timedelta(days=3), correct=True, question=reworded, sitting=2)
    (card,) = store.cards(learner="anna")
    assert len(store.reviews(card=card.id)) == 2
    changed = dataclasses.replace(QUESTION, choices=(Choice("Een onmiddellijke terugtrekking"),
                                                     Choice("Meer blauwhelmen", correct=True)))
    answer(store, MONDAY + timedelta(days=20), correct=False, question=changed, sitting=3)
    (new_card,) = store.cards(learner="anna")
    assert new_card.id != card.id and len(store.reviews(card=new_card.id)) == 1
    assert len(store.reviews(learner="anna")) == 3  # the old card's reviews are kept


def test_retention_comes_from_the_bank_settings() -> None:
    strict = dataclasses.replace(BANK, settings=Settings(retention=0.97))
    lenient = dataclasses.replace(BANK, settings=Settings(retention=0.8))
    dues = []
    for bank in (strict, lenient):
        store = AnswerStore(":memory:")
        answer(store, MONDAY, correct=True, bank=bank)
        answer(store, MONDAY + timedelta(days=5), correct=True, bank=bank, sitting=2)
        dues.append(store.cards()[0].schedule.due)
    assert dues[0] < dues[1]


def test_mastery_fades_with_time_and_an_unseen_topic_has_none() -> None:
    store = AnswerStore(":memory:")
    answer(store, MONDAY, correct=True)
    cards = store.cards(learner="anna")
    topics = [("minusma", "diplomatie"), ("minusma", "personen")]
    soon = {m.tag: m.mastery for m in mastery(cards, MONDAY + timedelta(days=1), topics)}
    later = {m.tag: m.mastery for m in mastery(cards, MONDAY + timedelta(days=30), topics)}
    assert soon["personen"] is None and later["personen"] is None
    assert soon["diplomatie"] is not None and later["diplomatie"] is not None
    assert 0 < later["diplomatie"] < soon["diplomatie"] <= 1


def test_times_are_utc_seconds_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite3"
    store = AnswerStore(path)
    amsterdam = MONDAY.astimezone(timezone(timedelta(hours=1)))
    answer(store, amsterdam, correct=False)
    store.close()
    with closing(sqlite3.connect(path)) as conn:
        (time,) = conn.execute("SELECT time FROM reviews").fetchone()
        (due,) = conn.execute("SELECT due FROM cards").fetchone()
    assert time == MONDAY.timestamp() and due == (MONDAY + timedelta(days=1)).timestamp()
