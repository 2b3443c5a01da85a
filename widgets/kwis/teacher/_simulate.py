"""A simulated class, for the dashboard demo and the benchmarks only: seeded, so every run gives
the same answers. Never mistake it for real students: learner ids are `sim-001`, ..., and every
sitting's selection is `{"demo": "simulated"}`.

Each simulated learner has an ability drawn from a normal distribution; each question a
difficulty from its bank `difficulty` (1 easy .. 3 hard) plus seeded noise. A learner answers a
question right with the chance 1 / (1 + e^(-1.2 (ability - difficulty))), the usual logistic item
response model; a wrong answer is one a student could give (a favourite distractor, the answer of
a neighbouring question, a number off by a factor), so distractor counts and frequent wrong
answers look like a class's. Answers go through the real grading and into one real answer store
per learner, exactly as a quiz would write them; `kwis collect` then gathers them.
"""

from __future__ import annotations

import json
import math
import os
import random
from pathlib import Path
from typing import Sequence

from kwis._model import (
    AnyQuestion, Bank, ChoiceQuestion, ClozeQuestion, MatchQuestion, MultipleQuestion,
    NumericQuestion, OrderQuestion, TextQuestion, TrueFalseQuestion,
)
from kwis.grading import Response, correct_response, grade, response_to_json
from kwis.grading._numbers import format_number
from kwis.records import AnswerStore, Attempt
from kwis.records._identity import question_fingerprint

SIMULATED_SELECTION = json.dumps({"demo": "simulated"})
DISCRIMINATION = 1.2  # the logistic model's scale


def simulate_class(banks: Sequence[Bank], folder: str | os.PathLike[str], *, learners: int = 40,
                   seed: int = 2026) -> list[Path]:
    """Writes one answer store per simulated learner, `folder/sim-NNN/answers.sqlite3`, each
    with one submitted exam of every bank; returns the store paths."""
    rng = random.Random(seed)
    paths = []
    for number in range(1, learners + 1):
        learner = f"sim-{number:03}"
        ability = rng.gauss(0.0, 1.0)
        path = Path(folder) / learner / "answers.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        store = AnswerStore(path, language=banks[0].language if banks else "en")
        for bank in banks:
            _take_exam(store, bank, learner, ability, rng, seed)
        store.close()
        paths.append(path)
    return paths


def _take_exam(store: AnswerStore, bank: Bank, learner: str, ability: float,
               rng: random.Random, seed: int) -> None:
    questions = bank.questions
    sitting = store.start_sitting(bank.id, learner, "exam", SIMULATED_SELECTION, seed,
                                  tuple(q.id for q in questions))
    answers: list[tuple[Attempt, AnyQuestion | None]] = []
    for number, question in enumerate(questions):
        chance = 1 / (1 + math.exp(-DISCRIMINATION * (ability - difficulty(question, seed))))
        response = (correct_response(question, language=bank.language) if rng.random() < chance
                    else wrong_response(question, bank, rng))
        result = grade(question, response, language=bank.language)
        answers.append((Attempt(
            bank_id=bank.id, question_id=question.id, user=learner, mode="exam",
            response=response_to_json(response), score=result.score, correct=result.correct,
            time=sitting.started + 30 * (number + 1), seed=seed, sitting=sitting.id,
            fingerprint=question_fingerprint(question), points=question.points), question))
    store.submit(sitting.id, answers)


def difficulty(question: AnyQuestion, seed: int) -> float:
    """The question's simulated difficulty: its bank difficulty (1..3) around 0, plus noise
    fixed per question."""
    noise = random.Random(f"{seed}:{question.id}").gauss(0.0, 0.7)
    return (question.difficulty - 2) * 0.8 + noise - 0.3


def wrong_response(question: AnyQuestion, bank: Bank, rng: random.Random) -> Response:
    """An answer a student could give that is not (fully) right."""
    favourite = random.Random(question.id)  # the same favourite distractor for every learner
    if isinstance(question, ChoiceQuestion):
        wrong = [i for i in range(len(question.choices)) if i != question.correct_index]
        favourite.shuffle(wrong)
        weights = [2.0 ** -rank for rank in range(len(wrong))]
        return rng.choices(wrong, weights)[0]
    if isinstance(question, MultipleQuestion):
        chosen = set(question.correct_indices)
        chosen.discard(rng.choice(sorted(chosen)))
        others = [i for i in range(len(question.choices)) if i not in question.correct_indices]
        if others and rng.random() < 0.6:
            chosen.add(rng.choice(others))
        return frozenset(chosen) if chosen else frozenset({rng.randrange(len(question.choices))})
    if isinstance(question, TrueFalseQuestion):
        return not question.answer
    if isinstance(question, NumericQuestion):
        factor = rng.choice((0.5, 2.0, 10.0))
        return format_number(round(question.answer * factor, 2), bank.language)
    if isinstance(question, TextQuestion):
        return rng.choices(_confusions(question, bank, favourite), (4.0, 2.0, 1.0))[0]
    if isinstance(question, ClozeQuestion):
        return tuple(rng.choice([o for o in gap.options if o not in gap.answers] or ["?"])
                     if gap.is_dropdown and rng.random() < 0.7 else gap.answers[0]
                     for gap in question.gaps)
    if isinstance(question, OrderQuestion):
        order = list(range(len(question.items)))
        i = rng.randrange(len(order) - 1)
        order[i], order[i + 1] = order[i + 1], order[i]
        return tuple(order)
    rights = [pair.right for pair in question.pairs]
    i = rng.randrange(len(rights) - 1)
    rights[i], rights[i + 1] = rights[i + 1], rights[i]
    return tuple(rights)


def _confusions(question: TextQuestion, bank: Bank, favourite: random.Random) -> list[str]:
    """Three wrong typed answers: answers of other text questions in the bank (what students mix
    up), else a made-up slip."""
    others = [q.answers[0] for q in bank.questions
              if isinstance(q, TextQuestion) and q.id != question.id and q.answers]
    favourite.shuffle(others)
    picks = [a for a in others if a.casefold() not in {x.casefold() for x in question.answers}][:3]
    while len(picks) < 3:
        picks.append("?" * (len(picks) + 1))
    return picks

