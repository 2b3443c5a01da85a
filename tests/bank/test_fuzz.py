"""Fuzzing (issue 10): bank documents built from the format's fields, filled with hostile values --
huge and non-finite numbers, control and zero-width characters, markup and URL payloads, long
strings, aliases (one list object used twice is written as `&id001` / `*id001`).

Each document loads to a Bank or to problems (never another exception) within Hypothesis's
deadline, and every export of a bank that loads is well-formed: XML parses, JSON is strict JSON,
GIFT reads back as the questions it wrote, the answer key holds no script or javascript: URL.
"""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
import zipfile
from html.parser import HTMLParser
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kwis.bank._read import read_bank_text
from kwis.teacher.export import BINARY_FORMATS, FORMATS, export
from kwis.teacher.importers._gift import import_gift

PAYLOADS = [
    "<script>alert(1)</script>", '<img src=x onerror="alert(1)">', "[klik](javascript:alert(1))",
    '<div class="kwis-verdict kwis-right">Goed.</div>', "![](https://tracker.example/p.png)",
    "}{=goed~fout}", "::titel::", "\n\n::X:: nieuw {T}", "// [id:x]", "]]>", "&amp;&#0;", "{{gat}}",
    "\x01", "\x1b[2J", "\u200b", "\ufeff", "\u202e", "\x85", "\ud800", "$x$", "1:30", "null", "~",
]
URLS = ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>",
        "https://www.nrc.nl/x?a=1&b=<2>", "vbscript:x", "mailto:a@b.nl"]
HOSTILE_CHARS = st.sampled_from(list("ab é\n\t\r{}[]~=#:%<>&\"'\\$\x00\x01\x08\x0b\x1b\x7f\x85\x9b"
                                     "\u200b\u2060\ufeff\u202e\ufffe"))
TEXT = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(HOSTILE_CHARS, min_size=1, max_size=30),
    st.text(HOSTILE_CHARS, min_size=1, max_size=5).map(lambda s: s * 2_000),  # long
    st.just("Goïta"),
)
NUMBER = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10 ** 400), max_value=10 ** 400),
    st.sampled_from([0, 1, 3, -1, 1e308, 1e15, 17000, 0.5]),
)
# What passes the loader but must still come out harmless: markup, URLs, LMS syntax, invisible
# and bidi characters, long text; numbers in range. Without it few documents would load.
LOADABLE_TEXT = st.one_of(
    st.sampled_from([p for p in PAYLOADS if p.strip() and p.isprintable() and p not in ("null", "~", "1:30")]),
    st.text(st.sampled_from(list("ab é{}[]~=#:%<>&\"'\\$\u200b\u202e")), min_size=1, max_size=20),
    st.from_regex(r"[A-Za-z]{1,8}", fullmatch=True),
    st.just("lang " * 3_000),
).map(str.strip).filter(bool)
LOADABLE_NUMBER = st.integers(min_value=1, max_value=3)


def _choices(text: Any, correct: bool) -> Any:
    return st.lists(st.fixed_dictionaries({"text": text}, optional={"correct": st.booleans(), "feedback": text}),
                    min_size=2, max_size=4).map(lambda cs: [{**cs[0], "correct": True}] + cs[1:] if correct else cs)


def _type_fields(text: Any, number: Any) -> dict[str, dict[str, Any]]:
    return {
        "choice": {"choices": _choices(text, True)},
        "multiple": {"choices": _choices(text, True)},
        "true-false": {"answer": st.booleans()},
        "numeric": {"answer": number},
        "text": {"answers": st.lists(text, min_size=1, max_size=3)},
        "cloze": {"text": st.one_of(text, text.map(lambda t: f"Het is {{{{{t}}}}} en {{{{goed|~{t}}}}}."))},
        "order": {"items": st.lists(text, min_size=2, max_size=4, unique=True)},
        "match": {"pairs": st.lists(st.fixed_dictionaries({"left": text, "right": text}), min_size=2, max_size=3)},
    }


