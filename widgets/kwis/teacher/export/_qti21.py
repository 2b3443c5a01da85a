"""IMS QTI 2.1 content package (Blackboard, Brightspace, TAO, Inspera): a zip with imsmanifest.xml
(IMS CP 1.1), one `assessmentItem` per question in `items/`, and an `assessmentTest` of the bank.

Scores count whole parts, so that full marks are exact: SCORE runs from 0 to MAXSCORE, the number
of parts (right choices of a multiple, pairs of a match, gaps of a cloze; 1 otherwise), each part
worth 1 (three thirds summed as floats are 0.9999999, and `SCORE >= 1` then fails). The item's
`weight` in the test is points / parts, so the test's SCORE adds up to the bank's points. An item without feedback uses the standard response-processing templates
(match_correct, map_response); an item with feedback spells the same rules out and adds rules
that set FEEDBACK, which its `modalFeedback` elements show.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from typing import Callable, Iterable

from kwis.teacher.export._losses import Losses, plain_number
from kwis.teacher.export._qti21_xml import (
    QTI_NS, Rules, append_html, base, element, item_root, manifest_xml, test_xml, to_xml, variable,
)
from kwis._i18n import true_false_label, ui_language
from kwis._model import (
    AnyQuestion, Bank, ChoiceQuestion, ClozeQuestion, Gap, MatchQuestion, MultipleQuestion,
    NumericQuestion, OrderQuestion, TextQuestion, TrueFalseQuestion,
)
from kwis._render import quote_html
from kwis.teacher.export._policy import markdown_inline, markdown_to_html

ZIP_DATE = (2024, 1, 1, 0, 0, 0)  # fixed, so the same bank gives the same bytes
TEMPLATES = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/"



def write(bank: Bank, losses: Losses) -> bytes:
    items = {qti_identifier(q.id): item_xml(bank, q, losses) for q in bank.questions}
    weights = [q.points / parts(q) for q in bank.questions]
    files = {"imsmanifest.xml": manifest_xml(bank.id, list(items), test_path(bank)),
             test_path(bank): test_xml(bank, list(items), weights)}
    files |= {item_path(identifier): text for identifier, text in items.items()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(zipfile.ZipInfo(name, ZIP_DATE), text.encode("utf-8"))
    return buffer.getvalue()


def parts(q: AnyQuestion) -> int:
    """What an item's SCORE counts: 1 per right choice, pair or gap."""
    if isinstance(q, MultipleQuestion):
        return sum(c.correct for c in q.choices)
    if isinstance(q, MatchQuestion):
        return len(q.pairs)
    if isinstance(q, ClozeQuestion):
        return len(q.gaps)
    return 1


def item_path(identifier: str) -> str:
    return f"items/{identifier}.xml"


def test_path(bank: Bank) -> str:
    return f"{qti_identifier(bank.id)}.xml"


def qti_identifier(slug: str) -> str:
    """QTI identifiers are XML names, which cannot start with a digit; kwis slugs can."""
    return slug if slug[0].isalpha() else f"q-{slug}"


def item_xml(bank: Bank, q: AnyQuestion, losses: Losses) -> str:
    if qti_identifier(q.id) != q.id:
        losses.changed(q, "qti-identifier", identifier=qti_identifier(q.id))
    losses.dropped_if(q, hint=q.hint, tags=q.tags, difficulty=q.difficulty != 1)
    item = item_root(qti_identifier(q.id), q.id, bank.language)
    body = ET.Element("itemBody")
    append_html(body, markdown_to_html(q.prompt), blocks=True)
    writer = _WRITERS[q.type](q, ui_language(bank.language), losses)
    declarations, rules = writer.build(body)
    item.extend(declarations)
    item.extend(_outcomes(q, writer))
    item.append(body)
    feedback = _modal_feedback(q, writer)
    processing = ET.SubElement(item, "responseProcessing")
    if rules.template and not feedback:
        processing.set("template", TEMPLATES + rules.template)
    else:
        processing.extend(rules.expanded() + _feedback_rules(q, writer))
    item.extend(feedback)
    return to_xml(item)


