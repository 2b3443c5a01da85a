"""The loader: a valid bank becomes the model; every kind of mistake gets its own message, position and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from kwis import BankError, load_bank
from kwis._errors import Problem
from kwis._loader import read_bank
from kwis._model import ChoiceQuestion, ClozeQuestion, Gap, MatchQuestion, NumericQuestion, TextQuestion

HEADER = """\
kwis: 1
id: test-bank
title: Testbank
language: nl
questions:
"""

ARTICLE = "Hij eiste een „onmiddellijke terugtrekking”. Abdoulaye Diop, Mali’s minister van Buitenlandse Zaken.\n"


def write(tmp_path: Path, body: str, header: str = HEADER, name: str = "bank.yaml") -> Path:
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return path


def problems(tmp_path: Path, body: str, header: str = HEADER) -> list[Problem]:
    return list(read_bank(write(tmp_path, body, header)).problems)


def only(tmp_path: Path, body: str, header: str = HEADER) -> Problem:
    found = problems(tmp_path, body, header)
    assert len(found) == 1, [p.format() for p in found]
    return found[0]


CHOICE = """\
  - id: q1
    type: choice
    prompt: Wat eiste Diop?
    choices:
      - {text: Terugtrekking, correct: true}
      - {text: Meer blauwhelmen, feedback: Nee.}
"""


def test_a_valid_bank_becomes_the_model(tmp_path: Path) -> None:
    bank = load_bank(write(tmp_path, CHOICE + """\
  - id: q2
    type: numeric
    prompt: Hoe groot?
    answer: 17000
    tolerance: 500
    unit: man
  - id: q3
    type: cloze
    prompt: Vul in.
    text: "De {{penvoerder}} is {{Frankrijk|~Rusland|~Turkije}}."
  - id: q4
    type: match
    prompt: Koppel.
    pairs:
      - {left: Goïta, right: president}
      - {left: Diop, right: minister}
    distractors: [generaal]
  - id: q5
    type: text
    prompt: Wie?
    answers: [Goïta, Assimi Goïta]
    typos: 1
"""))
    assert [q.id for q in bank.questions] == ["q1", "q2", "q3", "q4", "q5"]
    choice, numeric, cloze, match, text = bank.questions
    assert isinstance(choice, ChoiceQuestion) and choice.correct_index == 0
    assert choice.choices[1].feedback == "Nee."
    assert isinstance(numeric, NumericQuestion) and (numeric.low, numeric.high) == (16500, 17500)
    assert isinstance(cloze, ClozeQuestion)
    assert cloze.gaps == (Gap(("penvoerder",)), Gap(("Frankrijk",), ("Frankrijk", "Rusland", "Turkije")))
    assert isinstance(match, MatchQuestion) and match.right_options == ("president", "minister", "generaal")
    assert isinstance(text, TextQuestion) and text.typos == 1
    assert bank.language == "nl" and bank.path.endswith("bank.yaml")


def test_load_bank_raises_with_every_problem(tmp_path: Path) -> None:
    path = write(tmp_path, """\
  - id: q1
    type: choice
    prompt: ""
    choices: [a, b]
  - id: Q 2
    type: true-false
    prompt: Waar?
    answer: ja
