"""`kwis import gift` / `moodle-xml` take the bank id, title and language from what `kwis export` wrote,
so a round trip keeps the id answers are stored under.

Failed before: the imported bank was named after the file (`export.gift` gave id `export`, title
`export`), so a student's answers, stored under the bank id, no longer belonged to the bank.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import kwis

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("format_", "file"), [("gift", "export.gift"), ("moodle-xml", "export.xml")])
def test_a_round_trip_keeps_the_bank_id_title_and_language(format_: str, file: str, tmp_path: Path) -> None:
    source = ROOT / "quizzes" / "minusma.nl.yaml"
    original = kwis.load_bank(source)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "kwis", *args], cwd=tmp_path, capture_output=True,
                              text=True, timeout=120)

    assert run("export", str(source), "--to", format_, "-o", file).returncode == 0
    result = run("import", format_, file, "-o", "back.yaml")
    assert "back.yaml" not in result.stderr or result.returncode == 0, result.stderr
    back = kwis.load_bank(tmp_path / "back.yaml")
    assert (back.id, back.title, back.language) == (original.id, original.title, original.language)
    assert {q.id for q in back.questions} <= {q.id for q in original.questions}


def test_an_explicit_id_still_wins(tmp_path: Path) -> None:
    source = ROOT / "quizzes" / "minusma.en.yaml"
    subprocess.run([sys.executable, "-m", "kwis", "export", str(source), "--to", "gift", "-o", "x.gift"],
                   cwd=tmp_path, check=True, capture_output=True, timeout=120)
    subprocess.run([sys.executable, "-m", "kwis", "import", "gift", "x.gift", "--id", "other", "--title", "Other",
                    "-o", "back.yaml"], cwd=tmp_path, capture_output=True, timeout=120)
    back = kwis.load_bank(tmp_path / "back.yaml")
    assert (back.id, back.title, back.language) == ("other", "Other", "en")
