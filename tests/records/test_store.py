"""The SQLite answer store: round trip, concurrent writers, and failing files."""

from __future__ import annotations

from contextlib import closing
from dataclasses import replace
import multiprocessing
import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest

from kwis.records._store import (
    APPLICATION_ID, SCHEMA_VERSION, AnswerStore, Attempt, default_store_path,
)

WRITES_PER_PROCESS = 150


def attempt(question_id: str, user: str = "anna", sitting: int = 1, score: float = 1.0) -> Attempt:
    return Attempt(bank_id="minusma", question_id=question_id, user=user, mode="practice",
                   response=[0, 2], score=score, correct=score == 1.0, time=1_700_000_000.5,
                   seed=42, sitting=sitting)


def test_attempts_round_trip_with_every_field(tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite3"
    store = AnswerStore(path)
    store.record(attempt("diop-eis"))
    store.record(attempt("budget", score=0.5))
    store.close()
    again = AnswerStore(path)
    assert again.attempts(bank_id="minusma") == (attempt("diop-eis"), attempt("budget", score=0.5))
    assert again.attempts(user="bram") == ()


def test_sitting_keeps_seed_and_draw(tmp_path: Path) -> None:
    store = AnswerStore(tmp_path / "answers.sqlite3")
    started = store.start_sitting("minusma", "anna", "exam", '{"count": 2}', 99, ("b", "a"))
    found = store.latest_sitting("minusma", "anna", "exam", '{"count": 2}')
    assert found == started and found.draw == ("b", "a") and found.seed == 99
    assert store.latest_sitting("minusma", "anna", "practice", '{"count": 2}') is None
    store.mark_submitted(started.id)
    found = store.latest_sitting("minusma", "anna", "exam", '{"count": 2}')
    assert found is not None and found.submitted is not None


def test_drafts_keep_the_latest_response(tmp_path: Path) -> None:
    store = AnswerStore(tmp_path / "answers.sqlite3")
    store.save_draft(1, "budget", "1,2")
    store.save_draft(1, "budget", "1,26")
    store.save_draft(1, "diop-eis", 0)
    assert store.drafts(1) == {"budget": "1,26", "diop-eis": 0}


def test_file_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite3"
    AnswerStore(path).record(attempt("x"))
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_store_location_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KWIS_STORE", str(tmp_path / "elders.sqlite3"))
    assert default_store_path() == tmp_path / "elders.sqlite3"
    AnswerStore().record(attempt("x"))
    assert (tmp_path / "elders.sqlite3").exists()
    monkeypatch.delenv("KWIS_STORE")
    assert default_store_path().name == "answers.sqlite3"
    assert "kwis" in default_store_path().parts


def _write_many(path: str, user: str, start: Any) -> None:
    store = AnswerStore(path)
    start.wait()
    for i in range(WRITES_PER_PROCESS):
        store.record(attempt(f"q{i}", user=user))
    store.close()


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "answers.sqlite3")
    AnswerStore(path).close()
    context = multiprocessing.get_context("spawn")
    start = context.Event()
    workers = [context.Process(target=_write_many, args=(path, user, start))
               for user in ("anna", "bram")]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(timeout=120)
    assert [w.exitcode for w in workers] == [0, 0]
    store = AnswerStore(path)
    for user in ("anna", "bram"):
        ids = [a.question_id for a in store.attempts(user=user)]
        assert ids == [f"q{i}" for i in range(WRITES_PER_PROCESS)]


def test_corrupt_file_warns_keeps_working_in_memory_and_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite3"
    garbage = b"this is not a database, but somebody's notes " * 100
    path.write_bytes(garbage)
    with pytest.warns(RuntimeWarning, match=r"answers\.sqlite3.*(not a database|file is)") as caught:
        store = AnswerStore(path, language="nl")
    assert "Antwoorden worden alleen in het geheugen bewaard" in str(caught[0].message)
    assert store.in_memory
    store.record(attempt("diop-eis"))
    assert [a.question_id for a in store.attempts()] == ["diop-eis"]
    assert path.read_bytes() == garbage


