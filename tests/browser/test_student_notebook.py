"""The Dutch student notebook in real JupyterLab and Voilà, answered through the page.

One question of every type is answered wrong (or partly) first and then right: the change of
feedback proves the round trip browser -> kernel -> grading -> browser. An exam-mode quiz is
answered and submitted. Screenshots of the answered quizzes go to test-artifacts/.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from kwis.records._store import AnswerStore

from . import _quiz_page as student
from ._lab_page import error_outputs, open_notebook, output_widget, run_all_cells, write_notebook
from ._servers import Server
from .conftest import PROJECT, save_screenshot

STUDENT_NOTEBOOK = "notebooks/minusma-quiz.nl.ipynb"
ROLES = student.ROLES
TIMELINE = student.TIMELINE


def answer_choice(q: Locator) -> None:
    student.choose_radio(q, "Meer blauwhelmen in het noorden")
    student.check(q, "Niet goed.", "kwis-wrong")
    expect(q.locator(".kwis-feedback")).to_contain_text("minder VN-aanwezigheid")
    student.choose_radio(q, "Een onmiddellijke terugtrekking van Minusma")
    student.check(q, "Goed.", "kwis-right")


def answer_multiple(q: Locator) -> None:
    student.tick_only(q, "Rusland", "Frankrijk")
    student.check(q, "Niet goed.", "kwis-wrong")
    student.tick_only(q, "Rusland", "Turkije", "Iran")
    student.check(q, "Goed.", "kwis-right")


def answer_true_false(q: Locator) -> None:
    student.press_toggle(q, "Onwaar")
    student.check(q, "Niet goed.", "kwis-wrong")
    student.press_toggle(q, "Waar")
    student.check(q, "Goed.", "kwis-right")


def answer_numeric(q: Locator) -> None:
    student.type_answer(q, "zeventienduizend")
    q.locator(".kwis-check").click()
    expect(q.locator(".kwis-feedback")).to_contain_text("is geen getal")
    student.type_answer(q, "1.700")
    student.check(q, "Niet goed.", "kwis-wrong")
    student.type_answer(q, "17.000")
    student.check(q, "Goed.", "kwis-right")


def answer_text(q: Locator) -> None:
    student.type_answer(q, "Diop")
    student.check(q, "Niet goed.", "kwis-wrong")
    student.type_answer(q, "goita")
    student.check(q, "Goed.", "kwis-right")


def answer_cloze(q: Locator) -> None:
    for number, option in enumerate(["Afrikaanse", "besluitvorming", "Russen"], start=1):
        student.choose_in_gap(q, number, option)
    student.check(q, "Deels goed.", "kwis-partial")
    expect(q.locator(".kwis-feedback")).to_contain_text("Gat 3 is niet goed ingevuld")
    student.choose_in_gap(q, 3, "Fransen")
    student.check(q, "Goed.", "kwis-right")


def answer_order(q: Locator) -> None:
    assert sorted(student.order_items(q)) == sorted(TIMELINE)
    assert student.order_items(q) != TIMELINE, "the items should be shown shuffled"
    student.check(q, "Deels goed.", "kwis-partial")
    expect(q.locator(".kwis-feedback")).to_contain_text("op de goede plaats")
    student.put_in_order(q, TIMELINE)
    student.check(q, "Goed.", "kwis-right")


def answer_match(q: Locator) -> None:
    swapped = {**ROLES, "Assimi Goïta": "Sahel-onderzoeker", "Yvan Guichaoa": "president van Mali"}
    for left, right in swapped.items():
        student.match_pair(q, left, right)
    student.check(q, "Deels goed.", "kwis-partial")
    expect(q.locator(".kwis-feedback")).to_contain_text("3 van de 5 paren goed")
    for left in ("Assimi Goïta", "Yvan Guichaoa"):
        student.match_pair(q, left, ROLES[left])
    student.check(q, "Goed.", "kwis-right")


# One question of every type, by id, with how a student answers it.
EVERY_TYPE: dict[str, Callable[[Locator], None]] = {
    "diop-eis": answer_choice, "bondgenoten": answer_multiple,
    "nederland-bijdrage": answer_true_false, "missie-omvang": answer_numeric,
    "goita-naam": answer_text, "cloze-penvoerder": answer_cloze,
    "tijdlijn-missie": answer_order, "personen-rollen": answer_match,
}


@pytest.mark.browser
@pytest.mark.usefixtures("lab_kernels_stopped")
def test_student_answers_every_question_type_in_jupyterlab(
        page: Page, lab_server: Server, project_copy: Path, kwis_store: Path) -> None:
    open_notebook(page, lab_server, STUDENT_NOTEBOOK)
    run_all_cells(page)
    expect(error_outputs(page)).to_have_count(0)
    quiz = output_widget(page, "kwis-quiz")
    expect(quiz).to_have_count(1)
    expect(quiz.locator(".kwis-score")).to_have_text(re.compile(r"^Score: 0 van \d+ punten$"))

    to_answer = dict(EVERY_TYPE)
    for shown_id, question in student.each_question(quiz):
        if shown_id in to_answer:
            to_answer.pop(shown_id)(question)
        if not to_answer:
            break  # stay on the last answered question, its feedback is in the screenshot
    assert not to_answer, f"not found while paging through the quiz: {sorted(to_answer)}"

    expect(quiz.locator(".kwis-score")).to_have_text(re.compile(r"^Score: 8 van \d+ punten$"))
    expect(quiz.locator(".kwis-progress")).to_contain_text(re.compile(r"8 van \d+ beantwoord"))
    result = output_widget(page, "kwis-result")
    expect(result).to_contain_text(re.compile(r"Score: 8 van \d+ punten"))
    save_screenshot(quiz, "student-notebook-jupyterlab-quiz")
    save_screenshot(page, "student-notebook-jupyterlab")
    # Every answer given in the page is in the store file the kernel writes to, the last one right.
    stored = AnswerStore(kwis_store).attempts(bank_id="minusma-mali")
    last = {a.question_id: a for a in stored if a.mode == "practice"}
    assert set(EVERY_TYPE) <= set(last) and all(last[q].correct for q in EVERY_TYPE)


# The three questions on the Dutch contribution share a group, so `tags=["Nederland"]` would draw
# one of them; the exam shows all three by naming them (no draw).
EXAM_CELL = '''\
import dataclasses
import kwis

bank = kwis.load_bank("../quizzes/minusma.nl.yaml")
bank = dataclasses.replace(bank, questions=tuple(
    bank.question(i) for i in ("nederland-bijdrage", "kitzen-rapport", "landen-rollen")))
kwis.Quiz(bank, mode="exam", seed=7, layout="scroll")'''


@pytest.mark.browser
@pytest.mark.usefixtures("lab_kernels_stopped")
def test_student_submits_an_exam_in_jupyterlab(
        page: Page, lab_server: Server, project_copy: Path) -> None:
    write_notebook(project_copy / "notebooks" / "exam-check.ipynb", EXAM_CELL)
    page.set_viewport_size({"width": 1280, "height": 2400})  # the whole reviewed exam in one shot
    open_notebook(page, lab_server, "notebooks/exam-check.ipynb")
    run_all_cells(page)
    exam = output_widget(page, "kwis-quiz")
    expect(exam.locator(".kwis-score")).to_have_text("Je score volgt na het inleveren.")
    expect(exam.locator(".kwis-check")).to_have_count(0)

    # An exam names its questions by number, not by id (an id may name the answer).
    expect(exam.locator("[class*=kwis-qid-]")).to_have_count(0)
    student.press_toggle(exam.locator(".kwis-qnum-1"), "Waar")  # nederland-bijdrage, shown first
    student.press_toggle(exam.locator(".kwis-qnum-2"), "Onwaar")  # kitzen-rapport
    expect(exam.locator(".kwis-progress")).to_contain_text("2 van 3 beantwoord")
    expect(exam.locator(".kwis-feedback .kwis-verdict")).to_have_count(0)
    exam.locator(".kwis-submit").click()

    expect(exam.locator(".kwis-summary")).to_contain_text("Ingeleverd.")
    expect(exam.locator(".kwis-score")).to_have_text("Score: 1 van 3 punten")
    verdicts = exam.locator(".kwis-feedback .kwis-verdict p:first-child strong")
    expect(verdicts).to_have_text(["Goed.", "Niet goed.", "Niet beantwoord."])
    expect(exam.locator(".kwis-model-answer").first).to_be_visible()
    save_screenshot(exam, "exam-jupyterlab")


@pytest.mark.browser
def test_student_answers_a_question_in_voila(
        page: Page, start_voila: Callable[[Path], Server], tmp_path: Path) -> None:
    for folder in ("notebooks", "quizzes"):
        shutil.copytree(PROJECT / folder, tmp_path / folder)
    server = start_voila(tmp_path / STUDENT_NOTEBOOK)
    page.goto(f"{server.base_url}/?token={server.token}")
    quiz = page.locator(".kwis-quiz")
    expect(quiz).to_have_count(1, timeout=60_000)
    expect(page.get_by_text("kwis.Quiz(")).to_have_count(0)  # Voilà shows outputs, not code

    answer_choice(student.go_to(quiz, "diop-eis"))
    expect(quiz.locator(".kwis-score")).to_have_text(re.compile(r"^Score: 1 van \d+ punten$"))
    save_screenshot(quiz, "student-notebook-voila-quiz")
