r"""GIFT (docs.moodle.org/en/GIFT_format): Moodle's plain-text format, Markdown question text.

GIFT has no ordering and no cloze with more than one gap; those questions are left out with a
warning. Ids and tags travel in Moodle's `// [id:...]` and `// [tag:...]` comment lines.

Escaping follows Moodle's parser (qformat_gift): it undoes `\\ \: \# \= \{ \} \~ \n` and
nothing else. It has no escape for `->`, which it reads as a matching pair: in a left-hand item
that is written `-&gt;` (the item is Markdown or HTML), and a typed answer with `->` cannot be
carried. A text that could hold HTML or a link (`<`, `&`, `](`) goes out as `[html]` rendered by
kwis's sanitizer, never as raw Markdown that Moodle would render unsanitized. Comment, name and
category lines are kept to one line.
"""

from __future__ import annotations

from functools import singledispatch

import re

from kwis.teacher.export._losses import Losses, has_feedback, one_line, plain_number
from kwis.teacher.export._moodle import category_path
from kwis._model import (
    AnyQuestion, Bank, ChoiceQuestion, ClozeQuestion, Gap, MatchQuestion, MultipleQuestion,
    NumericQuestion, TextQuestion, TrueFalseQuestion,
)
from kwis._render import escape as html_escape
from kwis.teacher.export._policy import markdown_inline, markdown_to_html

RESERVED = {"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:",
            "\n": "\\n", "\r": ""}


_NOT_PLAIN = re.compile(r"[<&]|\]\s*[(\[:]")


def escape(text: str) -> str:
    """Text with GIFT's control characters escaped; newlines become `\\n`."""
    return "".join(RESERVED.get(c, c) for c in text)


def _texts(q: AnyQuestion) -> list[str]:
    """The question's texts that Moodle renders in the question's format."""
    texts = [q.prompt, q.explanation, q.feedback.correct, q.feedback.incorrect]
    if isinstance(q, (ChoiceQuestion, MultipleQuestion)):
        texts += [t for c in q.choices for t in (c.text, c.feedback)]
    if isinstance(q, MatchQuestion):
        texts += [p.left for p in q.pairs]
    if isinstance(q, ClozeQuestion):
        texts += [s for s in q.segments if isinstance(s, str)]
    return texts


def _is_html(q: AnyQuestion) -> bool:
    return any(_NOT_PLAIN.search(t) for t in _texts(q))


def _rich(q: AnyQuestion, text: str, inline: bool = False) -> str:
    """A text Moodle renders: Markdown as written when it cannot hold HTML, else sanitized HTML."""
    if not _is_html(q):
        return escape(text)
    return escape(markdown_inline(text) if inline else markdown_to_html(text))


def write(bank: Bank, losses: Losses) -> str:
    blocks = [f"// {escape(bank.title)} ({bank.id}), kwis bank language {one_line(bank.language)}"]
    category = None
    for question in bank.questions:
        body = _body(question, losses)
        if body is None:
            losses.skipped(question)
        if not body:  # None: no such type in GIFT; "": left out with its reason
            continue
        wanted = category_path(bank, question)
        if wanted != category:
            blocks.append(f"$CATEGORY: {one_line(wanted)}")
            category = wanted
        _report_dropped(question, losses)
        blocks.append(_header(question) + body)
    return "\n\n".join(blocks) + "\n"


def _header(question: AnyQuestion) -> str:
    lines = [f"// [id:{one_line(question.id)}]"] + [f"// [tag:{one_line(tag)}]" for tag in question.tags]
    return "\n".join(lines) + f"\n::{escape(question.id)}::"


def _report_dropped(question: AnyQuestion, losses: Losses) -> None:
    losses.dropped_if(question, hint=question.hint, source=question.source,
                      difficulty=question.difficulty != 1, points=question.points != 1,
                      group=question.group)
    if has_feedback(question) and not isinstance(question, TrueFalseQuestion):
        losses.dropped(question, "feedback")
    if isinstance(question, (ChoiceQuestion, MultipleQuestion)) and not question.shuffle:
        losses.changed(question, "fixed-order")


def _prompt(question: AnyQuestion) -> str:
    return ("[html]" if _is_html(question) else "[markdown]") + _rich(question, question.prompt)


def _general(question: AnyQuestion) -> str:
    return f"\t####{_rich(question, question.explanation)}\n" if question.explanation else ""


def _answer(q: AnyQuestion, mark: str, text: str, feedback: str = "") -> str:
    """A choice: its text and feedback are rendered in the question's format."""
    return f"\t{mark}{_rich(q, text, inline=True)}" + (f"#{_rich(q, feedback)}" if feedback else "") + "\n"


