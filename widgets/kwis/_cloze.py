"""The cloze gap syntax: `{{answer|alternative}}` typed, `{{right|~wrong|~wrong}}` a dropdown."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

from kwis._model import Gap

_GAP = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)


@dataclass(frozen=True)
class ClozeError:
    message: str
    fix: str


Segments = tuple[Union[str, Gap], ...]


def parse_cloze(text: str) -> tuple[Segments, ClozeError | None]:
    """The passage as text and gaps, or what is wrong with its gaps."""
    segments: list[Union[str, Gap]] = []
    position = 0
    for number, match in enumerate(_GAP.finditer(text), start=1):
        before = text[position:match.start()]
        if "{{" in before or "}}" in before:
            return (), _unbalanced(before)
        gap = _parse_gap(match.group(1), number)
        if isinstance(gap, ClozeError):
            return (), gap
        segments += [before, gap] if before else [gap]
        position = match.end()
    rest = text[position:]
    if "{{" in rest or "}}" in rest:
        return (), _unbalanced(rest)
    if not any(isinstance(s, Gap) for s in segments):
        return (), ClozeError("the passage has no gaps",
                              "mark each gap with its answer in double braces: `de {{penvoerder}} voor Mali`")
    return tuple(segments + ([rest] if rest else [])), None


def _unbalanced(near: str) -> ClozeError:
    excerpt = near.strip()[-40:]
    return ClozeError(f"a gap is not closed or not opened near '{excerpt}'",
                      "write every gap as {{answer}}, with two braces on each side")


def _parse_gap(body: str, number: int) -> Gap | ClozeError:
    parts = [p.strip() for p in body.split("|")]
    if any(not p or p == "~" for p in parts):
        return ClozeError(f"gap {number} has an empty answer: {{{{{body}}}}}",
                          "write an answer between the braces and between every two `|`")
    answers = tuple(p for p in parts if not p.startswith("~"))
    if not answers:
        return ClozeError(f"gap {number} has only wrong options (~): {{{{{body}}}}}",
                          "write the right answer without ~, e.g. {{Fransen|~Russen}}")
    if len(answers) == len(parts):
        return Gap(answers)
    return Gap(answers, tuple(p.lstrip("~").strip() for p in parts))
