"""A student copy (`student_copy:`, written by `kwis export --to student`): read like any bank,
with what a student needs to answer and no answer; a field that would give one away is an error at
its line, in the bank's language, while a normal bank with a missing answer keeps its own error."""

from __future__ import annotations

import json
import math
from pathlib import Path

import jsonschema
import pytest

from kwis.bank import keyless_bank, read_bank, read_bank_text
from kwis.bank import load_bank
from kwis.bank._problems import Problem
from kwis.bank._schema import json_schema
from kwis.bank._writer import bank_to_yaml
from kwis.grading import grade
from kwis._model import (
    ChoiceQuestion, ClozeQuestion, MatchQuestion, NumericQuestion, OrderQuestion, TextQuestion,
)
from kwis.records._identity import content_json, question_fingerprint

ROOT = Path(__file__).resolve().parents[2]
BANKS = [ROOT / "quizzes" / "minusma.nl.yaml", ROOT / "quizzes" / "minusma.en.yaml",
         ROOT / "tests" / "data" / "teacher-all-types.yaml"]

COPY_HEADER = """\
kwis: 1
id: toets
title: Toets
language: {language}
student_copy:
  bank: toets
questions:
"""


def copy_problems(body: str, language: str = "nl") -> list[Problem]:
    return list(read_bank_text(COPY_HEADER.format(language=language) + body, file="kopie.yaml").problems)


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.name)
def test_a_written_copy_reads_back_as_the_same_questions_without_keys(path: Path) -> None:
    full = load_bank(path)
    copy = keyless_bank(full, "0" * 64)
    loaded = read_bank_text(bank_to_yaml(copy), file="copy.yaml")
    assert loaded.errors == () and loaded.bank is not None
    read = loaded.bank
    assert read.keyless and read.student_copy == copy.student_copy
    assert [q.id for q in read.questions] == [f"q{n:02d}" for n in range(1, len(full.questions) + 1)]
    # The students' kernels fingerprint the questions they answer as the teacher's side does.
    assert [question_fingerprint(q) for q in read.questions] == [question_fingerprint(q) for q in copy.questions]
    for question, original in zip(read.questions, full.questions):
        assert question.keyless and question.points == original.points and question.tags == original.tags
        assert question.explanation == "" and question.source == () and not any(vars(question.feedback).values())
        if isinstance(question, ChoiceQuestion):
            assert not any(c.correct for c in question.choices)
            assert sorted(c.text for c in question.choices) == sorted(c.text for c in original.choices)
        if isinstance(question, NumericQuestion):
            assert math.isnan(question.answer) and question.unit == original.unit
        if isinstance(question, TextQuestion):
            assert question.answers == () and question.pattern == ""
        if isinstance(question, ClozeQuestion):
            assert all(gap.answers == () for gap in question.gaps)
            assert [set(g.options) for g in question.gaps] == [set(g.options) for g in original.gaps]
        if isinstance(question, OrderQuestion):
            assert question.items == tuple(sorted(original.items, key=str.casefold))
        if isinstance(question, MatchQuestion):
            assert [p.left for p in question.pairs] == [p.left for p in original.pairs]
            assert all(p.right == "" for p in question.pairs)
            assert set(question.right_options) == set(original.right_options)


def test_a_full_question_keeps_its_fingerprint() -> None:
    """Stored answers of full banks keep matching their question versions."""
    question = load_bank(BANKS[2]).question("diop-eis")
    assert "keyless" not in content_json(question)
    assert "keyless" in content_json(keyless_bank(load_bank(BANKS[2])).question("q01"))


def test_grading_a_copy_question_scores_nothing_and_says_the_teacher_marks_it() -> None:
    copy = keyless_bank(load_bank(BANKS[2]))
    result = grade(copy.question("q03"), True, language="nl")
    assert result.score == 0 and not result.correct
    assert result.unreadable == "Deze vraag komt uit een studentenkopie, zonder antwoorden: je docent kijkt haar na."
    assert grade(copy.question("q01"), 0, language="en").unreadable.endswith("your teacher marks it.")


