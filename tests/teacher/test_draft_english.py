"""`kwis draft` on an English, hard-wrapped text: language detected, unwrapped, abbreviations kept.

Failed before: the draft of an English text was a Dutch bank (`language: nl`, Dutch prompts, and
`1.26` read the Dutch way); sentences were cut at every line break of a hard-wrapped text and at
`Mr.` and `e.g.`; single names (`Foreign Minister Diop`) were never speakers; the closest-passage
hint of a wrong quote in such a text was one wrapped line.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import kwis
from kwis._model import ClozeQuestion, NumericQuestion, TextQuestion
from kwis.bank._read import read_bank, read_bank_text
from kwis.teacher._draft import detect_language, draft_questions, sentences, split_sentences

DATA = Path(__file__).parent.parent / "data"
SOURCE = DATA / "draft-source.en.txt"


def test_the_language_is_the_texts() -> None:
    assert detect_language(SOURCE.read_text(encoding="utf-8")) == "en"
    dutch = (Path(__file__).parents[2] / "quizzes" / "sources" / "minusma-mali.nl.txt").read_text(encoding="utf-8")
    assert detect_language(dutch) == "nl"


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    assert split_sentences("Mr. Guichaoa expects it, e.g. in the north. It began in 300 B.C. in Gao. "
                           "J. Smith agreed.") == [
        "Mr. Guichaoa expects it, e.g. in the north.", "It began in 300 B.C. in Gao.", "J. Smith agreed."]
    assert split_sentences("Dhr. Diop sprak o.a. over Gao. Het was laat.") == [
        "Dhr. Diop sprak o.a. over Gao.", "Het was laat."]


def test_a_hard_wrapped_text_is_unwrapped_into_whole_sentences() -> None:
    found = [s.text for s in sentences(SOURCE.read_text(encoding="utf-8"))]
    assert ("Mr. Guichaoa, who follows the region for the University of Kent, expects the withdrawal to take "
            "longer than the junta wants, e.g. in the north of the country.") in found
    assert all("\n" not in s for s in found)


def test_an_english_draft_has_english_prompts_numbers_names_and_quotes() -> None:
    questions = draft_questions(SOURCE.read_text(encoding="utf-8").split("\n\n", 1)[1])
    numeric = [q for q in questions if isinstance(q, NumericQuestion)]
    assert [(q.answer, q.unit) for q in numeric] == [(17000, ""), (1.26, "billion")]
    assert numeric[0].prompt.startswith("Which number is missing?")
    assert [g.answers for q in questions if isinstance(q, ClozeQuestion) for g in q.gaps] == [
        ("31 December",), ("2013",)]
    who = [(q.prompt, q.answers) for q in questions if isinstance(q, TextQuestion)]
    assert who == [("Who said: “It is bullying, intimidation”?", ("Yvan Guichaoa", "Guichaoa")),
                   ("Who said: “crisis of confidence”?", ("Diop",))]


def test_the_cli_writes_an_english_bank_whose_quotes_stand_in_the_wrapped_text(tmp_path: Path) -> None:
    (tmp_path / "source.txt").write_text(SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kwis", "draft", "source.txt", "-o", "draft.yaml"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    loaded = read_bank(tmp_path / "draft.yaml")
    assert loaded.errors == () and loaded.bank is not None
    assert loaded.bank.language == "en" and len(loaded.bank.questions) == 6
    assert kwis.load_bank(tmp_path / "draft.yaml").questions == loaded.bank.questions


def test_the_closest_passage_of_a_wrong_quote_is_a_whole_sentence_of_the_wrapped_text(tmp_path: Path) -> None:
    (tmp_path / "source.txt").write_text(SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    bank = """\
kwis: 1
id: wrapped
title: Wrapped
language: en
source:
  file: source.txt
questions:
  - id: budget
    type: numeric
    prompt: How big is the budget, in billions of dollars?
    answer: 1.26
    source: The UN mission, with a budget of 1.62 billion dollars for this year, was criticised.
"""
    [problem] = read_bank_text(bank, base_dir=tmp_path).errors
    assert problem.fix == ("copy the passage exactly; the closest passage is: «The UN mission, with a budget of "
                           "1.26 billion dollars for this year, was also criticised by the junta and by many "
                           "Malians.»")
