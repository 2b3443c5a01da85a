"""Class statistics the real way: 30 learners, each with their own store, answering an exam
through the Quiz API; then `kwis collect` and `kwis stats`, checked against values computed by
hand from the answers given."""

from __future__ import annotations

import json
import statistics
from dataclasses import replace
from pathlib import Path

import pytest

from kwis import Quiz
from kwis._model import (
    Bank, Choice, ChoiceQuestion, NumericQuestion, Settings, TextQuestion, TrueFalseQuestion,
)
from kwis.cli import main
from kwis.records import ClassDatabase
from kwis.teacher import bank_stats
from tests.ui.conftest import press

LEARNERS = 30

BANK = Bank(
    id="mali", title="Mali", language="nl", settings=Settings(shuffle=False),
    questions=(
        ChoiceQuestion(id="diop-eis", prompt="Wat eiste minister Diop?", choices=(
            Choice("Een onmiddellijke terugtrekking", correct=True), Choice("Meer blauwhelmen"),
            Choice("Een nieuw mandaat"))),
        TrueFalseQuestion(id="nederland", prompt="Nederland droeg bij aan Minusma.", answer=True),
        TextQuestion(id="president", prompt="Hoe heet de president van Mali?", answers=("Goïta",)),
        NumericQuestion(id="budget", prompt="Het budget, in miljard dollar?", answer=1.26,
                        low=1.26, high=1.26, points=2),
        ChoiceQuestion(id="penvoerder", prompt="Wie is penvoerder voor Mali?", choices=(
            Choice("Frankrijk", correct=True), Choice("Rusland"), Choice("China"))),
    ),
)


def answers_of(i: int) -> dict[str, object]:
    """What learner i (0..29) answers: stronger learners (higher i) know more, except on
    'penvoerder', which the ten weakest get right and the rest wrong."""
    return {
        "diop-eis": 0 if i >= 9 else 1,           # 21 right; 'Een nieuw mandaat' never chosen
        "nederland": i % 3 != 0,                   # 20 right, unrelated to strength
        "president": "Goïta" if i >= 15 else ("Keïta" if i < 10 else "Traoré"),  # 15 right
        "budget": "1,26" if i >= 25 else "1,2",    # 5 right, worth 2 points
        "penvoerder": 0 if i < 10 else 2,          # 10 right, all of them weak
    }


MARKS = {  # the mark each learner gets, by hand from the answers above
    "diop-eis": lambda i: 1.0 if i >= 9 else 0.0,
    "nederland": lambda i: 1.0 if i % 3 != 0 else 0.0,
    "president": lambda i: 1.0 if i >= 15 else 0.0,
    "budget": lambda i: 2.0 if i >= 25 else 0.0,
    "penvoerder": lambda i: 1.0 if i < 10 else 0.0,
}


@pytest.fixture(scope="module")
def class_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("class")
    for i in range(LEARNERS):
        quiz = Quiz(BANK, mode="exam", store=str(root / "home" / f"s{i:02}" / "answers.sqlite3"),
                    user=f"s{i:02}", layout="scroll")
        for view in quiz.questions:
            view.answer(answers_of(i)[view.question.id])  # type: ignore[arg-type]
        quiz.submit()
        quiz.store.close()
    output = root / "class.sqlite"
    assert main(["collect", str(root / "home"), "-o", str(output)]) == 0
    return output