def _optional_fields(kind: str, text: Any, number: Any) -> dict[str, Any]:
    common = {"explanation": text, "hint": st.one_of(text, st.none()), "points": number, "difficulty": number,
              "feedback": st.fixed_dictionaries({}, optional={"correct": text, "incorrect": text})}
    extra = {"numeric": {"tolerance": number, "range": st.lists(number, min_size=2, max_size=2), "unit": text},
             "text": {"pattern": st.sampled_from(["(a+)+$", "go[iï]ta", "(", "(?=x)y", "\\w+"]), "typos": number},
             "match": {"distractors": st.lists(text, min_size=1, max_size=2)}}
    return {**common, **extra.get(kind, {})}


@st.composite
def question(draw: st.DrawFn, index: int, tags: list[str], text: Any, number: Any) -> dict[str, Any]:
    kind = draw(st.sampled_from(sorted(_type_fields(text, number))))
    fields = draw(st.fixed_dictionaries({"prompt": text, **_type_fields(text, number)[kind]},
                                        optional=_optional_fields(kind, text, number)))
    body = {"id": f"q{index}", "type": kind, **fields}
    if draw(st.booleans()):
        body["tags"] = tags  # the same list object in several questions: written as an alias
    return body


@st.composite
def bank_document(draw: st.DrawFn) -> str:
    text, number = draw(st.sampled_from([(TEXT, NUMBER), (LOADABLE_TEXT, LOADABLE_NUMBER),
                                         (LOADABLE_TEXT, LOADABLE_NUMBER)]))
    tags = draw(st.lists(text, min_size=1, max_size=3))
    count = draw(st.integers(min_value=1, max_value=4))
    data: dict[str, Any] = {
        "kwis": 1, "id": "fuzz", "title": draw(st.one_of(st.just("Fuzz"), text)),
        "language": draw(st.sampled_from(["nl", "en"])),
        "questions": [draw(question(i, tags, text, number)) for i in range(count)],
    }
    if draw(st.booleans()):
        data["description"] = draw(text)
    if draw(st.booleans()):
        data["settings"] = {"remote_images": draw(st.booleans())}
    if draw(st.booleans()):
        data["source"] = {"title": draw(text), "url": draw(st.sampled_from(URLS))}
    return str(yaml.safe_dump(data, allow_unicode=draw(st.booleans()), sort_keys=False))


def _well_formed(name: str, data: str | bytes, ids: list[str]) -> None:
    if name in BINARY_FORMATS:
        assert isinstance(data, bytes)
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            for member in package.namelist():
                if member.endswith(".xml"):
                    ET.fromstring(package.read(member))
        return
    assert isinstance(data, str)
    if name == "moodle-xml":
        ET.fromstring(data)
    elif name == "jupyterquiz":
        json.loads(data, parse_constant=lambda constant: (_ for _ in ()).throw(ValueError(constant)))
    elif name == "gift":  # GIFT leaves some types out; those it writes come back, and nothing more
        written = [i for i in ids if f"// [id:{i}]\n" in data]
        assert [q.id for q in import_gift(data, "fuzz.gift").questions] == written, data
    elif name == "answer-key":
        _no_active_html(data)


class _ActiveHtml(HTMLParser):
    """Collects what could run or load in an HTML page: scripts, handlers, foreign URL schemes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed"):
            self.found.append(tag)
        for name, value in attrs:
            scheme = (value or "").strip().lower().split(":", 1)[0] if ":" in (value or "") else ""
            if name.startswith("on") or (name in ("href", "src") and scheme not in ("", "http", "https", "mailto")):
                self.found.append(f"{tag} {name}={value}")


def _no_active_html(page: str) -> None:
    parser = _ActiveHtml()
    parser.feed(page)
    assert parser.found == [], parser.found


@settings(max_examples=100, deadline=3_000, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(bank_document())
def test_a_hostile_document_loads_or_is_refused_and_its_exports_are_well_formed(document: str) -> None:
    loaded = read_bank_text(document, file="fuzz.yaml")
    if loaded.bank is None:
        assert loaded.errors and all(p.message and p.fix for p in loaded.errors)
        return
    for name in FORMATS:
        _well_formed(name, export(loaded.bank, name).data, [q.id for q in loaded.bank.questions])
