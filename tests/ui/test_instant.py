"""Instant feedback in practice (issue 13): once the page says it has drawn the quiz (`ready`),
the kernel sends, for each shown question with few possible answers (choice, true/false, small
multiple, order, match and dropdown cloze), the feedback state of every answer the page can give, so a Check shows its verdict without waiting for the
kernel. These tests check that each precomputed state is exactly what the kernel sends after a
Check of that answer, that the kernel still grades and records every Check, and that paged
quizzes send tables only for the shown question. (Exams and student copies get none:
tests/ui/test_exam_state.py.)"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kwis.bank import load_bank
from kwis.records._store import AnswerStore
from kwis.ui._widget import Quiz
from tests.ui.conftest import give, press, send

QUIZZES = Path(__file__).resolve().parents[2] / "quizzes"


def recording(quiz: Quiz, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every custom message the kernel sends to the page from now on."""
    sent: list[dict[str, Any]] = []
    monkeypatch.setattr(quiz, "send", lambda content, buffers=None: sent.append(content))
    return sent


def page_state(table: dict[str, Any], value: Any) -> tuple[str, list[str]]:
    """What _quiz.js shows for `value` on Check: the response's own start plus the shared tail."""
    head, marks = table["table"][json.dumps(value, separators=(",", ":"), ensure_ascii=False)]
    return head + table["tail"], marks


INSTANT_TYPES = {"choice", "true-false", "multiple", "order", "match", "cloze"}


@pytest.mark.parametrize("name", ["minusma.nl.yaml", "minusma.en.yaml"])
def test_every_precomputed_state_is_what_the_kernel_sends_after_that_check(
        name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bank = load_bank(QUIZZES / name)
    store = AnswerStore(tmp_path / "answers.sqlite3")
    quiz = Quiz(bank, "practice", store=store, user="anna", layout="scroll")
    sent = recording(quiz, monkeypatch)
    send(quiz, kind="ready")
    tables = {m["id"]: m for m in sent if m["kind"] == "instant"}
    views = {v.key: v for v in quiz.questions}
    assert {views[key].question.type for key in tables} <= INSTANT_TYPES
    # Every choice, true/false and order question of at most four items has a table, and so do
    # match questions and dropdown-only clozes with few full answers.
    assert {v.key for v in views.values() if v.question.type in ("choice", "true-false")
            or (v.question.type == "order" and len(v.question.items) <= 4)} <= set(tables)
    assert "order" in {views[key].question.type for key in tables}
    assert {"match", "cloze"} <= {views[key].question.type for key in tables}
    checks = 0
    verdicts: list[str] = []
    for key, table in tables.items():
        view = views[key]
        values = [value for value in view.control.every_value() or []
                  if json.dumps(value, separators=(",", ":"), ensure_ascii=False) in table["table"]]
        assert values and len(values) == len(table["table"])
        for value in values:
            sent.clear()
            give(view, value)
            press(view, "check")
            checks += 1
            live = [m for m in sent if m["kind"] == "live" and m["id"] == view.key][-1]["live"]
            assert (live["feedback"], live["marks"]) == page_state(table, value)
            assert live["value"] == value and not live["disabled"]
            verdicts.append(live["feedback"])
    assert any("kwis-right" in html for html in verdicts) and any("kwis-wrong" in html for html in verdicts)
    assert len(quiz.results()) == checks  # the kernel graded and stored every Check
    store.close()


def test_open_answers_and_partial_matches_get_no_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Numeric and text answers, typed gaps and match questions with too many full answers go
    through the kernel; a partly answered match is not in its table (the kernel answers it)."""
    from tests.ui.conftest import dutch_bank

    quiz = Quiz(dutch_bank(), "practice", store=AnswerStore(tmp_path / "a.sqlite3"), user="anna",
                layout="scroll")
    sent = recording(quiz, monkeypatch)
    send(quiz, kind="ready")
    tabled = {m["id"]: m for m in sent if m["kind"] == "instant"}
    types = {v.question.type: v for v in quiz.questions}
    for kind in ("numeric", "text", "cloze"):  # the cloze here has a typed gap
        assert types[kind].key not in tabled
    match = tabled[types["match"].key]  # 3 rows, 4 options: 64 full answers
    assert len(match["table"]) == 4 ** 3
    partial = json.dumps(["Sahel-onderzoeker", "", ""], ensure_ascii=False, separators=(",", ":"))
    assert partial not in match["table"]
    order = tabled[types["order"].key]
    assert len(order["table"]) == 6  # 3! orders


def test_multiple_answer_tables_cover_every_combination_and_match_the_kernel(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.ui.conftest import dutch_bank

    quiz = Quiz(dutch_bank(), "practice", store=AnswerStore(tmp_path / "a.sqlite3"), user="anna",
                layout="scroll")
    view = next(v for v in quiz.questions if v.question.type == "multiple")
    sent = recording(quiz, monkeypatch)
    send(quiz, kind="ready")
    table = next(m for m in sent if m["kind"] == "instant" and m["id"] == view.key)
    assert len(table["table"]) == 2 ** 4 - 1  # every non-empty set of the four boxes
    for value in ([0], [1, 3], [0, 1, 2, 3]):
        sent.clear()
        give(view, value)
        press(view, "check")
        live = next(m["live"] for m in sent if m["kind"] == "live")
        assert (live["feedback"], live["marks"]) == page_state(table, value)
    assert table["tail"] and all(table["tail"] not in head for head, _ in table["table"].values())


def test_paged_sends_only_the_shown_question_and_the_next_one_after_paging(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    quiz = Quiz(QUIZZES / "minusma.nl.yaml", "practice", store=AnswerStore(tmp_path / "a.sqlite3"),
                user="anna")
    sent = recording(quiz, monkeypatch)
    send(quiz, kind="ready")
    assert [m["i"] for m in sent if m["kind"] == "instant"] in ([], [0])
    assert len(quiz._views) == 1  # no other question was built, let alone graded
    for _ in range(len(quiz.bank.questions) - 1):
        sent.clear()
        press(quiz, "next")
        send(quiz, kind="ready")  # the page drew the next question
        instant = [m for m in sent if m["kind"] == "instant"]
        view = quiz.view(quiz.current)
        fits = view.control.every_value() is not None
        assert [m["i"] for m in instant] == ([quiz.current] if fits else [])
        assert view.question.type not in ("numeric", "text") or not fits
