"""A long scroll quiz draws its first questions at once and the rest in slices after (issue 13):
every question ends up on the page once, in order, also when a new attempt replaces the quiz
while it is still drawing, and a question that the kernel changed before the page drew it
shows that change."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import kwis

from . import _quiz_page as student
from ._lab_page import error_outputs, open_notebook, output_widget, run_all_cells, write_notebook
from ._servers import Server

PROJECT = Path(__file__).resolve().parents[2]
COPIES = 10  # the MINUSMA bank's 54 questions ten times: 540

QUIZ_CELL = f'''\
import dataclasses
import kwis

base = kwis.load_bank("../quizzes/minusma.nl.yaml")
questions = tuple(dataclasses.replace(question, id=f"{{question.id}}-{{n}}")
                  for n in range({COPIES}) for question in base.questions)
bank = dataclasses.replace(base, id="veel-vragen", questions=questions,
                           settings=dataclasses.replace(base.settings, shuffle=False))
q = kwis.Quiz(bank, seed=3, store=":memory:", layout="scroll")
q'''
# Run right after the quiz's cell, while the page is still drawing: a new attempt replaces the
# questions, and the last one is answered and checked before the page has drawn it.
RESTART_CELL = "q.restart()"
ANSWER_CELL = '''\
from kwis.grading import correct_response

last = q.questions[-1]
last.answer(correct_response(last.question, language=q.language))
last.check()'''

# Each time the page's question count changes (once per drawn slice), it is noted.
WATCH_JS = """(panel) => {
  const counts = window.__kwisCounts = [];
  new MutationObserver(() => {
    const page = document.querySelector(`${panel} .kwis-quiz .kwis-page`);
    const count = page ? page.querySelectorAll(".kwis-question").length : 0;
    if (count && count !== counts[counts.length - 1]) counts.push(count);
  }).observe(document.body, {childList: true, subtree: true});
}"""
SHOWN_IDS_JS = """(quiz) => [...quiz.querySelectorAll(".kwis-page .kwis-question")].map(
  (question) => (question.className.match(/\\bkwis-qid-(\\S+)/) || [, null])[1])"""


@pytest.mark.browser
@pytest.mark.usefixtures("lab_kernels_stopped")
def test_a_long_scroll_quiz_draws_every_question_once_in_order(page: Page, lab_server: Server,
                                                                project_copy: Path) -> None:
    base = kwis.load_bank(PROJECT / "quizzes" / "minusma.nl.yaml")
    expected = [f"{question.id}-{n}" for n in range(COPIES) for question in base.questions]
    write_notebook(project_copy / "notebooks" / "long-scroll.ipynb", QUIZ_CELL, RESTART_CELL, ANSWER_CELL)
    open_notebook(page, lab_server, "notebooks/long-scroll.ipynb")
    page.evaluate(WATCH_JS, ".jp-NotebookPanel:not(.lm-mod-hidden)")
    run_all_cells(page)
    expect(error_outputs(page)).to_have_count(0)
    quiz = output_widget(page, "kwis-quiz")
    expect(quiz.locator(".kwis-question")).to_have_count(len(expected), timeout=student.TIMEOUT_MS)
    student.wait_until_drawn(quiz)

    counts = page.evaluate("window.__kwisCounts")
    assert counts[0] < len(expected), f"the first questions show before the rest: {counts}"
    assert counts[-1] == len(expected)
    assert quiz.evaluate(SHOWN_IDS_JS) == expected, "every question once, in the bank's order"

    # The last question, answered and checked from Python before the page drew it.
    last = base.questions[-1]
    assert last.type == "multiple"
    shown_last = quiz.locator(f".kwis-qid-{last.id}-{COPIES - 1}")
    expect(shown_last.locator(".kwis-feedback .kwis-verdict.kwis-right")).to_be_visible()
    right = sorted(choice.text for choice in last.choices if choice.correct)
    ticked = shown_last.locator("label.kwis-option", has=page.locator("input:checked"))
    expect(ticked).to_have_count(len(right))
    assert sorted(text.strip() for text in ticked.all_inner_texts()) == right

    # A late question answered in the page, after everything is drawn.
    choice = base.question("diop-spanningen")
    assert choice.type == "choice"
    wrong = next(c for c in choice.choices if not c.correct and c.feedback)
    late = quiz.locator(f".kwis-qid-{choice.id}-{COPIES - 1}")
    student.choose_radio(late, wrong.text)
    student.check(late, "Niet goed.", "kwis-wrong")
    expect(late.locator(".kwis-feedback")).to_contain_text(wrong.feedback[:40])
    expect(quiz.locator(".kwis-progress")).to_contain_text(
        re.compile(rf"\b2 van {len(expected)} beantwoord"), timeout=student.TIMEOUT_MS)
