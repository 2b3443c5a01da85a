"""`kwis export`: each format checked structurally, and every loss reported by question."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

import kwis
from kwis.teacher.export import export
from kwis._model import Bank

DATA = Path(__file__).parent.parent / "data"
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return kwis.load_bank(DATA / "teacher-all-types.yaml")


def _text(data: str | bytes) -> str:
    assert isinstance(data, str)
    return data


def test_moodle_xml_has_every_type_with_its_required_elements(bank: Bank) -> None:
    exported = export(bank, "moodle-xml")
    root = ET.fromstring(_text(exported.data))
    questions = [q for q in root.findall("question") if q.get("type") != "category"]
    assert [q.get("type") for q in questions] == [
        "multichoice", "multichoice", "truefalse", "numerical", "numerical", "shortanswer",
        "cloze", "cloze", "ordering", "matching"]
    for element, question in zip(questions, bank.questions):
        assert element.findtext("idnumber") == question.id
        assert element.find("questiontext").get("format") == "html"  # type: ignore[union-attr]
        assert element.findtext("questiontext/text")
    assert [(p.code, p.path) for p in exported.problems] == [("W203", "$.questions[7]")]
    assert "één punt per gat" in exported.problems[0].message


def test_moodle_xml_carries_feedback_tolerance_units_and_categories(bank: Bank) -> None:
    root = ET.fromstring(_text(export(bank, "moodle-xml").data))
    by_id = {q.findtext("idnumber"): q for q in root.findall("question")}
    choice = by_id["diop-eis"]
    assert choice.findtext("single") == "true"
    assert choice.findtext("correctfeedback/text") == "<p>Klopt!</p>"
    assert choice.findtext("incorrectfeedback/text") == "<p>Lees de eerste alinea nog eens.</p>"
    assert "„onmiddellijke terugtrekking”" in (choice.findtext("generalfeedback/text") or "")
    assert [a.get("fraction") for a in by_id["bondgenoten"].findall("answer")] == ["50", "50", "-100"]
    numeric = by_id["omvang"]
    assert numeric.findtext("answer/text") == "17000"
    assert numeric.findtext("answer/tolerance") == "500"
    assert numeric.findtext("units/unit/unit_name") == "man"
    assert [a.get("fraction") for a in by_id["tijdlijn"].findall("answer")] == \
        ["1.0000000", "2.0000000", "3.0000000"]
    assert by_id["tijdlijn"].findtext("gradingtype") == "ABSOLUTE_POSITION"
    cloze = by_id["resoluties"].findtext("questiontext/text") or ""
    assert "{1:SHORTANSWER:=penvoerder}" in cloze
    assert "{1:MULTICHOICE:=Fransen~Russen~Malinezen}" in cloze
    subquestions = by_id["wie-is-wie"].findall("subquestion")
    assert subquestions[-1].findtext("text") == "" and subquestions[-1].findtext("answer/text") == \
        "minister van Defensie"
    categories = [q.findtext("category/text") for q in root.findall("question[@type='category']")]
    assert "$course$/top/Minusma in Mali — één vraag per type/diplomatie" in categories
    assert [t.text for t in by_id["president"].findall("tags/tag/text")] == ["personen"]


def test_gift_uses_moodles_syntax_and_escapes(bank: Bank) -> None:
    gift = _text(export(bank, "gift").data)
    assert "::diop-eis::[markdown]Wat eiste minister **Abdoulaye Diop**?{" in gift
    assert "\t~Een \\{nieuw\\} akkoord \\#2 \\~ \\= \\:#Daar ging het niet over.\n" in gift
    assert "\t=Een onmiddellijke terugtrekking#Zo staat het er.\n" in gift
    assert "\t~%50%Rusland\n" in gift and "\t~%-100%Frankrijk#" in gift
    assert "{TRUE#Nee, dat deed Nederland wel.#Goed.####" in gift
    assert "{#17000:500\n" in gift
    assert "\t=Assimi Goïta -> president van Mali\n" in gift and "\t= -> minister van Defensie\n" in gift
    assert "Frankrijk is de {=penvoerder ####Frankrijk schrijft de resoluties over Mali.} voor Mali." in gift
    assert "// [id:diop-eis]\n// [tag:diplomatie]\n" in gift
    assert "„onmiddellijke terugtrekking”" in gift


def test_gift_reports_what_it_cannot_carry_by_question(bank: Bank) -> None:
    problems = export(bank, "gift").problems
    skipped = [p for p in problems if p.code == "W201"]
    assert [(p.path, "resoluties" in p.message or "tijdlijn" in p.message) for p in skipped] == \
        [("$.questions[7]", True), ("$.questions[8]", True)]
    assert any(p.code == "W202" and "'omvang'" in p.message and "eenheid" in p.message for p in problems)
    assert "::tijdlijn::" not in _text(export(bank, "gift").data)


def test_qti_zip_manifest_lists_the_assessment_and_it_holds_every_item(bank: Bank) -> None:
    exported = export(bank, "qti")
    assert isinstance(exported.data, bytes)
    archive = zipfile.ZipFile(io.BytesIO(exported.data))
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    hrefs = [f.get("href") for f in manifest.iter(f"{CP}file")]
    assert hrefs == ["teacher-all-types/teacher-all-types.xml"]
    assert sorted(archive.namelist()) == sorted(["imsmanifest.xml", *hrefs])
    assessment = ET.fromstring(archive.read(hrefs[0]))
    items = {i.get("ident"): i for i in assessment.iter(f"{QTI}item")}
    assert list(items) == [q.id for q in bank.questions if q.type != "order"]
    types = {ident: item.findtext(f".//{QTI}fieldentry") for ident, item in items.items()}
    assert types["diop-eis"] == "multiple_choice_question"
    assert types["resoluties"] == "fill_in_multiple_blanks_question"
    assert [p.code for p in exported.problems if p.code == "W201"] == ["W201"]


# Field names and required fields of JupyterQuiz 2.9 (github.com/jmshea/jupyterquiz, schema/*.json):
# multiple/many choice answers, numeric value/range/default answers, string answers.
JQ_ANSWER_FIELDS = {
    "multiple_choice": ({"answer", "correct"}, {"answer", "correct", "feedback", "answer_cols", "code"}),
    "many_choice": ({"answer", "correct"}, {"answer", "correct", "feedback", "answer_cols", "code"}),
    "string": ({"answer", "correct"}, {"answer", "correct", "feedback", "match_case", "fuzzy_threshold"}),
}
JQ_NUMERIC_FIELDS = {"value": {"type", "value", "correct", "feedback"},
                     "range": {"type", "range", "correct", "feedback"}}


def _check_jupyterquiz_shape(question: dict[str, object]) -> None:
    assert set(question) <= {"question", "type", "answers", "precision", "code", "input_width"}
    assert isinstance(question["question"], str) and isinstance(question["answers"], list)
    for answer in question["answers"]:
        if answer.get("type") == "default":
            assert set(answer) == {"type", "feedback"}
        elif question["type"] == "numeric":
            kind = "value" if "value" in answer else "range"
            assert {kind, "correct"} <= set(answer) <= JQ_NUMERIC_FIELDS[kind]
        else:
            required, allowed = JQ_ANSWER_FIELDS[str(question["type"])]
            assert required <= set(answer) <= allowed


def _jupyterquiz_accepts(answers: list[dict[str, object]], typed: float) -> bool:
    """JupyterQuiz's numeric check (js/numeric.js): first value or [low, high) range that matches."""
    for answer in answers:
        if "value" in answer and typed == answer["value"]:
            return bool(answer["correct"])
        if "range" in answer:
            low, high = answer["range"]  # type: ignore[misc]
            if low <= typed < high:
                return bool(answer["correct"])
    return False