""")
    with pytest.raises(BankError) as caught:
        load_bank(path)
    assert [(p.line, p.path) for p in caught.value.problems] == [
        (8, "$.questions[0].prompt"),
        (9, "$.questions[0].choices"),
        (10, "$.questions[1].id"),
        (13, "$.questions[1].answer"),
    ]
    assert f"{path}:10:9: error:" in str(caught.value)


@pytest.mark.parametrize(
    ("body", "line", "column", "path", "message", "fix"),
    [
        pytest.param(CHOICE.replace("prompt: Wat eiste Diop?", "prompt:"), 8, 12, "$.questions[0].prompt",
                     "`prompt` is empty", "write the the question (markdown; $math$ allowed), or remove the line",
                     id="empty-prompt"),
        pytest.param(CHOICE.replace("type: choice", "type: choise"), 7, 11, "$.questions[0].type",
                     "unknown question type 'choise'",
                     "did you mean `choice`? use one of: choice, multiple, true-false, numeric, text, cloze, "
                     "order, match", id="unknown-type"),
        pytest.param(CHOICE + "    explantion: Omdat.\n", 12, 5, "$.questions[0].explantion",
                     "unknown field `explantion` in the question", "did you mean `explanation`?", id="unknown-key"),
        pytest.param(CHOICE + "    choices: [x, y]\n", 12, 5, "$.questions[0].choices",
                     "`choices` appears twice in the question",
                     "keep one `choices:` line; YAML would silently use the last one", id="duplicate-key"),
        pytest.param(CHOICE.replace("correct: true", "correct: false"), 10, 7, "$.questions[0].choices",
                     "a `choice` question needs exactly one correct choice, this one has 0",
                     "mark the right choice with `correct: true`", id="choice-without-correct"),
        pytest.param(CHOICE.replace("Meer blauwhelmen, feedback: Nee.", "Meer, correct: true"), 10, 7,
                     "$.questions[0].choices", "a `choice` question needs exactly one correct choice, this one "
                     "has 2", "mark one choice `correct: true`, or make it `type: multiple` if several are right",
                     id="choice-with-two-correct"),
        pytest.param(CHOICE.replace("Meer blauwhelmen", "terugtrekking "), 11, 9, "$.questions[0].choices[1]",
                     "choice 2 repeats choice 1: 'terugtrekking'", "remove one of them or reword it",
                     id="duplicate-choice"),
        pytest.param(CHOICE.replace("    choices:", "    difficulty: 4\n    choices:"), 9, 17,
                     "$.questions[0].difficulty", "`difficulty` is 4, out of range", "write a number from 1 to 3",
                     id="difficulty-out-of-range"),
        pytest.param(CHOICE.replace("id: q1", "id: Vraag 1"), 6, 9, "$.questions[0].id",
                     "`id` 'Vraag 1' may hold only lowercase letters, digits and dashes", "write `id: vraag-1`",
                     id="bad-slug"),
        pytest.param(CHOICE.replace("    choices:", "    tags: Wagner\n    choices:"), 9, 11, "$.questions[0].tags",
                     "`tags` should be a list with at least one entry, not 'Wagner'",
                     "write `tags: [Wagner]`, or one `- Wagner` line per entry", id="tags-not-a-list"),
        pytest.param("""\
  - id: n
    type: numeric
    prompt: Hoeveel?
    range: [14000, 12000]
""", 9, 12, "$.questions[0].range", "`range` runs backwards: 14000 is above 12000",
                     "write `range: [12000, 14000]`", id="backwards-range"),
        pytest.param("""\
  - id: n
    type: numeric
    prompt: Hoeveel?
    answer: 17.000
""", 9, 13, "$.questions[0].answer",
                     "`17.000` is ambiguous in a Dutch bank: YAML reads it as 17, a Dutch reader as 17000",
                     "write 17000 without the thousands dot (or 17 if you meant that)", id="dutch-thousands"),
        pytest.param("""\
  - id: n
    type: numeric
    prompt: Hoeveel?
    unit: man
""", 6, 5, "$.questions[0].answer", "a numeric question needs an `answer` or a `range`",
                     "add `answer: 17000` (with `tolerance:` if near answers count) or `range: [low, high]`",
                     id="numeric-without-answer"),
        pytest.param("""\
  - id: c
    type: cloze
    prompt: Vul in.
    text: "De {{penvoerder} voor Mali"
""", 9, 11, "$.questions[0].text", "a gap is not closed or not opened near 'De {{penvoerder} voor Mali'",
                     "write every gap as {{answer}}, with two braces on each side", id="unclosed-gap"),
        pytest.param("""\
  - id: c
    type: cloze
    prompt: Vul in.
    text: "De {{~Russen|~Turken}} schrijven"
""", 9, 11, "$.questions[0].text", "gap 1 has only wrong options (~): {{~Russen|~Turken}}",
                     "write the right answer without ~, e.g. {{Fransen|~Russen}}", id="gap-without-answer"),
        pytest.param("""\
  - id: t
    type: text
    prompt: Wie?
    answers: [Goïta]
    pattern: "(Go"
