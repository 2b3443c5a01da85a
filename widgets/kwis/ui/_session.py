"""The state of one quiz sitting, apart from any widget: draw, order, answers, scores, progress.

Everything random here is seeded through `stable_seed` (SHA-256, never Python's `hash()`, which
changes per process), so the same student sees the same draw and order in every kernel.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from typing import Any, Literal, Sequence

from kwis.grading._grade import Grade, Response, grade, is_answered
from kwis._i18n import Messages
from kwis._model import (
    AnyQuestion, Bank, ChoiceQuestion, ClozeQuestion, MatchQuestion, MultipleQuestion, OrderQuestion,
    Settings, one_per_group,
)

Mode = Literal["practice", "exam"]
MODES: tuple[Mode, ...] = ("practice", "exam")

_MESSAGES = Messages({
    "en": {
        "no_tag_match": "No question in bank '{bank}' has the tag(s) {asked}. Tags in this bank: "
                        "{known}. Choose one of those, or leave tags out to use every question.",
        "bad_count": "count must be a whole number of at least 1, not {count}. Leave it out to use "
                     "every question.",
        "bad_mode": "mode must be 'practice' or 'exam', not {mode!r}.",
    },
    "nl": {
        "no_tag_match": "Geen vraag in bank '{bank}' heeft de tag(s) {asked}. Tags in deze bank: "
                        "{known}. Kies daaruit, of laat tags weg om alle vragen te gebruiken.",
        "bad_count": "count moet een geheel getal van minstens 1 zijn, niet {count}. Laat het weg "
                     "om alle vragen te gebruiken.",
        "bad_mode": "mode moet 'practice' of 'exam' zijn, niet {mode!r}.",
    },
})


def stable_seed(*parts: object) -> int:
    """A 63-bit seed from the parts, identical in every process and Python version."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") >> 1


def default_seed(user: str, bank_id: str) -> int:
    return stable_seed("kwis", user, bank_id)


def attempt_seed(seed: int, attempt: int) -> int:
    """The seed of a student's `attempt`-th sitting (1-based). The first uses `seed` itself, so a
    first attempt draws as it always did; each later one gets its own draw and shuffles."""
    return seed if attempt <= 1 else stable_seed(seed, "attempt", attempt)


@dataclass(frozen=True)
class Selection:
    """What the teacher or student asked for; with the user and bank it identifies a sitting."""

    tags: tuple[str, ...] = ()
    count: int | None = None
    seed: int | None = None

    def key(self) -> str:
        return json.dumps({"tags": sorted(self.tags), "count": self.count, "seed": self.seed})


def check_mode(mode: str, language: str) -> Mode:
    for known in MODES:
        if mode == known:
            return known
    raise ValueError(_MESSAGES(language, "bad_mode", mode=mode))


def draw_questions(bank: Bank, selection: Selection, seed: int,
                   language: str) -> tuple[AnyQuestion, ...]:
    """The questions to show, in the order to show them: a seeded pool draw, then shuffled
    when the bank's `settings.shuffle` says so (else in bank order). A draw (`count` or `tags`)
    takes at most one question per `group`; without one the sitting shows every question, so a
    teacher sees every variant. A `count` above the number of groups and loose questions left
    gives a shorter sitting rather than two questions of one group."""
    pool = _tagged(bank, selection.tags, language)
    rng = random.Random(stable_seed(seed, "draw"))
    count = selection.count
    if count is not None and (isinstance(count, bool) or not isinstance(count, int) or count < 1):
        raise ValueError(_MESSAGES(language, "bad_count", count=count))
    if count is not None or selection.tags:
        pool = one_per_group(pool, rng)
    if count is not None and count < len(pool):
        pool = rng.sample(pool, count)
    if bank.settings.shuffle:
        rng.shuffle(pool)
    else:
        position = {q.id: i for i, q in enumerate(bank.questions)}
        pool.sort(key=lambda q: position[q.id])
    return tuple(pool)


def _tagged(bank: Bank, tags: Sequence[str], language: str) -> list[AnyQuestion]:
    if not tags:
        return list(bank.questions)
    wanted = {t.casefold() for t in tags}
    pool = [q for q in bank.questions if wanted & {t.casefold() for t in q.tags}]
    if not pool:
        known = ", ".join(bank.tags) or "-"
        raise ValueError(_MESSAGES(language, "no_tag_match", bank=bank.id,
                                   asked=", ".join(tags), known=known))
    return pool


def choice_order(question: ChoiceQuestion | MultipleQuestion, seed: int,
                 settings: Settings) -> tuple[int, ...]:
    """Indices into `question.choices` in shown order."""
    indices = list(range(len(question.choices)))
    if settings.shuffle_choices and question.shuffle:
        random.Random(stable_seed(seed, question.id, "choices")).shuffle(indices)
    return tuple(indices)


