"""A simulated learner, for demos and benchmarks only: seeded, so every run writes the same
history. It takes each bank once as a practice quiz on the first day, then reviews what is due
once a day; the chance of a right answer grows with what fsrs says the learner remembers. Its
sittings are stored with mode "practice" and the selection `{"demo": "simulated"}`, so they are
told apart from real ones."""

from __future__ import annotations

import json
import os
import random
from datetime import datetime, timedelta
from typing import Sequence

from kwis._model import AnyQuestion, Bank
from kwis.learning._clock import seconds, to_utc
from kwis.learning._progress import due_cards
from kwis.learning._schedule import QUIZ, REVIEW, current_card, record_answer, retrievability
from kwis.records._identity import question_fingerprint
from kwis.records._store import AnswerStore, Attempt

DEMO_SELECTION = json.dumps({"demo": "simulated"})
NEW_CHANCE = 0.55  # a right first answer, before any review
HINT_CHANCE = 0.15
STUDY_CHANCE = 0.6  # the demo learner reviews on about three days out of five


def simulate_history(banks: Sequence[Bank], store: AnswerStore | str | os.PathLike[str], *,
                     learner: str = "demo", start: datetime, days: int = 21, seed: int = 2023,
                     daily_limit: int = 20, leave_out: Sequence[str] = ()) -> AnswerStore:
    """Writes a simulated learner's answers and reviews into `store` (a store or a path, e.g.
    ":memory:") from `start` over `days` days, and returns the store. Questions with a tag in
    `leave_out` are never practised. Demo data: never use it for a real student's store."""
    target = store if isinstance(store, AnswerStore) else AnswerStore(store)
    rng = random.Random(seed)
    moment = to_utc(start)
    skipped = set(leave_out)
    for bank in banks:
        practised = [q for q in bank.questions if not skipped & set(q.tags)]
        _sitting(target, rng, learner, bank, practised, moment, QUIZ)
    by_key = {(bank.id, q.id): (bank, q) for bank in banks for q in bank.questions}
    for day in range(1, days):
        moment = to_utc(start) + timedelta(days=day, minutes=rng.randint(-90, 90))
        if rng.random() > STUDY_CHANCE:
            continue
        due = due_cards(target.cards(learner=learner), moment)[:daily_limit]
        for bank in banks:
            shown = [by_key[(d.card.bank_id, d.card.question_id)][1] for d in due
                     if d.card.bank_id == bank.id and (bank.id, d.card.question_id) in by_key]
            if shown:
                _sitting(target, rng, learner, bank, shown, moment, REVIEW)
    return target


def _sitting(store: AnswerStore, rng: random.Random, learner: str, bank: Bank,
             questions: Sequence[AnyQuestion], moment: datetime, origin: str) -> None:
    sitting = store.start_sitting(bank.id, learner, "practice", DEMO_SELECTION, 0,
                                  tuple(q.id for q in questions))
    for number, question in enumerate(questions):
        at = moment + timedelta(seconds=40 * number)
        card = current_card(store, learner, bank, question, at)
        known = retrievability(card, at) if card.last_review is not None else NEW_CHANCE
        correct = rng.random() < 0.25 + 0.7 * known
        hinted = correct and rng.random() < HINT_CHANCE
        score = 1.0 if correct else rng.choice((0.0, 0.0, 0.5))
        store.record(Attempt(bank_id=bank.id, question_id=question.id, user=learner,
                             mode="practice", response=None, score=score, correct=correct,
                             time=seconds(at), seed=0, sitting=sitting.id,
                             fingerprint=question_fingerprint(question), points=question.points),
                     question)
        record_answer(store, learner=learner, bank=bank, question=question, correct=correct,
                      score=score, hinted=hinted, sitting=sitting.id, mode="practice",
                      origin=origin, at=at)
