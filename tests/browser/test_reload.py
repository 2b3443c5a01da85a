"""A quiz is one widget model whose state the kernel keeps up to date (each question's feedback
and answer, also those sent as one-question messages): a page opened again on the same kernel
draws the quiz as it is, without running the cell again. The quiz's model is kwis's own (not an
ipywidgets one): a reloaded page gets it whether or not ipywidgets was imported after it (then
ipywidgets' own handler answers the page for every model)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from . import _quiz_page as student
from ._lab_page import ACTIVE_PANEL, error_outputs, open_notebook, output_widget, run_all_cells, write_notebook
from ._servers import Server


SLIDER = "import ipywidgets\nipywidgets.IntSlider(value=7, description='Schuif')"


@pytest.mark.browser
@pytest.mark.usefixtures("lab_kernels_stopped")
@pytest.mark.parametrize("with_ipywidgets", [False, True], ids=["quiz-only", "ipywidgets-after"])
def test_a_page_opened_again_draws_the_quiz_as_it_is(page: Page, lab_server: Server,
                                                     project_copy: Path, with_ipywidgets: bool) -> None:
    cell = student.subset_quiz_cell(("diop-eis", "goita-naam"), seed=3, layout="scroll")
    write_notebook(project_copy / "notebooks" / "reload.ipynb", cell, *([SLIDER] if with_ipywidgets else []))
    open_notebook(page, lab_server, "notebooks/reload.ipynb")
    run_all_cells(page)
    expect(error_outputs(page)).to_have_count(0)
    quiz = output_widget(page, "kwis-quiz")
    diop = quiz.locator(".kwis-qid-diop-eis")
    student.choose_radio(diop, "Meer blauwhelmen in het noorden")
    student.check(diop, "Niet goed.", "kwis-wrong")
    student.type_answer(quiz.locator(".kwis-qid-goita-naam"), "Goïta")  # sent, not checked
    expect(quiz.locator(".kwis-progress")).to_contain_text("1 van 2 beantwoord")
    page.locator(f"{ACTIVE_PANEL} .jp-Notebook").click()
    page.keyboard.press("Control+s")  # the output (the widget's view) stays in the notebook
    page.wait_for_timeout(1000)

    open_notebook(page, lab_server, "notebooks/reload.ipynb")  # the same kernel, a new page
    quiz = output_widget(page, "kwis-quiz")
    diop = quiz.locator(".kwis-qid-diop-eis")
    expect(diop.locator(".kwis-feedback .kwis-verdict.kwis-wrong")).to_be_visible(timeout=student.TIMEOUT_MS)
    expect(diop.get_by_role("radio", name="Meer blauwhelmen in het noorden", exact=True)).to_be_checked()
    expect(quiz.locator(".kwis-qid-goita-naam input[type=text]")).to_have_value("Goïta")
    expect(quiz.locator(".kwis-progress")).to_contain_text("1 van 2 beantwoord")
    if with_ipywidgets:
        expect(page.locator(f"{ACTIVE_PANEL} .widget-slider .widget-readout")).to_have_text("7")