""", 10, 14, "$.questions[0].pattern",
                     "the pattern is not a valid regular expression: missing ), unterminated subpattern at "
                     "position 0", "fix the expression, or leave `pattern` out and list the answers in `answers`",
                     id="bad-pattern"),
        pytest.param("""\
  - id: o
    type: order
    prompt: Orden.
    items: [2013, 2014, 2013]
""", 9, 25, "$.questions[0].items[2]", "item 3 repeats item 1: '2013'", "remove one of them or reword it",
                     id="duplicate-order-item"),
        pytest.param(CHOICE.replace("feedback: Nee.", "feedback: Nee, juist minder."), 11, 49,
                     "$.questions[0].choices[1].juist minder.", "unknown field `juist minder.` in the choice",
                     'text with a comma inside `{...}` must be in quotes: feedback: "Nee, juist minder."',
                     id="comma-in-flow-mapping"),
        pytest.param(CHOICE + CHOICE, 12, 9, "$.questions[1].id",
                     "the id 'q1' is already used by the question on line 6", "give every question its own id",
                     id="duplicate-id"),
        pytest.param(CHOICE.replace("prompt: Wat eiste Diop?", "prompt: !!python/object/apply:os.system [ls]"),
                     8, 13, "$.questions[0].prompt", "the tag `!!python/object/apply:os.system` is not allowed "
                     "in a bank", "remove the tag: a bank holds only text, numbers, true/false, lists and mappings",
                     id="python-tag"),
    ],
)
def test_each_mistake_has_its_message_position_and_fix(
    tmp_path: Path, body: str, line: int, column: int, path: str, message: str, fix: str
) -> None:
    problem = only(tmp_path, body)
    assert (problem.line, problem.column, problem.path) == (line, column, path)
    assert problem.message == message
    assert problem.fix == fix
    assert problem.file == str(tmp_path / "bank.yaml")


def test_missing_required_fields(tmp_path: Path) -> None:
    found = problems(tmp_path, "", header="kwis: 1\nid: x\n")
    assert [(p.path, p.message) for p in found] == [
        ("$.title", "the bank has no `title`"),
        ("$.language", "the bank has no `language`"),
        ("$.questions", "the bank has no `questions`"),
    ]
    assert found[0].fix == "add `title:` (the bank's title)"


def test_wrong_format_version(tmp_path: Path) -> None:
    problem = only(tmp_path, CHOICE, header=HEADER.replace("kwis: 1", "kwis: 2"))
    assert (problem.line, problem.path, problem.message) == (1, "$.kwis", "`kwis` is 2, out of range")


@pytest.mark.parametrize(
    ("data", "line", "column", "message", "fix"),
    [
        (b"", 1, 1, "the file is empty", "start the bank with `kwis: 1`, then id, title, language and questions "
         "(see docs/bank-format.md)"),
        (b"# only a comment\n", 1, 1, "the file is empty", None),
        ("kwis: 1\ntitle: Caf\xe9\n".encode("latin-1"), 2, 11,
         "the file is not UTF-8 text (byte 0xe9 cannot be read)",
         "save the file with the encoding UTF-8 (most editors: Save with Encoding > UTF-8)"),
        (b"kwis: 1\nprompt: Vraag: wat is dit?\n", 2, 14,
         "YAML syntax error: mapping values are not allowed in this context",
         "put text that contains ': ' in quotes, e.g. prompt: \"Vraag: wat ...?\""),
        (b"kwis: 1\n---\nkwis: 1\n", 2, 1,
         "YAML syntax error: expected a single document in the stream, but found another document",
         "a bank is one YAML document: remove the extra `---` line"),
        (b"- a\n- b\n", 1, 1, "the bank should be a mapping of `key: value` lines, not a list",
         "write the bank as indented `key: value` lines"),
        (b"kwis: 1\n\tprompt: x\n", 2, 1, "YAML syntax error: found a tab character that violates indentation "
         "(while scanning a plain scalar)", "indent with spaces, not tabs"),
    ],
    ids=["empty", "comment-only", "not-utf8", "colon-in-text", "two-documents", "not-a-mapping", "tab"],
)
def test_unreadable_files(tmp_path: Path, data: bytes, line: int, column: int, message: str,
                          fix: str | None) -> None:
    path = tmp_path / "bank.yaml"
    path.write_bytes(data)
    [problem] = read_bank(path).problems
    assert (problem.line, problem.column, problem.message) == (line, column, message)
    if fix is not None:
        assert problem.fix == fix


def test_a_missing_file_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    [problem] = read_bank(tmp_path / "nope.yaml").problems
    assert problem.message == "cannot read the bank: No such file or directory"


def test_several_questions_report_all_their_errors_in_file_order(tmp_path: Path) -> None:
    found = problems(tmp_path, """\
  - id: a
    type: choise
    prompt: A?
  - id: b
    type: true-false
    prompt: B?
    answer: misschien
  - id: c
    type: order
    prompt: C?
    items: [alleen]
