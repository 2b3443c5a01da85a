"""The MINUSMA banks (Dutch and English): complete, grounded in the article, and the same quiz in both languages."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from kwis import load_bank
from kwis.grading._grade import correct_response, grade
from kwis.bank._grounding import normalise, quote_found
from kwis.teacher._lint import lint
from kwis.grading._text import edit_distance
from kwis.bank._read import read_bank
from kwis._model import (
    QUESTION_TYPES, AnyQuestion, Bank, ChoiceQuestion, ClozeQuestion, MatchQuestion,
    MultipleQuestion, NumericQuestion, OrderQuestion, TextQuestion, TrueFalseQuestion,
)
from kwis.ui._session import Selection, draw_questions

ROOT = Path(__file__).resolve().parent.parent
QUIZZES = ROOT / "quizzes"
BANK_FILES = {"nl": QUIZZES / "minusma.nl.yaml", "en": QUIZZES / "minusma.en.yaml"}
ARTICLE = QUIZZES / "sources" / "minusma-mali.nl.txt"
COVERAGE_DOC = ROOT / "docs" / "minusma-coverage.md"


@pytest.fixture(scope="module")
def banks() -> dict[str, Bank]:
    return {language: load_bank(path) for language, path in BANK_FILES.items()}


@pytest.fixture(scope="module", params=sorted(BANK_FILES))
def bank(request: pytest.FixtureRequest, banks: dict[str, Bank]) -> Bank:
    return banks[request.param]


def paired(banks: dict[str, Bank]) -> list[tuple[AnyQuestion, AnyQuestion]]:
    return list(zip(banks["nl"].questions, banks["en"].questions))


# --- each bank on its own -------------------------------------------------------------

def test_bank_is_in_its_declared_language_and_grounded_in_the_article_file(bank: Bank) -> None:
    assert bank.language in BANK_FILES
    assert bank.source is not None
    assert bank.source.publisher == "NRC"
    assert Path(bank.path).parent.joinpath(bank.source.file).resolve() == ARTICLE.resolve()


def test_bank_has_at_least_forty_questions(bank: Bank) -> None:
    assert len(bank.questions) >= 40


def test_every_question_type_is_used_at_least_three_times(bank: Bank) -> None:
    counts = Counter(q.type for q in bank.questions)
    assert {t: counts[t] for t in QUESTION_TYPES if counts[t] < 3} == {}


def test_all_three_difficulty_levels_are_used(bank: Bank) -> None:
    assert {q.difficulty for q in bank.questions} == {1, 2, 3}


def test_every_question_has_a_source_quote_an_explanation_and_a_tag(bank: Bank) -> None:
    lacking = [q.id for q in bank.questions if not (q.source and q.explanation.strip() and q.tags)]
    assert lacking == []


def test_every_source_quote_stands_in_the_article(bank: Bank) -> None:
    article = normalise(ARTICLE.read_text(encoding="utf-8"))
    missing = [(q.id, quote) for q in bank.questions for quote in q.source if not quote_found(quote, article)]
    assert missing == []


def test_every_wrong_choice_says_why_it_is_wrong(bank: Bank) -> None:
    silent = [(q.id, c.text) for q in bank.questions if isinstance(q, (ChoiceQuestion, MultipleQuestion))
              for c in q.choices if not c.correct and not c.feedback.strip()]
    assert silent == []


def test_every_true_false_question_explains_a_wrong_answer(bank: Bank) -> None:
    silent = [q.id for q in bank.questions if isinstance(q, TrueFalseQuestion) and not q.feedback.incorrect.strip()]
    assert silent == []


def test_harder_questions_offer_a_hint(bank: Bank) -> None:
    without_hint = [q.id for q in bank.questions if q.difficulty == 3 and not q.hint.strip()]
    assert without_hint == []


def test_the_model_answer_of_every_question_is_graded_correct(bank: Bank) -> None:
    wrong = [q.id for q in bank.questions
             if not grade(q, correct_response(q, language=bank.language), language=bank.language).correct]
    assert wrong == []


@pytest.mark.parametrize(("language", "typed"), [("nl", "17.000"), ("en", "17,000"), ("nl", "17000 man")])
def test_a_student_types_the_mission_size_the_way_their_language_writes_it(
        banks: dict[str, Bank], language: str, typed: str) -> None:
    assert grade(banks[language].question("missie-omvang"), typed, language=language).correct


@pytest.mark.parametrize("language", sorted(BANK_FILES))
def test_bank_passes_lint_without_warnings(language: str) -> None:
    loaded = read_bank(BANK_FILES[language])
    assert loaded.bank is not None
    assert [p.format() for p in lint(loaded.bank, loaded.positions)] == []


# --- the two banks are the same quiz --------------------------------------------------

def test_both_banks_have_the_same_question_ids_in_the_same_order(banks: dict[str, Bank]) -> None:
    assert [q.id for q in banks["nl"].questions] == [q.id for q in banks["en"].questions]


def test_both_banks_have_the_same_type_difficulty_tags_and_group_per_question(banks: dict[str, Bank]) -> None:
    differing = [nl.id for nl, en in paired(banks)
                 if (nl.type, nl.difficulty, nl.tags, nl.group) != (en.type, en.difficulty, en.tags, en.group)]
    assert differing == []


def test_the_english_bank_is_translated_but_quotes_the_same_dutch_source(banks: dict[str, Bank]) -> None:
    untranslated = [nl.id for nl, en in paired(banks) if nl.prompt == en.prompt or nl.explanation == en.explanation]
    assert untranslated == []
    assert [nl.source for nl, _ in paired(banks)] == [en.source for _, en in paired(banks)]


def language_neutral_answer(question: AnyQuestion) -> object:
    """The part of the right answer that must be the same in every language."""
    if isinstance(question, ChoiceQuestion):
        return (len(question.choices), question.correct_index)
    if isinstance(question, MultipleQuestion):
        return (len(question.choices), question.correct_indices)
    if isinstance(question, TrueFalseQuestion):
        return question.answer
    if isinstance(question, NumericQuestion):
        return (question.answer, question.low, question.high)
    if isinstance(question, OrderQuestion):
        return len(question.items)
    if isinstance(question, ClozeQuestion):
        return tuple((len(g.options), g.options.index(g.answers[0]) if g.options else -1) for g in question.gaps)
    if isinstance(question, MatchQuestion):
        return (len(question.pairs), len(question.distractors))
    return None


def accepted_variants(question: AnyQuestion) -> object:
    """How many ways to type each answer a question accepts, and how forgiving it is."""
    if isinstance(question, TextQuestion):
        return (len(question.answers), question.typos, bool(question.pattern), question.case_sensitive)
    if isinstance(question, ClozeQuestion):
        return tuple(len(g.answers) for g in question.gaps if not g.is_dropdown)
    return None


def test_both_banks_accept_as_many_spellings_of_every_typed_answer(banks: dict[str, Bank]) -> None:
    """Parity: a Dutch student is not held to one spelling where an English one may choose from four."""
    differing = [(nl.id, accepted_variants(nl), accepted_variants(en)) for nl, en in paired(banks)
                 if accepted_variants(nl) != accepted_variants(en)]
    assert differing == []


@pytest.mark.parametrize("typed", ["penvoerder", "penholder"])
def test_the_article_term_and_its_english_equivalent_count_in_both_banks(banks: dict[str, Bank], typed: str) -> None:
    assert [language for language, b in banks.items()
            if not grade(b.question("penvoerder-term"), typed, language=language).correct] == []


@pytest.mark.parametrize(("question_id", "typed"), [("diop-naam", "Abdoulaye Diop"), ("goita-naam", "Assimi Goita"),
                                                    ("moura-plaats", "in Moura"), ("mopti-basis", "in Mopti")])
def test_a_spelling_accepted_in_one_bank_is_accepted_in_the_other(
        banks: dict[str, Bank], question_id: str, typed: str) -> None:
    assert [language for language, b in banks.items()
            if not grade(b.question(question_id), typed, language=language).correct] == []


# --- groups ---------------------------------------------------------------------------

def test_both_banks_put_the_same_questions_in_the_same_groups(banks: dict[str, Bank]) -> None:
    assert banks["nl"].groups == banks["en"].groups


def test_every_recall_question_is_in_a_group_of_at_least_two(bank: Bank) -> None:
    """Recall of a detail (difficulty 1) is asked in several ways; a draw asks each point once."""
    alone = [q.id for q in bank.questions if q.difficulty == 1 and not q.group]
    assert alone == []
    assert {name: ids for name, ids in bank.groups.items() if len(ids) < 2} == {}


def test_most_questions_are_about_understanding(bank: Bank) -> None:
    understanding = sum(q.difficulty >= 2 for q in bank.questions)
    assert understanding > len(bank.questions) / 2


SITTING = 10


@pytest.mark.parametrize("language", sorted(BANK_FILES))
def test_a_drawn_sitting_of_ten_never_asks_a_point_twice_nor_gives_an_answer_away(
        banks: dict[str, Bank], language: str) -> None:
    """For 100 students (seeds): no two questions of one group, and no W114 leak among the ten."""
    bank = banks[language]
    for seed in range(100):
        drawn = draw_questions(bank, Selection(count=SITTING), seed, language)
        assert len(drawn) == SITTING
        groups = Counter(q.group for q in drawn if q.group)
        assert [g for g, n in groups.items() if n > 1] == [], seed
        leaks = [p.message for p in lint(replace(bank, questions=drawn)) if p.code == "W114"]
        assert leaks == [], seed


def test_the_right_answers_agree_between_the_banks(banks: dict[str, Bank]) -> None:
    differing = [(nl.id, language_neutral_answer(nl), language_neutral_answer(en)) for nl, en in paired(banks)
                 if language_neutral_answer(nl) != language_neutral_answer(en)]
    assert differing == []


# --- the source file and the coverage document ----------------------------------------

def test_source_file_starts_with_a_header_naming_title_publisher_and_photo_credit() -> None:
    header, _, body = ARTICLE.read_text(encoding="utf-8").partition("\n\n")
    assert "Mali wijst VN-vredesmissie Minusma de deur" in header
    assert "NRC" in header
    assert "Minusma via EPA" in header
    assert body.startswith("Mali wijst VN-vredesmissie Minusma de deur\n")


def coverage_table() -> dict[str, int]:
    """Tag -> question count, from the rows of the coverage document's table (`| tag | ... | count |`)."""
    rows = re.findall(r"^\|\s*`([^`]+)`\s*\|.*\|\s*(\d+)\s*\|\s*$", COVERAGE_DOC.read_text(encoding="utf-8"), re.M)
    return {tag: int(count) for tag, count in rows}


