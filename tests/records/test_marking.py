"""Exams on a student copy at class scale: the learners' kernels (PostgreSQL store and SQLite
stores collected) record their answers ungraded; `kwis grade CLASS --bank FULL_BANK` marks them
once with the full bank, and `kwis stats` then gives exactly the figures of the same exams taken
on the full bank and graded in the kernel. A learner can neither read nor write marks, nor
change an answer's `graded`; the teacher only adds marks."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import psycopg
import pytest

from kwis._model import AnyQuestion, Bank, ChoiceQuestion, MultipleQuestion, OrderQuestion
from kwis.bank import keyless_bank
from kwis.bank._writer import bank_to_yaml
from kwis.cli import main
from kwis.grading._grade import Response, correct_response
from kwis.records._postgres import PostgresStore
from kwis.records._store import AnswerStore
from kwis.ui._widget import Quiz
from tests.records.test_class_readers import _wrong, stats_json
from tests.records.test_class_security import make_class
from tests.ui.conftest import dutch_bank

LEARNERS = ("anna", "bram", "carla")


def as_shown(full: AnyQuestion, shown: AnyQuestion, response: Response) -> Response:
    """A response to the full question as the same answer to the copy's question."""
    if isinstance(full, ChoiceQuestion) and isinstance(shown, ChoiceQuestion) and isinstance(response, int):
        return [c.text for c in shown.choices].index(full.choices[response].text)
    if isinstance(full, MultipleQuestion) and isinstance(shown, MultipleQuestion) and isinstance(response, frozenset):
        texts = [c.text for c in shown.choices]
        return frozenset(texts.index(full.choices[i].text) for i in response)
    if isinstance(full, OrderQuestion) and isinstance(shown, OrderQuestion) and isinstance(response, tuple):
        return tuple(shown.items.index(full.items[i]) for i in response)
    return response


def take(quiz: Quiz, full: Bank, right: int) -> None:
    """The first `right` questions (in the full bank's order) right, the rest wrong, then Submit."""
    order = {q.id: n for n, q in enumerate(quiz.bank.questions)}
    for view in quiz.questions:
        original = full.questions[order[view.question.id]]
        response = correct_response(original)
        response = response if order[view.question.id] < right else _wrong(response)
        view.answer(as_shown(original, view.question, response))  # type: ignore[arg-type]
    quiz.submit()


def copy_of(bank: Bank, tmp_path: Path) -> Bank:
    """The student copy as the students' kernels load it: written, then read back."""
    from kwis.bank import load_bank

    path = tmp_path / "student.yaml"
    path.write_text(bank_to_yaml(keyless_bank(bank)), encoding="utf-8")
    return load_bank(path)


def full_bank_file(bank: Bank, tmp_path: Path) -> Path:
    path = tmp_path / "full.yaml"
    path.write_text(bank_to_yaml(bank), encoding="utf-8")
    return path


def loaded(bank: Bank, tmp_path: Path) -> Bank:
    """The bank as the teacher's file has it (`points: 2` read back is 2.0: another fingerprint)."""
    from kwis.bank import load_bank

    (tmp_path / "loaded").mkdir(exist_ok=True)
    return load_bank(full_bank_file(bank, tmp_path / "loaded"))


