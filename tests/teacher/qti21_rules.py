"""A small evaluator of QTI 2.1 response processing, for the tests: the standard templates
(match_correct, map_response, as IMS publishes them under qti_v2p1/rptemplates/) and the rules
kwis spells out (responseCondition, setOutcomeValue and the expressions it uses), with the
value semantics of the QTI 2.1 information model: NULL for no response, `match` of containers as
bags (multiple) or sequences (ordered), `mapResponse` summing each distinct value once, then
clamped to the mapping's bounds."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from typing import Union

Q = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
TEMPLATES = "http://www.imsglobal.org/question/qti_v2p1/rptemplates/"
Value = Union[None, bool, float, str, list[str]]


@dataclass
class Declaration:
    cardinality: str
    base_type: str
    correct: list[str]
    mapping: ET.Element | None


def _local(element: ET.Element) -> str:
    return element.tag.removeprefix(Q)


class Evaluator:
    def __init__(self, item: ET.Element) -> None:
        self.item = item
        self.responses: dict[str, Declaration] = {}
        for d in item.iter(f"{Q}responseDeclaration"):
            correct = [v.text or "" for v in d.findall(f"{Q}correctResponse/{Q}value")]
            self.responses[d.get("identifier", "")] = Declaration(
                d.get("cardinality", ""), d.get("baseType", ""), correct, d.find(f"{Q}mapping"))
        self.defaults: dict[str, Value] = {}
        for o in item.iter(f"{Q}outcomeDeclaration"):
            value = o.findtext(f"{Q}defaultValue/{Q}value")
            cardinality = o.get("cardinality")
            self.defaults[o.get("identifier", "")] = (
                [] if cardinality == "multiple" else float(value) if value is not None else None)

    def run(self, given: dict[str, Value]) -> dict[str, Value]:
        """The outcomes after response processing of the responses `given` (missing ones NULL)."""
        self.values: dict[str, Value] = dict(self.defaults)
        self.values |= {name: given.get(name) for name in self.responses}
        processing = self.item.find(f"{Q}responseProcessing")
        assert processing is not None
        template = processing.get("template")
        if template:
            self._template(template.removeprefix(TEMPLATES))
        for rule in processing:
            self._rule(rule)
        return self.values

    def _template(self, name: str) -> None:
        response = self.values["RESPONSE"]
        if name == "match_correct":
            right = self._match(response, self._correct("RESPONSE"), self.responses["RESPONSE"])
            self.values["SCORE"] = 1.0 if right else 0.0
        elif name == "map_response":
            self.values["SCORE"] = 0.0 if _null(response) else self._map("RESPONSE")
        else:
            raise AssertionError(f"unknown template {name}")

    def _rule(self, rule: ET.Element) -> None:
        kind = _local(rule)
        if kind == "setOutcomeValue":
            self.values[rule.get("identifier", "")] = self._eval(rule[0])
        elif kind == "responseCondition":
            for branch in rule:
                if _local(branch) == "responseElse" or self._eval(branch[0]) is True:
                    for inner in (list(branch) if _local(branch) == "responseElse" else list(branch)[1:]):
                        self._rule(inner)
                    return
        else:
            raise AssertionError(f"unknown rule {kind}")

    def _correct(self, identifier: str) -> Value:
        declaration = self.responses[identifier]
        values = declaration.correct
        if declaration.cardinality == "single":
            return _typed(values[0], declaration.base_type) if values else None
        return list(values)

    def _map(self, identifier: str) -> float:
        declaration = self.responses[identifier]
        mapping = declaration.mapping
        assert mapping is not None
        value = self.values[identifier]
        given = [] if _null(value) else (value if isinstance(value, list) else [value])
        total = 0.0
        for item in dict.fromkeys(str(v) for v in given):
            for entry in mapping.findall(f"{Q}mapEntry"):
                key = entry.get("mapKey", "")
                same = key == item if entry.get("caseSensitive", "true") == "true" else key.lower() == item.lower()
                if same:
                    total += float(entry.get("mappedValue", "0"))
                    break
            else:
                total += float(mapping.get("defaultValue", "0"))
        if mapping.get("lowerBound") is not None:
            total = max(total, float(mapping.get("lowerBound", "0")))
        if mapping.get("upperBound") is not None:
            total = min(total, float(mapping.get("upperBound", "0")))
        return total

    def _match(self, a: Value, b: Value, declaration: Declaration) -> bool | None:
        if _null(a) or _null(b):
            return None
        if declaration.cardinality == "multiple":
            assert isinstance(a, list) and isinstance(b, list)
            return Counter(a) == Counter(b)
        return a == b

    def _eval(self, e: ET.Element) -> Value:  # noqa: C901 - one branch per QTI expression
        kind = _local(e)
        args = list(e)
        if kind == "baseValue":
            return _typed(e.text or "", e.get("baseType", ""))
        if kind == "variable":
            return self.values[e.get("identifier", "")]
        if kind == "correct":
            return self._correct(e.get("identifier", ""))
        if kind == "mapResponse":
            return self._map(e.get("identifier", ""))
        if kind == "isNull":
            return _null(self._eval(args[0]))
        values = [self._eval(a) for a in args]
        if kind == "not":
            return None if values[0] is None else not values[0]
        if kind in ("and", "or"):
            if any(v is None for v in values):
                return None
            return all(values) if kind == "and" else any(values)
        if kind == "match":
            identifier = args[0].get("identifier", "")
            declaration = self.responses.get(identifier) or Declaration("single", "", [], None)
            return self._match(values[0], values[1], declaration)
        if kind in ("gte", "lte", "gt", "lt"):
            if any(_null(v) for v in values):
                return None
            x, y = (float(v) for v in values)  # type: ignore[arg-type]
            return {"gte": x >= y, "lte": x <= y, "gt": x > y, "lt": x < y}[kind]
        if kind == "sum":
            if any(_null(v) for v in values):
                return None
            return sum(float(v) for v in values)  # type: ignore[arg-type]
        if kind == "member":
            container = values[1]
            return None if _null(values[0]) or _null(container) else values[0] in container  # type: ignore[operator]
        if kind == "multiple":
            flat: list[str] = []
            for v in values:
                if not _null(v):
                    flat += v if isinstance(v, list) else [str(v)]
            return flat
        raise AssertionError(f"unknown expression {kind}")


def _null(value: Value) -> bool:
    return value is None or value == "" or value == []


def _typed(text: str, base_type: str) -> Value:
    return float(text) if base_type in ("float", "integer") else text