def test_coverage_document_lists_every_tag_with_its_question_count(banks: dict[str, Bank]) -> None:
    counts = Counter(tag for q in banks["nl"].questions for tag in q.tags)
    assert coverage_table() == dict(counts)


# --- the format reference -------------------------------------------------------------

FORMAT_DOC = ROOT / "docs" / "bank-format.md"


def test_the_examples_in_the_format_reference_load_and_cover_every_type(tmp_path: Path) -> None:
    blocks = re.findall(r"```yaml\n(.*?)```", FORMAT_DOC.read_text(encoding="utf-8"), re.S)
    minimal, questions = blocks[0], [b for b in blocks[1:] if b.startswith("  - id:")]
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / ARTICLE.name).write_text(ARTICLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "examples.yaml").write_text(minimal.split("questions:")[0] + "questions:\n" + "".join(questions),
                                            encoding="utf-8")
    examples = load_bank(tmp_path / "examples.yaml")
    assert {q.type for q in examples.questions} == set(QUESTION_TYPES)
    assert lint(examples) == []


# --- what a student types and reads ---------------------------------------------------

@pytest.mark.parametrize(("language", "question_id", "typed"), [
    ("nl", "goita-naam", "Goita"), ("nl", "goita-naam", "assimi goïta"), ("nl", "goita-naam", "president Goïta"),
    ("en", "goita-naam", "President Assimi Goita"), ("nl", "diop-naam", "Abdoulaye Diop"),
    ("nl", "diop-naam", "minister Diop"), ("en", "diop-naam", "Minister Diop"), ("nl", "diop-naam", "Diopp"),
    ("nl", "mopti-basis", "de basis in Mopti"), ("nl", "mopti-basis", "Mopit"), ("en", "mopti-basis", "the base in Mopti"),
    ("nl", "moura-plaats", "in Moura"), ("en", "moura-plaats", "Mourra"),
    ("en", "penvoerder-term", "pen-holder"), ("en", "penvoerder-term", "penvoerder"),
    ("nl", "penvoerder-term", "de penvoerder"), ("nl", "penvoerder-term", "penholder"),
])
def test_a_name_is_accepted_however_a_student_reasonably_writes_it(
        banks: dict[str, Bank], language: str, question_id: str, typed: str) -> None:
    assert grade(banks[language].question(question_id), typed, language=language).correct


