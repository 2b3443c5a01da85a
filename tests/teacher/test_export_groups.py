"""Groups in the exports: a Moodle category per group, a QTI 2.1 section that selects one item,
and a W202 warning from every format that cannot carry them."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from kwis import load_bank
from kwis._model import Bank
from kwis.teacher.export import export
from kwis.teacher.importers._moodle import import_moodle

GROUPED = Path(__file__).parent.parent / "data" / "groups.nl.yaml"
Q21 = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(GROUPED)


def test_moodle_puts_each_group_in_its_own_category(bank: Bank) -> None:
    quiz = ET.fromstring(str(export(bank, "moodle-xml").data))
    category, placed = "", {}
    for element in quiz.iter("question"):
        if element.get("type") == "category":
            category = element.findtext("category/text") or ""
        else:
            placed[element.findtext("name/text")] = category
    assert placed["maanden-getal"] == placed["maanden-waar"] == "$course$/top/Groepen/Groep: drie-maanden"
    assert placed["diop-naam"] == placed["diop-eis"] == "$course$/top/Groepen/Groep: diop"
    assert placed["budget"] == "$course$/top/Groepen/cijfers"


def test_moodle_export_then_import_gives_back_the_groups(bank: Bank) -> None:
    imported = import_moodle(str(export(bank, "moodle-xml").data), "export.xml", "nl")
    assert [(q.id, q.group) for q in imported.questions] == [(q.id, q.group) for q in bank.questions]


def test_qti21_puts_each_group_in_a_section_that_selects_one_item(bank: Bank) -> None:
    data = export(bank, "qti21").data
    assert isinstance(data, bytes)
    test = ET.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("groepen.xml"))
    outer = next(test.iter(f"{Q21}assessmentSection"))
    groups = {s.get("identifier"): s for s in outer.findall(f"{Q21}assessmentSection")}
    assert set(groups) == {"group-drie-maanden", "group-diop"}
    for section in groups.values():
        assert [(s.tag, s.get("select")) for s in section.findall(f"{Q21}selection")] == [(f"{Q21}selection", "1")]
    refs = {name: [r.get("identifier") for r in s.findall(f"{Q21}assessmentItemRef")] for name, s in groups.items()}
    assert refs == {"group-drie-maanden": ["maanden-getal", "maanden-keuze", "maanden-waar"],
                    "group-diop": ["diop-naam", "diop-eis"]}
    loose = [r.get("identifier") for r in outer.findall(f"{Q21}assessmentItemRef")]
    assert loose == ["budget", "wagner"]


@pytest.mark.parametrize("format", ["gift", "qti", "jupyterquiz"])
def test_formats_without_groups_say_so_for_every_grouped_question(bank: Bank, format: str) -> None:
    problems = export(bank, format).problems
    lost = {p.path for p in problems if p.code == "W202" and "de groep" in p.message}
    grouped = {f"$.questions[{i}]" for i, q in enumerate(bank.questions) if q.group}
    skipped = {p.path for p in problems if p.code == "W201"}
    assert lost == grouped - skipped


def test_the_answer_key_names_the_group_of_a_question(bank: Bank) -> None:
    html = str(export(bank, "answer-key").data)
    assert html.count("groep drie-maanden: een trekking vraagt er één vraag uit") == 3
