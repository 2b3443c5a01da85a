"""A local SQLite outbox: what could not reach a shared store or an LRS yet, in order.

One file (default `platformdirs.user_data_dir("kwis")/outbox.sqlite3`, or `$KWIS_OUTBOX`) holds
entries per target (a database or an LRS). An entry carries its own idempotency key inside its
payload, so sending one twice (two kernels draining at once, a crash between sending and
marking) stores it once at the other end. A sent entry is marked, not deleted: the file is also
this computer's journal of what was written, which a store reads while its target is away.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
import weakref
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import platformdirs

OUTBOX_ENV = "KWIS_OUTBOX"
BUSY_TIMEOUT_SECONDS = 30.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    target TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    created REAL NOT NULL,
    sent INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS outbox_waiting ON outbox (target, sent, seq);
"""


@dataclass(frozen=True)
class Entry:
    seq: int
    kind: str
    payload: dict[str, Any]


def default_outbox_path() -> Path:
    """`$KWIS_OUTBOX` when set, else `outbox.sqlite3` in the user's data directory."""
    configured = os.environ.get(OUTBOX_ENV, "").strip()
    if configured:
        return Path(configured).expanduser()
    return Path(platformdirs.user_data_dir("kwis")) / "outbox.sqlite3"


class Outbox:
    """Entries waiting for one target, oldest first."""

    def __init__(self, target: str, path: str | os.PathLike[str] | None = None) -> None:
        self.target = target
        self.path = Path(path) if path is not None else default_outbox_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(str(self.path), timeout=BUSY_TIMEOUT_SECONDS,
                                     check_same_thread=False)
        weakref.finalize(self, self._conn.close)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")  # WAL stays consistent; no fsync per entry
        with self._conn:
            self._conn.executescript(_SCHEMA)

    def add(self, kind: str, payload: dict[str, Any], *, sent: bool = False) -> None:
        """Adds an entry waiting to be sent (or, `sent`, one for the journal only)."""
        with self._lock, self._conn:
            self._conn.execute(
                "INSERT INTO outbox (target, kind, payload, created, sent) VALUES (?, ?, ?, ?, ?)",
                (self.target, kind, json.dumps(payload), time.time(), int(sent)))

    def add_sent(self, entries: list[tuple[str, dict[str, Any]]]) -> None:
        """Adds entries already sent, for the journal only, in one transaction."""
        now = time.time()
        with self._lock, self._conn:
            self._conn.executemany(
                "INSERT INTO outbox (target, kind, payload, created, sent) VALUES (?, ?, ?, ?, 1)",
                [(self.target, kind, json.dumps(payload), now) for kind, payload in entries])

    def entries(self, limit: int | None = None, *, journal: bool = False) -> tuple[Entry, ...]:
        """Entries waiting, oldest first; `journal`: every entry, sent ones too."""
        sql = ("SELECT seq, kind, payload FROM outbox WHERE target = ?"
               + ("" if journal else " AND sent = 0") + " ORDER BY seq")
        values: tuple[Any, ...] = (self.target,)
        if limit is not None:
            sql += " LIMIT ?"
            values += (limit,)
        with self._lock:
            rows = self._conn.execute(sql, values).fetchall()
        return tuple(Entry(seq, kind, json.loads(payload)) for seq, kind, payload in rows)

    def __len__(self) -> int:
        with self._lock:
            row = self._conn.execute("SELECT count(*) FROM outbox WHERE target = ? AND sent = 0",
                                     (self.target,)).fetchone()
        return int(row[0])

    def drain(self, send: Callable[[Sequence[Entry]], None], batch: int = 200) -> int:
        """Sends entries in order, `batch` at a time, marking each batch once `send` returned.
        `send` raises when the target does not answer: the rest stays for the next drain."""
        sent = 0
        while True:
            entries = self.entries(batch)
            if not entries:
                return sent
            send(entries)
            with self._lock, self._conn:
                self._conn.executemany("UPDATE outbox SET sent = 1 WHERE seq = ?",
                                       [(e.seq,) for e in entries])
            sent += len(entries)

    def close(self) -> None:
        self._conn.close()
