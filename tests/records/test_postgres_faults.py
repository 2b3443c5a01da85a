"""The class database stopped in the middle of a burst of answers and started again: every
answer waits in the outbox, is sent in order once the database answers, none lost or doubled."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Iterator

import psycopg
import pytest

from kwis.grading._grade import correct_response
from kwis.records._postgres import PostgresStore
from kwis.records._store import Attempt
from kwis.ui._widget import Quiz
from tests.servers.postgres import PostgresServer, skip_without_postgres
from tests.ui.conftest import dutch_bank


@pytest.fixture
def own_server() -> Iterator[PostgresServer]:
    """A server of its own: these tests stop it."""
    skip_without_postgres()
    server = PostgresServer(max_connections=20)
    yield server
    try:
        server.close()
    except Exception:  # already stopped by the test
        pass


def answer(n: int, sitting: int) -> Attempt:
    return Attempt(bank_id="minusma", question_id=f"q{n}", user="anna", mode="practice",
                   response=n, score=1.0, correct=True, time=1000.0 + n, seed=1, sitting=sitting)


def stored(url: str) -> list[str]:
    with psycopg.connect(url) as conn:
        return [row[0] for row in conn.execute("SELECT question_id FROM kwis.attempts ORDER BY id")]


def test_database_stopped_mid_burst_loses_and_doubles_nothing(own_server: PostgresServer,
                                                               tmp_path: Path) -> None:
    url = own_server.url(own_server.new_database())
    outbox = tmp_path / "outbox.sqlite3"
    store = PostgresStore(url, outbox=outbox, timeout=1, retry=0.2)
    sitting = store.start_sitting("minusma", "anna", "practice", "{}", 1, ("q0",))
    for n in range(40):
        if n == 10:
            own_server.stop()
        if n == 30:
            own_server.start()
        assert store.record(answer(n, sitting.id)) == "saved"
        if n == 10:
            assert store.queued == 1 and "connect" in store.last_error
    # Written in order, also while the database was away; the rest goes on its next write.
    assert [a.question_id for a in store.attempts(sitting=sitting.id)] == [f"q{n}" for n in range(40)]
    assert store.flush() == 0
    # A second kernel on the same outbox (the same student's other notebook) sends again: no doubles.
    other = PostgresStore(url, outbox=outbox, timeout=1)
    store.outbox.add("attempt", store._attempt_payload(answer(7, sitting.id)) | {"key": _key(url, "q7")})
    threads = [threading.Thread(target=s.flush) for s in (store, other)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert stored(url) == [f"q{n}" for n in range(40)]
    assert store.queued == other.queued == 0
    store.close()
    other.close()


def _key(url: str, question_id: str) -> str:
    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT key FROM kwis.attempts WHERE question_id = %s",
                           (question_id,)).fetchone()
    assert row is not None
    return str(row[0])


def test_the_quiz_says_quietly_that_answers_wait_and_restores_them(own_server: PostgresServer,
                                                                   tmp_path: Path) -> None:
    url = own_server.url(own_server.new_database())
    outbox = tmp_path / "outbox.sqlite3"
    bank = dutch_bank()
    # retry=0: try the database at every write (the default waits a few seconds between tries).
    quiz = Quiz(bank, store=PostgresStore(url, outbox=outbox, timeout=1, retry=0,
                                          language="nl"), user="anna")
    own_server.stop()
    first, second = quiz.questions[0], quiz.questions[1]
    first.answer(correct_response(first.question))
    first.check()
    status = quiz.save_status
    assert 'role="status"' in status and "op deze computer bewaard" in status
    # The kernel restarts while the database is still away: the answer is back from the outbox.
    again = Quiz(bank, store=PostgresStore(url, outbox=outbox, timeout=1, retry=0.2), user="anna")
    assert [a.question_id for a in again.results()] == [first.question.id]
    own_server.start()
    second.answer(correct_response(second.question))
    second.check()
    assert quiz.store.last_error == ""
    assert quiz.save_status == "" or "kwis-saved-again" in quiz.save_status
    assert stored(url) == [first.question.id, second.question.id]
