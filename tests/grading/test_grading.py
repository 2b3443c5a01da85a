"""Grading: scores, partial credit, feedback and the right answer in words, in Dutch and English.

The questions are built directly from the model, about the NRC article on MINUSMA in Mali.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kwis.grading import _grade as _grading
from kwis.grading import _numbers
from kwis import load_bank
from kwis.grading._grade import Grade, Response, correct_response, describe_answer, grade, is_answered
from kwis._model import (
    AnyQuestion, Bank, Choice, ChoiceQuestion, ClozeQuestion, Feedback, Gap, MatchQuestion,
    MultipleQuestion, NumericQuestion, OrderQuestion, Pair, TextQuestion, TrueFalseQuestion,
)
from kwis.grading._text import normalise_text

DIOP = ChoiceQuestion(
    id="diop-eis",
    prompt="Wat eiste minister **Abdoulaye Diop**?",
    choices=(
        Choice("Een onmiddellijke terugtrekking", correct=True, feedback="Hij sprak van een „onmiddellijke terugtrekking”."),
        Choice("Meer blauwhelmen", feedback="Nee: Mali wilde juist van de blauwhelmen af."),
        Choice("Een nieuwe resolutie"),
    ),
    feedback=Feedback(correct="Precies.", incorrect="Lees de eerste alinea nog eens."),
)
PARTNERS = MultipleQuestion(
    id="bondgenoten",
    prompt="Waar zoekt president Goïta bondgenoten?",
    choices=(
        Choice("Rusland", correct=True),
        Choice("Frankrijk", feedback="Met Frankrijk is Mali juist gebrouilleerd."),
        Choice("Turkije", correct=True, feedback="Turkije staat in het rijtje met Rusland en Iran."),
        Choice("Iran", correct=True),
        Choice("Duitsland"),
    ),
    feedback=Feedback(correct="Alle drie.", partial="Bijna.", incorrect="Nee."),
)
SINCE_2013 = TrueFalseQuestion(id="sinds-2013", prompt="De blauwhelmen zijn sinds 2013 in Mali.", answer=True)
TROOPS = NumericQuestion(id="troepen", prompt="Hoe groot is de missie?", answer=17000, low=17000, high=17000, unit="man")
RANGE = NumericQuestion(id="schatting", prompt="Schat het aantal.", answer=13000, low=12000, high=14000, unit="man",
                        from_range=True)
OFF_CENTRE = NumericQuestion(id="scheef", prompt="?", answer=12500, low=12000, high=14000, from_range=True)
SHARE = NumericQuestion(id="aandeel", prompt="?", answer=1.1, low=1.1 - 0.1, high=1.1 + 0.1, unit="%")
PRESIDENT = TextQuestion(id="president", prompt="Wie is de president van Mali?",
                         answers=("Goïta", "Assimi Goïta"), typos=1)
CLOZE = ClozeQuestion(
    id="penvoerder",
    prompt="Vul in.",
    segments=(
        "Frankrijk is de ", Gap(("penvoerder",)), " voor Mali; resoluties worden door de ",
        Gap(("Fransen",), ("Fransen", "Russen", "Malinezen")), " geschreven, en de overgangsperiode loopt tot ",
        Gap(("31 december", "eind december")), ".",
    ),
)
ONE_GAP = ClozeQuestion(id="een-gat", prompt="Vul in.", segments=("De ", Gap(("Fransen",)), " schrijven."))
EVENTS = OrderQuestion(
    id="volgorde",
    prompt="Zet in de goede volgorde.",
    items=("Blauwhelmen komen naar Mali", "Diop eist terugtrekking", "Veiligheidsraad stemt", "Einde overgangsperiode"),
)
PEOPLE = MatchQuestion(
    id="wie-is-wie",
    prompt="Wie is wie?",
    pairs=(
        Pair("Assimi Goïta", "president van Mali"),
        Pair("Abdoulaye Diop", "minister van Buitenlandse Zaken"),
        Pair("Reuters", "persbureau"),
    ),
    distractors=("VN-gezant",),
)
ALL_QUESTIONS: tuple[AnyQuestion, ...] = (
    DIOP, PARTNERS, SINCE_2013, TROOPS, RANGE, OFF_CENTRE, SHARE, PRESIDENT, CLOZE, ONE_GAP, EVENTS, PEOPLE,
)


def score_of(question: AnyQuestion, response: Response) -> tuple[float, bool]:
    graded = grade(question, response, language="nl")
    return graded.score, graded.correct


@pytest.mark.parametrize(("question", "response", "score", "correct"), [
    (DIOP, 0, 1.0, True),
    (DIOP, 1, 0.0, False),
    (DIOP, 7, 0.0, False),  # an index the bank no longer has
    (PARTNERS, frozenset({0, 2, 3}), 1.0, True),
    (PARTNERS, frozenset({0, 2}), 2 / 3, False),
    (PARTNERS, frozenset({0, 2, 1}), 1 / 3, False),  # two right marks, one wrong
    (PARTNERS, frozenset({0, 1, 4}), 0.0, False),  # more wrong than right: not below zero
    (PARTNERS, frozenset(range(5)), 1 / 3, False),  # marking everything is no strategy
    (PARTNERS, frozenset({0, 2, 3, 99}), 1.0, True),  # an unknown index marks nothing
    (SINCE_2013, True, 1.0, True),
    (SINCE_2013, False, 0.0, False),
    (TROOPS, "17.000", 1.0, True),
    (TROOPS, "17000 man", 1.0, True),
    (TROOPS, "17 000", 1.0, True),
    (TROOPS, "17.001", 0.0, False),
    (TROOPS, "1.700", 0.0, False),
    (RANGE, "12.000", 1.0, True),
    (RANGE, "14000", 1.0, True),
    (RANGE, "13.500,5", 1.0, True),
    (RANGE, "11.999", 0.0, False),
    (SHARE, "1", 1.0, True),  # exactly on a bound computed as 1.1 - 0.1 = 1.0000000000000002
    (SHARE, "1,2%", 1.0, True),
    (SHARE, "0,99", 0.0, False),
    (PRESIDENT, "Goïta", 1.0, True),
    (PRESIDENT, " assimi goita ", 1.0, True),
    (PRESIDENT, "Gotia", 1.0, True),  # one typo tolerated
    (PRESIDENT, "Diop", 0.0, False),
    (CLOZE, ("penvoerder", "Fransen", "31 december"), 1.0, True),
    (CLOZE, ("Penvoerder ", "Fransen", "eind  december"), 1.0, True),
    (CLOZE, ("penvoerder", "Russen", "31 december"), 2 / 3, False),
    (CLOZE, ("penvoerder", "fransen", ""), 1 / 3, False),  # a dropdown compares exactly
    (CLOZE, ("penvoerder",), 1 / 3, False),  # missing gaps are wrong
    (EVENTS, (0, 1, 2, 3), 1.0, True),
    (EVENTS, (1, 0, 2, 3), 5 / 6, False),  # one neighbouring swap costs one pair of six
    (EVENTS, (1, 2, 3, 0), 3 / 6, False),  # the first moved to the end
    (EVENTS, (3, 2, 1, 0), 0.0, False),  # reversed
    (EVENTS, (0, 1, 2), 3 / 6, False),  # an item left out is in no right pair
    (EVENTS, (0, 0, 1, 2, 3, 9), 1.0, True),  # repeated and unknown items are ignored
    (PEOPLE, ("president van Mali", "minister van Buitenlandse Zaken", "persbureau"), 1.0, True),
    (PEOPLE, ("president van Mali", "persbureau", "minister van Buitenlandse Zaken"), 1 / 3, False),
    (PEOPLE, ("president van Mali", "VN-gezant", ""), 1 / 3, False),
    (PEOPLE, ("president van Mali", "minister van Buitenlandse Zaken", "onbekend"), 2 / 3, False),
])
def test_scores(question: AnyQuestion, response: Response, score: float, correct: bool) -> None:
    assert score_of(question, response) == (pytest.approx(score), correct)


@pytest.mark.parametrize(("question", "response", "language", "feedback"), [
    (DIOP, 0, "nl", ("Hij sprak van een „onmiddellijke terugtrekking”.", "Precies.")),
    (DIOP, 1, "nl", ("Nee: Mali wilde juist van de blauwhelmen af.", "Lees de eerste alinea nog eens.")),
    (DIOP, 2, "nl", ("Lees de eerste alinea nog eens.",)),
    (PARTNERS, frozenset({0, 2, 3}), "nl", ("Alle drie.",)),
    (PARTNERS, frozenset({0, 1}), "nl", (
        "Met Frankrijk is Mali juist gebrouilleerd.",
        "Turkije staat in het rijtje met Rusland en Iran.",
        "1 van de 3 juiste antwoorden aangevinkt, 1 onjuist aangevinkt.",
        "Nee.",
    )),
    (PARTNERS, frozenset({0, 2}), "en", ("2 of the 3 correct answers marked, 0 marked wrongly.", "Bijna.")),
    (TROOPS, "17.000", "nl", ()),
    (PRESIDENT, "Goita", "nl", ()),
    (PRESIDENT, "Gotia", "nl", ("Goed, maar let op de spelling: **Goïta**.",)),
    (PRESIDENT, "Asimi Goïta", "en", ("Right, but mind the spelling: **Assimi Goïta**.",)),
    (CLOZE, ("penvoerder", "Russen", "31 december"), "nl", (
        "Gat 2 is niet goed ingevuld.", "2 van de 3 gaten goed.",
    )),
    (CLOZE, ("", "Russen", "31 december"), "en", ("Gaps 1 and 2 are not right.", "1 of 3 gaps right.")),
    (CLOZE, ("x", "Russen", "y"), "nl", ("Gaten 1, 2 en 3 zijn niet goed ingevuld.", "0 van de 3 gaten goed.")),
    (ONE_GAP, ("Russen",), "nl", ("Gat 1 is niet goed ingevuld.",)),
    (EVENTS, (1, 0, 2, 3), "nl", ("2 van de 4 op de goede plaats.",)),
    (EVENTS, (1, 0, 2, 3), "en", ("2 of 4 in the right place.",)),
    (EVENTS, (0, 1, 2, 3), "nl", ()),
    (PEOPLE, ("president van Mali", "VN-gezant", ""), "nl", ("1 van de 3 paren goed.",)),
    (PEOPLE, ("president van Mali", "VN-gezant", ""), "en", ("1 of 3 pairs right.",)),
])
def test_feedback_most_specific_first(
    question: AnyQuestion, response: Response, language: str, feedback: tuple[str, ...],
) -> None:
    assert grade(question, response, language=language).feedback == feedback


@pytest.mark.parametrize(("question", "response", "parts"), [
    (DIOP, 1, (False, False, True)),
    (PARTNERS, frozenset({0, 1}), (True, False, False, False, True)),  # Turkije and Iran missed
    (CLOZE, ("penvoerder", "Russen", "eind december"), (True, False, True)),
    (EVENTS, (1, 0, 2, 3), (False, False, True, True)),
    (EVENTS, (0, 1), (True, True, False, False)),
    (PEOPLE, ("president van Mali", "persbureau"), (True, False, False)),
])
def test_parts_say_which_pieces_are_right(question: AnyQuestion, response: Response, parts: tuple[bool, ...]) -> None:
    assert grade(question, response).parts == parts


@pytest.mark.parametrize(("question", "response", "language", "message"), [
    (TROOPS, "1.26", "nl", "„1.26” is in het Nederlands geen getal: een punt groepeert duizendtallen per drie "
                           "cijfers (17.000) en decimalen komen na een komma, dus schrijf 1,26."),
    (TROOPS, "seventeen thousand", "en", "“seventeen thousand” is not a number. Write it in digits, "
                                         "for example 17,000."),
    (TROOPS, "17000 soldaten", "nl", "„17000 soldaten”: schrijf het getal, eventueel gevolgd door „man”."),
])
def test_an_unreadable_number_is_not_graded_but_explained(
    question: AnyQuestion, response: Response, language: str, message: str,
) -> None:
    assert grade(question, response, language=language) == Grade(0.0, False, (), unreadable=message)


UNANSWERED: list[tuple[AnyQuestion, Response]] = [
    (DIOP, None), (PARTNERS, frozenset()), (SINCE_2013, None), (TROOPS, ""), (TROOPS, "  "),
    (PRESIDENT, " \n"), (CLOZE, ("", " ", "")), (CLOZE, ()), (EVENTS, ()), (PEOPLE, ("", "", "")),
]


@pytest.mark.parametrize(("question", "response"), UNANSWERED)
def test_no_answer_is_no_attempt(question: AnyQuestion, response: Response) -> None:
    assert not is_answered(question, response)
    assert grade(question, response, language="nl") == Grade(0.0, False, (), unreadable="Je hebt nog geen antwoord gegeven.")
    assert grade(question, response, language="en").unreadable == "No answer given yet."


@pytest.mark.parametrize(("question", "response"), [
    (DIOP, 2), (PARTNERS, frozenset({4})), (SINCE_2013, False), (TROOPS, "0"), (PRESIDENT, "x"),
    (CLOZE, ("", "Russen", "")), (EVENTS, (3, 2, 1, 0)), (PEOPLE, ("", "", "persbureau")),
])
def test_a_wrong_answer_is_an_answer(question: AnyQuestion, response: Response) -> None:
    assert is_answered(question, response)
    assert grade(question, response).unreadable == ""


@pytest.mark.parametrize("question", ALL_QUESTIONS, ids=lambda q: q.id)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_correct_response_is_graded_correct(question: AnyQuestion, language: str) -> None:
    graded = grade(question, correct_response(question, language=language), language=language)
    assert (graded.score, graded.correct, graded.unreadable) == (1.0, True, "")


def test_a_numeric_correct_response_is_written_the_languages_way() -> None:
    assert correct_response(TROOPS, language="nl") == "17.000"
    assert correct_response(TROOPS, language="en") == "17,000"


@pytest.mark.parametrize(("question", "language", "description"), [
    (DIOP, "nl", "Een onmiddellijke terugtrekking"),
    (PARTNERS, "nl", "- Rusland\n- Turkije\n- Iran"),
    (MultipleQuestion(id="m", prompt="?", choices=(Choice("a"), Choice("b", correct=True))), "en", "b"),
    (SINCE_2013, "nl", "Waar"),
    (SINCE_2013, "en", "True"),
    (TrueFalseQuestion(id="tf", prompt="?", answer=False), "nl", "Onwaar"),
    (TrueFalseQuestion(id="tf", prompt="?", answer=False), "en", "False"),
    (TROOPS, "nl", "17.000 man"),
    (TROOPS, "en", "17,000 man"),
    (RANGE, "nl", "tussen 12.000 en 14.000 man"),
    (RANGE, "en", "between 12,000 and 14,000 man"),
    (OFF_CENTRE, "nl", "12.500 (tussen 12.000 en 14.000)"),
    (SHARE, "nl", "1,1% (± 0,1%)"),
    (NumericQuestion(id="n", prompt="?", answer=17000, low=16500, high=17500, unit="man"), "en",
     "17,000 man (± 500 man)"),
    (NumericQuestion(id="n", prompt="?", answer=1.26, low=1.26, high=1.26), "nl", "1,26"),
    (PRESIDENT, "nl", "Goïta (ook goed: Assimi Goïta)"),
    (TextQuestion(id="t", prompt="?", answers=("Goïta", "Goita", "Assimi Goïta")), "en",
     "Goïta (also right: Goita or Assimi Goïta)"),
    (TextQuestion(id="t", prompt="?", answers=("Bamako",)), "nl", "Bamako"),
    (CLOZE, "nl", "Frankrijk is de **penvoerder** voor Mali; resoluties worden door de **Fransen** geschreven, "
                  "en de overgangsperiode loopt tot **31 december**."),
    (EVENTS, "nl", "1. Blauwhelmen komen naar Mali\n2. Diop eist terugtrekking\n3. Veiligheidsraad stemt\n"
                   "4. Einde overgangsperiode"),
    (PEOPLE, "nl", "- Assimi Goïta → president van Mali\n- Abdoulaye Diop → minister van Buitenlandse Zaken\n"
                   "- Reuters → persbureau"),
])
def test_describes_the_right_answer_in_the_banks_language(question: AnyQuestion, language: str, description: str) -> None:
    assert describe_answer(question, language=language) == description


@pytest.mark.parametrize(("question", "response"), [
    (DIOP, True), (DIOP, "0"), (PARTNERS, {0, 1}), (SINCE_2013, 1), (TROOPS, 17000),
    (PRESIDENT, ("Goïta",)), (CLOZE, "penvoerder"), (EVENTS, ("0", "1")), (PEOPLE, (0, 1, 2)),
])
def test_a_response_of_the_wrong_shape_is_a_programming_error_that_says_what_is_expected(
    question: AnyQuestion, response: Any,
) -> None:
    with pytest.raises(TypeError, match=f"a {question.type} question \\('{question.id}'\\) takes"):
        grade(question, response)


def responses_for(question: AnyQuestion) -> st.SearchStrategy[Any]:
    """Arbitrary responses of the right shape for `question`."""
    texts = st.text(max_size=20)
    if isinstance(question, ChoiceQuestion):
        return st.none() | st.integers(-3, 10)
    if isinstance(question, MultipleQuestion):
        return st.frozensets(st.integers(-3, 10))
    if isinstance(question, TrueFalseQuestion):
        return st.none() | st.booleans()
    if isinstance(question, NumericQuestion):
        return texts | st.from_regex(r"[+\-−]?[0-9., ]{1,12}( ?(man|%))?", fullmatch=True)
    if isinstance(question, TextQuestion):
        return texts
    if isinstance(question, OrderQuestion):
        return st.lists(st.integers(-2, 6), max_size=8).map(tuple)
    options = st.sampled_from(PEOPLE.right_options + ("", "Russen", "Fransen", "penvoerder")) | texts
    return st.lists(options, max_size=5).map(tuple)


@settings(deadline=None)  # timing on a shared, busy machine is no test of correctness
@given(data=st.data(), language=st.sampled_from(["nl", "en"]))
def test_any_response_of_the_right_shape_scores_between_zero_and_one(data: st.DataObject, language: str) -> None:
    question = data.draw(st.sampled_from(ALL_QUESTIONS))
    response = data.draw(responses_for(question))
    graded = grade(question, response, language=language)
    assert 0.0 <= graded.score <= 1.0 and math.isfinite(graded.score)
    assert graded.correct == (graded.score == 1.0)
    assert not (graded.unreadable and (graded.score or graded.correct))
    assert all(message for message in graded.feedback)


MINUSMA_BANK = Path(__file__).resolve().parents[2] / "quizzes" / "minusma.nl.yaml"


@pytest.fixture(scope="module")
def minusma() -> Bank:
    return load_bank(MINUSMA_BANK)


def test_every_model_answer_in_the_minusma_bank_grades_correct(minusma: Bank) -> None:
    wrong = [q.id for q in minusma.questions
             if not grade(q, correct_response(q, language=minusma.language), language=minusma.language).correct]
    assert wrong == []


def test_minusma_numbers_are_described_the_dutch_way(minusma: Bank) -> None:
    numeric = [q for q in minusma.questions if isinstance(q, NumericQuestion)]
    described = [describe_answer(q, language="nl") for q in numeric]
    dutch_number = r"-?(\d{1,4}|\d{1,3}(\.\d{3})+)(,\d+)?"
    quantity = re.compile(rf"((tussen {dutch_number} en )?{dutch_number})( .+)?")
    assert numeric and all(quantity.fullmatch(text) for text in described), described


def test_minusma_text_answers_forgive_case_and_diacritics(minusma: Bank) -> None:
    texts = [q for q in minusma.questions if isinstance(q, TextQuestion)]
    plain = [(q, normalise_text(q.answers[0]).upper()) for q in texts]
    assert texts and all(grade(q, typed, language="nl").correct for q, typed in plain)


def test_each_message_table_has_the_same_keys_in_dutch_and_english() -> None:
    for table in (_grading._MESSAGES, _numbers._MESSAGES):
        assert set(table.table["nl"]) == set(table.table["en"])
