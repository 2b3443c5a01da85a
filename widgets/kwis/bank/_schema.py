"""The bank format v1 as data: which fields each part of a bank has, their kinds and meanings.

The loader validates against these specs and `kwis schema` turns the same specs into JSON Schema,
so the two can never disagree.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any, Literal, Mapping

from kwis._model import QUESTION_TYPES

FORMAT_VERSION = 1
SCHEMA_ID = "https://kwis.invalid/bank.schema.json"

Kind = Literal[
    "text",  # a non-empty string (numbers and dates written in YAML are taken as their text)
    "slug",  # lowercase letters, digits and dashes
    "int", "number", "bool",
    "strings",  # a list of non-empty strings
    "quotes",  # one string or a list of strings
    "reasons",  # a mapping of rule code -> reason
    "object",  # a mapping described by `fields`
    "objects",  # a list of mappings described by `fields`
    "choices",  # a list of choices: mappings, or plain strings for a wrong choice
    "range",  # [low, high]
    "type",  # one of the question types
    "unchecked",  # read as it is: the fields of a question whose type is unknown
]


@dataclass(frozen=True)
class Field:
    kind: Kind
    description: str
    required: bool = False
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    fields: Mapping[str, "Field"] | None = None  # for object(s) and choices


FEEDBACK_FIELDS = {
    "correct": Field("text", "Shown when the answer is fully correct (Markdown)."),
    "partial": Field("text", "Shown when the answer is partly correct (Markdown)."),
    "incorrect": Field("text", "Shown when the answer is wrong (Markdown)."),
}

CHOICE_FIELDS = {
    "text": Field("text", "The choice as the student sees it (Markdown).", required=True),
    "correct": Field("bool", "Whether this choice is right; default false."),
    "feedback": Field("text", "Why this choice is right or wrong, shown when it is chosen (Markdown)."),
}

PAIR_FIELDS = {
    "left": Field("text", "The item to match (Markdown).", required=True),
    "right": Field("text", "Its match, offered in a dropdown.", required=True),
}

COMMON_QUESTION_FIELDS: dict[str, Field] = {
    "id": Field("slug", "Unique, stable id; answers are stored by it, so keep it when editing.", required=True),
    "type": Field("type", "The question type.", required=True),
    "prompt": Field("text", "The question (Markdown; $math$ allowed).", required=True),
    "explanation": Field("text", "Shown after answering: why the answer is what it is (Markdown)."),
    "hint": Field("text", "Shown when the student asks for a hint (Markdown)."),
    "source": Field("quotes", "Verbatim quote(s) from the source text that ground the question; checked."),
    "tags": Field("strings", "Themes, used to draw subsets and to report scores per theme."),
    "group": Field("slug", "Questions that test the same point, or would give each other away, share a group; "
                   "a drawn sitting takes at most one of them."),
    "difficulty": Field("int", "1 (easy) to 3 (hard); default 1.", minimum=1, maximum=3),
    "points": Field("number", "Weight of the question in the score; default 1.", minimum=0,
                    exclusive_minimum=True, maximum=1_000_000),
    "feedback": Field("object", "Question-level feedback, the three levels an LMS knows.",
                      fields=FEEDBACK_FIELDS),
    "draft": Field("bool", "true while a drafted question still needs the teacher's review."),
    "lint_ignore": Field("reasons", "Lint rules switched off for this question: code -> reason."),
}

TYPE_FIELDS: dict[str, dict[str, Field]] = {
    "choice": {
        "choices": Field("choices", "The options; exactly one has `correct: true`.", required=True,
                         fields=CHOICE_FIELDS),
        "shuffle": Field("bool", "Whether the choices may be shuffled; default true."),
    },
    "multiple": {
        "choices": Field("choices", "The options; one or more have `correct: true`.", required=True,
                         fields=CHOICE_FIELDS),
        "shuffle": Field("bool", "Whether the choices may be shuffled; default true."),
    },
    "true-false": {
        "answer": Field("bool", "Whether the statement in the prompt is true.", required=True),
    },
    "numeric": {
        "answer": Field("number", "The right number (write 17000, not 17.000)."),
        "tolerance": Field("number", "How far an answer may lie from `answer`; default 0.", minimum=0),
        "range": Field("range", "[low, high]: every number in between counts as right."),
        "unit": Field("text", "Shown beside the field and accepted after the number (e.g. man, %)."),
        "units": Field("strings", "Other words accepted after the number for the unit (e.g. [militairen, soldaten]); "
                                  "singular and plural of each are accepted anyway."),
    },
    "text": {
        "answers": Field("strings", "Accepted answers; case, accents and punctuation are ignored.",
                         required=True),
        "case_sensitive": Field("bool", "Whether case matters; default false."),
        "pattern": Field("text", "A regular expression an answer may fully match instead."),
        "typos": Field("int", "How many typing errors (edit distance) to accept; default 0.", minimum=0,
                       maximum=3),
        "strict_articles": Field("bool", "Whether a leading article or title counts (`the penholder`, `president "
                                         "Goïta`); default false: it is ignored."),
        "expect": Field("text", "`date`: answers are dates, read as students write them (16 juni, 16-6, "
                                "June 16)."),
    },
    "cloze": {
        "text": Field("text", "The passage with gaps: {{answer|alternative}}, or {{right|~wrong|~wrong}} "
                      "for a dropdown.", required=True),
        "case_sensitive": Field("bool", "Whether case matters in typed gaps; default false."),
        "strict_articles": Field("bool", "Whether a leading article or title counts (`the penholder`, `president "
                                         "Goïta`); default false: it is ignored."),
        "expect": Field("text", "`date`: answers are dates, read as students write them (16 juni, 16-6, "
                                "June 16)."),
    },
    "order": {
        "items": Field("strings", "The items in the right order; shown shuffled.", required=True),
    },
    "match": {
        "pairs": Field("objects", "Each left item with its right-hand match.", required=True,
                       fields=PAIR_FIELDS),
        "distractors": Field("strings", "Extra right-hand options that match nothing."),
    },
}

# A student copy (`student_copy:` in the bank, written by `kwis export BANK --to student`) has
# what a student needs to answer and nothing that gives an answer away: its questions have these
# fields instead of the type's own ones, and none of KEY_FIELDS.
_OPTIONS_NO_KEY = "The options, none marked right; in alphabetical order unless the full bank fixes the order."
KEYLESS_TYPE_FIELDS: dict[str, dict[str, Field]] = {
    "choice": {"choices": Field("strings", _OPTIONS_NO_KEY, required=True),
               "shuffle": TYPE_FIELDS["choice"]["shuffle"]},
    "multiple": {"choices": Field("strings", _OPTIONS_NO_KEY, required=True),
                 "shuffle": TYPE_FIELDS["multiple"]["shuffle"]},
    "true-false": {},
    "numeric": {"unit": Field("text", "Shown beside the field (e.g. man, %).")},
    "text": {"expect": Field("text", "`date`: the answer is a date.")},
    "cloze": {
        "text": Field("text", "The passage with gaps and no answers: {{}} for a typed gap, "
                      "{{~option|~option}} for a dropdown.", required=True),
        "expect": Field("text", "`date`: the typed gaps are dates."),
    },
    "order": {"items": Field("strings", "The items in alphabetical order (not the right one); shown "
                             "shuffled.", required=True)},
    "match": {
        "left": Field("strings", "The items to match, in the full bank's order.", required=True),
        "right": Field("strings", "Every right-hand option, matches and extra options alike, in "
                       "alphabetical order.", required=True),
    },
}
KEYLESS_LEFT_OUT = ("explanation", "source", "feedback")
# Fields that carry (or explain) an answer: a student copy with one of them is an error.
KEY_FIELDS = frozenset({
    "answer", "answers", "tolerance", "range", "units", "pattern", "typos", "case_sensitive",
    "strict_articles", "pairs", "distractors", *KEYLESS_LEFT_OUT,
})

SOURCE_FIELDS = {
    "title": Field("text", "Title of the source text."),
    "publisher": Field("text", "Who published it."),
    "author": Field("text", "Who wrote it."),
    "date": Field("text", "When it was published."),
    "url": Field("text", "Where it can be read."),
    "file": Field("text", "The source text, relative to the bank; every `source` quote is checked against it."),
}

SETTINGS_FIELDS = {
    "shuffle": Field("bool", "Shuffle the question order (seeded per student); default true."),
    "shuffle_choices": Field("bool", "Shuffle the choices of choice and multiple questions; default true."),
    "pass_mark": Field("number", "The fraction of points needed to pass, 0 to 1; default 0.6.", minimum=0,
                       maximum=1),
    "remote_images": Field("bool", "Show images from other servers (`![](https://...)`); default false, "
                           "because the server learns who opened the quiz."),
    "retention": Field("number", "Spaced review: the chance of still knowing an answer at which the question "
                       "comes back, 0.7 to 0.99; higher means more reviews; default 0.9.", minimum=0.7,
                       maximum=0.99),
    "lint_ignore": Field("reasons", "Lint rules switched off for the whole bank: code -> reason."),
}

STUDENT_COPY_FIELDS = {
    "bank": Field("slug", "The id of the full bank this copy was made of (the copy has the same id).",
                  required=True),
    "title": Field("text", "The full bank's title."),
    "fingerprint": Field("text", "SHA-256 of what the students see of every question (not of the "
                         "answers); `kwis grade` checks each answer against the full bank."),
}

BANK_FIELDS = {
    "kwis": Field("int", f"The format version: {FORMAT_VERSION}.", required=True, minimum=FORMAT_VERSION,
                  maximum=FORMAT_VERSION),
    "id": Field("slug", "The bank's id; answers are stored under it.", required=True),
    "title": Field("text", "The bank's title.", required=True),
    "language": Field("text", "BCP 47 tag (nl, en, ...): the UI language and how numbers are read.",
                      required=True),
    "description": Field("text", "What the bank is for (Markdown)."),
    "source": Field("object", "The text the questions are built from.", fields=SOURCE_FIELDS),
    "settings": Field("object", "How the quiz behaves.", fields=SETTINGS_FIELDS),
    "student_copy": Field("object", "Present in a student copy without answers (kwis export --to student): "
                          "exams on it are marked by the teacher.", fields=STUDENT_COPY_FIELDS),
    "questions": Field("objects", "The questions.", required=True),
}


def question_fields(question_type: str, *, keyless: bool = False) -> dict[str, Field]:
    """All fields a question of this type may have (in a student copy: `keyless`)."""
    if keyless:
        common = {n: f for n, f in COMMON_QUESTION_FIELDS.items() if n not in KEYLESS_LEFT_OUT}
        return {**common, **KEYLESS_TYPE_FIELDS.get(question_type, {})}
    return {**COMMON_QUESTION_FIELDS, **TYPE_FIELDS.get(question_type, {})}


def fields_of_unknown_type() -> dict[str, Field]:
    """A question whose type is unknown: common fields checked, every type's own fields allowed as they are.

    Checking `answer: true` as a number (the numeric question's `answer`) would add a second,
    misleading message to the one about the type.
    """
    specific = {name: replace(field, kind="unchecked", required=False)
                for fields in TYPE_FIELDS.values() for name, field in fields.items()}
    return {**specific, **COMMON_QUESTION_FIELDS}


def all_question_fields() -> dict[str, Field]:
    """Every field any question may have, the type's own ones optional (used when the type is unknown)."""
    merged = dict(COMMON_QUESTION_FIELDS)
    for fields in TYPE_FIELDS.values():
        merged.update({name: replace(f, required=False) for name, f in fields.items()})
    return merged


# --- JSON Schema ------------------------------------------------------------------------------


def _field_schema(field: Field) -> dict[str, Any]:
    schema = _kind_schema(field)
    schema["description"] = field.description
    if field.minimum is not None:
        schema["exclusiveMinimum" if field.exclusive_minimum else "minimum"] = field.minimum
    if field.maximum is not None:
        schema["maximum"] = field.maximum
    return schema


def _kind_schema(field: Field) -> dict[str, Any]:
    text: dict[str, Any] = {"type": ["string", "number"], "minLength": 1}
    kinds: dict[str, dict[str, Any]] = {
        "text": text,
        "slug": {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"},
        "int": {"type": "integer"},
        "number": {"type": "number"},
        "bool": {"type": "boolean"},
        "strings": {"type": "array", "items": text, "minItems": 1},
        "quotes": {"anyOf": [text, {"type": "array", "items": text, "minItems": 1}]},
        "reasons": {"type": "object", "additionalProperties": {"type": "string", "minLength": 1}},
        "range": {"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2},
        "type": {"enum": list(QUESTION_TYPES)},
    }
    if field.kind in kinds:
        return dict(kinds[field.kind])
    if field.fields is None:  # the questions: their item schema is added by `json_schema`
        return {"type": "array"}
    obj = _object_schema(field.fields)
    if field.kind == "object":
        return obj
    if field.kind == "choices":
        return {"type": "array", "minItems": 2, "items": {"anyOf": [obj, text]}}
    return {"type": "array", "items": obj}


def _object_schema(fields: Mapping[str, Field]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {name: _field_schema(f) for name, f in fields.items()},
        "required": [name for name, f in fields.items() if f.required],
        "additionalProperties": False,
    }


def _question_schema(*, keyless: bool = False) -> dict[str, Any]:
    common = {n: f for n, f in COMMON_QUESTION_FIELDS.items() if not keyless or n not in KEYLESS_LEFT_OUT}
    merged = dict(common)
    kinds: dict[str, set[str]] = {}
    for fields in (KEYLESS_TYPE_FIELDS if keyless else TYPE_FIELDS).values():
        for name, f in fields.items():
            merged[name] = replace(f, required=False)
            kinds.setdefault(name, set()).add(f.kind)
    schema = _object_schema(merged)
    for name, found in kinds.items():
        if len(found) > 1:  # `answer` is a bool or a number: the type's own rule below says which
            schema["properties"][name] = {"description": merged[name].description}
    schema["required"] = [n for n, f in COMMON_QUESTION_FIELDS.items() if f.required]
    schema["allOf"] = [
        {
            "if": {"properties": {"type": {"const": qtype}}, "required": ["type"]},
            "then": _object_schema(question_fields(qtype, keyless=keyless)),
        }
        for qtype in QUESTION_TYPES
    ]
    return schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of bank format v1, for editors' completion and checks."""
    schema = _object_schema(BANK_FIELDS)
    schema["properties"]["questions"]["items"] = {"type": "object"}
    schema["properties"]["questions"]["minItems"] = 1
    # A bank's questions, or (a student copy) questions without answer fields and with the keyless ones.
    schema["if"] = {"required": ["student_copy"]}
    schema["then"] = {"properties": {"questions": {"items": _question_schema(keyless=True)}}}
    schema["else"] = {"properties": {"questions": {"items": _question_schema()}}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "kwis question bank, format 1",
        **schema,
    }


def schema_text() -> str:
    """The JSON Schema as text, as committed in quizzes/bank.schema.json."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
