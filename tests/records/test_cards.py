"""Spaced-review cards and reviews in the answer store: round trip and the schema migration."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from kwis.records._store import SCHEMA_VERSION, AnswerStore, Card, CardState, Review

# A store as kwis wrote it at schema version 2: answers with fingerprints, no cards yet.
_VERSION_2_SCHEMA = """
CREATE TABLE sittings (id INTEGER PRIMARY KEY, bank_id TEXT NOT NULL, user TEXT NOT NULL,
    mode TEXT NOT NULL, selection TEXT NOT NULL, seed INTEGER NOT NULL, draw TEXT NOT NULL,
    started REAL NOT NULL, submitted REAL);
CREATE TABLE attempts (id INTEGER PRIMARY KEY, sitting INTEGER NOT NULL REFERENCES sittings (id),
    bank_id TEXT NOT NULL, question_id TEXT NOT NULL, user TEXT NOT NULL, mode TEXT NOT NULL,
    response TEXT NOT NULL, score REAL NOT NULL, correct INTEGER NOT NULL, time REAL NOT NULL,
    seed INTEGER NOT NULL, fingerprint TEXT NOT NULL DEFAULT '', points REAL);
CREATE TABLE drafts (sitting INTEGER NOT NULL REFERENCES sittings (id), question_id TEXT NOT NULL,
    response TEXT NOT NULL, time REAL NOT NULL, PRIMARY KEY (sitting, question_id));
CREATE TABLE questions (bank_id TEXT NOT NULL, question_id TEXT NOT NULL, fingerprint TEXT NOT NULL,
    type TEXT NOT NULL, points REAL NOT NULL, content TEXT NOT NULL,
    PRIMARY KEY (bank_id, question_id, fingerprint));
INSERT INTO sittings VALUES (1, 'minusma', 'anna', 'practice', '{}', 42, '["diop-eis"]', 1.0, NULL);
INSERT INTO attempts VALUES (1, 1, 'minusma', 'diop-eis', 'anna', 'practice', '0', 1.0, 1,
    1700000000.5, 42, 'abc', 1.0);
PRAGMA user_version = 2;
"""

STATE = CardState(state=2, step=None, stability=3.5, difficulty=5.2, due=1_700_300_000.0)


def card() -> Card:
    return Card(learner="anna", bank_id="minusma", question_id="diop-eis", fingerprint="f1",
                language="nl", tags=("diplomatie", "personen"), schedule=STATE,
                last_review=1_700_000_000.0, created=1_699_999_000.0)


def test_a_version_2_store_gains_cards_and_keeps_its_answers(tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite3"
    with closing(sqlite3.connect(path)) as conn:
        conn.executescript(_VERSION_2_SCHEMA)
    store = AnswerStore(path)
    assert not store.in_memory
    assert [(a.fingerprint, a.graded) for a in store.attempts()] == [("abc", True)]
    saved = store.save_card(card())
    store.add_review(Review(card=saved.id, sitting=1, origin="quiz", mode="practice", rating=3,
                            score=1.0, time=1_700_000_000.0, after=STATE))
    store.close()
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    again = AnswerStore(path)
    assert again.cards() == (saved,) and saved.id > 0
    assert again.reviews(learner="anna")[0].after == STATE


def test_cards_round_trip_and_a_replaced_card_is_kept_but_not_live() -> None:
    store = AnswerStore(":memory:")
    old = store.save_card(card())
    store.replace_card(old.id, 1_700_100_000.0)
    new = store.save_card(Card(**{**card().__dict__, "fingerprint": "f2"}))
    assert store.cards(learner="anna") == (new,)
    assert store.live_card("anna", "minusma", "diop-eis") == new
    assert store.live_card("bram", "minusma", "diop-eis") is None
    moved = CardState(state=2, step=None, stability=9.0, difficulty=5.0, due=1_701_000_000.0)
    store.save_card(Card(**{**new.__dict__, "schedule": moved}))
    assert store.cards()[0].schedule == moved


def test_the_answer_fingerprint_ignores_wording_and_follows_the_answer() -> None:
    from dataclasses import replace

    from kwis._model import ClozeQuestion, Gap
    from kwis.records._identity import answer_fingerprint

    cloze = ClozeQuestion(id="c", prompt="Vul in.", segments=(
        "De missie kwam in ", Gap(("2013",)), " naar Mali."))
    reworded = replace(cloze, prompt="Vul het jaartal in.", points=2.0, segments=(
        "De VN-missie kwam in ", Gap(("2013",)), " naar Mali."))
    other_answer = replace(cloze, segments=("De missie kwam in ", Gap(("2014",)), " naar Mali."))
    assert answer_fingerprint(reworded) == answer_fingerprint(cloze)
    assert answer_fingerprint(other_answer) != answer_fingerprint(cloze)
