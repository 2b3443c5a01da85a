"""A new attempt after an exam: "Opnieuw" / "Try again" and `quiz.restart()`."""

from __future__ import annotations

from pathlib import Path

import pytest

from kwis import Quiz
from kwis.grading._grade import correct_response
from .conftest import dutch_bank, english_bank
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
    assert quiz.retake_button not in quiz.children  # nothing to retake before submitting
    answer_all_correctly(quiz)
    quiz.submit_button.click()
    assert quiz.children.index(quiz.retake_button) == quiz.children.index(quiz.summary) + 1
    assert quiz.retake_button.description == "Opnieuw"

    quiz.retake_button.click()
    assert shown_ids(quiz) != first_draw and quiz.sitting.id != first_sitting
    assert "Poging 2" in text_of(quiz.header.value)
    assert quiz.progress_text.value == "0 van 5 beantwoord"
    assert quiz.score.value == "Je score volgt na het inleveren."
    assert quiz.summary.value == "" and quiz.retake_button not in quiz.children
    assert not quiz.submit_button.disabled
    assert all(not w.disabled for v in quiz.questions for w in v.inputs)
    assert all(v.feedback.value == "" for v in quiz.questions)
    assert [a.sitting for a in quiz.results()] == [first_sitting] * 5

    quiz.submit_button.click()  # nothing answered this time
    assert quiz.score.value.startswith("Score: 0 van ")
    attempts = quiz.results()
    assert [a.sitting for a in attempts] == [first_sitting] * 5 + [quiz.sitting.id] * 5
    assert all(a.correct for a in attempts[:5]) and not any(a.correct for a in attempts[5:])


def test_views_of_the_old_attempt_no_longer_count(tmp_path: Path) -> None:
    quiz = fresh(tmp_path / "answers.sqlite3", mode="exam", layout="scroll")
    old = quiz.questions
    quiz.submit_button.click()
    quiz.restart()
    old[0].answer(correct_response(old[0].question, language="nl"))
    assert quiz.progress_text.value == "0 van 8 beantwoord"
    assert quiz.questions[0] is not old[0]


def test_a_new_quiz_on_the_same_store_shows_the_latest_attempt(tmp_path: Path) -> None:
    store = tmp_path / "answers.sqlite3"
    first = fresh(store, mode="exam", count=4)
    answer_all_correctly(first)
    first.submit_button.click()
    first.retake_button.click()
    second_draw = shown_ids(first)
    typed = first.questions[0]
    typed.answer(correct_response(typed.question, language="nl"))  # a draft, not submitted

    again = fresh(store, mode="exam", count=4)  # restarted kernel
    assert again.sitting.id == first.sitting.id and shown_ids(again) == second_draw
    assert again.questions[0].response() == typed.response()
    assert again.progress_text.value == "1 van 4 beantwoord"
    assert not again.submit_button.disabled and again.retake_button not in again.children
    assert "Poging 2" in text_of(again.header.value)
    assert len(again.results()) == 4  # the first attempt's answers
    with pytest.raises(RuntimeError, match="Lever deze toets eerst in"):
        again.restart()

    again.submit_button.click()
    third = fresh(store, mode="exam", count=4)
    assert third.submit_button.disabled and third.retake_button in third.children
    assert len(third.results()) == 8


def test_retake_seeds_follow_the_attempt_number(tmp_path: Path) -> None:
    one = fresh(tmp_path / "one.sqlite3", mode="exam", count=4)
    two = fresh(tmp_path / "two.sqlite3", mode="exam", count=4)
    assert one.seed == two.seed == 7  # a first attempt draws as it always did
    for quiz in (one, two):
        quiz.submit_button.click()
        quiz.restart()
    assert one.seed == two.seed != 7 and shown_ids(one) == shown_ids(two)


def test_english_retake_button_and_practice_restart(tmp_path: Path) -> None:
    exam = fresh(tmp_path / "answers.sqlite3", english_bank(), mode="exam")
    exam.submit_button.click()
    assert exam.retake_button.description == "Try again"
    exam.retake_button.click()
    assert "Attempt 2" in text_of(exam.header.value)

    practice = fresh(tmp_path / "answers.sqlite3")
    assert practice.retake_button is None
    view = practice.questions[0]
    view.answer(correct_response(view.question, language="nl"))
    view.check_button.click()
    practice.restart()
    assert practice.progress_text.value == "0 van 8 beantwoord"
    assert practice.score.value == "Score: 0 van 9 punten"
    assert len(practice.results()) == 1
    assert text_of(view.check().unreadable) == (
        "Deze vraag hoort bij een eerdere poging; beantwoord hem in de nieuwe.")
