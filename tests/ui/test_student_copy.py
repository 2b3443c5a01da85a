"""A quiz on a student copy (no answers): practice is refused in the bank's language; an exam
records the answers only and says the teacher marks them, with no score, feedback or points;
`results()` gives the ungraded answers, and a restarted kernel gets drafts and the submission
back. Nothing goes to spaced review (there is no grade to learn from)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kwis._model import Bank
from kwis.bank import keyless_bank, load_bank
from kwis.bank._writer import bank_to_yaml
from kwis.records._store import AnswerStore
from kwis.ui._widget import Quiz
from tests.ui.conftest import dutch_bank, english_bank, give, press


def copy_of(bank: Bank, tmp_path: Path) -> Bank:
    path = tmp_path / f"{bank.language}.student.yaml"
    path.write_text(bank_to_yaml(keyless_bank(bank)), encoding="utf-8")
    return load_bank(path)


def by_prompt(quiz: Quiz, start: str):  # type: ignore[no-untyped-def]
    return next(view for view in quiz.questions if view.question.prompt.startswith(start))


@pytest.mark.parametrize("bank, words", [
    (dutch_bank(), "Deze bank is een studentenkopie zonder antwoorden: er is niets om een oefenantwoord mee te "
                   "controleren. Maak haar als toets, mode='exam'; je docent kijkt haar na."),
    (english_bank(), "This bank is a student copy without answers: there is nothing to check a practice answer "
                     "against. Take it as an exam, mode='exam'; your teacher marks it."),
])
def test_practice_on_a_copy_is_refused_politely(bank: Bank, words: str, tmp_path: Path) -> None:
    with pytest.raises(ValueError) as refused:
        Quiz(copy_of(bank, tmp_path), store=tmp_path / "answers.sqlite3", user="anna")
    assert str(refused.value) == words


def test_an_exam_on_a_copy_records_answers_only_and_says_the_teacher_marks_them(tmp_path: Path) -> None:
    copy = copy_of(dutch_bank(), tmp_path)
    path = tmp_path / "answers.sqlite3"
    quiz = Quiz(copy, "exam", store=path, user="anna", layout="scroll")
    assert quiz.score == "Je docent kijkt deze toets na: hier staat geen score."
    give(by_prompt(quiz, "Hoe groot was het budget"), "1,26")
    give(by_prompt(quiz, "Hoe heet de president"), "Goïta")
    give(by_prompt(quiz, "Nederland leverde"), True)
    press(quiz, "submit")
    assert quiz.summary == ('<p class="kwis-submitted" role="status">Ingeleverd. Je antwoorden zijn bewaard '
                                  'en je docent kijkt ze na.</p>')
    assert quiz.score == "Je docent kijkt deze toets na: hier staat geen score."
    assert all(view.feedback == "" for view in quiz.questions)  # no verdict, points or model answer
    assert all(e["live"]["feedback"] == "" and e["live"]["disabled"] for e in quiz.items)
    results = quiz.results()
    assert len(results) == len(copy.questions) and not any(a.graded or a.correct for a in results)
    assert all(a.score is None for a in results)  # no score: the teacher marks them
    given = {a.question_id: a.response for a in results if a.response is not None}
    assert {k: given.get(k) for k in ("q03", "q04", "q05")} == {"q03": True, "q04": "1,26", "q05": "Goïta"}
    store = AnswerStore(path)
    assert store.attempts() == results and store.cards() == ()  # stored once, nothing to review
    store.close()


def test_a_restarted_kernel_gets_drafts_and_the_submission_back(tmp_path: Path) -> None:
    copy = copy_of(english_bank(), tmp_path)
    path = tmp_path / "answers.sqlite3"
    first = Quiz(copy, "exam", store=path, user="anna", layout="scroll")
    typed = next(view for view in first.questions if view.question.type == "numeric")
    give(typed, "1.26")
    second = Quiz(copy, "exam", store=path, user="anna", layout="scroll")  # restarted before submitting
    again = next(view for view in second.questions if view.question.id == typed.question.id)
    assert again.value == "1.26" and second.results() == ()
    second.submit()
    third = Quiz(copy, "exam", store=path, user="anna", layout="scroll")  # and after submitting
    assert third.session.submitted and third.submit_disabled
    assert third.summary.endswith("Submitted. Your answers are saved and will be marked by your teacher.</p>")
    back = next(view for view in third.questions if view.question.id == typed.question.id)
    assert back.value == "1.26" and back.feedback == ""
    assert [a.response for a in third.results() if a.question_id == typed.question.id] == ["1.26"]
    assert not any(a.graded for a in third.results())


def test_an_order_left_as_shown_is_the_answer_on_a_copy(tmp_path: Path) -> None:
    """The copy does not know the right order, so the start order may be right."""
    copy = copy_of(dutch_bank(), tmp_path)
    quiz = Quiz(copy, "exam", store=tmp_path / "answers.sqlite3", user="anna", layout="scroll")
    order = next(view for view in quiz.questions if view.question.type == "order")
    shown = order.response()
    quiz.submit()
    assert [a.response for a in quiz.results() if a.question_id == order.question.id] == [list(shown)]
