"""The local SQLite store of students' answers. No ipywidgets.

One file (default `platformdirs.user_data_dir("kwis")/answers.sqlite3`, or `$KWIS_STORE`) holds
sittings (who took which draw of which bank), attempts (every checked or submitted answer, with the
learner id and the fingerprint of the question version answered), questions (the content of each
version answered, for the teacher's statistics) and drafts (answers not yet checked or submitted).
WAL and a busy timeout let two notebooks write at once. The file says what it is in SQLite's
`application_id` and its schema version in `user_version`; an older file is migrated in place
(columns and tables added, nothing removed), a file from a newer kwis is left alone.
When the file cannot be opened or written, the store warns once and carries on in memory; it
never deletes or replaces the file.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
import warnings
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from kwis._i18n import Messages
from kwis._model import AnyQuestion
from kwis.records._identity import content_json, question_fingerprint

STORE_ENV = "KWIS_STORE"
BUSY_TIMEOUT_SECONDS = 30.0
# 1: sittings, attempts, drafts (no version written). 2: attempts.fingerprint and .points, questions.
SCHEMA_VERSION = 2
APPLICATION_ID = 0x6B776973  # "kwis" in ASCII, in the SQLite header of every store file

_MESSAGES = Messages({
    "en": {
        "unusable": "kwis cannot use the answer store {path} ({error}). Answers are kept in memory "
                    "only and are lost when the kernel stops. To fix: make the file and its folder "
                    "writable, or move the file away if it is damaged, or choose another file with "
                    "Quiz(store=...) or the {env} environment variable.",
    },
    "nl": {
        "unusable": "kwis kan de antwoordenopslag {path} niet gebruiken ({error}). Antwoorden worden "
                    "alleen in het geheugen bewaard en gaan verloren als de kernel stopt. Oplossing: "
                    "maak het bestand en de map schrijfbaar, of zet het bestand opzij als het "
                    "beschadigd is, of kies een ander bestand met Quiz(store=...) of de "
                    "omgevingsvariabele {env}.",
    },
})


class NewerStoreError(sqlite3.DatabaseError):
    """The file was written by a newer kwis (a higher schema version): it is not touched."""

_TABLES = (
    """CREATE TABLE IF NOT EXISTS sittings (
    id INTEGER PRIMARY KEY,
    bank_id TEXT NOT NULL,
    user TEXT NOT NULL,
    mode TEXT NOT NULL,
    selection TEXT NOT NULL,
    seed INTEGER NOT NULL,
    draw TEXT NOT NULL,
    started REAL NOT NULL,
    submitted REAL
)""",
    "CREATE INDEX IF NOT EXISTS sittings_lookup ON sittings (bank_id, user, mode, selection)",
    """CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY,
    sitting INTEGER NOT NULL REFERENCES sittings (id),
    bank_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    user TEXT NOT NULL,
    mode TEXT NOT NULL,
    response TEXT NOT NULL,
    score REAL NOT NULL,
    correct INTEGER NOT NULL,
    time REAL NOT NULL,
    seed INTEGER NOT NULL,
    fingerprint TEXT NOT NULL DEFAULT '',
    points REAL
)""",
    "CREATE INDEX IF NOT EXISTS attempts_sitting ON attempts (sitting)",
    """CREATE TABLE IF NOT EXISTS drafts (
    sitting INTEGER NOT NULL REFERENCES sittings (id),
    question_id TEXT NOT NULL,
    response TEXT NOT NULL,
    time REAL NOT NULL,
    PRIMARY KEY (sitting, question_id)
)""",
    """CREATE TABLE IF NOT EXISTS questions (
    bank_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    type TEXT NOT NULL,
    points REAL NOT NULL,
    content TEXT NOT NULL,
    PRIMARY KEY (bank_id, question_id, fingerprint)
)""",
)
# Columns later versions added to tables of earlier ones: (table, column, declaration).
_ADDED_COLUMNS = (
    ("attempts", "fingerprint", "TEXT NOT NULL DEFAULT ''"),
    ("attempts", "points", "REAL"),
)


@dataclass(frozen=True)
class Sitting:
    """One student taking one draw of a bank in one mode."""

    id: int
    bank_id: str
    user: str
    mode: str
    selection: str  # JSON of what was asked for (tags, count, seed), to find the sitting again
    seed: int
    draw: tuple[str, ...]  # question ids in the order shown
    started: float
    submitted: float | None = None


@dataclass(frozen=True)
class Attempt:
    """One checked (practice) or submitted (exam) answer, as a teacher reads it back."""

    bank_id: str
    question_id: str
    user: str
    mode: str
    response: Any  # JSON-decoded response (lists for tuples and sets)
    score: float
    correct: bool
    time: float  # seconds since the epoch
    seed: int
    sitting: int = 0
    fingerprint: str = ""  # of the question version answered; empty in answers kwis stored before
    points: float | None = None  # the question's maximum mark; None in answers stored before


def default_store_path() -> Path:
    """`$KWIS_STORE` when set, else `answers.sqlite3` in the user's data directory."""
    configured = os.environ.get(STORE_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir("kwis")) / "answers.sqlite3"


