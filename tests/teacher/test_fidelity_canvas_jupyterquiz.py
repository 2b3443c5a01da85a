"""Canvas (QTI 1.2) and JupyterQuiz as they read kwis's files, for both MINUSMA banks and the
all-types bank.

Canvas: its QTI importer (QTIMigrationTool, then Canvas's qti_exporter NumericInteraction) reads
a numerical condition `or(varequal exact, and(vargte, varlte))` as an exact answer with margin
varlte − exact, and `and(vargte, varlte)` alone as a range answer; a fill_in_multiple_blanks blank
accepts every listed value as a right answer, a multiple_dropdowns blank scores the value its
condition names. JupyterQuiz 2.9.6.4 (js/numeric.js, js/string.js, js/multiple_choice.js) shows
`jaxify(answer.feedback)` for the answer it matched, which throws when there is none.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

import kwis
from kwis.grading._grade import grade
from kwis.teacher.export import export
from kwis._model import Bank, ClozeQuestion, Gap, NumericQuestion

ROOT = Path(__file__).parent.parent.parent
BANKS = {"minusma.nl": ROOT / "quizzes" / "minusma.nl.yaml", "minusma.en": ROOT / "quizzes" / "minusma.en.yaml",
         "all-types": ROOT / "tests" / "data" / "teacher-all-types.yaml"}
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"


@pytest.fixture(scope="module", params=list(BANKS))
def bank(request: pytest.FixtureRequest) -> Bank:
    return kwis.load_bank(BANKS[request.param])


def _items(bank: Bank) -> dict[str, ET.Element]:
    data = export(bank, "qti").data
    assert isinstance(data, bytes)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assessment = ET.fromstring(archive.read(f"{bank.id}/{bank.id}.xml"))
    return {item.get("ident", ""): item for item in assessment.iter(f"{QTI}item")}


@dataclass
class CanvasNumeric:
    exact: float | None = None
    margin: float = 0.0
    start: float | None = None
    end: float | None = None

    def accepts(self, x: float) -> bool:
        if self.exact is not None:
            return abs(x - self.exact) <= self.margin + 1e-9
        assert self.start is not None and self.end is not None
        return self.start <= x <= self.end


def _canvas_numeric(item: ET.Element) -> list[CanvasNumeric]:
    answers = []
    for condition in item.iter(f"{QTI}respcondition"):
        setvar = condition.find(f"{QTI}setvar")
        if setvar is None or float(setvar.text or 0) <= 0:
            continue
        var = condition.find(f"{QTI}conditionvar")
        assert var is not None
        either = var.find(f"{QTI}or")
        if either is not None:
            exact = float(either.findtext(f"{QTI}varequal") or "nan")
            upper = either.findtext(f"{QTI}and/{QTI}varlte")
            answers.append(CanvasNumeric(exact=exact, margin=float(upper) - exact if upper else 0.0))
        elif (both := var.find(f"{QTI}and")) is not None:
            answers.append(CanvasNumeric(start=float(both.findtext(f"{QTI}vargte") or "nan"),
                                         end=float(both.findtext(f"{QTI}varlte") or "nan")))
    return answers


def _probes(q: NumericQuestion) -> list[float]:
    width = max(q.high - q.low, abs(q.answer) * 0.1, 1.0)
    inside = [q.low, (q.low + q.answer) / 2, q.answer, (q.answer + q.high) / 2, q.high]
    return inside + [q.low - width / 4, q.high + width / 4, q.answer - (q.high - q.answer) * 1.5 - 0.01]


def test_canvas_accepts_the_same_numbers_as_kwis(bank: Bank) -> None:
    """Defect 4: 2.5..4 with answer 3 was written as exact-or-range, which Canvas reads as 3 ± 1."""
    asymmetric = NumericQuestion(id="asym", prompt="Hoeveel?", answer=3, low=2.5, high=4)
    banked = replace(bank, questions=bank.questions + (asymmetric,))
    items = _items(banked)
    for q in banked.questions:
        if not isinstance(q, NumericQuestion):
            continue
        canvas = _canvas_numeric(items[q.id])
        assert canvas, q.id
        for x in _probes(q):
            kwis_says = grade(q, repr(x), language="en").correct
            assert any(a.accepts(x) for a in canvas) == kwis_says, (q.id, x)
    assert not any(a.accepts(2.2) for a in _canvas_numeric(items["asym"]))


def _canvas_blanks(item: ET.Element) -> tuple[str, list[list[str]], list[list[str]]]:
    """(question type, per blank: the values Canvas accepts as right, the values it shows)."""
    kind = item.findtext(f".//{QTI}fieldentry") or ""
    right_ids = {c.findtext(f"{QTI}conditionvar/{QTI}varequal") for c in item.iter(f"{QTI}respcondition")}
    accepted, shown = [], []
    for lid in item.iter(f"{QTI}response_lid"):
        labels = [(label.get("ident"), label.findtext(f".//{QTI}mattext") or "")
                  for label in lid.iter(f"{QTI}response_label")]
        shown.append([text for _, text in labels])
        if kind == "fill_in_multiple_blanks_question":
            accepted.append([text for _, text in labels])
        else:
            accepted.append([text for ident, text in labels if ident in right_ids])
    return kind, accepted, shown


def test_canvas_accepts_exactly_the_right_answers_of_every_gap(bank: Bank) -> None:
    """Defect 4: a cloze mixing typed and dropdown gaps listed every dropdown option, and Canvas
    accepted each as a right typed answer."""
    mixed = ClozeQuestion(id="gemengd", prompt="Vul in.", segments=(
        "De ", Gap(("Fransen",)), " en de ", Gap(("Russen",), ("Russen", "Turken", "Iraniërs")), "."))
    banked = replace(bank, questions=bank.questions + (mixed,))
    exported = export(banked, "qti")
    items = _items(banked)
    for q in banked.questions:
        if not isinstance(q, ClozeQuestion):
            continue
        kind, accepted, shown = _canvas_blanks(items[q.id])
        assert accepted == [list(g.answers) for g in q.gaps], q.id
        if all(g.is_dropdown for g in q.gaps):
            assert kind == "multiple_dropdowns_question"
            assert shown == [list(g.options) for g in q.gaps]
        else:
            assert kind == "fill_in_multiple_blanks_question"
    index = len(banked.questions) - 1
    assert any(p.code == "W203" and p.path == f"$.questions[{index}]" for p in exported.problems)


def test_every_jupyterquiz_answer_has_the_feedback_jupyterquiz_shows(bank: Bank) -> None:
    """Defect 6: a range answer had no feedback; JupyterQuiz's jaxify(undefined) threw, so a number
    inside the range but not the exact value showed no verdict."""
    data = export(bank, "jupyterquiz").data
    assert isinstance(data, str)
    questions = json.loads(data)
    assert questions
    for question in questions:
        for answer in question["answers"]:
            assert isinstance(answer.get("feedback"), str) and answer["feedback"], (question["question"], answer)
    numeric = [q for q in bank.questions if isinstance(q, NumericQuestion) and q.low != q.high]
    ranges = [a for q in questions if q["type"] == "numeric" for a in q["answers"] if a.get("type") == "range"]
    assert len(ranges) == len(numeric)
