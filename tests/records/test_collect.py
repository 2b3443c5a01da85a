"""`kwis collect`: students' stores into one class database, never writing into a student's file."""

from __future__ import annotations

import os
import pwd
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from kwis.cli import main
from kwis.records._class import ClassDatabase
from kwis.records._collect import collect, pseudonym_key_path
from kwis.records._store import SCHEMA_VERSION, AnswerStore, Attempt

from .test_store import _VERSION_1_SCHEMA


def make_store(path: Path, learner: str, scores: dict[str, float], *, submit: bool = True) -> AnswerStore:
    """A student's store with one exam sitting of the bank 'minusma' answered with `scores`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    store = AnswerStore(path)
    sitting = store.start_sitting("minusma", learner, "exam", "{}", 7, tuple(scores))
    for number, (question_id, score) in enumerate(scores.items()):
        store.record(Attempt(bank_id="minusma", question_id=question_id, user=learner, mode="exam",
                             response=number, score=score, correct=score == 1.0,
                             time=1_700_000_000.0 + number, seed=7, sitting=sitting.id,
                             fingerprint=f"fp-{question_id}", points=1.0))
    if submit:
        store.mark_submitted(sitting.id)
    return store


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes: what collect must leave exactly as it was."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def dump(path: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as conn:
        return [("sittings", *row) for row in conn.execute(
                    "SELECT learner, bank_id, mode, selection, seed, draw, started, submitted"
                    " FROM sittings ORDER BY learner, started")] + \
               [("attempts", *row) for row in conn.execute(
                    "SELECT s.learner, a.question_id, a.fingerprint, a.response, a.score, a.time"
                    " FROM attempts a JOIN sittings s ON s.id = a.sitting"
                    " ORDER BY s.learner, a.time")]


@pytest.fixture
def hub(tmp_path: Path) -> Path:
    """A hub's home folders: two students with stores where kwis keeps them, one without."""
    home = tmp_path / "home"
    for learner, scores in (("anna", {"q1": 1.0, "q2": 0.0}), ("bram", {"q1": 0.5, "q2": 1.0})):
        make_store(home / learner / ".local/share/kwis/answers.sqlite3", learner, scores).close()
    (home / "cees").mkdir()
    return home


def test_collect_twice_gives_the_same_class_database_and_touches_no_student_file(
        hub: Path, tmp_path: Path) -> None:
    before = snapshot(hub)
    output = tmp_path / "class.sqlite"
    first = collect([hub], output)
    assert (first.stores, first.sittings_added, first.answers_added, first.skipped) == (2, 2, 4, [])
    collected = dump(output)
    assert [row[1] for row in collected if row[0] == "sittings"] == ["anna", "bram"]
    again = collect([hub], output)
    assert (again.stores, again.sittings_added, again.answers_added) == (2, 0, 0)
    assert dump(output) == collected
    assert snapshot(hub) == before  # no byte changed, no -wal/-shm file appeared


def test_collecting_later_adds_only_what_is_new(hub: Path, tmp_path: Path) -> None:
    output = tmp_path / "class.sqlite"
    store_path = tmp_path / "late" / "answers.sqlite3"
    late = make_store(store_path, "dirk", {"q1": 1.0}, submit=False)
    collect([hub, store_path], output)
    sitting = late.latest_sitting("minusma", "dirk", "exam", "{}")
    assert sitting is not None
    late.record(Attempt(bank_id="minusma", question_id="q2", user="dirk", mode="exam", response=1,
                        score=1.0, correct=True, time=1_700_000_100.0, seed=7, sitting=sitting.id))
    late.mark_submitted(sitting.id)
    late.close()
    report = collect([hub, store_path], output)
    assert (report.sittings_added, report.answers_added) == (0, 1)
    dirk = next(s for s in ClassDatabase(output).sittings("minusma") if s.learner == "dirk")
    assert dirk.submitted is not None and [a.question_id for a in dirk.answers] == ["q1", "q2"]


def test_an_open_store_is_read_with_its_latest_answers(hub: Path, tmp_path: Path) -> None:
    """A student's kernel still has the store open: answers in its -wal file are collected too."""
    path = tmp_path / "open" / "answers.sqlite3"
    store = make_store(path, "eva", {"q1": 1.0, "q2": 1.0})
    report = collect([path], tmp_path / "class.sqlite")
    assert (report.stores, report.answers_added) == (1, 2)
    store.close()