def test_jupyterquiz_json_uses_jupyterquizs_field_names(bank: Bank) -> None:
    questions = json.loads(_text(export(bank, "jupyterquiz").data))
    assert [q["type"] for q in questions] == ["multiple_choice", "many_choice", "multiple_choice",
                                              "numeric", "numeric", "string"]
    for question in questions:
        _check_jupyterquiz_shape(question)
    choice, multiple, true_false, omvang, budget, president = questions
    assert choice["question"] == "<p>Wat eiste minister <strong>Abdoulaye Diop</strong>?</p>"
    assert [a["correct"] for a in choice["answers"]] == [True, False, False]
    assert choice["answers"][0]["feedback"] == "<p>Zo staat het er.</p>\n<p>Klopt!</p>"
    assert [a["correct"] for a in multiple["answers"]] == [True, True, False]
    assert true_false["answers"] == [
        {"answer": "Waar", "correct": True, "feedback": "<p>Goed.</p>"},
        {"answer": "Onwaar", "correct": False, "feedback": "<p>Nee, dat deed Nederland wel.</p>"}]
    assert budget["answers"] == [{"type": "value", "value": 1.26, "correct": True, "feedback": "Goed!"}]
    assert president["answers"] == [
        {"answer": "Goïta", "correct": True, "match_case": False, "feedback": "Goed!"},
        {"answer": "Assimi Goïta", "correct": True, "match_case": False, "feedback": "Goed!"}]
    assert omvang["answers"][0]["range"] == [16500, 17500]


