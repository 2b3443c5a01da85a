"""The shared PostgreSQL store (`KWIS_STORE=postgresql://...`): same behaviour as the SQLite one.

Needs psycopg 3 (`pip install 'kwis[postgres]'`). Every write is one statement in its own
transaction (autocommit), so an answer is in the database before Check or Submit returns. When
the database does not answer within `timeout` seconds, the write goes into the local outbox
(`_outbox`) and the store stops trying for `RETRY_SECONDS`; the next write after that first sends
the outbox in order, then itself. Every write is idempotent (sittings carry their id, attempts a
UUID key, drafts their time), so an entry sent twice is stored once.

A learner's connection (a role made by `kwis class add-learners`) writes and reads only that
learner's rows: the database checks it (row-level security, see `_pgschema`), and the store
uses the learner name the database knows for that role, whatever `user` a quiz passes.
"""

from __future__ import annotations

import json
import os
import secrets
import threading
import time
import uuid
from dataclasses import replace
import weakref
from pathlib import Path
from typing import Any, Sequence

import psycopg
from psycopg import conninfo as pg_conninfo

from kwis._i18n import Messages
from kwis._model import AnyQuestion
from kwis.records._identity import content_json, question_fingerprint
from kwis.records import _pgschema
from kwis.records._outbox import Entry, Outbox
from kwis.records._store import Attempt, Card, CardState, Review, Sitting, WriteStatus

TIMEOUT_SECONDS = 3.0
RETRY_SECONDS = 5.0
JOURNAL_BATCH = 25

_MESSAGES = Messages({
    "en": {
        "behind": "The class database has kwis schema version {found}, this kwis needs {needed}. "
                  "Ask your teacher to run `kwis class init` with this kwis version.",
    },
    "nl": {
        "behind": "De klasdatabase heeft kwis-schemaversie {found}, deze kwis heeft {needed} nodig. "
                  "Vraag je docent `kwis class init` te draaien met deze kwis-versie.",
    },
})


def target_name(dsn: str) -> str:
    """The outbox target for a database: where and as whom, never the password."""
    info = pg_conninfo.conninfo_to_dict(dsn)
    parts = [str(info.get(k, "")) for k in ("host", "port", "dbname", "user")]
    return "postgresql:" + "/".join(parts)


