"""The teacher dashboard's views of a class (notebooks/teacher-dashboard.ipynb): Vega-Lite charts
made with Altair, and the table of flagged questions. Needs the `dashboard` extra
(`pip install kwis[dashboard]`). Works on any `kwis.records.ClassReader`.

Mastery per tag comes from the spaced-review model of `kwis.learning` (each learner's chance to
recall the tag's questions, from their review cards, which `kwis collect` gathers) when learners
have reviewed; for a class without cards (exams only), from scores: each learner's share of the
marks on the tag's questions in their counted attempt.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any, Sequence

import altair as alt

from kwis._i18n import Messages
from kwis._model import Bank
from kwis.bank import read_bank
from kwis.learning import mastery
from kwis.records import Card, ClassReader
from kwis.teacher._stats import (
    AttemptsKind, BankStats, ItemStats, ItemKey, counted_sittings, sitting_marks,
)

_MESSAGES = Messages({
    "en": {
        "score": "Score (% of the marks)", "attempts": "Attempts",
        "facility": "Facility (%)", "discrimination": "Discrimination index (%)",
        "question": "Question", "flagged": "Flagged", "tag": "Tag",
        "mastery": "Share of the marks (%)", "learners": "Learners", "option": "Option",
        "chosen": "Chosen by", "correct": "Right answer", "yes": "yes", "no": "no",
        "where": "Where", "why": "Why", "none_flagged": "No question is flagged.",
        "version": "version",
    },
    "nl": {
        "score": "Score (% van de punten)", "attempts": "Pogingen",
        "facility": "p-waarde (%)", "discrimination": "Rir, discriminatie-index (%)",
        "question": "Vraag", "flagged": "Gemarkeerd", "tag": "Tag",
        "mastery": "Deel van de punten (%)", "learners": "Leerlingen", "option": "Optie",
        "chosen": "Gekozen door", "correct": "Goede antwoord", "yes": "ja", "no": "nee",
        "where": "Waar", "why": "Waarom", "none_flagged": "Geen vraag is gemarkeerd.",
        "version": "versie",
    },
})


def score_distribution(stats: BankStats, language: str) -> alt.Chart:
    """Attempts per tenth of the score."""
    rows = [{"from": 10 * i, "to": 10 * i + 10, "count": count}
            for i, count in enumerate(stats.distribution)]
    msg = _labels(language)
    chart: alt.Chart = alt.Chart(alt.Data(values=rows)).mark_bar().encode(
        x=alt.X("from:Q", bin="binned", title=msg("score"), scale=alt.Scale(domain=[0, 100])),
        x2="to:Q",
        y=alt.Y("count:Q", title=msg("attempts")),
        tooltip=[alt.Tooltip("from:Q"), alt.Tooltip("to:Q"), alt.Tooltip("count:Q")],
    ).properties(width=420, height=200)
    return chart


def facility_discrimination(stats: BankStats, language: str) -> alt.LayerChart:
    """Facility against discrimination per question; flagged questions in another colour and
    labelled with their id."""
    msg = _labels(language)
    rows = [{"id": q.id, "facility": q.facility, "discrimination": q.discrimination,
             "flagged": msg("yes") if q.flags else msg("no"),
             "flags": "; ".join(f.message for f in q.flags)}
            for q in stats.questions if q.facility is not None and q.discrimination is not None]
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X("facility:Q", title=msg("facility"), scale=alt.Scale(domain=[0, 100])),
        y=alt.Y("discrimination:Q", title=msg("discrimination"), scale=alt.Scale(domain=[-100, 100])),
    )
    points = base.mark_circle(size=60).encode(
        color=alt.Color("flagged:N", title=msg("flagged"),
                        scale=alt.Scale(domain=[msg("no"), msg("yes")], range=["#4c78a8", "#e45756"])),
        tooltip=["id:N", "facility:Q", "discrimination:Q", "flags:N"],
    )
    labels = base.transform_filter(alt.datum.flagged == msg("yes")).mark_text(
        align="left", dx=6, fontSize=10).encode(text="id:N")
    layered: alt.LayerChart = (points + labels).properties(width=420, height=320)
    return layered


@dataclass(frozen=True)
class TagScore:
    tag: str
    learner: str
    percent: float


def tag_scores(reader: ClassReader, bank: Bank, attempts: AttemptsKind = "first") -> list[TagScore]:
    """Each learner's share of the marks on the questions of each tag (counted attempts)."""
    tags = {q.id: q.tags for q in bank.questions}
    versions = {ItemKey(v.question_id, v.fingerprint): v for v in reader.question_versions(bank.id)}
    found: list[TagScore] = []
    for sitting in counted_sittings(reader.sittings(bank.id), attempts):
        earned: dict[str, list[float]] = {}
        for item, mark in sitting_marks(sitting, versions).items():
            for tag in tags.get(item.question_id, ()):
                entry = earned.setdefault(tag, [0.0, 0.0])
                entry[0] += mark.mark
                entry[1] += mark.max_mark
        found += [TagScore(tag, sitting.learner, 100 * e / m) for tag, (e, m) in earned.items() if m]
    return found


