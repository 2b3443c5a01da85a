"""Answering a kwis quiz through the page, as a student does: clicking, typing, choosing.

Works on any page that shows the quiz (JupyterLab or Voilà); `quiz` is the `.kwis-quiz` element.
Class names are the widget layer's (docs/widgets.md).
"""

from __future__ import annotations

import re
from typing import Iterator

from playwright.sync_api import Locator, expect

TIMEOUT_MS = 15_000

# Answers in the MINUSMA bank that the tests give through the page.
TIMELINE = [
    "De blauwhelmen komen naar Mali",
    "Nederland begint zijn bijdrage aan Minusma",
    "De Nederlandse bijdrage eindigt",
    "Militairen grijpen de macht in Mali",
    "De Wagner-huurlingen komen naar Mali",
]
ROLES = {
    "Abdoulaye Diop": "minister van Buitenlandse Zaken van Mali",
    "Assimi Goïta": "president van Mali",
    "Yvan Guichaoa": "Sahel-onderzoeker",
    "Martijn Kitzen": "hoogleraar aan de Nederlandse Defensie Academie",
    "Ulf Laessing": "hoofd van het Sahelprogramma van een Duitse denktank",
}


def subset_quiz_cell(question_ids: tuple[str, ...], *, seed: int, layout: str = "paged") -> str:
    """A notebook cell showing these questions of the MINUSMA bank in this order (no shuffle of
    questions) in a practice quiz with an in-memory store, bound to `q` and displayed."""
    return f'''\
import dataclasses
import kwis

bank = kwis.load_bank("../quizzes/minusma.nl.yaml")
bank = dataclasses.replace(bank, questions=tuple(bank.question(i) for i in {question_ids!r}),
                           settings=dataclasses.replace(bank.settings, shuffle=False))
q = kwis.Quiz(bank, seed={seed}, store=":memory:", layout={layout!r})
q'''


def wait_until_drawn(quiz: Locator) -> None:
    """A long scroll quiz draws its questions in slices (`aria-busy` on its page meanwhile):
    waits until all are in."""
    expect(quiz.locator(".kwis-page")).not_to_have_attribute("aria-busy", "true", timeout=TIMEOUT_MS)


def current_question(quiz: Locator) -> Locator:
    return quiz.locator(".kwis-page .kwis-question")


def question_id(question: Locator) -> str:
    found = re.search(r"\bkwis-qid-(\S+)", question.get_attribute("class") or "")
    assert found, "a shown question carries its kwis-qid-<id> class"
    return found.group(1)


def each_question(quiz: Locator) -> Iterator[tuple[str, Locator]]:
    """Pages through the quiz once with Next, yielding (id, question) for each page shown."""
    nav = quiz.locator(".kwis-next button, button.kwis-next").first
    while True:
        shown = current_question(quiz)
        shown_id = question_id(shown)
        yield shown_id, quiz.locator(f".kwis-qid-{shown_id}")
        if nav.is_disabled():
            return
        nav.click()
        expect(current_question(quiz)).not_to_have_class(re.compile(rf"\bkwis-qid-{shown_id}\b"),
                                                          timeout=TIMEOUT_MS)


def go_to(quiz: Locator, question_id: str) -> Locator:
    """Pages (Next, then Previous) until the question with this id shows; returns it."""
    target = quiz.locator(f".kwis-qid-{question_id}")
    for button in (".kwis-next", ".kwis-prev"):
        nav = quiz.locator(f"{button} button, button{button}").first
        while not target.is_visible():
            if nav.is_disabled():
                break
            shown = current_question(quiz).get_attribute("class") or ""
            nav.click()
            expect(current_question(quiz)).not_to_have_attribute("class", shown, timeout=TIMEOUT_MS)
        if target.is_visible():
            return target
    raise AssertionError(f"question {question_id!r} is not in the quiz")


def check(question: Locator, verdict: str, css: str) -> None:
    """Clicks the Check button and waits for the verdict the student sees."""
    question.locator(".kwis-check").click()
    feedback = question.locator(f".kwis-feedback .kwis-verdict.{css}")
    expect(feedback).to_be_visible(timeout=TIMEOUT_MS)
    expect(feedback.locator("p").first).to_contain_text(verdict)


def choose_radio(question: Locator, label: str) -> None:
    question.get_by_role("radio", name=label, exact=True).check()


def tick_only(question: Locator, *labels: str) -> None:
    boxes = question.get_by_role("checkbox")
    for index in range(boxes.count()):
        box = boxes.nth(index)
        name = box.locator("xpath=..").inner_text().strip()
        box.set_checked(name in labels)


def press_toggle(question: Locator, label: str) -> None:
    question.get_by_role("button", name=label, exact=True).click()


def type_answer(question: Locator, text: str) -> None:
    field = question.locator(".kwis-control input[type=text]")
    field.fill(text)
    field.press("Tab")  # leave the field, as a student clicking Check does


def choose_in_gap(question: Locator, gap_number: int, option: str) -> None:
    question.locator(".kwis-gap select").nth(gap_number - 1).select_option(label=option)


def match_pair(question: Locator, left: str, right: str) -> None:
    question.locator(".kwis-pair", has=question.page.get_by_text(left, exact=True)) \
        .locator("select").select_option(label=right)


def order_items(question: Locator) -> list[str]:
    rows = question.locator(".kwis-order-item")
    texts = [rows.nth(i).inner_text() for i in range(rows.count())]
    return [re.sub(r"^\s*\d+\.\s*", "", text.splitlines()[-1]).strip() for text in texts]


def put_in_order(question: Locator, wanted: list[str]) -> None:
    """Clicks Up on each item until it is in its place, waiting for the list to redraw."""
    for place, item in enumerate(wanted):
        position = order_items(question).index(item)
        while position > place:
            question.locator(".kwis-order-item").nth(position).locator(".kwis-move-up").click()
            position -= 1
            expect(question.locator(".kwis-order-item").nth(position)).to_contain_text(
                item, timeout=TIMEOUT_MS)
