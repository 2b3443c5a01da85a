"""`group:` in a bank: read into the model, checked, and written back by the YAML writer."""

from __future__ import annotations

from pathlib import Path

import pytest

from kwis import load_bank
from kwis.bank._read import read_bank, read_bank_text
from kwis.bank._writer import bank_to_yaml

DATA = Path(__file__).parent.parent / "data"
GROUPED = DATA / "groups.nl.yaml"


def test_questions_keep_their_group_and_the_bank_lists_its_groups_in_bank_order() -> None:
    bank = load_bank(GROUPED)
    assert bank.question("maanden-keuze").group == "drie-maanden"
    assert bank.question("budget").group == ""
    assert bank.groups == {"drie-maanden": ("maanden-getal", "maanden-keuze", "maanden-waar"),
                           "diop": ("diop-naam", "diop-eis")}


@pytest.mark.parametrize(("language", "words"), [
    ("nl", ("de enige vraag in groep 'diop-eis'", "controleer de spelling")),
    ("en", ("the only question in group 'diop-eis'", "check the spelling")),
])
def test_a_group_of_one_question_is_a_warning_in_the_banks_language(
        language: str, words: tuple[str, str]) -> None:
    text = GROUPED.read_text(encoding="utf-8").replace("language: nl", f"language: {language}")
    text = text.replace("    group: diop\n    tags: [personen]\n    prompt: De minister",
                        "    group: diop-eis\n    tags: [personen]\n    prompt: De minister")
    loaded = read_bank_text(text, file="groepen.yaml")
    assert loaded.bank is not None and loaded.errors == ()
    messages = [(p.line, p.path, p.message, p.fix) for p in loaded.warnings]
    assert len(messages) == 2  # diop (now alone) and diop-eis
    assert {path for _, path, _, _ in messages} == {"$.questions[3].group", "$.questions[4].group"}
    assert any(words[0] in message and words[1] in fix for _, _, message, fix in messages)


def test_a_group_name_that_is_no_slug_is_an_error_with_the_fix(tmp_path: Path) -> None:
    path = tmp_path / "groepen.yaml"
    path.write_text(GROUPED.read_text(encoding="utf-8").replace("group: diop\n", "group: Diop Naam\n", 1),
                    encoding="utf-8")
    loaded = read_bank(path)
    assert loaded.bank is None
    [error] = loaded.errors
    assert (error.line, error.path) == (36, "$.questions[3].group")
    assert "group: diop-naam" in error.fix


def test_the_yaml_writer_keeps_the_groups() -> None:
    bank = load_bank(GROUPED)
    loaded = read_bank_text(bank_to_yaml(bank))
    assert loaded.bank is not None and loaded.bank.questions == bank.questions
