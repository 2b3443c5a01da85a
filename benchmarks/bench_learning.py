"""How much slower is working out what is due and the mastery per topic than reading the rows?

Builds an answer store with 1,000 cards and 20,000 reviews of one learner (20 reviews per card,
fsrs states from the real scheduler, 5 banks, 8 tags; seeded) in a temp dir, then times, as the
median of several repeats in this run:

- kwis: open the store, read the learner's cards, the due cards (most overdue first), mastery
  per bank and tag, and how many cards were reviewed today (the review quiz's daily limit: it
  reads the learner's reviews);
- baseline: `SELECT *` with plain sqlite3 of all those rows (the 1,000 cards and 20,000
  reviews), and, stricter, of only the rows kwis reads (the cards and today's reviews: mastery
  and what is due come from the cards' fsrs state, so the review log is not replayed).

Prints the times and both ratios. Target: at most 3x, for the stricter one too.
"""

from __future__ import annotations

import random
import sqlite3
import statistics
import tempfile
import time
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Callable

from fsrs import Card as FsrsCard
from fsrs import Rating

from kwis.learning import bank_mastery, due_cards, mastery, reviewed_today
from kwis.learning._schedule import card_state, scheduler
from kwis.records import AnswerStore

CARDS, REVIEWS_PER_CARD, REPEATS = 1000, 20, 7
NOW = datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc)
TAGS = ("Frankrijk", "Wagner", "cijfers", "mandaat", "personen", "tijdlijn", "veiligheid", "VN")


def build(path: Path) -> None:
    """The store: each card reviewed 20 times on its due days, ratings drawn seeded."""
    rng = random.Random(2023)
    store = AnswerStore(path)
    store.close()
    cards, reviews = [], []
    for number in range(1, CARDS + 1):
        at = NOW - timedelta(days=400) + timedelta(minutes=number)
        card = FsrsCard(card_id=number, due=at)
        for _ in range(REVIEWS_PER_CARD):
            rating = rng.choice((Rating.Again, Rating.Hard, Rating.Good, Rating.Good, Rating.Good))
            card, _log = scheduler(0.9).review_card(card, rating, at)
            state = card_state(card)
            reviews.append((number, number, "review", "practice", rating.value,
                            1.0 if rating != Rating.Again else 0.0, at.timestamp(),
                            state.state, state.step, state.stability, state.difficulty, state.due))
            at = min(card.due, at + timedelta(days=rng.randint(1, 9)))
        tags = f'["{TAGS[number % 8]}", "{TAGS[(number * 3) % 8]}"]'
        cards.append((number, "anna", f"bank-{number % 5}", f"q-{number}", "fp", "nl", tags,
                      state.state, state.step, state.stability, state.difficulty, state.due,
                      at.timestamp(), at.timestamp() - 400 * 86400, None))
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.executemany("INSERT INTO cards VALUES (" + ", ".join("?" * 15) + ")", cards)
        conn.executemany("INSERT INTO reviews (card, sitting, origin, mode, rating, score, time,"
                         " state, step, stability, difficulty, due) VALUES (" +
                         ", ".join("?" * 12) + ")", reviews)


def with_kwis(path: Path) -> None:
    store = AnswerStore(path)
    cards = store.cards(learner="anna")
    assert len(due_cards(cards, NOW)) > 0
    mastery(cards, NOW)
    bank_mastery(cards, NOW)
    reviewed_today(store, "anna", NOW)
    store.close()


def baseline(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn:
        assert len(conn.execute("SELECT * FROM cards WHERE learner = 'anna'").fetchall()) == CARDS
        conn.execute("SELECT r.* FROM reviews r JOIN cards c ON c.id = r.card"
                     " WHERE c.learner = 'anna'").fetchall()


def baseline_needed(path: Path) -> None:
    midnight = datetime(NOW.year, NOW.month, NOW.day).astimezone().timestamp()
    with closing(sqlite3.connect(path)) as conn:
        assert len(conn.execute("SELECT * FROM cards WHERE learner = 'anna'").fetchall()) == CARDS
        conn.execute("SELECT * FROM reviews WHERE time >= ? AND card IN"
                     " (SELECT id FROM cards WHERE learner = 'anna')", (midnight,)).fetchall()


def median_time(work: Callable[[Path], None], path: Path) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        work(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answers.sqlite3"
        build(path)
        with_kwis(path)  # warm the file cache for both
        plain, needed = median_time(baseline, path), median_time(baseline_needed, path)
        ours = median_time(with_kwis, path)
    print(f"{CARDS} cards, {CARDS * REVIEWS_PER_CARD} reviews, median of {REPEATS}")
    print(f"  sqlite3 SELECT of all the rows:          {plain * 1000:.1f} ms")
    print(f"  sqlite3 SELECT of the rows kwis reads:   {needed * 1000:.1f} ms")
    print(f"  kwis due + mastery + daily limit:        {ours * 1000:.1f} ms")
    print(f"  ratio to all the rows: {ours / plain:.2f}x, to the rows read: {ours / needed:.2f}x"
          " (target: at most 3x)")


if __name__ == "__main__":
    main()
