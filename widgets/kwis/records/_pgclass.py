"""A PostgreSQL class database read as a `ClassReader`: `kwis stats postgresql://teacher@.../class`.

Reads with whatever role the URL names; the teacher role (`kwis class init`) reads every
learner's rows, a learner's role only their own. Failures come out as `ConnectionError` (an
OSError), as a missing class file does.
"""

from __future__ import annotations

import json
import weakref
from typing import Any, Iterator

import psycopg

from kwis.records._class import ClassAnswer, ClassSitting, QuestionVersion


class PostgresClass:
    def __init__(self, url: str) -> None:
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as error:
            raise ConnectionError(str(error).strip()) from error
        weakref.finalize(self, self.conn.close)

    def close(self) -> None:
        self.conn.close()

    def _rows(self, sql: str, values: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return self.conn.execute(sql, values).fetchall()
        except psycopg.Error as error:
            raise ConnectionError(str(error).strip()) from error

    def banks(self) -> tuple[str, ...]:
        return tuple(r[0] for r in self._rows("SELECT DISTINCT bank_id FROM kwis.sittings ORDER BY 1"))

    def sittings(self, bank_id: str) -> Iterator[ClassSitting]:
        answers: dict[int, list[ClassAnswer]] = {}
        for row in self._rows(
                "SELECT sitting, question_id, fingerprint, response, score, points, correct, time"
                " FROM kwis.attempts WHERE bank_id = %s ORDER BY sitting, time, id", (bank_id,)):
            answers.setdefault(row[0], []).append(ClassAnswer(
                row[1], row[2], json.loads(row[3]), row[4], row[5], bool(row[6]), row[7]))
        for row in self._rows("SELECT id, learner, mode, started, submitted, draw FROM kwis.sittings"
                              " WHERE bank_id = %s ORDER BY learner, started", (bank_id,)):
            yield ClassSitting(row[1], bank_id, row[2], row[3], row[4], tuple(json.loads(row[5])),
                               tuple(answers.get(row[0], ())))

    def question_versions(self, bank_id: str) -> tuple[QuestionVersion, ...]:
        rows = self._rows("SELECT question_id, fingerprint, type, points, content FROM kwis.questions"
                          " WHERE bank_id = %s ORDER BY question_id, fingerprint", (bank_id,))
        return tuple(QuestionVersion(bank_id, r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows)
