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
from kwis.ui._wire import live_models
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


def every_model() -> dict[str, Any]:
    """Every live widget model by id: kwis's own (`kwis.ui._wire`) and ipywidgets'."""
    return {**widgets.widget._instances, **{m.model_id: m for m in live_models()}}


def browser_state(quiz: Quiz) -> str:
    """Every widget model under the quiz, in tree order, as the frontend gets it (model ids
    replaced by their position, as they differ from run to run)."""
    states: list[dict[str, Any]] = []
    order: dict[str, int] = {}

    def visit(widget: Any) -> None:
        if widget.model_id in order:
            return
        order[widget.model_id] = len(order)
        state = widget.get_state()
        states.append(state)
        for value in state.values():
            for ref in re.findall(r"IPY_MODEL_([0-9a-f]+)", json.dumps(value)):
                visit(every_model()[ref])

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


def every_model_state(make: Any) -> tuple[Quiz, str]:
    """A quiz from `make()` and the state of every widget model made for it, read from the
    registries of live models (also models the tree does not reach), as JSON text."""
    before = set(every_model())
    quiz = make()
    made = [w.get_state() for key, w in every_model().items() if key not in before]
    assert made, "the quiz made no widget model"
    return quiz, json.dumps(made, default=str, ensure_ascii=False)


def giveaways(bank: Bank) -> list[str]:
    """Every explanation, feedback text, accepted text, number and typed gap answer of the bank."""
    found: list[str] = []
    for q in bank.questions:
        found += [q.explanation, *vars(q.feedback).values()]
        found += [c.feedback for c in getattr(q, "choices", ())]
        found += list(getattr(q, "answers", ()))
        if q.type == "numeric":
            found += ["1,26", "1.26"]
        if q.type == "cloze":
            found += [a for gap in q.gaps if not gap.is_dropdown for a in gap.answers]  # type: ignore[attr-defined]
    shown = " ".join(shown_texts(bank))  # `Goïta` answers one question and is in another's prompt
    return [text for text in found if text.strip() and text not in shown]


def shown_texts(bank: Bank) -> list[str]:
    texts: list[str] = []
    for q in bank.questions:
        texts += [q.prompt, *(c.text for c in getattr(q, "choices", ())), *getattr(q, "items", ())]
        texts += [text for p in getattr(q, "pairs", ()) for text in (p.left, p.right)]
        texts += [s if isinstance(s, str) else " ".join(s.options) for s in getattr(q, "segments", ())]
    return texts


def messages_before_submit(quiz: Quiz, monkeypatch: Any) -> str:
    """Every custom message the kernel sends while the page says it is drawn (`ready`, which in
    practice brings the instant-feedback tables), pages and answers each question, as JSON."""
    from tests.ui.conftest import give, send

    sent: list[Any] = []
    monkeypatch.setattr(quiz, "send", lambda content, buffers=None: sent.append(content))
    send(quiz, kind="ready")
    for view in quiz.questions:
        values = view.control.every_value()
        if values:  # the questions that would have a table in practice
            give(view, values[-1])
            send(quiz, kind="ready")
    return json.dumps(sent, default=str, ensure_ascii=False, sort_keys=True)


def test_no_message_of_an_exam_carries_feedback_before_submit(tmp_path: Path, monkeypatch: Any) -> None:
    """What the page gets by message before Submit (after `ready`, paging, answering) is no
    instant-feedback table and does not depend on the key, paged or scroll."""
    bank = dutch_bank()
    for layout in ("paged", "scroll"):
        shown = []
        for n, variant in enumerate((bank, other_key(bank))):
            store = AnswerStore(tmp_path / f"{layout}{n}.sqlite3")
            quiz = Quiz(variant, "exam", store=store, user="anna", layout=layout)
            shown.append(messages_before_submit(quiz, monkeypatch))
            store.close()
        assert shown[0] == shown[1]
        assert '"instant"' not in shown[0] and "kwis-verdict" not in shown[0]


def test_no_model_of_an_exam_holds_a_key_before_submit_full_bank_or_copy(tmp_path: Path, monkeypatch: Any) -> None:
    from kwis.bank import keyless_bank, load_bank
    from kwis.bank._writer import bank_to_yaml

    full = dutch_bank()
    copy_file = tmp_path / "copy.yaml"
    copy_file.write_text(bank_to_yaml(keyless_bank(full)), encoding="utf-8")
    secrets = giveaways(full)
    assert len(secrets) >= 7
    for n, bank in enumerate((full, load_bank(copy_file))):
        store = AnswerStore(tmp_path / f"state{n}.sqlite3")
        quiz, state = every_model_state(lambda: Quiz(bank, "exam", store=store, user="anna", layout="scroll"))
        messages = messages_before_submit(quiz, monkeypatch)
        assert '"correct"' not in state and '"instant"' not in messages
        for secret in secrets:
            assert secret not in state, (bank.keyless, secret)
            assert secret not in messages, (bank.keyless, secret)
        if not bank.keyless:  # the walk sees feedback where there is some: after Submit
            quiz.submit()
            after = json.dumps(quiz.get_state(), default=str, ensure_ascii=False)
            assert "Diop eiste in New York een onmiddellijke terugtrekking." in after
        store.close()
