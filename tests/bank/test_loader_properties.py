"""Whatever text a teacher writes, in an English or a Dutch bank, loading gives a Bank or a BankError with
a message and a fix for every problem: never another exception."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kwis import BankError
from kwis._model import TextQuestion
from kwis.bank._read import _NAME, read_bank_text, with_near_names
from kwis.grading._text import edit_distance, normalise_text

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


names = st.text(alphabet=st.sampled_from(list("maliboékt MÉ-")), min_size=1, max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.lists(names, max_size=25), st.lists(st.tuples(st.lists(names, min_size=1, max_size=3),
                                                        st.integers(0, 3)), min_size=1, max_size=6))
def test_near_names_are_every_other_name_within_the_typos(source_words: list[str],
                                                          questions: list[tuple[list[str], int]]) -> None:
    # The loader finds them by length buckets and shares them between questions with the same
    # answers; the definition is every name of the bank, one by one.
    source = " ".join(word.capitalize() for word in source_words)
    built = [TextQuestion(id=f"q{i}", prompt="?", answers=tuple(answers), typos=typos)
             for i, (answers, typos) in enumerate(questions)]
    bank_names = set(_NAME.findall(source)) | {a for q in built for a in q.answers}
    for question in with_near_names(list(built), source):
        assert isinstance(question, TextQuestion)
        accepted = {normalise_text(a) for a in question.answers}
        expected = sorted(name for name in bank_names if normalise_text(name) not in accepted and any(
            edit_distance(normalise_text(name), a) <= question.typos for a in accepted)) if question.typos else []
        assert list(question.near_names) == expected
