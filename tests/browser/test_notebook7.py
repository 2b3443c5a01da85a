"""The quiz in Jupyter Notebook 7 (JupyterLab-based, but its own app and page, /notebooks/<name>).

The Dutch student notebook runs from the Run menu and one choice question is answered wrong and
then right with the mouse; a screenshot goes to test-artifacts/notebook7-quiz.png. A second
notebook is answered with the keyboard alone, through the quiz's key guard.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Locator, Page, expect

from . import _quiz_page as student
from ._lab_page import (ACTIVE_PANEL, error_outputs, open_in_notebook7, output_widget,
                        run_all_cells, write_notebook)
from ._servers import Server, shutdown_kernels
from .conftest import save_screenshot
from .test_keyboard import (answer_cloze, arrow_to_radio, expect_verdict, press_on,
                            radio_named, tab_to)

STUDENT_NOTEBOOK = "notebooks/minusma-quiz.nl.ipynb"
DRUPPEL_RIGHT = "Een VN-rapport over een bloedbad in Centraal-Mali"
# The wrong choices of `druppel` with a phrase of the feedback each one gets.
DRUPPEL_WRONG = {
    "Het uitstel van de stemming met een dag": "om over de voorwaarden te onderhandelen",
    "De komst van Russische gevechtsvliegtuigen": "Moskou leverde die als bondgenoot",
    "Het vertrek van de Franse troepen": "Dat wilde de junta zelf",
}
KEYBOARD_CELL = student.subset_quiz_cell(("druppel", "cloze-penvoerder"), seed=5)


@pytest.fixture
def notebook7_kernels_stopped(notebook7_server: Server) -> Iterator[None]:
    """Shuts the test's kernels down afterwards, so they do not hold one of our two cores."""
    yield
    shutdown_kernels(notebook7_server)


def answer_by_mouse(question: Locator) -> None:
    student.choose_radio(question, "De VN-Veiligheidsraad komt pas later in het jaar weer bijeen")
    student.check(question, "Niet goed.", "kwis-wrong")
    expect(question.locator(".kwis-feedback")).to_contain_text("vergaderschema van de Veiligheidsraad")
    student.choose_radio(question, "Lopende projecten, contracten en de veiligheid van personeel "
                                   "vragen meer tijd")
    student.check(question, "Goed.", "kwis-right")
    expect(question.locator(".kwis-feedback")).to_contain_text("duizenden man personeel")


@pytest.mark.browser
@pytest.mark.usefixtures("notebook7_kernels_stopped")
def test_student_answers_in_jupyter_notebook_7(page: Page, notebook7_server: Server) -> None:
    open_in_notebook7(page, notebook7_server, STUDENT_NOTEBOOK)
    expect(page.locator("#jp-main-statusbar")).to_have_count(0)  # Notebook 7's page, not Lab's
    run_all_cells(page)
    expect(error_outputs(page)).to_have_count(0)
    quiz = output_widget(page, "kwis-quiz")
    expect(quiz).to_have_count(1)
    score = quiz.locator(".kwis-score")
    expect(score).to_have_text(re.compile(r"^Score: 0 van \d+ punten$"))

    answer_by_mouse(student.go_to(quiz, "drie-maanden-onmogelijk"))
    expect(score).to_have_text(re.compile(r"^Score: 1 van \d+ punten$"))
    expect(quiz.locator(".kwis-progress")).to_contain_text(re.compile(r"1 van \d+ beantwoord"))
    expect(output_widget(page, "kwis-result")).to_contain_text(re.compile(r"Score: 1 van \d+ punten"))
    save_screenshot(page, "notebook7-quiz")


def neighbours(labels: list[str], right: str) -> tuple[int, int]:
    """A wrong choice next to the right one, not the first (the focus starts on the one above
    it, and ArrowDown from there picks it): (index of the wrong choice, of the right one)."""
    right_at = labels.index(right)
    return (right_at - 1 if right_at >= 2 else right_at + 1), right_at


def answer_choice_by_keys(page: Page, question: Locator) -> None:
    """One ArrowDown picks a wrong choice, Enter on Check; Shift+Tab back to the radio group and
    one arrow to the right choice, Space on Check."""
    radios = question.get_by_role("radio")
    labels = [radios.nth(i).locator("xpath=..").inner_text().strip() for i in range(radios.count())]
    wrong_at, right_at = neighbours(labels, DRUPPEL_RIGHT)
    radios.nth(wrong_at - 1).focus()  # the one pointer-free starting point
    arrow_to_radio(page, question, labels[wrong_at])
    press_on(page, question.locator(".kwis-check"), "Enter")
    expect_verdict(question, "Niet goed.", "kwis-wrong")
    expect(question.locator(".kwis-feedback")).to_contain_text(DRUPPEL_WRONG[labels[wrong_at]])

    tab_to(page, radio_named(question, labels[wrong_at]))
    page.keyboard.press("ArrowDown" if right_at > wrong_at else "ArrowUp")
    expect(radio_named(question, DRUPPEL_RIGHT)).to_be_checked()
    expect(radio_named(question, DRUPPEL_RIGHT)).to_be_focused()
    press_on(page, question.locator(".kwis-check"), "Space")
    expect_verdict(question, "Goed.", "kwis-right")


@pytest.mark.browser
@pytest.mark.usefixtures("notebook7_kernels_stopped")
def test_quiz_is_usable_with_the_keyboard_in_notebook_7(page: Page, notebook7_server: Server,
                                                        notebook7_root: Path) -> None:
    write_notebook(notebook7_root / "notebooks" / "keyboard-nb7.ipynb", KEYBOARD_CELL)
    open_in_notebook7(page, notebook7_server, "notebooks/keyboard-nb7.ipynb")
    run_all_cells(page)
    expect(error_outputs(page)).to_have_count(0)
    quiz = output_widget(page, "kwis-quiz")
    active_cell = page.locator(f"{ACTIVE_PANEL} .jp-Cell.jp-mod-active")
    cell_before = active_cell.get_attribute("data-windowed-list-index")

    answer_choice_by_keys(page, quiz.locator(".kwis-qid-druppel"))
    expect(active_cell).to_have_attribute("data-windowed-list-index", str(cell_before))
    press_on(page, quiz.locator("button.kwis-next"), "Enter")
    answer_cloze(page, quiz.locator(".kwis-qid-cloze-penvoerder"))
    expect(quiz.locator(".kwis-score")).to_have_text("Score: 2 van 2 punten")
    save_screenshot(quiz, "notebook7-keyboard-quiz")
