"""Spaced review as the student meets it, on a fixed clock moved through weeks: the quiz's
summary says what comes back when, `kwis.review` asks what is due (most overdue first, a daily
limit), the schedule survives a new process, and the progress view's plots are valid Vega-Lite."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import time

import jsonschema
import pytest

import kwis
from kwis._model import Bank, Choice, ChoiceQuestion
from kwis.ui import Progress, ReviewQuiz, review

MONDAY = datetime(2026, 3, 2, 11, 0, tzinfo=timezone.utc)
SCHEMA = Path(__import__("altair").__file__).parent / "vegalite" / "v5" / "schema" / \
    "vega-lite-schema.json"


@pytest.fixture(autouse=True)
def amsterdam(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The learner lives in Amsterdam (UTC+1 in March): days and dates are local ones."""
    monkeypatch.setenv("TZ", "Europe/Amsterdam")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def question(number: int, tag: str) -> ChoiceQuestion:
    return ChoiceQuestion(id=f"vraag-{number}", prompt=f"Vraag {number}?", tags=(tag,),
                          hint="Lees de eerste alinea.", shuffle=False,
                          choices=(Choice("Goed", correct=True), Choice("Fout")))


def bank(language: str = "nl", count: int = 5) -> Bank:
    tags = ("diplomatie", "personen")
    return Bank(id=f"minusma-{language}", title="Minusma", language=language,
                questions=tuple(question(n, tags[n % 2]) for n in range(1, count + 1)))


def take(quiz: kwis.Quiz, right: set[str] | None = None) -> None:
    """Answers every question: right for the ids in `right` (all when None), else wrong."""
    for view in quiz.questions:
        base = view.question.id.rsplit("__", 1)[-1]
        view.answer(0 if right is None or base in right else 1)
        view.check()


def test_the_summary_says_what_comes_back_when(tmp_path: Path) -> None:
    store = tmp_path / "answers.sqlite3"
    quiz = kwis.Quiz(bank(), store=store, user="anna", clock=MONDAY)
    take(quiz, right={"vraag-1", "vraag-2"})
    assert "3 vragen komen morgen terug en 2 over 2 dagen." in quiz.summary
    english = kwis.Quiz(bank("en", 1), store=store, user="anna", clock=MONDAY)
    take(english, right=set())
    assert "1 question comes back tomorrow." in english.summary


def test_review_asks_what_is_due_most_overdue_first_and_only_then(tmp_path: Path) -> None:
    store = tmp_path / "answers.sqlite3"
    take(kwis.Quiz(bank(), store=store, user="anna", clock=MONDAY), right={"vraag-1", "vraag-2"})
    early = review(bank(), store=store, user="anna", clock=MONDAY + timedelta(hours=10))
    assert early.session.questions == ()
    assert early.message == "Nu niets te herhalen. De volgende herhaling is morgen (3 maart)."
    tuesday = review(bank(), store=store, user="anna", clock=MONDAY + timedelta(days=1))
    assert [q.id for q in tuesday.session.questions] == [
        "minusma-nl__vraag-3", "minusma-nl__vraag-4", "minusma-nl__vraag-5"]
    take(tuesday)
    assert "3 vragen komen over 2 dagen terug." in tuesday.summary
    thursday = review(bank(), store=store, user="anna", clock=MONDAY + timedelta(days=3))
    # vraag-1 and 2 were due on Wednesday, 3 to 5 only today: most overdue first
    assert [q.id.rsplit("__")[-1] for q in thursday.session.questions][:2] == ["vraag-1", "vraag-2"]
    attempts = kwis.Quiz(bank(), store=store, user="anna").store.attempts(user="anna")
    assert {a.bank_id for a in attempts} == {"minusma-nl"}  # stored under the bank, not the review


def test_right_three_times_is_not_due_for_weeks(tmp_path: Path) -> None:
    store = tmp_path / "answers.sqlite3"
    take(kwis.Quiz(bank(count=1), store=store, user="anna", clock=MONDAY))
    day = MONDAY
    for _ in range(2):
        while not review(bank(count=1), store=store, user="anna", clock=day).session.questions:
            day += timedelta(days=1)
        take(review(bank(count=1), store=store, user="anna", clock=day))
    for weeks in (1, 2, 3, 4):
        later = day + timedelta(weeks=weeks)
        assert review(bank(count=1), store=store, user="anna", clock=later).session.questions == ()


