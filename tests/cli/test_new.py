"""`kwis new` (a starter bank) and `kwis example` (the MINUSMA banks): where a teacher starts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from kwis import load_bank
from kwis.cli import main
from kwis.teacher._example import EXAMPLE_FILES

ROOT = Path(__file__).resolve().parents[2]
TYPES = {"choice", "multiple", "true-false", "numeric", "text", "cloze", "order", "match"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("language", ["nl", "en"])
def test_new_starter_validates_and_lints_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               language: str) -> None:
    bank = tmp_path / "course" / "week-1.yaml"
    bank.parent.mkdir()
    code, _, err = run(capsys, "new", str(bank), "--language", language)
    assert code == 0, err
    assert run(capsys, "validate", str(bank))[1:] == ("", "1 bank checked, 8 questions: 0 errors, 0 warnings\n")
    assert run(capsys, "lint", str(bank))[1:] == ("", "1 bank linted: 0 errors, 0 warnings\n")
    loaded = load_bank(bank)
    assert (loaded.id, loaded.language) == ("week-1", language)
    assert {q.type for q in loaded.questions} == TYPES
    text = bank.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=bank.schema.json\n")
    assert (bank.parent / "sources" / "week-1.txt").is_file()
    schema = (ROOT / "quizzes" / "bank.schema.json").read_text(encoding="utf-8")
    assert (bank.parent / "bank.schema.json").read_text(encoding="utf-8") == schema


def test_new_explains_in_the_chosen_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "new", str(tmp_path / "nl.yaml"), "--language", "nl")
    run(capsys, "new", str(tmp_path / "en.yaml"), "--language", "en")
    assert "# de titel die leerlingen zien" in (tmp_path / "nl.yaml").read_text(encoding="utf-8")
    assert "# the title students see" in (tmp_path / "en.yaml").read_text(encoding="utf-8")


def test_new_with_own_source_names_it_and_leaves_the_quotes_to_the_teacher(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "texts" / "nijl.txt"
    text.parent.mkdir()
    text.write_text("De Nijl: de langste rivier\n\nDe Nijl stroomt door elf landen.\n", encoding="utf-8")
    bank = tmp_path / "banks" / "nijl.yaml"
    bank.parent.mkdir()
    assert run(capsys, "new", str(bank), "--source", str(text))[0] == 0
    loaded = load_bank(bank)
    assert loaded.source is not None
    # outside the bank's folder: copied in, as kwis reads sources only there (docs/security.md)
    assert (loaded.source.title, loaded.source.file) == ("De Nijl: de langste rivier", "sources/nijl.txt")
    assert (bank.parent / "sources" / "nijl.txt").read_text(encoding="utf-8") == text.read_text(encoding="utf-8")
    code, out, err = run(capsys, "lint", str(bank))
    assert code == 0 and err == "1 bank linted: 0 errors, 8 warnings\n"
    assert out.count("[W112]") == 8 and "geen broncitaat" in out


def test_new_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / "mine.yaml"
    bank.write_text("kwis: 1\n", encoding="utf-8")
    code, _, err = run(capsys, "new", str(bank), "--language", "en")
    assert code == 2
    assert err == f"kwis: error: {bank} exists already: choose another name or remove it first\n"
    assert bank.read_text(encoding="utf-8") == "kwis: 1\n"


def test_new_reports_a_missing_source_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "new", str(tmp_path / "b.yaml"), "--source", str(tmp_path / "weg.txt"))
    assert code == 2 and err == f"kwis: error: kan de brontekst {tmp_path / 'weg.txt'} niet lezen\n"
    assert not (tmp_path / "b.yaml").exists()


def test_the_starter_notebook_runs_under_nbval(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / "start.yaml"
    assert run(capsys, "new", str(bank), "--language", "en")[0] == 0
    assert run(capsys, "notebook", str(bank), "-o", str(tmp_path / "start.ipynb"))[0] == 0
    done = subprocess.run([sys.executable, "-m", "pytest", "--nbval", "-q", "-p", "no:cacheprovider",
                           "start.ipynb"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout
    assert "2 passed" in done.stdout  # both code cells ran without an error


def test_example_copies_the_minusma_banks_with_notebooks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "voorbeeld"
    assert run(capsys, "example", str(folder))[0] == 0
    for name in EXAMPLE_FILES:
        assert (folder / name).read_bytes() == (ROOT / "quizzes" / name).read_bytes()
    for language in ("nl", "en"):
        notebook = (folder / f"minusma-quiz.{language}.ipynb").read_text(encoding="utf-8")
        assert f"kwis.Quiz('minusma.{language}.yaml')" in notebook
    assert run(capsys, "validate", str(folder))[0] == 0
    code, _, err = run(capsys, "example", str(folder))
    assert code == 2 and "exists already" in err
