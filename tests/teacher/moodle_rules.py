"""How Moodle 4.5 reads what kwis exports, written down from Moodle's own code, for the tests.

- `MOODLE_XML_ELEMENTS`: the elements Moodle's XML export (qformat_xml::writequestion and each
  qtype's export_to_xml) writes per question type; an import of a file that lacks one of them may
  fail or store nulls (ordering without `<shownumcorrect/>` stops the whole import).
- `read_cloze`: qtype_multianswer's embedded-answer parser (its regexes, then html_entity_decode,
  then only `\\}` and `\\#` lose their backslash).
- `read_gift`: qformat_gift::readquestion: comment lines, escapes, name, answer braces and the
  order in which it decides the question type.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

COMMON = ["name", "questiontext", "generalfeedback", "penalty", "hidden", "idnumber"]
COMBINED = ["correctfeedback", "partiallycorrectfeedback", "incorrectfeedback", "shownumcorrect"]
MOODLE_XML_ELEMENTS = {
    "multichoice": COMMON + ["defaultgrade", "single", "shuffleanswers", "answernumbering",
                             "showstandardinstruction", *COMBINED, "answer"],
    "truefalse": COMMON + ["defaultgrade", "answer"],
    "shortanswer": COMMON + ["defaultgrade", "usecase", "answer"],
    "numerical": COMMON + ["defaultgrade", "answer", "unitgradingtype", "unitpenalty", "showunits",
                           "unitsleft"],
    "matching": COMMON + ["defaultgrade", "shuffleanswers", *COMBINED, "subquestion"],
    "ordering": COMMON + ["defaultgrade", "layouttype", "selecttype", "selectcount", "gradingtype",
                          "showgrading", "numberingstyle", *COMBINED, "answer"],
    "cloze": COMMON,  # multianswer: no defaultgrade, the mark is the sum of the gap weights
}

_FRACTION = r"=|%(-?[0-9]+)%"
_ANSWER = r".+?(?<!\\)(?<!&)(?<!&amp;)(?=[~#}]|$)"
_ALTERNATIVE = rf"({_FRACTION})?({_ANSWER})(#(.*?(?<!\\)(?=[~}}]|$)))?"
_TYPES = r"NUMERICAL|NM|MULTICHOICE|MC|MULTICHOICE_V|MCV|MULTICHOICE_H|MCH|SHORTANSWER|SA|MW|SHORTANSWER_C|SAC|MWC"
_EMBEDDED = re.compile(rf"\{{([0-9]*):({_TYPES}):({_ALTERNATIVE}(~{_ALTERNATIVE})*)\}}", re.S)


@dataclass
class Subquestion:
    weight: int
    kind: str
    answers: list[tuple[str, float]]  # (stored answer text, fraction)


def read_cloze(questiontext: str) -> list[Subquestion]:
    """The subquestions Moodle stores for a cloze question text, in order."""
    found = []
    for match in _EMBEDDED.finditer(questiontext):
        answers, rest = [], match.group(3)
        while rest and (alt := re.match("~?" + _ALTERNATIVE, rest, re.S)):
            text = html.unescape(alt.group(3)).replace("\\}", "}").replace("\\#", "#")
            fraction = 1.0 if alt.group(1) == "=" else float(alt.group(2) or 0) / 100
            answers.append((text, fraction))
            rest = rest[alt.end():]
        found.append(Subquestion(int(match.group(1) or 1), match.group(2), answers))
    return found


_PLACEHOLDERS = {"\\:": "&&058;", "\\#": "&&035;", "\\=": "&&061;", "\\{": "&&123;", "\\}": "&&125;",
                 "\\~": "&&126;", "\\n": "&&010"}
_CHARACTERS = {"&&058;": ":", "&&035;": "#", "&&061;": "=", "&&123;": "{", "&&125;": "}", "&&126;": "~",
               "&&010": "\n"}


def _pre(text: str) -> str:
    text = text.replace("\\\\", "&&092;")
    for escaped, placeholder in _PLACEHOLDERS.items():
        text = text.replace(escaped, placeholder)
    return text.replace("&&092;", "\\")


def _post(text: str) -> str:
    for placeholder, character in _CHARACTERS.items():
        text = text.replace(placeholder, character)
    return text


@dataclass
class GiftQuestion:
    name: str
    qtype: str
    questiontext: str
    answers: list[str] = field(default_factory=list)  # as stored (escapes undone, format prefix off)
    pairs: list[tuple[str, str]] = field(default_factory=list)  # matching: (subquestion, answer)


def read_gift(text: str) -> list[GiftQuestion]:
    """Moodle's reading of a GIFT file: questions are separated by blank lines."""
    questions, lines = [], []
    for line in text.split("\n") + [""]:
        if line.strip():
            lines.append(line)
        elif lines:
            question = _read_question(lines)
            if question is not None:
                questions.append(question)
            lines = []
    return questions


def _strip_format(text: str) -> str:
    text = text.strip()
    found = re.match(r"^\[(html|markdown|plain|moodle)\]", text)
    return _post(text[found.end():] if found else text).strip()


def _read_question(lines: list[str]) -> GiftQuestion | None:
    lines = [" " if line.strip().startswith("//") else line for line in lines]
    text = _pre("\n".join(lines).strip())
    if not text or text.startswith("$CATEGORY:"):
        return None
    name = ""
    if text.startswith("::") and "::" in text[2:]:
        end = text.index("::", 2)
        name, text = _post(text[2:end]), text[end + 2:].strip()
    start, finish = text.find("{"), text.find("}")
    if start < 0 and finish < 0:
        return GiftQuestion(name, "description", _strip_format(text))
    if start < 0 or finish < 0:
        return GiftQuestion(name, "error: braces", text)
    answers = text[start + 1:finish].strip()
    questiontext = _strip_format(text[:start] + ("" if text.endswith("}") else "_____") + text[finish + 1:])
    if "####" in answers:
        answers = answers[:answers.rindex("####")].strip()
    if not answers:
        return GiftQuestion(name, "essay", questiontext)
    if answers.startswith("#"):
        return GiftQuestion(name, "numerical", questiontext, [answers[1:].strip()])
    if "~" in answers:
        parts = [p.strip() for p in answers.replace("=", "~=").split("~") if p.strip()]
        stored = [_strip_format(re.sub(r"^(=|%-?[0-9.]+%)", "", p).split("#", 1)[0]) for p in parts]
        return GiftQuestion(name, "multichoice", questiontext, stored)
    if "=" in answers and "->" in answers:
        pairs = []
        for part in [p.strip() for p in answers.split("=") if p.strip()]:
            if "->" not in part:
                return GiftQuestion(name, "error: matching format", questiontext)
            left, right = part.split("->", 1)
            pairs.append((_strip_format(left), _post(right).strip()))
        return GiftQuestion(name, "match", questiontext, pairs=pairs)
    check = answers.split("#", 1)[0].strip()
    if check in ("T", "TRUE", "F", "FALSE"):
        return GiftQuestion(name, "truefalse", questiontext, [check])
    stored = [_strip_format(re.sub(r"^%-?[0-9.]+%", "", p.strip()).split("#", 1)[0])
              for p in answers.split("=") if p.strip()]
    return GiftQuestion(name, "shortanswer", questiontext, stored)
