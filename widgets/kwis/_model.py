"""The validated question-bank model: frozen dataclasses, no I/O, no ipywidgets.

The bank reader (`bank._read`) is the only code that builds these from YAML (the bank cache
rebuilds what it built); everything after it (grading, widgets, export, lint) reads them and
never changes them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Literal, Sequence, TypeVar, Union

QuestionType = Literal["choice", "multiple", "true-false", "numeric", "text", "cloze", "order", "match"]

QUESTION_TYPES: tuple[QuestionType, ...] = (
    "choice", "multiple", "true-false", "numeric", "text", "cloze", "order", "match",
)

# xAPI interaction type per question type (https://github.com/adlnet/xAPI-Spec, "Interaction Activities").
XAPI_INTERACTION: dict[QuestionType, str] = {
    "choice": "choice",
    "multiple": "choice",
    "true-false": "true-false",
    "numeric": "numeric",
    "text": "fill-in",
    "cloze": "fill-in",
    "order": "sequencing",
    "match": "matching",
}


@dataclass(frozen=True)
class Feedback:
    """Question-level feedback, the three levels an LMS knows. Markdown; empty means none."""

    correct: str = ""
    partial: str = ""
    incorrect: str = ""


@dataclass(frozen=True)
class Choice:
    text: str
    correct: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class Gap:
    """One gap of a cloze passage: typed (no options) or a dropdown (options include the answers)."""

    answers: tuple[str, ...]
    options: tuple[str, ...] = ()

    @property
    def is_dropdown(self) -> bool:
        return bool(self.options)


@dataclass(frozen=True)
class Pair:
    left: str
    right: str


@dataclass(frozen=True, kw_only=True)
class Question:
    """Fields every question type has. `type` is fixed per subclass."""

    id: str
    prompt: str
    explanation: str = ""
    hint: str = ""
    source: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    group: str = ""  # questions of one group test the same point: a draw takes at most one of them
    difficulty: int = 1
    points: float = 1.0
    feedback: Feedback = field(default_factory=Feedback)
    draft: bool = False
    lint_ignore: tuple[tuple[str, str], ...] = ()  # (rule code, the teacher's reason)
    # A question of a student copy (`kwis export BANK --to student`): it carries what a student
    # needs to answer, never the answer. Its key fields are empty: no choice is correct, a
    # numeric answer is NaN, no text is accepted, a match's pairs have no right side.
    keyless: bool = False
    type: QuestionType = "choice"

    @property
    def xapi_interaction(self) -> str:
        return XAPI_INTERACTION[self.type]


@dataclass(frozen=True, kw_only=True)
class ChoiceQuestion(Question):
    """Exactly one correct choice."""

    choices: tuple[Choice, ...]
    shuffle: bool = True
    type: QuestionType = "choice"

    @property
    def correct_index(self) -> int:
        return next(i for i, c in enumerate(self.choices) if c.correct)


@dataclass(frozen=True, kw_only=True)
class MultipleQuestion(Question):
    """One or more correct choices; partial credit."""

    choices: tuple[Choice, ...]
    shuffle: bool = True
    type: QuestionType = "multiple"

    @property
    def correct_indices(self) -> frozenset[int]:
        return frozenset(i for i, c in enumerate(self.choices) if c.correct)


@dataclass(frozen=True, kw_only=True)
class TrueFalseQuestion(Question):
    answer: bool
    type: QuestionType = "true-false"


@dataclass(frozen=True, kw_only=True)
class NumericQuestion(Question):
    """Correct when the number lies in [low, high]; `answer` is the value shown as the answer."""

    answer: float
    low: float
    high: float
    unit: str = ""
    units: tuple[str, ...] = ()  # other words accepted for the unit: `militairen` beside `man`
    from_range: bool = False  # written as `range: [low, high]` rather than `answer` with `tolerance`
    type: QuestionType = "numeric"

    @property
    def tolerance(self) -> float:
        return max(self.answer - self.low, self.high - self.answer)


@dataclass(frozen=True, kw_only=True)
class TextQuestion(Question):
    answers: tuple[str, ...]
    case_sensitive: bool = False
    pattern: str = ""
    typos: int = 0
    strict_articles: bool = False  # a leading article or title counts
    expect: str = ""  # "date": answers are compared as dates
    near_names: tuple[str, ...] = ()  # other names of the bank within `typos`: never a typo (set by the loader)
    type: QuestionType = "text"


@dataclass(frozen=True, kw_only=True)
class ClozeQuestion(Question):
    """`segments` alternates text and gaps, e.g. ("De missie telde ", Gap(...), " man.")."""

    segments: tuple[Union[str, Gap], ...]
    case_sensitive: bool = False
    strict_articles: bool = False
    expect: str = ""  # "date": typed gaps whose answers are dates are compared as dates
    type: QuestionType = "cloze"

    @property
    def gaps(self) -> tuple[Gap, ...]:
        return tuple(s for s in self.segments if isinstance(s, Gap))


@dataclass(frozen=True, kw_only=True)
class OrderQuestion(Question):
    """`items` in the right order; shown shuffled."""

    items: tuple[str, ...]
    type: QuestionType = "order"


@dataclass(frozen=True, kw_only=True)
class MatchQuestion(Question):
    """Each left item has one right item; `distractors` are extra right-hand options."""

    pairs: tuple[Pair, ...]
    distractors: tuple[str, ...] = ()
    type: QuestionType = "match"

    @property
    def right_options(self) -> tuple[str, ...]:
        """Every right-hand option: the matches, then the distractors (a keyless question's
        pairs have no right side: all its options are in `distractors`)."""
        return tuple(p.right for p in self.pairs if p.right) + self.distractors


AnyQuestion = Union[
    ChoiceQuestion, MultipleQuestion, TrueFalseQuestion, NumericQuestion,
    TextQuestion, ClozeQuestion, OrderQuestion, MatchQuestion,
]


@dataclass(frozen=True)
class Source:
    title: str = ""
    publisher: str = ""
    author: str = ""
    date: str = ""
    url: str = ""
    file: str = ""
    text: str = ""  # the source file's text, read by the loader when `file` is given


@dataclass(frozen=True)
class Settings:
    shuffle: bool = True
    shuffle_choices: bool = True
    pass_mark: float = 0.6
    remote_images: bool = False  # show images from other servers (they can track who opens them)
    retention: float = 0.9  # spaced review: the chance of recall at which a question comes back
    lint_ignore: tuple[tuple[str, str], ...] = ()  # (rule code, the teacher's reason)


@dataclass(frozen=True)
class StudentCopy:
    """What marks a bank as a student copy without answers, and which full bank it was made of."""

    bank: str  # the full bank's id (the copy keeps it: answers are stored under it)
    title: str = ""  # the full bank's title
    fingerprint: str = ""  # SHA-256 over what the students see of each question (never the answers)


@dataclass(frozen=True)
class Bank:
    id: str
    title: str
    language: str
    questions: tuple[AnyQuestion, ...]
    description: str = ""
    source: Source | None = None
    settings: Settings = field(default_factory=Settings)
    path: str = ""  # where it was loaded from, as given to load_bank; empty when built in memory
    student_copy: StudentCopy | None = None  # set: a keyless copy, marked by the teacher (kwis grade)

    @property
    def keyless(self) -> bool:
        return self.student_copy is not None

    def question(self, question_id: str) -> AnyQuestion:
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(question_id)

    @property
    def tags(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for q in self.questions:
            seen.update(dict.fromkeys(q.tags))
        return tuple(seen)

    @property
    def groups(self) -> dict[str, tuple[str, ...]]:
        """Group name -> the ids of its questions, both in bank order."""
        members: dict[str, list[str]] = {}
        for q in self.questions:
            if q.group:
                members.setdefault(q.group, []).append(q.id)
        return {name: tuple(ids) for name, ids in members.items()}


Q = TypeVar("Q", bound=Question)


def one_per_group(questions: Sequence[Q], rng: random.Random) -> list[Q]:
    """The questions with each group reduced to one of its members, picked by `rng`, in the given
    order. Questions without a group all stay. `rng` is only used for groups with more than one
    member here, so a draw from a bank without groups is the same as before groups existed."""
    members: dict[str, list[Q]] = {}
    for q in questions:
        if q.group:
            members.setdefault(q.group, []).append(q)
    keep = {(rng.choice(group) if len(group) > 1 else group[0]).id for group in members.values()}
    return [q for q in questions if not q.group or q.id in keep]
