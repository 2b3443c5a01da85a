"""What keeps the quiz usable by keyboard and gives it its look, checked from Python: the focus
the kernel hands on, the stylesheet and the key guard. tests/browser/test_keyboard.py drives
the same in JupyterLab."""

from __future__ import annotations

import re

import ipywidgets as widgets
import pytest

from kwis import Quiz
from kwis.ui._controls import OrderControl
from kwis.ui._keys import KeyGuard
from .conftest import dutch_bank


def make(**options: object) -> Quiz:
    return Quiz(dutch_bank(), store=":memory:", seed=7, user="anna", **options)  # type: ignore[arg-type]


@pytest.fixture
def focused(monkeypatch: pytest.MonkeyPatch) -> list[widgets.DOMWidget]:
    """The widgets the kernel asked the browser to focus, in order."""
    calls: list[widgets.DOMWidget] = []
    monkeypatch.setattr(widgets.DOMWidget, "focus", lambda self: calls.append(self))
    return calls


def test_focus_moves_to_previous_when_next_runs_out(focused: list[widgets.DOMWidget]) -> None:
    quiz = make()
    for _ in range(len(quiz.session.questions) - 2):
        quiz.next_button.click()
    assert focused == []  # Next stays enabled: the focus stays on it
    quiz.next_button.click()
    assert quiz.next_button.disabled
    assert focused == [quiz.prev_button]
    for _ in range(len(quiz.session.questions) - 1):
        quiz.prev_button.click()
    assert quiz.prev_button.disabled
    assert focused == [quiz.prev_button, quiz.next_button]


def test_focus_follows_a_moved_order_item(focused: list[widgets.DOMWidget]) -> None:
    view = next(v for v in make().questions if v.question.id == "tijdlijn")
    control = view.control
    assert isinstance(control, OrderControl)
    control.downs[0].click()  # the top item one down: its Down button there
    assert focused == [control.downs[1]]
    control.ups[1].click()  # and back to the top, where Up is disabled: its Down button
    assert control.ups[0].disabled
    assert focused[-1] is control.downs[0]
    last = len(control.order) - 1
    control.downs[last - 1].click()  # to the bottom, where Down is disabled: its Up button
    assert focused[-1] is control.ups[last]


def test_text_fields_send_their_value_on_leaving_not_per_key() -> None:
    # Per key, a fast Tab + Enter on Check could overtake the last keys (see TextControl).
    quiz = make(layout="scroll")
    fields = [w for v in quiz.questions for w in v.inputs if isinstance(w, widgets.Text)]
    assert len(fields) >= 3  # numeric, text and a cloze gap
    assert all(not field.continuous_update for field in fields)


def test_one_stylesheet_and_one_key_guard_per_quiz() -> None:
    quiz = make(layout="scroll")
    styles = [c for c in quiz.children if "kwis-style" in c._dom_classes]
    guards = [c for c in quiz.children if isinstance(c, KeyGuard)]
    assert len(styles) == 1 and len(guards) == 1
    css = styles[0].value
    assert css.startswith("<style>") and css.endswith("</style>")
    body = re.sub(r"/\*.*?\*/", "", css.removeprefix("<style>"), flags=re.S)
    rules = [rule for rule in body.split("}") if "{" in rule]
    selectors = [s.strip() for rule in rules  # split at the commas outside :is(...)
                 for s in re.split(r",(?![^()]*\))", rule.split("{")[0])]
    assert len(selectors) > 30
    assert [s for s in selectors if not s.startswith(".kwis-quiz")] == []  # nothing leaks out
    for verdict in ("kwis-right", "kwis-partial", "kwis-wrong"):
        assert f".kwis-verdict.{verdict}" in css
    assert ":focus-visible" in css


def test_the_stylesheet_survives_a_new_attempt() -> None:
    quiz = make(mode="exam")
    quiz.submit()
    quiz.restart()
    assert sum("kwis-style" in c._dom_classes for c in quiz.children) == 1
    assert sum(isinstance(c, KeyGuard) for c in quiz.children) == 1
