"""In exam mode, nothing the browser receives before Submit depends on the answer key: two banks
that show the same questions but have different keys (right choices, true/false answer, numbers,
typed answers, gap answers, the right order, the pairs of a match, explanations, feedback) give
byte-for-byte the same widget state, read from every widget model of the quiz. (Shuffles start
from alphabetical order, not from the written one: a student who knows the seed, which comes from
their user name, could otherwise undo them.)"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from kwis._model import Bank, Choice, Feedback, Gap, Pair
from kwis.records._store import AnswerStore
from kwis.ui._widget import Quiz
from tests.ui.conftest import dutch_bank


def other_key(bank: Bank) -> Bank:
    """The same questions as shown, every answer key and every post-submit text different."""
    changed = []
    for q in bank.questions:
        q = replace(q, explanation="Een andere uitleg.", feedback=Feedback("a", "b", "c"))
        if q.type == "choice":
            q = replace(q, choices=tuple(Choice(c.text, correct=i == 2, feedback="anders")
                                         for i, c in enumerate(q.choices)))
        elif q.type == "multiple":
            q = replace(q, choices=tuple(Choice(c.text, correct=i == 3) for i, c in enumerate(q.choices)))
        elif q.type == "true-false":
            q = replace(q, answer=not q.answer)
        elif q.type == "numeric":
            q = replace(q, answer=3.5, low=3.0, high=4.0)
        elif q.type == "text":
            q = replace(q, answers=("Keïta",))
        elif q.type == "cloze":
            q = replace(q, segments=("Frankrijk is de ", Gap(("voorzitter",)),
                                     " voor Mali; resoluties worden door de ",
                                     Gap(("Russen",), ("Fransen", "Russen", "Malinezen")),
                                     " geschreven."))
        elif q.type == "order":
            # The one thing the start order depends on: it is never the right order or its
            # reverse. This other right order is neither for the seed of this test's user.
            q = replace(q, items=(q.items[1], q.items[2], q.items[0]))
        elif q.type == "match":
            rights = [p.right for p in q.pairs]
            q = replace(q, pairs=tuple(Pair(p.left, rights[(i + 1) % 3]) for i, p in enumerate(q.pairs)))
        changed.append(q)
    return replace(bank, questions=tuple(changed))


_INSTANCES = widgets.widget._instances  # every live widget model, by model id


def browser_state(quiz: Quiz) -> str:
    """Every widget model under the quiz, in tree order, as the frontend gets it (model ids
    replaced by their position, as they differ from run to run)."""
    states: list[dict[str, Any]] = []
    order: dict[str, int] = {}

    def visit(widget: widgets.Widget) -> None:
        if widget.model_id in order:
            return
        order[widget.model_id] = len(order)
        state = widget.get_state()
        states.append(state)
        for value in state.values():
            for ref in re.findall(r"IPY_MODEL_([0-9a-f]+)", json.dumps(value)):
                visit(_INSTANCES[ref])

    visit(quiz)
    text = json.dumps(states, sort_keys=True, default=str)
    return re.sub(r"IPY_MODEL_([0-9a-f]+)", lambda m: f"MODEL_{order.get(m.group(1), -1)}", text)


def test_exam_state_before_submit_does_not_depend_on_the_key(tmp_path: Path) -> None:
    bank = dutch_bank()
    shown = []
    for n, variant in enumerate((bank, other_key(bank))):
        store = AnswerStore(tmp_path / f"store{n}.sqlite3")
        quiz = Quiz(variant, "exam", store=store, user="anna", layout="scroll")
        shown.append(browser_state(quiz))
        store.close()
    assert shown[0] == shown[1]
    for secret in ("onmiddellijke terugtrekking.", "Inderdaad", "juist", "1,26", "1.26"):
        assert secret not in shown[0]
