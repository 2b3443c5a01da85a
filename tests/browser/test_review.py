"""Spaced review and progress in real JupyterLab: the review quiz of what is due on a simulated
learner's history (fixed clock), answered with the keyboard alone, and the progress view's bars
and three Vega-Lite plots drawn by JupyterLab's own renderer. Screenshots: review-quiz.png and
review-progress.png in test-artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from ._lab_page import ACTIVE_PANEL, error_outputs, open_notebook, output_widget, run_all_cells, \
    write_notebook
from ._servers import Server, shutdown_kernels
from .conftest import save_screenshot

TIMEOUT_MS = 30_000
SETUP = '''\
import dataclasses
from datetime import datetime, timezone

import kwis
from kwis.learning import simulate_history

# DEMO: a simulated learner of the MINUSMA bank's choice questions, "now" fixed.
bank = kwis.load_bank("../quizzes/minusma.nl.yaml")
bank = dataclasses.replace(bank, questions=tuple(q for q in bank.questions if q.type == "choice"))
NOW = datetime(2026, 3, 9, 11, 0, tzinfo=timezone.utc)
demo = simulate_history([bank], ":memory:", start=datetime(2026, 2, 16, 9, 0, tzinfo=timezone.utc),
                        days=21, seed=2023, leave_out=["mensenrechten"])'''
REVIEW = 'review = kwis.review(bank, store=demo, user="demo", clock=NOW)\nreview'
PROGRESS = 'kwis.progress(bank, store=demo, user="demo", clock=NOW)'


def plot_corner(page: Page) -> tuple[int, int, int]:
    """The colour of the first plot's corner (its background), read from its canvas."""
    plot = page.locator(f"{ACTIVE_PANEL} .jp-RenderedVegaCommon5 canvas.marks").first
    expect(plot).to_be_visible(timeout=TIMEOUT_MS)
    red, green, blue = plot.evaluate(
        "e => Array.from(e.getContext('2d').getImageData(3, 3, 1, 1).data.slice(0, 3))")
    return red, green, blue


@pytest.mark.browser
@pytest.mark.usefixtures("lab_kernels_stopped")
def test_review_by_keyboard_and_progress_plots(page: Page, lab_server: Server,
                                               project_copy: Path) -> None:
    write_notebook(project_copy / "notebooks" / "review-check.ipynb", SETUP, REVIEW, PROGRESS)
    open_notebook(page, lab_server, "notebooks/review-check.ipynb")
    run_all_cells(page)
    expect(error_outputs(page)).to_have_count(0)

    quiz = output_widget(page, "kwis-quiz")
    expect(quiz.locator(".kwis-header")).to_contain_text("Herhaling")
    expect(quiz.locator(".kwis-header")).to_contain_text("om te herhalen")
    question = quiz.locator(".kwis-page .kwis-question")
    first_radio = question.get_by_role("radio").first
    first_radio.focus()  # the one mouse-free start, as in test_keyboard.py
    page.keyboard.press("ArrowDown")
    expect(question.get_by_role("radio").nth(1)).to_be_checked()
    check = question.locator(".kwis-check")
    for _ in range(10):
        if check.evaluate("e => e === document.activeElement || e.contains(document.activeElement)"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(question.locator(".kwis-feedback .kwis-verdict")).to_be_visible(timeout=TIMEOUT_MS)
    expect(quiz.locator(".kwis-progress")).to_contain_text("1 van")
    save_screenshot(quiz, "review-quiz")

    panel = page.locator(ACTIVE_PANEL)
    bars = panel.locator(".kwis-progress .kwis-mastery-row")
    expect(bars.first).to_be_visible(timeout=TIMEOUT_MS)
    expect(panel.locator('.kwis-mastery-row[aria-label="mensenrechten: nog niet geoefend"]')) \
        .to_have_count(1)
    plots = panel.locator(".jp-RenderedVegaCommon5 .marks")  # the drawing, not the menu icon
    expect(plots).to_have_count(3, timeout=TIMEOUT_MS)
    for index in range(3):
        box = plots.nth(index).bounding_box()
        assert box is not None and box["width"] > 300 and box["height"] > 150
    expect(panel.locator("details.kwis-progress summary")).to_have_count(3)
    expect(panel.locator("details.kwis-progress summary").first).to_contain_text("Als tekst")
    assert min(plot_corner(page)) > 200  # a light plot in the light theme
    progress = panel.locator(".jp-Cell").nth(2).locator(".jp-OutputArea")
    page.set_viewport_size({"width": 1280, "height": 2400})  # the whole view in one picture
    progress.scroll_into_view_if_needed()
    save_screenshot(progress, "review-progress")


@pytest.mark.browser
def test_the_plots_follow_the_dark_theme(page: Page, dark_lab_server: Server,
                                         dark_lab_root: Path) -> None:
    write_notebook(dark_lab_root / "notebooks" / "review-dark.ipynb", SETUP, PROGRESS)
    try:
        open_notebook(page, dark_lab_server, "notebooks/review-dark.ipynb")
        run_all_cells(page)
        expect(error_outputs(page)).to_have_count(0)
        assert max(plot_corner(page)) < 90  # JupyterLab draws Vega dark: kwis sets no colours
        progress = page.locator(ACTIVE_PANEL).locator(".jp-Cell").nth(1).locator(".jp-OutputArea")
        page.set_viewport_size({"width": 1280, "height": 2400})
        progress.scroll_into_view_if_needed()
        save_screenshot(progress, "review-progress-dark")
    finally:
        shutdown_kernels(dark_lab_server)
