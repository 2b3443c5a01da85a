"""Reading GIFT (docs.moodle.org/en/GIFT_format), the way Moodle's own importer reads it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kwis.bank._ids import slug
from kwis.teacher.importers import Imported, fill_in_prompt, finite
from kwis.teacher.importers._html import html_to_markdown
from kwis._model import (
    AnyQuestion, Choice, ChoiceQuestion, ClozeQuestion, Feedback, Gap, MatchQuestion,
    MultipleQuestion, NumericQuestion, Pair, TextQuestion, TrueFalseQuestion,
)

# Escaped characters become private-use placeholders while the structure is parsed.
ESCAPES = {"\\\\": "\ue000", "\\:": "\ue001", "\\#": "\ue002", "\\=": "\ue003", "\\{": "\ue004",
           "\\}": "\ue005", "\\~": "\ue006", "\\n": "\n"}
RESTORE = {"\ue000": "\\", "\ue001": ":", "\ue002": "#", "\ue003": "=", "\ue004": "{", "\ue005": "}",
           "\ue006": "~"}
WEIGHT = re.compile(r"^%(-?\d+(?:\.\d*)?)%")
LANGUAGE_COMMENT = re.compile(r"kwis bank language ([A-Za-z-]+)")
# The first line of a kwis GIFT export: `// <title> (<bank id>), kwis bank language <tag>`.
HEADER = re.compile(r"^// (.+) \(([a-z0-9][a-z0-9-]*)\), kwis bank language [A-Za-z-]+\s*$", re.MULTILINE)


@dataclass
class _Block:
    line: int
    lines: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)


def import_gift(text: str, file: str, language: str = "") -> Imported:
    found = LANGUAGE_COMMENT.search(text)
    imported = Imported(file, "gift", language or (found.group(1) if found else "en"))
    header = HEADER.search(text)
    if header is not None:
        imported.title = re.sub(r"\\(.)", r"\1", header.group(1)).replace("\\n", " ")
        imported.bank_id = header.group(2)
    for block in _blocks(text):
        body = _escape("\n".join(block.lines).strip())
        if not body or body.startswith("$CATEGORY:"):
            continue
        try:
            question = _question(body, block, fill_in_prompt(imported.language))
        except ValueError as err:
            imported.warn("unreadable", block.line, name=_name(body), reason=str(err))
            continue
        if isinstance(question, str):
            imported.warn("unsupported", block.line, name=_name(body), type=question)
        else:
            imported.add(question)
    return imported


def _blocks(text: str) -> list[_Block]:
    """Questions are separated by blank lines; `// [id:..]` and `// [tag:..]` comments belong to the next."""
    blocks = [_Block(1)]
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            if blocks[-1].lines:
                blocks.append(_Block(number + 1))
            continue
        if stripped.startswith("//"):
            blocks[-1].ids += re.findall(r"\[id:([^\]]+)\]", stripped)
            blocks[-1].tags += re.findall(r"\[tag:([^\]]+)\]", stripped)
            continue
        if not blocks[-1].lines:
            blocks[-1].line = number
        blocks[-1].lines.append(line)
    return blocks


def _escape(text: str) -> str:
    return re.sub(r"\\[\\:#={}~n]", lambda m: ESCAPES[m.group(0)], text)


def _restore(text: str) -> str:
    return "".join(RESTORE.get(c, c) for c in text).strip()


def _name(body: str) -> str:
    match = re.match(r"::(.*?)::", body, re.DOTALL)
    return _restore(match.group(1)) if match else _restore(body[:40])


def _text(raw: str, default: str = "markdown") -> str:
    """GIFT text with an optional `[format]` prefix, as Markdown. Without a prefix a text has the
    question text's format, as in Moodle (`default`)."""
    raw = raw.strip()
    match = re.match(r"^\[(html|markdown|plain|moodle)\]", raw)
    text = _restore(raw[match.end():] if match else raw)
    return html_to_markdown(text)[0] if (match.group(1) if match else default) == "html" else text


def _format(before: str) -> str:
    match = re.match(r"^\s*\[(html|markdown|plain|moodle)\]", before)
    return match.group(1) if match else "moodle"


def _question(body: str, block: _Block, fill_in: str) -> AnyQuestion | str:
    name = ""
    if body.startswith("::") and "::" in body[2:]:
        end = body.index("::", 2)
        name, body = _restore(body[2:end]), body[end + 2:].strip()
    start, finish = body.find("{"), body.find("}")
    if start < 0 or finish < start:
        return "description" if start < 0 and finish < 0 else "?"
    answers = body[start + 1:finish].strip()
    before, after = body[:start], body[finish + 1:]
    answers, general = _split_general(answers)
    fmt = _format(before)
    common: dict[str, object] = dict(id=block.ids[0] if block.ids else slug(name or before), tags=tuple(block.tags),
                  explanation=_text(general, fmt))
    if after.strip():
        return _missing_word(before, after, answers, common | {"fill_in": fill_in})
    prompt = _text(before)
    if not answers:
        return "essay"
    if answers.startswith("#"):
        return _numeric(prompt, answers[1:], common)
    if "~" in answers:
        return _multichoice(prompt, answers, common, fmt)
    if "=" in answers and "->" in answers:
        return _match(prompt, answers, common, fmt)
    if answers.split("#", 1)[0].strip() in ("T", "TRUE", "F", "FALSE"):
        return _true_false(prompt, answers, common, fmt)
    return TextQuestion(prompt=prompt, answers=tuple(_answer_text(a) for a in _split(answers, "=")),
                        **common)  # type: ignore[arg-type]


