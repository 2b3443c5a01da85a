"""Practice: a choice or true/false question shows its verdict on Check at once, from the
feedback the kernel sent ahead for every answer (issue 13), also while the kernel is busy; the
kernel still grades and records the Check when it gets to it (the progress counts it then)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from . import _quiz_page as student
from ._lab_page import ACTIVE_PANEL, error_outputs, open_notebook, output_widget, wait_for_execution_idle, write_notebook
from ._servers import Server

BUSY_SECONDS = 20
AWAKE = "kernel awake"


def run_cell(page: Page, number: int) -> None:
    """Runs the notebook's cell `number` (1-based) with Shift+Enter from its editor."""
    page.locator(f"{ACTIVE_PANEL} .jp-Cell").nth(number - 1).locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")


@pytest.mark.browser
@pytest.mark.usefixtures("lab_kernels_stopped")
def test_practice_verdict_shows_while_the_kernel_is_busy(page: Page, lab_server: Server,
                                                         project_copy: Path) -> None:
    cell = student.subset_quiz_cell(("diop-eis", "ruzie-einde"), seed=3, layout="scroll")
    write_notebook(project_copy / "notebooks" / "instant.ipynb", cell,
                   f"import time\ntime.sleep({BUSY_SECONDS})\nprint({AWAKE!r})")
    open_notebook(page, lab_server, "notebooks/instant.ipynb")
    run_cell(page, 1)
    quiz = output_widget(page, "kwis-quiz")
    expect(quiz.locator(".kwis-check").first).to_be_visible(timeout=student.TIMEOUT_MS)
    wait_for_execution_idle(page)
    expect(error_outputs(page)).to_have_count(0)
    page.wait_for_timeout(500)  # the page said "ready"; the kernel's tables arrive

    run_cell(page, 2)
    indicator = page.locator(f"{ACTIVE_PANEL} .jp-Notebook-ExecutionIndicator")
    expect(indicator).to_have_attribute("data-status", "busy", timeout=student.TIMEOUT_MS)
    diop = quiz.locator(".kwis-qid-diop-eis")
    student.choose_radio(diop, "Meer blauwhelmen in het noorden")
    student.check(diop, "Niet goed.", "kwis-wrong")
    expect(diop.locator(".kwis-feedback")).to_contain_text("minder VN-aanwezigheid")
    student.choose_radio(diop, "Een onmiddellijke terugtrekking van Minusma")
    student.check(diop, "Goed.", "kwis-right")
    true_false = quiz.locator(".kwis-qid-ruzie-einde")
    student.press_toggle(true_false, "Onwaar")
    student.check(true_false, "Goed.", "kwis-right")
    # All shown from the page: the kernel, still asleep, has counted none of them yet (read at
    # once with whether the sleep has ended: on a very slow machine it may have).
    progress, awake = page.evaluate(
        "([panel, awake]) => [document.querySelector(`${panel} .kwis-quiz .kwis-progress`).textContent,"
        " [...document.querySelectorAll(`${panel} .jp-OutputArea-output`)].some(o => o.textContent.includes(awake))]", [ACTIVE_PANEL, AWAKE])
    assert not awake, f"the kernel slept {BUSY_SECONDS} s and woke before the checks were done"
    assert "0 van 2 beantwoord" in progress

    wait_for_execution_idle(page)  # the kernel wakes, grades and records every Check
    expect(quiz.locator(".kwis-progress")).to_contain_text("2 van 2 beantwoord", timeout=student.TIMEOUT_MS)
    expect(diop.locator(".kwis-feedback .kwis-verdict.kwis-right")).to_be_visible()