class PostgresStore:
    """Sittings, attempts and drafts in a PostgreSQL class database, with a local outbox."""

    def __init__(self, dsn: str, *, language: str = "en",
                 outbox: str | os.PathLike[str] | None = None,
                 timeout: float = TIMEOUT_SECONDS, retry: float = RETRY_SECONDS) -> None:
        self.dsn = dsn
        self.retry_seconds = retry
        self.language = language
        self.timeout = timeout
        self.in_memory = False  # never: what cannot be sent waits in the outbox file
        self.outbox = Outbox(target_name(dsn), outbox)
        self.path = self.outbox.path
        self._lock = threading.RLock()
        self._conn: psycopg.Connection[Any] | None = None
        self._retry_at = 0.0
        self._last_error = ""
        self.damaged: list[str] = []
        self._pending = len(self.outbox) > 0
        self._learner: str | None = None
        self._known_questions: set[tuple[str, str, str]] = set()
        self._sent: list[tuple[str, dict[str, Any]]] = []
        with self._lock:
            self._reach()

    # -- the connection -----------------------------------------------------------------------

    @property
    def queued(self) -> int:
        """How many writes wait in the outbox (on disk) for the database."""
        return len(self.outbox) if self._pending else 0

    # As the SQLite store has them: writes that wait in memory (never here: the outbox is a
    # file), why the last write failed, rows that could not be read.
    unsaved = 0

    @property
    def last_error(self) -> str:
        return self._last_error

    def _connect(self) -> psycopg.Connection[Any]:
        millis = int(self.timeout * 1000)
        conn = psycopg.connect(
            self.dsn, autocommit=True, connect_timeout=max(2, round(self.timeout)),
            options=f"-c statement_timeout={millis} -c lock_timeout={millis}",
            keepalives=1, keepalives_idle=5, keepalives_interval=2, keepalives_count=2,
            tcp_user_timeout=millis)
        weakref.finalize(self, conn.close)
        found = _pgschema.migrate(conn)
        if found < _pgschema.VERSION:
            conn.close()
            raise RuntimeError(_MESSAGES(self.language, "behind", found=found,
                                         needed=_pgschema.VERSION))
        row = conn.execute("SELECT kwis.current_learner()").fetchone()
        self._learner = row[0] if row else None
        return conn

    def _reach(self) -> psycopg.Connection[Any] | None:
        """A working connection with the outbox sent, or None (then: write to the outbox)."""
        if self._conn is not None and not self._conn.closed and not self._pending:
            return self._conn
        if time.monotonic() < self._retry_at:
            return None
        try:
            if self._conn is None or self._conn.closed:
                self._conn = self._connect()
            if self._pending:
                self.outbox.drain(self._send)
                self._pending = False
            self._last_error = ""
            return self._conn
        except psycopg.Error as error:
            self._offline(error)
            return None

    def _offline(self, error: BaseException) -> None:
        """No warning: a quiz says quietly that answers wait (`queued`, `last_error`)."""
        self._last_error = str(error).strip()
        self._retry_at = time.monotonic() + self.retry_seconds
        if self._conn is not None:
            self._conn.close()
        self._conn = None

    def flush(self) -> int:
        """Sends the outbox now if the database answers; returns how many writes still wait."""
        with self._lock:
            self._retry_at = 0.0
            self._reach()
            return self.queued

    def retry(self) -> bool:
        """As the SQLite store's Save again: True when nothing waits any more."""
        return self.flush() == 0

    def _send(self, entries: Sequence[Entry]) -> None:
        """Replays outbox entries in one transaction; one whose sitting was submitted meanwhile
        is dropped, as the SQLite store drops it."""
        assert self._conn is not None
        with self._conn.transaction():
            for entry in entries:
                try:
                    self._apply(self._conn, entry.kind, entry.payload)
                except _Closed:
                    pass

    def _apply(self, conn: psycopg.Connection[Any], kind: str, payload: dict[str, Any]) -> None:
        """One write; raises _Closed, keeping nothing, when a guarded statement changed no row
        (its sitting is submitted). One statement needs no transaction of its own (autocommit:
        one round trip); a submission's statements run in one (a savepoint inside a drain)."""
        if kind == "attempt":
            payload = _with_graded(payload)
        if kind != "submit":
            if conn.execute(_WRITES[kind], payload).rowcount == 0 and kind in _GUARDED:
                raise _Closed
            return
        with conn.transaction():
            for attempt in payload["attempts"]:
                conn.execute(_WRITES["attempt"], _with_graded(attempt))
            if conn.execute(_WRITES["submitted"], payload).rowcount == 0:
                raise _Closed

    def _journal(self, kind: str, payload: dict[str, Any]) -> None:
        """Keeps a sent write for the local journal; written to the file in batches (the
        database has it already: the journal only serves reads while the database is away)."""
        self._sent.append((kind, payload))
        if len(self._sent) >= JOURNAL_BATCH:
            self._write_journal()

    def _write_journal(self) -> None:
        if self._sent:
            self.outbox.add_sent(self._sent)
            self._sent = []

    def _write(self, kind: str, payload: dict[str, Any]) -> WriteStatus:
        """Writes to the database, or to the outbox when it does not answer: never lost."""
        with self._lock:
            conn = self._reach()
            if conn is not None:
                try:
                    self._apply(conn, kind, payload)
                    self._journal(kind, payload)
                    return "saved"
                except _Closed:
                    return "closed"
                except psycopg.OperationalError as error:
                    self._offline(error)
            self._write_journal()  # the journal keeps the order in which writes were made
            self.outbox.add(kind, payload)
            self._pending = True
            return "saved"  # on this computer's disk, sent later: nothing is lost

    def _read(self, sql: str, values: tuple[Any, ...]) -> tuple[list[tuple[Any, ...]],
                                                                 tuple[Entry, ...]]:
        """Rows from the database and the writes still waiting; while the database is away, no
        rows and this computer's journal of every write (sent or waiting) instead."""
        with self._lock:
            conn = self._reach()
            if conn is not None:
                try:
                    return conn.execute(sql, values).fetchall(), self._waiting()
                except psycopg.OperationalError as error:
                    self._offline(error)
            self._write_journal()
            return [], self.outbox.entries(journal=True)

    def _who(self, user: str) -> str:
        return self._learner or user

    # -- sittings -----------------------------------------------------------------------------

    def start_sitting(self, bank_id: str, user: str, mode: str, selection: str, seed: int,
                      draw: tuple[str, ...]) -> Sitting:
        with self._lock:
            self._reach()  # learn the learner name before the first write
            sitting = Sitting(secrets.randbits(52), bank_id, self._who(user), mode, selection,
                              seed, draw, time.time())
        self._write("sitting", {"id": sitting.id, "bank_id": bank_id, "learner": sitting.user,
                                "mode": mode, "selection": selection, "seed": seed,
                                "draw": json.dumps(list(draw)), "started": sitting.started})
        return sitting

    def sittings(self, bank_id: str, user: str, mode: str, selection: str) -> tuple[Sitting, ...]:
        """Every sitting of this learner at this quiz, oldest first, those waiting included."""
        learner = self._who(user)
        rows, written = self._read(
            "SELECT id, bank_id, learner, mode, selection, seed, draw, started, submitted"
            " FROM kwis.sittings WHERE bank_id = %s AND learner = %s AND mode = %s"
            " AND selection = %s ORDER BY started, id", (bank_id, learner, mode, selection))
        found = {row[0]: _sitting(row) for row in rows}
        for entry in written:
            data = entry.payload
            if entry.kind == "sitting" and (data["bank_id"], data["learner"], data["mode"],
                                            data["selection"]) == (bank_id, learner, mode, selection):
                found.setdefault(data["id"], Sitting(
                    data["id"], bank_id, learner, mode, selection, data["seed"],
                    tuple(json.loads(data["draw"])), data["started"]))
            elif entry.kind == "submit" and data["id"] in found:
                old = found[data["id"]]
                if old.submitted is None:
                    found[data["id"]] = Sitting(old.id, old.bank_id, old.user, old.mode,
                                                old.selection, old.seed, old.draw, old.started,
                                                data["time"])
        return tuple(sorted(found.values(), key=lambda s: (s.started, s.id)))

    def latest_sitting(self, bank_id: str, user: str, mode: str, selection: str) -> Sitting | None:
        found = self.sittings(bank_id, user, mode, selection)
        return found[-1] if found else None

    def mark_submitted(self, sitting: int) -> WriteStatus:
        """Closes the sitting; `"closed"` when it already was."""
        return self.submit(sitting, ())

    def submit(self, sitting: int,
               answers: Sequence[tuple[Attempt, AnyQuestion | None]]) -> WriteStatus:
        """An exam's answers and its submission in one transaction, only while the sitting is
        open: `"closed"` (nothing written) when this or another notebook submitted it first."""
        for attempt, question in answers:
            if question is not None:
                self._remember(attempt.bank_id, question)
        return self._write("submit", {"id": sitting, "time": time.time(),
                                      "attempts": [self._attempt_payload(a) for a, _ in answers]})

    def sitting_submitted(self, sitting: int) -> bool:
        """Whether the sitting is submitted, as the database (or the outbox) says now."""
        rows, written = self._read("SELECT submitted FROM kwis.sittings WHERE id = %s", (sitting,))
        waiting = any(e.kind == "submit" and e.payload["id"] == sitting for e in written)
        return waiting or (bool(rows) and rows[0][0] is not None)

    # -- attempts and drafts ------------------------------------------------------------------

    def record(self, attempt: Attempt, question: AnyQuestion | None = None) -> WriteStatus:
        """Stores one answer; with `question`, also the content of the version answered (once).
        `"closed"`: its sitting is submitted, it is refused."""
        if question is not None:
            self._remember(attempt.bank_id, question)
        return self._write("attempt", self._attempt_payload(attempt))

    def _attempt_payload(self, attempt: Attempt) -> dict[str, Any]:
        return {
            "key": str(uuid.uuid4()), "sitting": attempt.sitting, "bank_id": attempt.bank_id,
            "question_id": attempt.question_id, "learner": self._who(attempt.user),
            "mode": attempt.mode, "response": json.dumps(attempt.response),
            "score": attempt.score or 0.0, "correct": bool(attempt.correct), "time": attempt.time,
            "seed": attempt.seed, "fingerprint": attempt.fingerprint, "points": attempt.points,
            "graded": attempt.graded}

    def _remember(self, bank_id: str, question: AnyQuestion) -> None:
        key = (bank_id, question.id, question_fingerprint(question))
        if key not in self._known_questions:
            self._write("question", {"bank_id": bank_id, "question_id": question.id,
                                     "fingerprint": key[2], "type": question.type,
                                     "points": question.points, "content": content_json(question)})
            self._known_questions.add(key)

    def attempts(self, *, sitting: int | None = None, bank_id: str | None = None,
                 user: str | None = None) -> tuple[Attempt, ...]:
        """Attempts in the order they were made (those waiting in the outbox last)."""
        learner = self._who(user) if user is not None else None
        given = {name: value for name, value in
                 (("sitting", sitting), ("bank_id", bank_id), ("learner", learner))
                 if value is not None}
        where = (" WHERE " + " AND ".join(f"{name} = %s" for name in given)) if given else ""
        rows, written = self._read(
            "SELECT key, bank_id, question_id, learner, mode, response, score, correct, time,"
            f" seed, sitting, fingerprint, points, graded FROM kwis.attempts{where} ORDER BY id",
            tuple(given.values()))
        found = {str(row[0]): _attempt(row[1:]) for row in rows}
        for entry in written:
            waiting = ([entry.payload] if entry.kind == "attempt" else
                       entry.payload["attempts"] if entry.kind == "submit" else [])
            for data in waiting:
                if all(data[k] == v for k, v in given.items()):
                    found.setdefault(data["key"], _attempt(tuple(_with_graded(data)[k] for k in _ATTEMPT_FIELDS)))
        return tuple(found.values())

    def save_draft(self, sitting: int, question_id: str, response: Any) -> WriteStatus:
        """Keeps the latest answer not yet checked or submitted; `"closed"` once submitted."""
        with self._lock:
            learner = self._learner or ""
        return self._write("draft", {"sitting": sitting, "question_id": question_id, "learner": learner,
                              "response": json.dumps(response), "time": time.time()})

    def drafts(self, sitting: int) -> dict[str, Any]:
        rows, written = self._read("SELECT question_id, response FROM kwis.drafts"
                                   " WHERE sitting = %s ORDER BY time", (sitting,))
        found = {question_id: json.loads(response) for question_id, response in rows}
        for entry in written:
            if entry.kind == "draft" and entry.payload["sitting"] == sitting:
                found[entry.payload["question_id"]] = json.loads(entry.payload["response"])
        return found

    # -- spaced-review cards and reviews (kwis.learning), as the SQLite store has them ----------

    def live_card(self, learner: str, bank_id: str, question_id: str) -> Card | None:
        """The learner's current card of this question (not replaced), if any."""
        found = [c for c in self._cards(learner) if (c.bank_id, c.question_id) == (bank_id, question_id)
                 and c.replaced is None]
        return found[0] if found else None

    def save_card(self, card: Card) -> Card:
        """Inserts a new card (id 0) or updates a stored one's schedule and tags."""
        stored = card if card.id else replace(card, id=secrets.randbits(52),
                                              learner=self._who(card.learner))
        self._write("card", _card_payload(stored))
        return stored

    def replace_card(self, card_id: int, when: float) -> None:
        """Marks a card as replaced by a new version of its question; it is kept, not deleted."""
        self._write("card_replaced", {"id": card_id, "replaced": when})

    def cards(self, *, learner: str | None = None) -> tuple[Card, ...]:
        """Live (not replaced) cards, oldest first, of one learner or of everyone."""
        return tuple(c for c in self._cards(learner) if c.replaced is None)

    def _cards(self, learner: str | None) -> list[Card]:
        who = self._who(learner) if learner is not None else None
        rows, written = self._read(
            f"SELECT {_CARD_COLUMNS} FROM kwis.cards" + (" WHERE learner = %s" if who else "")
            + " ORDER BY created, id", (who,) if who else ())
        found = {row[0]: _card(row) for row in rows}
        for entry in written:
            data = entry.payload
            if entry.kind == "card" and (who is None or data["learner"] == who):
                found[data["id"]] = _card(tuple(data[k] for k in _CARD_FIELDS))
            elif entry.kind == "card_replaced" and data["id"] in found:
                found[data["id"]] = replace(found[data["id"]], replaced=data["replaced"])
        return sorted(found.values(), key=lambda c: (c.created, c.id))

    def add_review(self, review: Review) -> Review:
        stored = replace(review, id=secrets.randbits(52))
        self._write("review", _review_payload(stored, self._learner))
        return stored

    def revise_review(self, review: Review) -> None:
        """A stored review's rating and the card state after it, changed by a second try."""
        self._write("review_revised", _review_payload(review, self._learner))

    def reviews(self, *, card: int | None = None,
                learner: str | None = None) -> tuple[Review, ...]:
        """Reviews in the order they were made, of one card, of one learner's cards, or all."""
        where, values = "", ()  # type: tuple[str, tuple[Any, ...]]
        if learner is not None:
            where = " WHERE card IN (SELECT id FROM kwis.cards WHERE learner = %s)"
            values = (self._who(learner),)
        elif card is not None:
            where, values = " WHERE card = %s", (card,)
        rows, written = self._read(f"SELECT {_REVIEW_COLUMNS}, learner FROM kwis.reviews{where}"
                                   " ORDER BY time, id", values)
        found = {row[0]: _review(row) for row in rows}
        for entry in written:
            data = entry.payload
            if entry.kind in ("review", "review_revised") and (
                    (learner is None or data["learner"] == self._who(learner))
                    and (card is None or data["card"] == card)):
                found[data["id"]] = _review(tuple(data[k] for k in _REVIEW_FIELDS))
        return tuple(sorted(found.values(), key=lambda r: (r.time, r.id)))

    def _waiting(self) -> tuple[Entry, ...]:
        return self.outbox.entries() if self._pending else ()

    def close(self) -> None:
        with self._lock:
            self._write_journal()
            if self._conn is not None:
                self._conn.close()
            self.outbox.close()


