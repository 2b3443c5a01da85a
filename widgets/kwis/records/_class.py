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
import time
import weakref
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Iterator, Protocol, Sequence
from urllib.parse import quote

from kwis.records._store import Card, CardState

CLASS_APPLICATION_ID = 0x6B77636C  # "kwcl": a class database, not a student's store
CLASS_SCHEMA_VERSION = 3  # 2: cards. 3: attempts.graded and the teacher's marks (kwis grade)


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
    graded: bool = True  # False: an exam answer to a student copy that the teacher has not marked yet


@dataclass(frozen=True)
class UngradedAnswer:
    """An exam answer to a student copy, waiting for the teacher's mark (`kwis grade`)."""

    key: str  # the answer's identity in its class database: what its mark is stored under
    learner: str
    question_id: str  # as the copy named it
    fingerprint: str  # of the copy's question the learner saw
    response: Any  # JSON-decoded, as the copy's question reads it
    points: float | None


@dataclass(frozen=True)
class Mark:
    """The teacher's mark of one ungraded answer, with the full bank's question and response."""

    key: str
    question_id: str  # in the full bank
    fingerprint: str  # of the full bank's question version
    response: Any  # the response as the full bank's question reads it (JSON data)
    score: float  # 0..1
    correct: bool


class ClassMarking(Protocol):
    """Where `kwis grade` reads the answers to mark and writes its marks: a class database opened
    for writing (`ClassDatabase(path, writable=True)`) or a PostgreSQL class with the teacher role."""

    def ungraded(self, bank_id: str) -> tuple[UngradedAnswer, ...]:
        """The bank's answers recorded without a score and not marked yet, oldest first."""
        ...

    def add_marks(self, marks: Sequence[Mark], versions: Sequence[QuestionVersion]) -> int:
        """Stores the marks (each at most once: a mark already there stays) and the full bank's
        question versions they refer to, in one transaction; returns how many marks are new."""
        ...

    def close(self) -> None: ...


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
    graded INTEGER NOT NULL DEFAULT 1,
    UNIQUE (sitting, question_id, time)
)""",
    # The teacher's mark of an answer recorded without a score (graded = 0), keyed as the answer.
    """CREATE TABLE IF NOT EXISTS marks (
    sitting INTEGER NOT NULL,
    question_id TEXT NOT NULL,
    time REAL NOT NULL,
    marked_question TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    response TEXT NOT NULL,
    score REAL NOT NULL,
    correct INTEGER NOT NULL,
    marked REAL NOT NULL,
    PRIMARY KEY (sitting, question_id, time)
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
        marked = "graded" in _columns(self.conn, "attempts")  # a file of a kwis before student copies: no
        extra = (", a.graded, m.marked_question, m.fingerprint, m.response, m.score, m.correct FROM attempts a"
                 " LEFT JOIN marks m ON m.sitting = a.sitting AND m.question_id = a.question_id AND m.time = a.time"
                 if marked else ", 1, NULL, NULL, NULL, NULL, NULL FROM attempts a")
        answers: dict[int, list[tuple[str, ClassAnswer]]] = {}
        for row in self.conn.execute(
                "SELECT a.sitting, a.question_id, a.fingerprint, a.response, a.score, a.points,"
                f" a.correct, a.time{extra} JOIN sittings s ON s.id = a.sitting"
                " WHERE s.bank_id = ? ORDER BY a.sitting, a.time", (bank_id,)):
            answers.setdefault(row[0], []).append((row[1], answer_with_mark(row[1:])))
        for row in self.conn.execute(
                "SELECT id, learner, mode, started, submitted, draw FROM sittings"
                " WHERE bank_id = ? ORDER BY learner, started", (bank_id,)):
            yield marked_sitting(ClassSitting(row[1], bank_id, row[2], row[3], row[4], tuple(json.loads(row[5])),
                                              ()), answers.get(row[0], []))

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

    # -- ClassMarking -----------------------------------------------------------------------

    def ungraded(self, bank_id: str) -> tuple[UngradedAnswer, ...]:
        rows = self.conn.execute(
            "SELECT a.sitting, a.question_id, a.time, s.learner, a.fingerprint, a.response, a.points"
            " FROM attempts a JOIN sittings s ON s.id = a.sitting LEFT JOIN marks m ON m.sitting = a.sitting"
            " AND m.question_id = a.question_id AND m.time = a.time"
            " WHERE s.bank_id = ? AND a.graded = 0 AND m.sitting IS NULL ORDER BY a.sitting, a.time",
            (bank_id,))
        return tuple(UngradedAnswer(json.dumps([r[0], r[1], r[2]]), r[3], r[1], r[4], json.loads(r[5]), r[6])
                     for r in rows)

    def add_marks(self, marks: Sequence[Mark], versions: Sequence[QuestionVersion]) -> int:
        now = time.time()
        with self.conn:
            self.conn.executemany(
                "INSERT OR IGNORE INTO questions (bank_id, question_id, fingerprint, type, points, content)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [(v.bank_id, v.question_id, v.fingerprint, v.type, v.points,
                  json.dumps(v.content, ensure_ascii=False)) for v in versions])
            before = self.conn.total_changes
            self.conn.executemany(
                "INSERT OR IGNORE INTO marks (sitting, question_id, time, marked_question, fingerprint,"
                " response, score, correct, marked) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(*json.loads(m.key), m.question_id, m.fingerprint, json.dumps(m.response), m.score,
                  int(m.correct), now) for m in marks])
            return self.conn.total_changes - before

    # -- meta -------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])


