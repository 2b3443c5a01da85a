"""The quiz widget driven as a student would: set widget values, click buttons, read the text."""

from __future__ import annotations

import html
import re
from pathlib import Path

import ipywidgets as widgets
import pytest

from kwis import Quiz
from kwis.grading._grade import correct_response
from kwis._model import Bank
from .conftest import dutch_bank, english_bank, many_questions_bank

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
    radio = view.inputs[0]
    assert isinstance(radio, widgets.RadioButtons)
    radio.value = dict(radio.options)["Meer blauwhelmen"]
    view.check_button.click()
    shown = text_of(view.feedback.value)
    assert shown.startswith("Niet goed. 0 van 1 punt")
    assert "Mali wilde juist minder VN-troepen." in shown
    assert "Diop eiste in New York een onmiddellijke terugtrekking." in shown
    assert "Uit de brontekst Hij eiste een „onmiddellijke terugtrekking”." in shown
    assert 'role="status" aria-live="polite"' in view.feedback.value
    radio.value = dict(radio.options)["Een onmiddellijke terugtrekking"]
    view.check_button.click()
    assert text_of(view.feedback.value).startswith("Goed. 1 van 1 punt")
    assert [(a.question_id, a.correct) for a in quiz.results()] == [("diop-eis", False),
                                                                    ("diop-eis", True)]


def test_multiple_checkboxes_partial_credit_and_marks() -> None:
    quiz = make()
    view = view_of(quiz, "bondgenoten")
    boxes = {box.description: box for box in view.inputs}
    assert all(isinstance(box, widgets.Checkbox) for box in boxes.values())
    boxes["Rusland"].value = True
    boxes["Turkije"].value = True
    boxes["Frankrijk"].value = True
    view.check_button.click()
    shown = text_of(view.feedback.value)
    assert shown.startswith("Deels goed.")
    assert "De oud-kolonisator werd de deur gewezen." in shown
    assert "kwis-part-wrong" in boxes["Frankrijk"]._dom_classes
    assert "kwis-part-right" in boxes["Rusland"]._dom_classes
    boxes["Frankrijk"].value = False
    boxes["Iran"].value = True
    view.check_button.click()
    assert text_of(view.feedback.value).startswith("Goed.")


def test_true_false_two_buttons_in_the_bank_language() -> None:
    quiz = make()
    view = view_of(quiz, "nederland")
    buttons = view.inputs[0]
    assert isinstance(buttons, widgets.ToggleButtons)
    assert [label for label, _ in buttons.options] == ["Waar", "Onwaar"]
    buttons.value = False
    view.check_button.click()
    assert text_of(view.feedback.value).startswith("Niet goed.")
    buttons.value = True
    view.check_button.click()
    assert text_of(view.feedback.value).startswith("Goed.")


def test_numeric_reads_dutch_numbers_shows_unit_and_escapes_what_was_typed() -> None:
    quiz = make()
    view = view_of(quiz, "budget")
    field = view.inputs[0]
    assert isinstance(field, widgets.Text) and field.description == "Antwoord"
    assert "miljard dollar" in text_of(view.control.box.children[1].value)
    field.value = "<b>veel</b>"
    view.check_button.click()
    assert "&lt;b&gt;" in view.feedback.value and "<b>veel" not in view.feedback.value
    assert quiz.results() == ()  # an unreadable number is no attempt
    assert quiz.progress_text.value == "0 van 8 beantwoord"
    field.value = "1,26"
    view.check_button.click()
    assert text_of(view.feedback.value).startswith("Goed. 2 van 2 punten")
    assert quiz.progress_text.value == "1 van 8 beantwoord"


def test_text_field_accepts_an_alternative_and_shows_question_feedback() -> None:
    quiz = make()
    view = view_of(quiz, "president")
    view.inputs[0].value = "Assimi Goïta"
    view.check_button.click()
    assert "<p>Inderdaad, <strong>Assimi Goïta</strong>.</p>" in view.feedback.value


