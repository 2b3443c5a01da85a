"""The quiz widget driven as the browser drives it (the messages its code sends when a student
answers or presses a button), read as the browser shows it (the synced state)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import comm
import pytest

from kwis import Quiz
from kwis.grading._grade import correct_response
from kwis._model import Bank
from .conftest import (
    choose, dutch_bank, english_bank, give, many_questions_bank, move, options, press, send,
    shown_items, tick,
)

DATA = Path(__file__).parent.parent / "data"


def text_of(fragment: str) -> str:
    """What a reader sees of an HTML fragment."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def make(bank: Bank | None = None, tmp_path: Path | None = None, **options: object) -> Quiz:
    store = str(tmp_path / "answers.sqlite3") if tmp_path else ":memory:"
    options.setdefault("seed", 7)
    options.setdefault("user", "anna")
    return Quiz(bank or dutch_bank(), store=store, **options)  # type: ignore[arg-type]


def view_of(quiz: Quiz, question_id: str):  # type: ignore[no-untyped-def]
    return next(v for v in quiz.questions if v.question.id == question_id)


# -- every question type, practice mode ----------------------------------------------------


def test_choice_radio_buttons_give_feedback_explanation_and_source() -> None:
    quiz = make()
    view = view_of(quiz, "diop-eis")
    assert sorted(options(view)) == ["Een nieuw mandaat", "Een onmiddellijke terugtrekking",
                                     "Meer blauwhelmen"]
    choose(view, "Meer blauwhelmen")
    press(view, "check")
    shown = text_of(view.feedback)
    assert shown.startswith("Niet goed. 0 van 1 punt")
    assert "Mali wilde juist minder VN-troepen." in shown
    assert "Diop eiste in New York een onmiddellijke terugtrekking." in shown
    assert "Uit de brontekst Hij eiste een „onmiddellijke terugtrekking”." in shown
    assert 'role="status" aria-live="polite"' in view.feedback
    choose(view, "Een onmiddellijke terugtrekking")
    press(view, "check")
    assert text_of(view.feedback).startswith("Goed. 1 van 1 punt")
    assert [(a.question_id, a.correct) for a in quiz.results()] == [("diop-eis", False),
                                                                    ("diop-eis", True)]


def test_multiple_checkboxes_partial_credit_and_marks() -> None:
    quiz = make()
    view = view_of(quiz, "bondgenoten")
    shown = options(view)
    tick(view, "Rusland", "Turkije", "Frankrijk")
    press(view, "check")
    feedback = text_of(view.feedback)
    assert feedback.startswith("Deels goed.")
    assert "De oud-kolonisator werd de deur gewezen." in feedback
    marks = dict(zip(shown, view.marks))  # one mark per shown checkbox
    assert marks["Frankrijk"] == "wrong" and marks["Rusland"] == "right"
    tick(view, "Rusland", "Turkije", "Iran")
    press(view, "check")
    assert text_of(view.feedback).startswith("Goed.")


def test_true_false_two_buttons_in_the_bank_language() -> None:
    quiz = make()
    view = view_of(quiz, "nederland")
    assert options(view) == ["Waar", "Onwaar"]
    choose(view, "Onwaar")
    press(view, "check")
    assert text_of(view.feedback).startswith("Niet goed.")
    choose(view, "Waar")
    press(view, "check")
    assert text_of(view.feedback).startswith("Goed.")


def test_numeric_reads_dutch_numbers_shows_unit_and_escapes_what_was_typed() -> None:
    quiz = make()
    view = view_of(quiz, "budget")
    control = view.spec["control"]
    assert control["label"] == "Antwoord" and control["unit"] == "miljard dollar"
    give(view, "<b>veel</b>")
    press(view, "check")
    assert "&lt;b&gt;" in view.feedback and "<b>veel" not in view.feedback
    assert quiz.results() == ()  # an unreadable number is no attempt
    assert quiz.progress_text == "0 van 8 beantwoord"
    give(view, "1,26")
    press(view, "check")
    assert text_of(view.feedback).startswith("Goed. 2 van 2 punten")
    assert quiz.progress_text == "1 van 8 beantwoord"


def test_text_field_accepts_an_alternative_and_shows_question_feedback() -> None:
    quiz = make()
    view = view_of(quiz, "president")
    give(view, "Assimi Goïta")
    press(view, "check")
    assert "<p>Inderdaad, <strong>Assimi Goïta</strong>.</p>" in view.feedback


