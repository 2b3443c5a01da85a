"""The sitting without widgets: seeds, draws, orders, responses as JSON, scores."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest

from kwis.grading import correct_response, response_from_json, response_to_json
from kwis.ui._session import (
    Selection, Session, attempt_seed, check_mode, choice_order, default_seed, draw_questions,
    item_order, match_options, stable_seed,
)

from .conftest import dutch_bank, many_questions_bank


def test_a_seed_is_the_same_in_another_process() -> None:
    here = default_seed("anna", "minusma")
    script = "from kwis.ui._session import default_seed; print(default_seed('anna', 'minusma'))"
    there = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert int(there.stdout) == here
    assert default_seed("bob", "minusma") != here


def test_the_first_attempt_keeps_the_seed_and_later_ones_differ() -> None:
    seed = stable_seed("x")
    assert attempt_seed(seed, 1) == seed
    assert len({attempt_seed(seed, n) for n in range(1, 6)}) == 5


def test_a_count_draws_that_many_the_same_way_for_the_same_seed() -> None:
    bank = many_questions_bank(40)
    first = draw_questions(bank, Selection(count=10), seed=7, language="nl")
    assert len(first) == 10 and len({q.id for q in first}) == 10
    assert draw_questions(bank, Selection(count=10), seed=7, language="nl") == first
    assert draw_questions(bank, Selection(count=10), seed=8, language="nl") != first


def test_without_shuffle_the_bank_order_is_kept() -> None:
    bank = dutch_bank(shuffle=False)
    drawn = draw_questions(bank, Selection(), seed=3, language="nl")
    assert [q.id for q in drawn] == [q.id for q in bank.questions]


def test_tags_match_whatever_their_case_and_an_unknown_tag_says_which_exist() -> None:
    bank = dutch_bank()
    drawn = draw_questions(bank, Selection(tags=("wagner",)), seed=1, language="nl")
    assert {q.id for q in drawn} == {"bondgenoten", "president", "wie-is-wie"}
    with pytest.raises(ValueError, match="Geen vraag in bank 'minusma-widgets' heeft de tag"):
        draw_questions(bank, Selection(tags=("sport",)), seed=1, language="nl")


@pytest.mark.parametrize("count", [0, -1, True, 2.5])
def test_a_count_that_is_no_whole_number_of_at_least_one_is_refused(count: object) -> None:
    with pytest.raises(ValueError, match="count must be a whole number"):
        draw_questions(dutch_bank(), Selection(count=count), seed=1, language="en")  # type: ignore[arg-type]


def test_an_unknown_mode_is_refused_in_the_language_asked() -> None:
    assert check_mode("exam", "nl") == "exam"
    with pytest.raises(ValueError, match="mode moet 'practice' of 'exam' zijn"):
        check_mode("toets", "nl")


def test_choices_are_a_seeded_permutation_and_an_order_question_never_starts_solved() -> None:
    bank = dutch_bank()
    choice = bank.question("diop-eis")
    orders = {choice_order(choice, seed, bank.settings) for seed in range(30)}  # type: ignore[arg-type]
    assert all(sorted(o) == [0, 1, 2] for o in orders) and len(orders) > 1
    order = bank.question("tijdlijn")
    assert all(item_order(order, seed) != (0, 1, 2) for seed in range(200))  # type: ignore[arg-type]


def test_match_options_are_alphabetical_when_shuffling_is_off() -> None:
    bank = dutch_bank(shuffle_choices=False)
    options = match_options(bank.question("wie-is-wie"), 5, bank.settings)  # type: ignore[arg-type]
    assert list(options) == sorted(options, key=str.casefold)
    assert "Sahel-onderzoeker" in options


def test_every_type_of_response_survives_json_and_a_misfit_is_dropped() -> None:
    bank = dutch_bank()
    for question in bank.questions:
        response = correct_response(question, language="nl")
        assert response_from_json(question, response_to_json(response)) == response, question.id
    assert response_from_json(bank.question("diop-eis"), 7) is None
    assert response_from_json(bank.question("tijdlijn"), [0, 0, 1]) is None
    assert response_from_json(bank.question("penvoerder"), ["one gap only"]) is None


def test_practice_counts_tries_but_not_an_unreadable_answer() -> None:
    bank = dutch_bank()
    session = Session(bank, bank.questions, "practice", "nl")
    budget = bank.question("budget")
    assert session.check(budget, "veel").unreadable
    assert session.checks.get("budget", 0) == 0 and not session.is_done(budget)
    assert session.check(budget, "1,26").correct
    assert session.checks["budget"] == 1 and session.done_count == 1


def test_an_exam_is_graded_on_submit_with_points_tags_and_what_to_reread() -> None:
    bank = dutch_bank()
    session = Session(bank, bank.questions, "exam", "nl")
    session.responses["budget"] = "1,26"
    session.responses["president"] = "Keita"
    assert not session.complete and session.done_count == 2
    grades = session.submit()
    assert grades["budget"].correct and not grades["president"].correct
    earned, possible = session.points
    assert earned == 2 and possible == sum(q.points for q in bank.questions)
    assert not session.passed
    wagner = next(t for t in session.tag_scores() if t.tag == "Wagner")
    assert (wagner.earned, wagner.questions) == (0, 3)
    assert "budget" not in {q.id for q in session.missed()}
    assert "president" in {q.id for q in session.missed()}


def test_an_order_question_never_starts_exactly_reversed_either() -> None:
    """Issue 10, item 10: reversed gives the answer away as much as solved does."""
    order = dutch_bank().question("tijdlijn")
    for size in (3, 4, 5):
        question = replace(order, items=tuple(f"stap {i}" for i in range(size)))
        starts = {item_order(question, seed) for seed in range(300)}  # type: ignore[arg-type]
        solved = tuple(range(size))
        assert solved not in starts and solved[::-1] not in starts and len(starts) > 1