def test_cloze_inline_text_field_and_dropdown() -> None:
    quiz = make()
    view = view_of(quiz, "penvoerder")
    typed, dropdown = view.inputs
    assert isinstance(typed, widgets.Text) and isinstance(dropdown, widgets.Dropdown)
    assert (typed.description, dropdown.description) == ("(1)", "(2)")
    assert sorted(dropdown.options) == ["Fransen", "Malinezen", "Russen"]  # shuffled with the quiz's seed
    typed.value = "penvoerder"
    dropdown.value = "Russen"
    view.check_button.click()
    assert text_of(view.feedback.value).startswith("Deels goed.")
    assert "kwis-part-wrong" in dropdown._dom_classes
    dropdown.value = "Fransen"
    view.check_button.click()
    assert text_of(view.feedback.value).startswith("Goed.")


def test_order_is_reordered_with_buttons() -> None:
    quiz = make()
    view = view_of(quiz, "tijdlijn")
    control = view.control
    items = view.question.items
    assert control.response() != (0, 1, 2)  # shown shuffled
    assert all(isinstance(b, widgets.Button) and b.description in ("Hoger", "Lager")
               for b in view.inputs)
    assert control.ups[0].disabled and control.downs[-1].disabled
    # bubble each item up to its place by clicking the Up buttons
    for wanted in range(len(items)):
        while control.order[wanted] != wanted:
            control.ups[control.order.index(wanted)].click()
    assert [text_of(label.value) for label in control.labels] == [
        f"{i + 1}. {item}" for i, item in enumerate(items)]
    view.check_button.click()
    assert text_of(view.feedback.value).startswith("Goed.")


def test_match_dropdown_per_left_item() -> None:
    quiz = make()
    view = view_of(quiz, "wie-is-wie")
    dropdowns = {d.description: d for d in view.inputs}
    assert set(dropdowns) == {"Assimi Goïta", "Abdoulaye Diop", "Martijn Kitzen"}
    assert "Sahel-onderzoeker" in dropdowns["Assimi Goïta"].options
    dropdowns["Assimi Goïta"].value = "president van Mali"
    dropdowns["Abdoulaye Diop"].value = "hoogleraar"
    dropdowns["Martijn Kitzen"].value = "minister van Buitenlandse Zaken"
    view.check_button.click()
    assert text_of(view.feedback.value).startswith("Deels goed.")
    dropdowns["Abdoulaye Diop"].value = "minister van Buitenlandse Zaken"
    dropdowns["Martijn Kitzen"].value = "hoogleraar"
    view.check_button.click()
    assert text_of(view.feedback.value).startswith("Goed.")


def test_hint_on_request() -> None:
    view = view_of(make(), "diop-eis")
    assert view.hint.value == ""
    view.hint_button.click()
    assert text_of(view.hint.value) == "Hint: Lees de eerste alinea."
    assert view_of(make(), "budget").hint_button is None


def test_progress_score_and_summary_with_tags_and_passages_to_reread() -> None:
    quiz = make(layout="scroll")
    for view in quiz.questions:
        if view.question.id == "bondgenoten":
            view.answer(frozenset({0}))  # Rusland only: partly right
        else:
            view.answer(correct_response(view.question, language="nl"))
        view.check_button.click()
    assert quiz.progress_text.value == "8 van 8 beantwoord"
    assert quiz.progress_bar.value == 8
    assert quiz.score.value == "Score: 8,33 van 9 punten"  # 1 of 3 allies: a third of a point
    summary = text_of(quiz.summary.value)
    assert "Je score: 8,33 van 9 punten (93%). Geslaagd (nodig: 60%)." in summary
    assert "Wagner 2,33 / 3" in summary and "diplomatie 2,33 / 3" in summary
    assert "Lees nog eens terug Waar zoekt Goïta zijn bondgenoten?" in summary
    assert "in Rusland, Turkije of Iran." in summary


def test_checking_an_empty_answer_asks_for_one_and_counts_nothing() -> None:
    quiz = make()
    view = view_of(quiz, "diop-eis")
    view.check_button.click()
    assert text_of(view.feedback.value) == "Geef eerst een antwoord en controleer het dan."
    assert quiz.results() == () and quiz.progress_text.value == "0 van 8 beantwoord"


def test_summary_waits_until_every_question_is_checked() -> None:
    quiz = make()
    view = view_of(quiz, "nederland")
    view.inputs[0].value = True
    view.check_button.click()
    assert quiz.progress_text.value == "1 van 8 beantwoord"
    assert quiz.summary.value == ""


# -- exam mode -----------------------------------------------------------------------------


