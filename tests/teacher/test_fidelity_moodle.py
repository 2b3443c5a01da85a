"""Moodle XML and GIFT as Moodle 4.5 reads them (tests/teacher/moodle_rules.py), for both MINUSMA
banks and the all-types bank: the elements Moodle's importers need, cloze answers stored exactly as
the bank has them, GIFT escapes undone and no question misread."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest

import kwis
from kwis.teacher.export import export
from kwis._model import (
    Bank, ClozeQuestion, Gap, MatchQuestion, MultipleQuestion, Pair, TextQuestion,
)
from tests.teacher.moodle_rules import MOODLE_XML_ELEMENTS, read_cloze, read_gift

ROOT = Path(__file__).parent.parent.parent
BANKS = {"minusma.nl": ROOT / "quizzes" / "minusma.nl.yaml", "minusma.en": ROOT / "quizzes" / "minusma.en.yaml",
         "all-types": ROOT / "tests" / "data" / "teacher-all-types.yaml"}


@pytest.fixture(scope="module", params=list(BANKS))
def bank(request: pytest.FixtureRequest) -> Bank:
    return kwis.load_bank(BANKS[request.param])


def _moodle(bank: Bank) -> dict[str, ET.Element]:
    data = export(bank, "moodle-xml").data
    assert isinstance(data, str)
    return {q.findtext("idnumber") or "": q for q in ET.fromstring(data).findall("question")
            if q.get("type") != "category"}


def test_every_question_has_the_elements_moodles_own_export_writes(bank: Bank) -> None:
    """Defect 1: without <shownumcorrect/> Moodle's ordering import stopped the whole file."""
    questions = _moodle(bank)
    assert list(questions) == [q.id for q in bank.questions]
    for qid, element in questions.items():
        present = {child.tag for child in element}
        missing = [tag for tag in MOODLE_XML_ELEMENTS[element.get("type", "")] if tag not in present]
        assert missing == [], (qid, missing)
        for answer in element.findall("answer"):
            assert answer.get("format") and answer.find("text") is not None and answer.find("feedback") is not None
        for hint in element.findall("hint"):
            assert hint.get("format") == "html", qid


def test_cloze_answers_are_stored_by_moodle_exactly_as_the_bank_has_them(bank: Bank) -> None:
    """Defect 2: Moodle kept the backslash kwis put before `/` and `"`: 16/6 was stored as 16\\/6."""
    questions = _moodle(bank)
    for q in bank.questions:
        if not isinstance(q, ClozeQuestion):
            continue
        stored = read_cloze(questions[q.id].findtext("questiontext/text") or "")
        assert len(stored) == len(q.gaps), q.id
        for gap, sub in zip(q.gaps, stored):
            if gap.is_dropdown:
                assert sub.kind == "MULTICHOICE"
                assert [t for t, _ in sub.answers] == list(gap.options), q.id
                assert [t for t, f in sub.answers if f == 1] == list(gap.answers), q.id
            else:
                assert [t for t, _ in sub.answers] == list(gap.answers), q.id
                assert all(f == 1 for _, f in sub.answers)


HOSTILE_GAP_TEXTS = ("16/6", 'p"q', "a~b", "x}y#z", "back\\slash\\", "=5", "%50%", "R&D <b>", "{1:SA:=x}")


def test_cloze_answers_with_every_special_character_survive_moodles_parser(bank: Bank) -> None:
    typed = Gap(HOSTILE_GAP_TEXTS)
    dropdown = Gap(HOSTILE_GAP_TEXTS[:1], HOSTILE_GAP_TEXTS)
    q = ClozeQuestion(id="speciaal", prompt="Vul in.", segments=("A ", typed, " en ", dropdown, "."), points=2)
    stored = read_cloze(_moodle(replace(bank, questions=(q,)))["speciaal"].findtext("questiontext/text") or "")
    assert [t for t, _ in stored[0].answers] == list(HOSTILE_GAP_TEXTS)
    assert [(t, f) for t, f in stored[1].answers] == [(t, 1.0 if t == "16/6" else 0.0) for t in HOSTILE_GAP_TEXTS]
    assert [s.weight for s in stored] == [1, 1]