""")
    assert [p.line for p in found] == [7, 12, 16]
    assert [p.path for p in found] == ["$.questions[0].type", "$.questions[1].answer", "$.questions[2].items"]


def test_python_tags_never_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    body = CHOICE.replace("prompt: Wat eiste Diop?",
                          f'prompt: !!python/object/apply:pathlib.Path.touch [!!python/object/apply:pathlib.Path ["{marker}"]]')
    assert problems(tmp_path, body)
    assert not marker.exists()


SOURCED = """\
kwis: 1
id: test-bank
title: Testbank
language: nl
source:
  title: Artikel
  file: artikel.txt
questions:
"""


@pytest.mark.parametrize(
    "quote",
    ['Hij eiste een "onmiddellijke terugtrekking".', "Hij  eiste een „onmiddellijke\n      terugtrekking”.",
     "Mali's minister van Buitenlandse Zaken", "Hij eiste een … Abdoulaye Diop"],
    ids=["straight-quotes", "whitespace", "apostrophe", "elision"],
)
def test_quotes_are_found_with_quotes_and_whitespace_normalised(tmp_path: Path, quote: str) -> None:
    (tmp_path / "artikel.txt").write_text(ARTICLE, encoding="utf-8")
    body = CHOICE + "    source:\n      - >-\n        " + quote.replace("\n      ", "\n        ") + "\n"
    assert problems(tmp_path, body, header=SOURCED) == []


def test_a_quote_not_in_the_source_shows_the_closest_passage(tmp_path: Path) -> None:
    (tmp_path / "artikel.txt").write_text(ARTICLE, encoding="utf-8")
    problem = only(tmp_path, CHOICE + "    source: Hij eiste een snelle terugtrekking.\n", header=SOURCED)
    assert (problem.line, problem.column, problem.path) == (15, 13, "$.questions[0].source")
    assert problem.message == "this quote is not in the source text"
    assert problem.fix == 'copy the passage exactly; the closest passage is: «Hij eiste een "onmiddellijke ' \
        'terugtrekking".»'


def test_a_missing_source_file_is_reported_at_its_line(tmp_path: Path) -> None:
    problem = only(tmp_path, CHOICE, header=SOURCED)
    assert (problem.line, problem.path) == (7, "$.source.file")
    assert problem.message == "cannot read the source text 'artikel.txt': No such file or directory"


def test_drafts_are_warnings_and_still_load(tmp_path: Path) -> None:
    loaded = read_bank(write(tmp_path, CHOICE + "    draft: true\n"))
    assert loaded.bank is not None
    [warning] = loaded.warnings
    assert (warning.severity, warning.line, warning.message) == ("warning", 6, "question 'q1' is a draft")


def test_positions_map_paths_to_lines(tmp_path: Path) -> None:
    loaded = read_bank(write(tmp_path, CHOICE))
    assert loaded.positions["$.questions[0]"] == (6, 5)
    assert loaded.positions["$.questions[0].choices[1]"] == (11, 9)
