"""Answers survive a kernel restart: a new Quiz on the same store file shows them again."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kwis import Quiz
from kwis.grading._grade import correct_response
from kwis.records._identity import question_fingerprint
from .conftest import dutch_bank, give, press

DATA = Path(__file__).parent.parent / "data"


def fresh(path: Path, **options: object) -> Quiz:
    """A new Quiz as in a restarted kernel: nothing shared but the store file."""
    options.setdefault("user", "anna")
    return Quiz(dutch_bank(), store=str(path), **options)  # type: ignore[arg-type]


def by_id(quiz: Quiz, question_id: str):  # type: ignore[no-untyped-def]
    return next(v for v in quiz.questions if v.question.id == question_id)


def test_practice_answers_feedback_and_score_come_back(tmp_path: Path) -> None:
    store = tmp_path / "answers.sqlite3"
    first = fresh(store, count=5)
    drawn = [q.id for q in first.session.questions]
    view = by_id(first, drawn[0])
    view.answer(correct_response(view.question, language="nl"))
    press(view, "check")
    feedback = view.feedback

    again = fresh(store, count=5)
    assert [q.id for q in again.session.questions] == drawn
    restored = by_id(again, drawn[0])
    assert restored.response() == view.response()
    assert restored.feedback == feedback
    assert again.progress_text == "1 van 5 beantwoord"
    assert again.score == first.score
    assert again.results() == first.results()


def test_practice_answers_not_yet_checked_come_back_too(tmp_path: Path) -> None:
    store = tmp_path / "answers.sqlite3"
    first = fresh(store, layout="scroll")
    give(by_id(first, "budget"), "1,2")
    press(by_id(first, "budget"), "check")
    give(by_id(first, "budget"), "1,26")  # changed after the check, not checked again
    give(by_id(first, "president"), "Goïta")  # never checked

    again = fresh(store, layout="scroll")
    assert by_id(again, "budget").value == "1,26"
    assert by_id(again, "president").value == "Goïta"
    assert by_id(again, "budget").feedback == by_id(first, "budget").feedback
    assert again.progress_text == "1 van 8 beantwoord"  # only checked answers count
    assert [a.response for a in again.results()] == ["1,2"]


def test_exam_drafts_and_submission_come_back(tmp_path: Path) -> None:
    store = tmp_path / "answers.sqlite3"
    first = fresh(store, mode="exam")
    give(by_id(first, "budget"), "1,26")
    give(by_id(first, "president"), "Goïta")

    second = fresh(store, mode="exam")  # restarted before submitting
    assert by_id(second, "budget").value == "1,26"
    assert second.progress_text == "2 van 8 beantwoord"
    assert second.results() == ()
    press(second, "submit")

    third = fresh(store, mode="exam")  # restarted after submitting: the review is back
    assert third.score == "Score: 3 van 9 punten"
    assert third.submit_disabled
    assert by_id(third, "budget").feedback.count("Goed.") == 1
    assert by_id(third, "president").disabled
    assert "Ingeleverd." in third.summary


def test_restore_is_per_student(tmp_path: Path) -> None:
    store = tmp_path / "answers.sqlite3"
    anna = fresh(store)
    view = by_id(anna, "nederland")
    give(view, True)
    press(view, "check")
    bram = fresh(store, user="bram")
    assert bram.progress_text == "0 van 8 beantwoord"
    assert by_id(bram, "nederland").value is None


def test_restore_in_a_new_process(tmp_path: Path) -> None:
    store = tmp_path / "answers.sqlite3"
    bank = DATA / "widgets-minusma.nl.yaml"
    script = (
        "import sys; from kwis import Quiz\n"
        f"q = Quiz({str(bank)!r}, store={str(store)!r}, user='anna')\n"
        "v = next(v for v in q.questions if v.question.id == 'president')\n"
        "if sys.argv[1] == 'answer':\n"
        "    v.answer('Goïta'); v.check()\n"
        "print(v.value, q.progress_text, q.score, sep='|')\n"
    )
    run = [sys.executable, "-W", "error", "-c", script]
    answered = subprocess.run(run + ["answer"], capture_output=True, text=True, check=True)
    restored = subprocess.run(run + ["look"], capture_output=True, text=True, check=True)
    assert answered.stdout == restored.stdout == "Goïta|1 van 3 beantwoord|Score: 1 van 3 punten\n"


def test_corrupt_store_warns_and_the_quiz_still_works(tmp_path: Path) -> None:
    store = tmp_path / "answers.sqlite3"
    store.write_bytes(b"kapot" * 1000)
    with pytest.warns(RuntimeWarning, match="answers.sqlite3"):
        quiz = fresh(store)
    view = by_id(quiz, "nederland")
    give(view, True)
    press(view, "check")
    assert quiz.progress_text == "1 van 8 beantwoord"
    assert len(quiz.results()) == 1
    assert store.read_bytes() == b"kapot" * 1000


def test_every_answer_carries_the_learner_and_the_question_version(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "s123456")
    monkeypatch.delenv("KWIS_LEARNER", raising=False)
    quiz = Quiz(dutch_bank(), store=str(tmp_path / "answers.sqlite3"), layout="scroll")
    view = by_id(quiz, "budget")
    give(view, "1,26")
    press(view, "check")
    (answer,) = quiz.results()
    assert answer.user == "s123456" and answer.points == 2
    assert answer.fingerprint == question_fingerprint(view.question)
