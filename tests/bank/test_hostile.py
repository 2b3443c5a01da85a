"""Hostile banks (issue 10): each is refused with a clear problem, or loads safely; never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kwis.bank._grounding import PassageIndex, closest_passage
from kwis.bank._limits import MAX_BANK_BYTES, MAX_QUESTIONS, MAX_SOURCE_BYTES
from kwis.bank._read import read_bank, read_bank_text

from tests.bank.test_loader import CHOICE, DUTCH_HEADER, HEADER, only, problems as problems_of


@pytest.mark.parametrize("char", ["\x01", "\x1b", "\x7f", "\x9b", "\ufffe"])
def test_control_characters_are_refused_at_load_time(tmp_path: Path, char: str) -> None:
    escaped = f"\\u{ord(char):04x}"
    body = CHOICE.replace("prompt: Wat eiste Diop?", f'prompt: "Wat eiste{escaped} Diop?"')
    problem = only(tmp_path, body)
    assert problem.path == "$.questions[0].prompt"
    assert f"U+{ord(char):04X}" in problem.message and "character 10" in problem.message
    assert problem.line == 8


def test_control_characters_are_explained_in_dutch(tmp_path: Path) -> None:
    body = CHOICE.replace("prompt: Wat eiste Diop?", 'prompt: "Wat eiste\\x01 Diop?"')
    problem = only(tmp_path, body, DUTCH_HEADER)
    assert "stuurteken U+0001" in problem.message and "typ hem opnieuw" in problem.fix


def test_tabs_and_line_breaks_are_still_text() -> None:
    loaded = read_bank_text(HEADER + CHOICE.replace("prompt: Wat eiste Diop?", 'prompt: "Wat\\teiste\\r\\nDiop?"'))
    assert loaded.bank is not None, [p.format() for p in loaded.problems]


def test_remote_images_setting_is_read(tmp_path: Path) -> None:
    header = HEADER.replace("questions:", "settings: {remote_images: true}\nquestions:")
    loaded = read_bank_text(header + CHOICE)
    assert loaded.bank is not None and loaded.bank.settings.remote_images
    assert not read_bank(tmp_path / "missing.yaml").bank


def test_a_pattern_with_nested_repetition_gets_a_warning(tmp_path: Path) -> None:
    body = """\
  - id: q1
    type: text
    prompt: Wie?
    answers: [Goïta]
    pattern: "(a+)+$"
"""
    problem = only(tmp_path, body)
    assert problem.severity == "warning" and problem.path == "$.questions[0].pattern"
    assert "(a+)+$" in problem.message and "`a+` instead of `(a+)+`" in problem.fix


def test_a_pattern_re2_cannot_run_is_an_error_that_says_why(tmp_path: Path) -> None:
    body = """\
  - id: q1
    type: text
    prompt: Wie?
    answers: [Goïta]
    pattern: "(?=G)Go.ta"
"""
    problem = only(tmp_path, body)
    assert problem.severity == "error" and "look-around" in problem.fix
    assert "b'" not in problem.message


# -- source.file reads only inside the bank's folder (item 3) -----------------------------------

SOURCED = """\
kwis: 1
id: test-bank
title: Testbank
language: en
source: {{file: "{name}"}}
questions:
  - id: q1
    type: true-false
    prompt: Waar?
    answer: true
    source: "geheim dat niet in de tekst staat"
