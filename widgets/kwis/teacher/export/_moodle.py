"""Moodle XML (docs.moodle.org/en/Moodle_XML_format): every kwis type has a Moodle type."""

from __future__ import annotations

from functools import singledispatch

import html
import xml.etree.ElementTree as ET

from kwis.teacher.export._losses import Losses, plain_number
from kwis._model import (
    AnyQuestion, Bank, Choice, ChoiceQuestion, ClozeQuestion, Feedback, Gap, MatchQuestion,
    MultipleQuestion, NumericQuestion, OrderQuestion, TextQuestion, TrueFalseQuestion,
)
from kwis._i18n import ui_language
from kwis._render import quote_html
from kwis.teacher.export._policy import markdown_inline, markdown_to_html

MOODLE_TYPE = {
    "choice": "multichoice", "multiple": "multichoice", "true-false": "truefalse",
    "numeric": "numerical", "text": "shortanswer", "cloze": "cloze", "order": "ordering",
    "match": "matching",
}
# How Moodle's cloze parser (qtype_multianswer) reads an answer: it ends at the first `~`, `#` or `}`
# not preceded by `\` or `&`, is HTML-entity-decoded, and only `\}` and `\#` lose their backslash.
# So `}` and `#` get a backslash; `~`, `\` (which would escape what follows) and a leading `=` or `%`
# (read as a mark) become numeric character references, which the decoding turns back; so does `&`,
# because an answer does not end at a `}` after `&amp;`. In the rest of the question text a `{`
# is `&#123;`, or Moodle would read `{1:SHORTANSWER:...}` written by the teacher as a gap.
CLOZE_ESCAPE = {"}": "\\}", "#": "\\#", "~": "&#126;", "\\": "&#92;", "&": "&#38;", "<": "&lt;", ">": "&gt;",
                "{": "&#123;"}
CLOZE_LEADING = {"=": "&#61;", "%": "&#37;"}


