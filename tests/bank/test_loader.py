"""The loader: a valid bank becomes the model; every kind of mistake gets its own message, position and fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kwis import BankError, load_bank
from kwis.bank._problems import Problem
from kwis.bank._read import read_bank
from kwis._model import ChoiceQuestion, ClozeQuestion, Gap, MatchQuestion, NumericQuestion, TextQuestion

HEADER = """\
kwis: 1
id: test-bank
title: Testbank
language: en
questions:
"""
DUTCH_HEADER = HEADER.replace("language: en", "language: nl")

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
    assert bank.language == "en" and bank.path.endswith("bank.yaml")


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
                     "`prompt` is empty",
                     "write the text of `prompt:` (the question (Markdown; $math$ allowed)), or remove the line",
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
        pytest.param(CHOICE.replace("    choices:", "    tags: []\n    choices:"), 9, 11, "$.questions[0].tags",
                     "`tags` should be a list with at least one entry, not an empty list",
                     "write `tags: [...]`, or one `- ...` line per entry", id="tags-empty"),
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
    unit: man
""", 6, 5, "$.questions[0].answer", "a numeric question needs an `answer` or a `range`",
                     "add `answer: 17000` (with `tolerance:` if near answers count) or `range: [low, high]`",
                     id="numeric-without-answer"),
        pytest.param("""\
  - id: c
    type: cloze
    prompt: Vul in.
    text: "De {{penvoerder} voor Mali"
""", 9, 15, "$.questions[0].text",
                     "gap 1 is not closed: '{{penvoerder} voor Mali' has no `}}` before the end of the text",
                     "write every gap as {{answer}}, with two braces on each side", id="unclosed-gap"),
        pytest.param("""\
  - id: c
    type: cloze
    prompt: Vul in.
    text: "De {{~Russen|~Turken}} schrijven"
""", 9, 15, "$.questions[0].text", "gap 1 has only wrong options (~): {{~Russen|~Turken}}",
                     "write the right answer without ~, e.g. {{French|~Russians}}", id="gap-without-answer"),
        pytest.param("""\
  - id: t
    type: text
    prompt: Wie?
    answers: [Goïta]
    pattern: "(Go"
""", 10, 14, "$.questions[0].pattern",
                     "the pattern is not a valid regular expression: missing ): (Go",
                     "fix the expression (kwis matches with RE2: no look-around, no back-references, at most 1000 "
                     "characters), or leave `pattern` out and list the answers in `answers`",
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
                     'text with a comma inside `{...}` must be in quotes: feedback: "No, fewer."',
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


NUMERIC_17_000 = """\
  - id: n
    type: numeric
    prompt: Hoeveel?
    answer: 17.000
"""


def test_in_an_english_bank_a_dot_is_the_decimal_point(tmp_path: Path) -> None:
    [question] = load_bank(write(tmp_path, NUMERIC_17_000.replace("17.000", "17.5"))).questions
    assert isinstance(question, NumericQuestion) and question.answer == 17.5


@pytest.mark.parametrize(
    ("body", "path", "message", "fix"),
    [
        pytest.param(CHOICE + "    explantion: Omdat.\n", "$.questions[0].explantion",
                     "onbekend veld `explantion` in de vraag", "bedoel je `explanation`?", id="unknown-field"),
        pytest.param(CHOICE + "    choices: [x, y]\n", "$.questions[0].choices",
                     "`choices` staat twee keer in de vraag",
                     "houd één `choices:`-regel over; YAML zou stilzwijgend de laatste gebruiken", id="duplicate-key"),
        pytest.param("  - {id: w, type: true-false, prompt: Waar?, answer: wellicht}\n", "$.questions[0].answer",
                     "`answer` moet true of false zijn, maar is 'wellicht'", "schrijf `answer: true` of `answer: false`",
                     id="wrong-kind"),
        pytest.param("  - {id: w, type: true-false, answer: true}\n", "$.questions[0].prompt",
                     "de vraag heeft geen `prompt`", "voeg `prompt:` toe (de vraag (Markdown; $math$ toegestaan))",
                     id="missing-field"),
        pytest.param(CHOICE.replace("prompt: Wat eiste Diop?", "prompt:"), "$.questions[0].prompt", "`prompt` is leeg",
                     "schrijf de tekst van `prompt:` (de vraag (Markdown; $math$ toegestaan)), of haal de regel weg",
                     id="empty-prompt"),
        pytest.param(CHOICE.replace("correct: true", "correct: false"), "$.questions[0].choices",
                     "een `choice`-vraag heeft precies één goede keuze nodig, deze heeft er 0",
                     "markeer de goede keuze met `correct: true`", id="choice-without-correct"),
        pytest.param(CHOICE.replace("Meer blauwhelmen", "terugtrekking "), "$.questions[0].choices[1]",
                     "keuze 2 herhaalt keuze 1: 'terugtrekking'", "haal er een weg of formuleer er een anders",
                     id="duplicate-choice"),
        pytest.param(CHOICE + CHOICE, "$.questions[1].id", "de id 'q1' wordt al gebruikt door de vraag op regel 6",
                     "geef elke vraag een eigen id", id="duplicate-id"),
        pytest.param(CHOICE.replace("type: choice", "type: choise"), "$.questions[0].type",
                     "onbekend vraagtype 'choise'", "bedoel je `choice`? gebruik een van: choice, multiple, true-false, "
                     "numeric, text, cloze, order, match", id="unknown-type"),
        pytest.param(CHOICE.replace("    choices:", "    difficulty: 4\n    choices:"), "$.questions[0].difficulty",
                     "`difficulty` is 4, dat valt buiten het toegestane bereik", "schrijf een getal van 1 tot en met 3",
                     id="out-of-range"),
        pytest.param(CHOICE.replace("    choices:", "    tags: Wagner\n    choices:"), "$.questions[0].tags",
                     "`tags` moet een lijst met minstens één item zijn, maar is 'Wagner'",
                     "schrijf `tags: [Wagner]`, of één `- Wagner`-regel per item", id="not-a-list"),
        pytest.param(CHOICE.replace("id: q1", "id: Vraag 1"), "$.questions[0].id",
                     "`id` 'Vraag 1' mag alleen kleine letters, cijfers en streepjes bevatten", "schrijf `id: vraag-1`",
                     id="bad-slug"),
        pytest.param("""\
  - id: c
    type: cloze
    prompt: Vul in.
    text: "De {{~Russen|~Turken}} schrijven"
""", "$.questions[0].text", "gat 1 heeft alleen foute opties (~): {{~Russen|~Turken}}",
                     "schrijf het goede antwoord zonder ~, bijvoorbeeld {{Fransen|~Russen}}", id="cloze-gap"),
        pytest.param("""\
  - id: c
    type: cloze
    prompt: Vul in.
    text: "De {{penvoerder} voor Mali"
""", "$.questions[0].text",
                     "gat 1 wordt niet gesloten: na '{{penvoerder} voor Mali' komt geen `}}` vóór het eind van de tekst",
                     "schrijf elk gat als {{antwoord}}, met twee accolades aan elke kant", id="unclosed-gap"),
        pytest.param(NUMERIC_17_000.replace("answer: 17.000", "unit: man"), "$.questions[0].answer",
                     "een numeric-vraag heeft een `answer` of een `range` nodig",
                     "voeg `answer: 17000` toe (met `tolerance:` als antwoorden in de buurt ook goed zijn) of "
                     "`range: [low, high]`", id="numeric-without-answer"),
        pytest.param(CHOICE.replace("feedback: Nee.", "feedback: Nee, juist minder."),
                     "$.questions[0].choices[1].juist minder.", "onbekend veld `juist minder.` in de keuze",
                     'tekst met een komma binnen `{...}` moet tussen aanhalingstekens: feedback: "Nee, juist minder."',
                     id="comma-in-flow-mapping"),
        pytest.param(CHOICE.replace("prompt: Wat eiste Diop?", "prompt: !!python/object/apply:os.system [ls]"),
                     "$.questions[0].prompt", "de tag `!!python/object/apply:os.system` is niet toegestaan in een bank",
                     "haal de tag weg: een bank bevat alleen tekst, getallen, true/false, lijsten en key: value-blokken",
                     id="python-tag"),
    ],
)
def test_a_dutch_bank_gets_dutch_messages_and_fixes(tmp_path: Path, body: str, path: str, message: str,
                                                     fix: str) -> None:
    problem = only(tmp_path, body, header=DUTCH_HEADER)
    assert (problem.path, problem.message, problem.fix) == (path, message, fix)
    english = only(tmp_path, body)
    assert (english.line, english.column, english.path) == (problem.line, problem.column, problem.path)


def test_a_thousands_dot_is_ambiguous_in_a_dutch_bank(tmp_path: Path) -> None:
    problem = only(tmp_path, NUMERIC_17_000, header=DUTCH_HEADER)
    assert (problem.line, problem.column, problem.path) == (9, 13, "$.questions[0].answer")
    assert problem.message == "`17.000` kan op twee manieren gelezen worden: als 17000 (een punt tussen de " \
        "duizendtallen, zoals in het Nederlands) of als 17 (een decimale punt, zoals YAML het leest)"
    assert problem.fix == "schrijf `answer: 17000` als je duizendtallen bedoelt of `answer: 17` als je " \
        "decimalen bedoelt"


@pytest.mark.parametrize("language", ["nl-BE", "NL", '"nl"'])
def test_dutch_variants_get_dutch_messages(tmp_path: Path, language: str) -> None:
    header = HEADER.replace("language: en", f"language: {language}")
    problem = only(tmp_path, CHOICE + "    explantion: Omdat.\n", header=header)
    assert problem.message == "onbekend veld `explantion` in de vraag"


def test_an_unsupported_language_gets_english_messages(tmp_path: Path) -> None:
    header = HEADER.replace("language: en", "language: fr")
    found = problems(tmp_path, CHOICE + "    explantion: Omdat.\n", header=header)
    assert [(p.severity, p.message) for p in found] == [
        ("warning", "kwis has no texts in 'fr' yet; the quiz will be in English"),
        ("error", "unknown field `explantion` in the question"),
    ]


def test_missing_required_fields_in_a_dutch_bank(tmp_path: Path) -> None:
    found = problems(tmp_path, "", header="kwis: 1\nid: x\nlanguage: nl\n")
    assert [(p.path, p.message, p.fix) for p in found] == [
        ("$.title", "de bank heeft geen `title`", "voeg `title:` toe (de titel van de bank)"),
        ("$.questions", "de bank heeft geen `questions`", "voeg `questions:` toe (de vragen)"),
    ]


def test_missing_required_fields(tmp_path: Path) -> None:
    found = problems(tmp_path, "", header="kwis: 1\nid: x\n")
    assert [(p.path, p.message) for p in found] == [
        ("$.title", "the bank has no `title`"),
        ("$.language", "the bank has no `language`"),
        ("$.questions", "the bank has no `questions`"),
    ]
    assert found[0].fix == "add `title:` (the bank's title)"
    assert found[1].fix == "add `language:` (BCP 47 tag (nl, en, ...): the UI language and how numbers are read)"


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
        (b"kwis: 1\nprompt: Question: what is it?\n", 2, 17,
         "line 2 holds a text with ': ' in it, which YAML reads as the start of a new field",
         "put the text in quotes, e.g. prompt: \"Note: what does ... mean?\""),
        (b"kwis: 1\n---\nkwis: 1\n", 2, 1,
         "line 2 starts a second YAML document (`---`); a bank is one document",
         "remove the `---` line 2"),
        (b"- a\n- b\n", 1, 1, "the bank should be a mapping of `key: value` lines, not a list",
         "write the bank as indented `key: value` lines"),
        (b"kwis: 1\n\tprompt: x\n", 2, 1, "line 2 is indented with a tab: YAML accepts only spaces for indentation",
         "replace the tab at the start of line 2 by 0 spaces, like line 1"),
    ],
    ids=["empty", "comment-only", "not-utf8", "colon-in-text", "two-documents", "not-a-mapping", "tab"],
)
def test_unreadable_files(tmp_path: Path, data: bytes, line: int, column: int, message: str,
                          fix: str | None) -> None:
    path = tmp_path / "bank.yaml"
    path.write_bytes(data)
    problem = next(p for p in read_bank(path).problems if p.line == line)  # the bank's other problems follow
    assert (problem.line, problem.column, problem.message) == (line, column, message)
    if fix is not None:
        assert problem.fix == fix