def test_jupyterquiz_accepts_the_same_numbers_as_kwis(bank: Bank) -> None:
    from kwis.grading._grade import grade

    omvang = json.loads(_text(export(bank, "jupyterquiz").data))[3]
    for typed in (16499, 16500, 17000, 17500, 17501):
        kwis_says = grade(bank.question("omvang"), str(typed), language="en").correct
        assert _jupyterquiz_accepts(omvang["answers"], typed) == kwis_says, typed


def test_jupyterquiz_warns_for_every_loss(bank: Bank) -> None:
    problems = export(bank, "jupyterquiz").problems
    assert {p.path for p in problems if p.code == "W201"} == {f"$.questions[{i}]" for i in range(6, 10)}
    messages = [p.message for p in problems if p.path == "$.questions[3]"]
    assert any("eenheid" in m for m in messages) and any("uitleg" in m for m in messages)
    assert any(p.code == "W203" and "17.000 telt als 17" in p.message for p in problems)


def test_jupyterquiz_sanitizes_html_and_keeps_typed_answers_plain(bank: Bank) -> None:
    from dataclasses import replace

    from kwis._model import Choice, ChoiceQuestion, TextQuestion
    evil = ChoiceQuestion(id="x", prompt="Wat? <script>alert(1)</script>",
                          choices=(Choice("<img src=x onerror=alert(1)>", correct=True), Choice("b")))
    text = TextQuestion(id="y", prompt="Wie?", answers=("R&D <team>",), case_sensitive=True)
    questions = json.loads(_text(export(replace(bank, questions=(evil, text)), "jupyterquiz").data))
    page = json.dumps(questions)
    assert "<script>" not in page and "onerror" not in page
    assert questions[1]["answers"] == [{"answer": "R&D <team>", "correct": True, "match_case": True,
                                        "feedback": "Goed!"}]


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sections: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self.sections.append(dict(attrs).get("id") or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_answer_key_lists_every_question_with_answer_explanation_and_source(bank: Bank) -> None:
    page = _text(export(bank, "answer-key").data)
    parsed = _Collect()
    parsed.feed(page)
    assert parsed.sections == [q.id for q in bank.questions]
    text = "".join(parsed.text)
    assert "Antwoordsleutel" in text and "17.000 man" in text and "Waar" in text
    assert "Hij eiste een „onmiddellijke terugtrekking”." in text
    assert "Een {nieuw} akkoord #2 ~ = :" in text
    assert '<html lang="nl">' in page
    assert "1 punt" in text and "punt(en)" not in text


def test_answer_key_escapes_html_in_answers(bank: Bank) -> None:
    from dataclasses import replace

    from kwis._model import TextQuestion
    evil = TextQuestion(id="x", prompt="Wat?", answers=("<script>alert(1)</script>",))
    page = _text(export(replace(bank, questions=(evil,)), "answer-key").data)
    assert "<script>" not in page and "&lt;script&gt;" in page


# QTI 2.1 (IMS QTI v2.1 and IMS CP v1.1 namespaces).
Q21 = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP11 = "{http://www.imsglobal.org/xsd/imscp_v1p1}"


@pytest.fixture(scope="module")
def qti21(bank: Bank) -> dict[str, ET.Element]:
    """Every file of the QTI 2.1 zip, parsed."""
    data = export(bank, "qti21").data
    assert isinstance(data, bytes)
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: ET.fromstring(archive.read(name)) for name in archive.namelist()}