def test_corrupt_foreign_locked_and_newer_files_are_reported_and_skipped(
        hub: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    extra = tmp_path / "home" / "odd"
    extra.mkdir()
    corrupt = extra / "corrupt.sqlite3"
    make_store(corrupt, "x", {"q1": 1.0}).close()
    data = bytearray(corrupt.read_bytes())
    data[4096 + 8:4096 * 3] = b"\xff" * (4096 * 2 - 8)  # pages 2 and 3 overwritten
    corrupt.write_bytes(bytes(data))
    with closing(sqlite3.connect(extra / "foreign.db")) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT, minutes INTEGER)")
        conn.execute("INSERT INTO recipes VALUES ('stamppot', 40)")
        conn.commit()
    newer = extra / "newer.sqlite3"
    make_store(newer, "y", {"q1": 1.0}).close()
    with closing(sqlite3.connect(newer)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    (extra / "notes.db").write_text("not a database at all")
    locked = extra / "locked.sqlite3"
    with closing(sqlite3.connect(locked)) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
    writer = sqlite3.connect(locked, isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")
    writer.execute("INSERT INTO t VALUES (1)")  # a write under way: a -journal file beside it
    before = snapshot(tmp_path / "home")

    code = main(["collect", str(tmp_path / "home"), "-o", str(tmp_path / "class.sqlite")])
    after = snapshot(tmp_path / "home")
    writer.rollback()
    writer.close()
    assert code == 0
    err = capsys.readouterr().err.splitlines()
    reasons = {line.split(": skipped: ")[0]: line.split(": skipped: ")[1] for line in err[:-1]}
    assert reasons == {
        str(corrupt): reasons[str(corrupt)], str(extra / "foreign.db"):
        "a SQLite file, but not a kwis answer store",
        str(locked): "locked: another program is writing it; collect again later",
        str(newer): f"written by a newer kwis (schema version {SCHEMA_VERSION + 1}); update kwis "
                    "to collect it",
        str(extra / "notes.db"): "not a SQLite file",
    }
    assert reasons[str(corrupt)].startswith("damaged SQLite file")
    assert err[-1].startswith("2 stores read, 2 new sittings and 4 new answers added to")
    assert err[-1].endswith("; 5 files skipped")
    assert after == before


def test_a_version_1_store_is_collected_with_unknown_versions(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite3"
    with closing(sqlite3.connect(old)) as conn:
        conn.executescript(_VERSION_1_SCHEMA)
    before = old.read_bytes()
    collect([old], tmp_path / "class.sqlite")
    (sitting,) = ClassDatabase(tmp_path / "class.sqlite").sittings("minusma")
    assert sitting.learner == "anna"
    assert [(a.question_id, a.fingerprint, a.points) for a in sitting.answers] == [("diop-eis", "", None)]
    assert old.read_bytes() == before  # not migrated: that is the student's kwis's job


def test_pseudonymise_gives_stable_pseudonyms_and_keeps_the_key_outside(hub: Path, tmp_path: Path) -> None:
    output = tmp_path / "shared.sqlite"
    collect([hub], output, pseudonymise=True)
    learners = sorted({s.learner for s in ClassDatabase(output).sittings("minusma")})
    assert len(learners) == 2 and all(name.startswith("learner-") for name in learners)
    assert b"anna" not in output.read_bytes() and b"bram" not in output.read_bytes()
    assert pseudonym_key_path(output).stat().st_mode & 0o077 == 0
    make_store(tmp_path / "new" / "answers.sqlite3", "anna", {"q3": 1.0}).close()
    collect([hub, tmp_path / "new"], output, pseudonymise=True)
    anna = [s for s in ClassDatabase(output).sittings("minusma") if s.answers[0].question_id == "q3"]
    assert anna[0].learner in learners  # the same student, the same pseudonym
    with pytest.raises(ValueError, match="pseudonymous learner ids; collect into it with --pseudonymise"):
        collect([hub], output)


def test_the_output_must_be_a_class_database(hub: Path, capsys: pytest.CaptureFixture[str]) -> None:
    student = hub / "anna" / ".local/share/kwis/answers.sqlite3"
    before = student.read_bytes()
    assert main(["collect", str(hub), "-o", str(student)]) == 2
    assert "not a kwis class database" in capsys.readouterr().err
    assert student.read_bytes() == before


@pytest.mark.skipif(not hasattr(os, "chown") or os.geteuid() != 0, reason="needs root to give a file to another user")
def test_answers_under_another_learners_id_are_reported(hub: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """On a hub, a store in nobody's home holding answers as 'anna' is collected and reported."""
    nobody = pwd.getpwnam("nobody")
    own = make_store(tmp_path / "homes" / "nobody" / "answers.sqlite3", "nobody", {"q1": 1.0})
    own.close()
    forged = make_store(tmp_path / "homes" / "nobody2" / "answers.sqlite3", "anna", {"q1": 1.0})
    forged.close()
    for path in (tmp_path / "homes").rglob("answers.sqlite3"):
        os.chown(path, nobody.pw_uid, nobody.pw_gid)
    assert main(["collect", str(tmp_path / "homes"), "-o", str(tmp_path / "class.sqlite")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[:-1] == [f"{tmp_path / 'homes' / 'nobody2' / 'answers.sqlite3'}: collected, but check "
                        "it: it holds answers of learner id anna, and the file belongs to the user nobody"]
