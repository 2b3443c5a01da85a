"""Cloze dropdown options are shuffled with the quiz's seed; the static view keeps them alphabetical.

Failed before: the options appeared in written order, so the right one came first in 7 of the
10 dropdown gaps of the Dutch MINUSMA bank.
"""

from __future__ import annotations

from pathlib import Path

import kwis
from kwis._model import ClozeQuestion, Settings
from kwis.ui._controls import ClozeControl, make_control
from kwis.ui._session import gap_options

ROOT = Path(__file__).resolve().parents[2]


def _dropdown_gaps() -> list[tuple[ClozeQuestion, int]]:
    bank = kwis.load_bank(ROOT / "quizzes" / "minusma.nl.yaml")
    return [(q, n) for q in bank.questions if isinstance(q, ClozeQuestion)
            for n, gap in enumerate(q.gaps, start=1) if gap.is_dropdown]


def test_the_right_option_is_not_first_by_how_the_teacher_wrote_it() -> None:
    gaps = _dropdown_gaps()
    written_first = sum(q.gaps[n - 1].options[0] in q.gaps[n - 1].answers for q, n in gaps)
    assert (written_first, len(gaps)) == (6, 9)  # the bank as written
    shown_first = [sum(gap_options(q, n, seed, Settings())[0] in q.gaps[n - 1].answers for q, n in gaps)
                   for seed in range(20)]
    assert sum(shown_first) / len(shown_first) < 6  # about 10/3 on average once shuffled


def test_the_same_seed_gives_the_same_order_and_the_dropdowns_show_it() -> None:
    question, number = _dropdown_gaps()[0]
    assert gap_options(question, number, 7, Settings()) == gap_options(question, number, 7, Settings())
    assert sorted(gap_options(question, number, 7, Settings())) == sorted(question.gaps[number - 1].options)
    control = make_control(question, 7, Settings(), "nl")
    assert isinstance(control, ClozeControl)
    gaps = [piece for piece in control.spec["pieces"] if isinstance(piece, dict)]
    shown = [tuple(gap["options"]) for gap in gaps if gap["options"]]
    numbers = [n for n, gap in enumerate(question.gaps, start=1) if gap.is_dropdown]
    assert shown == [gap_options(question, n, 7, Settings()) for n in numbers]


def test_without_shuffling_the_options_are_alphabetical() -> None:
    question, number = _dropdown_gaps()[0]
    options = gap_options(question, number, 7, Settings(shuffle_choices=False))
    assert list(options) == sorted(question.gaps[number - 1].options, key=str.casefold)