class NotAClassDatabase(sqlite3.DatabaseError):
    pass


def answer_with_mark(row: tuple[Any, ...]) -> ClassAnswer:
    """A class answer from (question_id, fingerprint, response, score, points, correct, time, graded,
    and the mark's question_id, fingerprint, response, score, correct or NULLs): a marked answer is
    the full bank's question, response and mark; an unmarked ungraded one stays ungraded."""
    question_id, fingerprint, response, score, points, correct, when, graded = row[:8]
    if row[8] is not None:
        return ClassAnswer(row[8], row[9], json.loads(row[10]), row[11], points, bool(row[12]), when)
    return ClassAnswer(question_id, fingerprint, json.loads(response), score, points, bool(correct), when,
                       graded=bool(graded))


def marked_sitting(sitting: ClassSitting, answers: list[tuple[str, ClassAnswer]]) -> ClassSitting:
    """`sitting` with its answers (each with the question id it was stored under), the draw naming
    the full bank's questions where they were marked: a student copy numbers its questions, and
    `q07` is `penvoerder` once `kwis grade` marked it."""
    renamed = {stored: answer.question_id for stored, answer in answers}
    return replace(sitting, draw=tuple(renamed.get(q, q) for q in sitting.draw),
                   answers=tuple(answer for _, answer in answers))


def check_class_database(conn: sqlite3.Connection) -> None:
    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if application_id != CLASS_APPLICATION_ID:
        raise NotAClassDatabase("not a kwis class database (make one with `kwis collect`)")
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > CLASS_SCHEMA_VERSION:
        raise NotAClassDatabase(f"made by a newer kwis (class schema version {version}); "
                                "update kwis to read it")


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


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
        if "graded" not in _columns(conn, "attempts"):  # a class database of version 1 or 2
            conn.execute("ALTER TABLE attempts ADD COLUMN graded INTEGER NOT NULL DEFAULT 1")
        conn.execute(f"PRAGMA user_version = {CLASS_SCHEMA_VERSION}")
        conn.execute(f"PRAGMA application_id = {CLASS_APPLICATION_ID}")


def open_class(target: str | os.PathLike[str]) -> ClassReader:
    """The class at `target`: a class database file made by `kwis collect`. Raises
    FileNotFoundError, or `sqlite3.DatabaseError` with the reason when it is not one."""
    return ClassDatabase(target)