def class_mastery(reader: ClassReader, bank: Bank, at: datetime,
                  attempts: AttemptsKind = "first") -> tuple[list[TagScore], str]:
    """Each learner's mastery per tag, and where it comes from: "model" (kwis.learning's
    retrievability at `at`, from the collected cards) or "scores" (`tag_scores`)."""
    cards = getattr(reader, "cards", lambda _bank_id: ())(bank.id)
    if not cards:
        return tag_scores(reader, bank, attempts), "scores"
    by_learner: dict[str, list[Card]] = {}
    for card in cards:
        by_learner.setdefault(card.learner, []).append(card)
    found = [TagScore(m.tag, learner, 100 * m.mastery)
             for learner, own in sorted(by_learner.items())
             for m in mastery(own, at) if m.mastery is not None]
    return found, "model"


def tag_mastery(scores: Sequence[TagScore], language: str) -> alt.Chart:
    """Per tag: the spread of the learners' shares of the marks (box plot)."""
    msg = _labels(language)
    rows = [{"tag": s.tag, "learner": s.learner, "percent": round(s.percent, 1)} for s in scores]
    order = sorted({s.tag for s in scores},  # ties by name: a set's order changes per process
                   key=lambda t: (statistics.median(s.percent for s in scores if s.tag == t), t))
    chart: alt.Chart = alt.Chart(alt.Data(values=rows)).mark_boxplot(extent="min-max").encode(
        y=alt.Y("tag:N", title=msg("tag"), sort=order),
        x=alt.X("percent:Q", title=msg("mastery"), scale=alt.Scale(domain=[0, 100])),
    ).properties(width=420, height=22 * max(1, len(order)))
    return chart


def option_counts(item: ItemStats, language: str) -> alt.Chart:
    """How many learners chose each option of a choice-like question."""
    msg = _labels(language)
    rows = [{"option": o.text, "count": o.count,
             "correct": msg("yes") if o.correct else msg("no")} for o in item.options]
    chart: alt.Chart = alt.Chart(alt.Data(values=rows)).mark_bar().encode(
        y=alt.Y("option:N", title=msg("option"), sort=None),
        x=alt.X("count:Q", title=msg("chosen"), scale=alt.Scale(domain=[0, max(1, item.n)])),
        color=alt.Color("correct:N", title=msg("correct"),
                        scale=alt.Scale(domain=[msg("no"), msg("yes")], range=["#bab0ac", "#54a24b"])),
        tooltip=["option:N", "count:Q"],
    ).properties(title=item.id, width=360, height=30 * max(1, len(rows)))
    return chart


def choice_questions(stats: BankStats) -> list[tuple[str, ItemStats]]:
    """(label, statistics) of every question with options, for a dropdown."""
    return [(f"{q.id} ({q.version[:6]})" if _versions(stats, q.id) > 1 else q.id, q)
            for q in stats.questions if q.options]


def _versions(stats: BankStats, question_id: str) -> int:
    return sum(1 for q in stats.questions if q.id == question_id)


def flagged_table(stats: BankStats, bank_path: str | Path, language: str,
                  link_base: str = "") -> str:
    """HTML: every flagged question with a link to its line in the bank file (`link_base` is
    put before the file name in the links, e.g. the path from the notebook to the bank)."""
    msg = _labels(language)
    flagged = [q for q in stats.questions if q.flags]
    if not flagged:
        return f"<p>{escape(msg('none_flagged'))}</p>"
    lines = question_lines(bank_path)
    name = Path(bank_path).name
    rows = []
    for q in flagged:
        line = lines.get(q.id, 1)
        href = f"{link_base}{name}#L{line}"
        where = f'<a href="{escape(href)}">{escape(name)}:{line}</a>'
        why = "<br>".join(escape(f.message) for f in q.flags)
        rows.append(f"<tr><td><code>{escape(q.id)}</code></td><td>{where}</td><td>{why}</td></tr>")
    head = "".join(f"<th>{escape(msg(k))}</th>" for k in ("question", "where", "why"))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def question_lines(bank_path: str | Path) -> dict[str, int]:
    """The line of each question in its bank file, by id."""
    loaded = read_bank(bank_path)
    if loaded.bank is None:
        return {}
    return {q.id: loaded.positions.get(f"$.questions[{i}]", (1, 1))[0]
            for i, q in enumerate(loaded.bank.questions)}


def _labels(language: str) -> Any:
    def msg(key: str) -> str:
        return _MESSAGES(language, key)

    return msg