def test_cloze_gap_weights_give_the_banks_points_or_a_warning(bank: Bank) -> None:
    """Moodle's mark for a cloze is the sum of its gap weights and ignores defaultgrade."""
    two = ClozeQuestion(id="twee", prompt="Vul in.", segments=(Gap(("a",)), " ", Gap(("b",))), points=4)
    odd = replace(two, id="oneven", points=1)
    exported = export(replace(bank, questions=(two, odd)), "moodle-xml")
    questions = _moodle(replace(bank, questions=(two, odd)))
    assert [s.weight for s in read_cloze(questions["twee"].findtext("questiontext/text") or "")] == [2, 2]
    assert [s.weight for s in read_cloze(questions["oneven"].findtext("questiontext/text") or "")] == [1, 1]
    assert [(p.code, p.path) for p in exported.problems] == [("W203", "$.questions[1]")]


def _gift(bank: Bank) -> tuple[str, tuple[str, ...]]:
    exported = export(bank, "gift")
    assert isinstance(exported.data, str)
    skipped = tuple(bank.questions[int(p.path[12:-1])].id for p in exported.problems if p.code == "W201")
    return exported.data, skipped


GIFT_TYPE = {"choice": "multichoice", "multiple": "multichoice", "true-false": "truefalse",
             "numeric": "numerical", "text": "shortanswer", "match": "match", "cloze": "shortanswer"}


def test_moodle_reads_every_gift_question_as_the_type_and_answers_kwis_wrote(bank: Bank) -> None:
    text, skipped = _gift(bank)
    read = read_gift(text)
    exported = [q for q in bank.questions if q.id not in skipped]
    assert [r.name for r in read] == [q.id for q in exported]
    for q, r in zip(exported, read):
        expected = GIFT_TYPE[q.type]
        if isinstance(q, ClozeQuestion) and q.gaps[0].is_dropdown:
            expected = "multichoice"
        assert r.qtype == expected, q.id
        if isinstance(q, TextQuestion):
            assert r.answers == list(q.answers), q.id
        if isinstance(q, MatchQuestion):
            assert [(html.unescape(left), right) for left, right in r.pairs] == \
                [(p.left, p.right) for p in q.pairs] + [("", d) for d in q.distractors]
        if isinstance(q, MultipleQuestion) and not any("<" in c.text or "&" in c.text for c in q.choices):
            assert r.answers == [c.text for c in q.choices], q.id


def test_gift_escapes_every_character_moodle_reads_as_syntax(bank: Bank) -> None:
    hostile = "a:b#c=d{e}f~g\\h\nregel 2"
    q = TextQuestion(id="speciaal", prompt=f"Wat? {hostile}", answers=(hostile, "x = y"))
    read = read_gift(_gift(replace(bank, questions=(q,)))[0])
    assert [(r.name, r.qtype, r.answers) for r in read] == [("speciaal", "shortanswer", [hostile, "x = y"])]
    assert read[0].questiontext == f"Wat? {hostile}"


def test_an_arrow_in_a_match_item_is_not_a_second_pair_and_in_a_typed_answer_leaves_it_out(bank: Bank) -> None:
    """Defect 3: Moodle split a left item at its first `->`, and a typed answer with `->` made the
    question a matching one, which stopped Moodle's whole import."""
    match = MatchQuestion(id="pijlen", prompt="Koppel.", pairs=(Pair("A -> B", "C -> D"), Pair("E", "F")))
    arrow = TextQuestion(id="pijl", prompt="Welke pijl?", answers=("->",))
    after = TextQuestion(id="daarna", prompt="En nu?", answers=("goed",))
    exported = export(replace(bank, questions=(match, arrow, after)), "gift")
    assert isinstance(exported.data, str)
    read = read_gift(exported.data)
    assert [(r.name, r.qtype) for r in read] == [("pijlen", "match"), ("daarna", "shortanswer")]
    assert [(html.unescape(left), right) for left, right in read[0].pairs] == [("A -> B", "C -> D"), ("E", "F")]
    left_out = [p for p in exported.problems if p.code == "W201"]
    assert [p.path for p in left_out] == ["$.questions[1]"] and "'->'" in left_out[0].message