def _split_general(answers: str) -> tuple[str, str]:
    if "####" not in answers:
        return answers, ""
    at = answers.rindex("####")
    return answers[:at].strip(), answers[at + 4:]


def _split(answers: str, marks: str) -> list[str]:
    """Answer parts, each starting with one of `marks`."""
    return [p.strip() for p in re.split(rf"(?=[{re.escape(marks)}])", answers) if p.strip()]


def _answer_text(part: str, fmt: str = "markdown") -> str:
    return _text(WEIGHT.sub("", part[1:].strip()).split("#", 1)[0], fmt)


def _feedback(part: str, fmt: str = "markdown") -> str:
    return _text(part.split("#", 1)[1], fmt) if "#" in part else ""


def _multichoice(prompt: str, answers: str, common: dict[str, object], fmt: str) -> AnyQuestion:
    parts = _split(answers, "=~")
    if any(p.startswith("=") for p in parts):
        choices = tuple(Choice(_answer_text(p, fmt), p.startswith("="), _feedback(p, fmt)) for p in parts)
        return ChoiceQuestion(prompt=prompt, choices=choices, **common)  # type: ignore[arg-type]
    choices = tuple(Choice(_answer_text(p, fmt), _weight(p) > 0, _feedback(p, fmt)) for p in parts)
    return MultipleQuestion(prompt=prompt, choices=choices, **common)  # type: ignore[arg-type]


def _weight(part: str) -> float:
    match = WEIGHT.match(part[1:].strip())
    return finite(match.group(1)) if match else 0.0


def _true_false(prompt: str, answers: str, common: dict[str, object], fmt: str) -> AnyQuestion:
    parts = answers.split("#")
    wrong, right = (parts + ["", ""])[1:3]
    return TrueFalseQuestion(prompt=prompt, answer=parts[0].strip() in ("T", "TRUE"),
                             feedback=Feedback(correct=_text(right, fmt), incorrect=_text(wrong, fmt)),
                             **common)  # type: ignore[arg-type]


def _numeric(prompt: str, answer: str, common: dict[str, object]) -> AnyQuestion:
    value = answer.split("=")[-1].split("#", 1)[0].split("~", 1)[0].strip()
    value = WEIGHT.sub("", value)
    if ".." in value:
        low, high = (finite(v) for v in value.split(".."))
        middle = (low + high) / 2
    elif ":" in value:
        middle, tolerance = (finite(v) for v in value.split(":", 1))
        low, high = middle - tolerance, middle + tolerance
    else:
        middle = low = high = finite(value)
    return NumericQuestion(prompt=prompt, answer=middle, low=low, high=high, from_range=".." in value,
                           **common)  # type: ignore[arg-type]


def _match(prompt: str, answers: str, common: dict[str, object], fmt: str) -> AnyQuestion:
    """Moodle splits a pair at its first `->`; kwis writes one in a left item as `-&gt;`."""
    pairs, extras = [], []
    for part in _split(answers, "="):
        left, _, right = part[1:].partition("->")
        if left.strip():
            pairs.append(Pair(_text(left, fmt).replace("-&gt;", "->"), _restore(right)))
        else:
            extras.append(_restore(right))
    return MatchQuestion(prompt=prompt, pairs=tuple(pairs), distractors=tuple(extras),
                         **common)  # type: ignore[arg-type]


def _missing_word(before: str, after: str, answers: str, common: dict[str, object]) -> AnyQuestion:
    """`text {=answer} text`: a one-gap cloze; the kwis export puts the prompt before a blank line."""
    text = _text(before)
    prompt, _, passage = text.rpartition("\n\n")
    parts = _split(answers, "=~")
    if any(p.startswith("~") for p in parts):
        gap = Gap(tuple(_answer_text(p) for p in parts if p.startswith("=")),
                  tuple(_answer_text(p) for p in parts))
    else:
        gap = Gap(tuple(_answer_text(p) for p in parts))
    lead = passage + before[len(before.rstrip()):]
    tail = "".join(RESTORE.get(c, c) for c in after.rstrip())
    segments = tuple(s for s in (lead, gap, tail) if s != "")
    fill_in = str(common.pop("fill_in"))
    return ClozeQuestion(prompt=prompt or fill_in, segments=segments,
                         **common)  # type: ignore[arg-type]