def test_exam_shows_nothing_before_submit_then_a_full_review() -> None:
    quiz = make(mode="exam", layout="scroll")
    assert all(v.check_button is None for v in quiz.questions)
    choice = view_of(quiz, "diop-eis")
    radio = choice.inputs[0]
    radio.value = dict(radio.options)["Meer blauwhelmen"]
    radio.value = dict(radio.options)["Een onmiddellijke terugtrekking"]  # changed before submit
    view_of(quiz, "budget").inputs[0].value = "2"
    assert choice.feedback.value == ""
    assert quiz.progress_text.value == "2 van 8 beantwoord"
    assert quiz.score.value == "Je score volgt na het inleveren."
    assert quiz.results() == ()
    quiz.submit_button.click()
    assert text_of(choice.feedback.value).startswith("Goed.")
    budget = text_of(view_of(quiz, "budget").feedback.value)
    assert budget.startswith("Niet goed.") and "Het juiste antwoord: 1,26 miljard dollar" in budget
    assert text_of(view_of(quiz, "nederland").feedback.value).startswith("Niet beantwoord.")
    assert all(w.disabled for v in quiz.questions for w in v.inputs)
    assert quiz.score.value == "Score: 1 van 9 punten"
    assert "Ingeleverd." in text_of(quiz.summary.value)
    assert len(quiz.results()) == 8 and {a.mode for a in quiz.results()} == {"exam"}
    quiz.submit_button.click()  # a second submit changes nothing
    assert len(quiz.results()) == 8


def test_exam_review_shows_a_list_answer_as_a_list() -> None:
    quiz = make(mode="exam", layout="scroll")
    quiz.submit_button.click()
    review = view_of(quiz, "wie-is-wie").feedback.value
    model_answer = re.search(r'<div class="kwis-model-answer">(.*?)</div>', review, re.DOTALL)
    assert model_answer is not None
    assert model_answer.group(1).count("<li>") == 3, review


# -- language --------------------------------------------------------------------------------


def test_english_bank_has_english_ui() -> None:
    quiz = make(english_bank())
    view = view_of(quiz, "troops")
    assert view.check_button.description == "Check"
    view.inputs[0].value = "17,000 troops"
    view.check_button.click()
    assert text_of(view.feedback.value).startswith("Correct. 1 of 1 point")
    assert quiz.progress_text.value == "1 of 2 answered"


def test_language_argument_overrides_the_bank_language() -> None:
    quiz = make(language="en")
    assert quiz.questions[0].check_button.description == "Check"
    assert quiz.next_button.description == "Next"
    assert quiz.progress_text.value == "0 of 8 answered"


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
    radio = view_of(quiz, "diop-eis").inputs[0]
    assert [index for _, index in radio.options] == [0, 1, 2]


def test_choices_are_shuffled_by_seed() -> None:
    orders = {tuple(i for _, i in view_of(make(seed=s), "diop-eis").inputs[0].options)
              for s in range(10)}
    assert len(orders) > 1


# -- layout, classes, display ----------------------------------------------------------------


def test_paged_layout_shows_one_question_with_previous_and_next() -> None:
    quiz = make()
    assert quiz.page.children == (quiz.view(0).box,)
    assert quiz.prev_button.disabled and quiz.position.value == "Vraag 1 van 8"
    quiz.next_button.click()
    assert quiz.page.children == (quiz.view(1).box,)
    assert quiz.position.value == "Vraag 2 van 8"
    quiz.prev_button.click()
    assert quiz.position.value == "Vraag 1 van 8"
    quiz.go(7)
    assert quiz.next_button.disabled


def test_scroll_layout_shows_every_question() -> None:
    quiz = make(layout="scroll")
    assert len(quiz.page.children) == 8


def test_stable_css_classes() -> None:
    quiz = make(mode="exam")
    view = view_of(quiz, "budget")
    assert "kwis-quiz" in quiz._dom_classes
    assert {"kwis-question", "kwis-q-numeric", f"kwis-qnum-{view.number}"} <= set(view.box._dom_classes)
    assert not any(c.startswith("kwis-qid-") for c in view.box._dom_classes)  # an exam's ids may name answers
    practice = view_of(make(), "diop-eis")
    assert "kwis-qid-diop-eis" in practice.box._dom_classes  # practice shows the answer anyway
    named = {c for w in (quiz.progress, quiz.score, quiz.submit_button, quiz.next_button,
                         quiz.prev_button, quiz.summary, view.feedback, practice.check_button,
                         practice.hint_button)
             for c in w._dom_classes}
    assert {"kwis-progress", "kwis-score", "kwis-submit", "kwis-next", "kwis-prev",
            "kwis-summary", "kwis-feedback", "kwis-check", "kwis-hint"} <= named


