"""Text answers as students write them: a leading article or title, dates, and names near the answer.

Failed before: `de penvoerder`, `the penholder`, `president Goïta` and `de hoofdstad Bamako` were
wrong for the answers penvoerder, penholder, Goïta and Bamako; `16-6`, `16/6`, `June 16` were wrong
for 16 juni / 16 June (the English MINUSMA bank lists six spellings of that date as a workaround).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kwis._model import ClozeQuestion, Gap, TextQuestion
from kwis.bank._read import read_bank_text
from kwis.grading import grade
from kwis.grading._dates import DateFormatError, parse_date


def _text(*answers: str, **options: object) -> TextQuestion:
    return TextQuestion(id="q", prompt="Wie?", answers=answers, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(("typed", "answer", "language"), [
    ("de penvoerder", "penvoerder", "nl"),
    ("penvoerder", "de penvoerder", "nl"),
    ("het VN-secretariaat", "VN-secretariaat", "nl"),
    ("the penholder", "penholder", "en"),
    ("a penholder", "penholder", "en"),
    ("president Goïta", "Goïta", "nl"),
    ("President Goita", "Goïta", "en"),
    ("minister Diop", "Diop", "nl"),
    ("Foreign Minister Diop", "Diop", "en"),
    ("dhr. Diop", "Diop", "nl"),
    ("de hoofdstad Bamako", "Bamako", "nl"),
    ("the capital Bamako", "Bamako", "en"),
])
def test_a_leading_article_or_title_is_ignored(typed: str, answer: str, language: str) -> None:
    assert grade(_text(answer), typed, language=language).correct


@pytest.mark.parametrize(("typed", "answer", "language"), [
    ("de penvoerder", "penvoerder", "en"),  # a Dutch article in an English bank is not one
    ("een andere stad Bamako", "Bamako", "nl"),
    ("niet Bamako", "Bamako", "nl"),
    ("de stad", "Bamako", "nl"),
])
def test_what_is_not_an_article_or_title_still_counts(typed: str, answer: str, language: str) -> None:
    assert not grade(_text(answer), typed, language=language).correct


def test_a_bank_can_say_articles_matter() -> None:
    assert not grade(_text("de penvoerder", strict_articles=True), "penvoerder", language="nl").correct


@pytest.mark.parametrize(("typed", "language"), [
    ("16 juni", "nl"), ("16-6", "nl"), ("16/6", "nl"), ("16 June", "nl"), ("June 16", "en"), ("16 June", "en"),
    ("16/6", "en"), ("the 16th of June", "en"), ("June 16th", "en"), ("16e juni", "nl"), ("16 jun.", "nl"),
    ("16-06-2023", "nl"), ("6/16", "en"),
])
def test_dates_are_read_the_common_ways(typed: str, language: str) -> None:
    question = _text("16 juni" if language == "nl" else "16 June", expect="date")
    assert grade(question, typed, language=language).correct


def test_a_date_with_a_year_needs_that_year() -> None:
    question = _text("16 juni 2023", expect="date")
    assert grade(question, "16-6-2023", language="nl").correct
    assert not grade(question, "16-6-2022", language="nl").correct
    assert not grade(question, "17 juni 2023", language="nl").correct


def test_a_numeric_date_that_reads_two_ways_in_english_is_not_graded() -> None:
    for answer in ("6 July", "7 June"):  # the expected answer never decides
        graded = grade(_text(answer, expect="date"), "6/7", language="en")
        assert graded.unreadable == "“6/7” can be two dates: write the month as a word, 6 July or June 7."
    assert grade(_text("6 juli", expect="date"), "6/7", language="nl").correct  # day first in Dutch


def test_a_cloze_gap_can_expect_a_date() -> None:
    question = ClozeQuestion(id="c", prompt="Vul in.", expect="date",
                             segments=("Diop sprak op ", Gap(("16 juni",)), " de ", Gap(("Veiligheidsraad",)), " toe."))
    assert grade(question, ("16-6", "Veiligheidsraad"), language="nl").correct
    assert grade(question, ("16-6", "de Veiligheidsraad"), language="nl").correct
    assert grade(question, ("17-6", "Veiligheidsraad"), language="nl").parts == (False, True)
    assert grade(question, ("6/7", "x"), language="en").unreadable


def test_dates_that_do_not_exist_are_none() -> None:
    with pytest.raises(DateFormatError):
        parse_date("31 februari", "nl")


BANK = """\
kwis: 1
id: namen
title: Namen
language: nl
source:
  file: bron.txt
questions:
  - id: land
    type: text
    prompt: In welk land speelde de missie?
    answers: [Mali]
    typos: 1
  - id: eiland
    type: choice
    prompt: Welk eiland noemt de tekst?
    choices: [{text: Bali, correct: true}, Java]
"""


def test_typos_never_accept_another_real_name_of_the_bank(tmp_path: Path) -> None:
    (tmp_path / "bron.txt").write_text("De missie in Mali. Een toerist op Bali. Minister Diop sprak.", encoding="utf-8")
    loaded = read_bank_text(BANK, base_dir=tmp_path)
    assert loaded.bank is not None, loaded.problems
    question = loaded.bank.question("land")
    assert isinstance(question, TextQuestion) and question.near_names == ("Bali",)
    assert not grade(question, "Bali", language="nl").correct
    assert not grade(question, "het eiland Bali", language="nl").correct
    assert grade(question, "Mlai", language="nl").correct  # a real typo still counts
    assert grade(question, "Mali", language="nl").correct


def test_expect_must_be_date_and_its_answers_dates() -> None:
    text = BANK.replace("source:\n  file: bron.txt\n", "").replace("    typos: 1\n", "    expect: datum\n")
    [problem] = read_bank_text(text).problems
    assert (problem.path, problem.message) == ("$.questions[0].expect", "`expect: datum` is onbekend")
    [problem] = read_bank_text(text.replace("expect: datum", "expect: date")).problems
    assert problem.message == "met `expect: date` moet elk antwoord een datum zijn, 'Mali' is dat niet"