def _typed(text: str) -> str:
    """A typed answer: compared with what the student types, so plain text."""
    return f"\t={escape(text)}\n"


def _choice(q: ChoiceQuestion, losses: Losses) -> str:
    answers = "".join(_answer(q, "=" if c.correct else "~", c.text, c.feedback) for c in q.choices)
    return _prompt(q) + "{\n" + answers + _general(q) + "}"


def _multiple(q: MultipleQuestion, losses: Losses) -> str:
    right = sum(c.correct for c in q.choices)
    wrong = len(q.choices) - right
    answers = "".join(
        _answer(q, f"~%{_weight(100 / right if c.correct else -100 / wrong)}%", c.text, c.feedback)
        for c in q.choices)
    return _prompt(q) + "{\n" + answers + _general(q) + "}"


def _weight(percent: float) -> str:
    return f"{percent:.5f}".rstrip("0").rstrip(".")


def _true_false(q: TrueFalseQuestion, losses: Losses) -> str:
    answer = "TRUE" if q.answer else "FALSE"
    feedback = ""
    if q.feedback.incorrect or q.feedback.correct:
        feedback = f"#{_rich(q, q.feedback.incorrect)}" + (f"#{_rich(q, q.feedback.correct)}"
                                                            if q.feedback.correct else "")
    general = f"####{_rich(q, q.explanation)}" if q.explanation else ""
    if q.feedback.partial:
        losses.dropped(q, "feedback")
    return _prompt(q) + "{" + answer + feedback + general + "}"


def _text(q: TextQuestion, losses: Losses) -> str | None:
    if any("->" in a for a in q.answers):
        losses.left_out(q, "gift-arrow")
        return ""
    losses.dropped_if(q, pattern=q.pattern, typos=q.typos, case=q.case_sensitive)
    answers = "".join(_typed(a) for a in q.answers)
    return _prompt(q) + "{\n" + answers + _general(q) + "}"


def _numeric(q: NumericQuestion, losses: Losses) -> str:
    losses.dropped_if(q, unit=q.unit)
    if q.low == q.high == q.answer:
        value = plain_number(q.answer)
    elif q.from_range or q.answer - q.low != q.high - q.answer:
        value = f"{plain_number(q.low)}..{plain_number(q.high)}"
    else:
        value = f"{plain_number(q.answer)}:{plain_number(q.tolerance)}"
    return _prompt(q) + "{#" + value + (f"\n{_general(q)}" if q.explanation else "") + "}"


def _match(q: MatchQuestion, losses: Losses) -> str:
    pairs = "".join(f"\t={_left(q, p.left)} -> {escape(p.right)}\n" for p in q.pairs)
    extras = "".join(f"\t= -> {escape(d)}\n" for d in q.distractors)
    return _prompt(q) + "{\n" + pairs + extras + _general(q) + "}"


def _left(q: MatchQuestion, text: str) -> str:
    """Moodle splits a pair at its first `->`: one in the left item is written as `-&gt;`."""
    return _rich(q, text, inline=True).replace("->", "-&gt;")


def _cloze(q: ClozeQuestion, losses: Losses) -> str | None:
    """One gap: GIFT's missing-word format. The prompt comes first, a blank line, the passage."""
    if len(q.gaps) != 1:
        return None
    if not q.gaps[0].is_dropdown and any("->" in a for a in q.gaps[0].answers):
        losses.left_out(q, "gift-arrow")
        return ""
    losses.dropped_if(q, case=q.case_sensitive)
    general = f" ####{_rich(q, q.explanation)}" if q.explanation else ""
    html = _is_html(q)
    passage = "".join((escape(html_escape(s)) if html else escape(s)) if isinstance(s, str) else _gap(s, general)
                      for s in q.segments)
    if not isinstance(q.segments[-1], str):
        passage += "."  # text after the braces is what marks GIFT's missing-word format
    return _prompt(q) + "\\n\\n" + passage


def _gap(gap: Gap, general: str) -> str:
    if gap.is_dropdown:
        options = " ".join(("=" if o in gap.answers else "~") + escape(o) for o in gap.options)
    else:
        options = " ".join("=" + escape(a) for a in gap.answers)
    return "{" + options + general + "}"


@singledispatch
def _body(q: AnyQuestion, losses: Losses) -> str | None:
    """The question in GIFT; None for a type GIFT has no form for (order)."""
    return None


_body.register(ChoiceQuestion, _choice)
_body.register(MultipleQuestion, _multiple)
_body.register(TrueFalseQuestion, _true_false)
_body.register(NumericQuestion, _numeric)
_body.register(TextQuestion, _text)
_body.register(ClozeQuestion, _cloze)
_body.register(MatchQuestion, _match)