@pytest.mark.parametrize(("language", "question_id", "typed"), [
    ("nl", "goita-naam", "Diop"), ("nl", "diop-naam", "Goïta"), ("nl", "mopti-basis", "Moura"),
    ("nl", "mopti-basis", "de basis in Bamako"), ("en", "moura-plaats", "Mopti"), ("nl", "moura-plaats", "Mopti"),
])
def test_another_name_from_the_article_is_not_accepted(
        banks: dict[str, Bank], language: str, question_id: str, typed: str) -> None:
    assert not grade(banks[language].question(question_id), typed, language=language).correct


PEOPLE_QUESTION = "personen-rollen"


def test_people_are_named_exactly_as_the_article_spells_them(bank: Bank) -> None:
    """Goïta with its diaeresis, Guichaoa (not the more common Guichaoua): the article's spelling, everywhere."""
    article = ARTICLE.read_text(encoding="utf-8")
    question = bank.question(PEOPLE_QUESTION)
    assert isinstance(question, MatchQuestion)
    names = {word for pair in question.pairs for word in pair.left.split()}
    assert sorted(name for name in names if name not in article) == []
    capitalised = set(re.findall(r"\b[A-Z]\w+", Path(bank.path).read_text(encoding="utf-8")))
    long_names = {name for name in names if len(name) >= 5}  # 'Yvan' is one letter from the word 'Van'
    misspelt = sorted((word, name) for word in capitalised for name in long_names
                      if word != name and edit_distance(word.casefold(), name.casefold(), limit=1) <= 1)
    assert misspelt == []