def test_cloze_inline_text_field_and_dropdown() -> None:
    quiz = make()
    view = view_of(quiz, "penvoerder")
    typed, dropdown = [p for p in view.spec["control"]["pieces"] if isinstance(p, dict)]
    assert (typed["label"], dropdown["label"]) == ("(1)", "(2)")
    assert typed["options"] == []  # a typed gap
    assert sorted(dropdown["options"]) == ["Fransen", "Malinezen", "Russen"]  # shuffled with the quiz's seed
    give(view, ["penvoerder", "Russen"])
    press(view, "check")
    assert text_of(view.feedback).startswith("Deels goed.")
    assert view.marks == ["right", "wrong"]
    give(view, ["penvoerder", "Fransen"])
    press(view, "check")
    assert text_of(view.feedback).startswith("Goed.")


def test_order_is_reordered_with_buttons() -> None:
    quiz = make()
    view = view_of(quiz, "tijdlijn")
    items = view.question.items
    assert view.response() != (0, 1, 2)  # shown shuffled
    assert view.spec["control"]["up"] == "Hoger" and view.spec["control"]["down"] == "Lager"
    # bubble each item up to its place with Up, as the rows show it
    for wanted, item in enumerate(items):
        while text_of(shown_items(view)[wanted]) != item:
            move(view, [text_of(t) for t in shown_items(view)].index(item), -1)
    assert view.response() == (0, 1, 2)
    press(view, "check")
    assert text_of(view.feedback).startswith("Goed.")


def test_match_dropdown_per_left_item() -> None:
    quiz = make()
    view = view_of(quiz, "wie-is-wie")
    control = view.spec["control"]
    assert control["rows"] == ["Assimi Goïta", "Abdoulaye Diop", "Martijn Kitzen"]
    assert "Sahel-onderzoeker" in control["options"]
    give(view, ["president van Mali", "hoogleraar", "minister van Buitenlandse Zaken"])
    press(view, "check")
    assert text_of(view.feedback).startswith("Deels goed.")
    assert view.marks == ["right", "wrong", "wrong"]
    give(view, ["president van Mali", "minister van Buitenlandse Zaken", "hoogleraar"])
    press(view, "check")
    assert text_of(view.feedback).startswith("Goed.")


def test_hint_on_request() -> None:
    view = view_of(make(), "diop-eis")
    assert view.hint == ""
    press(view, "hint")
    assert text_of(view.hint) == "Hint: Lees de eerste alinea."
    budget = view_of(make(), "budget")
    assert budget.hint is None and not budget.spec["hint"]


def test_progress_score_and_summary_with_tags_and_passages_to_reread() -> None:
    quiz = make(layout="scroll")
    for view in quiz.questions:
        if view.question.id == "bondgenoten":
            view.answer(frozenset({0}))  # Rusland only: partly right
        else:
            view.answer(correct_response(view.question, language="nl"))
        press(view, "check")
    assert quiz.progress_text == "8 van 8 beantwoord"
    assert quiz.progress_done == 8 and quiz.progress_total == 8
    assert quiz.score == "Score: 8,33 van 9 punten"  # 1 of 3 allies: a third of a point
    summary = text_of(quiz.summary)
    assert "Je score: 8,33 van 9 punten (93%). Geslaagd (nodig: 60%)." in summary
    assert "Wagner 2,33 / 3" in summary and "diplomatie 2,33 / 3" in summary
    assert "Lees nog eens terug Waar zoekt Goïta zijn bondgenoten?" in summary
    assert "in Rusland, Turkije of Iran." in summary


def test_checking_an_empty_answer_asks_for_one_and_counts_nothing() -> None:
    quiz = make()
    view = view_of(quiz, "diop-eis")
    press(view, "check")
    assert text_of(view.feedback) == "Geef eerst een antwoord en controleer het dan."
    assert quiz.results() == () and quiz.progress_text == "0 van 8 beantwoord"


def test_summary_waits_until_every_question_is_checked() -> None:
    quiz = make()
    view = view_of(quiz, "nederland")
    choose(view, "Waar")
    press(view, "check")
    assert quiz.progress_text == "1 van 8 beantwoord"
    assert quiz.summary == ""


