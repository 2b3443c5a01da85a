"""Item statistics of a class, as Moodle's quiz statistics report computes them.

Read through `kwis.records.ClassReader`. The formulas, their Moodle source and what kwis does
where Moodle has no counterpart (practice checks, draws of a subset) are in docs/stats.md. All
percentages are on Moodle's scale (0..100; discrimination and efficiency -100..100).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Literal, Sequence

from kwis._i18n import Messages, true_false_label
from kwis.records import ClassAnswer, ClassReader, ClassSitting, QuestionVersion

AttemptsKind = Literal["first", "last", "all"]
ATTEMPTS: tuple[AttemptsKind, ...] = ("first", "last", "all")
CHOICE_LIKE = ("choice", "multiple", "true-false")
TYPED = ("text", "numeric", "cloze")

# Thresholds of the flags, after Moodle's guidance on reading its statistics (docs/stats.md).
VERY_EASY, VERY_HARD = 90.0, 20.0  # facility, %
LOW_DISCRIMINATION = 20.0  # %
UNUSED_DISTRACTOR_MIN_N = 10  # a distractor nobody chose is only telling in a class this big
COMMON_WRONG_SHARE, COMMON_WRONG_MIN = 0.2, 3  # a wrong typed answer given this often

_MESSAGES = Messages({
    "en": {
        "very_easy": "very easy: {facility}% of the marks were scored; it tells learners apart "
                     "little",
        "very_hard": "very hard: only {facility}% of the marks were scored; check the question and "
                     "its answer",
        "negative": "negative discrimination ({value}%): stronger learners did worse on it than "
                    "weaker ones; check the answer key",
        "low": "low discrimination ({value}%): it hardly separates stronger from weaker learners",
        "unused": "distractor nobody chose: '{option}'",
        "common_wrong": "{count} of {n} learners answered '{answer}': a candidate for an accepted "
                        "answer, or a common misconception",
    },
    "nl": {
        "very_easy": "heel makkelijk: {facility}% van de punten werd gehaald; de vraag onderscheidt "
                     "weinig",
        "very_hard": "heel moeilijk: maar {facility}% van de punten werd gehaald; controleer de vraag "
                     "en het antwoord",
        "negative": "negatieve discriminatie ({value}%): sterkere leerlingen deden het slechter dan "
                    "zwakkere; controleer de antwoordsleutel",
        "low": "lage discriminatie ({value}%): de vraag onderscheidt sterkere en zwakkere "
               "leerlingen nauwelijks",
        "unused": "afleider die niemand koos: '{option}'",
        "common_wrong": "{count} van {n} leerlingen antwoordden '{answer}': een kandidaat voor een "
                        "goedgekeurd antwoord, of een veelvoorkomende misvatting",
    },
})


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    count: int  # learners who chose it
    share: float  # count / n


@dataclass(frozen=True)
class WrongAnswer:
    answer: str
    count: int


@dataclass(frozen=True)
class Flag:
    code: str  # very-easy, very-hard, negative-discrimination, low-discrimination,
    #            unused-distractor, common-wrong-answer
    message: str  # in the teacher's language


@dataclass(frozen=True)
class ItemStats:
    id: str
    version: str  # the question's fingerprint
    type: str
    prompt: str
    n: int  # attempts that had this question version
    max_mark: float
    facility: float | None  # mean mark / max mark, %
    sd: float | None  # standard deviation of the mark, % of the max mark
    discrimination: float | None  # correlation of mark and rest of the attempt, %
    efficiency: float | None  # discrimination relative to the most it could be, %
    options: tuple[Option, ...] = ()  # choice-like questions
    wrong_answers: tuple[WrongAnswer, ...] = ()  # typed answers, most frequent first
    flags: tuple[Flag, ...] = ()


@dataclass(frozen=True)
class BankStats:
    bank_id: str
    attempts_kind: AttemptsKind
    learners: int
    n: int  # attempts counted
    mean: float | None  # total, % of the attempt's max
    median: float | None
    sd: float | None
    distribution: tuple[int, ...]  # attempts per tenth of the score: 0-10%, ..., 90-100%
    alpha: float | None  # Cronbach's alpha (Moodle's coefficient of internal consistency), %
    questions: tuple[ItemStats, ...] = field(default=())
    unmarked: int = 0  # exams taken on a student copy that wait for `kwis grade` (not counted)


# -- which attempts count, and the mark of each question in them --------------------------------


@dataclass(frozen=True)
class ItemKey:
    question_id: str
    fingerprint: str


@dataclass(frozen=True)
class _Mark:
    mark: float
    max_mark: float
    answer: ClassAnswer


def completed(sitting: ClassSitting) -> bool:
    """An exam once submitted (and, taken on a student copy, marked: `kwis grade`); practice once
    every question of the draw was checked."""
    if any(not answer.graded for answer in sitting.answers):
        return False
    if sitting.mode == "exam":
        return sitting.submitted is not None
    answered = {answer.question_id for answer in sitting.answers}
    return bool(sitting.draw) and set(sitting.draw) <= answered


def counted_sittings(sittings: Iterable[ClassSitting], kind: AttemptsKind) -> list[ClassSitting]:
    """Completed sittings: each learner's first or last, or all of them (oldest first)."""
    by_learner: dict[str, list[ClassSitting]] = {}
    for sitting in sittings:
        if completed(sitting):
            by_learner.setdefault(sitting.learner, []).append(sitting)
    chosen: list[ClassSitting] = []
    for learner in sorted(by_learner):
        ordered = sorted(by_learner[learner], key=lambda s: s.started)
        chosen += ordered if kind == "all" else [ordered[0] if kind == "first" else ordered[-1]]
    return chosen