def item_order(question: OrderQuestion, seed: int) -> tuple[int, ...]:
    """The starting order of an order question: shuffled, never already right and (from three
    items on) never exactly reversed, which gives the answer away as well. Two items can only
    start reversed: the loader warns about such a question."""
    # Shuffled from alphabetical order, not from the written (right) one: the shown order must not
    # depend on the key, or a student who knows the seed could undo the shuffle.
    indices = sorted(range(len(question.items)), key=lambda i: (question.items[i].casefold(), i))
    random.Random(stable_seed(seed, question.id, "items")).shuffle(indices)
    solved = sorted(indices)
    if len(indices) > 1 and indices in (solved, solved[::-1]):
        indices = indices[1:] + indices[:1]  # for three or more: neither solved nor reversed
    return tuple(indices)


def match_options(question: MatchQuestion, seed: int, settings: Settings) -> tuple[str, ...]:
    """The right-hand options for every dropdown: shuffled, or alphabetical when the bank
    turns shuffling off (written order would give the answers away)."""
    options = sorted(dict.fromkeys(question.right_options), key=str.casefold)  # not the key's order
    if settings.shuffle_choices:
        random.Random(stable_seed(seed, question.id, "options")).shuffle(options)
    return tuple(options)


def gap_options(question: ClozeQuestion, number: int, seed: int, settings: Settings) -> tuple[str, ...]:
    """The options of dropdown gap `number` (1-based): shuffled with the quiz's seed, or alphabetical
    when the bank turns shuffling off (written order puts the right one first, as teachers write)."""
    options = sorted(dict.fromkeys(question.gaps[number - 1].options), key=str.casefold)
    if settings.shuffle_choices:
        random.Random(stable_seed(seed, question.id, f"gap-{number}")).shuffle(options)
    return tuple(options)


# -- the sitting ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TagScore:
    tag: str
    earned: float
    possible: float
    questions: int


@dataclass
class Session:
    """Answers and grades of one sitting. Practice grades on every check; exam on submit."""

    bank: Bank
    questions: tuple[AnyQuestion, ...]
    mode: Mode
    language: str
    responses: dict[str, Response] = field(default_factory=dict)
    grades: dict[str, Grade] = field(default_factory=dict)
    checks: dict[str, int] = field(default_factory=dict)
    hinted: set[str] = field(default_factory=set)  # questions whose hint was shown
    submitted: bool = False

    def check(self, question: AnyQuestion, response: Response) -> Grade:
        """Grades one answer. An unreadable answer is not kept and does not count as a try."""
        result = grade(question, response, language=self.language)
        self.responses[question.id] = response
        if not result.unreadable:
            self.grades[question.id] = result
            self.checks[question.id] = self.checks.get(question.id, 0) + 1
        return result

    def submit(self) -> dict[str, Grade]:
        """Grades every question of an exam at once (an unanswered one scores 0); a student copy's
        answers are only recorded: the teacher marks them."""
        for question in () if self.bank.keyless else self.questions:
            response = self.responses.get(question.id)
            if response is not None:
                self.grades[question.id] = grade(question, response, language=self.language)
        self.submitted = True
        return dict(self.grades)

    def is_done(self, question: AnyQuestion) -> bool:
        """Checked (practice) or answered (exam) -- what the progress bar counts."""
        if self.mode == "practice":
            return question.id in self.grades
        response = self.responses.get(question.id)
        return response is not None and is_answered(question, response)

    @property
    def done_count(self) -> int:
        return sum(1 for q in self.questions if self.is_done(q))

    @property
    def complete(self) -> bool:
        if self.mode == "exam":
            return self.submitted
        return self.done_count == len(self.questions)

    def earned(self, question: AnyQuestion) -> float:
        result = self.grades.get(question.id)
        return result.score * question.points if result else 0.0

    @property
    def points(self) -> tuple[float, float]:
        """(earned, possible) over the drawn questions."""
        return (sum(self.earned(q) for q in self.questions),
                sum(q.points for q in self.questions))

    @property
    def passed(self) -> bool:
        earned, possible = self.points
        return possible > 0 and earned / possible >= self.bank.settings.pass_mark

    def tag_scores(self) -> tuple[TagScore, ...]:
        totals: dict[str, list[float]] = {}
        for question in self.questions:
            for tag in question.tags:
                entry = totals.setdefault(tag, [0.0, 0.0, 0.0])
                entry[0] += self.earned(question)
                entry[1] += question.points
                entry[2] += 1
        return tuple(TagScore(tag, e, p, int(n)) for tag, (e, p, n) in totals.items())

    def missed(self) -> tuple[AnyQuestion, ...]:
        """Questions not (yet) fully right, in shown order: what to reread."""
        return tuple(q for q in self.questions
                     if not (q.id in self.grades and self.grades[q.id].correct))
