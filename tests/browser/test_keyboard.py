"""The quiz with the keyboard alone, in real JupyterLab: after one `.focus()` on the first radio
button, every answer, Check, Next and Hint is given with Tab, Shift+Tab, the arrow keys, Space,
Enter and typing, as a student who cannot use a mouse does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from . import _quiz_page as student
from ._lab_page import error_outputs, open_notebook, output_widget, run_all_cells, write_notebook
from ._servers import Server
from .conftest import save_screenshot

# Five questions of the real bank in bank order (no question shuffle), so Next is predictable.
KEYBOARD_CELL = student.subset_quiz_cell(
    ("diop-eis", "missie-omvang", "cloze-penvoerder", "tijdlijn-missie", "personen-rollen"), seed=11)
TIMELINE = student.TIMELINE
ROLES = student.ROLES
MAX_TABS = 40
TIMEOUT_MS = 15_000


def has_focus(target: Locator) -> bool:
    return bool(target.evaluate("element => element === document.activeElement"))


def is_before_focus(target: Locator) -> bool:
    return bool(target.evaluate(
        "element => Boolean(element.compareDocumentPosition(document.activeElement)"
        " & Node.DOCUMENT_POSITION_FOLLOWING)"))


def tab_to(page: Page, target: Locator) -> None:
    """Presses Tab, or Shift+Tab when `target` comes before the focus, until it has the focus."""
    key = "Shift+Tab" if is_before_focus(target) else "Tab"
    for _ in range(MAX_TABS):
        if has_focus(target):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{MAX_TABS} presses of {key} did not reach {target}")


def press_on(page: Page, target: Locator, key: str) -> None:
    tab_to(page, target)
    page.keyboard.press(key)


def expect_verdict(question: Locator, verdict: str, css: str) -> None:
    feedback = question.locator(f".kwis-feedback .kwis-verdict.{css}")
    expect(feedback).to_be_visible(timeout=TIMEOUT_MS)
    expect(feedback.locator("p").first).to_contain_text(verdict)


def radio_named(question: Locator, label: str) -> Locator:
    return question.get_by_role("radio", name=label, exact=True)


def arrow_to_radio(page: Page, question: Locator, label: str) -> None:
    """One ArrowDown in the focused radio group checks the next choice, `label`. (One key, so one
    update for the kernel: ipywidgets would hold back a second until the first is answered, and
    a quick Check could overtake it.)"""
    page.keyboard.press("ArrowDown")
    expect(radio_named(question, label)).to_be_checked()
    expect(radio_named(question, label)).to_be_focused()


def answer_choice(page: Page, question: Locator) -> None:
    arrow_to_radio(page, question, "Meer blauwhelmen in het noorden")
    press_on(page, question.locator(".kwis-check"), "Enter")
    expect_verdict(question, "Niet goed.", "kwis-wrong")
    tab_to(page, radio_named(question, "Meer blauwhelmen in het noorden"))
    arrow_to_radio(page, question, "Een onmiddellijke terugtrekking van Minusma")
    press_on(page, question.locator(".kwis-check"), "Space")
    expect_verdict(question, "Goed.", "kwis-right")


def answer_numeric(page: Page, question: Locator) -> None:
    field = question.locator("input[type=text]")
    tab_to(page, field)
    page.keyboard.type("1.700")
    press_on(page, question.locator(".kwis-check"), "Enter")
    expect_verdict(question, "Niet goed.", "kwis-wrong")
    tab_to(page, field)
    page.keyboard.press("Control+A")
    page.keyboard.type("17.000")
    press_on(page, question.locator(".kwis-check"), "Enter")
    expect_verdict(question, "Goed.", "kwis-right")


def choose_by_keys(page: Page, select: Locator, option: str) -> None:
    """Picks `option` in the focused dropdown: Space opens its list, the arrow keys move, Enter
    takes the option (one change, however far the list was walked)."""
    # ipywidgets writes option texts with no-break spaces
    options = [text.replace("\xa0", " ").strip()
               for text in select.locator("option").all_inner_texts()]
    wanted = options.index(option)
    current = int(select.evaluate("element => element.selectedIndex"))  # -1: none yet
    page.keyboard.press("Space")
    key = "ArrowDown" if wanted > current else "ArrowUp"
    for _ in range(abs(wanted - current)):
        page.keyboard.press(key)
    page.keyboard.press("Enter")
    expect(select).to_have_js_property("selectedIndex", wanted)


def answer_cloze(page: Page, question: Locator) -> None:
    gaps = question.locator(".kwis-gap select")
    for number, option in enumerate(["Afrikaanse", "besluitvorming", "Russen"]):
        tab_to(page, gaps.nth(number))
        choose_by_keys(page, gaps.nth(number), option)
    press_on(page, question.locator(".kwis-check"), "Enter")
    expect_verdict(question, "Deels goed.", "kwis-partial")
    tab_to(page, gaps.nth(2))
    choose_by_keys(page, gaps.nth(2), "Fransen")
    press_on(page, question.locator(".kwis-check"), "Enter")
    expect_verdict(question, "Goed.", "kwis-right")


def move_by_keys(page: Page, rows: Locator, position: int, direction: str) -> int:
    """Enter on the row's Up or Down button; the item moves and the focus goes with it (on the
    top or bottom row, whose button that way is disabled, to its other button)."""
    item = rows.nth(position).inner_text().splitlines()[-1].split(". ", 1)[1]
    press_on(page, rows.nth(position).locator(f"button.kwis-move-{direction}"), "Enter")
    position += -1 if direction == "up" else 1
    expect(rows.nth(position)).to_contain_text(item, timeout=TIMEOUT_MS)
    at_end = position == (0 if direction == "up" else rows.count() - 1)
    other = "down" if direction == "up" else "up"
    focused = rows.nth(position).locator(f"button.kwis-move-{other if at_end else direction}")
    expect(focused).to_be_focused()
    return position


def answer_order(page: Page, question: Locator) -> None:
    rows = question.locator(".kwis-order-item")
    move_by_keys(page, rows, move_by_keys(page, rows, 0, "down"), "up")  # to the top row
    press_on(page, question.locator(".kwis-check"), "Enter")
    expect_verdict(question, "Deels goed.", "kwis-partial")
    for place, item in enumerate(TIMELINE):
        position = student.order_items(question).index(item)
        while position > place:
            position = move_by_keys(page, rows, position, "up")
    assert student.order_items(question) == TIMELINE
    press_on(page, question.locator(".kwis-hint"), "Enter")
    expect(question.locator(".kwis-hint-text")).to_contain_text("jaartal of een tijd")
    press_on(page, question.locator(".kwis-check"), "Enter")
    expect_verdict(question, "Goed.", "kwis-right")


def answer_match(page: Page, question: Locator) -> None:
    selects = question.locator(".kwis-pair select")
    lefts = question.locator(".kwis-pair label").all_inner_texts()
    for index, left in enumerate(text.strip() for text in lefts):
        tab_to(page, selects.nth(index))
        choose_by_keys(page, selects.nth(index), ROLES[left])
    press_on(page, question.locator(".kwis-check"), "Enter")
    expect_verdict(question, "Goed.", "kwis-right")


def next_question(page: Page, quiz: Locator, then: str, *, last: bool = False) -> Locator:
    press_on(page, quiz.locator("button.kwis-next"), "Enter")
    expect(student.current_question(quiz)).to_have_class(re.compile(rf"\bkwis-qid-{then}\b"),
                                                         timeout=TIMEOUT_MS)
    # The focus stays on Next for the next press; on the last question, where Next is
    # disabled, it moves to Previous instead of leaving the quiz.
    if last:
        expect(quiz.locator("button.kwis-next")).to_be_disabled()
    expect(quiz.locator("button.kwis-prev" if last else "button.kwis-next")).to_be_focused()
    return quiz.locator(f".kwis-qid-{then}")


@pytest.mark.browser
@pytest.mark.usefixtures("lab_kernels_stopped")
def test_quiz_is_usable_with_the_keyboard_alone(page: Page, lab_server: Server,
                                                project_copy: Path) -> None:
    write_notebook(project_copy / "notebooks" / "keyboard-check.ipynb", KEYBOARD_CELL)
    open_notebook(page, lab_server, "notebooks/keyboard-check.ipynb")
    run_all_cells(page)
    expect(error_outputs(page)).to_have_count(0)
    quiz = output_widget(page, "kwis-quiz")
    score = quiz.locator(".kwis-score")
    expect(score).to_have_text("Score: 0 van 5 punten")

    question = quiz.locator(".kwis-qid-diop-eis")
    question.get_by_role("radio").first.focus()  # the one pointer-free starting point
    answer_choice(page, question)
    expect(score).to_have_text("Score: 1 van 5 punten")
    question = next_question(page, quiz, "missie-omvang")
    answer_numeric(page, question)
    question = next_question(page, quiz, "cloze-penvoerder")
    answer_cloze(page, question)
    question = next_question(page, quiz, "tijdlijn-missie")
    answer_order(page, question)
    question = next_question(page, quiz, "personen-rollen", last=True)
    answer_match(page, question)
    expect(score).to_have_text("Score: 5 van 5 punten")
    expect(quiz.locator(".kwis-progress")).to_contain_text("5 van 5 beantwoord")
    save_screenshot(quiz, "keyboard-jupyterlab-quiz")
