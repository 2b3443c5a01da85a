"""How long building a 100-question quiz takes, against bare ipywidgets controls.

Builds the bank in memory from the model (eight question types in turn), then times, as the
median of several runs:
  - bare: for each question only the ipywidgets inputs a student uses (RadioButtons, Checkboxes,
    ToggleButtons, Text, Dropdowns, Buttons) -- the least any quiz must build;
  - kwis paged (the default layout): builds a question's widgets when it is first shown;
  - kwis scroll: builds every question at once.
Also the import time of `kwis` (model, loader, grading), of `kwis` with its widget layer, and of
`ipywidgets` alone, each in a fresh interpreter. Ends with `ratio: X.XX` (kwis default layout /
bare; target at most 2).

Run: .venv/bin/python benchmarks/bench_widgets.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from typing import Callable

import ipywidgets as widgets

from kwis import Quiz
from kwis._model import (
    AnyQuestion, Bank, Choice, ChoiceQuestion, ClozeQuestion, Gap, MatchQuestion, MultipleQuestion,
    NumericQuestion, OrderQuestion, Pair, TextQuestion, TrueFalseQuestion,
)

QUESTIONS = 100
REPEATS = 7


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


def median_seconds(build: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        built = build()
        times.append(time.perf_counter() - start)
        widgets.Widget.close_all()
        del built
    return statistics.median(times)


def import_seconds(statement: str) -> float:
    code = f"import time; s = time.perf_counter(); {statement}; print(time.perf_counter() - s)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True).stdout) for _ in range(5)]
    return statistics.median(runs)


def main() -> None:
    the_bank = bank()
    bare = median_seconds(lambda: [w for q in the_bank.questions for w in bare_controls(q)])
    paged = median_seconds(lambda: Quiz(the_bank, store=":memory:", seed=1, user="bench"))
    scroll = median_seconds(lambda: Quiz(the_bank, store=":memory:", seed=1, user="bench",
                                         layout="scroll"))
    print(f"questions: {QUESTIONS}, median of {REPEATS} runs")
    print(f"bare ipywidgets controls: {bare * 1000:8.1f} ms")
    print(f"kwis Quiz, paged (lazy): {paged * 1000:8.1f} ms  ({paged / bare:.2f}x)")
    print(f"kwis Quiz, scroll (all): {scroll * 1000:8.1f} ms  ({scroll / bare:.2f}x)")
    print(f"import ipywidgets:       {import_seconds('import ipywidgets') * 1000:8.1f} ms")
    print(f"import kwis:             {import_seconds('import kwis') * 1000:8.1f} ms")
    print(f"import kwis + widgets:   {import_seconds('import kwis._quiz') * 1000:8.1f} ms")
    print(f"ratio: {paged / bare:.2f}")


if __name__ == "__main__":
    main()