@pytest.mark.parametrize(
    ("data", "line", "column", "message", "fix"),
    [
        (b"kwis: 1\nlanguage: nl\nprompt: Vraag: wat is dit?\n", 3, 14,
         "regel 3 bevat een tekst met ': ' erin, die YAML leest als het begin van een nieuw veld",
         "zet de tekst tussen aanhalingstekens, bijvoorbeeld prompt: \"Let op: wat betekent ...?\""),
        (b"kwis: 1\nlanguage: 'nl-BE'\n\tprompt: x\n", 3, 1,
         "regel 3 springt in met een tab: YAML accepteert alleen spaties om in te springen",
         "vervang de tab aan het begin van regel 3 door 0 spaties, zoals regel 2"),
        (b"kwis: 1\nlanguage: nl\n---\nkwis: 1\n", 3, 1,
         "regel 3 begint een tweede YAML-document (`---`); een bank is één document", "haal de `---`-regel 3 weg"),
        (b"kwis: 1\nlanguage: nl\ntitle: [Mali\n", 3, 8,
         "een haakje dat op regel 3 opent, wordt niet gesloten",
         "sluit de lijst met `]` (of het blok met `}`) op regel 3, of zet de tekst tussen aanhalingstekens"),
        ("language: nl\ntitle: Caf\xe9\n".encode("latin-1"), 2, 11,
         "het bestand is geen UTF-8-tekst (byte 0xe9 is onleesbaar)",
         "sla het bestand op met de codering UTF-8 (in de meeste editors: Opslaan met codering > UTF-8)"),
        (b"# language: nl\n", 1, 1, "the file is empty", "start the bank with `kwis: 1`, then id, title, language "
         "and questions (see docs/bank-format.md)"),
    ],
    ids=["colon-in-text", "tab-nl-BE", "two-documents", "other-syntax-error", "not-utf8", "empty-is-english"],
)
def test_unreadable_dutch_files_are_reported_in_dutch(tmp_path: Path, data: bytes, line: int, column: int,
                                                      message: str, fix: str) -> None:
    path = tmp_path / "bank.yaml"
    path.write_bytes(data)
    problem = next(p for p in read_bank(path).problems if p.line == line)  # the bank's other problems follow
    assert (problem.line, problem.column, problem.message, problem.fix) == (line, column, message, fix)


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
language: en
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