def write(bank: Bank, losses: Losses) -> str:
    quiz = ET.Element("quiz")
    # Moodle ignores comments; `kwis import moodle-xml` reads the bank's id (answers are stored by it) back.
    quiz.append(ET.Comment(f" kwis bank id={bank.id} language={bank.language} "))
    category = None
    for question in bank.questions:
        wanted = category_path(bank, question)
        if wanted != category:
            quiz.append(_category(wanted))
            category = wanted
        quiz.append(_question(bank, question, losses))
    ET.indent(quiz, "  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"


GROUP_CATEGORY = {"en": "Group: ", "nl": "Groep: "}


def category_path(bank: Bank, question: AnyQuestion) -> str:
    """Questions go into a category per bank, and a subcategory named after their group (`Groep: x`,
    so a quiz can draw one random question from it) or else after their first tag."""
    sub = [group_category(bank, question.group)] if question.group else list(question.tags[:1])
    parts = ["$course$", "top", bank.title] + sub
    return "/".join(p.replace("/", "//") for p in parts)


def group_category(bank: Bank, group: str) -> str:
    return GROUP_CATEGORY[ui_language(bank.language)] + group


def _category(path: str) -> ET.Element:
    element = ET.Element("question", type="category")
    _text(element, "category", path)
    return element


def _text(parent: ET.Element, tag: str, text: str, format: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag, format=format) if format else ET.SubElement(parent, tag)
    ET.SubElement(element, "text").text = text
    return element


def _html(parent: ET.Element, tag: str, markdown: str) -> ET.Element:
    return _text(parent, tag, markdown_to_html(markdown) if markdown else "", "html")


def _question(bank: Bank, question: AnyQuestion, losses: Losses) -> ET.Element:
    element = ET.Element("question", type=MOODLE_TYPE[question.type])
    _text(element, "name", question.id)
    if isinstance(question, ClozeQuestion):
        _text(element, "questiontext", cloze_html(question, _gap_weight(question, losses)), "html")
    else:
        _html(element, "questiontext", question.prompt)
    general = (markdown_to_html(question.explanation) if question.explanation else "") + \
        quote_html(list(question.source))
    _text(element, "generalfeedback", general, "html")
    if not isinstance(question, ClozeQuestion):  # Moodle sums a cloze's gap weights instead
        ET.SubElement(element, "defaultgrade").text = plain_number(question.points)
    ET.SubElement(element, "penalty").text = "0.3333333"
    ET.SubElement(element, "hidden").text = "0"
    ET.SubElement(element, "idnumber").text = question.id
    _body(question, element, bank, losses)
    if question.hint:
        _html(element, "hint", question.hint)
    if question.tags:
        tags = ET.SubElement(element, "tags")
        for tag in question.tags:
            _text(tags, "tag", tag)
    if question.difficulty != 1:
        losses.dropped(question, "difficulty")
    return element


def _combined_feedback(element: ET.Element, feedback: Feedback) -> None:
    """As Moodle's export writes it, `<shownumcorrect/>` included: without it Moodle's ordering
    importer writes hints with no format and the whole import stops."""
    _html(element, "correctfeedback", feedback.correct)
    _html(element, "partiallycorrectfeedback", feedback.partial)
    _html(element, "incorrectfeedback", feedback.incorrect)
    ET.SubElement(element, "shownumcorrect")


def _answer(parent: ET.Element, fraction: str, text: str, feedback: str = "",
            format: str = "html") -> ET.Element:
    answer = ET.SubElement(parent, "answer", fraction=fraction, format=format)
    ET.SubElement(answer, "text").text = text
    _html(answer, "feedback", feedback)
    return answer


def _fraction(value: float) -> str:
    return f"{value:.7f}".rstrip("0").rstrip(".")


def _choices(q: ChoiceQuestion | MultipleQuestion, element: ET.Element, bank: Bank, losses: Losses) -> None:
    single = isinstance(q, ChoiceQuestion)
    ET.SubElement(element, "single").text = "true" if single else "false"
    shuffle = bank.settings.shuffle_choices and q.shuffle
    ET.SubElement(element, "shuffleanswers").text = "1" if shuffle else "0"
    ET.SubElement(element, "answernumbering").text = "abc"
    ET.SubElement(element, "showstandardinstruction").text = "0"
    _combined_feedback(element, q.feedback)
    for choice in q.choices:
        _answer(element, _choice_fraction(q, choice), markdown_inline(choice.text), choice.feedback)


def _choice_fraction(q: ChoiceQuestion | MultipleQuestion, choice: Choice) -> str:
    if isinstance(q, ChoiceQuestion):
        return "100" if choice.correct else "0"
    right = sum(c.correct for c in q.choices)
    wrong = len(q.choices) - right
    return _fraction(100 / right) if choice.correct else _fraction(-100 / wrong)


def _true_false(q: TrueFalseQuestion, element: ET.Element, bank: Bank, losses: Losses) -> None:
    for value in (True, False):
        right = value == q.answer
        _answer(element, "100" if right else "0", "true" if value else "false",
                q.feedback.correct if right else q.feedback.incorrect, "moodle_auto_format")
    if q.feedback.partial:
        losses.dropped(q, "feedback")


def _short_answer(q: TextQuestion, element: ET.Element, bank: Bank, losses: Losses) -> None:
    ET.SubElement(element, "usecase").text = "1" if q.case_sensitive else "0"
    for text in q.answers:
        _answer(element, "100", text, q.feedback.correct, "moodle_auto_format")
    _wrong_answer_feedback(element, q)
    losses.dropped_if(q, pattern=q.pattern, typos=q.typos)


def _wrong_answer_feedback(element: ET.Element, q: AnyQuestion) -> None:
    """Moodle's `*` answer matches every other response: it carries the incorrect feedback."""
    if q.feedback.incorrect:
        _answer(element, "0", "*", q.feedback.incorrect, "moodle_auto_format")


def _numerical(q: NumericQuestion, element: ET.Element, bank: Bank, losses: Losses) -> None:
    middle, tolerance = (q.low + q.high) / 2, (q.high - q.low) / 2
    if middle != q.answer:
        losses.changed(q, "numeric-middle", low=plain_number(q.low), high=plain_number(q.high),
                       middle=plain_number(middle), tolerance=plain_number(tolerance),
                       answer=plain_number(q.answer))
    answer = _answer(element, "100", plain_number(middle), q.feedback.correct, "moodle_auto_format")
    ET.SubElement(answer, "tolerance").text = plain_number(tolerance)
    _wrong_answer_feedback(element, q)
    if q.unit:
        unit = ET.SubElement(ET.SubElement(element, "units"), "unit")
        ET.SubElement(unit, "multiplier").text = "1"
        ET.SubElement(unit, "unit_name").text = q.unit
    ET.SubElement(element, "unitgradingtype").text = "0"
    ET.SubElement(element, "unitpenalty").text = "0.1000000"
    ET.SubElement(element, "showunits").text = "3"
    ET.SubElement(element, "unitsleft").text = "0"


def _matching(q: MatchQuestion, element: ET.Element, bank: Bank, losses: Losses) -> None:
    ET.SubElement(element, "shuffleanswers").text = "true"
    _combined_feedback(element, q.feedback)
    for pair in q.pairs:
        sub = _text(element, "subquestion", markdown_to_html(pair.left), "html")
        _text(sub, "answer", pair.right)
    for extra in q.distractors:  # Moodle's extra wrong answers are subquestions without text
        sub = _text(element, "subquestion", "", "html")
        _text(sub, "answer", extra)


def _ordering(q: OrderQuestion, element: ET.Element, bank: Bank, losses: Losses) -> None:
    for tag, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", "0"),
                       ("gradingtype", "ABSOLUTE_POSITION"), ("showgrading", "SHOW"),
                       ("numberingstyle", "none")):
        ET.SubElement(element, tag).text = value
    _combined_feedback(element, q.feedback)
    for position, item in enumerate(q.items, start=1):
        _answer(element, f"{position}.0000000", markdown_inline(item))


