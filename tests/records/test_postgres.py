"""The PostgreSQL class store against a real server: same behaviour as the SQLite store,
migrations under concurrent starts, and what a learner's role may and may not do."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable, Iterator

import psycopg
import pytest

from kwis.grading._grade import correct_response
from kwis.ui._widget import Quiz
from kwis.records._pgschema import MIGRATIONS, VERSION
from kwis.records._identity import question_fingerprint
from kwis.records._postgres import PostgresStore
from kwis.records._store import AnswerStore, Attempt, Card, CardState, Review
from tests.ui.conftest import dutch_bank
from tests.servers.postgres import PostgresServer

AnyStore = Any


def attempt(question_id: str, user: str = "anna", sitting: int = 1, score: float = 1.0) -> Attempt:
    return Attempt(bank_id="minusma", question_id=question_id, user=user, mode="practice",
                   response=[0, 2], score=score, correct=score == 1.0, time=1_700_000_000.5,
                   seed=42, sitting=sitting)


@pytest.fixture(params=["sqlite", "postgresql"])
def open_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], AnyStore]]:
    """Opens the same store again (as after a kernel restart): SQLite file or PostgreSQL class."""
    opened: list[AnyStore] = []
    if request.param == "sqlite":
        def make() -> AnyStore:
            opened.append(AnswerStore(tmp_path / "answers.sqlite3"))
            return opened[-1]
    else:
        url = request.getfixturevalue("class_url")

        def make() -> AnyStore:
            opened.append(PostgresStore(url, outbox=tmp_path / "outbox.sqlite3"))
            return opened[-1]
    yield make
    for store in opened:
        store.close()


def test_attempts_survive_a_restart_in_order_with_every_field(open_store: Callable[[], AnyStore]) -> None:
    store = open_store()
    sitting = store.start_sitting("minusma", "anna", "practice", "{}", 7, ("diop-eis", "budget"))
    store.record(attempt("diop-eis", sitting=sitting.id))
    store.record(attempt("budget", sitting=sitting.id, score=0.5))
    store.record(attempt("budget", user="bram", sitting=sitting.id))
    store.close()
    again = open_store()
    assert again.attempts(user="anna") == (attempt("diop-eis", sitting=sitting.id),
                                           attempt("budget", sitting=sitting.id, score=0.5))
    assert [a.user for a in again.attempts(sitting=sitting.id)] == ["anna", "anna", "bram"]
    assert again.attempts(user="carla") == ()


def test_sittings_drafts_and_submission_as_in_sqlite(open_store: Callable[[], AnyStore]) -> None:
    store = open_store()
    first = store.start_sitting("minusma", "anna", "exam", '{"count": 2}', 99, ("b", "a"))
    store.start_sitting("minusma", "bram", "exam", '{"count": 2}', 99, ("a", "b"))
    second = store.start_sitting("minusma", "anna", "exam", '{"count": 2}', 100, ("c", "a"))
    store.save_draft(second.id, "c", "1,2")
    store.save_draft(second.id, "c", "1,26")
    store.save_draft(second.id, "a", [0, 1])
    store.mark_submitted(first.id)
    again = open_store()
    found = again.sittings("minusma", "anna", "exam", '{"count": 2}')
    assert [s.id for s in found] == [first.id, second.id]
    assert found[0].submitted is not None and found[1].submitted is None
    assert found[1].draw == ("c", "a") and found[1].seed == 100
    assert again.latest_sitting("minusma", "anna", "exam", '{"count": 2}') == second
    assert again.latest_sitting("minusma", "anna", "practice", '{"count": 2}') is None
    assert again.drafts(second.id) == {"c": "1,26", "a": [0, 1]}


def test_a_quiz_on_postgresql_restores_after_a_restart(class_url: str, tmp_path: Path) -> None:
    bank = dutch_bank()
    store = PostgresStore(class_url, outbox=tmp_path / "outbox.sqlite3")
    quiz = Quiz(bank, store=store, user="anna")
    view = quiz.questions[0]
    view.answer(correct_response(view.question))
    result = view.check()
    store.close()
    again = Quiz(bank, store=PostgresStore(class_url, outbox=tmp_path / "outbox.sqlite3"),
                 user="anna")
    assert [a.question_id for a in again.results()] == [view.question.id]
    assert again.session.grades[view.question.id].score == result.score
    assert again.results()[0].fingerprint == question_fingerprint(view.question)
    with psycopg.connect(class_url) as conn:
        assert conn.execute("SELECT question_id, fingerprint FROM kwis.questions").fetchall() == [
            (view.question.id, question_fingerprint(view.question))]
    again.store.close()


def test_many_kernels_starting_at_once_migrate_once(class_url: str, tmp_path: Path) -> None:
    errors: list[BaseException] = []
    stores: list[PostgresStore] = []
    start = threading.Barrier(8)

    def open_one(n: int) -> None:
        try:
            start.wait()
            stores.append(PostgresStore(class_url, outbox=tmp_path / f"outbox{n}.sqlite3"))
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=open_one, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with psycopg.connect(class_url) as conn:
        rows = conn.execute("SELECT version FROM kwis.schema_version ORDER BY 1").fetchall()
    assert rows == [(version,) for version, _sql in MIGRATIONS] and rows[-1] == (VERSION,)
    for store in stores:
        assert store.queued == 0
        store.close()


def test_a_class_database_of_an_earlier_version_is_upgraded_keeping_its_answers(
        class_url: str, tmp_path: Path) -> None:
    with psycopg.connect(class_url, autocommit=True) as conn:
        version, script = MIGRATIONS[0]
        conn.execute(script.encode())
        conn.execute("INSERT INTO kwis.schema_version VALUES (%s, 0)", (version,))
        conn.execute("INSERT INTO kwis.attempts (key, sitting, bank_id, question_id, learner, mode,"
                     " response, score, correct, time, seed) VALUES (gen_random_uuid(), 5,"
                     " 'minusma', 'budget', 'anna', 'exam', '\"1,26\"', 1, true, 1, 3)")
    store = PostgresStore(class_url, outbox=tmp_path / "outbox.sqlite3")
    (old,) = store.attempts(user="anna")
    assert (old.question_id, old.response, old.fingerprint, old.points) == ("budget", "1,26", "", None)
    assert (old.graded, old.score) == (True, 1.0)  # an answer from before student copies was graded
    store.close()
    with psycopg.connect(class_url) as conn:
        assert conn.execute("SELECT max(version) FROM kwis.schema_version").fetchone() == (VERSION,)


def test_a_submitted_sitting_is_closed_for_every_writer(open_store: Callable[[], AnyStore]) -> None:
    first, second = open_store(), open_store()  # two notebooks of one learner
    sitting = first.start_sitting("minusma", "anna", "exam", "{}", 3, ("budget", "diop-eis"))
    assert first.save_draft(sitting.id, "budget", "1,26") == "saved"
    assert first.submit(sitting.id, [(attempt("budget", sitting=sitting.id), None)]) == "saved"
    assert second.sitting_submitted(sitting.id)
    assert second.submit(sitting.id, [(attempt("diop-eis", sitting=sitting.id), None)]) == "closed"
    assert second.record(attempt("diop-eis", sitting=sitting.id)) == "closed"
    assert second.save_draft(sitting.id, "budget", "2") == "closed"
    assert [a.question_id for a in second.attempts(sitting=sitting.id)] == ["budget"]
    assert second.drafts(sitting.id) == {"budget": "1,26"}


def test_spaced_review_cards_and_reviews_as_in_sqlite(open_store: Callable[[], AnyStore]) -> None:
    state = CardState(state=2, step=None, stability=3.5, difficulty=5.2, due=1_700_300_000.0)
    card = Card(learner="anna", bank_id="minusma", question_id="diop-eis", fingerprint="f1",
                language="nl", tags=("diplomatie",), schedule=state, last_review=None,
                created=1_699_999_000.0)
    store = open_store()
    old = store.save_card(card)
    store.replace_card(old.id, 1_700_100_000.0)
    new = store.save_card(replace(card, fingerprint="f2", created=1_700_100_000.0))
    moved = replace(state, stability=9.0, due=1_701_000_000.0)
    store.save_card(replace(new, schedule=moved, last_review=1_700_200_000.0))
    first = store.add_review(Review(card=new.id, sitting=5, origin="review", mode="practice",
                                    rating=1, score=0.0, time=1_700_200_000.0, after=state))
    store.revise_review(replace(first, rating=3, after=moved))
    again = open_store()
    assert again.cards(learner="anna") == (replace(new, schedule=moved, last_review=1_700_200_000.0),)
    assert again.live_card("anna", "minusma", "diop-eis") == again.cards()[0]
    assert again.live_card("bram", "minusma", "diop-eis") is None
    assert again.reviews(card=new.id) == (replace(first, rating=3, after=moved),)
    assert again.reviews(learner="anna") == again.reviews(card=new.id)
    assert again.reviews(learner="bram") == ()