def test_what_the_browser_sends_is_checked_before_it_counts() -> None:
    # A browser can send anything: a value that does not fit the question is ignored.
    quiz = make()
    choice, order = view_of(quiz, "diop-eis"), view_of(quiz, "tijdlijn")
    start = order.value
    for value in (7, -1, True, "0", [0]):
        give(choice, value)
    for value in ([0, 0, 1], [0, 1], "012", [0, 1, 5]):
        give(order, value)
    assert choice.response() is None and order.value == start
    send(quiz, kind="check", i=99, id=choice.key, value=0)  # no such question shown
    send(quiz, kind="check", i=choice.index, id=order.key, value=0)  # another question's place
    send(quiz, kind="check", i=choice.index, id="diop-eis", value=0)  # named by id, not key
    send(quiz, kind="unknown")
    where = quiz.position
    send(quiz, kind="step", step=5)
    assert quiz.results() == () and choice.feedback == "" and quiz.position == where


# -- exam mode -----------------------------------------------------------------------------


def test_exam_shows_nothing_before_submit_then_a_full_review() -> None:
    quiz = make(mode="exam", layout="scroll")
    assert all(not v.spec["check"] for v in quiz.questions)
    assert quiz.setup["mode"] == "exam"  # the browser draws Submit
    choice = view_of(quiz, "diop-eis")
    choose(choice, "Meer blauwhelmen")
    choose(choice, "Een onmiddellijke terugtrekking")  # changed before submit
    give(view_of(quiz, "budget"), "2")
    assert choice.feedback == ""
    assert quiz.progress_text == "2 van 8 beantwoord"
    assert quiz.score == "Je score volgt na het inleveren."
    assert quiz.results() == ()
    press(quiz, "submit")
    assert text_of(choice.feedback).startswith("Goed.")
    budget = text_of(view_of(quiz, "budget").feedback)
    assert budget.startswith("Niet goed.") and "Het juiste antwoord: 1,26 miljard dollar" in budget
    assert text_of(view_of(quiz, "nederland").feedback).startswith("Niet beantwoord.")
    assert all(v.disabled for v in quiz.questions)
    # the browser's copy says so too: every shown question disabled, with its feedback
    assert all(e["live"]["disabled"] and e["live"]["feedback"] for e in quiz.items)
    assert quiz.submit_disabled
    assert quiz.score == "Score: 1 van 9 punten"
    assert "Ingeleverd." in text_of(quiz.summary)
    assert len(quiz.results()) == 8 and {a.mode for a in quiz.results()} == {"exam"}
    press(quiz, "submit")  # a second submit changes nothing
    give(choice, 2)  # nor does an answer sent after it
    assert len(quiz.results()) == 8 and choice.response() == 0


def test_exam_review_shows_a_list_answer_as_a_list() -> None:
    quiz = make(mode="exam", layout="scroll")
    press(quiz, "submit")
    review = view_of(quiz, "wie-is-wie").feedback
    model_answer = re.search(r'<div class="kwis-model-answer">(.*?)</div>', review, re.DOTALL)
    assert model_answer is not None
    assert model_answer.group(1).count("<li>") == 3, review


# -- language --------------------------------------------------------------------------------


def test_english_bank_has_english_ui() -> None:
    quiz = make(english_bank())
    view = view_of(quiz, "troops")
    assert quiz.setup["words"]["check"] == "Check"
    give(view, "17,000 troops")
    press(view, "check")
    assert text_of(view.feedback).startswith("Correct. 1 of 1 point")
    assert quiz.progress_text == "1 of 2 answered"


def test_language_argument_overrides_the_bank_language() -> None:
    quiz = make(language="en")
    assert quiz.setup["words"]["check"] == "Check"
    assert quiz.setup["words"]["next"] == "Next"
    assert quiz.progress_text == "0 of 8 answered"
    assert view_of(quiz, "budget").spec["control"]["label"] == "Answer"


# -- draw and order ----------------------------------------------------------------------------


def shown_ids(quiz: Quiz) -> list[str]:
    return [q.id for q in quiz.session.questions]


def test_tags_and_count_draw_a_seeded_subset() -> None:
    wagner = make(tags=["wagner"])
    assert sorted(shown_ids(wagner)) == ["bondgenoten", "president", "wie-is-wie"]
    two = make(count=2)
    assert len(shown_ids(two)) == 2
    assert shown_ids(make(count=2)) == shown_ids(two)
    draws = {tuple(shown_ids(make(count=2, seed=seed))) for seed in range(10)}
    assert len(draws) > 1


