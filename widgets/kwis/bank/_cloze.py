"""The cloze gap syntax: `{{answer|alternative}}` typed, `{{right|~wrong|~wrong}}` a dropdown."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

from kwis._i18n import Messages
from kwis._model import Gap

_GAP = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)

# Templates without fields are not passed through `str.format`: their braces stay as written.
_MESSAGES = Messages({
    "en": {
        "no_gaps": "the passage has no gaps",
        "no_gaps_fix": "mark each gap with its answer in double braces: `de {{penvoerder}} voor Mali`",
        "unbalanced": "a gap is not closed or not opened near '{excerpt}'",
        "unbalanced_fix": "write every gap as {{answer}}, with two braces on each side",
        "empty_answer": "gap {number} has an empty answer: {gap}",
        "empty_answer_fix": "write an answer between the braces and between every two `|`",
        "only_wrong_options": "gap {number} has only wrong options (~): {gap}",
        "only_wrong_options_fix": "write the right answer without ~, e.g. {{Fransen|~Russen}}",
    },
    "nl": {
        "no_gaps": "de tekst heeft geen gaten",
        "no_gaps_fix": "zet bij elk gat het antwoord tussen dubbele accolades: `de {{penvoerder}} voor Mali`",
        "unbalanced": "een gat is niet gesloten of niet geopend bij '{excerpt}'",
        "unbalanced_fix": "schrijf elk gat als {{antwoord}}, met twee accolades aan elke kant",
        "empty_answer": "gat {number} heeft een leeg antwoord: {gap}",
        "empty_answer_fix": "schrijf een antwoord tussen de accolades en tussen elke twee `|`",
        "only_wrong_options": "gat {number} heeft alleen foute opties (~): {gap}",
        "only_wrong_options_fix": "schrijf het goede antwoord zonder ~, bijvoorbeeld {{Fransen|~Russen}}",
    },
})


@dataclass(frozen=True)
class ClozeError:
    message: str
    fix: str


Segments = tuple[Union[str, Gap], ...]


def parse_cloze(text: str, language: str) -> tuple[Segments, ClozeError | None]:
    """The passage as text and gaps, or what is wrong with its gaps (in the bank's language)."""
    segments: list[Union[str, Gap]] = []
    position = 0
    for number, match in enumerate(_GAP.finditer(text), start=1):
        before = text[position:match.start()]
        if "{{" in before or "}}" in before:
            return (), _unbalanced(before, language)
        gap = _parse_gap(match.group(1), number, language)
        if isinstance(gap, ClozeError):
            return (), gap
        segments += [before, gap] if before else [gap]
        position = match.end()
    rest = text[position:]
    if "{{" in rest or "}}" in rest:
        return (), _unbalanced(rest, language)
    if not any(isinstance(s, Gap) for s in segments):
        return (), _error(language, "no_gaps")
    return tuple(segments + ([rest] if rest else [])), None


def _error(language: str, key: str, **values: object) -> ClozeError:
    return ClozeError(_MESSAGES(language, key, **values), _MESSAGES(language, key + "_fix"))


def _unbalanced(near: str, language: str) -> ClozeError:
    return _error(language, "unbalanced", excerpt=near.strip()[-40:])


def _parse_gap(body: str, number: int, language: str) -> Gap | ClozeError:
    parts = [p.strip() for p in body.split("|")]
    gap = "{{" + body + "}}"
    if any(not p or p == "~" for p in parts):
        return _error(language, "empty_answer", number=number, gap=gap)
    answers = tuple(p for p in parts if not p.startswith("~"))
    if not answers:
        return _error(language, "only_wrong_options", number=number, gap=gap)
    if len(answers) == len(parts):
        return Gap(answers)
    return Gap(answers, tuple(p.lstrip("~").strip() for p in parts))