def stats_json(class_db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> dict:  # type: ignore[type-arg]
    capsys.readouterr()
    assert main(["stats", str(class_db), "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


def hand_discrimination(question_id: str) -> float:
    """Pearson's r of the item's marks with the rest of each learner's marks, times 100."""
    item = [MARKS[question_id](i) for i in range(LEARNERS)]
    rest = [sum(mark(i) for q, mark in MARKS.items() if q != question_id) for i in range(LEARNERS)]
    return 100 * statistics.correlation(item, rest)


def test_facility_and_discrimination_equal_the_hand_computed_values(
        class_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = stats_json(class_db, capsys)
    assert data["learners"] == 30 and data["n"] == 30
    by_id = {q["id"]: q for q in data["questions"]}
    assert list(by_id) == ["diop-eis", "nederland", "president", "budget", "penvoerder"]
    # facility = mean mark / max mark: counted from answers_of
    assert by_id["diop-eis"]["facility"] == pytest.approx(100 * 21 / 30, abs=0.01)
    assert by_id["nederland"]["facility"] == pytest.approx(100 * 20 / 30, abs=0.01)
    assert by_id["president"]["facility"] == pytest.approx(50.0, abs=0.01)
    assert by_id["budget"]["facility"] == pytest.approx(100 * (5 * 2 / 30) / 2, abs=0.01)
    assert by_id["penvoerder"]["facility"] == pytest.approx(100 * 10 / 30, abs=0.01)
    for question_id in MARKS:
        assert by_id[question_id]["n"] == 30
        assert by_id[question_id]["discrimination"] == pytest.approx(
            hand_discrimination(question_id), abs=0.01)
    assert by_id["penvoerder"]["discrimination"] < -50  # the weak got it right
    # sd of a 0/1 item with p = 0.7 over 30: sqrt(30 * 0.7 * 0.3 / 29), as % of the max mark
    assert by_id["diop-eis"]["sd"] == pytest.approx(100 * (30 * 0.7 * 0.3 / 29) ** 0.5, abs=0.01)


def test_alpha_and_totals_follow_from_the_same_marks(
        class_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = stats_json(class_db, capsys)
    marks = [[MARKS[q](i) for q in MARKS] for i in range(LEARNERS)]
    totals = [sum(row) for row in marks]
    item_variances = sum(statistics.variance(column) for column in zip(*marks))
    alpha = 100 * 5 / 4 * (1 - item_variances / statistics.variance(totals))
    assert data["alpha"] == pytest.approx(alpha, abs=0.01)
    assert data["mean"] == pytest.approx(statistics.fmean(100 * t / 6 for t in totals), abs=0.01)
    assert data["median"] == pytest.approx(statistics.median(100 * t / 6 for t in totals), abs=0.01)
    assert sum(data["distribution"]) == 30


def test_distractors_wrong_answers_and_flags(class_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    by_id = {q["id"]: q for q in stats_json(class_db, capsys)["questions"]}
    assert [(o["text"], o["correct"], o["count"]) for o in by_id["diop-eis"]["options"]] == [
        ("Een onmiddellijke terugtrekking", True, 21), ("Meer blauwhelmen", False, 9),
        ("Een nieuw mandaat", False, 0)]
    assert [(o["text"], o["count"]) for o in by_id["nederland"]["options"]] == [("True", 20), ("False", 10)]
    assert by_id["president"]["wrong_answers"] == [{"answer": "Keïta", "count": 10},
                                                   {"answer": "Traoré", "count": 5}]
    codes = {q: [f["code"] for f in by_id[q]["flags"]] for q in by_id}
    assert "unused-distractor" in codes["diop-eis"]
    assert "negative-discrimination" in codes["penvoerder"]
    assert "very-hard" in codes["budget"]
    assert "common-wrong-answer" in codes["president"]
    assert "low-discrimination" in codes["nederland"]
    assert codes["budget"].count("common-wrong-answer") == 1  # '1,2', 25 of 30


def test_flags_and_headings_in_the_teachers_language(
        class_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["stats", str(class_db), "--language", "nl"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("Bank mali: 30 leerlingen, 30 pogingen (de eerste voltooide poging")
    assert "afleider die niemand koos: 'Een nieuw mandaat'" in text
    assert "10 van 30 leerlingen antwoordden 'Keïta'" in text
    assert "negatieve discriminatie" in text and "Cronbachs alfa" in text


def test_csv_has_a_row_per_question(class_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["stats", str(class_db), "--csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert rows[0] == "bank,id,version,type,n,max_mark,facility,sd,discrimination,efficiency,flags"
    assert [row.split(",")[1] for row in rows[1:]] == list(MARKS)
    assert rows[1].split(",")[6] == "70.00"


def test_attempts_first_last_all(class_db: Path, tmp_path: Path) -> None:
    """A learner who retakes the exam: first counts the first try, last the retake, all both."""
    store = tmp_path / "retaker" / "answers.sqlite3"
    quiz = Quiz(BANK, mode="exam", store=str(store), user="retaker", layout="scroll")
    quiz.submit()  # nothing answered: 0 marks
    quiz.restart()
    for view in quiz.questions:
        view.answer(answers_of(29)[view.question.id])  # type: ignore[arg-type]
    quiz.submit()
    quiz.store.close()
    output = tmp_path / "retakes.sqlite"
    main(["collect", str(store), "-o", str(output)])
    reader = ClassDatabase(output)
    assert bank_stats(reader, "mali", "first").mean == 0.0
    assert bank_stats(reader, "mali", "last").mean == pytest.approx(100 * 5 / 6)  # all but penvoerder
    assert bank_stats(reader, "mali", "all").n == 2


def test_an_edited_question_is_counted_apart_from_its_earlier_version(tmp_path: Path) -> None:
    edited = replace(BANK, questions=(replace(BANK.questions[0], prompt="Wat eiste Diop in New York?"),
                                      *BANK.questions[1:]))
    for i, bank in enumerate((BANK, edited, edited)):
        quiz = Quiz(bank, mode="exam", store=str(tmp_path / f"s{i}.sqlite3"), user=f"s{i}")
        quiz.submit()
        quiz.store.close()
    main(["collect", str(tmp_path), "-o", str(tmp_path / "class.sqlite")])
    stats = bank_stats(ClassDatabase(tmp_path / "class.sqlite"), "mali")
    versions = [(q.id, q.n) for q in stats.questions if q.id == "diop-eis"]
    assert sorted(n for _, n in versions) == [1, 2]


def test_a_students_escape_sequences_never_reach_the_teachers_terminal(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = "\x1b]0;owned\x07\x1b[2J\u202eGoïta"
    for i in range(3):
        quiz = Quiz(BANK, mode="exam", store=str(tmp_path / f"s{i}.sqlite3"), user=f"s{i}",
                    layout="scroll")
        quiz.questions[2].answer(hostile)  # the text question 'president'
        quiz.submit()
        quiz.store.close()
    main(["collect", str(tmp_path), "-o", str(tmp_path / "class.sqlite")])
    capsys.readouterr()
    assert main(["stats", str(tmp_path / "class.sqlite")]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    assert "\\x1b]0;owned\\x07\\x1b[2J\\u202eGoïta' 3" in out


def test_practice_counts_the_first_check_of_completed_sittings_only(tmp_path: Path) -> None:
    """In practice a learner may check again after the feedback: the first check is the mark.
    A practice sitting with a question never checked is not a completed attempt."""
    def practice(learner: str, answers: list[tuple[str, object]]) -> None:
        quiz = Quiz(BANK, store=str(tmp_path / "home" / learner / "answers.sqlite3"), user=learner,
                    layout="scroll")
        views = {view.question.id: view for view in quiz.questions}
        for question_id, response in answers:
            views[question_id].answer(response)  # type: ignore[arg-type]
            press(views[question_id], "check")
        quiz.store.close()

    right = answers_of(29)
    everything = [(q, right[q]) for q in MARKS]
    practice("eager", [("diop-eis", 1), ("diop-eis", 0)] + everything[1:])  # wrong, then right
    practice("steady", everything)
    practice("gone", everything[:3])  # left before the end: not completed
    output = tmp_path / "class.sqlite"
    main(["collect", str(tmp_path / "home"), "-o", str(output)])
    stats = bank_stats(ClassDatabase(output), "mali")
    assert (stats.learners, stats.n) == (2, 2)
    diop = next(q for q in stats.questions if q.id == "diop-eis")
    assert diop.facility == pytest.approx(50.0)  # eager's first check was wrong
    assert [(o.text, o.count) for o in diop.options][:2] == [
        ("Een onmiddellijke terugtrekking", 1), ("Meer blauwhelmen", 1)]
