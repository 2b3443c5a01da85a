"""A student copy of a bank: every question as a student needs it to answer, without its answer.

`keyless_bank` is what `kwis export BANK --to student` writes and what `kwis grade` compares the
students' answers with: the students' kernel loads the copy, so the fingerprint of each question
they answered is that of `keyless_question` of the full bank's question, when nothing changed.

Left out: which choice is right, the true/false answer, numbers and ranges, accepted texts and
patterns, the right order (items are written alphabetically), which right-hand option belongs to
which left item (the options are one alphabetical pool), gap answers (a dropdown keeps its options,
alphabetically), explanations, all feedback, the source quotes (they quote the passage that holds
the answer) and the source file, the lint notes, a hint that names an answer, and the question ids
and group names (which often name the answer: the copy numbers them, `q01`, `g1`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import singledispatch
from typing import Iterable

from kwis._model import (
    AnyQuestion, Bank, Choice, ChoiceQuestion, ClozeQuestion, Feedback, Gap, MatchQuestion,
    MultipleQuestion, NumericQuestion, OrderQuestion, Pair, Settings, Source, StudentCopy, TextQuestion,
    TrueFalseQuestion,
)
from kwis.grading._numbers import format_number
from kwis.grading._text import normalise_text

_NO_ANSWER = float("nan")


def keyless_bank(bank: Bank, fingerprint: str = "") -> Bank:
    """The student copy of `bank`, marked with the full bank's id, title and `fingerprint`."""
    source = None
    if bank.source is not None:  # the article itself is handed out apart from the bank, if at all
        source = replace(bank.source, file="", text="")
        source = None if source == Source() else source
    groups = {name: f"g{n}" for n, name in enumerate(bank.groups, start=1)}
    questions = tuple(replace(keyless_question(q, bank.settings), id=copy_id(n), group=groups.get(q.group, ""))
                      for n, q in enumerate(bank.questions, start=1))
    return replace(bank, questions=questions, source=source, settings=replace(bank.settings, lint_ignore=()),
                   path="", student_copy=StudentCopy(bank.id, bank.title, fingerprint))


def copy_id(number: int) -> str:
    """The id of the `number`-th question (1-based) in a student copy. A question's own id often
    names its answer (`penvoerder`), and so may its group: the copy numbers them instead; `kwis
    grade` finds each answer's question by what the student saw (its fingerprint)."""
    return f"q{number:02d}"


def keyless_question(question: AnyQuestion, settings: Settings) -> AnyQuestion:
    """`question` as a student copy has it."""
    hint = "" if hint_gives_away(question) else question.hint
    return _without_key(question, settings, explanation="", feedback=Feedback(), source=(), hint=hint,
                        lint_ignore=(), keyless=True)


def alphabetical(texts: Iterable[str]) -> tuple[str, ...]:
    """Texts in an order that does not depend on the key (as the quiz's shuffles start from)."""
    return tuple(sorted(dict.fromkeys(texts), key=lambda text: (text.casefold(), text)))


@singledispatch
def _without_key(question: AnyQuestion, settings: Settings, **common: object) -> AnyQuestion:
    raise TypeError(f"kwis has no student copy of a {type(question).__name__}")


@_without_key.register(ChoiceQuestion)
@_without_key.register(MultipleQuestion)
def _choices(question: ChoiceQuestion | MultipleQuestion, settings: Settings,
             **common: object) -> AnyQuestion:
    texts = [c.text for c in question.choices]
    # Teachers often write the right choice first; a fixed order is shown as written anyway.
    if settings.shuffle_choices and question.shuffle:
        texts = list(alphabetical(texts))
    return replace(question, choices=tuple(Choice(text) for text in texts), **common)  # type: ignore[arg-type]


@_without_key.register
def _true_false(question: TrueFalseQuestion, settings: Settings, **common: object) -> AnyQuestion:
    return replace(question, answer=False, **common)  # type: ignore[arg-type]


@_without_key.register
def _numeric(question: NumericQuestion, settings: Settings, **common: object) -> AnyQuestion:
    return replace(question, answer=_NO_ANSWER, low=_NO_ANSWER, high=_NO_ANSWER, units=(), from_range=False,
                   **common)  # type: ignore[arg-type]


@_without_key.register
def _text(question: TextQuestion, settings: Settings, **common: object) -> AnyQuestion:
    return TextQuestion(id=question.id, prompt=question.prompt, answers=(), expect=question.expect,
                        **_kept(question), **common)  # type: ignore[arg-type]


@_without_key.register
def _cloze(question: ClozeQuestion, settings: Settings, **common: object) -> AnyQuestion:
    segments = tuple(Gap((), alphabetical(s.options)) if isinstance(s, Gap) else s for s in question.segments)
    return ClozeQuestion(id=question.id, prompt=question.prompt, segments=segments, expect=question.expect,
                         **_kept(question), **common)  # type: ignore[arg-type]


@_without_key.register
def _order(question: OrderQuestion, settings: Settings, **common: object) -> AnyQuestion:
    return replace(question, items=alphabetical(question.items), **common)  # type: ignore[arg-type]


@_without_key.register
def _match(question: MatchQuestion, settings: Settings, **common: object) -> AnyQuestion:
    return replace(question, pairs=tuple(Pair(p.left, "") for p in question.pairs),
                   distractors=alphabetical(question.right_options), **common)  # type: ignore[arg-type]


def _kept(question: AnyQuestion) -> dict[str, object]:
    """The fields every question has that a student copy keeps as they are."""
    return {"tags": question.tags, "group": question.group, "difficulty": question.difficulty,
            "points": question.points, "draft": question.draft}


# -- a hint that names the answer ---------------------------------------------------------------


def hint_gives_away(question: AnyQuestion) -> bool:
    """Whether the hint contains one of the question's answers (as words, case and accents aside)."""
    if not question.hint:
        return False
    hint = _words(question.hint)
    return any(answer in hint for answer in map(_words, answer_texts(question)) if answer.strip())


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+", normalise_text(text))) + " "


def answer_texts(question: AnyQuestion) -> tuple[str, ...]:
    """The texts that are an answer of `question` (the right choices, accepted texts, the number)."""
    if isinstance(question, (ChoiceQuestion, MultipleQuestion)):
        return tuple(c.text for c in question.choices if c.correct)
    if isinstance(question, TextQuestion):
        return question.answers
    if isinstance(question, ClozeQuestion):
        return tuple(answer for gap in question.gaps for answer in gap.answers)
    if isinstance(question, NumericQuestion) and question.answer == question.answer:  # not NaN
        return tuple(dict.fromkeys((format_number(question.answer, "en"), format_number(question.answer, "nl"),
                                    f"{question.answer:g}")))
    return ()