def _outcomes(q: AnyQuestion, writer: "_Writer") -> list[ET.Element]:
    most = str(parts(q))
    outcomes = [
        element("outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float",
                normalMinimum="0", normalMaximum=most, children=[_default("0")]),
        element("outcomeDeclaration", identifier="MAXSCORE", cardinality="single", baseType="float",
                children=[_default(most)]),
    ]
    if _feedback_ids(q, writer):
        outcomes.append(element("outcomeDeclaration", identifier="FEEDBACK", cardinality="multiple",
                                baseType="identifier"))
    return outcomes


def _default(value: str) -> ET.Element:
    return element("defaultValue", children=[element("value", text=value)])


def _general_html(q: AnyQuestion) -> str:
    return (markdown_to_html(q.explanation) if q.explanation else "") + quote_html(list(q.source))


def _feedback_ids(q: AnyQuestion, writer: "_Writer") -> dict[str, str]:
    """Feedback identifier -> Markdown or HTML to show, in the order kwis shows it."""
    shown = dict(writer.choice_feedback)
    levels = {"correct": q.feedback.correct, "partial": q.feedback.partial,
              "incorrect": q.feedback.incorrect}
    shown |= {level: markdown_to_html(text) for level, text in levels.items() if text}
    if _general_html(q):
        shown["general"] = _general_html(q)
    return shown


def _modal_feedback(q: AnyQuestion, writer: "_Writer") -> list[ET.Element]:
    feedback = []
    for identifier, html_text in _feedback_ids(q, writer).items():
        modal = element("modalFeedback", outcomeIdentifier="FEEDBACK", identifier=identifier,
                        showHide="show")
        append_html(modal, html_text)
        feedback.append(modal)
    return feedback


def _feedback_rules(q: AnyQuestion, writer: "_Writer") -> list[ET.Element]:
    shown = _feedback_ids(q, writer)
    rules = [_add_feedback_if(condition, identifier)
             for identifier, condition in writer.choice_conditions.items()]
    levels = {"correct": element("gte", children=[variable("SCORE"), variable("MAXSCORE")]),
              "partial": element("and", children=[
                  element("gt", children=[variable("SCORE"), base("float", "0")]),
                  element("lt", children=[variable("SCORE"), variable("MAXSCORE")])]),
              "incorrect": element("lte", children=[variable("SCORE"), base("float", "0")])}
    rules += [_add_feedback_if(condition, level) for level, condition in levels.items() if level in shown]
    if "general" in shown:
        rules.append(_add_feedback("general"))
    return rules


def _add_feedback(identifier: str) -> ET.Element:
    return element("setOutcomeValue", identifier="FEEDBACK", children=[
        element("multiple", children=[variable("FEEDBACK"), base("identifier", identifier)])])


def _add_feedback_if(condition: ET.Element, identifier: str) -> ET.Element:
    return element("responseCondition", children=[
        element("responseIf", children=[condition, _add_feedback(identifier)])])


class _Writer:
    """One question type: its response declarations, interaction(s) and scoring rules."""

    def __init__(self, q: AnyQuestion, language: str, losses: Losses) -> None:
        self.q, self.language, self.losses = q, language, losses
        self.choice_feedback: dict[str, str] = {}  # feedback identifier -> HTML
        self.choice_conditions: dict[str, ET.Element] = {}  # feedback identifier -> when to show

    def build(self, body: ET.Element) -> tuple[list[ET.Element], Rules]:
        raise NotImplementedError


def _declaration(identifier: str, cardinality: str, base_type: str, correct: Iterable[str],
                 mapping: ET.Element | None = None) -> ET.Element:
    values = [element("value", text=v) for v in correct]
    children = [element("correctResponse", children=values)]
    return element("responseDeclaration", identifier=identifier, cardinality=cardinality,
                   baseType=base_type, children=children + ([mapping] if mapping is not None else []))


def _mapping(entries: Iterable[tuple[str, float]], *, case_sensitive: bool | None = None,
             lower: float | None = None, upper: float | None = None) -> ET.Element:
    bounds = {k: plain_number(v) for k, v in (("lowerBound", lower), ("upperBound", upper)) if v is not None}
    mapping = element("mapping", {"defaultValue": "0", **bounds})
    case = {} if case_sensitive is None else {"caseSensitive": "true" if case_sensitive else "false"}
    for key, value in entries:
        ET.SubElement(mapping, "mapEntry", {"mapKey": key, "mappedValue": plain_number(round(value, 7)),
                                            **case})
    return mapping


