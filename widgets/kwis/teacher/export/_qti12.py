"""A Canvas-importable IMS QTI 1.2 zip: imsmanifest.xml plus one assessment file with every item.

Canvas reads its own `question_type` metadata field; ordering questions have no Canvas type and
are left out with a warning.
"""

from __future__ import annotations

from functools import singledispatch

import io
import xml.etree.ElementTree as ET
import zipfile
from typing import Callable

from kwis.teacher.export._losses import Losses, has_feedback, no_control, plain_number
from kwis._model import (
    AnyQuestion, Bank, ChoiceQuestion, ClozeQuestion, Gap, MatchQuestion, MultipleQuestion,
    NumericQuestion, TextQuestion, TrueFalseQuestion,
)
from kwis._render import escape, quote_html
from kwis.teacher.export._policy import markdown_to_html

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
ZIP_DATE = (2024, 1, 1, 0, 0, 0)  # fixed, so the same bank gives the same bytes

CANVAS_TYPE = {
    "choice": "multiple_choice_question", "multiple": "multiple_answers_question",
    "true-false": "true_false_question", "numeric": "numerical_question",
    "text": "short_answer_question", "match": "matching_question",
}


def write(bank: Bank, losses: Losses) -> bytes:
    assessment = assessment_xml(bank, losses)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (("imsmanifest.xml", manifest_xml(bank)), (assessment_path(bank), assessment)):
            archive.writestr(zipfile.ZipInfo(name, ZIP_DATE), text.encode("utf-8"))
    return buffer.getvalue()


def assessment_path(bank: Bank) -> str:
    return f"{bank.id}/{bank.id}.xml"