"""


def sourced(tmp_path: Path, name: str) -> list[str]:
    bank = tmp_path / "banks" / "bank.yaml"
    bank.parent.mkdir(exist_ok=True)
    bank.write_text(SOURCED.format(name=name), encoding="utf-8")
    return [p.format() for p in read_bank(bank).problems]


@pytest.mark.parametrize("name", ["../outside.txt", "{tmp}/outside.txt", "/proc/self/environ",
                                  "/etc/passwd", "link-out.txt"])
def test_source_files_outside_the_bank_folder_are_refused_and_never_quoted(tmp_path: Path, name: str) -> None:
    (tmp_path / "outside.txt").write_text("SECRET=hunter2. geheim\n", encoding="utf-8")
    (tmp_path / "banks").mkdir()
    (tmp_path / "banks" / "link-out.txt").symlink_to(tmp_path / "outside.txt")
    found = sourced(tmp_path, name.format(tmp=tmp_path))
    assert len(found) == 1 and "outside the bank's folder" in found[0], found
    assert "SECRET" not in found[0] and "root:" not in found[0]


def test_a_fifo_or_device_is_refused_without_blocking(tmp_path: Path) -> None:
    (tmp_path / "banks").mkdir()
    os.mkfifo(tmp_path / "banks" / "pipe.txt")
    (tmp_path / "banks" / "zero.txt").symlink_to("/dev/zero")
    assert "not an ordinary file" in sourced(tmp_path, "pipe.txt")[0]
    assert "outside the bank's folder" in sourced(tmp_path, "zero.txt")[0]


def test_a_huge_source_file_is_refused_with_the_limit(tmp_path: Path) -> None:
    (tmp_path / "banks").mkdir()
    with open(tmp_path / "banks" / "big.txt", "wb") as big:
        big.truncate(MAX_SOURCE_BYTES + 1)  # sparse: no disk used
    assert "larger than 5 MB" in sourced(tmp_path, "big.txt")[0]


def test_a_source_file_in_a_subfolder_or_through_an_inner_link_is_read(tmp_path: Path) -> None:
    (tmp_path / "banks" / "sources").mkdir(parents=True)
    (tmp_path / "banks" / "sources" / "artikel.txt").write_text("Een geheim dat wel in de tekst staat? Nee.\n",
                                                                encoding="utf-8")
    (tmp_path / "banks" / "alias.txt").symlink_to(tmp_path / "banks" / "sources" / "artikel.txt")
    for name in ("sources/artikel.txt", "alias.txt"):
        found = sourced(tmp_path, name)
        assert len(found) == 1 and "quote is not in the source" in found[0], found


def test_the_closest_passage_is_found_fast_in_a_large_source(tmp_path: Path) -> None:
    """30 wrong quotes against a 3 MB source took 73 s; the index makes it about the quotes' length."""
    sentences = [f"Zin nummer {i} gaat over konvooi {i % 97} bij Gao en Kidal." for i in range(60_000)]
    sentences[41_234] = "De blauwhelmen vertrokken op 11 december uit de basis bij Ber."
    source = " ".join(sentences)
    assert len(source) > 3_000_000
    index = PassageIndex(source)
    assert index.closest("De blauwhelmen vertrokken op 12 december uit Ber.") == sentences[41_234]
    assert closest_passage("konvooi 13 bij Gao", "Eerst dit. Dan konvooi 13 bij Gao. Dan dat.") == "Dan konvooi 13 bij Gao."


# -- finite numbers with sane bounds (items 4, 7, 10) --------------------------------------------

NUMERIC = """\
  - id: q1
    type: numeric
    prompt: Hoeveel?
{fields}
"""


@pytest.mark.parametrize("fields, path", [
    ("    answer: .nan", "$.questions[0].answer"),
    ("    answer: .inf", "$.questions[0].answer"),
    ("    answer: -.Inf", "$.questions[0].answer"),
    ("    answer: 1e400", "$.questions[0].answer"),
    ("    range: [-.inf, .inf]", "$.questions[0].range[0]"),
    ("    answer: 17000\n    tolerance: .nan", "$.questions[0].tolerance"),
    ("    answer: " + "9" * 400, "$.questions[0].answer"),
    ("    answer: 17000\n    points: .inf", "$.questions[0].points"),
    ("    answer: 17000\n    points: 1.0e+308", "$.questions[0].points"),
    ("    answer: 17000\n    difficulty: " + "5" * 5000, "$.questions[0].difficulty"),
])
def test_non_finite_and_huge_numbers_are_refused_with_their_place(tmp_path: Path, fields: str, path: str) -> None:
    found = [p for p in problems_of(tmp_path, NUMERIC.format(fields=fields)) if p.severity == "error"]
    assert [p.path for p in found][:1] == [path], [p.format() for p in found]
    assert len(found[0].message) < 200  # a 5,000-digit number is not repeated in full


def test_typos_with_5000_digits_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    body = "  - id: q1\n    type: text\n    prompt: Wie?\n    answers: [Goïta]\n    typos: " + "7" * 5000 + "\n"
    problem = only(tmp_path, body)
    assert problem.path == "$.questions[0].typos" and "finite numbers" in problem.message


def test_two_huge_point_values_cannot_overflow_the_total(tmp_path: Path) -> None:
    body = "".join(f"  - {{id: q{i}, type: true-false, prompt: Waar?, answer: true, points: 1.0e+308}}\n"
                   for i in range(2))
    assert {p.path for p in problems_of(tmp_path, body)} == {"$.questions[0].points", "$.questions[1].points"}


def test_base_60_numbers_are_refused_with_the_quote_fix(tmp_path: Path) -> None:
    problem = only(tmp_path, NUMERIC.format(fields="    answer: 1:30"))
    assert "read by YAML as 90" in problem.message and '"1:30"' in problem.fix


def test_ordinary_numbers_still_load(tmp_path: Path) -> None:
    loaded = read_bank_text(HEADER + NUMERIC.format(fields="    answer: 1.0e+12\n    tolerance: 0.5\n    points: 2"))
    assert loaded.bank is not None, [p.format() for p in loaded.problems]


# -- documented limits (item 8) ------------------------------------------------------------------