AT_LEAST = {"nl": "minstens", "en": "at least"}


def test_a_figure_the_article_gives_as_a_minimum_is_asked_as_a_minimum(bank: Bank) -> None:
    """„Zeker duizend” is at least a thousand: the prompt must not ask for an exact number."""
    asked_as_exact = [q.id for q in bank.questions if isinstance(q, NumericQuestion)
                      and any("zeker " in quote for quote in q.source) and AT_LEAST[bank.language] not in q.prompt]
    assert asked_as_exact == []


def test_the_dutch_bank_addresses_the_student_as_je() -> None:
    text = BANK_FILES["nl"].read_text(encoding="utf-8")
    assert re.findall(r"\b(?:[Uu]|[Uu]w|[Uu]zelf)\b", text) == []


AMERICAN_SPELLINGS = r"\b(?:center|centers|program|programs|defense|organization|organize[ds]?|color|favor|labor|" \
                     r"honor|behavior|criticize[ds]?|recognize[ds]?|emphasize[ds]?|analyze[ds]?|traveled|modeled)\b"


def test_the_english_bank_keeps_to_british_spelling() -> None:
    """British throughout (programme, centre, Defence, organisation), as its match answers already are."""
    text = BANK_FILES["en"].read_text(encoding="utf-8")
    assert "programme" in text and "Defence" in text
    assert re.findall(AMERICAN_SPELLINGS, text, re.IGNORECASE) == []
