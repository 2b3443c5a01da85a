"""`kwis.progress(...)`: mastery per topic as bars, and three plots where a learner would rather
look than read: mastery per topic over time, the score of each sitting, and the reviews due in
the coming days. Each plot has a title, axis labels and a text alternative (a table below it).

The plots are Vega-Lite 5 specifications written as plain JSON (no plotting library): JupyterLab
and Notebook 7 render them natively and interactively (tooltips), in the dark theme when
JupyterLab's is dark, and the JSON is the same on every run, so nbval can compare it. Altair
would write the same JSON but costs seconds to import, and Altair 6 writes Vega-Lite 6, which
JupyterLab 4 does not render; matplotlib draws PNGs, whose bytes differ between versions and
fonts, without tooltips and without following the theme (docs/learning.md has the figures).
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any, Sequence

from kwis._i18n import Messages, ui_language
from kwis._render import escape
from kwis.learning import (
    UNTAGGED, ClockLike, DayMastery, Mastery, SittingScore, as_clock, due_cards, due_forecast,
    local_date, mastery, mastery_history, next_due, next_review_sentence, say, sitting_scores,
)
from kwis.records import AnswerStore
from kwis.records._backend import Store, open_store
from kwis.records._learner import default_learner
from kwis.ui._review import BanksLike, load_banks

VEGA_LITE = "application/vnd.vegalite.v5+json"
VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"

_MESSAGES = Messages({
    "en": {
        "title": "Your progress",
        "mastery": "Mastery per topic",
        "mastery_note": "Mastery is the chance that you still know a topic's answers now, as the "
                        "review schedule estimates it from your answers.",
        "due_now": "Due for review now: {count}.",
        "history": "Mastery per topic over the last {days} days",
        "history_x": "Day",
        "history_y": "Mastery (chance you still know it)",
        "scores": "Score per sitting",
        "scores_x": "Sitting",
        "scores_y": "Score (first tries)",
        "forecast": "Reviews due in the coming {days} days",
        "forecast_x": "Day",
        "forecast_y": "Questions due",
        "topic": "Topic",
        "as_text": "As text",
        "day": "Day", "sitting": "Sitting", "score": "Score", "questions": "Questions",
        "nothing": "No answers yet: take a quiz first.",
    },
    "nl": {
        "title": "Je voortgang",
        "mastery": "Beheersing per onderwerp",
        "mastery_note": "Beheersing is de kans dat je de antwoorden van een onderwerp nu nog weet, "
                        "zoals het herhaalschema die uit je antwoorden schat.",
        "due_now": "Nu te herhalen: {count}.",
        "history": "Beheersing per onderwerp in de laatste {days} dagen",
        "history_x": "Dag",
        "history_y": "Beheersing (kans dat je het nog weet)",
        "scores": "Score per keer oefenen",
        "scores_x": "Keer",
        "scores_y": "Score (eerste pogingen)",
        "forecast": "Herhalingen in de komende {days} dagen",
        "forecast_x": "Dag",
        "forecast_y": "Vragen te herhalen",
        "topic": "Onderwerp",
        "as_text": "Als tekst",
        "day": "Dag", "sitting": "Keer", "score": "Score", "questions": "Vragen",
        "nothing": "Nog geen antwoorden: maak eerst een quiz.",
    },
})

_STYLE = """<style>
.kwis-progress .kwis-mastery-row{display:grid;grid-template-columns:minmax(8em,14em) 1fr 12em;
  gap:.6em;align-items:center;margin:.2em 0}