def sitting_marks(sitting: ClassSitting,
                  versions: dict[ItemKey, QuestionVersion]) -> dict[ItemKey, _Mark]:
    """The mark of each question in a sitting: its first checked answer in practice (later
    checks come after the feedback), its submitted answer in an exam."""
    marks: dict[ItemKey, _Mark] = {}
    seen: set[str] = set()
    for answer in sitting.answers:
        if answer.question_id in seen or answer.question_id not in sitting.draw:
            continue
        seen.add(answer.question_id)
        item = ItemKey(answer.question_id, answer.fingerprint)
        max_mark = _max_mark(answer, versions.get(item))
        marks[item] = _Mark(answer.score * max_mark, max_mark, answer)
    return marks


def _max_mark(answer: ClassAnswer, version: QuestionVersion | None) -> float:
    if answer.points is not None:
        return answer.points
    return version.points if version is not None else 1.0


# -- the statistics ---------------------------------------------------------------------------


def bank_stats(reader: ClassReader, bank_id: str, attempts: AttemptsKind = "first",
               language: str = "en") -> BankStats:
    versions = {ItemKey(v.question_id, v.fingerprint): v for v in reader.question_versions(bank_id)}
    every = list(reader.sittings(bank_id))
    sittings = counted_sittings(every, attempts)
    marked = [sitting_marks(s, versions) for s in sittings]
    totals = [sum(m.mark for m in marks.values()) for marks in marked]
    maxima = [sum(m.max_mark for m in marks.values()) for marks in marked]
    percents = [100 * t / m for t, m in zip(totals, maxima) if m > 0]
    items = _items_in_order(sittings, marked)
    questions = tuple(_item_stats(item, marked, totals, versions.get(item), language)
                      for item in items)
    return BankStats(
        bank_id=bank_id, attempts_kind=attempts, learners=len({s.learner for s in sittings}),
        n=len(sittings),
        mean=statistics.fmean(percents) if percents else None,
        median=statistics.median(percents) if percents else None,
        sd=statistics.stdev(percents) if len(percents) > 1 else None,
        distribution=_distribution(percents),
        alpha=_alpha(marked, totals),
        questions=questions,
        unmarked=sum(1 for s in every if any(not a.graded for a in s.answers)),
    )


def _items_in_order(sittings: Sequence[ClassSitting],
                    marked: Sequence[dict[ItemKey, _Mark]]) -> list[ItemKey]:
    """Question versions in the order of the first draw they appear in (bank order when
    the bank does not shuffle), then by id."""
    order: dict[ItemKey, tuple[int, int]] = {}
    for number, (sitting, marks) in enumerate(zip(sittings, marked)):
        for item in marks:
            position = sitting.draw.index(item.question_id)
            order.setdefault(item, (position, number))
    return sorted(order, key=lambda item: (order[item][0], item.question_id, item.fingerprint))


def _item_stats(item: ItemKey, marked: Sequence[dict[ItemKey, _Mark]], totals: Sequence[float],
                version: QuestionVersion | None, language: str) -> ItemStats:
    pairs = [(marks[item], total) for marks, total in zip(marked, totals) if item in marks]
    x = [m.mark for m, _ in pairs]
    rest = [total - m.mark for m, total in pairs]
    max_mark = pairs[0][0].max_mark
    content = version.content if version is not None else {}
    kind = version.type if version is not None else str(content.get("type", ""))
    answers = [m.answer for m, _ in pairs]
    facility = 100 * statistics.fmean(x) / max_mark if max_mark else None
    sd = 100 * statistics.stdev(x) / max_mark if len(x) > 1 and max_mark else None
    discrimination, efficiency = moodle_discrimination(x, rest)
    options = _options(kind, content, answers, language) if kind in CHOICE_LIKE else ()
    wrong = _wrong_answers(answers) if kind in TYPED else ()
    stats = ItemStats(item.question_id, item.fingerprint, kind, str(content.get("prompt", "")),
                      len(pairs), max_mark, facility, sd, discrimination, efficiency, options,
                      wrong)
    return replace(stats, flags=tuple(flags(stats, language)))