def test_a_copy_exam_in_the_class_database_is_marked_once_and_counts_in_stats(
        class_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    full = loaded(dutch_bank(), tmp_path)
    copy = copy_of(full, tmp_path)
    urls = make_class(class_url, capsys, LEARNERS)
    for n, learner in enumerate(LEARNERS):
        store = PostgresStore(urls[learner], outbox=tmp_path / f"{learner}.outbox")
        quiz = Quiz(copy, "exam", store=store, user=learner)
        take(quiz, full, right=n + 3)
        recorded = quiz.results()
        assert recorded and not any(a.graded for a in recorded) and all(a.score is None for a in recorded)
        store.close()
        graded = AnswerStore(tmp_path / "graded" / learner / "answers.sqlite3")
        take(Quiz(full, "exam", store=graded, user=learner), full, right=n + 3)
        graded.close()
    assert main(["collect", str(tmp_path / "graded"), "-o", str(tmp_path / "graded.sqlite")]) == 0
    capsys.readouterr()
    expected = stats_json(str(tmp_path / "graded.sqlite"), capsys)
    teacher = urls["teacher"]
    before = stats_json(teacher, capsys)
    assert (before["n"], before["questions"], before["unmarked"]) == (0, [], len(LEARNERS))
    assert main(["stats", teacher, "--bank", full.id]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "3 exam(s) taken on a student copy wait for marking and are not counted: kwis grade CLASS --bank FULL_BANK")
    bank_file = full_bank_file(full, tmp_path)
    assert main(["grade", teacher, "--bank", str(bank_file)]) == 0
    answers = len(LEARNERS) * len(full.questions)
    assert capsys.readouterr().err.startswith(f"{answers} antwoord(en) van 3 leerling(en) nagekeken met {bank_file}")
    assert stats_json(teacher, capsys) == expected
    assert main(["grade", teacher, "--bank", str(bank_file)]) == 0  # again: nothing twice
    assert capsys.readouterr().err.startswith("niets na te kijken in postgresql://")
    assert stats_json(teacher, capsys) == expected
    with psycopg.connect(teacher) as conn:
        assert conn.execute("SELECT count(*) FROM kwis.marks").fetchone() == (answers,)
    for learner in LEARNERS[:1]:
        with psycopg.connect(urls[learner], autocommit=True) as conn:
            for statement in ("SELECT * FROM kwis.marks", "UPDATE kwis.attempts SET graded = true",
                              "DELETE FROM kwis.marks",
                              "INSERT INTO kwis.marks SELECT key, question_id, fingerprint, response, 1, true, 0"
                              " FROM kwis.attempts"):
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(statement)
    with psycopg.connect(teacher, autocommit=True) as conn:
        for statement in ("UPDATE kwis.marks SET score = 1", "DELETE FROM kwis.marks",
                          "UPDATE kwis.attempts SET graded = true"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)


def test_collected_copy_exams_are_marked_in_the_class_file_like_postgresql(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    full = loaded(dutch_bank(), tmp_path)
    copy = copy_of(full, tmp_path)
    for n, learner in enumerate(LEARNERS):
        for folder, bank in (("copy", copy), ("graded", full)):
            store = AnswerStore(tmp_path / folder / learner / "answers.sqlite3")
            take(Quiz(bank, "exam", store=store, user=learner), full, right=n + 3)
            store.close()
    for folder in ("copy", "graded"):
        assert main(["collect", str(tmp_path / folder), "-o", str(tmp_path / f"{folder}.sqlite")]) == 0
    capsys.readouterr()
    bank_file = full_bank_file(full, tmp_path)
    assert main(["grade", str(tmp_path / "copy.sqlite"), "--bank", str(bank_file)]) == 0
    capsys.readouterr()
    expected = stats_json(str(tmp_path / "graded.sqlite"), capsys)
    assert stats_json(str(tmp_path / "copy.sqlite"), capsys) == expected
    # Collecting again (the same stores) and grading again change nothing.
    assert main(["collect", str(tmp_path / "copy"), "-o", str(tmp_path / "copy.sqlite")]) == 0
    assert main(["grade", str(tmp_path / "copy.sqlite"), "--bank", str(bank_file)]) == 0
    capsys.readouterr()
    assert stats_json(str(tmp_path / "copy.sqlite"), capsys) == expected


@pytest.mark.parametrize("language, first, second, fix", [
    ("nl", "antwoord(en) passen bij geen vraag van", "  vraag q03 van de kopie: 1 antwoord(en)",
     "    oplossing: kijk na met de volledige bank zoals die was"),
    ("en", "answer(s) match no question of", "  question q03 of the copy: 1 answer(s)",
     "    fix: mark with the full bank as it was when you exported"),
])
def test_a_full_bank_that_changed_since_the_copy_marks_nothing(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, language: str, first: str, second: str,
        fix: str) -> None:
    full = loaded(replace(dutch_bank(), language=language), tmp_path)
    copy = copy_of(full, tmp_path)
    store = AnswerStore(tmp_path / "copy" / "anna" / "answers.sqlite3")
    take(Quiz(copy, "exam", store=store, user="anna"), full, right=2)
    store.close()
    assert main(["collect", str(tmp_path / "copy"), "-o", str(tmp_path / "class.sqlite")]) == 0
    capsys.readouterr()
    edited = replace(full, questions=tuple(replace(q, prompt=q.prompt + " (herzien)") if q.id == "nederland" else q
                                           for q in full.questions))
    assert main(["grade", str(tmp_path / "class.sqlite"), "--bank", str(full_bank_file(edited, tmp_path))]) == 1
    err = capsys.readouterr().err.splitlines()
    assert first in err[0] and err[1] == second and err[-1].startswith(fix)
    assert main(["stats", str(tmp_path / "class.sqlite"), "--json", "--bank", full.id]) == 0
    figures: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert all(q.get("n", 0) == 0 for q in figures["questions"])  # still nothing marked


def test_grading_with_the_copy_itself_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "student.yaml"
    path.write_text(bank_to_yaml(keyless_bank(dutch_bank())), encoding="utf-8")
    assert main(["grade", str(tmp_path / "none.sqlite"), "--bank", str(path)]) == 2
    assert "is een studentenkopie zonder antwoorden: geef --bank de volledige bank" in capsys.readouterr().err


def test_a_copy_exam_submitted_while_the_database_is_away_is_kept_restored_and_marked(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Nothing a student answered is lost: the submission waits in the outbox, a restarted kernel
    shows it, it reaches the database when that answers again, and is marked there."""
    from tests.servers.postgres import PostgresServer, skip_without_postgres

    skip_without_postgres()
    server = PostgresServer(max_connections=20)
    try:
        urls = make_class(server.url(server.new_database()), capsys, ("anna",))
        full = loaded(dutch_bank(), tmp_path)
        copy = copy_of(full, tmp_path)
        outbox = tmp_path / "anna.outbox"
        store = PostgresStore(urls["anna"], outbox=outbox, timeout=1, retry=0.2)
        quiz = Quiz(copy, "exam", store=store, user="anna", layout="scroll")
        server.stop()
        take(quiz, full, right=4)
        assert quiz.store.queued > 0 and "kijkt ze na" in quiz.summary  # type: ignore[attr-defined]
        store.close()
        again = Quiz(copy, "exam", store=PostgresStore(urls["anna"], outbox=outbox, timeout=1, retry=0.2),
                     user="anna", layout="scroll")  # restarted, the database still away
        assert again.session.submitted and len(again.results()) == len(full.questions)
        assert not any(a.graded for a in again.results())
        server.start()
        assert again.store.retry()
        again.store.close()
        assert main(["grade", urls["teacher"], "--bank", str(full_bank_file(full, tmp_path))]) == 0
        assert capsys.readouterr().err.startswith(f"{len(full.questions)} antwoord(en) van 1 leerling(en)")
        graded = AnswerStore(tmp_path / "graded" / "anna" / "answers.sqlite3")
        take(Quiz(full, "exam", store=graded, user="anna"), full, right=4)  # the same exam, graded in the kernel
        graded.close()
        assert main(["collect", str(tmp_path / "graded"), "-o", str(tmp_path / "graded.sqlite")]) == 0
        capsys.readouterr()
        assert stats_json(urls["teacher"], capsys) == stats_json(str(tmp_path / "graded.sqlite"), capsys)
    finally:
        try:
            server.close()
        except Exception:  # stopped already
            pass


def test_a_class_file_of_an_earlier_kwis_is_read_and_upgraded_by_grade(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    import sqlite3
    from contextlib import closing

    full = loaded(dutch_bank(), tmp_path)
    store = AnswerStore(tmp_path / "homes" / "anna" / "answers.sqlite3")
    take(Quiz(full, "exam", store=store, user="anna"), full, right=4)
    store.close()
    class_file = tmp_path / "class.sqlite"
    assert main(["collect", str(tmp_path / "homes"), "-o", str(class_file)]) == 0
    capsys.readouterr()
    expected = stats_json(str(class_file), capsys)
    with closing(sqlite3.connect(class_file)) as conn:  # as a kwis before student copies wrote it
        conn.executescript("ALTER TABLE attempts DROP COLUMN graded; DROP TABLE marks; PRAGMA user_version = 2;")
    assert stats_json(str(class_file), capsys) == expected  # read as it is, read-only
    assert main(["grade", str(class_file), "--bank", str(full_bank_file(full, tmp_path))]) == 0
    assert capsys.readouterr().err.startswith("niets na te kijken")
    with closing(sqlite3.connect(class_file)) as conn:
        assert conn.execute("PRAGMA user_version").fetchone() == (3,)
        assert conn.execute("SELECT count(*) FROM attempts WHERE graded = 1").fetchone() == (len(full.questions),)
    assert stats_json(str(class_file), capsys) == expected
