"""`kwis notebook`: the generated student notebook runs cleanly under nbval."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kwis
from kwis.teacher._notebook import student_notebook

DATA = Path(__file__).parent.parent / "data"


def test_notebook_cells_and_kernel(tmp_path: Path) -> None:
    bank = kwis.load_bank(DATA / "teacher-all-types.yaml")
    notebook = student_notebook(bank, DATA / "teacher-all-types.yaml", tmp_path / "nb" / "quiz.ipynb")
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    assert [c.cell_type for c in notebook.cells] == ["markdown", "code", "markdown", "code"]
    assert notebook.cells[0].source.startswith("# Minusma in Mali — één vraag per type")
    assert "Deze quiz heeft 10 vragen." in notebook.cells[0].source
    relative = os.path.relpath(DATA / "teacher-all-types.yaml", tmp_path / "nb")
    assert f"kwis.Quiz({Path(relative).as_posix()!r})" in notebook.cells[1].source
    assert notebook.cells[3].source == "quiz.result_view()"  # progress, score and summary


def test_generated_notebook_runs_under_nbval(tmp_path: Path) -> None:
    shutil.copy(DATA / "teacher-all-types.yaml", tmp_path / "bank.yaml")
    made = subprocess.run([sys.executable, "-m", "kwis", "notebook", "bank.yaml", "-o", "quiz.ipynb"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    assert json.loads((tmp_path / "quiz.ipynb").read_text(encoding="utf-8"))["nbformat"] == 4
    (tmp_path / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    env = dict(os.environ, KWIS_STORE=str(tmp_path / "answers.sqlite3"))
    run = subprocess.run([sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q",
                          "quiz.ipynb"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "2 passed" in run.stdout  # the two code cells: quiz and summary
    assert (tmp_path / "answers.sqlite3").exists()


def test_a_student_copy_gets_an_exam_notebook_that_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for argv in (["export", str(DATA / "teacher-all-types.yaml"), "--to", "student", "-o", "kopie.yaml"],
                 ["notebook", "kopie.yaml", "-o", "toets.ipynb"]):
        done = subprocess.run([sys.executable, "-m", "kwis", *argv], cwd=tmp_path, capture_output=True, text=True,
                              timeout=120)
        assert done.returncode == 0, done.stderr
    cells = json.loads((tmp_path / "toets.ipynb").read_text(encoding="utf-8"))["cells"]
    assert "Deze toets heeft 10 vragen." in "".join(cells[0]["source"])
    assert "kwis.Quiz('kopie.yaml', mode=\"exam\")" in "".join(cells[1]["source"])
    assert "".join(cells[2]["source"]).startswith("## Ingeleverd?")
    monkeypatch.chdir(tmp_path)  # the cells run where the notebook is, as in a kernel
    monkeypatch.setenv("KWIS_STORE", str(tmp_path / "answers.sqlite3"))
    names: dict[str, object] = {}
    for cell in (cells[1], cells[3]):
        exec("".join(cell["source"]), names)  # noqa: S102  # the generated code, not student input
    quiz = names["quiz"]
    assert isinstance(quiz, kwis.Quiz) and quiz.mode == "exam" and quiz.bank.keyless