def test_the_closest_passage_never_runs_a_caption_into_the_next_line(tmp_path: Path) -> None:
    (tmp_path / "artikel.txt").write_text("Foto Minusma via EPA\n\n" + ARTICLE, encoding="utf-8")
    problem = only(tmp_path, CHOICE + "    source: Hij eiste een snelle terugtrekking.\n", header=SOURCED)
    assert problem.fix.endswith('«Hij eiste een "onmiddellijke terugtrekking".»')


def test_a_quote_not_in_the_source_in_a_dutch_bank(tmp_path: Path) -> None:
    (tmp_path / "artikel.txt").write_text(ARTICLE, encoding="utf-8")
    header = SOURCED.replace("language: en", "language: nl")
    problem = only(tmp_path, CHOICE + "    source: Hij eiste een snelle terugtrekking.\n", header=header)
    assert (problem.line, problem.path) == (15, "$.questions[0].source")
    assert problem.message == "dit citaat staat niet in de brontekst"
    assert problem.fix == "neem de passage letterlijk over; de passage die er het meest op lijkt is: «Hij eiste " \
        'een "onmiddellijke terugtrekking".»'


def test_a_missing_source_file_is_reported_at_its_line(tmp_path: Path) -> None:
    problem = only(tmp_path, CHOICE, header=SOURCED)
    assert (problem.line, problem.path) == (7, "$.source.file")
    assert problem.message == "cannot read the source text 'artikel.txt': No such file or directory"