def test_mimebundle_has_widget_and_deterministic_static_fallbacks() -> None:
    bundle = make()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == make()._repr_mimebundle_()["text/plain"]
    assert bundle["text/plain"].splitlines()[:3] == [
        "Quiz: Mali wijst VN-vredesmissie Minusma de deur (8 vragen, oefenen)",
        "1. Wat eiste minister Abdoulaye Diop?",
        "   ( ) Een nieuw mandaat",  # alphabetical: the bank lists the right choice first
    ]
    assert "<strong>Abdoulaye Diop</strong>" in bundle["text/html"]
    assert "Open dit notebook" in bundle["text/html"]
    assert "worden door de [Fransen / Malinezen / Russen] geschreven." in bundle["text/html"]


def test_static_heading_says_one_question_in_the_singular() -> None:
    bundle = make(count=1)._repr_mimebundle_()
    assert bundle["text/plain"].splitlines()[0] == "Quiz: Mali wijst VN-vredesmissie Minusma de deur (1 vraag, oefenen)"


def test_invalid_layout_and_mode_are_clear_errors() -> None:
    with pytest.raises(ValueError, match="layout moet 'paged' of 'scroll' zijn"):
        make(layout="grid")
    with pytest.raises(ValueError, match="mode must be 'practice' or 'exam'"):
        make(mode="toets", language="en")


def test_quiz_from_a_yaml_file() -> None:
    quiz = Quiz(DATA / "widgets-minusma.nl.yaml", store=":memory:", seed=1, user="anna")
    view = view_of(quiz, "wagner-aantal")
    view.inputs[0].value = "1.000 huurlingen"
    view.check_button.click()
    assert text_of(view.feedback.value).startswith("Goed.")


# -- what a question builds ------------------------------------------------------------------


def models_built(build):  # type: ignore[no-untyped-def]
    """The result of `build()` and how many widget models (Layout and style models included,
    each a comm and a model in the browser) it made."""
    made: list[widgets.Widget] = []
    widgets.Widget.on_widget_constructed(made.append)
    try:
        result = build()
    finally:
        widgets.Widget.on_widget_constructed(None)
    return result, len(made)


def test_a_scroll_quiz_builds_few_widget_models_per_question() -> None:
    # ipywidgets gives every widget its own Layout and style model unless one is passed: a
    # quiz that let it do so built about 27 models per question (7.6x the bare controls' time).
    quiz, built = models_built(lambda: make(many_questions_bank(80), layout="scroll"))
    assert len(quiz.page.children) == 80
    assert built <= 8 * 80
    inputs = sum(len(v.inputs) for v in quiz.questions)
    assert built < 3 * inputs + 2 * 80  # bare inputs cost 3 models each (widget, Layout, style)


def test_feedback_and_hint_areas_appear_when_there_is_something_to_show() -> None:
    view = view_of(make(), "diop-eis")
    assert [type(w).__name__ for w in view.box.children] == ["HTMLMath", "RadioButtons", "HBox"]
    view.hint_button.click()
    assert view.box.children[-1] is view.hint
    assert text_of(view.hint.value) == "Hint: Lees de eerste alinea."
    view.inputs[0].value = view.question.correct_index
    view.check_button.click()
    assert view.box.children[-2:] == (view.hint, view.feedback)
    assert text_of(view.feedback.value).startswith("Goed.")
    budget = view_of(make(), "budget")  # no hint: the Check button without a row around it
    assert budget.box.children[2] is budget.check_button and len(budget.box.children) == 3


def test_one_input_controls_carry_the_control_class_themselves() -> None:
    quiz = make()
    for question_id in ("diop-eis", "nederland", "president"):
        view = view_of(quiz, question_id)
        assert view.control.box is view.inputs[0]
        assert "kwis-control" in view.inputs[0]._dom_classes
    numeric = view_of(quiz, "budget").control.box
    assert "kwis-control" in numeric._dom_classes and len(numeric.children) == 2
