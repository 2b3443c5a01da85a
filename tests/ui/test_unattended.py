"""A notebook run by a tool (nbconvert --execute, nbval, papermill) never writes into the teacher's
own answer store; a person's run in JupyterLab (allow_stdin) does, and so does Voilà.

Failed before: `jupyter nbconvert --execute` of a student notebook, without `KWIS_STORE`, created
the teacher's `answers.sqlite3` and wrote a sitting into it.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parents[2]


def _environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "KWIS_STORE" and not k.startswith("VOILA_")}
    env.update(XDG_DATA_HOME=str(tmp_path / "data"), HOME=str(tmp_path / "home"), **extra)
    return env


def _own_store(tmp_path: Path) -> Path:
    return tmp_path / "data" / "kwis" / "answers.sqlite3"


def _sittings(store: Path) -> int:
    with sqlite3.connect(store) as conn:
        count: int = conn.execute("SELECT count(*) FROM sittings").fetchone()[0]
    return count


def test_nbconvert_execute_leaves_the_teachers_store_alone(tmp_path: Path) -> None:
    notebook = tmp_path / "quiz.ipynb"
    bank = ROOT / "quizzes" / "minusma.nl.yaml"
    subprocess.run([sys.executable, "-m", "kwis", "notebook", str(bank), "-o", str(notebook)], check=True,
                   timeout=120, env=_environment(tmp_path))
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                    "--output", "ran.ipynb", str(notebook)], check=True, capture_output=True, timeout=300,
                   env=_environment(tmp_path))
    assert (tmp_path / "ran.ipynb").exists()
    assert not _own_store(tmp_path).exists()


@pytest.mark.parametrize("voila", [False, True])
def test_a_person_at_the_keyboard_keeps_the_ordinary_store(tmp_path: Path, voila: bool) -> None:
    """JupyterLab sends allow_stdin=True; Voilà sends False but sets VOILA_* in the kernel's environment."""
    extra = {"VOILA_KERNEL_ID": "test"} if voila else {}
    manager, client = start_new_kernel(env=_environment(tmp_path, **extra))
    try:
        code = f"import kwis\nquiz = kwis.Quiz({str(ROOT / 'quizzes' / 'minusma.nl.yaml')!r}, seed=2023)"
        reply = client.execute_interactive(code, allow_stdin=not voila, timeout=120)
        assert reply["content"]["status"] == "ok", reply["content"]
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    assert _sittings(_own_store(tmp_path)) == 1