_STATE_FIELDS = ("state", "step", "stability", "difficulty", "due")
_CARD_FIELDS = ("id", "learner", "bank_id", "question_id", "fingerprint", "language", "tags",
                *_STATE_FIELDS, "last_review", "created", "replaced")
_REVIEW_FIELDS = ("id", "card", "sitting", "origin", "mode", "rating", "score", "time",
                  *_STATE_FIELDS)
_CARD_COLUMNS = ", ".join(_CARD_FIELDS)
_REVIEW_COLUMNS = ", ".join(_REVIEW_FIELDS)


def _card_payload(card: Card) -> dict[str, Any]:
    state = card.schedule
    return {"id": card.id, "learner": card.learner, "bank_id": card.bank_id,
            "question_id": card.question_id, "fingerprint": card.fingerprint,
            "language": card.language, "tags": json.dumps(list(card.tags)), "state": state.state,
            "step": state.step, "stability": state.stability, "difficulty": state.difficulty,
            "due": state.due, "last_review": card.last_review, "created": card.created,
            "replaced": card.replaced}


def _review_payload(review: Review, learner: str | None) -> dict[str, Any]:
    state = review.after
    return {"id": review.id, "card": review.card, "learner": learner or "", "sitting": review.sitting,
            "origin": review.origin, "mode": review.mode, "rating": review.rating,
            "score": review.score, "time": review.time, "state": state.state, "step": state.step,
            "stability": state.stability, "difficulty": state.difficulty, "due": state.due}


