"""A new attempt after an exam: "Opnieuw" / "Try again" and `quiz.restart()`."""

from __future__ import annotations

from pathlib import Path

import pytest

from kwis import Quiz
from kwis.grading._grade import correct_response
from .conftest import dutch_bank, english_bank, press
from .test_widgets import text_of


def fresh(path: Path, bank=None, **options: object) -> Quiz:  # type: ignore[no-untyped-def]
    """A new Quiz as in a restarted kernel: nothing shared but the store file."""
    options.setdefault("user", "anna")
    options.setdefault("seed", 7)
    return Quiz(bank or dutch_bank(), store=str(path), **options)  # type: ignore[arg-type]


def shown_ids(quiz: Quiz) -> list[str]:
    return [view.question.id for view in quiz.questions]


def answer_all_correctly(quiz: Quiz) -> None:
    for view in quiz.questions:
        view.answer(correct_response(view.question, language=quiz.language))


def test_exam_retake_starts_a_new_attempt_and_keeps_the_old_one(tmp_path: Path) -> None:
    quiz = fresh(tmp_path / "answers.sqlite3", mode="exam", layout="scroll", count=5)
    first_draw, first_sitting = shown_ids(quiz), quiz.sitting.id
    assert not quiz.retake_shown  # nothing to retake before submitting
    answer_all_correctly(quiz)
    press(quiz, "submit")
    assert quiz.retake_shown and quiz.setup["words"]["retake"] == "Opnieuw"

    press(quiz, "retake")
    assert shown_ids(quiz) != first_draw and quiz.sitting.id != first_sitting
    assert "Poging 2" in text_of(quiz.header)
    assert quiz.progress_text == "0 van 5 beantwoord"
    assert quiz.score == "Je score volgt na het inleveren."
    assert quiz.summary == "" and not quiz.retake_shown
    assert not quiz.submit_disabled
    assert all(not v.disabled for v in quiz.questions)
    assert all(not e["live"]["disabled"] and e["live"]["feedback"] == "" for e in quiz.items)
    assert all(v.feedback == "" for v in quiz.questions)
    assert [a.sitting for a in quiz.results()] == [first_sitting] * 5

    press(quiz, "submit")  # nothing answered this time
    assert quiz.score.startswith("Score: 0 van ")
    attempts = quiz.results()
    assert [a.sitting for a in attempts] == [first_sitting] * 5 + [quiz.sitting.id] * 5
    assert all(a.correct for a in attempts[:5]) and not any(a.correct for a in attempts[5:])


def test_views_of_the_old_attempt_no_longer_count(tmp_path: Path) -> None:
    quiz = fresh(tmp_path / "answers.sqlite3", mode="exam", layout="scroll")
    old = quiz.questions
    press(quiz, "submit")
    quiz.restart()
    old[0].answer(correct_response(old[0].question, language="nl"))
    assert quiz.progress_text == "0 van 8 beantwoord"
    assert quiz.questions[0] is not old[0]


def test_a_new_quiz_on_the_same_store_shows_the_latest_attempt(tmp_path: Path) -> None:
    store = tmp_path / "answers.sqlite3"
    first = fresh(store, mode="exam", count=4)
    answer_all_correctly(first)
    press(first, "submit")
    press(first, "retake")
    second_draw = shown_ids(first)
    typed = first.questions[0]
    typed.answer(correct_response(typed.question, language="nl"))  # a draft, not submitted

    again = fresh(store, mode="exam", count=4)  # restarted kernel
    assert again.sitting.id == first.sitting.id and shown_ids(again) == second_draw
    assert again.questions[0].response() == typed.response()
    assert again.progress_text == "1 van 4 beantwoord"
    assert not again.submit_disabled and not again.retake_shown
    assert "Poging 2" in text_of(again.header)
    assert len(again.results()) == 4  # the first attempt's answers
    with pytest.raises(RuntimeError, match="Lever deze toets eerst in"):
        again.restart()

    press(again, "submit")
    third = fresh(store, mode="exam", count=4)
    assert third.submit_disabled and third.retake_shown
    assert len(third.results()) == 8


def test_retake_seeds_follow_the_attempt_number(tmp_path: Path) -> None:
    one = fresh(tmp_path / "one.sqlite3", mode="exam", count=4)
    two = fresh(tmp_path / "two.sqlite3", mode="exam", count=4)
    assert one.seed == two.seed == 7  # a first attempt draws as it always did
    for quiz in (one, two):
        press(quiz, "submit")
        quiz.restart()
    assert one.seed == two.seed != 7 and shown_ids(one) == shown_ids(two)


def test_english_retake_button_and_practice_restart(tmp_path: Path) -> None:
    exam = fresh(tmp_path / "answers.sqlite3", english_bank(), mode="exam")
    press(exam, "submit")
    assert exam.setup["words"]["retake"] == "Try again"
    press(exam, "retake")
    assert "Attempt 2" in text_of(exam.header)

    practice = fresh(tmp_path / "answers.sqlite3")
    assert practice.setup["mode"] == "practice"  # the browser draws no Try again
    press(practice, "retake")  # nor does a stray message start one
    assert practice.attempt == 1
    view = practice.questions[0]
    view.answer(correct_response(view.question, language="nl"))
    press(view, "check")
    practice.restart()
    assert practice.progress_text == "0 van 8 beantwoord"
    assert practice.score == "Score: 0 van 9 punten"
    assert len(practice.results()) == 1
    assert text_of(view.check().unreadable) == (
        "Deze vraag hoort bij een eerdere poging; beantwoord hem in de nieuwe.")