def _texts(interaction: ET.Element, tag: str) -> dict[str, str]:
    """Choice identifier -> its text, for the choices (`tag`) of an interaction."""
    return {c.get("identifier", ""): "".join(c.itertext()) for c in interaction.iter(f"{Q21}{tag}")}


def _correct(item: ET.Element, response: str = "RESPONSE") -> list[str]:
    declaration = next(d for d in item.iter(f"{Q21}responseDeclaration") if d.get("identifier") == response)
    return [v.text or "" for v in declaration.iter(f"{Q21}value")]


def test_qti21_manifest_lists_every_item_and_the_test(bank: Bank, qti21: dict[str, ET.Element]) -> None:
    manifest = qti21["imsmanifest.xml"]
    assert manifest.tag == f"{CP11}manifest"
    resources = list(manifest.iter(f"{CP11}resource"))
    items = [r for r in resources if r.get("type") == "imsqti_item_xmlv2p1"]
    assert [r.get("identifier") for r in items] == [q.id for q in bank.questions]
    for resource in items:
        assert [f.get("href") for f in resource.iter(f"{CP11}file")] == [resource.get("href")]
        assert resource.get("href") in qti21
    test = next(r for r in resources if r.get("type") == "imsqti_test_xmlv2p1")
    assert [d.get("identifierref") for d in test.iter(f"{CP11}dependency")] == [q.id for q in bank.questions]
    refs = list(qti21[test.get("href", "")].iter(f"{Q21}assessmentItemRef"))
    assert sorted(r.get("href") or "" for r in refs) == sorted(r.get("href") or "" for r in items)  # groups nest


def test_qti21_items_are_assessment_items_named_by_question_id(bank: Bank, qti21: dict[str, ET.Element]) -> None:
    interactions = {"choice": "choiceInteraction", "multiple": "choiceInteraction",
                    "true-false": "choiceInteraction", "numeric": "textEntryInteraction",
                    "text": "textEntryInteraction", "order": "orderInteraction",
                    "match": "matchInteraction"}
    for question in bank.questions:
        item = qti21[f"items/{question.id}.xml"]
        assert item.tag == f"{Q21}assessmentItem"
        assert item.get("identifier") == question.id
        assert item.get("{http://www.w3.org/XML/1998/namespace}lang") == "nl"
        if question.type in interactions:
            assert item.find(f"{Q21}itemBody//{Q21}{interactions[question.type]}") is not None, question.id
        general = [m for m in item.iter(f"{Q21}modalFeedback") if m.get("identifier") == "general"]
        assert question.source[0] in "".join(general[0].itertext())


def test_qti21_correct_responses_are_the_banks_answers(bank: Bank, qti21: dict[str, ET.Element]) -> None:
    from kwis._model import ChoiceQuestion, ClozeQuestion, MatchQuestion, MultipleQuestion, OrderQuestion

    def item(qid: str) -> ET.Element:
        return qti21[f"items/{qid}.xml"]

    choice = bank.question("diop-eis")
    assert isinstance(choice, ChoiceQuestion)
    texts = _texts(item("diop-eis"), "simpleChoice")
    assert [texts[v] for v in _correct(item("diop-eis"))] == [choice.choices[choice.correct_index].text]
    multiple = bank.question("bondgenoten")
    assert isinstance(multiple, MultipleQuestion)
    texts = _texts(item("bondgenoten"), "simpleChoice")
    assert [texts[v] for v in _correct(item("bondgenoten"))] == ["Rusland", "Turkije"]
    assert _correct(item("nederland")) == ["true"]
    assert _texts(item("nederland"), "simpleChoice") == {"true": "Waar", "false": "Onwaar"}
    assert _correct(item("omvang")) == ["17000"]
    bounds = [b.text for b in item("omvang").iter(f"{Q21}baseValue") if b.get("baseType") == "float"]
    assert bounds[:2] == ["16500", "17500"]
    keys = [e.get("mapKey") for e in item("president").iter(f"{Q21}mapEntry")]
    assert keys == ["Goïta", "Assimi Goïta"]
    order = bank.question("tijdlijn")
    assert isinstance(order, OrderQuestion)
    texts = _texts(item("tijdlijn"), "simpleChoice")
    assert [texts[v] for v in _correct(item("tijdlijn"))] == list(order.items)
    match = bank.question("wie-is-wie")
    assert isinstance(match, MatchQuestion)
    texts = _texts(item("wie-is-wie"), "simpleAssociableChoice")
    pairs = [tuple(texts[x] for x in v.split()) for v in _correct(item("wie-is-wie"))]
    assert pairs == [(p.left, p.right) for p in match.pairs]
    assert "minister van Defensie" in texts.values()
    cloze = bank.question("resoluties")
    assert isinstance(cloze, ClozeQuestion)
    typed, dropdown = cloze.gaps
    assert [e.get("mapKey") for e in item("resoluties").iter(f"{Q21}mapEntry")][:1] == list(typed.answers)
    options = _texts(item("resoluties"), "inlineChoice")
    assert list(options.values()) == list(dropdown.options)
    assert [options[v] for v in _correct(item("resoluties"), "GAP2")] == list(dropdown.answers)