def _card(row: tuple[Any, ...]) -> Card:
    return Card(id=row[0], learner=row[1], bank_id=row[2], question_id=row[3], fingerprint=row[4],
                language=row[5], tags=tuple(json.loads(row[6])), schedule=CardState(*row[7:12]),
                last_review=row[12], created=row[13], replaced=row[14])


def _review(row: tuple[Any, ...]) -> Review:
    return Review(id=row[0], card=row[1], sitting=row[2], origin=row[3], mode=row[4],
                  rating=row[5], score=row[6], time=row[7], after=CardState(*row[8:13]))


_ATTEMPT_FIELDS = ("bank_id", "question_id", "learner", "mode", "response", "score", "correct",
                   "time", "seed", "sitting", "fingerprint", "points", "graded")


def _with_graded(attempt: dict[str, Any]) -> dict[str, Any]:
    """An attempt's payload; one in an outbox written before kwis knew student copies was graded."""
    return attempt if "graded" in attempt else {**attempt, "graded": True}


class _Closed(Exception):
    """A guarded statement changed nothing: its sitting is submitted. The transaction rolls back."""


# An answer is only written while its sitting is not submitted: checked in the statement itself.
_OPEN_SITTING = (" WHERE NOT EXISTS (SELECT 1 FROM kwis.sittings WHERE id = %(sitting)s"
                 " AND submitted IS NOT NULL)")
