"""Reading Moodle XML (docs.moodle.org/en/Moodle_XML_format) into kwis questions."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from typing import Callable

from kwis.bank._ids import slug
from kwis.teacher.importers import Imported, fill_in_prompt, finite
from kwis.teacher.importers._html import html_to_markdown
from kwis._model import (
    AnyQuestion, Choice, ChoiceQuestion, ClozeQuestion, Feedback, Gap, MatchQuestion,
    MultipleQuestion, NumericQuestion, OrderQuestion, Pair, TextQuestion, TrueFalseQuestion,
)

# Moodle's embedded answers as qtype_multianswer reads them: an answer ends at the first `~`, `#`
# or `}` not preceded by `\` or `&`; a feedback at the first `~` or `}` not preceded by `\`.
_FRACTION = r"=|%(-?[0-9]+)%"
_ANSWER = r".+?(?<!\\)(?<!&)(?<!&amp;)(?=[~#}]|$)"
_ALTERNATIVE = rf"({_FRACTION})?({_ANSWER})(#(.*?(?<!\\)(?=[~}}]|$)))?"
_KINDS = "NUMERICAL|NM|MULTICHOICE_V|MCV|MULTICHOICE_H|MCH|MULTICHOICE|MC|SHORTANSWER_C|SAC|MWC|SHORTANSWER|SA|MW"
EMBEDDED = re.compile(rf"\{{([0-9]*):({_KINDS}):({_ALTERNATIVE}(?:~{_ALTERNATIVE})*)\}}", re.S)
ALTERNATIVE = re.compile("~?" + _ALTERNATIVE, re.S)
DROPDOWN_KINDS = ("MULTICHOICE", "MC")
GAP_MARK = "\ue100{}\ue101"
SKIPPED_TYPES = frozenset({"category", "description"})
GROUP_CATEGORY = re.compile(r"(?:^|/)(?:Group|Groep): ([a-z0-9][a-z0-9-]*)$")  # as kwis exports groups


HEADER = re.compile(r"<!-- kwis bank id=([a-z0-9][a-z0-9-]*) language=([A-Za-z-]+) -->")
TOP_CATEGORY = re.compile(r"^\$course\$/top/((?:[^/]|//)+)")


def import_moodle(text: str, file: str, language: str = "") -> Imported:
    header = HEADER.search(text)
    imported = Imported(file, "moodle-xml", language or (header.group(2) if header else "en"))
    if header is not None:
        imported.bank_id = header.group(1)
    try:
        root = ET.fromstring(text)
    except ET.ParseError as err:
        imported.warn("unreadable", err.position[0], name=file, reason=str(err))
        return imported
    group = ""
    for element in root.iter("question"):
        kind = element.get("type", "")
        if kind == "category":
            group = _category_group(element)
            top = TOP_CATEGORY.match(_plain(element, "category"))
            if header is not None and top is not None and not imported.title:
                imported.title = top.group(1).replace("//", "/")
        if kind in SKIPPED_TYPES:
            continue
        name = _plain(element, "name")
        reader = _READERS.get(kind)
        if reader is None:
            imported.warn("unsupported", name=name, type=kind)
            continue
        try:
            imported.add(reader(element, _common(element) | {"group": group}, imported.language))
        except (ValueError, IndexError) as err:
            imported.warn("unreadable", name=name, reason=str(err) or type(err).__name__)
    return imported


def _category_group(element: ET.Element) -> str:
    """The kwis group a category stands for (`$course$/top/<bank>/Groep: <group>`), or ''."""
    found = GROUP_CATEGORY.search(_plain(element, "category"))
    return found.group(1) if found else ""


def _plain(element: ET.Element, path: str) -> str:
    found = element.find(f"{path}/text")
    return (found.text or "").strip() if found is not None else ""


def _markdown(element: ET.Element | None, path: str = "") -> tuple[str, list[str]]:
    if element is None:
        return "", []
    found = element.find(f"{path}/text" if path else "text")
    if found is None or not found.text:
        return "", []
    container = element.find(path) if path else element
    text_format = container.get("format", "html") if container is not None else "html"
    if text_format in ("html", "moodle_auto_format"):
        return html_to_markdown(found.text)
    return found.text.strip(), []


def _common(element: ET.Element) -> dict[str, object]:
    explanation, quotes = _markdown(element, "generalfeedback")
    name = _plain(element, "name")
    tags = tuple(t.text.strip() for t in element.findall("tags/tag/text") if t.text and t.text.strip())
    grade = element.findtext("defaultgrade")
    common: dict[str, object] = {
        "id": slug((element.findtext("idnumber") or "").strip() or name),
        "prompt": _markdown(element, "questiontext")[0], "explanation": explanation,
        "source": tuple(quotes), "tags": tags, "hint": _markdown(element, "hint")[0],
        "feedback": Feedback(*(_markdown(element, f)[0] for f in (
            "correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"))),
    }
    if grade and finite(grade) > 0:
        common["points"] = finite(grade)
    return common


def _answers(element: ET.Element) -> list[tuple[float, str, str]]:
    """(fraction, text, feedback) per answer, text as Markdown."""
    found = []
    for answer in element.findall("answer"):
        text = _markdown(answer)[0] if answer.get("format") == "html" else (answer.findtext("text") or "").strip()
        found.append((finite(answer.get("fraction", "0")), text, _markdown(answer, "feedback")[0]))
    return found


def _multichoice(element: ET.Element, common: dict[str, object], language: str) -> AnyQuestion:
    answers = _answers(element)
    shuffle = (element.findtext("shuffleanswers") or "1").strip().lower() not in ("0", "false")
    if (element.findtext("single") or "true").strip().lower() in ("true", "1"):
        best = max(f for f, _, _ in answers)
        choices = tuple(Choice(t, f == best, fb) for f, t, fb in answers)
        return ChoiceQuestion(choices=choices, shuffle=shuffle, **common)  # type: ignore[arg-type]
    choices = tuple(Choice(t, f > 0, fb) for f, t, fb in answers)
    return MultipleQuestion(choices=choices, shuffle=shuffle, **common)  # type: ignore[arg-type]


def _truefalse(element: ET.Element, common: dict[str, object], language: str) -> AnyQuestion:
    answers = _answers(element)
    right = next((a for a in answers if a[0] > 0), None)
    if right is None:
        raise ValueError("no answer has a positive fraction, so kwis cannot tell true from false")
    wrong = next((a for a in answers if a[0] <= 0), (0.0, "", ""))
    common["feedback"] = Feedback(correct=right[2], incorrect=wrong[2])
    return TrueFalseQuestion(answer=right[1].strip().lower() == "true", **common)  # type: ignore[arg-type]


def _with_wrong_answer_feedback(common: dict[str, object], answers: list[tuple[float, str, str]]) -> None:
    right = next((fb for f, t, fb in answers if f > 0 and fb), "")
    wrong = next((fb for f, t, fb in answers if t == "*" and f <= 0), "")
    common["feedback"] = Feedback(correct=right, incorrect=wrong)


def _shortanswer(element: ET.Element, common: dict[str, object], language: str) -> AnyQuestion:
    answers = _answers(element)
    _with_wrong_answer_feedback(common, answers)
    case_sensitive = (element.findtext("usecase") or "0").strip() == "1"
    accepted = tuple(t for f, t, _ in answers if f >= 100 and t != "*")
    return TextQuestion(answers=accepted, case_sensitive=case_sensitive, **common)  # type: ignore[arg-type]


def _numerical(element: ET.Element, common: dict[str, object], language: str) -> AnyQuestion:
    answers = _answers(element)
    _with_wrong_answer_feedback(common, answers)
    correct = next((a for a in element.findall("answer") if finite(a.get("fraction", "0")) >= 100), None)
    if correct is None:
        raise ValueError("no answer has fraction 100, so kwis does not know the right number")
    value = finite((correct.findtext("text") or "").strip())
    tolerance = abs(finite((correct.findtext("tolerance") or "0").strip() or 0))
    unit = (element.findtext("units/unit/unit_name") or "").strip()
    return NumericQuestion(answer=value, low=value - tolerance, high=value + tolerance, unit=unit,
                           **common)  # type: ignore[arg-type]


def _matching(element: ET.Element, common: dict[str, object], language: str) -> AnyQuestion:
    pairs, extras = [], []
    for sub in element.findall("subquestion"):
        left, right = _markdown(sub)[0], (sub.findtext("answer/text") or "").strip()
        if left:
            pairs.append(Pair(left, right))
        else:
            extras.append(right)
    return MatchQuestion(pairs=tuple(pairs), distractors=tuple(extras), **common)  # type: ignore[arg-type]


def _ordering(element: ET.Element, common: dict[str, object], language: str) -> AnyQuestion:
    items = [text for _, text, _ in sorted(_answers(element), key=lambda a: a[0])]
    return OrderQuestion(items=tuple(items), **common)  # type: ignore[arg-type]


def _cloze(element: ET.Element, common: dict[str, object], language: str) -> AnyQuestion:
    """The passage is the paragraph with the embedded answers; the text before it is the prompt.
    Gaps are read from the HTML as Moodle reads them, before the HTML becomes Markdown."""
    raw = element.findtext("questiontext/text") or ""
    gaps: list[Gap] = []
    weights = 0
    case_sensitive = False

    def mark(match: re.Match[str]) -> str:
        nonlocal weights, case_sensitive
        gaps.append(_gap(match.group(2), match.group(3)))
        weights += int(match.group(1) or 1)
        case_sensitive = case_sensitive or match.group(2) in ("SHORTANSWER_C", "SAC", "MWC")
        return GAP_MARK.format(len(gaps) - 1)

    text = html_to_markdown(EMBEDDED.sub(mark, raw))[0]
    paragraphs = text.split("\n\n")
    at = next((i for i, p in enumerate(paragraphs) if "\ue100" in p), None)
    if at is None:
        raise ValueError("the passage has no gaps ({1:SHORTANSWER:=...})")
    common.pop("prompt")
    prompt = "\n\n".join(paragraphs[:at]) or fill_in_prompt(language)
    segments: list[str | Gap] = []
    for n, part in enumerate(re.split("\ue100(\\d+)\ue101", "\n\n".join(paragraphs[at:]))):
        if n % 2:
            segments.append(gaps[int(part)])
        elif part:
            segments.append(part)
    common["points"] = finite(weights)  # Moodle's mark for a cloze is the sum of its gap weights
    return ClozeQuestion(prompt=prompt, segments=tuple(segments), case_sensitive=case_sensitive,
                         **common)  # type: ignore[arg-type]


def _gap(kind: str, body: str) -> Gap:
    options = []
    while body and (found := ALTERNATIVE.match(body)):
        text = html.unescape(found.group(3)).replace("\\}", "}").replace("\\#", "#").strip()
        options.append((text, found.group(1) == "=" or found.group(2) == "100"))
        body = body[found.end():]
    answers = tuple(t for t, correct in options if correct)
    if kind.startswith(DROPDOWN_KINDS) and len(options) > len(answers):
        return Gap(answers, tuple(t for t, _ in options))
    return Gap(answers)


_READERS: dict[str, Callable[[ET.Element, dict[str, object], str], AnyQuestion]] = {
    "multichoice": _multichoice, "truefalse": _truefalse, "shortanswer": _shortanswer,
    "numerical": _numerical, "matching": _matching, "ordering": _ordering, "cloze": _cloze,
}
