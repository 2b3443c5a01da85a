"""QTI 2.1 items scored by response processing (tests/teacher/qti21_rules.py) for a right, a
partial and a wrong response, for every item of both MINUSMA banks and the all-types bank: the
score is kwis's, full marks are exact, and the feedback shown is the one for that score."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Callable

import pytest

import kwis
from kwis.grading._grade import Response, grade
from kwis.teacher.export import export
from kwis.teacher.export._losses import plain_number
from kwis._model import (
    AnyQuestion, Bank, ChoiceQuestion, ClozeQuestion, MatchQuestion, MultipleQuestion,
    NumericQuestion, OrderQuestion, TextQuestion, TrueFalseQuestion,
)
from tests.teacher.qti21_rules import Q, Evaluator, Value

ROOT = Path(__file__).parent.parent.parent
BANKS = {"minusma.nl": ROOT / "quizzes" / "minusma.nl.yaml", "minusma.en": ROOT / "quizzes" / "minusma.en.yaml",
         "all-types": ROOT / "tests" / "data" / "teacher-all-types.yaml"}

Case = tuple[dict[str, Value], Response]  # the QTI responses and the same answer given to kwis


@pytest.fixture(scope="module", params=list(BANKS))
def bank(request: pytest.FixtureRequest) -> Bank:
    return kwis.load_bank(BANKS[request.param])


def _files(bank: Bank) -> dict[str, ET.Element]:
    data = export(bank, "qti21").data
    assert isinstance(data, bytes)
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: ET.fromstring(archive.read(name)) for name in archive.namelist()}


def _inline_choices(item: ET.Element, gap: str) -> list[str]:
    return [c.text or "" for c in item.iter(f"{Q}inlineChoice") if c.get("identifier", "").startswith(f"{gap}_")]


def _typed(value: float, language: str) -> str:
    """A number as a student of the bank's language types it: 1,26 in Dutch."""
    text = plain_number(value)
    return text.replace(".", ",") if language == "nl" else text


def _cases(q: AnyQuestion, item: ET.Element, language: str) -> dict[str, Case]:  # noqa: C901 - one branch per type
    """right / partial (where a question has parts) / wrong, as QTI responses and kwis responses."""
    if isinstance(q, ChoiceQuestion):
        wrong = next(i for i, c in enumerate(q.choices) if not c.correct)
        return {"right": ({"RESPONSE": f"c{q.correct_index}"}, q.correct_index),
                "wrong": ({"RESPONSE": f"c{wrong}"}, wrong)}
    if isinstance(q, MultipleQuestion):
        right = [i for i, c in enumerate(q.choices) if c.correct]
        wrong = [i for i, c in enumerate(q.choices) if not c.correct]
        cases: dict[str, Case] = {"right": ({"RESPONSE": [f"c{i}" for i in right]}, frozenset(right))}
        if len(right) > 1:
            cases["partial"] = ({"RESPONSE": [f"c{right[0]}"]}, frozenset(right[:1]))
        if wrong:
            cases["wrong"] = ({"RESPONSE": [f"c{wrong[0]}"]}, frozenset(wrong[:1]))
        return cases
    if isinstance(q, TrueFalseQuestion):
        return {"right": ({"RESPONSE": "true" if q.answer else "false"}, q.answer),
                "wrong": ({"RESPONSE": "false" if q.answer else "true"}, not q.answer)}
    if isinstance(q, NumericQuestion):
        off = q.high + max(1.0, abs(q.high))
        return {"right": ({"RESPONSE": q.answer}, _typed(q.answer, language)),
                "inside": ({"RESPONSE": q.high}, _typed(q.high, language)),
                "wrong": ({"RESPONSE": off}, _typed(off, language))}
    if isinstance(q, TextQuestion):
        return {"right": ({"RESPONSE": q.answers[0]}, q.answers[0]),
                "wrong": ({"RESPONSE": "zzz-niets"}, "zzz-niets")}
    if isinstance(q, ClozeQuestion):
        def given(wrong_first: bool, all_wrong: bool = False) -> Case:
            qti: dict[str, Value] = {}
            typed: list[str] = []
            for n, gap in enumerate(q.gaps, start=1):
                bad = all_wrong or (wrong_first and n == 1)
                if gap.is_dropdown:
                    options = _inline_choices(item, f"GAP{n}")
                    text = next(o for o in options if (o in gap.answers) != bad)
                    qti[f"GAP{n}"] = f"GAP{n}_{options.index(text)}"
                else:
                    text = "zzz-niets" if bad else gap.answers[0]
                    qti[f"GAP{n}"] = text
                typed.append(text)
            return qti, tuple(typed)
        cases = {"right": given(False), "wrong": given(False, all_wrong=True)}
        if len(q.gaps) > 1:
            cases["partial"] = given(True)
        return cases
    if isinstance(q, OrderQuestion):
        n = len(q.items)
        return {"right": ({"RESPONSE": [f"i{i}" for i in range(n)]}, tuple(range(n))),
                "wrong": ({"RESPONSE": [f"i{i}" for i in reversed(range(n))]}, tuple(reversed(range(n))))}
    assert isinstance(q, MatchQuestion)
    rights = list(dict.fromkeys(q.right_options))
    pairs = [f"L{n} R{rights.index(p.right)}" for n, p in enumerate(q.pairs)]
    answers = [p.right for p in q.pairs]
    shifted = answers[1:] + answers[:1]
    cases = {"right": ({"RESPONSE": pairs}, tuple(answers)),
             "wrong": ({"RESPONSE": [f"L{n} R{rights.index(a)}" for n, a in enumerate(shifted)]}, tuple(shifted))}
    if len(q.pairs) > 2:
        partial = [answers[1], answers[0]] + answers[2:]
        cases["partial"] = ({"RESPONSE": [f"L{n} R{rights.index(a)}" for n, a in enumerate(partial)]},
                            tuple(partial))
    return cases


