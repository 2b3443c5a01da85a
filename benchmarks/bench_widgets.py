"""How long building a 100-question quiz takes, against bare ipywidgets controls, and what it
sends to the browser (widget models and the size of their state).

Builds the bank in memory from the model (eight question types in turn), then times, as the
median of several runs:
  - bare: for each question only the ipywidgets inputs a student uses (RadioButtons, Checkboxes,
    ToggleButtons, Text, Dropdowns, Buttons), built the plain way -- each with its own Layout and
    style model, as ipywidgets makes them by default;
  - kwis scroll: every question built at once (its spec and state in the quiz's one model): the figure the
    target is about;
  - kwis paged (the default layout): builds a question's widgets when it is first shown, so it
    only builds the first question here;
  - kwis scroll, exam mode (no Check buttons), and restored with every question checked (a
    feedback area per question);
and counts the widget models each build makes (every model is a comm and a model in the browser,
Layout and style models included). Also the import time of `kwis` (model, loader, grading), of
`kwis` with its widget layer, and of `ipywidgets` alone, each in a fresh interpreter.

Ends with `ratio: X.XX`: the whole 100-question quiz in the scroll layout / bare (target at most
2), with the paged figure beside it.

Run: .venv/bin/python benchmarks/bench_widgets.py
"""

from __future__ import annotations

import gc
import json
import statistics
import subprocess
import sys
import time
from typing import Any, Callable

import ipywidgets as widgets

from kwis import Quiz
from kwis.grading._grade import correct_response
from kwis._model import (
    AnyQuestion, Bank, Choice, ChoiceQuestion, ClozeQuestion, Gap, MatchQuestion, MultipleQuestion,
    NumericQuestion, OrderQuestion, Pair, TextQuestion, TrueFalseQuestion,
)
from kwis.records._store import AnswerStore
from kwis.ui._wire import live_models

QUESTIONS = 100
REPEATS = 7
TARGET = 2.0


def question(i: int) -> AnyQuestion:
    kind = i % 8
    common = {"id": f"q{i}", "prompt": f"Vraag {i} over **Minusma** en Mali?",
              "source": ("Hij eiste een „onmiddellijke terugtrekking”.",), "tags": ("mali",)}
    if kind == 0:
        return ChoiceQuestion(**common, choices=(Choice("Terugtrekking", True), Choice("Meer"),
                                                 Choice("Nieuw mandaat")))
    if kind == 1:
        return MultipleQuestion(**common, choices=(Choice("Rusland", True), Choice("Turkije", True),
                                                   Choice("Iran", True), Choice("Frankrijk")))
    if kind == 2:
        return TrueFalseQuestion(**common, answer=True)
    if kind == 3:
        return NumericQuestion(**common, answer=1.26, low=1.26, high=1.26, unit="miljard dollar")
    if kind == 4:
        return TextQuestion(**common, answers=("Goïta",))
    if kind == 5:
        return ClozeQuestion(**common, segments=("Frankrijk is de ", Gap(("penvoerder",)), " en de ",
                                                 Gap(("Fransen",), ("Fransen", "Russen")), "."))
    if kind == 6:
        return OrderQuestion(**common, items=("2013", "2014", "2020"))
    return MatchQuestion(**common, pairs=(Pair("Goïta", "president"), Pair("Diop", "minister"),
                                          Pair("Kitzen", "hoogleraar")))


def bank() -> Bank:
    return Bank(id="bench", title="Bench", language="nl",
                questions=tuple(question(i) for i in range(QUESTIONS)))


def bare_controls(q: AnyQuestion) -> list[widgets.Widget]:
    """Only the inputs a student touches, nothing else."""
    if isinstance(q, ChoiceQuestion):
        return [widgets.RadioButtons(options=[(c.text, i) for i, c in enumerate(q.choices)], value=None)]
    if isinstance(q, MultipleQuestion):
        return [widgets.Checkbox(description=c.text) for c in q.choices]
    if isinstance(q, TrueFalseQuestion):
        return [widgets.ToggleButtons(options=[("Waar", True), ("Onwaar", False)], value=None)]
    if isinstance(q, (NumericQuestion, TextQuestion)):
        return [widgets.Text()]
    if isinstance(q, ClozeQuestion):
        return [widgets.Dropdown(options=g.options, value=None) if g.is_dropdown else widgets.Text()
                for g in q.gaps]
    if isinstance(q, OrderQuestion):
        return [widgets.Button(description=d) for _ in q.items for d in ("Omhoog", "Omlaag")]
    assert isinstance(q, MatchQuestion)
    return [widgets.Dropdown(options=q.right_options, value=None) for _ in q.pairs]


