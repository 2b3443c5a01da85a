"""A printable answer key: each question with its right answer, explanation and source quotes."""

from __future__ import annotations

from functools import singledispatch


from kwis.teacher.export._losses import Losses
from kwis._i18n import Messages, true_false_label, ui_language
from kwis._model import (
    AnyQuestion, Bank, ChoiceQuestion, ClozeQuestion, Gap, MatchQuestion, MultipleQuestion,
    NumericQuestion, OrderQuestion, TextQuestion, TrueFalseQuestion,
)
from kwis.grading._numbers import format_number, format_quantity
from kwis._render import escape, quote_html
from kwis.teacher.export._policy import link, markdown_inline, markdown_to_html

_MESSAGES = Messages({
    "en": {
        "key": "Answer key", "question": "Question {number}", "answer": "Answer",
        "explanation": "Explanation", "source": "Source",
        "accepted": "Accepted answers", "pattern": "or matching the pattern", "typos": "typing errors allowed: {typos}",
        "range": "from {low} to {high}", "points": "{points} points", "points_one": "1 point", "draft": "draft, not yet reviewed",
        "group": "group {name}: a draw asks one question of it",
        "case": "case-sensitive", "distractors": "Extra options (match nothing)", "by": "by",
        "questions": "{count} questions", "wrong": "wrong",
        "units": "also accepted as unit: {units}", "date": "read as a date (16 June, 16/6, June 16)",
        "articles": "a leading article or title counts",
    },
    "nl": {
        "key": "Antwoordsleutel", "question": "Vraag {number}", "answer": "Antwoord",
        "explanation": "Uitleg", "source": "Bron",
        "accepted": "Goedgekeurde antwoorden", "pattern": "of passend bij het patroon",
        "typos": "toegestane tikfouten: {typos}", "range": "van {low} tot {high}",
        "points": "{points} punten", "points_one": "1 punt", "draft": "concept, nog niet nagekeken",
        "group": "groep {name}: een trekking vraagt er één vraag uit",
        "case": "hoofdlettergevoelig", "distractors": "Extra opties (horen nergens bij)", "by": "door",
        "questions": "{count} vragen", "wrong": "fout",
        "units": "ook goed als eenheid: {units}", "date": "gelezen als datum (16 juni, 16-6, 16/6)",
        "articles": "een lidwoord of titel vooraan telt mee",
    },
})

STYLE = """
body { font-family: Georgia, serif; max-width: 46em; margin: 2em auto; line-height: 1.45; }
section { break-inside: avoid; border-top: 1px solid #999; padding-top: .5em; }
.kwis-answer { background: #eef6ee; padding: .3em .6em; }
.kwis-correct { font-weight: bold; }
blockquote.kwis-source { border-left: 3px solid #999; margin-left: 0; padding-left: 1em; color: #333; }
.kwis-meta { color: #555; font-size: 90%; }
@media print { body { margin: 0; } }
"""


def write(bank: Bank, losses: Losses) -> str:
    language = ui_language(bank.language)
    title = f"{escape(bank.title)} — {_MESSAGES(language, 'key')}"
    sections = "\n".join(_section(bank, q, n, language) for n, q in enumerate(bank.questions, start=1))
    return (f'<!DOCTYPE html>\n<html lang="{escape(bank.language)}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n"
            f"{_source_line(bank, language)}"
            f'<p class="kwis-meta">{_MESSAGES(language, "questions", count=len(bank.questions))}</p>\n'
            f"{sections}\n</body>\n</html>\n")


def _source_line(bank: Bank, language: str) -> str:
    source = bank.source
    if source is None or not source.title:
        return ""
    parts = [f"<cite>{escape(source.title)}</cite>"]
    parts += [escape(x) for x in (source.publisher, source.date) if x]
    if source.author:
        parts.append(f"{_MESSAGES(language, 'by')} {escape(source.author)}")
    if source.url:
        parts.append(link(source.url))
    return f'<p class="kwis-meta">{_MESSAGES(language, "source")}: {", ".join(parts)}</p>\n'


