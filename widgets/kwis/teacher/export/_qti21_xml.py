"""XML building blocks for the QTI 2.1 export: elements, HTML as QTI's XHTML subset, response
processing rules, the manifest and the test. No kwis question logic here."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser

from kwis.teacher.export._losses import no_control, plain_number
from kwis._model import Bank

QTI_NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
CP_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# The XHTML elements QTI 2.1 allows in item content, with the attributes kept. The sanitized
# Markdown may hold a few more (del, ins, mark, s, u): their text stays, the tag goes.
_QTI_HTML: dict[str, set[str]] = {
    tag: {"class"} for tag in (
        "abbr", "b", "blockquote", "br", "code", "dd", "div", "dl", "dt", "em", "h1", "h2", "h3",
        "h4", "h5", "h6", "hr", "i", "kbd", "li", "ol", "p", "pre", "q", "small", "span", "strong",
        "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "ul")
}
_QTI_HTML["a"] = {"href", "class"}
_QTI_HTML["img"] = {"src", "alt", "width", "height", "class"}
_VOID = {"br", "hr", "img"}


def element(tag: str, attributes: dict[str, str] | None = None, /, *, text: str | None = None,
            children: list[ET.Element] | None = None, **more: str) -> ET.Element:
    built = ET.Element(tag, {**(attributes or {}), **more})
    built.text = text
    built.extend(children or [])
    return built


def variable(identifier: str) -> ET.Element:
    return element("variable", identifier=identifier)


def base(base_type: str, value: str) -> ET.Element:
    return element("baseValue", baseType=base_type, text=value)


def to_xml(root: ET.Element) -> str:
    ET.indent(root, "  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + no_control(ET.tostring(root, encoding="unicode")) + "\n"


def item_root(identifier: str, title: str, language: str) -> ET.Element:
    return element("assessmentItem", {
        "xmlns": QTI_NS, "xmlns:xsi": XSI_NS, "xsi:schemaLocation": f"{QTI_NS} {QTI_XSD}",
        "identifier": identifier, "title": title, "adaptive": "false", "timeDependent": "false",
        XML_LANG: language})


class _HtmlToQti(HTMLParser):
    """Builds QTI's XHTML elements under `root` from an HTML fragment."""

    def __init__(self, root: ET.Element) -> None:
        super().__init__(convert_charrefs=True)
        self.stack = [root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kept = {k: v or "" for k, v in attrs if k in _QTI_HTML.get(tag, ())}
        if tag not in _QTI_HTML or (tag == "a" and not kept.get("href")) or (tag == "img" and not kept.get("src")):
            return  # text stays; QTI's a and img require the href and src the sanitizer took away
        child = ET.SubElement(self.stack[-1], tag, kept)
        if tag not in _VOID:
            self.stack.append(child)

    def handle_endtag(self, tag: str) -> None:
        if tag in _QTI_HTML and tag not in _VOID and len(self.stack) > 1 and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        parent = self.stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data


_BLOCKS = {"blockquote", "div", "dl", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ol", "p", "pre", "table", "ul"}


def append_html(parent: ET.Element, fragment: str, *, blocks: bool = False) -> None:
    """The (already sanitized) HTML fragment as child elements and text of `parent`. With `blocks`
    (an itemBody takes only block content), loose text and inline elements go into a `<div>`."""
    holder = ET.Element("holder")
    parser = _HtmlToQti(holder)
    parser.feed(fragment)
    parser.close()
    for img in holder.iter("img"):
        img.set("alt", img.get("alt", ""))  # QTI's img requires alt
    if not blocks:
        if holder.text:
            parent.text = (parent.text or "") + holder.text
        parent.extend(holder)
        return
    loose: ET.Element | None = None
    if holder.text and holder.text.strip():
        loose = ET.SubElement(parent, "div")
        loose.text = holder.text
    for child in list(holder):
        if child.tag in _BLOCKS:
            parent.append(child)
            loose = None
            if child.tail and child.tail.strip():
                loose = ET.SubElement(parent, "div")
                loose.text, child.tail = child.tail, None
            continue
        if loose is None:
            loose = ET.SubElement(parent, "div")
        loose.append(child)


@dataclass(frozen=True)
class Rules:
    """How SCORE is set: a standard template's name, or none, and the same rules spelled out."""

    template: str
    rules: list[ET.Element] = field(default_factory=list)

    def expanded(self) -> list[ET.Element]:
        return list(self.rules)

    @staticmethod
    def match_correct() -> "Rules":
        matches = element("match", children=[variable("RESPONSE"), element("correct", identifier="RESPONSE")])
        return Rules("match_correct", [_if_null_else("RESPONSE", [_if(matches, _set_score(base("float", "1")),
                                                                      _set_score(base("float", "0")))])])

    @staticmethod
    def map_response() -> "Rules":
        mapped = _set_score(element("mapResponse", identifier="RESPONSE"))
        return Rules("map_response", [_if_null_else("RESPONSE", [mapped])])

    @staticmethod
    def condition(right: ET.Element) -> "Rules":
        """SCORE 1 when `right` holds, else 0; no template does this."""
        return Rules("", [_if(right, _set_score(base("float", "1")), _set_score(base("float", "0")))])

    @staticmethod
    def sum_of_maps(identifiers: list[str]) -> "Rules":
        """SCORE = the sum of every answered response's mapped value (cloze gaps)."""
        rules = []
        for identifier in identifiers:
            added = element("sum", children=[variable("SCORE"), element("mapResponse", identifier=identifier)])
            answered = element("not", children=[element("isNull", children=[variable(identifier)])])
            rules.append(_if(answered, _set_score(added)))
        return Rules("", rules)


def _set_score(value: ET.Element) -> ET.Element:
    return element("setOutcomeValue", identifier="SCORE", children=[value])


def _if(condition: ET.Element, then: ET.Element, otherwise: ET.Element | None = None) -> ET.Element:
    branches = [element("responseIf", children=[condition, then])]
    if otherwise is not None:
        branches.append(element("responseElse", children=[otherwise]))
    return element("responseCondition", children=branches)


def _if_null_else(identifier: str, rules: list[ET.Element]) -> ET.Element:
    """The templates' shape: no response scores 0, otherwise `rules` apply."""
    null = element("isNull", children=[variable(identifier)])
    return element("responseCondition", children=[
        element("responseIf", children=[null, _set_score(base("float", "0"))]),
        element("responseElse", children=rules)])


def manifest_xml(bank_id: str, items: list[str], test_href: str) -> str:
    manifest = element("manifest", {
        "xmlns": CP_NS, "xmlns:xsi": XSI_NS, "xsi:schemaLocation": f"{CP_NS} {CP_XSD}",
        "identifier": f"{bank_id}-manifest"})
    metadata = ET.SubElement(manifest, "metadata")
    ET.SubElement(metadata, "schema").text = "QTIv2.1 Package"
    ET.SubElement(metadata, "schemaversion").text = "1.0.0"
    ET.SubElement(manifest, "organizations")
    resources = ET.SubElement(manifest, "resources")
    test = ET.SubElement(resources, "resource", identifier=f"test-{bank_id}", type="imsqti_test_xmlv2p1",
                         href=test_href)
    ET.SubElement(test, "file", href=test_href)
    for identifier in items:
        ET.SubElement(test, "dependency", identifierref=identifier)
    for identifier in items:
        href = f"items/{identifier}.xml"
        resource = ET.SubElement(resources, "resource", identifier=identifier,
                                 type="imsqti_item_xmlv2p1", href=href)
        ET.SubElement(resource, "file", href=href)
    return to_xml(manifest)


def _group_section(parent: ET.Element, group: str) -> ET.Element:
    section = ET.SubElement(parent, "assessmentSection", identifier=f"group-{group}", title=group,
                            visible="false")
    ET.SubElement(section, "selection", select="1")
    return section


def test_xml(bank: Bank, items: list[str], weights: list[float]) -> str:
    """The bank as one test: every item once, weighted so that its full SCORE counts its points,
    SCORE the weighted sum (rounded to 6 decimals: a weight of 1/3 is not exact). The
    questions of a group sit in a section of their own with `<selection select="1"/>`: a sitting
    takes one of them."""
    test = element("assessmentTest", {
        "xmlns": QTI_NS, "xmlns:xsi": XSI_NS, "xsi:schemaLocation": f"{QTI_NS} {QTI_XSD}",
        "identifier": f"test-{bank.id}", "title": bank.title})
    ET.SubElement(test, "outcomeDeclaration", identifier="SCORE", cardinality="single", baseType="float")
    part = ET.SubElement(test, "testPart", identifier="part", navigationMode="nonlinear",
                         submissionMode="individual")
    section = ET.SubElement(part, "assessmentSection", identifier="section", title=bank.title,
                            visible="true")
    if bank.settings.shuffle:
        ET.SubElement(section, "ordering", shuffle="true")
    groups: dict[str, ET.Element] = {}
    for identifier, question, weight in zip(items, bank.questions, weights):
        parent = section
        if question.group:
            parent = groups.get(question.group) or groups.setdefault(
                question.group, _group_section(section, question.group))
        ref = ET.SubElement(parent, "assessmentItemRef", identifier=identifier,
                            href=f"items/{identifier}.xml")
        ET.SubElement(ref, "weight", identifier="WEIGHT", value=plain_number(weight))
    processing = ET.SubElement(test, "outcomeProcessing")
    total = element("roundTo", roundingMode="decimalPlaces", figures="6", children=[
        element("sum", children=[element("testVariables", variableIdentifier="SCORE", weightIdentifier="WEIGHT")])])
    processing.append(element("setOutcomeValue", identifier="SCORE", children=[total]))
    return to_xml(test)
