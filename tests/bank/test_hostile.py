"""Hostile banks (issue 10): each is refused with a clear problem, or loads safely; never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from kwis.bank._loader import read_bank, read_bank_text

from tests.bank.test_loader import CHOICE, DUTCH_HEADER, HEADER, only


@pytest.mark.parametrize("char", ["\x01", "\x1b", "\x7f", "\x9b", "\ufffe"])
def test_control_characters_are_refused_at_load_time(tmp_path: Path, char: str) -> None:
    escaped = f"\\u{ord(char):04x}"
    body = CHOICE.replace("prompt: Wat eiste Diop?", f'prompt: "Wat eiste{escaped} Diop?"')
    problem = only(tmp_path, body)
    assert problem.path == "$.questions[0].prompt"
    assert f"U+{ord(char):04X}" in problem.message and "character 10" in problem.message
    assert problem.line == 8


def test_control_characters_are_explained_in_dutch(tmp_path: Path) -> None:
    body = CHOICE.replace("prompt: Wat eiste Diop?", 'prompt: "Wat eiste\\x01 Diop?"')
    problem = only(tmp_path, body, DUTCH_HEADER)
    assert "stuurteken U+0001" in problem.message and "typ hem opnieuw" in problem.fix


def test_tabs_and_line_breaks_are_still_text() -> None:
    loaded = read_bank_text(HEADER + CHOICE.replace("prompt: Wat eiste Diop?", 'prompt: "Wat\\teiste\\r\\nDiop?"'))
    assert loaded.bank is not None, [p.format() for p in loaded.problems]


def test_remote_images_setting_is_read(tmp_path: Path) -> None:
    header = HEADER.replace("questions:", "settings: {remote_images: true}\nquestions:")
    loaded = read_bank_text(header + CHOICE)
    assert loaded.bank is not None and loaded.bank.settings.remote_images
    assert not read_bank(tmp_path / "missing.yaml").bank


def test_a_pattern_with_nested_repetition_gets_a_warning(tmp_path: Path) -> None:
    body = """\
  - id: q1
    type: text
    prompt: Wie?
    answers: [Goïta]
    pattern: "(a+)+$"
"""
    problem = only(tmp_path, body)
    assert problem.severity == "warning" and problem.path == "$.questions[0].pattern"
    assert "(a+)+$" in problem.message and "`a+` instead of `(a+)+`" in problem.fix


def test_a_pattern_re2_cannot_run_is_an_error_that_says_why(tmp_path: Path) -> None:
    body = """\
  - id: q1
    type: text
    prompt: Wie?
    answers: [Goïta]
    pattern: "(?=G)Go.ta"
"""
    problem = only(tmp_path, body)
    assert problem.severity == "error" and "look-around" in problem.fix
    assert "b'" not in problem.message
