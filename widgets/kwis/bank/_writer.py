"""A bank written as readable YAML in the kwis format, with the schema comment on top."""

from __future__ import annotations

from functools import singledispatch

import math
from typing import Any

import yaml

from kwis.grading._numbers import yaml_number
from kwis.bank._schema import FORMAT_VERSION
from kwis._model import (
    AnyQuestion, Bank, Choice, ChoiceQuestion, ClozeQuestion, Feedback, Gap, MatchQuestion,
    MultipleQuestion, NumericQuestion, OrderQuestion, Settings, TextQuestion, TrueFalseQuestion,
)

SCHEMA_COMMENT = "# yaml-language-server: $schema=bank.schema.json\n"


class _Dumper(yaml.SafeDumper):
    """Multi-line text as `|` blocks, so prompts stay readable."""


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _represent_number(dumper: yaml.SafeDumper, value: float) -> yaml.Node:
    """Numbers as the loader reads them back, one way only: `1.1250`, never the ambiguous `1.125`."""
    if not math.isfinite(value):
        return dumper.represent_float(value)
    return dumper.represent_scalar("tag:yaml.org,2002:float", yaml_number(value))


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(float, _represent_number)


def bank_to_yaml(bank: Bank) -> str:
    data: dict[str, Any] = {"kwis": FORMAT_VERSION, "id": bank.id, "title": bank.title, "language": bank.language}
    if bank.student_copy is not None:  # first thing a reader sees: this copy has no answers
        data["student_copy"] = {k: v for k, v in vars(bank.student_copy).items() if v}
    if bank.description:
        data["description"] = bank.description
    if bank.source is not None:
        data["source"] = {k: v for k, v in vars(bank.source).items() if v and k != "text"}
    if bank.settings != Settings():
        data["settings"] = _settings(bank.settings)
    data["questions"] = [question_to_data(q) for q in bank.questions]
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                     default_flow_style=False)
    return SCHEMA_COMMENT + body


def _settings(settings: Settings) -> dict[str, Any]:
    data: dict[str, Any] = {"shuffle": settings.shuffle, "shuffle_choices": settings.shuffle_choices,
                            "pass_mark": settings.pass_mark}
    if settings.remote_images:
        data["remote_images"] = True
    if settings.retention != Settings().retention:
        data["retention"] = settings.retention
    if settings.lint_ignore:
        data["lint_ignore"] = dict(settings.lint_ignore)
    return data


def question_to_data(q: AnyQuestion) -> dict[str, Any]:
    data: dict[str, Any] = {"id": q.id, "type": q.type, "prompt": q.prompt}
    data.update(_keyless_fields(q) if q.keyless else _fields(q))
    for key, value in (("explanation", q.explanation), ("hint", q.hint), ("tags", list(q.tags)),
                       ("group", q.group)):
        if value:
            data[key] = value
    if q.source:
        data["source"] = q.source[0] if len(q.source) == 1 else list(q.source)
    if q.difficulty != 1:
        data["difficulty"] = q.difficulty
    if q.points != 1:
        data["points"] = whole_as_int(q.points)
    if q.feedback != Feedback():
        data["feedback"] = {k: v for k, v in vars(q.feedback).items() if v}
    if q.draft:
        data["draft"] = True
    if q.lint_ignore:
        data["lint_ignore"] = dict(q.lint_ignore)
    return data


def _choice(choice: Choice) -> dict[str, Any] | str:
    if not choice.correct and not choice.feedback:
        return choice.text
    data: dict[str, Any] = {"text": choice.text}
    if choice.correct:
        data["correct"] = True
    if choice.feedback:
        data["feedback"] = choice.feedback
    return data


def _choices(q: ChoiceQuestion | MultipleQuestion) -> dict[str, Any]:
    data: dict[str, Any] = {"choices": [_choice(c) for c in q.choices]}
    if not q.shuffle:
        data["shuffle"] = False
    return data


def _true_false(q: TrueFalseQuestion) -> dict[str, Any]:
    return {"answer": q.answer}


