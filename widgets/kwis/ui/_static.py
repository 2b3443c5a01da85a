"""The quiz as plain text and static HTML, for where widgets do not render (GitHub, nbviewer,
a terminal). Deterministic: questions in bank order, choices and options in alphabetical order
(banks often list the right choice first, so bank order would give it away). No ipywidgets.
"""

from __future__ import annotations

from typing import Iterable

from kwis._i18n import Messages, true_false_label
from kwis._model import (
    AnyQuestion, Bank, ChoiceQuestion, ClozeQuestion, Gap, MatchQuestion, MultipleQuestion,
    NumericQuestion, OrderQuestion, TextQuestion, TrueFalseQuestion,
)
from kwis._render import escape, markdown_inline, markdown_plain, markdown_to_html

_MESSAGES = Messages({
    "en": {
        "heading": "Quiz: {title} ({count} questions, {mode})",
        "heading_one": "Quiz: {title} (1 question, {mode})",
        "practice": "practice",
        "exam": "exam",
        "order_hint": "Put in the right order:",
        "options": "Options:",
        "needs_widgets": "Open this notebook in JupyterLab, Notebook 7, VS Code or Voilà with a "
                         "running kernel to take the quiz.",
    },
    "nl": {
        "heading": "Quiz: {title} ({count} vragen, {mode})",
        "heading_one": "Quiz: {title} (1 vraag, {mode})",
        "practice": "oefenen",
        "exam": "toets",
        "order_hint": "Zet in de goede volgorde:",
        "options": "Keuzes:",
        "needs_widgets": "Open dit notebook in JupyterLab, Notebook 7, VS Code of Voilà met een "
                         "draaiende kernel om de quiz te maken.",
    },
})

_BLANK = "______"


def _alphabetical(texts: Iterable[str]) -> list[str]:
    return sorted(dict.fromkeys(texts), key=str.casefold)


def _bank_order(bank: Bank, questions: tuple[AnyQuestion, ...]) -> list[AnyQuestion]:
    drawn = {q.id for q in questions}
    return [q for q in bank.questions if q.id in drawn]


def static_text(bank: Bank, questions: tuple[AnyQuestion, ...], mode: str, language: str) -> str:
    """A plain-text outline of the quiz."""
    heading = "heading_one" if len(questions) == 1 else "heading"
    lines = [_MESSAGES(language, heading, title=bank.title, count=len(questions),
                       mode=_MESSAGES(language, mode))]
    for number, question in enumerate(_bank_order(bank, questions), start=1):
        lines.append(f"{number}. {markdown_plain(question.prompt)}")
        lines += [f"   {line}" for line in _text_answer_lines(question, language)]
    return "\n".join(lines)


def _text_answer_lines(question: AnyQuestion, language: str) -> list[str]:
    if isinstance(question, ChoiceQuestion):
        return [f"( ) {markdown_plain(text)}" for text in _alphabetical(c.text for c in question.choices)]
    if isinstance(question, MultipleQuestion):
        return [f"[ ] {markdown_plain(text)}" for text in _alphabetical(c.text for c in question.choices)]
    if isinstance(question, TrueFalseQuestion):
        return [f"( ) {true_false_label(True, language)}   ( ) {true_false_label(False, language)}"]
    if isinstance(question, NumericQuestion):
        return [f"{_BLANK} {question.unit}".rstrip()]
    if isinstance(question, TextQuestion):
        return [_BLANK]
    if isinstance(question, ClozeQuestion):
        return ["".join(_gap_text(s) if isinstance(s, Gap) else s for s in question.segments)]
    if isinstance(question, OrderQuestion):
        return [_MESSAGES(language, "order_hint")] + [
            f"- {markdown_plain(item)}" for item in _alphabetical(question.items)]
    return _match_lines(question, language)


def _gap_text(gap: Gap) -> str:
    return f"[{' / '.join(_alphabetical(gap.options))}]" if gap.is_dropdown else _BLANK


def _match_lines(question: MatchQuestion, language: str) -> list[str]:
    options = _alphabetical(question.right_options)
    lines = [f"{markdown_plain(p.left)} -> {_BLANK}" for p in question.pairs]
    return lines + [f"{_MESSAGES(language, 'options')} {'; '.join(options)}"]


def static_html(bank: Bank, questions: tuple[AnyQuestion, ...], language: str, *, note: bool = True) -> str:
    """The questions as HTML without inputs, and (with `note`) how to take the quiz."""
    items = "".join(
        f'<li class="kwis-question kwis-q-{q.type}">'
        f"{markdown_to_html(q.prompt, remote_images=bank.settings.remote_images)}"
        f"{_html_answer(q, language)}</li>"
        for q in _bank_order(bank, questions))
    how = f"<p><em>{escape(_MESSAGES(language, 'needs_widgets'))}</em></p>" if note else ""
    return f'<div class="kwis-static"><h3>{escape(bank.title)}</h3><ol>{items}</ol>{how}</div>'


def _inline_keeping_spaces(text: str) -> str:
    """A passage between gaps as HTML, keeping the spaces that separate it from the gaps."""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    return lead + markdown_inline(text) + trail


def _html_answer(question: AnyQuestion, language: str) -> str:
    if isinstance(question, (ChoiceQuestion, MultipleQuestion)):
        box = "☐" if isinstance(question, MultipleQuestion) else "○"
        return "<ul>" + "".join(f"<li>{box} {markdown_inline(text)}</li>"
                                for text in _alphabetical(c.text for c in question.choices)) + "</ul>"
    if isinstance(question, ClozeQuestion):
        return "<p>" + "".join(escape(_gap_text(s)) if isinstance(s, Gap) else _inline_keeping_spaces(s)
                               for s in question.segments) + "</p>"
    return "<p>" + "<br>".join(escape(line) for line in _text_answer_lines(question, language)) + "</p>"
