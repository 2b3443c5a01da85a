"""`kwis import`: export then import gives back the same questions, for every type a format carries."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

import kwis
from kwis.teacher.export import export
from kwis.teacher.importers._gift import import_gift
from kwis.teacher.importers._moodle import import_moodle
from kwis.bank._writer import SCHEMA_COMMENT, bank_to_yaml
from kwis.bank._read import read_bank_text
from kwis._model import AnyQuestion, Bank, ClozeQuestion, Feedback

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return kwis.load_bank(DATA / "teacher-all-types.yaml")


def _as_gift_carries(q: AnyQuestion) -> AnyQuestion:
    """GIFT has no source quotes, units, groups or question-level feedback (except true/false)."""
    carried = replace(q, source=(), group="")
    if q.type != "true-false":
        carried = replace(carried, feedback=Feedback())
    if q.type == "numeric":
        carried = replace(carried, unit="")  # type: ignore[call-arg]
    return carried


def _as_moodle_marks(q: AnyQuestion) -> AnyQuestion:
    """Moodle's mark for a cloze is the sum of its whole gap weights: one per gap when the points
    do not split into whole numbers (the export warns)."""
    if isinstance(q, ClozeQuestion) and (q.points / len(q.gaps)) % 1:
        return replace(q, points=float(len(q.gaps)))
    return q


def test_moodle_xml_round_trip_gives_back_every_question(bank: Bank) -> None:
    imported = import_moodle(str(export(bank, "moodle-xml").data), "export.xml", "nl")
    assert imported.problems == []
    assert imported.questions == [_as_moodle_marks(q) for q in bank.questions]
    assert imported.questions[7].points == 2.0  # resoluties: two gaps, 1 point in the bank


def test_gift_round_trip_gives_back_every_question_gift_carries(bank: Bank) -> None:
    exported = export(bank, "gift")
    imported = import_gift(str(exported.data), "export.gift")
    skipped = {bank.questions[int(p.path[12:-1])].id for p in exported.problems if p.code == "W201"}
    assert skipped == {"resoluties", "tijdlijn"}
    expected = [_as_gift_carries(q) for q in bank.questions if q.id not in skipped]
    assert imported.questions == expected
    assert imported.language == "nl"


def test_the_yaml_writer_output_loads_back_into_the_same_bank(bank: Bank) -> None:
    text = bank_to_yaml(bank)
    assert text.startswith(SCHEMA_COMMENT)
    loaded = read_bank_text(text)
    assert loaded.errors == ()
    assert loaded.bank is not None and loaded.bank.questions == bank.questions


def test_foreign_gift_with_moodle_features(tmp_path: Path) -> None:
    gift = (
        "// a comment\n$CATEGORY: $course$/top/Mali\n\n"
        "::Q1:: Wie is de president van Mali? {=Goïta =Assimi Goïta}\n\n"
        "Grant is {~buried =entombed ~living} in Grant's tomb.\n\n"
        "::Essay:: Schrijf een essay over Minusma. {}\n\n"
        "::Jaar:: In welk jaar kwamen de blauwhelmen? {#2013}\n"
    )
    imported = import_gift(gift, "vragen.gift", "nl")
    assert [q.type for q in imported.questions] == ["text", "cloze", "numeric"]
    assert imported.questions[0].id == "q1"
    cloze = imported.questions[1]
    assert cloze.prompt == "Vul de open plekken in."
    assert [p.code for p in imported.problems] == ["W301"]
    assert "'Essay'" in imported.problems[0].message and "essay" in imported.problems[0].message


def test_foreign_moodle_xml_html_becomes_markdown() -> None:
    xml = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/top/Mali</text></category></question>
  <question type="multichoice">
    <name><text>Vraag over Diop</text></name>
    <questiontext format="html"><text><![CDATA[<p>Wat eiste <b>Diop</b> &amp; wanneer?</p>]]></text></questiontext>
    <single>true</single>
    <answer fraction="100" format="html"><text>Terugtrekking</text></answer>
    <answer fraction="0" format="html"><text>Meer soldaten</text>
      <feedback format="html"><text><![CDATA[<p>Nee.</p>]]></text></feedback></answer>
  </question>
  <question type="essay"><name><text>Opstel</text></name>
    <questiontext format="html"><text>Schrijf.</text></questiontext></question>
</quiz>"""
    imported = import_moodle(xml, "bank.xml", "nl")
    question = imported.questions[0]
    assert question.id == "vraag-over-diop"
    assert question.prompt == "Wat eiste **Diop** & wanneer?"
    assert [p.code for p in imported.problems] == ["W301"]


def test_a_broken_moodle_file_is_reported_not_raised() -> None:
    imported = import_moodle("<quiz><question>", "kapot.xml", "en")
    assert imported.questions == []
    assert "kapot.xml" in imported.problems[0].message


def _kwis(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kwis", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_cli_export_then_import_writes_a_valid_bank(tmp_path: Path) -> None:
    source = DATA / "teacher-all-types.yaml"
    exported = _kwis("export", str(source), "--to", "moodle-xml", "-o", str(tmp_path / "bank.xml"),
                     cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    imported = _kwis("import", "moodle-xml", "bank.xml", "--language", "nl", "-o", "terug.yaml",
                     cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert kwis.load_bank(tmp_path / "terug.yaml").questions == \
        tuple(_as_moodle_marks(q) for q in kwis.load_bank(source).questions)


def test_cli_import_of_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = _kwis("import", "gift", "nergens.gift", cwd=tmp_path)
    assert result.returncode == 1
    assert "nergens.gift:0:0: error: cannot read the file" in result.stderr
    assert "Traceback" not in result.stderr


def test_gift_keeps_a_range_a_range_and_a_tolerance_a_tolerance() -> None:
    text = """kwis: 1
id: bereik
title: Bereik
language: nl
questions:
  - id: schatting
    type: numeric
    prompt: Schat het aantal blauwhelmen.
    range: [12000, 14000]
  - id: omvang
    type: numeric
    prompt: Hoe groot is de missie?
    answer: 17000
    tolerance: 500
"""
    loaded = read_bank_text(text)
    assert loaded.bank is not None
    exported = str(export(loaded.bank, "gift").data)
    assert "{#12000..14000}" in exported and "{#17000:500}" in exported
    imported = import_gift(exported, "bereik.gift")
    assert imported.questions == list(loaded.bank.questions)


def test_gift_round_trip_keeps_html_mode_texts_and_arrows(bank: Bank) -> None:
    """A question with `&` or a link goes out as [html]; its choices and feedback come back as the
    Markdown they were, and an arrow in a match's left item comes back as an arrow."""
    from kwis._model import Choice, ChoiceQuestion, MatchQuestion, Pair
    choice = ChoiceQuestion(id="r-en-d", prompt="Wat doet **R&D** volgens [de NOS](https://nos.nl)?",
                            choices=(Choice("Onderzoek & ontwikkeling", True, "Ja, *precies*."),
                                     Choice("Niets", False, "Nee.")))
    match = MatchQuestion(id="pijlen", prompt="Koppel.", pairs=(Pair("A -> B", "C -> D"), Pair("E", "F")))
    exported = export(replace(bank, questions=(choice, match)), "gift")
    assert "[html]" in str(exported.data)
    assert import_gift(str(exported.data), "export.gift").questions == [choice, match]