def _section(bank: Bank, q: AnyQuestion, number: int, language: str) -> str:
    points = _MESSAGES(language, "points_one") if q.points == 1 else _MESSAGES(language, "points", points=format_number(q.points, language))
    meta = [escape(q.id), points]
    if q.draft:
        meta.append(_MESSAGES(language, "draft"))
    if q.group:
        meta.append(escape(_MESSAGES(language, "group", name=q.group)))
    parts = [f'<section id="{escape(q.id)}">',
             f"<h2>{_MESSAGES(language, 'question', number=number)}</h2>",
             f'<p class="kwis-meta">{" · ".join(meta)}</p>',
             markdown_to_html(q.prompt),
             f'<div class="kwis-answer"><h3>{_MESSAGES(language, "answer")}</h3>{_answer_html(q, language)}</div>']
    if q.explanation:
        parts.append(f"<h3>{_MESSAGES(language, 'explanation')}</h3>{markdown_to_html(q.explanation)}")
    if q.source:
        parts.append(f"<h3>{_MESSAGES(language, 'source')}</h3>{quote_html(list(q.source))}")
    return "\n".join(parts + ["</section>"])


def _choice_list(q: ChoiceQuestion | MultipleQuestion, language: str) -> str:
    items = []
    for choice in q.choices:
        mark = "✔" if choice.correct else "✘"
        css = ' class="kwis-correct"' if choice.correct else ""
        feedback = f" — <em>{markdown_inline(choice.feedback)}</em>" if choice.feedback else ""
        items.append(f"<li{css}>{mark} {markdown_inline(choice.text)}{feedback}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def _true_false(q: TrueFalseQuestion, language: str) -> str:
    return f'<p class="kwis-correct">{true_false_label(q.answer, language)}</p>'


def _numeric(q: NumericQuestion, language: str) -> str:
    answer = f'<p class="kwis-correct">{escape(format_quantity(q.answer, q.unit, language))}</p>'
    units = f"<p>({escape(_MESSAGES(language, 'units', units=', '.join(q.units)))})</p>" if q.units else ""
    if q.low == q.high:
        return answer + units
    bounds = _MESSAGES(language, "range", low=format_number(q.low, language), high=format_number(q.high, language))
    return answer + f"<p>({escape(bounds)})</p>" + units


def _text(q: TextQuestion, language: str) -> str:
    notes = [_MESSAGES(language, "case")] if q.case_sensitive else []
    if q.typos:
        notes.append(_MESSAGES(language, "typos", typos=q.typos))
    notes += ([_MESSAGES(language, "date")] if q.expect == "date" else []) + ([_MESSAGES(language, "articles")] if q.strict_articles else [])
    answers = ", ".join(f'<span class="kwis-correct">{escape(a)}</span>' for a in q.answers)
    pattern = f" {_MESSAGES(language, 'pattern')} <code>{escape(q.pattern)}</code>" if q.pattern else ""
    suffix = f" ({', '.join(notes)})" if notes else ""
    return f"<p>{_MESSAGES(language, 'accepted')}: {answers}{pattern}{suffix}</p>"


def _cloze(q: ClozeQuestion, language: str) -> str:
    return "<p>" + "".join(escape(s) if isinstance(s, str) else _gap(s, language) for s in q.segments) + "</p>"


def _gap(gap: Gap, language: str) -> str:
    shown = " / ".join(escape(a) for a in gap.answers)
    wrong = [o for o in gap.options if o not in gap.answers]
    others = f" <small>({_MESSAGES(language, 'wrong')}: {', '.join(escape(o) for o in wrong)})</small>" if wrong else ""
    return f'[<span class="kwis-correct">{shown}</span>{others}]'


def _order(q: OrderQuestion, language: str) -> str:
    return "<ol>" + "".join(f"<li>{markdown_inline(item)}</li>" for item in q.items) + "</ol>"


def _match(q: MatchQuestion, language: str) -> str:
    rows = "".join(f"<tr><td>{markdown_inline(p.left)}</td><td>→</td>"
                   f'<td class="kwis-correct">{markdown_inline(p.right)}</td></tr>' for p in q.pairs)
    extras = (f"<p>{_MESSAGES(language, 'distractors')}: {', '.join(escape(d) for d in q.distractors)}</p>"
              if q.distractors else "")
    return f"<table>{rows}</table>{extras}"


@singledispatch
def _answer_html(q: AnyQuestion, language: str) -> str:
    raise TypeError(f"no answer key entry for a {type(q).__name__}")


_answer_html.register(ChoiceQuestion, _choice_list)
_answer_html.register(MultipleQuestion, _choice_list)
_answer_html.register(TrueFalseQuestion, _true_false)
_answer_html.register(NumericQuestion, _numeric)
_answer_html.register(TextQuestion, _text)
_answer_html.register(ClozeQuestion, _cloze)
_answer_html.register(OrderQuestion, _order)
_answer_html.register(MatchQuestion, _match)
