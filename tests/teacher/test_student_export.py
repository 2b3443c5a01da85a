"""`kwis export BANK --to student`: a copy that loads with kwis and that, walked from top to
bottom, says nowhere which answer is right: no key field, no accepted text or number, no
explanation or feedback, no source quote, items and right-hand options in alphabetical order
(not the right order or pairing), choices alphabetical where the quiz shuffles them."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml

from kwis.bank import load_bank, read_bank
from kwis.bank._schema import KEY_FIELDS
from kwis._model import (
    AnyQuestion, Bank, ChoiceQuestion, ClozeQuestion, MatchQuestion, MultipleQuestion, NumericQuestion,
    OrderQuestion, TextQuestion, TrueFalseQuestion,
)
from kwis.grading._numbers import format_number
from kwis.teacher import lint
from kwis.teacher.export import KeylessExport, export

ROOT = Path(__file__).resolve().parents[2]
BANKS = [ROOT / "quizzes" / "minusma.nl.yaml", ROOT / "quizzes" / "minusma.en.yaml",
         ROOT / "tests" / "data" / "teacher-all-types.yaml"]
SHOWN = {"id", "type", "prompt", "hint", "tags", "group", "difficulty", "points", "draft", "shuffle",
         "choices", "unit", "expect", "text", "items", "left", "right"}


def written(path: Path, tmp_path: Path) -> tuple[str, Bank]:
    text = export(load_bank(path), "student").data
    assert isinstance(text, str)
    copy = tmp_path / path.name
    copy.write_text(text, encoding="utf-8")
    return text, load_bank(copy)


def keys_anywhere(data: Any) -> Iterator[str]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from keys_anywhere(value)
    elif isinstance(data, list):
        for value in data:
            yield from keys_anywhere(value)


def flat(data: Any) -> str:
    """Every value of a question's entry as one text, case folded."""
    if isinstance(data, dict):
        return " ".join(flat(v) for v in data.values())
    if isinstance(data, list):
        return " ".join(flat(v) for v in data)
    return str(data).casefold()


def number_spellings(value: float) -> set[str]:
    return {format_number(value, "nl"), format_number(value, "en"), f"{value:g}", repr(value)}


def giveaways(question: AnyQuestion) -> list[str]:
    """What the copy's entry for `question` must not contain anywhere."""
    texts = [question.explanation, *vars(question.feedback).values()]
    if isinstance(question, (ChoiceQuestion, MultipleQuestion)):
        texts += [c.feedback for c in question.choices]
    if isinstance(question, TextQuestion):
        texts += [*question.answers, question.pattern]
    if isinstance(question, ClozeQuestion):
        texts += [a for gap in question.gaps if not gap.is_dropdown for a in gap.answers]
    if isinstance(question, NumericQuestion):
        texts += [*number_spellings(question.answer), *question.units]
        if question.low != question.high:
            texts += [*number_spellings(question.low), *number_spellings(question.high)]
    return [t.casefold() for t in texts if t.strip()]


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_the_student_copy_loads_and_gives_no_answer_away(path: Path, tmp_path: Path) -> None:
    full = load_bank(path)
    text, copy = written(path, tmp_path)
    assert copy.keyless and copy.student_copy is not None and copy.student_copy.bank == full.id
    assert len(copy.student_copy.fingerprint) == 64
    data = yaml.safe_load(text)
    assert not set(keys_anywhere(data["questions"])) & (KEY_FIELDS | {"correct", "feedback"})
    assert "file" not in data.get("source", {})
    everything = text.casefold()
    for question in full.questions:  # no explanation or feedback anywhere in the file
        for secret in [question.explanation, *vars(question.feedback).values()]:
            assert not secret.strip() or secret.casefold() not in everything, (question.id, secret)
    checked = 0
    for question, entry in zip(full.questions, data["questions"]):
        assert entry["id"] == f"q{checked + 1:02d}" and set(entry) <= SHOWN, entry
        assert entry.get("group", "") == (f"g{list(full.groups).index(question.group) + 1}" if question.group else "")
        shown = flat(entry)
        for secret in giveaways(question):
            assert secret not in shown, (question.id, secret)
        for quote in question.source:  # a quote may be the prompt's subject or an option, never a hint
            assert quote.casefold() not in str(entry.get("hint", "")).casefold(), (question.id, quote)
        assert_order_tells_nothing(question, entry, full)
        checked += 1
    assert checked == len(full.questions)


def assert_order_tells_nothing(question: AnyQuestion, entry: dict[str, Any], bank: Bank) -> None:
    def alphabetical(texts: list[str]) -> list[str]:
        return sorted(texts, key=lambda t: (t.casefold(), t))

    if isinstance(question, (ChoiceQuestion, MultipleQuestion)):
        assert all(isinstance(c, str) for c in entry["choices"])
        if bank.settings.shuffle_choices and question.shuffle:
            assert entry["choices"] == alphabetical([c.text for c in question.choices])
    if isinstance(question, OrderQuestion):
        assert entry["items"] == alphabetical(list(question.items))
    if isinstance(question, MatchQuestion):
        assert entry["left"] == [p.left for p in question.pairs]
        assert entry["right"] == alphabetical(list(question.right_options))
    if isinstance(question, ClozeQuestion):
        for gap in question.gaps:
            if gap.is_dropdown:  # the options, each marked ~ (wrong), in alphabetical order
                assert "{{" + "|".join("~" + o for o in alphabetical(list(gap.options))) + "}}" in entry["text"]
    if isinstance(question, TrueFalseQuestion):
        assert "answer" not in entry


def test_a_hint_that_names_the_answer_is_left_out_and_said(tmp_path: Path) -> None:
    source = (ROOT / "tests" / "data" / "teacher-all-types.yaml").read_text(encoding="utf-8")
    bank_file = tmp_path / "bank.yaml"
    bank_file.write_text(source.replace("prompt: Wie is de president van Mali?",
                                        "prompt: Wie is de president van Mali?\n    hint: Het begint met Goïta."),
                         encoding="utf-8")
    bank = load_bank(bank_file)
    exported = export(bank, "student")
    assert "Goïta" not in str(exported.data).split("id: q06")[1].split("- id:")[0]
    (problem,) = exported.problems
    assert problem.message == "student: de hint van vraag 'president' noemt het antwoord; die is uit de kopie " \
                              "weggelaten"
    assert exported.summary[1] == "student: de hint weggelaten bij 1 vraag, omdat die het antwoord noemt: president"


def test_a_copy_exports_only_as_a_copy_and_lints_on_what_is_shown(tmp_path: Path) -> None:
    _, copy = written(BANKS[0], tmp_path)
    with pytest.raises(KeylessExport, match="studentenkopie zonder antwoorden"):
        export(copy, "moodle-xml")
    assert export(copy, "student").data == (tmp_path / BANKS[0].name).read_text(encoding="utf-8")
    lint_copy = tmp_path / "lint.yaml"
    lint_copy.write_text(export(load_bank(ROOT / "tests" / "data" / "teacher-lint-warnings.yaml"),
                                "student").data, encoding="utf-8")  # type: ignore[arg-type]
    loaded = read_bank(lint_copy)
    assert loaded.bank is not None
    codes = {p.code for p in lint(loaded.bank, loaded.positions)}
    assert "W101" in codes  # "all of the above" is seen by the student
    assert not codes & {"W104", "W109", "W110", "W111", "W112", "W113", "W114"}  # about keys: the full bank's