def _numeric(q: NumericQuestion) -> dict[str, Any]:
    data: dict[str, Any] = {"answer": whole_as_int(q.answer)}
    if q.from_range or q.answer - q.low != q.high - q.answer:
        data["range"] = [whole_as_int(q.low), whole_as_int(q.high)]
    elif q.tolerance:
        data["tolerance"] = whole_as_int(q.tolerance)
    if q.unit:
        data["unit"] = q.unit
    if q.units:
        data["units"] = list(q.units)
    return data


def _text(q: TextQuestion) -> dict[str, Any]:
    data: dict[str, Any] = {"answers": list(q.answers)}
    for key, value in (("case_sensitive", q.case_sensitive), ("pattern", q.pattern), ("typos", q.typos),
                       ("strict_articles", q.strict_articles), ("expect", q.expect)):
        if value:
            data[key] = value
    return data


def cloze_text(q: ClozeQuestion) -> str:
    """The passage in the `{{answer|~wrong}}` syntax the loader reads."""
    return "".join(s if isinstance(s, str) else _gap_text(s) for s in q.segments)


def _gap_text(gap: Gap) -> str:
    if not gap.is_dropdown:
        return "{{" + "|".join(gap.answers) + "}}"
    first = gap.answers[0]
    parts = [o if o in gap.answers else "~" + o for o in gap.options]
    if first not in gap.options:
        parts.insert(0, first)
    return "{{" + "|".join(parts) + "}}"


def _cloze(q: ClozeQuestion) -> dict[str, Any]:
    data: dict[str, Any] = {"text": cloze_text(q)}
    for key, value in (("case_sensitive", q.case_sensitive), ("strict_articles", q.strict_articles),
                       ("expect", q.expect)):
        if value:
            data[key] = value
    return data


def _order(q: OrderQuestion) -> dict[str, Any]:
    return {"items": list(q.items)}


def _match(q: MatchQuestion) -> dict[str, Any]:
    data: dict[str, Any] = {"pairs": [{"left": p.left, "right": p.right} for p in q.pairs]}
    if q.distractors:
        data["distractors"] = list(q.distractors)
    return data


@singledispatch
def _fields(q: AnyQuestion) -> dict[str, Any]:
    raise TypeError(f"no YAML form for a {type(q).__name__}")


_fields.register(ChoiceQuestion, _choices)
_fields.register(MultipleQuestion, _choices)
_fields.register(TrueFalseQuestion, _true_false)
_fields.register(NumericQuestion, _numeric)
_fields.register(TextQuestion, _text)
_fields.register(ClozeQuestion, _cloze)
_fields.register(OrderQuestion, _order)
_fields.register(MatchQuestion, _match)


def whole_as_int(value: float) -> int | float:
    """Whole numbers as integers, so JSON and YAML show `17000`, never `17000.0`."""
    return int(value) if float(value).is_integer() else value


def _keyless_fields(q: AnyQuestion) -> dict[str, Any]:
    """A student copy's question: what is shown, no answer (the format of `KEYLESS_TYPE_FIELDS`)."""
    data: dict[str, Any] = {}
    if isinstance(q, (ChoiceQuestion, MultipleQuestion)):
        data["choices"] = [c.text for c in q.choices]
        if not q.shuffle:
            data["shuffle"] = False
    elif isinstance(q, NumericQuestion) and q.unit:
        data["unit"] = q.unit
    elif isinstance(q, ClozeQuestion):
        data["text"] = "".join(s if isinstance(s, str) else "{{" + "|".join("~" + o for o in s.options) + "}}"
                               for s in q.segments)
    elif isinstance(q, OrderQuestion):
        data["items"] = list(q.items)
    elif isinstance(q, MatchQuestion):
        data["left"] = [p.left for p in q.pairs]
        data["right"] = list(q.right_options)
    if isinstance(q, (TextQuestion, ClozeQuestion)) and q.expect:
        data["expect"] = q.expect
    return data