def test_unknown_tag_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="Tags in deze bank: diplomatie, Wagner"):
        make(tags=["Frankrijk"])


def test_same_student_sees_the_same_order_and_others_may_not() -> None:
    anna = shown_ids(make(seed=None, user="anna"))
    assert shown_ids(make(seed=None, user="anna")) == anna
    others = {tuple(shown_ids(make(seed=None, user=f"student{i}"))) for i in range(8)}
    assert len(others) > 1


def test_shuffle_settings_are_respected() -> None:
    bank = dutch_bank(shuffle=False, shuffle_choices=False)
    quiz = make(bank)
    assert shown_ids(quiz) == [q.id for q in bank.questions]
    choice = view_of(quiz, "diop-eis")
    assert options(choice) == [c.text for c in choice.question.choices]


def test_choices_are_shuffled_by_seed() -> None:
    orders = {tuple(options(view_of(make(seed=s), "diop-eis"))) for s in range(10)}
    assert len(orders) > 1


# -- layout, classes, display ----------------------------------------------------------------


def shown(quiz: Quiz) -> list[str]:
    """The ids of the questions the browser has on the page (by the class it gives them)."""
    return [entry["spec"]["name"].removeprefix("kwis-qid-") for entry in quiz.items]


def test_paged_layout_shows_one_question_with_previous_and_next() -> None:
    quiz = make()
    assert shown(quiz) == [quiz.view(0).question.id] and quiz.setup["paged"]
    assert quiz.prev_disabled and quiz.position == "Vraag 1 van 8"
    press(quiz, "next")
    assert shown(quiz) == [quiz.view(1).question.id]
    assert quiz.position == "Vraag 2 van 8" and not quiz.prev_disabled
    press(quiz, "prev")
    assert quiz.position == "Vraag 1 van 8"
    quiz.go(7)
    assert quiz.next_disabled
    press(quiz, "next")  # runs out: stays on the last
    assert quiz.position == "Vraag 8 van 8"


def test_a_paged_quiz_answers_only_on_the_shown_page() -> None:
    quiz = make()
    hidden = view_of(quiz, "president")
    assert not quiz.shows(hidden)
    send(quiz, kind="answer", i=hidden.index, id=hidden.key, value="Goïta")  # not on the page
    assert hidden.value == ""
    give(hidden, "Goïta")  # paged to it first
    assert shown(quiz) == ["president"] and quiz.items[0]["live"]["value"] == "Goïta"


def test_scroll_layout_shows_every_question() -> None:
    quiz = make(layout="scroll")
    assert len(shown(quiz)) == 8 and not quiz.setup["paged"]


def test_stable_css_classes() -> None:
    quiz = make(mode="exam", layout="scroll")
    assert {"kwis-quiz", "kwis-mode-exam"} <= set(quiz.get_state()["_dom_classes"])
    # An exam's page names its questions by number: an id may name the answer (penvoerder).
    assert [e["spec"]["name"] for e in quiz.items] == [f"kwis-qnum-{n}" for n in range(1, 9)]
    state = json.dumps(quiz.get_state(), default=str)
    assert "kwis-qid-" not in state and "penvoerder" not in state.replace("‘penvoerder’", "")
    assert view_of(make(), "diop-eis").spec["name"] == "kwis-qid-diop-eis"  # practice shows the answer anyway
    script = (Path(widgets_dir()) / "_quiz.js").read_text(encoding="utf-8")
    for css in ("kwis-question", "kwis-q-", "kwis-prompt", "kwis-control",
                "kwis-progress", "kwis-score", "kwis-submit", "kwis-next", "kwis-prev",
                "kwis-position", "kwis-summary", "kwis-feedback", "kwis-check", "kwis-hint",
                "kwis-hint-text", "kwis-retake", "kwis-header", "kwis-gap", "kwis-cloze-text",
                "kwis-order-item", "kwis-move-up", "kwis-move-down", "kwis-unit",
                "kwis-part-right", "kwis-part-wrong", "kwis-save-status", "kwis-retry-save"):
        assert f"{css}" in script, css


def widgets_dir() -> str:
    import kwis.ui

    return str(Path(kwis.ui.__file__).parent)


