"""The `kwis` command: compiler-style reports, exit codes, the committed schema, bank info."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kwis.cli import main
from kwis.cli._bank import schema_text

ROOT = Path(__file__).resolve().parents[2]

GOOD = """\
kwis: 1
id: goed
title: Een goede bank
language: en
questions:
  - id: q1
    type: true-false
    prompt: Minusma is een VN-missie.
    answer: true
    tags: [VN]
    difficulty: 2
  - id: q2
    type: numeric
    prompt: Hoeveel man?
    answer: 17000
    tags: [cijfers, VN]
"""

BAD = GOOD.replace("answer: true", "answer: wellicht").replace("type: numeric", "type: numerik")
DUTCH_BAD = BAD.replace("language: en", "language: nl")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_clean_bank_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "goed.yaml").write_text(GOOD, encoding="utf-8")
    code, out, err = run(capsys, "validate", str(tmp_path))
    assert (code, out) == (0, "")
    assert err == "1 bank checked, 2 questions: 0 errors, 0 warnings\n"


def test_validate_reports_every_problem_compiler_style(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "fout.yaml"
    bad.write_text(BAD, encoding="utf-8")
    code, out, err = run(capsys, "validate", str(bad))
    assert code == 1
    assert out.splitlines() == [
        f"{bad}:9:13: error: `answer` should be true or false, not 'wellicht' ($.questions[0].answer)",
        "    fix: write `answer: true` or `answer: false`",
        f"{bad}:13:11: error: unknown question type 'numerik' ($.questions[1].type)",
        "    fix: did you mean `numeric`? use one of: choice, multiple, true-false, numeric, text, cloze, order, match",
    ]
    assert err == "1 bank checked, 2 questions: 2 errors, 0 warnings\n"  # questions with errors count too


def test_validate_reports_a_dutch_bank_in_dutch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "fout.yaml"
    bad.write_text(DUTCH_BAD, encoding="utf-8")
    code, out, err = run(capsys, "validate", str(bad))
    assert code == 1
    assert out.splitlines() == [
        f"{bad}:9:13: error: `answer` moet true of false zijn, maar is 'wellicht' ($.questions[0].answer)",
        "    fix: schrijf `answer: true` of `answer: false`",
        f"{bad}:13:11: error: onbekend vraagtype 'numerik' ($.questions[1].type)",
        "    fix: bedoel je `numeric`? gebruik een van: choice, multiple, true-false, numeric, text, cloze, order, "
        "match",
    ]
    assert err == "1 bank checked, 2 questions: 2 errors, 0 warnings\n"  # questions with errors count too


def test_validate_searches_folders_and_reports_all_banks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yaml").write_text(BAD, encoding="utf-8")
    code, out, err = run(capsys, "validate", str(tmp_path))
    assert code == 1
    assert out.count("error:") == 2 and "sub/b.yaml:9:13" in out
    assert err == "2 banks checked, 4 questions: 2 errors, 0 warnings\n"


@pytest.mark.parametrize("argv", [["validate", "/no/such/bank.yaml"], ["validate"], ["frobnicate"]])
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        sys.exit(main(argv))
    assert caught.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_validate_an_empty_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", str(tmp_path))
    assert code == 2 and err == f"kwis: error: no *.yaml bank files in {tmp_path}\n"


def test_info_counts_by_type_tag_and_difficulty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "goed.yaml"
    path.write_text(GOOD, encoding="utf-8")
    code, out, _ = run(capsys, "info", str(path))
    assert code == 0
    assert out.splitlines() == [
        "Een goede bank", "  id: goed", "  language: en", "  questions: 2",
        "  by type:", "    true-false  1", "    numeric     1",
        "  by tag:", "    VN                   2", "    cijfers              1",
        "  by difficulty:", "    1           1", "    2           1",
    ]


def test_info_labels_a_dutch_bank_in_dutch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "goed.yaml"
    path.write_text(GOOD.replace("language: en", "language: nl-BE"), encoding="utf-8")
    code, out, _ = run(capsys, "info", str(path))
    assert code == 0
    assert out.splitlines()[2:] == [
        "  language: nl-BE", "  questions: 2",
        "  per type:", "    true-false  1", "    numeric     1",
        "  per tag:", "    VN                   2", "    cijfers              1",
        "  per moeilijkheidsgraad:", "    1           1", "    2           1",
    ]


def test_info_lists_the_groups_with_their_questions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "info", str(ROOT / "tests" / "data" / "groups.nl.yaml"))
    assert code == 0
    assert out.splitlines()[-3:] == [
        "  groepen (een trekking neemt uit elk één vraag):",
        "    drie-maanden         3: maanden-getal, maanden-keuze, maanden-waar",
        "    diop                 2: diop-naam, diop-eis",
    ]


def test_info_on_a_broken_bank_reports_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "fout.yaml"
    path.write_text(BAD, encoding="utf-8")
    code, out, _ = run(capsys, "info", str(path))
    assert code == 1 and out.count("error:") == 2


def test_committed_schema_is_current() -> None:
    committed = (ROOT / "quizzes" / "bank.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "quizzes/bank.schema.json is stale: run `kwis schema > quizzes/bank.schema.json`"


def test_schema_describes_every_question_type() -> None:
    schema = json.loads(schema_text())
    question = schema["else"]["properties"]["questions"]["items"]
    assert question["properties"]["type"]["enum"] == [
        "choice", "multiple", "true-false", "numeric", "text", "cloze", "order", "match"]
    then_required = {rule["if"]["properties"]["type"]["const"]: rule["then"]["required"] for rule in question["allOf"]}
    assert then_required["numeric"] == ["id", "type", "prompt"]
    assert then_required["match"] == ["id", "type", "prompt", "pairs"]
    keyless = schema["then"]["properties"]["questions"]["items"]
    keyless_required = {rule["if"]["properties"]["type"]["const"]: rule["then"]["required"] for rule in keyless["allOf"]}
    assert keyless_required["true-false"] == ["id", "type", "prompt"]
    assert keyless_required["match"] == ["id", "type", "prompt", "left", "right"]
    assert "answer" not in keyless["properties"] and "explanation" not in keyless["properties"]


def test_console_script_runs_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "leeg.yaml"
    path.write_bytes(b"")
    done = subprocess.run([sys.executable, "-m", "kwis", "validate", str(path)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert done.stdout == f"{path}:1:1: error: the file is empty ($)\n    fix: start the bank with `kwis: 1`, then " \
        "id, title, language and questions (see docs/bank-format.md)\n"
    assert "Traceback" not in done.stderr