class AnswerStore:
    """Sittings, attempts and drafts in one SQLite file (or in memory after a failure)."""

    def __init__(self, path: str | os.PathLike[str] | None = None, *, language: str = "en") -> None:
        self.path = Path(path) if path is not None else default_store_path()
        self.language = language
        self.in_memory = False
        self._lock = threading.RLock()
        self._known_questions: set[tuple[str, str, str]] = set()
        self._conn = self._open_file()

    # -- opening and falling back -------------------------------------------------------------

    def _connect(self, target: str) -> sqlite3.Connection:
        """A connection that is closed when this store is garbage-collected (a quiz has no end)."""
        conn = _connect(target)
        weakref.finalize(self, conn.close)
        return conn

    def _open_file(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = self._connect(str(self.path))
            conn.execute("PRAGMA journal_mode=WAL")
            prepare_schema(conn)
            return conn
        except (sqlite3.Error, OSError) as error:
            self._warn(error)
            return self._memory_copy(None)

    def _warn(self, error: BaseException) -> None:
        message = _MESSAGES(self.language, "unusable", path=self.path, error=error, env=STORE_ENV)
        warnings.warn(message, RuntimeWarning, stacklevel=4)

    def _memory_copy(self, source: sqlite3.Connection | None) -> sqlite3.Connection:
        """An in-memory store, with what could still be read from `source` copied into it."""
        self.in_memory = True
        memory = self._connect(":memory:")
        if source is not None:
            try:
                source.backup(memory)
            except sqlite3.Error:
                memory.close()
                memory = self._connect(":memory:")
        prepare_schema(memory)
        return memory

    def _write(self, sql: str, values: tuple[Any, ...]) -> int:
        """Runs one write in a transaction; on failure warns once and redoes it in memory."""
        with self._lock:
            return self._write_unlocked(sql, values)

    def _write_unlocked(self, sql: str, values: tuple[Any, ...]) -> int:
        try:
            with self._conn:
                return int(self._conn.execute(sql, values).lastrowid or 0)
        except sqlite3.Error as error:
            if self.in_memory:
                raise
            self._warn(error)
            self._conn = self._memory_copy(self._conn)
            with self._conn:
                return int(self._conn.execute(sql, values).lastrowid or 0)

    def _read(self, sql: str, values: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._read_unlocked(sql, values)

    def _read_unlocked(self, sql: str, values: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        try:
            return self._conn.execute(sql, values).fetchall()
        except sqlite3.Error as error:
            if self.in_memory:
                raise
            self._warn(error)
            self._conn = self._memory_copy(None)
            return []

    # -- sittings -----------------------------------------------------------------------------

    def start_sitting(self, bank_id: str, user: str, mode: str, selection: str, seed: int,
                      draw: tuple[str, ...]) -> Sitting:
        started = time.time()
        sitting_id = self._write(
            "INSERT INTO sittings (bank_id, user, mode, selection, seed, draw, started)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (bank_id, user, mode, selection, seed, json.dumps(list(draw)), started),
        )
        return Sitting(sitting_id, bank_id, user, mode, selection, seed, draw, started)

    def sittings(self, bank_id: str, user: str, mode: str, selection: str) -> tuple[Sitting, ...]:
        """Every sitting of this student at this quiz, oldest first: one per attempt."""
        rows = self._read(
            "SELECT id, bank_id, user, mode, selection, seed, draw, started, submitted FROM sittings"
            " WHERE bank_id = ? AND user = ? AND mode = ? AND selection = ? ORDER BY id",
            (bank_id, user, mode, selection),
        )
        return tuple(_sitting(row) for row in rows)

    def latest_sitting(self, bank_id: str, user: str, mode: str, selection: str) -> Sitting | None:
        found = self.sittings(bank_id, user, mode, selection)
        return found[-1] if found else None

    def mark_submitted(self, sitting: int) -> None:
        self._write("UPDATE sittings SET submitted = ? WHERE id = ?", (time.time(), sitting))

    # -- attempts and drafts ------------------------------------------------------------------

    def record(self, attempt: Attempt, question: AnyQuestion | None = None) -> None:
        """Stores one answer; with `question`, also the content of the version answered (once)."""
        if question is not None:
            self._remember(attempt.bank_id, question)
        self._write(
            "INSERT INTO attempts (sitting, bank_id, question_id, user, mode, response, score,"
            " correct, time, seed, fingerprint, points) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (attempt.sitting, attempt.bank_id, attempt.question_id, attempt.user, attempt.mode,
             json.dumps(attempt.response), attempt.score, int(attempt.correct), attempt.time,
             attempt.seed, attempt.fingerprint, attempt.points),
        )

    def _remember(self, bank_id: str, question: AnyQuestion) -> None:
        key = (bank_id, question.id, question_fingerprint(question))
        if key in self._known_questions:
            return
        self._write(
            "INSERT OR IGNORE INTO questions (bank_id, question_id, fingerprint, type, points,"
            " content) VALUES (?, ?, ?, ?, ?, ?)",
            (*key, question.type, question.points, content_json(question)),
        )
        self._known_questions.add(key)

    def attempts(self, *, sitting: int | None = None, bank_id: str | None = None,
                 user: str | None = None) -> tuple[Attempt, ...]:
        """Attempts in the order they were made, filtered by whichever arguments are given."""
        where, values = _filters(sitting=sitting, bank_id=bank_id, user=user)
        rows = self._read(
            "SELECT bank_id, question_id, user, mode, response, score, correct, time, seed, sitting,"
            f" fingerprint, points FROM attempts{where} ORDER BY id", values,
        )
        return tuple(_attempt(row) for row in rows)

    def save_draft(self, sitting: int, question_id: str, response: Any) -> None:
        self._write(
            "INSERT INTO drafts (sitting, question_id, response, time) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (sitting, question_id) DO UPDATE SET response = excluded.response,"
            " time = excluded.time",
            (sitting, question_id, json.dumps(response), time.time()),
        )

    def drafts(self, sitting: int) -> dict[str, Any]:
        rows = self._read("SELECT question_id, response FROM drafts WHERE sitting = ?", (sitting,))
        return {question_id: json.loads(response) for question_id, response in rows}

    def close(self) -> None:
        self._conn.close()


def _connect(target: str) -> sqlite3.Connection:
    # Every write is one statement in its own `with conn:` transaction, so the default deferred
    # transactions plus the busy timeout are enough for concurrent writers.
    # check_same_thread=False: ipykernel 7 runs widget callbacks (where answers are saved) in
    # another thread than the cell that made the quiz. The store's lock serializes its use.
    conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_SECONDS, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def prepare_schema(conn: sqlite3.Connection) -> None:
    """Creates the tables, or migrates an older store in place; refuses a newer one."""
    if schema_version(conn) == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")  # one migration at a time, all of it or nothing
    try:
        version = schema_version(conn)
        if version > SCHEMA_VERSION:
            raise NewerStoreError(f"schema version {version}: written by a newer kwis, which this "
                                  f"kwis (schema version {SCHEMA_VERSION}) cannot read")
        for statement in _TABLES:
            conn.execute(statement)
        for table, column, declaration in _ADDED_COLUMNS:
            if column not in _columns(conn, table):
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


def _filters(**columns: object) -> tuple[str, tuple[Any, ...]]:
    given = {name: value for name, value in columns.items() if value is not None}
    if not given:
        return "", ()
    return " WHERE " + " AND ".join(f"{name} = ?" for name in given), tuple(given.values())


def _sitting(row: tuple[Any, ...]) -> Sitting:
    return Sitting(row[0], row[1], row[2], row[3], row[4], row[5], tuple(json.loads(row[6])),
                   row[7], row[8])


def _attempt(row: tuple[Any, ...]) -> Attempt:
    return Attempt(
        bank_id=row[0], question_id=row[1], user=row[2], mode=row[3], response=json.loads(row[4]),
        score=row[5], correct=bool(row[6]), time=row[7], seed=row[8], sitting=row[9],
        fingerprint=row[10], points=row[11],
    )
