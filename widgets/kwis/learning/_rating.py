"""From a graded answer to an fsrs rating (the mapping docs/learning.md documents).

- wrong, partly right or unanswered: Again (the question comes back the next day);
- right after the hint was shown, or right on a later try in the same sitting: Hard;
- right at once without the hint: Good;
- Easy is never given: a quiz cannot tell effortless recall from recall.
"""

from __future__ import annotations

from fsrs import Rating


def first_rating(correct: bool, hinted: bool) -> Rating:
    """The rating of a question's first graded answer in a sitting."""
    if not correct:
        return Rating.Again
    return Rating.Hard if hinted else Rating.Good


def later_rating(first: Rating, correct: bool) -> Rating | None:
    """A later try in the same sitting, before the card is due again: right after a wrong first
    try makes that review Hard; anything else leaves it as it was (None)."""
    if first == Rating.Again and correct:
        return Rating.Hard
    return None
