"""`kwis import` on LMS files that are broken or hostile (issue 10, items 4 and 7): each bad
question is left out with a warning naming it, never a traceback; the rest is imported."""

from __future__ import annotations

from pathlib import Path

import pytest

from kwis.cli import main
from kwis.teacher.importers._gift import import_gift
from kwis.teacher.importers._moodle import import_moodle

GOOD = """<question type="truefalse"><name><text>Goed</text></name>
<questiontext format="html"><text>Nederland deed mee.</text></questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>"""

BROKEN = {
    "truefalse without a right answer": """<question type="truefalse"><name><text>tf</text></name>
<questiontext format="html"><text>Waar?</text></questiontext>
<answer fraction="0"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>""",
    "numerical without a 100% answer": """<question type="numerical"><name><text>num</text></name>
<questiontext format="html"><text>Hoeveel?</text></questiontext>
<answer fraction="50"><text>17000</text></answer></question>""",
    "cloze without gaps": """<question type="cloze"><name><text>cloze</text></name>
<questiontext format="html"><text>Geen enkel gat hier.</text></questiontext></question>""",
    "numerical with NaN": """<question type="numerical"><name><text>nan</text></name>
<questiontext format="html"><text>Hoeveel?</text></questiontext>
<answer fraction="100"><text>nan</text><tolerance>0</tolerance></answer></question>""",
    "infinite points": """<question type="truefalse"><name><text>inf</text></name>
<questiontext format="html"><text>Waar?</text></questiontext><defaultgrade>inf</defaultgrade>
<answer fraction="100"><text>true</text></answer></question>""",
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_broken_moodle_question_is_left_out_with_a_warning(kind: str) -> None:
    imported = import_moodle(f"<quiz>{GOOD}{BROKEN[kind]}</quiz>", "quiz.xml", "nl")
    assert [q.prompt for q in imported.questions] == ["Nederland deed mee."]
    assert len(imported.problems) == 1 and "niet te lezen" in imported.problems[0].message


@pytest.mark.parametrize("answer", ["{#nan}", "{#inf:1}", "{#1..inf}", "{#1e400}"])
def test_a_gift_numeric_answer_that_is_not_finite_is_left_out(answer: str) -> None:
    imported = import_gift(f"Waar? {{T}}\n\nHoeveel? {answer}\n", "quiz.gift", "nl")
    assert len(imported.questions) == 1 and len(imported.problems) == 1


def test_kwis_import_reports_and_writes_a_bank_that_loads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "quiz.xml"
    source.write_text(f"<quiz>{GOOD}{BROKEN['numerical with NaN']}</quiz>", encoding="utf-8")
    out = tmp_path / "bank.yaml"
    code = main(["import", "moodle-xml", str(source), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 0 and "Traceback" not in err and "'nan'" in err
    assert main(["validate", str(out)]) == 0
