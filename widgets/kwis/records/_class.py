"""A class's answers in one place, and the small interface statistics read them through.

`ClassReader` is all that `kwis stats` and the teacher dashboard need from wherever a class's
answers live: the banks answered, every sitting of a bank with its answers, and the content of
each question version answered. `ClassDatabase` is the SQLite file `kwis collect` writes; any
other backend (a shared server database) only has to offer the same three methods.
"""

from __future__ import annotations

import json
import os
import sqlite3
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Protocol
from urllib.parse import quote

from kwis.records._store import Card, CardState

CLASS_APPLICATION_ID = 0x6B77636C  # "kwcl": a class database, not a student's store
CLASS_SCHEMA_VERSION = 2  # 2: cards


@dataclass(frozen=True)
class ClassAnswer:
    """One checked (practice) or submitted (exam) answer, as collected from a student's store."""

    question_id: str
    fingerprint: str  # of the question version answered; empty for answers kwis stored before
    response: Any  # JSON-decoded
    score: float  # 0..1
    points: float | None  # the question's maximum mark; None for answers kwis stored before
    correct: bool
    time: float


@dataclass(frozen=True)
class ClassSitting:
    """One learner taking one draw of a bank once (a Moodle "attempt"), with every answer given."""

    learner: str
    bank_id: str
    mode: str
    started: float
    submitted: float | None
    draw: tuple[str, ...]  # question ids in the order shown
    answers: tuple[ClassAnswer, ...]  # in the order they were given


@dataclass(frozen=True)
class QuestionVersion:
    bank_id: str
    question_id: str
    fingerprint: str
    type: str
    points: float
    content: dict[str, Any]  # as `kwis.records._identity.question_content` gives it


class ClassReader(Protocol):
    """What statistics read: implemented by `ClassDatabase` and by any other class backend."""

    def banks(self) -> tuple[str, ...]:
        """Ids of the banks with at least one sitting, sorted."""
        ...

    def sittings(self, bank_id: str) -> Iterator[ClassSitting]:
        """Every sitting of the bank, by learner and then oldest first."""
        ...

    def question_versions(self, bank_id: str) -> tuple[QuestionVersion, ...]:
        """The content of every question version of the bank that was answered."""
        ...


