"""Which version of a question was answered: the fingerprint, and its content in the store."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kwis._model import Choice, ChoiceQuestion, Feedback
from kwis.records._identity import question_content, question_fingerprint
from kwis.records._store import AnswerStore, Attempt

QUESTION = ChoiceQuestion(
    id="diop-eis", prompt="Wat eiste minister Diop?", explanation="Een terugtrekking.",
    tags=("diplomatie",),
    choices=(Choice("Een onmiddellijke terugtrekking", correct=True), Choice("Meer blauwhelmen")),
)


def test_fingerprint_changes_with_what_was_asked_or_graded_only() -> None:
    print_ = question_fingerprint(QUESTION)
    assert len(print_) == 16 and print_ == question_fingerprint(replace(QUESTION))
    notes_edited = replace(QUESTION, explanation="Anders uitgelegd.", hint="Lees alinea 1.",
                           tags=("nieuw",), feedback=Feedback(correct="Goed."))
    assert question_fingerprint(notes_edited) == print_
    for edited in (
        replace(QUESTION, prompt="Wat eiste minister Diop in New York?"),
        replace(QUESTION, points=2.0),
        replace(QUESTION, choices=(Choice("Een onmiddellijke terugtrekking"),
                                   Choice("Meer blauwhelmen", correct=True))),
        replace(QUESTION, choices=QUESTION.choices + (Choice("Een nieuw mandaat"),)),
    ):
        assert question_fingerprint(edited) != print_
    assert question_content(QUESTION)["choices"][0] == {
        "text": "Een onmiddellijke terugtrekking", "correct": True}


def test_recording_with_the_question_keeps_its_content_once(tmp_path: Path) -> None:
    store = AnswerStore(tmp_path / "answers.sqlite3")
    answer = Attempt(bank_id="minusma", question_id="diop-eis", user="anna", mode="practice",
                     response=1, score=0.0, correct=False, time=1.0, seed=7, sitting=1,
                     fingerprint=question_fingerprint(QUESTION), points=1.0)
    store.record(answer, QUESTION)
    store.record(answer, QUESTION)
    rows = store._conn.execute("SELECT question_id, fingerprint, type, content FROM questions").fetchall()
    assert len(rows) == 1 and rows[0][:3] == ("diop-eis", answer.fingerprint, "choice")
    assert "Meer blauwhelmen" in rows[0][3]
    assert store.attempts() == (answer, answer)
    store.close()
