"""`kwis export` prints one summary line per kind of loss; `--verbose` adds one warning per question.

Before: every loss was one warning line per question (46 lines for the source quotes of the Dutch
MINUSMA bank alone) and `shuffle: false` vanished without a word in GIFT and QTI 1.2.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kwis.cli import main

ROOT = Path(__file__).resolve().parents[2]
FIXED_ORDER = """\
kwis: 1
id: volgorde
title: Vaste volgorde
language: nl
questions:
  - id: vast
    type: choice
    prompt: Welke?
    shuffle: false
    choices:
      - {text: een, correct: true}
      - twee
  - id: rij
    type: order
    prompt: Zet op volgorde.
    items: [eerst, dan]
"""


def _export(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert main(["export", *argv]) == 0
    return capsys.readouterr().err.splitlines()


def test_one_line_per_kind_of_loss_with_count_and_ids(capsys: pytest.CaptureFixture[str]) -> None:
    lines = _export(capsys, str(ROOT / "quizzes" / "minusma.nl.yaml"), "--to", "gift")
    assert not [line for line in lines if "warning [W" in line]
    sources = [line for line in lines if "het broncitaat" in line]
    assert len(sources) == 1 and " 45 vragen: diop-eis, " in sources[0] and "en nog 40" in sources[0]
    assert "gift: 5 vragen weggelaten (cloze-vragen): cloze-maanden, cloze-2013, cloze-verwachtingen, " \
           "cloze-penvoerder, cloze-diop" in lines
    assert "gift: de groep weggelaten bij 29 vragen: diop-eis, diop-naam, missie-omvang, " \
           "blauwhelmen-aantal, overgang-einddatum en nog 24" in lines
    assert lines[-1] == "details per vraag: kwis export --verbose"


@pytest.mark.parametrize("format_", ["gift", "qti"])
def test_fixed_choice_order_is_in_the_summary(format_: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / "volgorde.yaml"
    bank.write_text(FIXED_ORDER, encoding="utf-8")
    lines = _export(capsys, str(bank), "--to", format_, "-o", str(tmp_path / "out.zip"))
    assert f"{format_}: de vaste volgorde van de keuzes (shuffle: false) gaat niet mee (1 vraag: vast)" in lines
    assert f"{format_}: 1 vraag weggelaten (order-vragen): rij" in lines


def test_verbose_adds_every_question_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / "volgorde.yaml"
    bank.write_text(FIXED_ORDER, encoding="utf-8")
    lines = _export(capsys, str(bank), "--to", "gift", "--verbose")
    assert f"{bank}:6:5: warning [W203]: gift, vraag 'vast': de LMS kan de keuzes schudden (shuffle: false " \
           "gaat niet mee): zet de volgorde daar met de hand vast ($.questions[0])" in lines
    assert any(line.startswith(f"{bank}:13:5: warning [W201]") for line in lines)
    assert "gift: 1 vraag weggelaten (order-vragen): rij" in lines


def test_a_clean_export_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / "volgorde.yaml"
    bank.write_text(FIXED_ORDER.replace("    shuffle: false\n", ""), encoding="utf-8")
    assert _export(capsys, str(bank), "--to", "moodle-xml") == [
        "moodle-xml: alle 2 vragen geëxporteerd zoals ze zijn"]


KWIS_READINGS = """\
kwis: 1
id: lezen
title: Lezen
language: nl
questions:
  - id: omvang
    type: numeric
    prompt: Hoeveel man?
    answer: 17000
    unit: man
    units: [militairen]
  - id: datum
    type: text
    prompt: Wanneer?
    answers: [16 juni]
    expect: date
"""


@pytest.mark.parametrize("format_", ["gift", "moodle-xml", "qti", "qti21", "jupyterquiz"])
def test_units_and_dates_kwis_reads_are_in_the_summary(format_: str, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / "lezen.yaml"
    bank.write_text(KWIS_READINGS, encoding="utf-8")
    lines = _export(capsys, str(bank), "--to", format_, "-o", str(tmp_path / "out.zip"))
    assert any("de andere woorden voor de eenheid (`units`)" in line and "omvang" in line for line in lines)
    assert f"{format_}: datums als tekst vergeleken (expect: date gaat niet mee) (1 vraag: datum)" in lines
    assert main(["export", str(bank), "--to", "answer-key", "-o", str(tmp_path / "key.html")]) == 0
    assert capsys.readouterr().err.splitlines() == ["answer-key: alle 2 vragen geëxporteerd zoals ze zijn"]
