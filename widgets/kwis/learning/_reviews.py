"""What a quiz tells the learning layer, and what it asks back: one object per quiz."""

from __future__ import annotations

from typing import Any, Iterable

from kwis._model import AnyQuestion, Bank
from kwis.learning._clock import Clock
from kwis.learning._schedule import QUIZ, comes_back, record_answer
from kwis.records._store import AnswerStore, Card

CARD_METHODS = ("live_card", "save_card", "replace_card", "cards", "add_review", "revise_review",
                "reviews")


def keeps_cards(store: Any) -> bool:
    """Whether the store keeps spaced-review cards (the SQLite store does; a store without
    them still takes answers, without scheduling)."""
    return all(callable(getattr(store, name, None)) for name in CARD_METHODS)


class Reviews:
    """Turns a quiz's graded answers into reviews of the learner's cards, on the quiz's clock."""

    def __init__(self, store: Any, learner: str, clock: Clock, origin: str = QUIZ) -> None:
        self.store: AnswerStore | None = store if keeps_cards(store) else None
        self.learner = learner
        self.clock = clock
        self.origin = origin

    def answered(self, bank: Bank, question: AnyQuestion, *, correct: bool, score: float,
                 hinted: bool, sitting: int, mode: str) -> Card | None:
        """The card after this answer; None when the store keeps no cards, or when answers wait
        to be saved (the file failed): a review written then would move the whole store into
        memory, and the answer itself is what must not be lost."""
        if self.store is None or self.store.unsaved:
            return None
        return record_answer(self.store, learner=self.learner, bank=bank, question=question,
                             correct=correct, score=score, hinted=hinted, sitting=sitting,
                             mode=mode, origin=self.origin, at=self.clock())

    def comes_back(self, questions: Iterable[tuple[str, str]]) -> dict[int, int]:
        """How many of these (bank id, question id) come back in how many days from now."""
        if self.store is None:
            return {}
        store = self.store
        cards = [store.live_card(self.learner, bank_id, question_id)
                 for bank_id, question_id in questions]
        return comes_back([card for card in cards if card is not None and card.last_review],
                          self.clock())