class _Choices(_Writer):
    """choice and multiple: a choiceInteraction; multiple scores (right − wrong marks) / right."""

    def build(self, body: ET.Element) -> tuple[list[ET.Element], Rules]:
        q = self.q
        assert isinstance(q, (ChoiceQuestion, MultipleQuestion))
        single = isinstance(q, ChoiceQuestion)
        interaction = ET.SubElement(body, "choiceInteraction", responseIdentifier="RESPONSE",
                                    shuffle="true" if q.shuffle else "false",
                                    maxChoices="1" if single else "0")
        for i, choice in enumerate(q.choices):
            append_html(ET.SubElement(interaction, "simpleChoice", identifier=f"c{i}"),
                        markdown_inline(choice.text))
            if choice.feedback:
                self._on_choice(f"c{i}", markdown_to_html(choice.feedback), single)
        right = [f"c{i}" for i, c in enumerate(q.choices) if c.correct]
        if single:
            return [_declaration("RESPONSE", "single", "identifier", right)], Rules.match_correct()
        mapping = _mapping(((f"c{i}", 1 if c.correct else -1) for i, c in enumerate(q.choices)),
                           lower=0, upper=len(right))
        return [_declaration("RESPONSE", "multiple", "identifier", right, mapping)], Rules.map_response()

    def _on_choice(self, identifier: str, html_text: str, single: bool) -> None:
        feedback_id = f"fb-{identifier}"
        self.choice_feedback[feedback_id] = html_text
        chosen = base("identifier", identifier)
        self.choice_conditions[feedback_id] = (
            element("match", children=[variable("RESPONSE"), chosen]) if single
            else element("member", children=[chosen, variable("RESPONSE")]))


class _TrueFalse(_Writer):
    def build(self, body: ET.Element) -> tuple[list[ET.Element], Rules]:
        q = self.q
        assert isinstance(q, TrueFalseQuestion)
        interaction = ET.SubElement(body, "choiceInteraction", responseIdentifier="RESPONSE",
                                    shuffle="false", maxChoices="1")
        for value in (True, False):
            ET.SubElement(interaction, "simpleChoice", identifier=str(value).lower()).text = \
                true_false_label(value, self.language)
        answer = "true" if q.answer else "false"
        return [_declaration("RESPONSE", "single", "identifier", [answer])], Rules.match_correct()


class _Numeric(_Writer):
    """A float textEntryInteraction, right when low ≤ x ≤ high (<gte> and <lte>)."""

    def build(self, body: ET.Element) -> tuple[list[ET.Element], Rules]:
        q = self.q
        assert isinstance(q, NumericQuestion)
        paragraph = ET.SubElement(body, "p")
        entry = ET.SubElement(paragraph, "textEntryInteraction", responseIdentifier="RESPONSE",
                              expectedLength=str(max(8, len(plain_number(q.high)) + 2)))
        if q.unit:
            entry.tail = f" {q.unit}"
        inside = element("and", children=[
            element("gte", children=[variable("RESPONSE"), base("float", plain_number(q.low))]),
            element("lte", children=[variable("RESPONSE"), base("float", plain_number(q.high))])])
        declaration = _declaration("RESPONSE", "single", "float", [plain_number(q.answer)])
        return [declaration], Rules.condition(inside)


class _Text(_Writer):
    def build(self, body: ET.Element) -> tuple[list[ET.Element], Rules]:
        q = self.q
        assert isinstance(q, TextQuestion)
        ET.SubElement(ET.SubElement(body, "p"), "textEntryInteraction", responseIdentifier="RESPONSE",
                      expectedLength=str(max(12, *(len(a) + 2 for a in q.answers or ("",)))))
        self.losses.dropped_if(q, pattern=q.pattern, typos=q.typos)
        if q.answers:
            self.losses.changed(q, "exact-text")
        mapping = _mapping(((a, 1) for a in q.answers), case_sensitive=q.case_sensitive, upper=1)
        return [_declaration("RESPONSE", "single", "string", q.answers[:1], mapping)], Rules.map_response()