def test_aliases_that_would_expand_past_the_limit_are_refused_before_reading() -> None:
    """3,000 questions each with `tags: *T` (3,000 tags) took 23-42 s and 1.9 GB."""
    tags = "\n".join(f"  - tag{i}" for i in range(3000))
    questions = "\n".join(f"  - {{id: q{i}, type: true-false, prompt: Waar?, answer: true, tags: *T}}"
                          for i in range(3000))
    loaded = read_bank_text(HEADER.replace("questions:\n", f"description: &D x\nx: &T\n{tags}\nquestions:\n")
                            + questions + "\n")
    assert len(loaded.problems) == 1 and "aliases (*name)" in loaded.problems[0].message
    assert loaded.problems[0].line == 6  # where the anchor &T is


def test_a_billion_laughs_is_refused() -> None:
    laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8))
    loaded = read_bank_text(HEADER.replace("questions:\n", laughs + "questions:\n") + CHOICE)
    assert [p.path for p in loaded.problems] == ["$"] and "aliases" in loaded.problems[0].message


def test_small_aliases_are_fine() -> None:
    body = CHOICE.replace("prompt: Wat eiste Diop?", "prompt: &P Wat eiste Diop?") + CHOICE.replace(
        "id: q1", "id: q2").replace("prompt: Wat eiste Diop?", "prompt: *P")
    loaded = read_bank_text(HEADER + body)
    assert loaded.bank is not None and loaded.bank.questions[1].prompt == "Wat eiste Diop?"


def test_too_many_questions_are_refused_with_the_limit_and_a_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    assert MAX_QUESTIONS == 20_000  # as docs/security.md says; lowered here to keep the test fast
    monkeypatch.setattr("kwis.bank._read.MAX_QUESTIONS", 50)
    questions = "".join(f"  - {{id: q{i}, type: true-false, prompt: Waar?, answer: true}}\n" for i in range(51))
    loaded = read_bank_text(DUTCH_HEADER + questions)
    assert len(loaded.problems) == 1
    assert "51 vragen" in loaded.problems[0].message and "hoogstens 50" in loaded.problems[0].message
    assert "verdeel" in loaded.problems[0].fix
    assert read_bank_text(DUTCH_HEADER + questions.split("  - {id: q50")[0]).bank is not None


def test_a_bank_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    bank = tmp_path / "groot.yaml"
    with open(bank, "wb") as big:
        big.write(DUTCH_HEADER.encode())
        big.truncate(MAX_BANK_BYTES + 1)
    found = read_bank(bank).problems
    assert len(found) == 1 and "groter dan 20 MB" in found[0].message


# -- smaller ones (item 10) ----------------------------------------------------------------------


def test_choices_that_differ_only_by_a_zero_width_character_repeat(tmp_path: Path) -> None:
    body = CHOICE.replace("{text: Meer blauwhelmen, feedback: Nee.}", '{text: "Terug\\u200btrekking"}')
    found = problems_of(tmp_path, body)
    assert {(p.severity, p.path) for p in found} == {("warning", "$.questions[0].choices[1].text"),
                                                     ("error", "$.questions[0].choices[1]")}
    assert any("U+200B" in p.message for p in found)


@pytest.mark.parametrize("char", ["\\u200b", "\\ufeff", "\\u2060"])
def test_an_answer_with_an_invisible_character_gets_a_warning(tmp_path: Path, char: str) -> None:
    body = f'  - {{id: q1, type: text, prompt: Wie?, answers: ["Go{char}ïta"]}}\n'
    problem = only(tmp_path, body, DUTCH_HEADER)
    assert problem.severity == "warning" and "onzichtbare teken" in problem.message


def test_a_zero_width_joiner_in_an_emoji_prompt_is_fine(tmp_path: Path) -> None:
    assert problems_of(tmp_path, CHOICE.replace("Wat eiste Diop?", "Wat eiste Diop? 👨\u200d👩\u200d👧")) == []


def test_a_raw_nul_is_reported_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_bytes((HEADER + CHOICE).replace("Wat eiste", "Wat\0eiste").encode())
    problem = read_bank(path).problems[0]
    assert (problem.line, problem.column) == (8, 16) and "U+0000" in problem.message


def test_a_utf16_file_is_named_as_such(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_bytes((DUTCH_HEADER + CHOICE).encode("utf-16"))
    problem = read_bank(path).problems[0]
    assert "UTF-16" in problem.message and "UTF-8" in problem.fix and "Kladblok" in problem.fix


def test_hint_null_is_empty_not_the_text_null(tmp_path: Path) -> None:
    problem = only(tmp_path, CHOICE.replace("    choices:", "    hint: null\n    choices:"))
    assert problem.path == "$.questions[0].hint" and "empty" in problem.message


def test_an_order_question_with_two_items_gets_a_warning(tmp_path: Path) -> None:
    problem = only(tmp_path, "  - {id: q1, type: order, prompt: Volgorde?, items: [eerst, dan]}\n")
    assert problem.severity == "warning" and "reversed" in problem.message


def test_a_text_field_over_the_limit_is_refused(tmp_path: Path) -> None:
    problem = only(tmp_path, CHOICE.replace("Wat eiste Diop?", "x" * 100_001))
    assert problem.path == "$.questions[0].prompt" and "100001 characters" in problem.message