.kwis-progress .kwis-mastery-track{height:.9em;border:1px solid var(--jp-border-color1,#999);
  background:var(--jp-layout-color2,#eee);border-radius:2px}
.kwis-progress .kwis-mastery-fill{height:100%;background:var(--jp-brand-color1,#1976d2)}
.kwis-progress .kwis-mastery-none{color:var(--jp-ui-font-color1,inherit);font-style:italic}
.kwis-progress table{border-collapse:collapse}
.kwis-progress td,.kwis-progress th{padding:.1em .6em;text-align:left}
</style>"""


class Progress:
    """A learner's progress at a moment, over some banks (or every bank the store has cards of)."""

    def __init__(self, banks: BanksLike | None = None, *,
                 store: str | os.PathLike[str] | Store | None = None, user: str | None = None,
                 clock: ClockLike = None, language: str | None = None, days: int = 28,
                 forecast_days: int = 14) -> None:
        self.banks = load_banks(banks) if banks is not None else ()
        self.language = ui_language(language or (self.banks[0].language if self.banks else "en"))
        self.learner = user or default_learner()
        opened = (open_store(store, language=self.language)
                  if store is None or isinstance(store, (str, os.PathLike)) else store)
        self.at = as_clock(clock)()
        self.days, self.forecast_days = days, forecast_days
        cards = opened.cards(learner=self.learner) if isinstance(opened, AnswerStore) else ()
        reviews = opened.reviews(learner=self.learner) if isinstance(opened, AnswerStore) else ()
        if self.banks:
            wanted = {bank.id for bank in self.banks}
            cards = tuple(card for card in cards if card.bank_id in wanted)
        live = {card.id for card in cards}
        reviews = tuple(review for review in reviews if review.card in live)
        topics = [(bank.id, tag) for bank in self.banks for tag in bank.tags]
        self.mastery: list[Mastery] = mastery(cards, self.at, topics)
        self.history: list[DayMastery] = mastery_history(cards, reviews, self.at, days)
        self.scores: list[SittingScore] = sitting_scores(cards, reviews)
        self.forecast = due_forecast(cards, self.at, forecast_days)
        self.due_now = len(due_cards(cards, self.at))
        self.next_due = next_due(cards, self.at)
        self.bank_titles = {bank.id: bank.title for bank in self.banks}

    def msg(self, key: str, **values: object) -> str:
        return _MESSAGES(self.language, key, **values)

    # -- the bars ------------------------------------------------------------------------

    def topic(self, tag: str) -> str:
        return say(self.language, "untagged") if tag == UNTAGGED else tag

    def percent(self, value: float) -> str:
        return f"{round(100 * value)}%"

    def mastery_html(self) -> str:
        """Heading, what is due, and one bar per topic (a topic never practised says so)."""
        parts = [_STYLE, f'<div class="kwis-progress"><h3>{escape(self.msg("title"))}</h3>']
        if not self.mastery:
            parts.append(f"<p>{escape(self.msg('nothing'))}</p></div>")
            return "".join(parts)
        parts.append(f"<p>{escape(self._due_text())}</p>")
        parts.append(f"<h4>{escape(self.msg('mastery'))}</h4>"
                     f"<p>{escape(self.msg('mastery_note'))}</p>")
        for bank_id in dict.fromkeys(m.bank_id for m in self.mastery):
            if len(self.bank_titles) > 1 or bank_id not in self.bank_titles:
                parts.append(f"<h5>{escape(self.bank_titles.get(bank_id, bank_id))}</h5>")
            parts += [self._bar(m) for m in self.mastery if m.bank_id == bank_id]
        parts.append("</div>")
        return "".join(parts)

    def _due_text(self) -> str:
        text = self.msg("due_now", count=self.due_now)
        if self.next_due is not None:
            text += " " + next_review_sentence(self.next_due, self.at, self.language)
        return text

    def _bar(self, item: Mastery) -> str:
        name = escape(self.topic(item.tag))
        if item.mastery is None:
            value = say(self.language, "not_practised")
            bar = '<div class="kwis-mastery-track"></div>'
            shown = f'<span class="kwis-mastery-none">{escape(value)}</span>'
        else:
            value = self.percent(item.mastery)
            width = f"{100 * item.mastery:.1f}%"
            bar = (f'<div class="kwis-mastery-track"><div class="kwis-mastery-fill" '
                   f'style="width:{width}"></div></div>')
            shown = f"<span>{escape(value)}</span>"
        return (f'<div class="kwis-mastery-row" role="img" aria-label="{name}: {escape(value)}">'
                f"<span>{name}</span>{bar}{shown}</div>")

    # -- the plots -----------------------------------------------------------------------

    def history_chart(self) -> dict[str, Any]:
        rows = [{"day": point.day.isoformat(), "topic": self.topic(point.tag),
                 "mastery": round(point.mastery, 4)} for point in self.history]
        topic = {"field": "topic", "type": "nominal", "title": self.msg("topic")}
        day = {"field": "day", "type": "temporal", "timeUnit": "utcyearmonthdate",
               "title": self.msg("history_x"), "axis": {"format": "%d-%m"}}
        share = {"field": "mastery", "type": "quantitative", "title": self.msg("history_y"),
                 "scale": {"domain": [0, 1]}, "axis": {"format": ".0%"}}
        return self._chart("history", self.msg("history", days=self.days), rows, {
            "mark": {"type": "line", "point": True},
            "encoding": {"x": day, "y": share, "color": topic,
                         "tooltip": [_tip(topic), _tip(day, "%d-%m-%Y"), _tip(share, ".0%")]},
        })

    def scores_chart(self) -> dict[str, Any]:
        rows = [{"sitting": f"{number}. {local_date(item.started, self.language)}",
                 "score": round(item.score, 4), "questions": item.questions}
                for number, item in enumerate(self.scores, start=1)]
        sitting = {"field": "sitting", "type": "ordinal", "sort": None,
                   "title": self.msg("scores_x")}
        score = {"field": "score", "type": "quantitative", "title": self.msg("scores_y"),
                 "scale": {"domain": [0, 1]}, "axis": {"format": ".0%"}}
        questions = {"field": "questions", "type": "quantitative", "title": self.msg("questions")}
        return self._chart("scores", self.msg("scores"), rows, {
            "mark": "bar",
            "encoding": {"x": sitting, "y": score,
                         "tooltip": [_tip(sitting), _tip(score, ".0%"), questions]},
        })

    def forecast_chart(self) -> dict[str, Any]:
        rows = [{"day": local_date(_noon(day), self.language), "questions": count}
                for day, count in self.forecast]
        day = {"field": "day", "type": "ordinal", "sort": None, "title": self.msg("forecast_x")}
        most = max((count for _, count in self.forecast), default=0)
        ticks = {"values": list(range(most + 1))} if most <= 10 else {"tickMinStep": 1}
        count = {"field": "questions", "type": "quantitative", "title": self.msg("forecast_y"),
                 "axis": {**ticks, "format": "d"}}  # whole questions only
        return self._chart("forecast", self.msg("forecast", days=self.forecast_days), rows, {
            "mark": "bar", "encoding": {"x": day, "y": count, "tooltip": [_tip(day), _tip(count)]},
        })

    def _chart(self, name: str, title: str, rows: list[dict[str, Any]],
               body: dict[str, Any]) -> dict[str, Any]:
        return {
            "$schema": VEGA_LITE_SCHEMA,
            "title": title,
            "description": f"{title}. {self._table_text(rows)}",
            "width": 520, "height": 220,
            "data": {"name": name, "values": rows},
            **body,
        }

    def charts(self) -> list[dict[str, Any]]:
        return [self.history_chart(), self.scores_chart(), self.forecast_chart()]

    # -- the text alternative ------------------------------------------------------------

    def _table_text(self, rows: list[dict[str, Any]]) -> str:
        return "; ".join(", ".join(f"{self._cell(key, value)}" for key, value in row.items())
                         for row in rows)

    def _cell(self, key: str, value: Any) -> str:
        if key in ("mastery", "score"):
            return self.percent(float(value))
        return str(value)

    def table_html(self, chart: dict[str, Any]) -> str:
        """The chart's data as a table, folded under `Als tekst` below the plot."""
        rows = chart["data"]["values"]
        keys = list(rows[0]) if rows else []
        head = "".join(f"<th>{escape(self.msg(key) if key != 'topic' else self.msg('topic'))}</th>"
                       for key in keys)
        body = "".join("<tr>" + "".join(f"<td>{escape(self._cell(k, row[k]))}</td>" for k in keys)
                       + "</tr>" for row in rows)
        return (f'<details class="kwis-progress"><summary>{escape(self.msg("as_text"))}: '
                f'{escape(chart["title"])}</summary><table><thead><tr>{head}</tr></thead>'
                f"<tbody>{body}</tbody></table></details>")

    def text(self) -> str:
        """The whole view as plain text."""
        lines = [self.msg("title"), self._due_text(), "", self.msg("mastery")]
        for item in self.mastery:
            value = (say(self.language, "not_practised") if item.mastery is None
                     else self.percent(item.mastery))
            lines.append(f"  {self.topic(item.tag)}: {value}")
        return "\n".join(lines)

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        return {"text/html": self.mastery_html(), "text/plain": self.text()}

    def outputs(self) -> list[dict[str, Any]]:
        """What `kwis.progress` displays, in order: the bars, then each plot and its table."""
        shown: list[dict[str, Any]] = [self._repr_mimebundle_()]
        if not self.mastery:
            return shown
        for chart in self.charts():
            shown.append({VEGA_LITE: chart, "text/plain": chart["description"]})
            shown.append({"text/html": self.table_html(chart),
                          "text/plain": chart["description"]})
        return shown


def _tip(channel: dict[str, Any], format_: str = "") -> dict[str, Any]:
    """A tooltip line for a channel: its field, type, time unit and title (and format)."""
    kept: dict[str, Any] = {key: channel[key] for key in ("field", "type", "timeUnit", "title")
                            if key in channel}
    return {**kept, "format": format_} if format_ else kept


def _noon(day: Any) -> datetime:
    """Noon of a local day, so its local date is that day whatever the time zone."""
    return datetime(day.year, day.month, day.day, 12).astimezone()


def progress(banks: BanksLike | None = None, **options: Any) -> None:
    """Shows the learner's progress (`Progress`, same arguments): the bars, then each plot with
    its table below it."""
    from IPython.display import display

    for bundle in Progress(banks, **options).outputs():
        display(bundle, raw=True)  # type: ignore[no-untyped-call]
