"""The quiz under hostile banks and failing stores (issue 10)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest

from kwis import Quiz
from .conftest import dutch_bank, give, press


def test_remote_images_in_the_quiz_follow_the_banks_setting(tmp_path: Path) -> None:
    for allowed in (False, True):
        bank = dutch_bank(remote_images=allowed)
        first = replace(bank.questions[0], prompt="Kijk: ![kaart](https://tracker.example/p.png)")
        bank = replace(bank, questions=(first,) + bank.questions[1:])
        quiz = Quiz(bank, store=str(tmp_path / "a.sqlite3"), user="anna", layout="scroll")
        prompt = next(v for v in quiz.questions if v.question.id == first.id).spec["prompt"]
        assert ("tracker.example" in prompt) is allowed
        assert ("tracker.example" in quiz._repr_mimebundle_()[0]["text/html"]) is allowed


def by_id(quiz: Quiz, question_id: str):  # type: ignore[no-untyped-def]
    return next(v for v in quiz.questions if v.question.id == question_id)


def in_file(path: Path) -> list[str]:
    with closing(sqlite3.connect(path)) as conn:
        return [row[0] for row in conn.execute("SELECT question_id FROM attempts ORDER BY id")]


def test_a_failed_save_shows_in_the_quiz_is_retried_and_the_store_comes_back(tmp_path: Path) -> None:
    """Issue 10, item 1: disk full mid-session, then space comes back."""
    path = tmp_path / "answers.sqlite3"
    quiz = Quiz(dutch_bank(), store=str(path), user="anna", layout="scroll")
    nederland, president = by_id(quiz, "nederland"), by_id(quiz, "president")
    give(nederland, True)
    press(nederland, "check")
    assert quiz.save_status == ""
    conn = quiz.store._conn
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    with pytest.warns(RuntimeWarning, match="full"):
        give(president, "Goïta " + "x" * 20_000)  # the draft no longer fits
    give(president, "Goïta")
    press(president, "check")
    assert "Antwoord niet opgeslagen" in quiz.save_status and "full" in quiz.save_status
    assert quiz.save_retry  # Save again shows
    assert "Goed." in president.feedback and len(quiz.results()) == 2  # nothing is lost
    assert in_file(path) == ["nederland"]
    assert not quiz.retry_saving()
    conn.execute("PRAGMA max_page_count = 1073741823")  # space again
    press(quiz, "retry")
    assert "weer opgeslagen" in quiz.save_status and not quiz.save_retry
    assert in_file(path) == ["nederland", "president"]
    again = Quiz(dutch_bank(), store=str(path), user="anna", layout="scroll")
    assert again.progress_text == "2 van 8 beantwoord"


def test_a_damaged_row_is_skipped_and_the_quiz_opens(tmp_path: Path) -> None:
    path = tmp_path / "answers.sqlite3"
    quiz = Quiz(dutch_bank(), store=str(path), user="anna")
    for question_id, value in (("nederland", True), ("president", "Goïta")):
        view = by_id(quiz, question_id)
        give(view, value)
        press(view, "check")
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE attempts SET response = '{kapot' WHERE question_id = 'nederland'")
    with pytest.warns(RuntimeWarning, match="damaged"):
        again = Quiz(dutch_bank(), store=str(path), user="anna")
    assert again.progress_text == "1 van 8 beantwoord"
    assert "1 opgeslagen antwoord(en) waren beschadigd" in again.save_status


def test_an_exam_submitted_in_another_notebook_is_closed_here(tmp_path: Path) -> None:
    """Issue 10, item 5: two Quiz objects on one store share a sitting; one submits."""
    path = tmp_path / "answers.sqlite3"
    one = Quiz(dutch_bank(), mode="exam", store=str(path), user="anna", layout="scroll")
    other = Quiz(dutch_bank(), mode="exam", store=str(path), user="anna", layout="scroll")
    assert one.sitting.id == other.sitting.id
    give(by_id(one, "president"), "Goïta")
    press(one, "submit")
    give(by_id(other, "budget"), "1,26")  # a draft into the submitted sitting
    assert "al ingeleverd" in other.save_status
    assert other.submit_disabled and other.session.submitted
    assert "Goïta" == by_id(other, "president").value  # what was submitted is shown
    other.submit()
    with closing(sqlite3.connect(path)) as conn:
        drafts = {row[0] for row in conn.execute("SELECT question_id FROM drafts")}
        submitted = conn.execute("SELECT count(*) FROM attempts").fetchone()[0]
    assert "budget" not in drafts and submitted == len(one.session.questions)


def test_an_exam_is_not_graded_before_submit_even_from_python(tmp_path: Path) -> None:
    """Issue 10, item 10: view.check() in an exam refuses, as the missing Check button does."""
    quiz = Quiz(dutch_bank(), mode="exam", store=str(tmp_path / "a.sqlite3"), user="anna")
    view = by_id(quiz, "president")
    give(view, "Goïta")
    result = view.check()
    assert result.unreadable and "inlevert" in result.unreadable
    assert quiz.results() == () and quiz.session.grades == {}