_TABLES = (
    """CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS sittings (
    id INTEGER PRIMARY KEY,
    learner TEXT NOT NULL,
    bank_id TEXT NOT NULL,
    mode TEXT NOT NULL,
    selection TEXT NOT NULL,
    seed INTEGER NOT NULL,
    draw TEXT NOT NULL,
    started REAL NOT NULL,
    submitted REAL,
    UNIQUE (learner, bank_id, mode, selection, started)
)""",
    """CREATE TABLE IF NOT EXISTS attempts (
    sitting INTEGER NOT NULL REFERENCES sittings (id),
    question_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    response TEXT NOT NULL,
    score REAL NOT NULL,
    points REAL,
    correct INTEGER NOT NULL,
    time REAL NOT NULL,
    UNIQUE (sitting, question_id, time)
)""",
    # Each learner's live spaced-review cards (kwis.learning), as of the latest collect.
    """CREATE TABLE IF NOT EXISTS cards (
    learner TEXT NOT NULL,
    bank_id TEXT NOT NULL,
    question_id TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    language TEXT NOT NULL,
    tags TEXT NOT NULL,
    state INTEGER NOT NULL,
    step INTEGER,
    stability REAL,
    difficulty REAL,
    due REAL NOT NULL,
    last_review REAL,
    created REAL NOT NULL,
    PRIMARY KEY (learner, bank_id, question_id, fingerprint)
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


class ClassDatabase:
    """The SQLite file `kwis collect` writes and `kwis stats` reads (read-only unless `writable`)."""

    def __init__(self, path: str | os.PathLike[str], *, writable: bool = False) -> None:
        self.path = Path(path)
        if writable:
            self.conn = sqlite3.connect(self.path, timeout=5.0)
            _prepare(self.conn)
        else:
            if not self.path.is_file():
                raise FileNotFoundError(f"{self.path}: no such file")
            self.conn = sqlite3.connect(f"file:{quote(str(self.path.resolve()))}?mode=ro",
                                        uri=True, timeout=5.0)
            check_class_database(self.conn)
        weakref.finalize(self, self.conn.close)

    def close(self) -> None:
        self.conn.close()

    # -- ClassReader ------------------------------------------------------------------------

    def banks(self) -> tuple[str, ...]:
        rows = self.conn.execute("SELECT DISTINCT bank_id FROM sittings ORDER BY bank_id")
        return tuple(row[0] for row in rows)

    def sittings(self, bank_id: str) -> Iterator[ClassSitting]:
        answers: dict[int, list[ClassAnswer]] = {}
        for row in self.conn.execute(
                "SELECT a.sitting, a.question_id, a.fingerprint, a.response, a.score, a.points,"
                " a.correct, a.time FROM attempts a JOIN sittings s ON s.id = a.sitting"
                " WHERE s.bank_id = ? ORDER BY a.sitting, a.time", (bank_id,)):
            answers.setdefault(row[0], []).append(ClassAnswer(
                row[1], row[2], json.loads(row[3]), row[4], row[5], bool(row[6]), row[7]))
        for row in self.conn.execute(
                "SELECT id, learner, mode, started, submitted, draw FROM sittings"
                " WHERE bank_id = ? ORDER BY learner, started", (bank_id,)):
            yield ClassSitting(row[1], bank_id, row[2], row[3], row[4], tuple(json.loads(row[5])),
                               tuple(answers.get(row[0], ())))

    def question_versions(self, bank_id: str) -> tuple[QuestionVersion, ...]:
        rows = self.conn.execute(
            "SELECT question_id, fingerprint, type, points, content FROM questions"
            " WHERE bank_id = ? ORDER BY question_id, fingerprint", (bank_id,))
        return tuple(QuestionVersion(bank_id, r[0], r[1], r[2], r[3], json.loads(r[4]))
                     for r in rows)

    def cards(self, bank_id: str) -> tuple[Card, ...]:
        """The learners' spaced-review cards of the bank (none when no learner reviewed)."""
        if "cards" not in {row[0] for row in self.conn.execute(
                "SELECT name FROM sqlite_schema WHERE type = 'table'")}:
            return ()  # a class database made before kwis collected cards
        rows = self.conn.execute(
            "SELECT learner, bank_id, question_id, fingerprint, language, tags, state, step,"
            " stability, difficulty, due, last_review, created FROM cards WHERE bank_id = ?"
            " ORDER BY learner, question_id", (bank_id,))
        return tuple(Card(learner=r[0], bank_id=r[1], question_id=r[2], fingerprint=r[3],
                          language=r[4], tags=tuple(json.loads(r[5])),
                          schedule=CardState(r[6], r[7], r[8], r[9], r[10]), last_review=r[11],
                          created=r[12]) for r in rows)

    # -- meta -------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])


class NotAClassDatabase(sqlite3.DatabaseError):
    pass


def check_class_database(conn: sqlite3.Connection) -> None:
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if application_id != CLASS_APPLICATION_ID:
        raise NotAClassDatabase("not a kwis class database (make one with `kwis collect`)")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > CLASS_SCHEMA_VERSION:
        raise NotAClassDatabase(f"made by a newer kwis (class schema version {version}); "
                                "update kwis to read it")


def _prepare(conn: sqlite3.Connection) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    empty = conn.execute("SELECT count(*) FROM sqlite_schema").fetchone()[0] == 0
    if not empty:
        check_class_database(conn)
    if version == CLASS_SCHEMA_VERSION and application_id == CLASS_APPLICATION_ID:
        return
    with conn:
        for statement in _TABLES:
            conn.execute(statement)
        conn.execute(f"PRAGMA user_version = {CLASS_SCHEMA_VERSION}")
        conn.execute(f"PRAGMA application_id = {CLASS_APPLICATION_ID}")


def open_class(target: str | os.PathLike[str]) -> ClassReader:
    """The class at `target`: a class database file made by `kwis collect`. Raises
    FileNotFoundError, or `sqlite3.DatabaseError` with the reason when it is not one."""
    return ClassDatabase(target)