def test_qti21_multiple_maps_right_and_wrong_marks_like_kwis(qti21: dict[str, ET.Element]) -> None:
    mapping = qti21["items/bondgenoten.xml"].find(f".//{Q21}mapping")
    assert mapping is not None and mapping.get("lowerBound") == "0" and mapping.get("upperBound") == "2"
    assert {e.get("mapKey"): e.get("mappedValue") for e in mapping} == {"c0": "1", "c1": "1", "c2": "-1"}


def test_qti21_feedback_is_modal_feedback_set_by_response_processing(qti21: dict[str, ET.Element]) -> None:
    item = qti21["items/diop-eis.xml"]
    modal = {m.get("identifier"): "".join(m.itertext()).strip() for m in item.iter(f"{Q21}modalFeedback")}
    assert modal["correct"] == "Klopt!" and modal["fb-c0"] == "Zo staat het er."
    set_ids = {b.text for b in item.iter(f"{Q21}baseValue") if b.get("baseType") == "identifier"}
    assert set(modal) <= set_ids
    assert item.find(f"{Q21}responseProcessing").get("template") is None  # type: ignore[union-attr]


def test_qti21_uses_a_template_when_nothing_else_is_shown(bank: Bank) -> None:
    from dataclasses import replace

    bare = replace(bank.question("tijdlijn"), explanation="", source=())
    data = export(replace(bank, questions=(bare,)), "qti21").data
    assert isinstance(data, bytes)
    item = ET.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("items/tijdlijn.xml"))
    processing = item.find(f"{Q21}responseProcessing")
    assert processing is not None and len(processing) == 0
    assert processing.get("template") == "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"


def test_qti21_reports_what_it_changes_and_renames_ids_starting_with_a_digit(bank: Bank) -> None:
    from dataclasses import replace

    problems = export(bank, "qti21").problems
    assert not [p for p in problems if p.code == "W201"]
    assert any(p.code == "W203" and "'tijdlijn'" in p.message and "alles of niets" in p.message
               for p in problems)
    assert any(p.code == "W203" and "'president'" in p.message and "Goita" in p.message for p in problems)
    early = replace(bank.question("nederland"), id="2014-nederland")
    exported = export(replace(bank, questions=(early,)), "qti21")
    assert isinstance(exported.data, bytes)
    archive = zipfile.ZipFile(io.BytesIO(exported.data))
    assert ET.fromstring(archive.read("items/q-2014-nederland.xml")).get("identifier") == "q-2014-nederland"
    assert any("q-2014-nederland" in p.message for p in exported.problems)


def test_qti21_escapes_markup_in_answers(bank: Bank) -> None:
    from dataclasses import replace

    from kwis._model import Choice, ChoiceQuestion
    evil = ChoiceQuestion(id="x", prompt="Wat? <script>alert(1)</script>",
                          choices=(Choice("<b onclick=x()>vet</b> & zo", correct=True), Choice("<i>b")))
    data = export(replace(bank, questions=(evil,)), "qti21").data
    assert isinstance(data, bytes)
    text = zipfile.ZipFile(io.BytesIO(data)).read("items/x.xml").decode()
    assert "<script>" not in text and "onclick" not in text and "&amp; zo" in text
    ET.fromstring(text)
