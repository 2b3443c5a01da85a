"""Whatever text a teacher writes, in an English or a Dutch bank, loading gives a Bank or a BankError with
a message and a fix for every problem: never another exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kwis import BankError
from kwis.bank._read import read_bank_text

VALID = """\
kwis: 1
id: eigenschap
title: Eigenschap
language: nl
questions:
  - id: q1
    type: choice
    prompt: Wat?
    choices:
      - {text: Ja, correct: true}
      - Nee
  - id: q2
    type: numeric
    prompt: Hoeveel?
    range: [1, 3]
  - id: q3
    type: cloze
    prompt: Vul in.
    text: "De {{penvoerder|~Rus}} schrijft."
"""

yaml_like = st.text(
    alphabet=st.sampled_from(list("kwis:idtypequon -[]{}|~!&*#\n\t\"'.,0123456789truefalsenul„”")), max_size=200
)


LANGUAGES = st.sampled_from(["en", "nl", "nl-BE", "fr"])


def _outcome(text: str) -> None:
    loaded = read_bank_text(text, file="prop.yaml")
    if loaded.bank is None:
        error = BankError(loaded.errors)
        assert error.problems, "a bank that does not load must say why"
        assert all(p.message and p.fix and p.file == "prop.yaml" and p.line >= 1 for p in error.problems)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text(text: str) -> None:
    _outcome(text)


@settings(max_examples=300, deadline=None)
@given(yaml_like, LANGUAGES)
def test_yaml_like_text(text: str, language: str) -> None:
    _outcome(f"language: {language}\n" + text)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=len(VALID) - 1), st.integers(min_value=0, max_value=40),
       st.text(max_size=12), LANGUAGES)
def test_a_valid_bank_with_a_slice_replaced(start: int, length: int, insert: str, language: str) -> None:
    bank = VALID.replace("language: nl", f"language: {language}")
    _outcome(bank[:start] + insert + bank[start + length:])


@pytest.mark.parametrize("language", ["en", "nl", "nl-BE"])
def test_the_seed_bank_is_valid(language: str) -> None:
    loaded = read_bank_text(VALID.replace("language: nl", f"language: {language}"), file="prop.yaml",
                            base_dir=Path("."))
    assert loaded.problems == () and loaded.bank is not None and len(loaded.bank.questions) == 3
