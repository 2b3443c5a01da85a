"""Loading the same bank again (re-running a quiz cell) gives the bank already built, until the
bank file or its source text changes: then the change is what loads."""

from __future__ import annotations

from pathlib import Path

import pytest

import kwis

BANK = """\
kwis: 1
id: cache
title: Cache
language: en
source:
  file: sources/text.txt
questions:
  - id: capital
    type: text
    prompt: What is the capital of Mali?
    answers: [Bamako]
    source: {quote}
"""


@pytest.fixture
def bank_file(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "text.txt").write_text("Bamako is the capital of Mali.", encoding="utf-8")
    path = tmp_path / "bank.yaml"
    path.write_text(BANK.format(quote="Bamako is the capital"), encoding="utf-8")
    return path


def test_the_same_file_loads_as_the_bank_already_built(bank_file: Path) -> None:
    assert kwis.load_bank(bank_file) is kwis.load_bank(bank_file)


def test_an_edited_bank_file_loads_anew(bank_file: Path) -> None:
    first = kwis.load_bank(bank_file)
    bank_file.write_text(BANK.format(quote="the capital of Mali").replace("Cache", "Edited"),
                         encoding="utf-8")
    second = kwis.load_bank(bank_file)
    assert second.title == "Edited" and first.title == "Cache"


def test_an_edited_source_text_loads_anew_and_is_checked_again(bank_file: Path) -> None:
    kwis.load_bank(bank_file)
    (bank_file.parent / "sources" / "text.txt").write_text("Timbuktu lies on the Niger.", encoding="utf-8")
    with pytest.raises(kwis.BankError):  # the quote is no longer in the source
        kwis.load_bank(bank_file)