def test_a_normal_bank_without_an_answer_keeps_its_own_error(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text("kwis: 1\nid: b\ntitle: B\nlanguage: nl\nquestions:\n"
                    "  - id: q\n    type: true-false\n    prompt: Waar?\n", encoding="utf-8")
    (problem,) = read_bank(path).problems
    assert (problem.line, problem.path) == (6, "$.questions[0].answer")
    assert problem.message == "de vraag heeft geen `answer`"
    assert problem.fix == "voeg `answer:` toe (of de bewering in de vraag waar is)"


@pytest.mark.parametrize("language, message, fix", [
    ("nl", "dit is een studentenkopie (`student_copy:`), zonder antwoorden, maar de vraag heeft `answer`: "
           "dat verraadt het antwoord",
     "haal `answer` weg, of maak de kopie opnieuw uit de volledige bank: `kwis export BANK --to student -o "
     "KOPIE.yaml`"),
    ("en", "this is a student copy (`student_copy:`), which has no answers, but the question has `answer`: "
           "it gives the answer away",
     "remove `answer`, or make the copy again from the full bank: `kwis export BANK --to student -o COPY.yaml`"),
])
def test_an_answer_in_a_copy_is_an_error_at_its_line(language: str, message: str, fix: str) -> None:
    (problem,) = copy_problems("  - id: q\n    type: true-false\n    prompt: Waar?\n    answer: true\n", language)
    assert (problem.line, problem.path, problem.message, problem.fix) == (11, "$.questions[0].answer", message, fix)


def test_every_giveaway_in_a_copy_is_reported_in_one_run() -> None:
    found = copy_problems(
        "  - id: a\n    type: choice\n    prompt: Wie?\n    choices:\n      - {text: Diop, correct: true}\n"
        "      - Goïta\n    explanation: Omdat.\n"
        "  - id: b\n    type: text\n    prompt: Wie?\n    answers: [Goïta]\n"
        "  - id: c\n    type: cloze\n    prompt: Vul in.\n    text: De {{penvoerder}} is Frankrijk.\n"
        "  - id: d\n    type: match\n    prompt: Koppel.\n    pairs:\n      - {left: a, right: b}\n")
    paths = [p.path for p in found]
    assert "$.questions[0].choices[0].correct" in paths and "$.questions[0].explanation" in paths
    assert "$.questions[1].answers" in paths and "$.questions[2].text" in paths
    assert "$.questions[3].pairs" in paths  # and its missing left and right
    cloze = next(p for p in found if p.path == "$.questions[2].text")
    assert cloze.message == "gat 1 van deze studentenkopie noemt een antwoord: {{penvoerder}}"


def test_a_copy_of_another_bank_is_an_error() -> None:
    (problem,) = list(read_bank_text(COPY_HEADER.format(language="en").replace("bank: toets", "bank: andere")
                                     + "  - {id: q, type: true-false, prompt: True?}\n", file="c.yaml").problems)
    assert problem.path == "$.student_copy.bank"
    assert problem.message == "`student_copy.bank` is 'andere', but the copy's id is 'toets'"


def test_a_copy_reads_its_gaps_and_pools() -> None:
    loaded = read_bank_text(COPY_HEADER.format(language="nl") +
                            "  - id: c\n    type: cloze\n    prompt: Vul in.\n"
                            "    text: De {{}} schrijft in {{~Bamako|~Gao}}.\n"
                            "  - id: m\n    type: match\n    prompt: Koppel.\n    left: [Diop, Goïta]\n"
                            "    right: [minister, president, soldaat]\n", file="c.yaml")
    assert loaded.errors == () and loaded.bank is not None
    cloze, match = loaded.bank.questions
    assert isinstance(cloze, ClozeQuestion) and isinstance(match, MatchQuestion)
    assert [(g.answers, g.options) for g in cloze.gaps] == [((), ()), ((), ("Bamako", "Gao"))]
    assert match.right_options == ("minister", "president", "soldaat")


def test_the_json_schema_takes_a_copy_and_refuses_an_answer_in_it() -> None:
    validator = jsonschema.Draft202012Validator(json_schema())
    copy = json.loads(json.dumps(__import__("yaml").safe_load(bank_to_yaml(keyless_bank(load_bank(BANKS[2]))))))
    assert list(validator.iter_errors(copy)) == []
    copy["questions"][2]["answer"] = True
    assert list(validator.iter_errors(copy)) != []
    full = __import__("yaml").safe_load((BANKS[2]).read_text(encoding="utf-8"))
    assert list(validator.iter_errors(full)) == []