def _shown(outcomes: dict[str, Value]) -> set[str]:
    feedback = outcomes.get("FEEDBACK") or []
    assert isinstance(feedback, list)
    return set(feedback)


LEVEL: dict[str, Callable[[float, float], bool]] = {
    "correct": lambda score, most: score == most, "partial": lambda score, most: 0 < score < most,
    "incorrect": lambda score, most: score == 0}


def test_right_partial_and_wrong_responses_score_as_kwis_and_show_their_feedback(bank: Bank) -> None:
    """Defect 5: three parts worth 0.3333333 summed to 0.9999999 for a fully right answer, so
    `SCORE >= 1` failed and the partial feedback showed instead of the correct one."""
    with_feedback = tuple(replace(q, feedback=replace(q.feedback, correct="Goed", partial="Half",
                                                      incorrect="Fout")) for q in bank.questions)
    for questions in (bank.questions, with_feedback):
        files = _files(replace(bank, questions=questions))
        for q in questions:
            item = files[f"items/{q.id}.xml"] if q.id[0].isalpha() else files[f"items/q-{q.id}.xml"]
            evaluator = Evaluator(item)
            for case, (qti, kwis_response) in _cases(q, item, bank.language).items():
                outcomes = evaluator.run(qti)
                score, most = outcomes["SCORE"], outcomes["MAXSCORE"]
                assert isinstance(score, float) and isinstance(most, float)
                expected = grade(q, kwis_response, language=bank.language).score
                if isinstance(q, OrderQuestion) and case != "right":
                    expected = 0.0  # all or nothing in QTI (W203); reversed is 0 in kwis too
                assert score / most == pytest.approx(expected), (q.id, case)
                if case == "right":
                    assert score == most, (q.id, score, most)  # exact, not 0.9999999
                levels = {name for name, holds in LEVEL.items() if holds(score, most)}
                if questions is with_feedback:
                    assert _shown(outcomes) & set(LEVEL) == levels, (q.id, case, _shown(outcomes))


def test_the_test_adds_up_to_the_banks_points(bank: Bank) -> None:
    files = _files(bank)
    test = next(root for name, root in files.items() if root.tag == f"{Q}assessmentTest")
    total = 0.0
    for ref in test.iter(f"{Q}assessmentItemRef"):
        weight = float(ref.find(f"{Q}weight").get("value", "0"))  # type: ignore[union-attr]
        item = files[ref.get("href", "")]
        most = float(item.findtext(f"{Q}outcomeDeclaration[@identifier='MAXSCORE']/{Q}defaultValue/{Q}value")
                     or "nan")
        total += weight * most
    assert round(total, 6) == sum(q.points for q in bank.questions)
    assert test.find(f"{Q}outcomeProcessing/{Q}setOutcomeValue/{Q}roundTo") is not None
