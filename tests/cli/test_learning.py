"""`kwis progress` and `kwis due` on a store answered through the quiz, looking ahead with --at."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

import kwis
from kwis._model import Bank, Choice, ChoiceQuestion
from kwis.cli import main

MONDAY = datetime(2026, 3, 2, 11, 0, tzinfo=timezone.utc)
BANK = Bank(id="minusma", title="Minusma", language="nl", questions=tuple(
    ChoiceQuestion(id=f"vraag-{n}", prompt=f"Vraag {n}?", tags=("personen" if n % 2 else "cijfers",),
                   shuffle=False, choices=(Choice("Goed", correct=True), Choice("Fout")))
    for n in (1, 2, 3)))


@pytest.fixture
def store(tmp_path: Path) -> Path:
    path = tmp_path / "answers.sqlite3"
    quiz = kwis.Quiz(BANK, store=path, user="anna", clock=MONDAY)
    for view in quiz.questions:
        view.answer(0 if view.question.id == "vraag-1" else 1)
        view.check()
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


def test_due_looks_ahead_with_at(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "due", "--store", str(store), "--at", "2026-03-02T12:00Z", "--json")
    assert code == 0 and json.loads(out)["due"] == []
    assert json.loads(out)["next_due"] == {"anna": "2026-03-03T11:00:00Z"}
    _, out = run(capsys, "due", "--store", str(store), "--at", "2026-03-04T11:00Z", "--json")
    data = json.loads(out)
    assert set(data) == {"at", "due", "next_due"} and data["at"] == "2026-03-04T11:00:00Z"
    assert [(d["question"], d["overdue_days"]) for d in data["due"]] == [
        ("vraag-2", 1.0), ("vraag-3", 1.0), ("vraag-1", 0.0)]
    assert set(data["due"][0]) == {"learner", "bank", "question", "due", "overdue_days"}
    _, text = run(capsys, "due", "--store", str(store), "--at", "2026-03-04T11:00Z")
    assert "anna  minusma  vraag-2  te herhalen sinds" in text and "3 te herhalen op" in text


def test_progress_gives_mastery_per_bank_and_tag(store: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "progress", "--store", str(store), "--at", "2026-03-03T11:00Z",
                    "--json")
    data = json.loads(out)
    (learner,) = data["learners"]
    (bank,) = learner["banks"]
    assert learner["learner"] == "anna" and bank["bank"] == "minusma" and bank["cards"] == 3
    tags = {t["tag"]: t for t in bank["tags"]}
    assert set(tags) == {"personen", "cijfers"} and tags["cijfers"]["cards"] == 1
    assert tags["personen"]["mastery"] > tags["cijfers"]["mastery"]  # vraag-1 was right
    _, later = run(capsys, "progress", "--store", str(store), "--at", "2026-04-03T11:00Z",
                   "--json")
    assert json.loads(later)["learners"][0]["banks"][0]["mastery"] < bank["mastery"]
    _, text = run(capsys, "progress", "--store", str(store), "--at", "2026-03-03T11:00Z")
    assert text.startswith("anna  minusma: ") and "(3 vragen)" in text


def test_a_missing_store_or_a_bad_time_is_a_usage_error(tmp_path: Path, store: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["due", "--store", str(tmp_path / "none.sqlite3")]) == 2
    assert not (tmp_path / "none.sqlite3").exists()  # not made by looking
    assert main(["progress", "--store", str(store), "--at", "next tuesday"]) == 2
    assert "ISO 8601" in capsys.readouterr().err