def median_seconds(builds: dict[str, Callable[[], object]]) -> dict[str, float]:
    """The median build time of each, the builds taking turns so that load from elsewhere on the
    machine falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in builds}
    for _ in range(REPEATS):
        for name, build in builds.items():
            gc.collect()
            start = time.perf_counter()
            built = build()
            times[name].append(time.perf_counter() - start)
            widgets.Widget.close_all()
            del built
    return {name: statistics.median(runs) for name, runs in times.items()}


def models_built(build: Callable[[], object]) -> tuple[int, float]:
    """How many widget models (Layout and style models included) one build makes, and the size
    of their state as the browser gets it (kB of JSON)."""
    made: list[Any] = []
    widgets.Widget.on_widget_constructed(made.append)
    before = set(live_models())  # kwis's own widget models (kwis.ui._wire), not ipywidgets'
    try:
        build()
    finally:
        widgets.Widget.on_widget_constructed(None)
    made += [model for model in live_models() if model not in before]
    size = sum(len(json.dumps(w.get_state(), default=str)) for w in made) / 1e3
    for model in made:
        model.close()
    return len(made), size


def answered_store(the_bank: Bank) -> AnswerStore:
    """A store in which the bench user has checked every question (restored on build)."""
    store = AnswerStore(":memory:")
    quiz = Quiz(the_bank, store=store, seed=1, user="bench", layout="scroll")
    for view in quiz.questions:
        view.answer(correct_response(view.question))
        view.check()
    widgets.Widget.close_all()
    return store


def import_seconds(statement: str) -> float:
    code = f"import time; s = time.perf_counter(); {statement}; print(time.perf_counter() - s)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True).stdout) for _ in range(5)]
    return statistics.median(runs)


def main() -> None:
    the_bank = bank()
    answered = answered_store(the_bank)
    builds: dict[str, Callable[[], object]] = {
        "bare ipywidgets controls": lambda: [w for q in the_bank.questions
                                             for w in bare_controls(q)],
        "kwis Quiz, scroll (all)": lambda: Quiz(the_bank, store=":memory:", seed=1, user="bench",
                                                layout="scroll"),
        "kwis Quiz, paged (lazy)": lambda: Quiz(the_bank, store=":memory:", seed=1, user="bench"),
        "kwis scroll, exam": lambda: Quiz(the_bank, store=":memory:", seed=1, user="bench",
                                          layout="scroll", mode="exam"),
        "kwis scroll, all checked": lambda: Quiz(the_bank, store=answered, seed=1, user="bench",
                                                 layout="scroll"),
    }
    seconds = median_seconds(builds)
    models = {name: models_built(build) for name, build in builds.items()}
    bare = seconds["bare ipywidgets controls"]
    print(f"questions: {QUESTIONS}, median of {REPEATS} runs; models = widget models built "
          "(Layout and style models included), and their state")
    for name in builds:
        count, size = models[name]
        print(f"{name + ':':27} {seconds[name] * 1000:7.1f} ms  ({seconds[name] / bare:4.2f}x)"
              f"  {count:5d} models ({count / QUESTIONS:4.2f} per question) {size:7.0f} kB")
    print(f"import ipywidgets:          {import_seconds('import ipywidgets') * 1000:7.1f} ms")
    print(f"import kwis:                {import_seconds('import kwis') * 1000:7.1f} ms")
    print(f"import kwis + widgets:      {import_seconds('import kwis.ui._widget') * 1000:7.1f} ms")
    scroll = seconds["kwis Quiz, scroll (all)"] / bare
    paged = seconds["kwis Quiz, paged (lazy)"] / bare
    verdict = "within" if scroll <= TARGET else "OVER"
    print(f"scroll {verdict} the {TARGET:.0f}x target; paged (builds only the shown question): "
          f"{paged:.2f}x")
    print(f"ratio: {scroll:.2f}")


if __name__ == "__main__":
    main()
