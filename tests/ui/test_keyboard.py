"""What keeps the quiz usable by keyboard and gives it its look, checked from Python: the one
stylesheet and the browser code that keeps keys for the quiz's controls. Where the focus goes
(Next running out, a moved order item) is the browser code's work now, without a round trip:
tests/browser/test_keyboard.py drives it in JupyterLab."""

from __future__ import annotations

import re

from kwis import Quiz
from .conftest import dutch_bank, move, press


def make(**options: object) -> Quiz:
    return Quiz(dutch_bank(), store=":memory:", seed=7, user="anna", **options)  # type: ignore[arg-type]


def selectors(css: str) -> list[str]:
    body = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules = [rule for rule in body.split("}") if "{" in rule]
    return [s.strip() for rule in rules  # split at the commas outside :is(...)
            for s in re.split(r",(?![^()]*\))", rule.split("{")[0])]


def test_one_stylesheet_per_quiz_scoped_to_the_quiz() -> None:
    quiz = make(layout="scroll")
    css = quiz.get_state()["_css"]
    found = selectors(css)
    assert len(found) > 30
    assert [s for s in found if not s.startswith(".kwis-quiz")] == []  # nothing leaks out
    for verdict in ("kwis-right", "kwis-partial", "kwis-wrong"):
        assert f".kwis-verdict.{verdict}" in css
    assert ":focus-visible" in css
    assert all("<style" not in entry["spec"]["prompt"] for entry in quiz.items)  # not per question


def test_keys_on_the_quiz_controls_stay_with_them() -> None:
    script = make().get_state()["_esm"]
    # bare keys on a control stop at the quiz; Tab, Escape and Ctrl/Alt/Cmd shortcuts go on
    assert 'new Set(["Tab", "Escape"])' in script
    assert "event.ctrlKey || event.metaKey || event.altKey" in script
    assert 'el.addEventListener("keydown", keepForControl)' in script
    assert 'window.addEventListener("keydown", keepBeforeApp, true)' in script  # Notebook 7


def test_next_and_previous_run_out_at_the_ends() -> None:
    quiz = make()
    for _ in range(len(quiz.session.questions) - 1):
        assert not quiz.next_disabled
        press(quiz, "next")
    assert quiz.next_disabled and not quiz.prev_disabled  # the browser moves focus to Previous
    for _ in range(len(quiz.session.questions) - 1):
        press(quiz, "prev")
    assert quiz.prev_disabled and not quiz.next_disabled


def test_a_moved_order_item_is_kept_in_the_kernel() -> None:
    quiz = make()
    view = next(v for v in quiz.questions if v.question.id == "tijdlijn")
    start = view.response()
    move(view, 0, 1)  # the top item one down
    assert view.response() == (start[1], start[0], start[2])
    assert quiz.store.drafts(quiz.sitting.id)["tijdlijn"] == list(view.response())


def test_the_stylesheet_survives_a_new_attempt() -> None:
    quiz = make(mode="exam")
    css = quiz.get_state()["_css"]
    quiz.submit()
    quiz.restart()
    assert quiz.get_state()["_css"] == css
