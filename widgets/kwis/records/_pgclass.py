"""A PostgreSQL class database read as a `ClassReader`: `kwis stats postgresql://teacher@.../class`.

Reads with whatever role the URL names; the teacher role (`kwis class init`) reads every
learner's rows, a learner's role only their own. Failures come out as `ConnectionError` (an
OSError), as a missing class file does.
"""

from __future__ import annotations

import json
import weakref
import time
from typing import Any, Iterator, Sequence

import psycopg

from kwis.records._class import (
    ClassAnswer, ClassSitting, Mark, QuestionVersion, UngradedAnswer, answer_with_mark, marked_sitting,
)


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

    def _marks_table(self) -> bool:
        """Whether the class has marks (schema version 4: a class made by a kwis before student
        copies has no ungraded answers)."""
        return bool(self._rows("SELECT to_regclass('kwis.marks') IS NOT NULL")[0][0])

    def sittings(self, bank_id: str) -> Iterator[ClassSitting]:
        extra = (", a.graded, m.question_id, m.fingerprint, m.response, m.score, m.correct FROM kwis.attempts a"
                 " LEFT JOIN kwis.marks m ON m.key = a.key" if self._marks_table()
                 else ", true, NULL, NULL, NULL, NULL, NULL FROM kwis.attempts a")
        answers: dict[int, list[tuple[str, ClassAnswer]]] = {}
        for row in self._rows(
                "SELECT a.sitting, a.question_id, a.fingerprint, a.response, a.score, a.points, a.correct,"
                f" a.time{extra} WHERE a.bank_id = %s ORDER BY a.sitting, a.time, a.id", (bank_id,)):
            answers.setdefault(row[0], []).append((row[1], answer_with_mark(row[1:])))
        for row in self._rows("SELECT id, learner, mode, started, submitted, draw FROM kwis.sittings"
                              " WHERE bank_id = %s ORDER BY learner, started", (bank_id,)):
            yield marked_sitting(ClassSitting(row[1], bank_id, row[2], row[3], row[4], tuple(json.loads(row[5])),
                                              ()), answers.get(row[0], []))

    def question_versions(self, bank_id: str) -> tuple[QuestionVersion, ...]:
        rows = self._rows("SELECT question_id, fingerprint, type, points, content FROM kwis.questions"
                          " WHERE bank_id = %s ORDER BY question_id, fingerprint", (bank_id,))
        return tuple(QuestionVersion(bank_id, r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows)

    # -- ClassMarking (with the teacher role) ----------------------------------------------------

    def ungraded(self, bank_id: str) -> tuple[UngradedAnswer, ...]:
        if not self._marks_table():
            return ()
        rows = self._rows(
            "SELECT a.key, a.learner, a.question_id, a.fingerprint, a.response, a.points FROM kwis.attempts a"
            " LEFT JOIN kwis.marks m ON m.key = a.key WHERE a.bank_id = %s AND NOT a.graded AND m.key IS NULL"
            " ORDER BY a.sitting, a.time, a.id", (bank_id,))
        return tuple(UngradedAnswer(str(r[0]), r[1], r[2], r[3], json.loads(r[4]), r[5]) for r in rows)

    def add_marks(self, marks: Sequence[Mark], versions: Sequence[QuestionVersion]) -> int:
        now, added = time.time(), 0
        try:
            with self.conn.transaction():
                for v in versions:
                    self.conn.execute(
                        "INSERT INTO kwis.questions (bank_id, question_id, fingerprint, type, points, content)"
                        " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                        (v.bank_id, v.question_id, v.fingerprint, v.type, v.points,
                         json.dumps(v.content, ensure_ascii=False)))
                for m in marks:
                    added += self.conn.execute(
                        "INSERT INTO kwis.marks (key, question_id, fingerprint, response, score, correct, marked)"
                        " VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (key) DO NOTHING",
                        (m.key, m.question_id, m.fingerprint, json.dumps(m.response), m.score, m.correct,
                         now)).rowcount
        except psycopg.Error as error:
            raise ConnectionError(str(error).strip()) from error
        return added