class _Cloze(_Writer):
    """The passage with an inline textEntryInteraction or inlineChoiceInteraction per gap."""

    def build(self, body: ET.Element) -> tuple[list[ET.Element], Rules]:
        q = self.q
        assert isinstance(q, ClozeQuestion)
        paragraph = ET.SubElement(body, "p")
        declarations: list[ET.Element] = []
        share = 1  # each gap is one part of SCORE
        for segment in q.segments:
            if isinstance(segment, str):
                _append_text(paragraph, segment)
                continue
            identifier = f"GAP{len(declarations) + 1}"
            paragraph.append(self._gap(identifier, segment))
            declarations.append(self._gap_declaration(identifier, segment, share))
        if any(not g.is_dropdown for g in q.gaps):
            self.losses.changed(q, "exact-text")
        return declarations, Rules.sum_of_maps([d.get("identifier", "") for d in declarations])

    def _gap(self, identifier: str, gap: Gap) -> ET.Element:
        if not gap.is_dropdown:
            longest = max(len(a) for a in gap.answers)
            return element("textEntryInteraction", responseIdentifier=identifier,
                           expectedLength=str(max(6, longest + 2)))
        choices = element("inlineChoiceInteraction", responseIdentifier=identifier, shuffle="false")
        for i, option in enumerate(gap.options):
            ET.SubElement(choices, "inlineChoice", identifier=f"{identifier}_{i}").text = option
        return choices

    def _gap_declaration(self, identifier: str, gap: Gap, share: float) -> ET.Element:
        q = self.q
        assert isinstance(q, ClozeQuestion)
        if not gap.is_dropdown:
            mapping = _mapping(((a, share) for a in gap.answers), case_sensitive=q.case_sensitive,
                               upper=share)
            return _declaration(identifier, "single", "string", gap.answers[:1], mapping)
        right = [f"{identifier}_{i}" for i, o in enumerate(gap.options) if o in gap.answers]
        mapping = _mapping(((r, share) for r in right), upper=share)
        return _declaration(identifier, "single", "identifier", right[:1], mapping)


class _Order(_Writer):
    def build(self, body: ET.Element) -> tuple[list[ET.Element], Rules]:
        q = self.q
        assert isinstance(q, OrderQuestion)
        interaction = ET.SubElement(body, "orderInteraction", responseIdentifier="RESPONSE", shuffle="true")
        for i, item in enumerate(q.items):
            append_html(ET.SubElement(interaction, "simpleChoice", identifier=f"i{i}"), markdown_inline(item))
        self.losses.changed(q, "order-all-or-nothing")
        order = [f"i{i}" for i in range(len(q.items))]
        return [_declaration("RESPONSE", "ordered", "identifier", order)], Rules.match_correct()


class _Match(_Writer):
    """A matchInteraction: left items L0.., right-hand options R0.. (distractors included)."""

    def build(self, body: ET.Element) -> tuple[list[ET.Element], Rules]:
        q = self.q
        assert isinstance(q, MatchQuestion)
        rights = list(dict.fromkeys(q.right_options))
        interaction = ET.SubElement(body, "matchInteraction", responseIdentifier="RESPONSE",
                                    shuffle="true", maxAssociations=str(len(q.pairs)))
        lefts = ET.SubElement(interaction, "simpleMatchSet")
        for n, pair in enumerate(q.pairs):
            append_html(ET.SubElement(lefts, "simpleAssociableChoice", identifier=f"L{n}", matchMax="1"),
                        markdown_inline(pair.left))
        options = ET.SubElement(interaction, "simpleMatchSet")
        for n, text in enumerate(rights):
            uses = max(1, sum(p.right == text for p in q.pairs))
            append_html(ET.SubElement(options, "simpleAssociableChoice", identifier=f"R{n}",
                                      matchMax=str(uses)), markdown_inline(text))
        right = [f"L{n} R{rights.index(p.right)}" for n, p in enumerate(q.pairs)]
        mapping = _mapping(((pair, 1) for pair in right), lower=0, upper=len(right))
        return [_declaration("RESPONSE", "multiple", "directedPair", right, mapping)], Rules.map_response()


def _append_text(parent: ET.Element, text: str) -> None:
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


_WRITERS: dict[str, Callable[[AnyQuestion, str, Losses], _Writer]] = {
    "choice": _Choices, "multiple": _Choices, "true-false": _TrueFalse, "numeric": _Numeric,
    "text": _Text, "cloze": _Cloze, "order": _Order, "match": _Match,
}

__all__ = ["QTI_NS", "item_path", "qti_identifier", "test_path", "write"]
