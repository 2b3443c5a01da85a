"""A malformed cloze gap is an error at its position, never a gap that swallows text.

Failed before: `{{penholder} for Mali is {{France}}` became one gap whose answer was
"penholder} for Mali is {{France" (the passage lost its text, with no error), and a `}}}`
or a `}}` that closes nothing were read as text.
"""

from __future__ import annotations

import pytest

from kwis.bank._cloze import parse_cloze
from kwis.bank._read import read_bank_text
from kwis._model import Gap

BANK = """\
kwis: 1
id: gaten
title: Gaten
language: {language}
questions:
  - id: c
    type: cloze
    prompt: Fill in.
    text: {text}
"""


def _problem(text: str, language: str = "en") -> tuple[int, int, str]:
    [problem] = read_bank_text(BANK.format(text=text, language=language)).problems
    assert problem.path == "$.questions[0].text"
    return problem.line, problem.column, problem.message


@pytest.mark.parametrize(("text", "column", "message"), [
    ('"The {{penholder} for Mali is {{France}}."', 16,
     "gap 1 is not closed: '{{penholder} for Mali is' has no `}}` before the next gap"),
    ('"The {{penholder for Mali"', 16, "gap 1 is not closed: '{{penholder for Mali' has no `}}` before the end of "
                                      "the text"),
    ('"The {{penholder}}} for Mali"', 16, "gap 1 has a single brace in it: '{{penholder}}}'"),
    ('"The {{pen{holder}} for Mali"', 16, "gap 1 has a single brace in it: '{{pen{holder}}'"),
    ('"The {penholder}} for {{Mali}}"', 26, "a `}}` closes no gap: 'The {penholder}}'"),
    ('"The {{penholder}} for {{|~Mali}}"', 34, "gap 2 has an empty answer: {{|~Mali}}"),
])
def test_each_malformed_gap_is_an_error_where_it_is(text: str, column: int, message: str) -> None:
    assert _problem(text) == (9, column, message)


def test_in_a_block_the_line_and_column_are_those_of_the_gap() -> None:
    text = "|\n      The mission had\n      {{17000}} men and the {{penholder for {{France}}."
    assert _problem(text) == (11, 29, "gap 2 is not closed: '{{penholder for' has no `}}` before the next gap")


def test_the_message_is_in_the_bank_language() -> None:
    assert _problem('"De {{penvoerder} voor {{Frankrijk}}"', "nl")[2] == \
        "gat 1 wordt niet gesloten: na '{{penvoerder} voor' komt geen `}}` vóór het volgende gat"


def test_well_formed_gaps_still_read() -> None:
    segments, error = parse_cloze("De {{penvoerder}} is {{Frankrijk|~Rusland}}.", "nl")
    assert error is None
    assert segments == ("De ", Gap(("penvoerder",)), " is ", Gap(("Frankrijk",), ("Frankrijk", "Rusland")), ".")