_GUARDED = {"attempt", "draft", "submitted"}

# Each write, replayed from the outbox as well: idempotent by construction.
_WRITES: dict[str, Any] = {
    "sitting": "INSERT INTO kwis.sittings (id, bank_id, learner, mode, selection, seed, draw,"
               " started) VALUES (%(id)s, %(bank_id)s, %(learner)s, %(mode)s, %(selection)s,"
               " %(seed)s, %(draw)s, %(started)s) ON CONFLICT (id) DO NOTHING",
    "submitted": "UPDATE kwis.sittings SET submitted = %(time)s"
                 " WHERE id = %(id)s AND submitted IS NULL",
    "attempt": "INSERT INTO kwis.attempts (key, sitting, bank_id, question_id, learner, mode,"
               " response, score, correct, time, seed, fingerprint, points, graded) SELECT %(key)s,"
               " %(sitting)s, %(bank_id)s, %(question_id)s, %(learner)s, %(mode)s, %(response)s,"
               " %(score)s, %(correct)s, %(time)s, %(seed)s, %(fingerprint)s, %(points)s, %(graded)s"
               + _OPEN_SITTING + " ON CONFLICT (key) DO NOTHING",
    # A card or review carries its whole row: replayed, the latest write of it wins.
    "card": "INSERT INTO kwis.cards (" + ", ".join(_CARD_FIELDS) + ") VALUES ("
            + ", ".join(f"%({f})s" for f in _CARD_FIELDS) + ") ON CONFLICT (id) DO UPDATE SET"
            " tags = excluded.tags, state = excluded.state, step = excluded.step,"
            " stability = excluded.stability, difficulty = excluded.difficulty,"
            " due = excluded.due, last_review = excluded.last_review",
    "card_replaced": "UPDATE kwis.cards SET replaced = %(replaced)s WHERE id = %(id)s",
    "review": "INSERT INTO kwis.reviews (learner, " + ", ".join(_REVIEW_FIELDS) + ") VALUES ("
              "coalesce(kwis.current_learner(), (SELECT learner FROM kwis.cards"
              " WHERE id = %(card)s), %(learner)s), "
              + ", ".join(f"%({f})s" for f in _REVIEW_FIELDS) + ") ON CONFLICT (id) DO NOTHING",
    "review_revised": "UPDATE kwis.reviews SET rating = %(rating)s, state = %(state)s,"
                      " step = %(step)s, stability = %(stability)s, difficulty = %(difficulty)s,"
                      " due = %(due)s WHERE id = %(id)s",
    "question": "INSERT INTO kwis.questions (bank_id, question_id, fingerprint, type, points,"
                " content) VALUES (%(bank_id)s, %(question_id)s, %(fingerprint)s, %(type)s,"
                " %(points)s, %(content)s) ON CONFLICT DO NOTHING",
    "draft": "INSERT INTO kwis.drafts (sitting, question_id, learner, response, time)"
             " SELECT %(sitting)s, %(question_id)s, coalesce(kwis.current_learner(),"
             " %(learner)s), %(response)s, %(time)s" + _OPEN_SITTING +
             " ON CONFLICT (sitting, question_id) DO UPDATE"
             " SET response = excluded.response, time = excluded.time"
             " WHERE kwis.drafts.time <= excluded.time",
}


def _sitting(row: tuple[Any, ...]) -> Sitting:
    return Sitting(row[0], row[1], row[2], row[3], row[4], row[5], tuple(json.loads(row[6])),
                   row[7], row[8])


def _attempt(row: tuple[Any, ...]) -> Attempt:
    return Attempt(
        bank_id=row[0], question_id=row[1], user=row[2], mode=row[3], response=json.loads(row[4]),
        score=row[5] if row[12] else None, correct=bool(row[6]), time=row[7], seed=row[8], sitting=row[9],
        fingerprint=row[10], points=row[11], graded=bool(row[12]),
    )
