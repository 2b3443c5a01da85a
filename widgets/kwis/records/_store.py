"""The local SQLite store of students' answers. No ipywidgets.

One file (default `platformdirs.user_data_dir("kwis")/answers.sqlite3`, or `$KWIS_STORE`) holds
sittings (who took which draw of which bank), attempts (every checked or submitted answer, with the
learner id and the fingerprint of the question version answered), questions (the content of each
version answered, for the teacher's statistics) and drafts (answers not yet checked or submitted).
WAL and a busy timeout let two notebooks write at once. The file says what it is in SQLite's
`application_id` and its schema version in `user_version`; an older file is migrated in place
(columns and tables added, nothing removed), a file from a newer kwis is left alone.
A write that fails (disk full, file locked too long, folder gone read-only) is not dropped: it
waits in memory, in order, and is written before the next write, or by `retry()`; `unsaved` says
how many wait, and a quiz shows that. Only a new sitting (which needs its id from the file) makes
the store carry on in memory when the file fails. The file is never deleted or replaced.
A submitted sitting is closed for every writer: each answer's INSERT checks, in its own
statement, that its sitting is not submitted, and `submit` writes the answers and the mark in one
transaction (`"closed"` comes back when another notebook submitted first).
"""

from __future__ import annotations

import json
from functools import lru_cache
from contextlib import closing
import os
import sqlite3
import threading
import time
import warnings
import weakref
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, Sequence

import platformdirs

from kwis._i18n import Messages
from kwis._model import AnyQuestion
from kwis.records._identity import content_json, question_fingerprint

STORE_ENV = "KWIS_STORE"
BUSY_TIMEOUT_SECONDS = 30.0
# 1: sittings, attempts, drafts (no version written). 2: attempts.fingerprint and .points, questions.
# 3: cards and reviews (spaced review, kwis.learning). 4: attempts.graded (0: an exam answer to a
# student copy, recorded without a score for the teacher to mark).
SCHEMA_VERSION = 4
APPLICATION_ID = 0x6B776973  # "kwis" in ASCII, in the SQLite header of every store file

# What became of a write: in the file (or the memory store), waiting to be retried, or refused
# because its sitting was submitted (by this or another notebook).
WriteStatus = Literal["saved", "unsaved", "closed"]