@pytest.mark.parametrize(
    ("make_source", "reason"),
    [
        (lambda path: None, "het bestand bestaat niet"),
        (lambda path: path.mkdir(), "dat is een map"),
        (lambda path: path.write_bytes("Caf\xe9".encode("latin-1")), "het bestand is geen UTF-8-tekst"),
    ],
    ids=["missing", "folder", "not-utf8"],
)
def test_an_unreadable_source_file_in_a_dutch_bank(tmp_path: Path, make_source: Any, reason: str) -> None:
    make_source(tmp_path / "artikel.txt")
    problem = only(tmp_path, CHOICE, header=SOURCED.replace("language: en", "language: nl"))
    assert problem.message == f"de brontekst 'artikel.txt' is niet te lezen: {reason}"
    assert problem.fix == "geef het pad ten opzichte van het bankbestand, bijvoorbeeld `file: sources/artikel.txt`, " \
        "en sla het bestand op als UTF-8"


def test_drafts_are_warnings_and_still_load(tmp_path: Path) -> None:
    loaded = read_bank(write(tmp_path, CHOICE + "    draft: true\n"))
    assert loaded.bank is not None
    [warning] = loaded.warnings
    assert (warning.severity, warning.line, warning.message) == ("warning", 6, "question 'q1' is a draft")


def test_positions_map_paths_to_lines(tmp_path: Path) -> None:
    loaded = read_bank(write(tmp_path, CHOICE))
    assert loaded.positions["$.questions[0]"] == (6, 5)
    assert loaded.positions["$.questions[0].choices[1]"] == (11, 9)


@pytest.mark.parametrize(
    ("language", "body", "summary"),
    [("nl", "  - id: q1\n    type: true-false\n    prompt: Waar?\n    answer: ja\n", "1 probleem in de bank:"),
     ("en", "  - id: Q1\n    type: true-false\n    prompt: True?\n    answer: yes please\n",
      "2 problems in the bank:")],
)
def test_bank_error_summary_speaks_the_bank_language(tmp_path: Path, language: str, body: str,
                                                      summary: str) -> None:
    header = f"kwis: 1\nid: t\ntitle: T\nlanguage: {language}\nquestions:\n"
    with pytest.raises(BankError) as caught:
        load_bank(write(tmp_path, body, header))
    assert str(caught.value).splitlines()[0] == summary
