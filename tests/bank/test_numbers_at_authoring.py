"""A number in a bank that a person could read two ways is refused in every bank language, and the
fix says exactly what to write for each reading.

Failed before: in an English bank `answer: 1.400` loaded silently as 1.4, and `answer: 1,400` got
the fix "write a number with a decimal point, e.g. answer: 1.5", which leads a teacher to `1.400`.
"""

from __future__ import annotations

import pytest

from kwis.bank._read import read_bank_text
from kwis.bank._writer import bank_to_yaml

BANK = """\
kwis: 1
id: getallen
title: Getallen
language: {language}
questions:
  - id: q
    type: numeric
    prompt: Hoeveel?
    answer: {answer}
"""


def _problem(answer: str, language: str) -> tuple[str, str]:
    loaded = read_bank_text(BANK.format(answer=answer, language=language))
    [problem] = loaded.errors
    assert (problem.line, problem.path) == (9, "$.questions[0].answer")
    return problem.message, problem.fix


@pytest.mark.parametrize("language", ["en", "nl", "en-GB", "nl-BE", "fr"])
def test_a_dot_and_three_digits_is_refused_in_every_language(language: str) -> None:
    message, fix = _problem("1.400", language)
    assert "1400" in message and "1.4" in message
    assert "`answer: 1400`" in fix and "`answer: 1.4`" in fix


def test_the_english_fix_names_each_reading() -> None:
    assert _problem("1.400", "en") == (
        "`1.400` can be read two ways: as 1400 (a dot grouping thousands, as in Dutch) or as 1.4 "
        "(a decimal point, as YAML reads it)",
        "write `answer: 1400` if you mean thousands or `answer: 1.4` if you mean decimals")


@pytest.mark.parametrize(("answer", "fix"), [
    ("1,400", "in YAML a number has no thousands separator and a decimal point: write `answer: 1400` if you "
              "mean thousands or `answer: 1.4` if you mean decimals"),
    ("1,125", "in YAML a number has no thousands separator and a decimal point: write `answer: 1125` if you "
              "mean thousands or `answer: 1.1250` if you mean decimals"),
    ("1,26", "in YAML a number has no thousands separator and a decimal point: write `answer: 1.26`"),
    ("1.234.567", "in YAML a number has no thousands separator and a decimal point: write `answer: 1234567`"),
    ("17 000", "in YAML a number has no thousands separator and a decimal point: write `answer: 17000`"),
])
def test_following_the_fix_never_gives_another_value(answer: str, fix: str) -> None:
    assert _problem(answer, "en")[1] == fix
    for written in fix.split("`answer: ")[1:]:
        value = written.split("`")[0]
        loaded = read_bank_text(BANK.format(answer=value, language="en"))
        assert loaded.bank is not None, loaded.errors
        assert str(loaded.bank.questions[0].answer) in (value, value + ".0", value.rstrip("0"))


@pytest.mark.parametrize("answer", ["0.125", "1.25", "1400", "1.4000", "-0.500", "12345.678"])
def test_what_reads_one_way_loads(answer: str) -> None:
    assert read_bank_text(BANK.format(answer=answer, language="en")).bank is not None


def test_the_writer_writes_three_decimals_so_the_loader_reads_them_back() -> None:
    loaded = read_bank_text(BANK.format(answer="1.1250", language="nl"))
    assert loaded.bank is not None
    written = bank_to_yaml(loaded.bank)
    assert "answer: 1.1250" in written
    again = read_bank_text(written)
    assert again.bank is not None and again.bank.questions[0].answer == 1.125
