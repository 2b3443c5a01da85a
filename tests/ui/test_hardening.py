"""The quiz under hostile banks and failing stores (issue 10)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kwis import Quiz
from .conftest import dutch_bank


def test_remote_images_in_the_quiz_follow_the_banks_setting(tmp_path: Path) -> None:
    for allowed in (False, True):
        bank = dutch_bank(remote_images=allowed)
        first = replace(bank.questions[0], prompt="Kijk: ![kaart](https://tracker.example/p.png)")
        bank = replace(bank, questions=(first,) + bank.questions[1:])
        quiz = Quiz(bank, store=str(tmp_path / "a.sqlite3"), user="anna", layout="scroll")
        prompt = next(v for v in quiz.questions if v.question.id == first.id).prompt.value
        assert ("tracker.example" in prompt) is allowed
        assert ("tracker.example" in quiz._repr_mimebundle_()["text/html"]) is allowed