def test_the_daily_limit_holds_and_the_rest_comes_tomorrow(tmp_path: Path) -> None:
    store = tmp_path / "answers.sqlite3"
    take(kwis.Quiz(bank(), store=store, user="anna", clock=MONDAY), right=set())
    tuesday = MONDAY + timedelta(days=1)
    first = review(bank(), store=store, user="anna", clock=tuesday, limit=3)
    assert len(first.session.questions) == 3
    take(first, right=set())
    again = review(bank(), store=store, user="anna", clock=tuesday + timedelta(hours=1), limit=3)
    assert again.session.questions == ()
    assert "daglimiet van 3" in again.message
    wednesday = review(bank(), store=store, user="anna", clock=tuesday + timedelta(days=1), limit=3)
    assert len(wednesday.session.questions) == 3


def test_after_a_restart_the_schedule_is_the_same(tmp_path: Path) -> None:
    store = tmp_path / "answers.sqlite3"
    take(kwis.Quiz(bank(), store=store, user="anna", clock=MONDAY), right={"vraag-1"})
    script = (
        "import json, sys, datetime as dt\n"
        "sys.path.insert(0, sys.argv[3])\n"
        "from test_review import bank\n"
        "from kwis.ui import review\n"
        "at = dt.datetime.fromisoformat(sys.argv[2])\n"
        "quiz = review(bank(), store=sys.argv[1], user='anna', clock=at)\n"
        "print(json.dumps([q.id for q in quiz.session.questions]))\n"
    )
    for days in (1, 2, 9):
        at = MONDAY + timedelta(days=days)
        here = [q.id for q in review(bank(), store=store, user="anna", clock=at).session.questions]
        there = subprocess.run([sys.executable, "-c", script, str(store), at.isoformat(),
                                str(Path(__file__).parent)],
                               capture_output=True, text=True, check=True)
        assert json.loads(there.stdout) == here


def test_a_hint_makes_a_right_answer_hard_and_a_review_of_an_exam_counts(tmp_path: Path) -> None:
    store = tmp_path / "answers.sqlite3"
    quiz = kwis.Quiz(bank(count=2), store=store, user="anna", clock=MONDAY)
    quiz.questions[0].show_hint()
    take(quiz)
    reviews = {r.card: r.rating for r in quiz.store.reviews(learner="anna")}  # type: ignore[attr-defined]
    assert sorted(reviews.values()) == [2, 3]
    exam = kwis.Quiz(bank("en", 2), mode="exam", store=store, user="anna", clock=MONDAY)
    exam.questions[0].answer(1)
    exam.submit()
    ratings = sorted(r.rating for r in exam.store.reviews(learner="anna")  # type: ignore[attr-defined]
                     if r.mode == "exam")
    assert ratings == [1, 1]  # one wrong, one unanswered: both again


def test_nothing_answered_yet_says_so() -> None:
    quiz = review(bank("en"), store=":memory:", user="anna", clock=MONDAY)
    assert isinstance(quiz, ReviewQuiz) and quiz.session.questions == ()
    assert quiz.message.startswith("No question to review yet")


def vega_lite_errors(spec: dict[str, Any]) -> list[str]:
    validator = jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    return [error.message for error in validator.iter_errors(spec)]


def test_progress_shows_bars_and_valid_plots_with_titles_and_text(tmp_path: Path) -> None:
    store = tmp_path / "answers.sqlite3"
    partial = Bank(id="minusma-nl", title="Minusma", language="nl",
                   questions=bank().questions + (question(9, "tijdlijn"),))
    take(kwis.Quiz(bank(), store=store, user="anna", clock=MONDAY), right={"vraag-1"})
    view = Progress(partial, store=store, user="anna", clock=MONDAY + timedelta(days=6))
    assert "tijdlijn: nog niet geoefend" in view.text()
    assert 'aria-label="tijdlijn: nog niet geoefend"' in view.mastery_html()
    for chart in view.charts():
        assert vega_lite_errors(chart) == []
        assert chart["title"] and chart["description"].startswith(chart["title"])
        assert all(channel["title"] for channel in (chart["encoding"]["x"], chart["encoding"]["y"]))
        assert "color" not in json.dumps(chart.get("config", {}))  # the theme's colours
    outputs = view.outputs()
    assert sum("application/vnd.vegalite.v5+json" in o for o in outputs) == 3
    assert all("text/plain" in o for o in outputs)


@pytest.mark.parametrize("language, title", [("nl", "Je voortgang"), ("en", "Your progress")])
def test_progress_speaks_the_banks_language(language: str, title: str) -> None:
    assert Progress(bank(language), store=":memory:", user="anna", clock=MONDAY).text() \
        .startswith(title)