def _cloze(q: ClozeQuestion, element: ET.Element, bank: Bank, losses: Losses) -> None:
    if q.feedback.correct or q.feedback.partial or q.feedback.incorrect:
        losses.dropped(q, "feedback")


def _gap_weight(q: ClozeQuestion, losses: Losses) -> int:
    """Moodle gives a cloze the sum of its gap weights as its mark, and a weight is a whole number:
    each gap weighs points / gaps when that is whole, else 1 (and the teacher is told)."""
    weight = q.points / len(q.gaps)
    if weight == int(weight) and weight >= 1:
        return int(weight)
    losses.changed(q, "cloze-marks", marks=len(q.gaps), points=plain_number(q.points))
    return 1


def cloze_html(q: ClozeQuestion, weight: int = 1) -> str:
    """The prompt, then the passage with Moodle's embedded answers: `{1:SHORTANSWER:=...}`."""
    passage = "".join(_no_gap(html.escape(s, quote=False)) if isinstance(s, str) else embedded_answer(s, q, weight)
                      for s in q.segments)
    return _no_gap(markdown_to_html(q.prompt)) + f"<p>{passage}</p>"


def _no_gap(html_text: str) -> str:
    return html_text.replace("{", "&#123;")


def embedded_answer(gap: Gap, q: ClozeQuestion, weight: int = 1) -> str:
    if gap.is_dropdown:
        options = "~".join(("=" if o in gap.answers else "") + cloze_escape(o) for o in gap.options)
        return f"{{{weight}:MULTICHOICE:" + options + "}"
    kind = "SHORTANSWER_C" if q.case_sensitive else "SHORTANSWER"
    return f"{{{weight}:{kind}:" + "~".join("=" + cloze_escape(a) for a in gap.answers) + "}"


def cloze_escape(text: str) -> str:
    escaped = "".join(CLOZE_ESCAPE.get(c, c) for c in text)
    return CLOZE_LEADING.get(escaped[:1], escaped[:1]) + escaped[1:]


@singledispatch
def _body(q: AnyQuestion, element: ET.Element, bank: Bank, losses: Losses) -> None:
    raise TypeError(f"no Moodle XML form for a {type(q).__name__}")


_body.register(ChoiceQuestion, _choices)
_body.register(MultipleQuestion, _choices)
_body.register(TrueFalseQuestion, _true_false)
_body.register(NumericQuestion, _numerical)
_body.register(TextQuestion, _short_answer)
_body.register(ClozeQuestion, _cloze)
_body.register(OrderQuestion, _ordering)
_body.register(MatchQuestion, _matching)