def moodle_discrimination(x: Sequence[float], rest: Sequence[float]) -> tuple[float | None, float | None]:
    """Moodle's discrimination index, 100 C(x, X) / sqrt(V(x) V(X)), and discriminative
    efficiency, 100 C(x, X) / C_max(x, X), where X is the rest of the attempt's marks and
    C_max pairs the sorted x with the sorted X. None where a variance (or C_max) is zero."""
    s = len(x)
    if s < 2:
        return None, None
    mean_x, mean_rest = statistics.fmean(x), statistics.fmean(rest)
    covariance = sum((a - mean_x) * (b - mean_rest) for a, b in zip(x, rest)) / (s - 1)
    var_x = sum((a - mean_x) ** 2 for a in x) / (s - 1)
    var_rest = sum((b - mean_rest) ** 2 for b in rest) / (s - 1)
    covariance_max = sum((a - mean_x) * (b - mean_rest)
                         for a, b in zip(sorted(x), sorted(rest))) / (s - 1)
    product = var_x * var_rest
    discrimination = 100 * covariance / math.sqrt(product) if product > 0 else None
    efficiency = 100 * covariance / covariance_max if covariance_max else None
    return discrimination, efficiency


def _alpha(marked: Sequence[dict[ItemKey, _Mark]], totals: Sequence[float]) -> float | None:
    """Moodle's coefficient of internal consistency: 100 p/(p-1) (1 - sum V(x_i) / V(T)), over
    p questions. Only when every attempt had the same questions (no draw of a subset)."""
    if len(marked) < 2 or any(marks.keys() != marked[0].keys() for marks in marked):
        return None
    p = len(marked[0])
    variance_total = statistics.variance(totals)
    if p < 2 or variance_total == 0:
        return None
    item_variances = sum(statistics.variance([marks[item].mark for marks in marked])
                         for item in marked[0])
    return 100 * p / (p - 1) * (1 - item_variances / variance_total)


def _distribution(percents: Sequence[float]) -> tuple[int, ...]:
    counts = [0] * 10
    for percent in percents:
        counts[min(int(percent // 10), 9)] += 1
    return tuple(counts)


def _options(kind: str, content: dict[str, Any], answers: Sequence[ClassAnswer],
             language: str) -> tuple[Option, ...]:
    """How many learners chose each option (distractor analysis)."""
    n = len(answers)
    if kind == "true-false":
        answer = bool(content.get("answer"))
        counts = Counter(a.response for a in answers if isinstance(a.response, bool))
        return tuple(Option(true_false_label(value, language), value == answer,
                            counts[value], counts[value] / n if n else 0.0)
                     for value in (True, False))
    choices = content.get("choices", [])
    chosen: Counter[int] = Counter()
    for a in answers:
        picked = a.response if isinstance(a.response, list) else [a.response]
        chosen.update(i for i in picked if isinstance(i, int) and not isinstance(i, bool))
    return tuple(Option(str(c["text"]), bool(c["correct"]), chosen[i], chosen[i] / n if n else 0.0)
                 for i, c in enumerate(choices))


def _wrong_answers(answers: Sequence[ClassAnswer], limit: int = 5) -> tuple[WrongAnswer, ...]:
    """The most frequent wrong typed answers, compared ignoring case and spacing; each shown as
    most learners wrote it."""
    forms: dict[str, Counter[str]] = {}
    for answer in answers:
        if answer.correct or answer.response is None:
            continue
        text = (" / ".join(str(part) for part in answer.response)
                if isinstance(answer.response, list) else str(answer.response)).strip()
        if text:
            forms.setdefault(" ".join(text.casefold().split()), Counter())[text] += 1
    ranked = sorted(forms.values(), key=lambda c: (-sum(c.values()), c.most_common(1)[0][0]))
    return tuple(WrongAnswer(c.most_common(1)[0][0], sum(c.values())) for c in ranked[:limit])


def flags(item: ItemStats, language: str) -> list[Flag]:
    """What a teacher should look at, in the teacher's language."""
    found: list[Flag] = []

    def flag(code: str, key: str, **values: object) -> None:
        found.append(Flag(code, _MESSAGES(language, key, **values)))

    if item.facility is not None and item.facility >= VERY_EASY:
        flag("very-easy", "very_easy", facility=_number(item.facility))
    elif item.facility is not None and item.facility <= VERY_HARD:
        flag("very-hard", "very_hard", facility=_number(item.facility))
    if item.discrimination is not None and item.discrimination < 0:
        flag("negative-discrimination", "negative", value=_number(item.discrimination))
    elif item.discrimination is not None and item.discrimination < LOW_DISCRIMINATION:
        flag("low-discrimination", "low", value=_number(item.discrimination))
    if item.n >= UNUSED_DISTRACTOR_MIN_N:
        for option in item.options:
            if not option.correct and option.count == 0:
                flag("unused-distractor", "unused", option=option.text)
    for wrong in item.wrong_answers:
        if wrong.count >= COMMON_WRONG_MIN and wrong.count >= COMMON_WRONG_SHARE * item.n:
            flag("common-wrong-answer", "common_wrong", count=wrong.count, n=item.n,
                 answer=wrong.answer)
    return found


def _number(value: float) -> str:
    return f"{value:.0f}"


def class_stats(reader: ClassReader, attempts: AttemptsKind = "first",
                language: str = "en") -> list[BankStats]:
    return [bank_stats(reader, bank_id, attempts, language) for bank_id in reader.banks()]
