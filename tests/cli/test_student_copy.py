"""`kwis export BANK --to student -o COPY`: the copy validates and lints; it cannot be exported to
an LMS format (it has no answers to carry), and says so in the bank's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from kwis.cli import main

ROOT = Path(__file__).resolve().parents[2]
MINUSMA = ROOT / "quizzes" / "minusma.nl.yaml"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_export_to_student_writes_a_copy_that_validates_and_lints(tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "minusma.student.yaml"
    code, out, err = run(capsys, "export", str(MINUSMA), "--to", "student", "-o", str(copy))
    assert (code, out) == (0, "")
    assert err.splitlines()[0] == (f"student: 54 vragen zonder antwoorden, uitleg, feedback of broncitaten; toetsen "
                                   f"daarop kijk je na met `kwis grade KLAS --bank {MINUSMA}`")
    assert copy.read_text(encoding="utf-8").splitlines()[5] == "student_copy:"
    assert run(capsys, "validate", str(copy))[2] == "1 bank checked, 54 questions: 0 errors, 0 warnings\n"
    assert run(capsys, "lint", str(copy))[0] == 0


@pytest.mark.parametrize("language, words", [("nl", "is een studentenkopie zonder antwoorden"),
                                             ("en", "is a student copy without answers")])
def test_a_copy_is_not_exported_to_an_lms_format(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 language: str, words: str) -> None:
    copy = tmp_path / "copy.yaml"
    source = ROOT / "quizzes" / f"minusma.{language}.yaml"
    assert run(capsys, "export", str(source), "--to", "student", "-o", str(copy))[0] == 0
    code, out, err = run(capsys, "export", str(copy), "--to", "gift")
    assert (code, out) == (1, "")
    assert err.startswith(f"kwis: error: {copy} {words}") and "Traceback" not in err


@pytest.mark.parametrize("target, words", [
    ("missing.sqlite", "kan {tmp}/missing.sqlite niet lezen: "),
    ("postgresql://docent:geheim@127.0.0.1:1/klas", "kan postgresql://docent@127.0.0.1:1/klas niet lezen: "),
])
def test_grade_on_a_class_it_cannot_open_says_why_without_a_password(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str, words: str) -> None:
    where = str(tmp_path / target) if not target.startswith("postgresql") else target
    code, out, err = run(capsys, "grade", where, "--bank", str(MINUSMA))
    assert (code, out) == (2, "")
    assert err.startswith("kwis: error: " + words.format(tmp=tmp_path)) and "geheim" not in err
    assert "Traceback" not in err


def test_grade_with_a_broken_full_bank_reports_its_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "full.yaml"
    broken.write_text(MINUSMA.read_text(encoding="utf-8").replace("type: true-false", "type: waar-onwaar", 1),
                      encoding="utf-8")
    code, out, err = run(capsys, "grade", str(tmp_path / "class.sqlite"), "--bank", str(broken))
    assert code == 1 and f"{broken}:" in err and "error:" in err
