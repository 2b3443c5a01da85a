"""Many learners answering at once against a real class database, each through their own role:
through the real store code, or as plain psycopg inserts of the same rows (the baseline).
Used by the load test (small) and benchmarks/bench_class_store.py (200 x 50)."""

from __future__ import annotations

import json
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Callable

import psycopg

from kwis.records._pgschema import add_learners, init_class
from kwis.records._postgres import PostgresStore
from kwis.records._store import Attempt


def make_class(admin_url: str, learners: int) -> dict[str, str]:
    """A class with `learners` learner roles; name -> URL."""
    with psycopg.connect(admin_url, autocommit=True) as conn:
        init_class(conn, "load")
        logins = add_learners(conn, [f"learner{n:03d}" for n in range(learners)])
    return {login.name: login.url for login in logins}


def answer(learner: str, n: int, sitting: int) -> Attempt:
    return Attempt(bank_id="load", question_id=f"q{n:02d}", user=learner, mode="practice",
                   response=[n % 4], score=float(n % 2), correct=n % 2 == 1,
                   time=1_700_000_000.0 + n, seed=1, sitting=sitting, fingerprint="f", points=1.0)


def _run(workers: list[Callable[[], None]]) -> float:
    """Runs every worker in its own thread, all starting at once; the seconds until all ended."""
    start = threading.Barrier(len(workers) + 1)
    errors: list[BaseException] = []

    def wrapped(work: Callable[[], None]) -> None:
        start.wait()
        try:
            work()
        except BaseException as error:  # re-raised below, in the caller's thread
            errors.append(error)

    threads = [threading.Thread(target=wrapped, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return time.perf_counter() - began


def store_burst(urls: dict[str, str], answers: int) -> float:
    """Every learner records `answers` answers through PostgresStore (own outbox each)."""
    folder = Path(tempfile.mkdtemp(prefix="kwis-load-"))
    stores = {name: PostgresStore(url, outbox=folder / f"{name}.sqlite3")
              for name, url in urls.items()}
    sittings = {name: store.start_sitting("load", name, "practice", "{}", 1, ("q00",))
                for name, store in stores.items()}

    def work(name: str) -> Callable[[], None]:
        def run() -> None:
            for n in range(answers):
                assert stores[name].record(answer(name, n, sittings[name].id)) == "saved"
        return run

    try:
        return _run([work(name) for name in stores])
    finally:
        for store in stores.values():
            assert store.queued == 0
            store.close()


_PLAIN = ("INSERT INTO kwis.attempts (key, sitting, bank_id, question_id, learner, mode, response,"
          " score, correct, time, seed, fingerprint, points) VALUES (%s, %s, %s, %s, %s, %s, %s,"
          " %s, %s, %s, %s, %s, %s)")


def plain_burst(urls: dict[str, str], answers: int) -> float:
    """The same rows as plain autocommit psycopg inserts, one connection per learner role."""
    conns = {name: psycopg.connect(url, autocommit=True) for name, url in urls.items()}

    def work(name: str) -> Callable[[], None]:
        def run() -> None:
            for n in range(answers):
                a = answer(name, n, 0)
                conns[name].execute(_PLAIN, (uuid.uuid4(), a.sitting, a.bank_id, a.question_id,
                                             name, a.mode, json.dumps(a.response), a.score,
                                             a.correct, a.time, a.seed, a.fingerprint, a.points))
        return run

    try:
        return _run([work(name) for name in conns])
    finally:
        for conn in conns.values():
            conn.close()