_MESSAGES = Messages({
    "en": {
        "unusable": "kwis cannot use the answer store {path} ({error}). Answers are kept in memory "
                    "only and are lost when the kernel stops. To fix: make the file and its folder "
                    "writable, or move the file away if it is damaged, or choose another file with "
                    "Quiz(store=...) or the {env} environment variable.",
        "write_failed": "kwis cannot write to the answer store {path} ({error}). What is not saved "
                        "stays in memory and is tried again with every next answer.",
        "damaged_row": "kwis skipped {count} damaged row(s) in the answer store {path} ({where}); "
                       "the rest is open.",
    },
    "nl": {
        "unusable": "kwis kan de antwoordenopslag {path} niet gebruiken ({error}). Antwoorden worden "
                    "alleen in het geheugen bewaard en gaan verloren als de kernel stopt. Oplossing: "
                    "maak het bestand en de map schrijfbaar, of zet het bestand opzij als het "
                    "beschadigd is, of kies een ander bestand met Quiz(store=...) of de "
                    "omgevingsvariabele {env}.",
        "write_failed": "kwis kan niet schrijven naar de antwoordenopslag {path} ({error}). Wat niet is "
                        "opgeslagen blijft in het geheugen en wordt opnieuw geprobeerd bij elk volgend "
                        "antwoord.",
        "damaged_row": "kwis heeft {count} beschadigde rij(en) in de antwoordenopslag {path} "
                       "overgeslagen ({where}); de rest is geopend.",
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
    points REAL,
    graded INTEGER NOT NULL DEFAULT 1
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
    # Spaced review: one card per learner and question version (answer fingerprint), its fsrs
    # state, and one review row per graded answer with the card's state after it. Times are UTC
    # seconds since the epoch. A card whose question changed its answer gets `replaced`.
    """CREATE TABLE IF NOT EXISTS cards (
    id INTEGER PRIMARY KEY,
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
    replaced REAL
)""",
    "CREATE UNIQUE INDEX IF NOT EXISTS cards_identity"
    " ON cards (learner, bank_id, question_id, fingerprint)",
    """CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY,
    card INTEGER NOT NULL REFERENCES cards (id),
    sitting INTEGER NOT NULL,
    origin TEXT NOT NULL,
    mode TEXT NOT NULL,
    rating INTEGER NOT NULL,
    score REAL NOT NULL,
    time REAL NOT NULL,
    state INTEGER NOT NULL,
    step INTEGER,
    stability REAL,
    difficulty REAL,
    due REAL NOT NULL
)""",
    "CREATE INDEX IF NOT EXISTS reviews_card ON reviews (card)",
    "CREATE INDEX IF NOT EXISTS reviews_time ON reviews (time)",
)
# Columns later versions added to tables of earlier ones: (table, column, declaration).
_ADDED_COLUMNS = (
    ("attempts", "fingerprint", "TEXT NOT NULL DEFAULT ''"),
    ("attempts", "points", "REAL"),
    ("attempts", "graded", "INTEGER NOT NULL DEFAULT 1"),
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
    score: float | None  # 0..1; None: not graded (an exam answer to a student copy, see `graded`)
    correct: bool
    time: float  # seconds since the epoch
    seed: int
    sitting: int = 0
    fingerprint: str = ""  # of the question version answered; empty in answers kwis stored before
    points: float | None = None  # the question's maximum mark; None in answers stored before
    # False: an exam answer to a student copy, recorded without a score (`score` None, `correct`
    # False); the teacher marks it with the full bank (`kwis grade`), in the class database.
    graded: bool = True


@dataclass(frozen=True)
class CardState:
    """A card's scheduler state (fsrs): after a review, or now."""

    state: int  # fsrs State: 1 learning, 2 review, 3 relearning
    step: int | None
    stability: float | None
    difficulty: float | None
    due: float  # UTC seconds since the epoch


@dataclass(frozen=True)
class Card:
    """One learner's spaced-review card of one version of a question (see kwis.learning)."""

    learner: str
    bank_id: str
    question_id: str
    fingerprint: str  # the answer fingerprint: a question whose answer changed is a new card
    language: str
    tags: tuple[str, ...]
    schedule: CardState
    last_review: float | None
    created: float
    id: int = 0  # 0 until stored
    replaced: float | None = None


@dataclass(frozen=True)
class Review:
    """One graded answer as a review of a card: the rating given and the card's state after it."""

    card: int
    sitting: int
    origin: str  # "quiz" or "review" (a kwis.review sitting, which the daily limit counts)
    mode: str
    rating: int  # fsrs Rating: 1 again, 2 hard, 3 good (4 easy is never given)
    score: float
    time: float  # UTC seconds since the epoch
    after: CardState
    id: int = 0  # 0 until stored


def default_store_path() -> Path:
    """`$KWIS_STORE` when set, else `answers.sqlite3` in the user's data directory."""
    configured = os.environ.get(STORE_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir("kwis")) / "answers.sqlite3"


class _Closed(Exception):
    """A guarded statement changed nothing: its sitting is submitted. The transaction rolls back."""


@dataclass(frozen=True)
class _Write:
    """Statements written in one transaction; a guarded one must change a row, or none is kept.

    `attempts` and `draft` are what the write holds, so reads can show it while it waits.
    """

    statements: tuple[tuple[str, tuple[Any, ...], bool], ...]  # (sql, values, guarded)
    attempts: tuple[Attempt, ...] = ()
    draft: tuple[int, str, Any] | None = None


# An answer is only inserted while its sitting is not submitted: checked in the INSERT itself.
_OPEN_SITTING = " WHERE NOT EXISTS (SELECT 1 FROM sittings WHERE id = ? AND submitted IS NOT NULL)"
_INSERT_ATTEMPT = (
    "INSERT INTO attempts (sitting, bank_id, question_id, user, mode, response, score, correct, time,"
    " seed, fingerprint, points, graded) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?" + _OPEN_SITTING
)
_UPSERT_DRAFT = (
    "INSERT INTO drafts (sitting, question_id, response, time) SELECT ?, ?, ?, ?" + _OPEN_SITTING +
    " ON CONFLICT (sitting, question_id) DO UPDATE SET response = excluded.response, time = excluded.time"
)


class AnswerStore:
    """Sittings, attempts and drafts in one SQLite file (or in memory after a failure).

    `unsaved` counts writes waiting for the file, `last_error` says why, `damaged` lists rows
    that could not be read (skipped); `retry()` tries the waiting writes again.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, language: str = "en") -> None:
        self.path = Path(path) if path is not None else default_store_path()
        self.language = language
        self.in_memory = False
        self.last_error = ""
        self.damaged: list[str] = []
        self._pending: list[_Write] = []
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
            refuse_foreign(self.path)
            conn = self._connect(str(self.path))
            conn.execute("PRAGMA journal_mode=WAL")
            prepare_schema(conn)
            return conn
        except (sqlite3.Error, OSError) as error:
            self._warn("unusable", error)
            return self._memory_copy(None)

    def _warn(self, key: str, error: BaseException) -> None:
        self.last_error = str(error)
        message = _MESSAGES(self.language, key, path=self.path, error=error, env=STORE_ENV)
        warnings.warn(message, RuntimeWarning, stacklevel=5)

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

    @property
    def unsaved(self) -> int:
        """How many writes wait in memory because the file refused them."""
        return len(self._pending)

    def retry(self) -> bool:
        """Writes what waits; True when nothing waits any more."""
        with self._lock:
            return self._flush()

    def _flush(self) -> bool:
        while self._pending:
            try:
                self._apply(self._pending[0])
            except _Closed:
                pass  # its sitting was submitted meanwhile: the answer no longer belongs anywhere
            except sqlite3.Error as error:
                self.last_error = str(error)
                return False
            self._pending.pop(0)
        self.last_error = ""
        return True

    def _apply(self, write: _Write) -> int:
        """Runs the write in one transaction; raises _Closed (nothing kept) when a guard fails."""
        row = 0
        with self._conn:
            for sql, values, guarded in write.statements:
                cursor = self._conn.execute(sql, values)
                if guarded and cursor.rowcount == 0:
                    raise _Closed
                row = int(cursor.lastrowid or 0)
        return row

    def _write(self, write: _Write, *, can_wait: bool = True) -> tuple[WriteStatus, int]:
        """Writes (after whatever waits); on failure the write waits, or (`can_wait` False: it
        needs a row id now) the store warns and carries on in memory."""
        with self._lock:
            try:
                if not self._flush():
                    raise sqlite3.OperationalError(self.last_error)
                return "saved", self._apply(write)
            except _Closed:
                return "closed", 0
            except sqlite3.Error as error:
                if self.in_memory:
                    raise
                if can_wait:
                    if not self._pending:  # warn once per failure, not once per answer
                        self._warn("write_failed", error)
                    self._pending.append(write)
                    return "unsaved", 0
                return self._write_in_memory(write, error)

    def _write_in_memory(self, write: _Write, error: sqlite3.Error) -> tuple[WriteStatus, int]:
        self._warn("unusable", error)
        self._conn = self._memory_copy(self._conn)
        waiting, self._pending = self._pending, []
        for earlier in waiting:
            try:
                self._apply(earlier)
            except _Closed:
                pass
        return "saved", self._apply(write)

    def _read(self, sql: str, values: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._read_unlocked(sql, values)

    def _read_unlocked(self, sql: str, values: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        try:
            return self._conn.execute(sql, values).fetchall()
        except sqlite3.Error as error:
            if self.in_memory:
                raise
            self._warn("unusable", error)
            self._conn = self._memory_copy(None)
            return []

    def _decoded(self, rows: list[tuple[Any, ...]], decode: Any, table: str) -> list[Any]:
        """Rows decoded one by one; a damaged one (not JSON, a wrong type) is skipped and reported."""
        result, skipped = [], []
        for row in rows:
            try:
                result.append(decode(row))
            except (ValueError, TypeError):
                skipped.append(f"{table} {row[0]!r}"[:80])
        if skipped and not set(skipped) <= set(self.damaged):
            self.damaged += [s for s in skipped if s not in self.damaged]
            message = _MESSAGES(self.language, "damaged_row", path=self.path, count=len(skipped),
                                where=", ".join(skipped[:3]))
            warnings.warn(message, RuntimeWarning, stacklevel=4)
        return result

    # -- sittings -----------------------------------------------------------------------------

    def start_sitting(self, bank_id: str, user: str, mode: str, selection: str, seed: int,
                      draw: tuple[str, ...]) -> Sitting:
        started = time.time()
        _, sitting_id = self._write(_Write(((
            "INSERT INTO sittings (bank_id, user, mode, selection, seed, draw, started)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (bank_id, user, mode, selection, seed, json.dumps(list(draw)), started), False),)),
            can_wait=False)
        return Sitting(sitting_id, bank_id, user, mode, selection, seed, draw, started)

    def sittings(self, bank_id: str, user: str, mode: str, selection: str) -> tuple[Sitting, ...]:
        """Every sitting of this student at this quiz, oldest first: one per attempt."""
        rows = self._read(
            "SELECT id, bank_id, user, mode, selection, seed, draw, started, submitted FROM sittings"
            " WHERE bank_id = ? AND user = ? AND mode = ? AND selection = ? ORDER BY id",
            (bank_id, user, mode, selection),
        )
        return tuple(self._decoded(rows, _sitting, "sittings"))

    def latest_sitting(self, bank_id: str, user: str, mode: str, selection: str) -> Sitting | None:
        found = self.sittings(bank_id, user, mode, selection)
        return found[-1] if found else None

    def mark_submitted(self, sitting: int) -> WriteStatus:
        """Closes the sitting; `"closed"` when it already was."""
        return self.submit(sitting, ())

    def submit(self, sitting: int, answers: Sequence[tuple[Attempt, AnyQuestion | None]]) -> WriteStatus:
        """An exam's answers and its submission in one transaction, only while the sitting is open:
        `"closed"` (nothing written) when this or another notebook submitted it first."""
        attempts = tuple(attempt for attempt, _ in answers)
        statements = self._versions(answers) + tuple(_attempt_statement(a) for a in attempts) + (
            ("UPDATE sittings SET submitted = ? WHERE id = ? AND submitted IS NULL", (time.time(), sitting),
             True),)
        return self._remembered(answers, self._write(_Write(statements, attempts=attempts))[0])

    def sitting_submitted(self, sitting: int) -> bool:
        """Whether the sitting is submitted, as the file says now (another notebook may have)."""
        rows = self._read("SELECT submitted FROM sittings WHERE id = ?", (sitting,))
        return bool(rows) and rows[0][0] is not None

    # -- attempts and drafts ------------------------------------------------------------------

    def record(self, attempt: Attempt, question: AnyQuestion | None = None) -> WriteStatus:
        """Stores one answer; with `question`, also the content of the version answered (once).
        `"unsaved"`: it waits for the file; `"closed"`: its sitting is submitted, it is refused."""
        answers = ((attempt, question),)
        statements = self._versions(answers) + (_attempt_statement(attempt),)
        return self._remembered(answers, self._write(_Write(statements, attempts=(attempt,)))[0])

    def _versions(self, answers: Sequence[tuple[Attempt, AnyQuestion | None]]
                  ) -> tuple[tuple[str, tuple[Any, ...], bool], ...]:
        """The question versions among `answers` this store has not written yet, to be written in
        the same transaction as the answers."""
        new = {_version_key(a.bank_id, q): q for a, q in answers
               if q is not None and _version_key(a.bank_id, q) not in self._known_questions}
        return tuple((
            "INSERT OR IGNORE INTO questions (bank_id, question_id, fingerprint, type, points,"
            " content) VALUES (?, ?, ?, ?, ?, ?)",
            (*key, question.type, question.points, content_json(question)), False)
            for key, question in new.items())

    def _remembered(self, answers: Sequence[tuple[Attempt, AnyQuestion | None]],
                    status: WriteStatus) -> WriteStatus:
        if status != "closed":
            self._known_questions.update(_version_key(a.bank_id, q) for a, q in answers if q is not None)
        return status

    def attempts(self, *, sitting: int | None = None, bank_id: str | None = None,
                 user: str | None = None) -> tuple[Attempt, ...]:
        """Attempts in the order they were made, filtered by whichever arguments are given;
        those still waiting for the file come last."""
        where, values = _filters(sitting=sitting, bank_id=bank_id, user=user)
        rows = self._read(
            "SELECT id, bank_id, question_id, user, mode, response, score, correct, time, seed, sitting,"
            f" fingerprint, points, graded FROM attempts{where} ORDER BY id", values,
        )
        wanted = {"sitting": sitting, "bank_id": bank_id, "user": user}
        waiting = [a for w in self._pending for a in w.attempts
                   if all(v is None or getattr(a, k) == v for k, v in wanted.items())]
        return tuple(self._decoded(rows, _attempt, "attempts")) + tuple(waiting)

    def save_draft(self, sitting: int, question_id: str, response: Any) -> WriteStatus:
        """Keeps the latest answer not yet checked or submitted; `"closed"` once submitted."""
        values = (sitting, question_id, json.dumps(response), time.time(), sitting)
        return self._write(_Write(((_UPSERT_DRAFT, values, True),),
                                  draft=(sitting, question_id, response)))[0]

    def drafts(self, sitting: int) -> dict[str, Any]:
        rows = self._read("SELECT question_id, response FROM drafts WHERE sitting = ?", (sitting,))
        found = dict(self._decoded(rows, lambda row: (row[0], json.loads(row[1])), "drafts"))
        for write in self._pending:
            if write.draft is not None and write.draft[0] == sitting:
                found[write.draft[1]] = write.draft[2]
        return found

    # -- spaced-review cards and reviews (kwis.learning) -------------------------------------

    def _write_now(self, sql: str, values: tuple[Any, ...]) -> int:
        """One statement written at once (a card's id is needed now, and its schedule must be
        read back as written); the row id. On failure the store carries on in memory."""
        return self._write(_Write(((sql, values, False),)), can_wait=False)[1]

    def live_card(self, learner: str, bank_id: str, question_id: str) -> Card | None:
        """The learner's current card of this question (not replaced), if any."""
        rows = self._read(f"SELECT {_CARD_COLUMNS} FROM cards WHERE learner = ? AND bank_id = ?"
                          " AND question_id = ? AND replaced IS NULL", (learner, bank_id, question_id))
        return _card(rows[0]) if rows else None

    def save_card(self, card: Card) -> Card:
        """Inserts a new card (id 0) or updates a stored one's schedule and tags."""
        if card.id:
            self._write_now("UPDATE cards SET tags = ?, state = ?, step = ?, stability = ?,"
                        " difficulty = ?, due = ?, last_review = ? WHERE id = ?",
                        (json.dumps(list(card.tags)), *_state_values(card.schedule),
                         card.last_review, card.id))
            return card
        card_id = self._write_now(
            f"INSERT INTO cards ({_CARD_COLUMNS.replace('id, ', '', 1)}) VALUES"
            " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (card.learner, card.bank_id, card.question_id, card.fingerprint, card.language,
             json.dumps(list(card.tags)), *_state_values(card.schedule), card.last_review,
             card.created, card.replaced))
        return replace(card, id=card_id)

    def replace_card(self, card_id: int, when: float) -> None:
        """Marks a card as replaced by a new version of its question; it is kept, not deleted."""
        self._write_now("UPDATE cards SET replaced = ? WHERE id = ?", (when, card_id))

    def cards(self, *, learner: str | None = None) -> tuple[Card, ...]:
        """Live (not replaced) cards, oldest first, of one learner or of everyone."""
        where, values = _filters(learner=learner)
        where = f"{where} AND replaced IS NULL" if where else " WHERE replaced IS NULL"
        rows = self._read(f"SELECT {_CARD_COLUMNS} FROM cards{where} ORDER BY id", values)
        return tuple(_card(row) for row in rows)

    def add_review(self, review: Review) -> Review:
        review_id = self._write_now(
            f"INSERT INTO reviews ({_REVIEW_COLUMNS.replace('id, ', '', 1)}) VALUES"
            " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (review.card, review.sitting, review.origin, review.mode, review.rating, review.score,
             review.time, *_state_values(review.after)))
        return replace(review, id=review_id)

    def revise_review(self, review: Review) -> None:
        """A stored review's rating and the card state after it, changed by a second try (the
        score stays that of the first try)."""
        self._write_now("UPDATE reviews SET rating = ?, state = ?, step = ?, stability = ?,"
                    " difficulty = ?, due = ? WHERE id = ?",
                    (review.rating, *_state_values(review.after), review.id))

    def reviews(self, *, card: int | None = None, learner: str | None = None,
                since: float = float("-inf")) -> tuple[Review, ...]:
        """Reviews in the order they were made, of one card, of one learner's cards (replaced
        ones too, made at `since` or later), or all."""
        if learner is not None:
            rows = self._read(
                f"SELECT {_REVIEW_COLUMNS} FROM reviews WHERE time >= ? AND card IN"
                " (SELECT id FROM cards WHERE learner = ?) ORDER BY id", (since, learner))
        else:
            where, values = _filters(card=card)
            rows = self._read(f"SELECT {_REVIEW_COLUMNS} FROM reviews{where} ORDER BY id", values)
        return tuple(_review(row) for row in rows)

    def close(self) -> None:
        self._conn.close()


def _version_key(bank_id: str, question: AnyQuestion) -> tuple[str, str, str]:
    return bank_id, question.id, question_fingerprint(question)


def _attempt_statement(attempt: Attempt) -> tuple[str, tuple[Any, ...], bool]:
    values = (attempt.sitting, attempt.bank_id, attempt.question_id, attempt.user, attempt.mode,
              json.dumps(attempt.response), attempt.score or 0.0, int(attempt.correct), attempt.time,
              attempt.seed, attempt.fingerprint, attempt.points, int(attempt.graded), attempt.sitting)
    return _INSERT_ATTEMPT, values, True


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


class ForeignStoreError(sqlite3.DatabaseError):
    """The file is another program's SQLite database: kwis does not touch it."""


def refuse_foreign(path: Path) -> None:
    """Raises before anything is written (WAL mode, tables) when `path` holds an SQLite database
    that is not a kwis store, or one from a newer kwis. A missing or empty file is fine."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        application = int(conn.execute("PRAGMA application_id").fetchone()[0])
        version = schema_version(conn)
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if application not in (0, APPLICATION_ID) or (application == 0 and tables and "sittings" not in tables):
        raise ForeignStoreError(f"{path.name} is another program's SQLite database, not a kwis answer store")
    if version > SCHEMA_VERSION:
        raise NewerStoreError(f"schema version {version}: written by a newer kwis, which this "
                              f"kwis (schema version {SCHEMA_VERSION}) cannot read")


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


_STATE_COLUMNS = "state, step, stability, difficulty, due"
_CARD_COLUMNS = ("id, learner, bank_id, question_id, fingerprint, language, tags, "
                 f"{_STATE_COLUMNS}, last_review, created, replaced")
_REVIEW_COLUMNS = f"id, card, sitting, origin, mode, rating, score, time, {_STATE_COLUMNS}"


def _state_values(state: CardState) -> tuple[Any, ...]:
    return (state.state, state.step, state.stability, state.difficulty, state.due)


@lru_cache(maxsize=1024)
def _tags(text: str) -> tuple[str, ...]:
    """Tags as stored (JSON); few distinct lists, many cards."""
    return tuple(json.loads(text))


def _card(row: tuple[Any, ...]) -> Card:
    return Card(learner=row[1], bank_id=row[2], question_id=row[3], fingerprint=row[4],
                language=row[5], tags=_tags(row[6]), schedule=CardState(*row[7:12]),
                last_review=row[12], created=row[13], id=row[0], replaced=row[14])


def _review(row: tuple[Any, ...]) -> Review:
    return Review(card=row[1], sitting=row[2], origin=row[3], mode=row[4], rating=row[5],
                  score=row[6], time=row[7], after=CardState(*row[8:13]), id=row[0])


def _sitting(row: tuple[Any, ...]) -> Sitting:
    draw = json.loads(row[6])
    if not isinstance(draw, list) or not all(isinstance(i, str) for i in draw):
        raise ValueError("draw is not a list of question ids")
    return Sitting(row[0], row[1], row[2], row[3], row[4], row[5], tuple(draw), row[7], row[8])


def _attempt(row: tuple[Any, ...]) -> Attempt:
    """From a row that starts with the attempt's id (to name it when it is damaged)."""
    return Attempt(
        bank_id=row[1], question_id=row[2], user=row[3], mode=row[4], response=json.loads(row[5]),
        score=row[6] if row[13] else None, correct=bool(row[7]), time=row[8], seed=row[9], sitting=row[10],
        fingerprint=row[11], points=row[12], graded=bool(row[13]),
    )
