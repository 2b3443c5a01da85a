"""`%load_ext kwis` and `%quiz` in a real IPython shell."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from IPython.testing.globalipapp import start_ipython

BANK = Path(__file__).parent.parent / "data" / "widgets-minusma.nl.yaml"


@pytest.fixture(scope="module")
def ipython() -> Iterator[object]:
    shell = start_ipython()
    assert shell is not None
    shell.run_line_magic("load_ext", "kwis")
    yield shell


def test_quiz_magic_displays_the_quiz(ipython, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = tmp_path / "a.sqlite3"
    ipython.run_line_magic("quiz", f"{BANK} --tags Wagner --count 1 --mode exam --store {store}")
    out = capsys.readouterr().out
    assert "Quiz: Mali wijst VN-vredesmissie Minusma de deur (1 vraag, toets)" in out
    assert store.exists()


def test_quiz_magic_reports_a_bad_bank_without_traceback(ipython, capsys, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "kapot.yaml"
    bad.write_text("kwis: 1\nid: Kapot Bank\ntitle: x\nlanguage: nl\nquestions: []\n")
    ipython.run_line_magic("quiz", str(bad))
    err = capsys.readouterr().err
    assert "kapot.yaml:2:" in err and "Traceback" not in err


def test_quiz_magic_reports_bad_arguments(ipython, capsys) -> None:  # type: ignore[no-untyped-def]
    ipython.run_line_magic("quiz", f"{BANK} --count veel")
    err = capsys.readouterr().err
    assert "%quiz: argument --count: invalid int value: 'veel'" in err
    assert "Usage: %quiz BANK.yaml" in err
    ipython.run_line_magic("quiz", f"{BANK} --tags Frankrijk --store :memory:")
    assert "Geen vraag in bank 'widgets-minusma' heeft de tag(s) Frankrijk" in capsys.readouterr().err
