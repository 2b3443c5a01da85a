"""Practice: a choice or true/false question shows its verdict on Check at once, from the
feedback the kernel sent ahead for every answer (issue 13), also while the kernel cannot answer
(stopped); the kernel still grades and records the Check when it gets to it (the progress counts
it then)."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from . import _quiz_page as student
from ._lab_page import ACTIVE_PANEL, error_outputs, open_notebook, output_widget, wait_for_execution_idle, write_notebook
from ._servers import Server
from kwis.bank import load_bank

# The kernel stops itself (SIGSTOP): nothing in it runs, not its main thread and not the subshell
# JupyterLab sends comm messages to (`commsOverSubshells`), until the test lets it go on.
FREEZE = ("import os, signal, time\n"
          "print('kernel pid', os.getpid(), flush=True)\n"
          "time.sleep(0.5)  # the output reaches the page first\n"
          "os.kill(os.getpid(), signal.SIGSTOP)\n"
          "print('kernel awake')")


def frozen(pid: int) -> bool:
    """Whether process `pid` is stopped (Linux: state T in /proc/<pid>/stat)."""
    return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("T")


def run_cell(page: Page, number: int) -> None:
    """Runs the notebook's cell `number` (1-based) with Shift+Enter from its editor."""
    page.locator(f"{ACTIVE_PANEL} .jp-Cell").nth(number - 1).locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")


@pytest.mark.browser
@pytest.mark.usefixtures("lab_kernels_stopped")
def test_practice_verdict_shows_while_the_kernel_cannot_answer(page: Page, lab_server: Server,
                                                                project_copy: Path) -> None:
    cell = student.subset_quiz_cell(("diop-eis", "ruzie-einde", "afloop-volgorde", "personen-uitspraken"),
                                    seed=3, layout="scroll")
    questions = {q.id: q for q in load_bank(project_copy / "quizzes" / "minusma.nl.yaml").questions}
    write_notebook(project_copy / "notebooks" / "instant.ipynb", cell, FREEZE)
    open_notebook(page, lab_server, "notebooks/instant.ipynb")
    run_cell(page, 1)
    quiz = output_widget(page, "kwis-quiz")
    expect(quiz.locator(".kwis-check").first).to_be_visible(timeout=student.TIMEOUT_MS)
    wait_for_execution_idle(page)
    expect(error_outputs(page)).to_have_count(0)
    page.wait_for_timeout(500)  # the page said "ready"; the kernel's tables arrive

    run_cell(page, 2)
    shown_pid = page.locator(f"{ACTIVE_PANEL} .jp-OutputArea-output", has_text="kernel pid")
    expect(shown_pid).to_be_visible(timeout=student.TIMEOUT_MS)
    pid = int(shown_pid.inner_text().split()[-1])
    deadline = time.monotonic() + 10
    while not frozen(pid):
        assert time.monotonic() < deadline, "the kernel did not stop itself"
        time.sleep(0.05)
    try:
        diop = quiz.locator(".kwis-qid-diop-eis")
        student.choose_radio(diop, "Meer blauwhelmen in het noorden")
        student.check(diop, "Niet goed.", "kwis-wrong")
        expect(diop.locator(".kwis-feedback")).to_contain_text("minder VN-aanwezigheid")
        student.choose_radio(diop, "Een onmiddellijke terugtrekking van Minusma")
        student.check(diop, "Goed.", "kwis-right")
        true_false = quiz.locator(".kwis-qid-ruzie-einde")
        student.press_toggle(true_false, "Onwaar")
        student.check(true_false, "Goed.", "kwis-right")
        order = quiz.locator(".kwis-qid-afloop-volgorde")  # four items: 24 orders in the table
        student.put_in_order(order, list(questions["afloop-volgorde"].items))
        student.check(order, "Goed.", "kwis-right")
        match = quiz.locator(".kwis-qid-personen-uitspraken")  # options with „quotes”: 64 answers
        pairs = questions["personen-uitspraken"].pairs
        for pair in pairs:
            student.match_pair(match, pair.left, pairs[0].right)
        student.check(match, "Deels goed.", "kwis-partial")
        for pair in pairs:
            student.match_pair(match, pair.left, pair.right)
        student.check(match, "Goed.", "kwis-right")
        # All shown from the page: the kernel, stopped, has counted none of them yet.
        assert frozen(pid)
        expect(quiz.locator(".kwis-progress")).to_contain_text("0 van 4 beantwoord")
    finally:
        os.kill(pid, signal.SIGCONT)
    wait_for_execution_idle(page)  # the kernel wakes, grades and records every Check
    expect(quiz.locator(".kwis-progress")).to_contain_text("4 van 4 beantwoord", timeout=student.TIMEOUT_MS)
    expect(diop.locator(".kwis-feedback .kwis-verdict.kwis-right")).to_be_visible()
