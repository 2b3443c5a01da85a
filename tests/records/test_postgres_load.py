"""Learners answering at once, each through their own role and the real store code: every answer
stored exactly once, in each learner's order. (Small here; benchmarks/bench_class_store.py runs
200 learners x 50 answers and compares with plain psycopg inserts.)"""

from __future__ import annotations

import psycopg

from tests.servers.load import make_class, store_burst

LEARNERS, ANSWERS = 24, 15


def test_every_answer_of_a_burst_is_stored_exactly_once(class_url: str) -> None:
    urls = make_class(class_url, LEARNERS)
    store_burst(urls, ANSWERS)
    with psycopg.connect(class_url) as conn:
        rows = conn.execute("SELECT learner, question_id FROM kwis.attempts ORDER BY id").fetchall()
    assert len(rows) == LEARNERS * ANSWERS
    assert len(set(rows)) == len(rows)  # none twice
    for name in urls:
        mine = [question for learner, question in rows if learner == name]
        assert mine == [f"q{n:02d}" for n in range(ANSWERS)]
