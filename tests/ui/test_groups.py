"""Draws and groups: a drawn sitting asks at most one question per group; a full quiz shows every variant."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace
from pathlib import Path

from kwis import load_bank
from kwis._model import Bank, Settings
from kwis.ui._session import Selection, draw_questions, stable_seed

GROUPED = Path(__file__).parent.parent / "data" / "groups.nl.yaml"


def _groups_drawn(bank: Bank, selection: Selection, seed: int) -> Counter[str]:
    return Counter(q.group for q in draw_questions(bank, selection, seed, "nl") if q.group)


def test_without_a_draw_the_quiz_shows_every_question_of_every_group() -> None:
    bank = load_bank(GROUPED)
    shown = draw_questions(bank, Selection(), seed=1, language="nl")
    assert sorted(q.id for q in shown) == sorted(q.id for q in bank.questions)


def test_a_count_draw_takes_at_most_one_question_per_group() -> None:
    bank = load_bank(GROUPED)
    for seed in range(50):
        drawn = draw_questions(bank, Selection(count=4), seed, "nl")
        assert len(drawn) == 4
        assert max(_groups_drawn(bank, Selection(count=4), seed).values(), default=0) == 1


def test_a_count_above_what_the_groups_allow_gives_a_shorter_sitting_not_a_repeat() -> None:
    bank = load_bank(GROUPED)  # 2 groups + 2 loose questions: at most 4 distinct points
    drawn = draw_questions(bank, Selection(count=7), seed=3, language="nl")
    assert len(drawn) == 4
    assert {q.id for q in drawn} >= {"budget", "wagner"}


def test_a_tag_draw_takes_one_question_per_group_too() -> None:
    bank = load_bank(GROUPED)
    drawn = draw_questions(bank, Selection(tags=("terugtrekking",)), seed=5, language="nl")
    assert len(drawn) == 1 and drawn[0].group == "drie-maanden"


def test_every_variant_of_a_group_gets_its_turn_over_the_students() -> None:
    bank = load_bank(GROUPED)
    seen = {q.id for seed in range(40) for q in draw_questions(bank, Selection(count=4), seed, "nl")}
    assert seen == {q.id for q in bank.questions}


def test_the_draw_is_the_same_for_the_same_seed() -> None:
    bank = load_bank(GROUPED)
    first = draw_questions(bank, Selection(count=3), seed=11, language="nl")
    assert draw_questions(bank, Selection(count=3), seed=11, language="nl") == first


def test_a_bank_without_groups_draws_as_before_groups_existed() -> None:
    """Ungrouped questions do not consume the random generator: old sittings restore unchanged."""
    grouped = load_bank(GROUPED)
    plain = replace(grouped, questions=tuple(replace(q, group="") for q in grouped.questions),
                    settings=Settings(shuffle=False))
    expected = random.Random(stable_seed(9, "draw")).sample(list(plain.questions), 3)
    drawn = draw_questions(plain, Selection(count=3), seed=9, language="nl")
    assert {q.id for q in drawn} == {q.id for q in expected}
