"""kwis.learning: spaced review (fsrs) and mastery from the answer store. No widgets.

What other layers use: `Reviews` (a quiz's graded answers become reviews), the clock helpers
(`ClockLike`, `as_clock`, `parse_moment`, `seconds`), the progress data (`due_cards`, `mastery`,
`mastery_history`, `sitting_scores`, `due_forecast`, `next_due`, `reviewed_today`), the words
(`comes_back_sentence`, `next_review_sentence`, `say`, `local_date`) and `simulate_history` (a
seeded demo learner for notebooks and benchmarks). Students use `kwis.review(...)` and
`kwis.progress(...)`; teachers `kwis due` and `kwis progress`.

The public names are imported when first used, so a quiz does not import the demo learner or
the progress charts' data.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kwis.learning._clock import (
        Clock, ClockLike, as_clock, from_seconds, local_day, parse_moment, seconds, system_clock,
        to_utc,
    )
    from kwis.learning._demo import simulate_history
    from kwis.learning._progress import (
        UNTAGGED, DayMastery, Due, Mastery, SittingScore, bank_mastery, due_cards, due_forecast,
        mastery, mastery_history, next_due, reviewed_today, sitting_scores,
    )
    from kwis.learning._rating import first_rating, later_rating
    from kwis.learning._reviews import Reviews, keeps_cards
    from kwis.learning._schedule import QUIZ, REVIEW, record_answer, retrievability
    from kwis.learning._words import comes_back as comes_back_sentence
    from kwis.learning._words import local_date, next_review as next_review_sentence, say, when

__all__ = [
    "QUIZ", "REVIEW", "UNTAGGED", "Clock", "ClockLike", "DayMastery", "Due", "Mastery", "Reviews",
    "SittingScore", "as_clock", "bank_mastery", "comes_back_sentence", "due_cards", "due_forecast",
    "first_rating", "from_seconds", "keeps_cards", "later_rating", "local_date", "local_day",
    "mastery", "mastery_history", "next_due", "next_review_sentence", "parse_moment",
    "record_answer", "retrievability", "reviewed_today", "say", "seconds", "simulate_history",
    "sitting_scores", "system_clock", "to_utc", "when",
]
# Public name -> (module, its name there).
_HOMES: dict[str, tuple[str, str]] = {
    **{name: ("_clock", name) for name in ("Clock", "ClockLike", "as_clock", "from_seconds", "local_day",
                                           "parse_moment", "seconds", "system_clock", "to_utc")},
    "simulate_history": ("_demo", "simulate_history"),
    **{name: ("_progress", name) for name in ("UNTAGGED", "DayMastery", "Due", "Mastery", "SittingScore",
                                              "bank_mastery", "due_cards", "due_forecast", "mastery",
                                              "mastery_history", "next_due", "reviewed_today",
                                              "sitting_scores")},
    **{name: ("_rating", name) for name in ("first_rating", "later_rating")},
    **{name: ("_reviews", name) for name in ("Reviews", "keeps_cards")},
    **{name: ("_schedule", name) for name in ("QUIZ", "REVIEW", "record_answer", "retrievability")},
    "comes_back_sentence": ("_words", "comes_back"), "next_review_sentence": ("_words", "next_review"),
    **{name: ("_words", name) for name in ("local_date", "say", "when")},
}


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        from importlib import import_module

        module, attribute = _HOMES[name]
        return getattr(import_module(f"kwis.learning.{module}"), attribute)
    raise AttributeError(f"module 'kwis.learning' has no attribute {name!r}")