def test_mimebundle_has_widget_and_deterministic_static_fallbacks() -> None:
    bundle = make()._repr_mimebundle_()[0]  # (data, metadata), as anywidget gives it
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == make()._repr_mimebundle_()[0]["text/plain"]
    assert bundle["text/plain"].splitlines()[:3] == [
        "Quiz: Mali wijst VN-vredesmissie Minusma de deur (8 vragen, oefenen)",
        "1. Wat eiste minister Abdoulaye Diop?",
        "   ( ) Een nieuw mandaat",  # alphabetical: the bank lists the right choice first
    ]
    assert "<strong>Abdoulaye Diop</strong>" in bundle["text/html"]
    assert "Open dit notebook" in bundle["text/html"]
    assert "worden door de [Fransen / Malinezen / Russen] geschreven." in bundle["text/html"]


def test_static_heading_says_one_question_in_the_singular() -> None:
    bundle = make(count=1)._repr_mimebundle_()[0]
    assert bundle["text/plain"].splitlines()[0] == "Quiz: Mali wijst VN-vredesmissie Minusma de deur (1 vraag, oefenen)"


def test_invalid_layout_and_mode_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="layout moet 'paged' of 'scroll' zijn"):
        make(layout="grid")
    with pytest.raises(ValueError, match="mode must be 'practice' or 'exam'"):
        make(mode="toets", language="en")


def test_quiz_from_a_yaml_file() -> None:
    quiz = Quiz(DATA / "widgets-minusma.nl.yaml", store=":memory:", seed=1, user="anna")
    view = view_of(quiz, "wagner-aantal")
    give(view, "1.000 huurlingen")
    press(view, "check")
    assert text_of(view.feedback).startswith("Goed.")


# -- what a quiz sends to the browser ----------------------------------------------------------


def models_built(build):  # type: ignore[no-untyped-def]
    """The result of `build()` and how many widget models (each a comm and a model in the
    browser) it made: the comms it opened (ipywidgets opens its own the same way)."""
    opened: list[object] = []
    real = comm.create_comm

    def counting(*args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(kwargs.get("target_name"))
        return real(*args, **kwargs)

    comm.create_comm = counting
    try:
        result = build()
    finally:
        comm.create_comm = real
    assert set(opened) <= {"jupyter.widget"}
    return result, len(opened)


def test_a_scroll_quiz_is_one_widget_model_whatever_its_size() -> None:
    # ipywidgets made about 8 models per question (an order question 22), each a comm message,
    # a model and a view: 3,697 for 500 questions. The quiz is one model (no Layout model either).
    quiz, built = models_built(lambda: make(many_questions_bank(80), layout="scroll"))
    assert len(quiz.items) == 80
    assert built == 1
    paged, built = models_built(lambda: make(many_questions_bank(80)))
    assert built == 1 and len(paged.items) == 1


def test_a_change_to_one_question_sends_only_that_question(monkeypatch: pytest.MonkeyPatch) -> None:
    quiz = make(many_questions_bank(40), layout="scroll")
    sent: list[dict[str, object]] = []
    synced: list[str] = []
    monkeypatch.setattr(quiz, "send", lambda content, buffers=None: sent.append(content))
    monkeypatch.setattr(quiz, "send_state", lambda key=None: synced.extend(
        [key] if isinstance(key, str) else ["everything"] if key is None else list(key)))
    view = quiz.questions[5]
    view.answer(correct_response(view.question, language="nl"))
    sent.clear()
    view.check()
    assert [(m["kind"], m["i"]) for m in sent] == [("live", 5)]
    assert "items" not in synced  # the other 39 questions are not sent again
    assert set(synced) <= {"progress_done", "progress_text", "score", "summary", "save_status",
                           "save_retry", "progress_total"}
    assert quiz.items[5]["live"]["feedback"] == view.feedback  # kept for a page reload


def test_feedback_and_hint_start_empty_and_fill_when_there_is_something_to_show() -> None:
    view = view_of(make(), "diop-eis")
    assert view.state()["feedback"] == "" and view.state()["hint"] == ""
    press(view, "hint")
    assert text_of(view.state()["hint"]) == "Hint: Lees de eerste alinea."
    choose(view, "Een onmiddellijke terugtrekking")
    press(view, "check")
    assert text_of(view.state()["feedback"]).startswith("Goed.")
    assert view.spec["check"] and view.spec["hint"]
