"""One payload list through every export format (issue 10, item 6): each payload goes into every
text field of every question type, and each format's output must stay what its reader expects:
well-formed XML, GIFT that Moodle reads as the same questions, JSON, and HTML without script,
event handlers, javascript: URLs, kwis's own classes or (unless the bank opts in) remote images.
Control characters never reach an output, and the export says which question had them."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

import kwis
from kwis.teacher.export import FORMATS, export
from kwis._model import (
    AnyQuestion, Bank, Choice, ChoiceQuestion, ClozeQuestion, Feedback, Gap, MatchQuestion,
    MultipleQuestion, NumericQuestion, OrderQuestion, Pair, Settings, Source, TextQuestion,
    TrueFalseQuestion,
)
from tests.teacher.moodle_rules import read_cloze, read_gift

DATA = Path(__file__).parent.parent / "data"

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">klik</a>',
    "[klik](javascript:alert(1))",
    "[klik]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "javascript:alert(1)",
    "<svg onload=alert(1)>",
    '<span class="kwis-verdict kwis-right">Goed!</span>',
    "![spoor](https://tracker.example/pixel.png)",
    "regel 1\nregel 2",
    "a\n\n::geinjecteerd::Nog een vraag{TRUE}",
    "\n// [id:vals]\n$CATEGORY: $course$/top/vals",
    "titel\r\nmet\u2028scheiding",
    "stuur\x01teken\x1b[2J\x7f",
    "null\x00byte",
    "]]><!--",
    "&amp; &lt;b&gt; &#x3C;script&#x3E;",
    "} # ~ = { : \\ \\n",
    "a -> b",
    "{1:SHORTANSWER:=x}",
    "%50%gewicht",
    "=begint met is",
    "'\"<>&",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 „aanhalingstekens” ‘enkel’",
)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")
BAD_TAGS = {"script", "style", "iframe", "object", "embed", "form", "input", "svg", "math", "link", "meta",
            "base", "frame", "frameset"}


def _questions(p: str) -> tuple[AnyQuestion, ...]:
    fb = Feedback(correct=p, partial=p, incorrect=p)
    common = dict(explanation=p, hint=p, source=(p,), tags=(p, "gewoon"), feedback=fb)
    return (
        ChoiceQuestion(id="keuze", prompt=p, choices=(Choice(p, True, p), Choice("ander " + p, False, p)), **common),
        MultipleQuestion(id="meer", prompt=p, choices=(Choice(p, True, p), Choice("b", True), Choice("c " + p)),
                         **common),
        TrueFalseQuestion(id="waar", prompt=p, answer=True, **common),
        NumericQuestion(id="getal", prompt=p, answer=3, low=2.5, high=4, unit=p, **common),
        TextQuestion(id="tekst", prompt=p, answers=(p, "gewoon"), **common),
        ClozeQuestion(id="gat", prompt=p, segments=(p + " ", Gap((p,)), " en ", Gap((p,), (p, "ander"))), **common),
        ClozeQuestion(id="een-gat", prompt=p, segments=(p + " ", Gap((p, "x")), "."), **common),
        OrderQuestion(id="volgorde", prompt=p, items=(p, "twee " + p, "drie"), **common),
        MatchQuestion(id="koppel", prompt=p, pairs=(Pair(p, p), Pair("links", "rechts " + p)),
                      distractors=("extra " + p,), **common),
    )


@pytest.fixture(scope="module")
def base() -> Bank:
    return kwis.load_bank(DATA / "teacher-all-types.yaml")


def _bank(base: Bank, p: str) -> Bank:
    return replace(base, title=p, questions=_questions(p), source=Source(title=p, url=p, author=p))


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.faults: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.faults += _faults(tag, dict(attrs))


def _faults(tag: str, attrs: dict[str, str | None]) -> list[str]:
    faults = [f"<{tag}>"] if tag.lower() in BAD_TAGS else []
    for name, value in attrs.items():
        value = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
        if name.lower().startswith("on"):
            faults.append(f"{tag}@{name}")
        if name in ("href", "src", "action", "formaction") and re.match(r"(javascript|vbscript|data):", value):
            faults.append(f"{tag}@{name}={value}")
        if tag == "img" and name == "src" and "tracker.example" in value:
            faults.append("remote image")
        if name == "class" and "kwis-verdict" in value:
            faults.append("kwis class from the bank")
    return faults


def _html_faults(fragment: str) -> list[str]:
    parser = _Html()
    parser.feed(fragment)
    parser.close()
    return parser.faults


def _xml_faults(root: ET.Element) -> list[str]:
    """Faults in XML: in the elements themselves (QTI 2.1's XHTML) and in the texts the format
    says are HTML (Moodle's `format="html"`, QTI 1.2's `texttype="text/html"`); typed answers are
    plain text there and are compared, not shown as HTML."""
    faults = []
    for element in root.iter():
        faults += _faults(element.tag.rsplit("}", 1)[-1], dict(element.attrib))
        if element.get("format") == "html":
            faults += _html_faults(element.findtext("text") or "")
        if element.get("texttype") == "text/html":
            faults += _html_faults(element.text or "")
    return faults


def _files(data: str | bytes) -> dict[str, str]:
    if isinstance(data, str):
        return {"": data}
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: archive.read(name).decode("utf-8") for name in archive.namelist()}


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
@pytest.mark.parametrize("format", FORMATS)
def test_every_format_keeps_every_payload_harmless(base: Bank, format: str, payload: str) -> None:
    bank = _bank(base, payload)
    exported = export(bank, format)
    files = _files(exported.data)
    for name, text in files.items():
        assert not CONTROL.search(text), (name, CONTROL.findall(text))
        if format in ("moodle-xml", "qti", "qti21"):
            assert _xml_faults(ET.fromstring(text)) == [], name
    if format == "jupyterquiz":
        for question in json.loads(files[""]):
            shown = [question["question"]] + [a.get("feedback", "") for a in question["answers"]]
            if question["type"] != "string":
                shown += [a["answer"] for a in question["answers"] if "answer" in a]
            assert _html_faults("".join(shown)) == []
    if format == "answer-key":
        assert _html_faults(files[""].split("</head>", 1)[1]) == []
        assert files[""].count("<script") == 0
    if format == "gift":
        _check_gift(bank, files[""], exported.problems)
    if format == "moodle-xml":
        _check_moodle_cloze(bank, files[""])
    if CONTROL.search(payload):
        changed = {p.path for p in exported.problems if "control" in p.message or "stuurtekens" in p.message}
        assert changed == {f"$.questions[{i}]" for i in range(len(bank.questions))}


def _check_gift(bank: Bank, text: str, problems: tuple[object, ...]) -> None:
    left_out = {bank.questions[int(p.path[12:-1])].id for p in problems  # type: ignore[attr-defined]
                if p.code == "W201"}  # type: ignore[attr-defined]
    read = read_gift(text)
    assert [r.name for r in read] == [q.id for q in bank.questions if q.id not in left_out]
    for question in read:
        assert not question.qtype.startswith("error"), question
        rendered = [question.questiontext] + (question.answers if question.qtype == "multichoice" else [])
        assert _html_faults("".join(rendered)) == [], question.name
    for block in text.split("\n\n"):
        if block.startswith("$CATEGORY:"):
            assert "\n" not in block.strip(), block  # Moodle takes the whole block as the category


def _check_moodle_cloze(bank: Bank, text: str) -> None:
    questions = {q.findtext("idnumber"): q for q in ET.fromstring(text).findall("question")}
    for q in bank.questions:
        if isinstance(q, ClozeQuestion):
            stored = read_cloze(questions[q.id].findtext("questiontext/text") or "")
            clean = [[CONTROL.sub("", a).replace("\r\n", "\n") for a in g.answers] for g in q.gaps]
            assert [[t for t, f in s.answers if f == 1] for s in stored] == clean, q.id


def test_remote_images_reach_the_exports_only_when_the_bank_opts_in(base: Bank) -> None:
    image = "![spoor](https://tracker.example/pixel.png)"
    bank = _bank(base, image)
    opted = replace(bank, settings=replace(bank.settings, remote_images=True))
    for format in ("moodle-xml", "qti21", "answer-key"):
        assert "tracker.example/pixel.png\"" not in "".join(_files(export(bank, format).data).values())
        assert 'src="https://tracker.example/pixel.png"' in "".join(_files(export(opted, format).data).values())
    assert isinstance(Settings().remote_images, bool)


def test_the_answer_key_links_a_source_url_only_when_its_scheme_is_allowed(base: Bank) -> None:
    page = export(replace(base, source=Source(title="Bron", url="javascript:alert(1)")), "answer-key").data
    assert isinstance(page, str) and 'href="javascript' not in page and "javascript:alert(1)" in page
    page = export(replace(base, source=Source(title="Bron", url="https://nos.nl/artikel")), "answer-key").data
    assert isinstance(page, str) and 'href="https://nos.nl/artikel"' in page
