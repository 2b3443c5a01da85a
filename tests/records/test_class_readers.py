"""`kwis stats` reads a PostgreSQL class directly, and a class pulled from an LRS with
`kwis collect --from-lrs`, giving the same figures as for collected SQLite stores."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from kwis.cli import main
from kwis.grading._grade import correct_response
from kwis.records._postgres import PostgresStore
from kwis.records._store import AnswerStore
from kwis.ui._widget import Quiz
from tests.records.test_class_security import make_class
from tests.servers.ralph import USER, RalphServer
from tests.ui.conftest import dutch_bank

LEARNERS = ("anna", "bram", "carla", "dirk")


def take_exam(quiz: Quiz, right: int) -> None:
    """Answers the first `right` questions right and the rest wrong, then submits."""
    for n, view in enumerate(quiz.questions):
        response = correct_response(view.question)
        view.answer(response if n < right else _wrong(response))
    quiz.submit()


def _wrong(response: object) -> object:
    if isinstance(response, bool):
        return not response
    if isinstance(response, int):
        return response + 1
    if isinstance(response, str):
        return "niets"
    return response


def stats_json(target: str, capsys: pytest.CaptureFixture[str],
               bank: str = "minusma-widgets") -> dict[str, object]:
    assert main(["stats", target, "--json", "--bank", bank]) == 0, capsys.readouterr().err
    return dict(json.loads(capsys.readouterr().out))


def test_stats_of_a_postgresql_class_match_those_of_collected_stores(
        class_url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    urls = make_class(class_url, capsys, LEARNERS)
    bank = dutch_bank()
    for n, learner in enumerate(LEARNERS):
        store = PostgresStore(urls[learner], outbox=tmp_path / f"{learner}.outbox")
        take_exam(Quiz(bank, "exam", store=store, user=learner), right=n + 2)
        store.close()
        local = AnswerStore(tmp_path / "homes" / learner / "answers.sqlite3")
        take_exam(Quiz(bank, "exam", store=local, user=learner), right=n + 2)
        local.close()
    assert main(["collect", str(tmp_path / "homes"), "-o", str(tmp_path / "class.sqlite")]) == 0
    capsys.readouterr()
    from_files = stats_json(str(tmp_path / "class.sqlite"), capsys)
    from_postgres = stats_json(urls["teacher"], capsys)
    assert from_postgres == from_files
    assert from_postgres["learners"] == len(LEARNERS) and from_postgres["questions"]


def test_a_class_from_the_lrs_gives_the_same_stats(ralph: RalphServer, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KWIS_LRS", ralph.url)
    monkeypatch.setenv("KWIS_LRS_USER", USER)
    monkeypatch.setenv("KWIS_LRS_PASSWORD", ralph.password)
    monkeypatch.setenv("KWIS_HUB_URL", "https://hub.lrs-test.example")
    # A bank of its own: the session's LRS also holds other tests' statements.
    bank = replace(dutch_bank(), id="minusma-lrs")
    for n, learner in enumerate(LEARNERS):
        local = AnswerStore(tmp_path / "homes" / learner / "answers.sqlite3")
        quiz = Quiz(bank, "exam", store=local, user=f"lrs-{learner}")
        take_exam(quiz, right=n + 2)
        assert quiz.lrs is not None and quiz.lrs.flush() == 0, quiz.lrs.last_error
        local.close()
    assert main(["collect", str(tmp_path / "homes"), "-o", str(tmp_path / "files.sqlite")]) == 0
    assert main(["collect", "--from-lrs", ralph.url, "-o", str(tmp_path / "lrs.sqlite")]) == 0
    assert main(["collect", "--from-lrs", ralph.url, "-o", str(tmp_path / "lrs.sqlite")]) == 0
    assert "0 new answers" in capsys.readouterr().err.splitlines()[-1]  # nothing twice
    from_files = stats_json(str(tmp_path / "files.sqlite"), capsys, bank.id)
    from_lrs = stats_json(str(tmp_path / "lrs.sqlite"), capsys, bank.id)
    assert from_lrs["learners"] == len(LEARNERS)
    # The LRS carries no question content: only the per-question figures need it.
    assert {k: v for k, v in from_lrs.items() if k != "questions"} == {
        k: v for k, v in from_files.items() if k != "questions"}
