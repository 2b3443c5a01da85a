"""The cloze gap syntax: `{{answer|alternative}}` typed, `{{right|~wrong|~wrong}}` a dropdown."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

from kwis._i18n import Messages
from kwis._model import Gap


# Templates without fields are not passed through `str.format`: their braces stay as written.
_MESSAGES = Messages({
    "en": {
        "no_gaps": "the passage has no gaps",
        "no_gaps_fix": "mark each gap with its answer in double braces: `the {{penholder}} for Mali`",
        "unclosed": "gap {number} is not closed: '{excerpt}' has no `}}}}` before {where}",
        "unclosed_fix": "write every gap as {{answer}}, with two braces on each side",
        "unopened": "a `}}}}` closes no gap: '{excerpt}'",
        "unopened_fix": "write every gap as {{answer}}, with two braces on each side",
        "single_brace": "gap {number} has a single brace in it: '{excerpt}'",
        "single_brace_fix": "write every gap as {{answer}}, with two braces on each side",
        "next_gap": "the next gap",
        "end_of_text": "the end of the text",
        "empty_answer": "gap {number} has an empty answer: {gap}",
        "empty_answer_fix": "write an answer between the braces and between every two `|`",
        "only_wrong_options": "gap {number} has only wrong options (~): {gap}",
        "only_wrong_options_fix": "write the right answer without ~, e.g. {{French|~Russians}}",
        "gap_names_answer": "gap {number} of this student copy names an answer: {gap}",
        "gap_names_answer_fix": "in a student copy a typed gap is empty, {{}}, and a dropdown lists its options "
                                "each with ~, {{~French|~Russians}}; make the copy again with `kwis export BANK "
                                "--to student`",
    },
    "nl": {
        "no_gaps": "de tekst heeft geen gaten",
        "no_gaps_fix": "zet bij elk gat het antwoord tussen dubbele accolades: `de {{penvoerder}} voor Mali`",
        "unclosed": "gat {number} wordt niet gesloten: na '{excerpt}' komt geen `}}}}` vóór {where}",
        "unclosed_fix": "schrijf elk gat als {{antwoord}}, met twee accolades aan elke kant",
        "unopened": "een `}}}}` sluit geen gat: '{excerpt}'",
        "unopened_fix": "schrijf elk gat als {{antwoord}}, met twee accolades aan elke kant",
        "single_brace": "gat {number} bevat een losse accolade: '{excerpt}'",
        "single_brace_fix": "schrijf elk gat als {{antwoord}}, met twee accolades aan elke kant",
        "next_gap": "het volgende gat",
        "end_of_text": "het eind van de tekst",
        "empty_answer": "gat {number} heeft een leeg antwoord: {gap}",
        "empty_answer_fix": "schrijf een antwoord tussen de accolades en tussen elke twee `|`",
        "only_wrong_options": "gat {number} heeft alleen foute opties (~): {gap}",
        "only_wrong_options_fix": "schrijf het goede antwoord zonder ~, bijvoorbeeld {{Fransen|~Russen}}",
        "gap_names_answer": "gat {number} van deze studentenkopie noemt een antwoord: {gap}",
        "gap_names_answer_fix": "in een studentenkopie is een getypt gat leeg, {{}}, en noemt een keuzelijst "
                                "zijn opties elk met ~, {{~Fransen|~Russen}}; maak de kopie opnieuw met "
                                "`kwis export BANK --to student`",
    },
})


@dataclass(frozen=True)
class ClozeError:
    message: str
    fix: str
    offset: int = 0  # where in the passage the problem starts


Segments = tuple[Union[str, Gap], ...]
_EXCERPT = 30


def parse_cloze(text: str, language: str, *, keyless: bool = False) -> tuple[Segments, ClozeError | None]:
    """The passage as text and gaps, or what is wrong with its gaps (in the bank's language).

    In a student copy (`keyless`) a gap has no answers: `{{}}` is typed, `{{~a|~b}}` a dropdown.

    A gap never swallows text: a `{{` without its `}}` before the next `{{`, a `}}` that closes
    nothing, and a single brace inside a gap are errors at their position.
    """
    segments: list[Union[str, Gap]] = []
    position = 0
    number = 0
    while True:
        start = text.find("{{", position)
        before = text[position:] if start < 0 else text[position:start]
        stray = before.find("}}")
        if stray >= 0:
            at = position + stray
            return (), _error(language, "unopened", at, excerpt=text[max(0, at - _EXCERPT):at + 2].lstrip())
        if start < 0:
            break
        number += 1
        end, next_open = text.find("}}", start + 2), text.find("{{", start + 2)
        if end < 0 or 0 <= next_open < end:
            where = _MESSAGES(language, "next_gap" if end >= 0 else "end_of_text")
            return (), _error(language, "unclosed", start, number=number, where=where,
                              excerpt=_excerpt(text[start:next_open if 0 <= next_open < end else len(text)]))
        body = text[start + 2:end]
        if "{" in body or "}" in body or text[end + 2:end + 3] == "}":
            return (), _error(language, "single_brace", start, number=number, excerpt=_excerpt(text[start:end + 3]))
        gap = _keyless_gap(body, number, language) if keyless else _parse_gap(body, number, language)
        if isinstance(gap, ClozeError):
            return (), ClozeError(gap.message, gap.fix, start)
        segments += [before, gap] if before else [gap]
        position = end + 2
    rest = text[position:]
    if not any(isinstance(s, Gap) for s in segments):
        return (), _error(language, "no_gaps", 0)
    return tuple(segments + ([rest] if rest else [])), None


def _excerpt(text: str) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= _EXCERPT else one_line[:_EXCERPT - 1] + "…"


def _error(language: str, key: str, offset: int, **values: object) -> ClozeError:
    return ClozeError(_MESSAGES(language, key, **values), _MESSAGES(language, key + "_fix"), offset)


def _parse_gap(body: str, number: int, language: str) -> Gap | ClozeError:
    parts = [p.strip() for p in body.split("|")]
    gap = "{{" + body + "}}"
    if any(not p or p == "~" for p in parts):
        return _error(language, "empty_answer", 0, number=number, gap=gap)
    answers = tuple(p for p in parts if not p.startswith("~"))
    if not answers:
        return _error(language, "only_wrong_options", 0, number=number, gap=gap)
    if len(answers) == len(parts):
        return Gap(answers)
    return Gap(answers, tuple(p.lstrip("~").strip() for p in parts))


def _keyless_gap(body: str, number: int, language: str) -> Gap | ClozeError:
    if not body.strip():
        return Gap(())
    parts = [p.strip() for p in body.split("|")]
    gap = "{{" + body + "}}"
    if any(not p.startswith("~") for p in parts):
        return _error(language, "gap_names_answer", 0, number=number, gap=gap)
    if any(not p.lstrip("~").strip() for p in parts):
        return _error(language, "empty_answer", 0, number=number, gap=gap)
    return Gap((), tuple(p.lstrip("~").strip() for p in parts))
