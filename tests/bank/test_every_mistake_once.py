"""Every mistake of a bank in one run, each with one clear message in the teacher's language.

Failed before: a tab or a bad indent gave one error in parser jargon ("did not find expected '-'
indicator while parsing a block collection") and hid every other problem of the file; `type:
truefalse` got "did you mean true-false?" and then "`answer` should be a number"; the quote check
skipped a question with another error; `kwis validate` counted 0 questions in a bank with errors.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kwis.bank._read import read_bank, read_bank_text

BANK = """\
kwis: 1
id: demo
title: Demo
language: {language}
questions:
  - id: a
    type: true-false
    prompt: Is it?
    answer: true
  - id: b
    type: truefalse
    prompt: Is it?
    answer: true
  - id: c
    type: choice
    prompt: Which?
    choices: [one, two]
"""


def _problems(text: str, language: str = "en") -> list[tuple[int, str, str, str]]:
    loaded = read_bank_text(text.format(language=language))
    return [(p.line, p.path, p.message, p.fix) for p in loaded.problems]


OTHER_PROBLEMS = [
    (11, "$.questions[1].type", "unknown question type 'truefalse'",
     "did you mean `true-false`? use one of: choice, multiple, true-false, numeric, text, cloze, order, match"),
    (17, "$.questions[2].choices", "a `choice` question needs exactly one correct choice, this one has 0",
     "mark the right choice with `correct: true`"),
]


@pytest.mark.parametrize(("broken", "message", "fix"), [
    ("     prompt: Is it?", "line 8 is indented 5 spaces where line 7 has 4: YAML cannot tell where it belongs",
     "indent line 8 with 4 spaces, like line 7"),
    ("   prompt: Is it?", "line 8 is indented 3 spaces where line 7 has 4: YAML cannot tell where it belongs",
     "indent line 8 with 4 spaces, like line 7"),
    ("\tprompt: Is it?", "line 8 is indented with a tab: YAML accepts only spaces for indentation",
     "replace the tab at the start of line 8 by 4 spaces, like line 7"),
    ("    prompt: Note: is it?", "line 8 holds a text with ': ' in it, which YAML reads as the start of a new field",
     "put the text in quotes, e.g. prompt: \"Note: what does ... mean?\""),
    ("    prompt: \"Is it?", "a quote opened on line 8 is not closed",
     "close the quote on line 8, or leave the quotes out"),
])
def test_a_syntax_error_costs_only_its_question(broken: str, message: str, fix: str) -> None:
    text = BANK.replace("    prompt: Is it?\n    answer: true\n  - id: b", broken + "\n    answer: true\n  - id: b")
    assert _problems(text) == [(8, "$.questions[0]", message, fix), *OTHER_PROBLEMS]


def test_syntax_errors_in_dutch_with_the_rest_of_the_file_checked() -> None:
    text = BANK.replace("    prompt: Is it?\n    answer: true\n  - id: b", "\tprompt: Is it?\n    answer: true\n  - id: b")
    found = _problems(text, "nl")
    assert found[0] == (8, "$.questions[0]", "regel 8 springt in met een tab: YAML accepteert alleen spaties om in "
                        "te springen", "vervang de tab aan het begin van regel 8 door 4 spaties, zoals regel 7")
    assert [p[2] for p in found[1:]] == ["onbekend vraagtype 'truefalse'",
                                         "een `choice`-vraag heeft precies één goede keuze nodig, deze heeft er 0"]


def test_a_broken_item_line_is_told_to_line_up_with_the_item_above() -> None:
    text = BANK.replace("  - id: c", "   - id: c")
    assert _problems(text) == [  # questions b and c are one broken part now: its syntax error says it all
        (14, "$.questions[1]", "line 14 is indented 3 spaces where line 10 has 2: YAML cannot tell where it belongs",
         "indent line 14 with 2 spaces, like line 10"),
    ]


def test_a_broken_top_level_field_is_reported_and_not_called_missing() -> None:
    text = BANK.replace("title: Demo", "title: [Demo")
    assert _problems(text) == [
        (3, "$.title", "a bracket opened on line 3 is not closed",
         "close the list with `]` (or the mapping with `}`) on line 3, or put the text in quotes"),
        *OTHER_PROBLEMS]


def test_an_unknown_type_gets_one_message_not_a_second_about_its_fields() -> None:
    found = _problems(BANK)
    assert found == OTHER_PROBLEMS


def test_the_quote_check_runs_on_a_question_with_another_error(tmp_path: Path) -> None:
    (tmp_path / "source.txt").write_text("The mission had 17,000 troops.", encoding="utf-8")
    text = BANK.format(language="en").replace("title: Demo", "title: Demo\nsource:\n  file: source.txt")
    text = text.replace("    choices: [one, two]", "    choices: [one, two]\n    source: The mission had 12,000 troops.")
    bank = tmp_path / "bank.yaml"
    bank.write_text(text, encoding="utf-8")
    messages = [(p.path, p.message) for p in read_bank(bank).problems]
    assert ("$.questions[2].source", "this quote is not in the source text") in messages
    assert ("$.questions[2].choices", "a `choice` question needs exactly one correct choice, this one has 0") \
        in messages


def test_the_question_count_includes_questions_with_errors() -> None:
    assert read_bank_text(BANK.format(language="en")).question_count == 3
