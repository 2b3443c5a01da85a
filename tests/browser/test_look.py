"""The quiz's look in real JupyterLab: one question of every type, answered partly wrong and
checked, measured where a teacher would see sloppiness (misaligned match dropdowns, a cloze
passage broken into blocks, stretched buttons, verdicts told apart by nothing). A screenshot of
each question goes to test-artifacts/look-<id>.png."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import FloatRect, Locator, Page, expect

from ._lab_page import error_outputs, open_notebook, output_widget, run_all_cells, write_notebook
from . import _quiz_page as student
from ._servers import Server
from .conftest import save_screenshot

SHOWN = ("diop-eis", "bondgenoten", "nederland-bijdrage", "missie-omvang", "goita-naam",
         "cloze-penvoerder", "tijdlijn-missie", "personen-rollen")
LOOK_CELLS = (student.subset_quiz_cell(SHOWN, seed=11, layout="scroll"), '''\
views = {view.question.id: view for view in q.questions}
views["diop-eis"].answer(1)
views["bondgenoten"].answer(frozenset({0, 1}))
views["nederland-bijdrage"].answer(True)
views["missie-omvang"].answer("1.700")
views["goita-naam"].answer("Goïta")
views["cloze-penvoerder"].answer(("Afrikaanse", "besluitvorming", "Russen"))
roles = [pair.right for pair in bank.question("personen-rollen").pairs]
roles[1], roles[2] = roles[2], roles[1]
views["personen-rollen"].answer(tuple(roles))
for view in views.values():
    view.check()
views["tijdlijn-missie"].show_hint()''')


def box(element: Locator) -> FloatRect:
    found = element.bounding_box()
    assert found is not None, f"{element} is not shown"
    return found


def css(element: Locator, prop: str) -> str:
    return str(element.evaluate(f"e => getComputedStyle(e).getPropertyValue({prop!r})"))


@pytest.mark.browser
@pytest.mark.usefixtures("lab_kernels_stopped")
def test_every_question_type_looks_tidy(page: Page, lab_server: Server,
                                        project_copy: Path) -> None:
    write_notebook(project_copy / "notebooks" / "look-check.ipynb", *LOOK_CELLS)
    open_notebook(page, lab_server, "notebooks/look-check.ipynb")
    run_all_cells(page)
    expect(error_outputs(page)).to_have_count(0)
    quiz = output_widget(page, "kwis-quiz")
    expect(quiz.locator(".kwis-feedback")).to_have_count(len(SHOWN))
    question = {qid: quiz.locator(f".kwis-qid-{qid}") for qid in SHOWN}

    # Match: the dropdowns line up in one column, however long each person's name is.
    selects = question["personen-rollen"].locator("select")
    assert len({round(box(selects.nth(i))["x"]) for i in range(selects.count())}) == 1
    # Cloze: the first gap sits in the passage's first line, not on a line of its own.
    passage = question["cloze-penvoerder"].locator(".kwis-cloze-text")
    first_gap = passage.locator(".kwis-gap").first
    assert box(first_gap)["y"] - box(passage)["y"] < box(first_gap)["height"]
    assert box(first_gap)["x"] > box(passage)["x"] + 100  # after the text before it
    # Buttons as wide as their text, not the whole question.
    check = question["diop-eis"].locator(".kwis-check")
    assert box(check)["width"] < box(question["diop-eis"])["width"] / 3
    # Verdicts differ by edge colour and by their word and sign.
    edges = {verdict: css(quiz.locator(f".kwis-verdict.kwis-{verdict}").first, "border-left-color")
             for verdict in ("right", "partial", "wrong")}
    assert len(set(edges.values())) == 3, edges
    sign = quiz.locator(".kwis-verdict.kwis-wrong > p:first-child strong").first.evaluate(
        "e => getComputedStyle(e, '::before').content")
    assert sign == '"✗"'
    # Marked parts carry a sign too: the wrong gap and the swapped match pairs.
    wrong_gap = question["cloze-penvoerder"].locator(".kwis-gap.kwis-part-wrong")
    expect(wrong_gap).to_have_count(1)
    assert wrong_gap.evaluate("e => getComputedStyle(e, '::after').content") == '"✗"'
    expect(question["personen-rollen"].locator(".kwis-part-wrong")).to_have_count(2)

    for qid in SHOWN:
        save_screenshot(question[qid], f"look-{qid}")
