"""`kwis validate` and `kwis info` never print a bank's control characters raw (issue 10, item 9):
an unknown key or a title with `\\e[...` would erase lines or set the terminal's title."""

from __future__ import annotations

from pathlib import Path

import pytest

from kwis.cli import main

BANK = """\
kwis: 1
id: escapes
title: "Titel\\e]0;gehackt\\a"
language: nl
"\\e[2K\\e[1Aonbekend": 1
questions:
  - {id: q1, type: true-false, prompt: "Waar?\\u202e", answer: true}
"""


def test_validate_shows_control_characters_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text(BANK, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "\x1b" not in out + err and "\x07" not in out + err
    assert "\\x1b[2K\\x1b[1Aonbekend" in out
    assert "U+001B" in out  # the title's escape is refused at load time, named by its code


def test_info_shows_a_loaded_banks_text_escaped(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text("kwis: 1\nid: x\ntitle: \"Titel \\u202e omgekeerd\"\nlanguage: nl\n"
                    "questions:\n  - {id: q1, type: true-false, prompt: Waar?, answer: true}\n", encoding="utf-8")
    assert main(["info", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out and "Titel \\u202e omgekeerd" in out