def _xml(root: ET.Element) -> str:
    ET.indent(root, "  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + no_control(ET.tostring(root, encoding="unicode")) + "\n"


def manifest_xml(bank: Bank) -> str:
    manifest = ET.Element("manifest", identifier=f"{bank.id}-manifest", xmlns=CP_NS)
    metadata = ET.SubElement(manifest, "metadata")
    ET.SubElement(metadata, "schema").text = "IMS Content"
    ET.SubElement(metadata, "schemaversion").text = "1.1.3"
    ET.SubElement(manifest, "organizations")
    resources = ET.SubElement(manifest, "resources")
    resource = ET.SubElement(resources, "resource", identifier=bank.id, type="imsqti_xmlv1p2",
                             href=assessment_path(bank))
    ET.SubElement(resource, "file", href=assessment_path(bank))
    return _xml(manifest)


def assessment_xml(bank: Bank, losses: Losses) -> str:
    root = ET.Element("questestinterop", xmlns=QTI_NS)
    assessment = ET.SubElement(root, "assessment", ident=bank.id, title=bank.title)
    section = ET.SubElement(assessment, "section", ident="root_section")
    for question in bank.questions:
        if question.type not in CANVAS_TYPE and not isinstance(question, ClozeQuestion):
            losses.skipped(question)
            continue
        section.append(_item(question, losses))
    return _xml(root)


def _item(q: AnyQuestion, losses: Losses) -> ET.Element:
    item = ET.Element("item", ident=q.id, title=q.id)
    fields = ET.SubElement(ET.SubElement(item, "itemmetadata"), "qtimetadata")
    for label, entry in (("question_type", _canvas_type(q)), ("points_possible", plain_number(q.points))):
        field = ET.SubElement(fields, "qtimetadatafield")
        ET.SubElement(field, "fieldlabel").text = label
        ET.SubElement(field, "fieldentry").text = entry
    presentation = ET.SubElement(item, "presentation")
    _material(presentation, _prompt_html(q))
    processing = ET.SubElement(item, "resprocessing")
    outcomes = ET.SubElement(processing, "outcomes")
    ET.SubElement(outcomes, "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    _body(q, presentation, processing)
    _general_feedback(item, processing, q)
    losses.dropped_if(q, hint=q.hint, tags=q.tags, difficulty=q.difficulty != 1, group=q.group)
    if has_feedback(q):
        losses.dropped(q, "feedback")
    if isinstance(q, TextQuestion):
        losses.dropped_if(q, pattern=q.pattern, typos=q.typos, case=q.case_sensitive)
    if isinstance(q, (ChoiceQuestion, MultipleQuestion)) and not q.shuffle:
        losses.changed(q, "fixed-order")
    if isinstance(q, ClozeQuestion) and _canvas_type(q) == "fill_in_multiple_blanks_question" and \
            any(g.is_dropdown for g in q.gaps):
        losses.changed(q, "mixed-gaps")
    if isinstance(q, NumericQuestion) and not _symmetric(q):
        losses.changed(q, "canvas-range", low=plain_number(q.low), high=plain_number(q.high),
                       answer=plain_number(q.answer))
    return item


def _canvas_type(q: AnyQuestion) -> str:
    if isinstance(q, ClozeQuestion):
        dropdowns = all(g.is_dropdown for g in q.gaps)
        return "multiple_dropdowns_question" if dropdowns else "fill_in_multiple_blanks_question"
    return CANVAS_TYPE[q.type]


def _prompt_html(q: AnyQuestion) -> str:
    if not isinstance(q, ClozeQuestion):
        return markdown_to_html(q.prompt)
    passage = "".join(escape(s) if isinstance(s, str) else f"[gap{n}]"
                      for n, s in _numbered_segments(q))
    return markdown_to_html(q.prompt) + f"<p>{passage}</p>"


def _numbered_segments(q: ClozeQuestion) -> list[tuple[int, str | Gap]]:
    numbered: list[tuple[int, str | Gap]] = []
    count = 0
    for segment in q.segments:
        if isinstance(segment, Gap):
            count += 1
        numbered.append((count, segment))
    return numbered


def _material(parent: ET.Element, html_text: str) -> None:
    ET.SubElement(ET.SubElement(parent, "material"), "mattext", texttype="text/html").text = html_text


def _choice_list(parent: ET.Element, ident: str, cardinality: str,
                 options: list[tuple[str, str]]) -> None:
    lid = ET.SubElement(parent, "response_lid", ident=ident, rcardinality=cardinality)
    render = ET.SubElement(lid, "render_choice")
    for option_id, text in options:
        label = ET.SubElement(render, "response_label", ident=option_id)
        _material(label, text)


def _condition(processing: ET.Element, score: str, build: Callable[[ET.Element], None],
               feedback: str = "") -> None:
    condition = ET.SubElement(processing, "respcondition", {"continue": "No" if not feedback else "Yes"})
    build(ET.SubElement(condition, "conditionvar"))
    ET.SubElement(condition, "setvar", action="Set", varname="SCORE").text = score
    if feedback:
        ET.SubElement(condition, "displayfeedback", feedbacktype="Response", linkrefid=feedback)


def _equal(respident: str, value: str) -> Callable[[ET.Element], None]:
    def build(var: ET.Element) -> None:
        ET.SubElement(var, "varequal", respident=respident).text = value
    return build


def _choices(q: ChoiceQuestion | MultipleQuestion, presentation: ET.Element, processing: ET.Element) -> None:
    single = isinstance(q, ChoiceQuestion)
    _choice_list(presentation, "response1", "Single" if single else "Multiple",
                 [(f"c{i}", markdown_to_html(c.text)) for i, c in enumerate(q.choices)])
    if isinstance(q, ChoiceQuestion):
        _condition(processing, "100", _equal("response1", f"c{q.correct_index}"))
        return

    def all_and_only_correct(var: ET.Element) -> None:
        both = ET.SubElement(var, "and")
        for i, choice in enumerate(q.choices):
            parent = both if choice.correct else ET.SubElement(both, "not")
            ET.SubElement(parent, "varequal", respident="response1").text = f"c{i}"
    _condition(processing, "100", all_and_only_correct)


def _true_false(q: TrueFalseQuestion, presentation: ET.Element, processing: ET.Element) -> None:
    _choice_list(presentation, "response1", "Single", [("true", "True"), ("false", "False")])
    _condition(processing, "100", _equal("response1", "true" if q.answer else "false"))


def _short_answer(q: TextQuestion, presentation: ET.Element, processing: ET.Element) -> None:
    response = ET.SubElement(presentation, "response_str", ident="response1", rcardinality="Single")
    ET.SubElement(response, "render_fib")

    def any_answer(var: ET.Element) -> None:
        for answer in q.answers:
            ET.SubElement(var, "varequal", respident="response1").text = answer
    _condition(processing, "100", any_answer)


def _numeric(q: NumericQuestion, presentation: ET.Element, processing: ET.Element) -> None:
    response = ET.SubElement(presentation, "response_str", ident="response1", rcardinality="Single")
    ET.SubElement(response, "render_fib", fibtype="Decimal")

    def within(var: ET.Element) -> None:
        """Canvas reads `or(exact, and(low, high))` as exact ± (high − exact), and `and(low, high)`
        alone as a range: the range form is the one that carries an asymmetric range."""
        either = ET.SubElement(var, "or") if _symmetric(q) else var
        if _symmetric(q):
            ET.SubElement(either, "varequal", respident="response1").text = plain_number(q.answer)
        bounds = ET.SubElement(either, "and")
        ET.SubElement(bounds, "vargte", respident="response1").text = plain_number(q.low)
        ET.SubElement(bounds, "varlte", respident="response1").text = plain_number(q.high)
    _condition(processing, "100", within)


def _symmetric(q: NumericQuestion) -> bool:
    return q.answer - q.low == q.high - q.answer


def _match(q: MatchQuestion, presentation: ET.Element, processing: ET.Element) -> None:
    options = [(f"r{i}", escape(text)) for i, text in enumerate(q.right_options)]
    share = plain_number(round(100 / len(q.pairs), 4))
    for n, pair in enumerate(q.pairs):
        lid = ET.SubElement(presentation, "response_lid", ident=f"response_l{n}")
        _material(lid, markdown_to_html(pair.left))
        render = ET.SubElement(lid, "render_choice")
        for option_id, text in options:
            _material(ET.SubElement(render, "response_label", ident=option_id), text)
        condition = ET.SubElement(processing, "respcondition")
        ET.SubElement(ET.SubElement(condition, "conditionvar"), "varequal",
                      respident=f"response_l{n}").text = f"r{n}"
        ET.SubElement(condition, "setvar", action="Add", varname="SCORE").text = share


def _cloze(q: ClozeQuestion, presentation: ET.Element, processing: ET.Element) -> None:
    share = plain_number(round(100 / len(q.gaps), 4))
    typed = _canvas_type(q) == "fill_in_multiple_blanks_question"
    for n, gap in enumerate(q.gaps, start=1):
        # Canvas takes every listed value of a fill-in blank as a right answer: only the right ones
        values = gap.options if gap.is_dropdown and not typed else gap.answers
        lid = ET.SubElement(presentation, "response_lid", ident=f"response_gap{n}")
        _material(lid, f"gap{n}")
        render = ET.SubElement(lid, "render_choice")
        for i, value in enumerate(values):
            _material(ET.SubElement(render, "response_label", ident=f"g{n}_{i}"), escape(value))
        for i, value in enumerate(values):
            if value in gap.answers:
                condition = ET.SubElement(processing, "respcondition")
                ET.SubElement(ET.SubElement(condition, "conditionvar"), "varequal",
                              respident=f"response_gap{n}").text = f"g{n}_{i}"
                ET.SubElement(condition, "setvar", action="Add", varname="SCORE").text = share


def _general_feedback(item: ET.Element, processing: ET.Element, q: AnyQuestion) -> None:
    general = (markdown_to_html(q.explanation) if q.explanation else "") + quote_html(list(q.source))
    if not general:
        return
    condition = ET.SubElement(processing, "respcondition", {"continue": "Yes"})
    ET.SubElement(ET.SubElement(condition, "conditionvar"), "other")
    ET.SubElement(condition, "displayfeedback", feedbacktype="Response", linkrefid="general_fb")
    feedback = ET.SubElement(item, "itemfeedback", ident="general_fb")
    _material(ET.SubElement(feedback, "flow_mat"), general)


@singledispatch
def _body(q: AnyQuestion, presentation: ET.Element, processing: ET.Element) -> None:
    raise TypeError(f"no QTI 1.2 form for a {type(q).__name__}")


_body.register(ChoiceQuestion, _choices)
_body.register(MultipleQuestion, _choices)
_body.register(TrueFalseQuestion, _true_false)
_body.register(NumericQuestion, _numeric)
_body.register(TextQuestion, _short_answer)
_body.register(ClozeQuestion, _cloze)
_body.register(MatchQuestion, _match)