def test_unusable_location_warns_and_keeps_working(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the store's folder should be")
    path = blocker / "answers.sqlite3"
    with pytest.warns(RuntimeWarning, match="not-a-folder.*KWIS_STORE"):
        store = AnswerStore(path)
    store.record(attempt("diop-eis"))
    assert len(store.attempts()) == 1


def full_disk(store: AnswerStore) -> None:
    """The file cannot grow any more: SQLite answers SQLITE_FULL, as on a full disk."""
    pages = store._conn.execute("PRAGMA page_count").fetchone()[0]
    store._conn.execute(f"PRAGMA max_page_count = {pages}")


def space_again(store: AnswerStore) -> None:
    store._conn.execute("PRAGMA max_page_count = 1073741823")


def in_file(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [row[0] for row in conn.execute("SELECT question_id FROM attempts ORDER BY id")]


def test_a_write_on_a_full_disk_waits_and_reaches_the_file_when_space_comes_back(tmp_path: Path) -> None:
    """Issue 10, item 1: a temporary failure never drops the store for the rest of the session."""
    path = tmp_path / "answers.sqlite3"
    store = AnswerStore(path)
    store.record(attempt("first"))
    full_disk(store)
    big = replace(attempt("second"), response=["x" * 20_000])
    with pytest.warns(RuntimeWarning, match="answers.sqlite3.*full"):
        assert store.record(big) == "unsaved"
    assert store.record(attempt("third")) == "unsaved"  # no second warning (pytest would fail on it)
    assert store.unsaved == 2 and "full" in store.last_error and not store.in_memory
    assert [a.question_id for a in store.attempts()] == ["first", "second", "third"]
    assert in_file(path) == ["first"]
    assert not store.retry()
    space_again(store)
    assert store.record(attempt("fourth")) == "saved"
    assert store.unsaved == 0 and store.last_error == ""
    assert in_file(path) == ["first", "second", "third", "fourth"]
    assert [a.question_id for a in AnswerStore(path).attempts()] == ["first", "second", "third", "fourth"]


def test_retry_writes_what_waits(tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite3"
    store = AnswerStore(path)
    store._conn.execute("PRAGMA query_only = ON")  # the file refuses writes for a while
    with pytest.warns(RuntimeWarning):
        store.save_draft(1, "budget", "1,26")
    assert store.drafts(1) == {"budget": "1,26"}
    store._conn.execute("PRAGMA query_only = OFF")
    assert store.retry() and AnswerStore(path).drafts(1) == {"budget": "1,26"}


def test_a_damaged_row_is_skipped_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite3"
    store = AnswerStore(path)
    for name in ("a", "b", "c"):
        store.record(attempt(name))
    store.save_draft(1, "a", [1])
    store.save_draft(1, "b", [2])
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE attempts SET response = '{kapot' WHERE question_id = 'b'")
        conn.execute("UPDATE drafts SET response = 'niet-json' WHERE question_id = 'a'")
    again = AnswerStore(path)
    with pytest.warns(RuntimeWarning, match="1 damaged row"):
        assert [a.question_id for a in again.attempts()] == ["a", "c"]
    with pytest.warns(RuntimeWarning, match="drafts 'a'"):
        assert again.drafts(1) == {"b": [2]}
    assert again.damaged == ["attempts 2", "drafts 'a'"]


def test_a_submitted_sitting_is_closed_for_every_writer(tmp_path: Path) -> None:
    """Issue 10, item 5: two stores (two notebooks) on one file; the second cannot add to a
    sitting the first submitted, neither drafts nor answers nor a second submission."""
    path = tmp_path / "answers.sqlite3"
    one, other = AnswerStore(path), AnswerStore(path)
    sitting = one.start_sitting("minusma", "anna", "exam", "{}", 7, ("a", "b"))
    assert other.save_draft(sitting.id, "a", 0) == "saved"
    assert one.submit(sitting.id, [(attempt("a", sitting=sitting.id), None)]) == "saved"
    assert other.sitting_submitted(sitting.id)
    assert other.save_draft(sitting.id, "b", 1) == "closed"
    assert other.submit(sitting.id, [(attempt("a", sitting=sitting.id), None),
                                     (attempt("b", sitting=sitting.id), None)]) == "closed"
    assert other.record(attempt("b", sitting=sitting.id)) == "closed"
    assert other.mark_submitted(sitting.id) == "closed"
    assert [a.question_id for a in AnswerStore(path).attempts(sitting=sitting.id)] == ["a"]
    assert AnswerStore(path).drafts(sitting.id) == {"a": 0}


def test_every_attempt_is_a_sitting_and_the_latest_wins(tmp_path: Path) -> None:
    store = AnswerStore(tmp_path / "answers.sqlite3")
    first = store.start_sitting("minusma", "anna", "exam", "{}", 7, ("a", "b"))
    store.start_sitting("minusma", "bram", "exam", "{}", 7, ("b", "a"))
    second = store.start_sitting("minusma", "anna", "exam", "{}", 8, ("b", "c"))
    assert [s.id for s in store.sittings("minusma", "anna", "exam", "{}")] == [first.id, second.id]
    assert store.latest_sitting("minusma", "anna", "exam", "{}") == second
    assert store.sittings("minusma", "anna", "practice", "{}") == ()


def test_answers_saved_from_another_thread_reach_the_file(tmp_path: Path) -> None:
    """ipykernel 7 runs widget callbacks, where answers are saved, off the thread that made the quiz."""
    path = tmp_path / "answers.sqlite3"
    store = AnswerStore(path)
    sitting = store.start_sitting("minusma", "anna", "practice", "{}", 7, ("x",))
    errors: list[BaseException] = []

    def save() -> None:
        try:
            store.save_draft(sitting.id, "x", "1,26")
            store.record(attempt("x"))
        except BaseException as error:  # surfaced below, in the test's own thread
            errors.append(error)

    worker = threading.Thread(target=save)
    worker.start()
    worker.join()
    assert errors == [] and not store.in_memory
    assert AnswerStore(path).drafts(sitting.id) == {"x": "1,26"}
    assert [a.question_id for a in AnswerStore(path).attempts()] == ["x"]


# A store as kwis wrote it before schema versions: no user_version, no fingerprint or points.
_VERSION_1_SCHEMA = """
CREATE TABLE sittings (id INTEGER PRIMARY KEY, bank_id TEXT NOT NULL, user TEXT NOT NULL,
    mode TEXT NOT NULL, selection TEXT NOT NULL, seed INTEGER NOT NULL, draw TEXT NOT NULL,
    started REAL NOT NULL, submitted REAL);
CREATE INDEX sittings_lookup ON sittings (bank_id, user, mode, selection);
CREATE TABLE attempts (id INTEGER PRIMARY KEY, sitting INTEGER NOT NULL REFERENCES sittings (id),
    bank_id TEXT NOT NULL, question_id TEXT NOT NULL, user TEXT NOT NULL, mode TEXT NOT NULL,
    response TEXT NOT NULL, score REAL NOT NULL, correct INTEGER NOT NULL, time REAL NOT NULL,
    seed INTEGER NOT NULL);
CREATE INDEX attempts_sitting ON attempts (sitting);
CREATE TABLE drafts (sitting INTEGER NOT NULL REFERENCES sittings (id), question_id TEXT NOT NULL,
    response TEXT NOT NULL, time REAL NOT NULL, PRIMARY KEY (sitting, question_id));
INSERT INTO sittings VALUES (1, 'minusma', 'anna', 'practice', '{}', 42, '["diop-eis"]', 1.0, NULL);
INSERT INTO attempts VALUES (1, 1, 'minusma', 'diop-eis', 'anna', 'practice', '[0, 2]', 1.0, 1,
    1700000000.5, 42);
INSERT INTO drafts VALUES (1, 'diop-eis', '0', 2.0);
"""


def test_a_version_1_store_is_migrated_in_place_and_keeps_every_answer(tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite3"
    with closing(sqlite3.connect(path)) as conn:
        conn.executescript(_VERSION_1_SCHEMA)
    store = AnswerStore(path)
    assert not store.in_memory
    assert store.attempts() == (attempt("diop-eis"),)  # empty fingerprint, unknown points
    assert store.drafts(1) == {"diop-eis": 0}
    store.record(Attempt(**{**attempt("budget").__dict__, "fingerprint": "abc", "points": 2.0}))
    assert store.attempts()[1].fingerprint == "abc" and store.attempts()[1].points == 2.0
    store.close()
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert AnswerStore(path).attempts()[0] == attempt("diop-eis")  # opening again changes nothing


def test_a_store_from_a_newer_kwis_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite3"
    AnswerStore(path).close()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = path.read_bytes()
    with pytest.warns(RuntimeWarning, match="newer kwis"):
        store = AnswerStore(path)
    assert store.in_memory
    store.record(attempt("x"))
    store.close()
    assert path.read_bytes() == before


def test_a_foreign_sqlite_file_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    """Issue 10, item 10: kwis used to switch it to WAL and add its tables before refusing it."""
    path = tmp_path / "answers.sqlite3"
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('stamppot')")
    before = path.read_bytes()
    with pytest.warns(RuntimeWarning, match="another program's SQLite database"):
        store = AnswerStore(path)
    assert store.in_memory
    store.record(attempt("diop-eis"))
    assert path.read_bytes() == before and not Path(f"{path}-wal").exists()


def test_a_store_from_a_newer_kwis_is_left_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite3"
    AnswerStore(path).close()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("PRAGMA user_version = 99")
    before = path.read_bytes()
    with pytest.warns(RuntimeWarning, match="newer kwis"):
        AnswerStore(path)
    assert path.read_bytes() == before
