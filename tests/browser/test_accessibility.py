"""Zero WCAG 2.1 A/AA violations, as axe-core finds them in the real page, for a quiz of every
question type: paged and scroll, light and dark theme, before and after feedback (and a hint);
once in Jupyter Notebook 7 and once in Voilà.

axe-core comes from npm (tests/browser/package.json, installed by `make test` / `.ci/run`);
nothing is downloaded at run time. JupyterLab gives <html> and <body> a height of 0 with overflow
hidden, so axe would take all text as off-screen and skip text contrast without a word: each audit
first gives the body a height and the viewport room for the whole quiz.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from . import _quiz_page as student
from ._lab_page import error_outputs, open_in_notebook7, open_notebook, output_widget, run_all_cells, write_notebook
from ._servers import Server, shutdown_kernels
from .conftest import PROJECT, save_screenshot

AXE = PROJECT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
ALL_TYPES_BANK = PROJECT / "tests" / "data" / "teacher-all-types.yaml"

# Answers every question, the odd ones wrong and the even ones right, and opens one hint, so
# every kind of verdict, marked part and feedback block is on the page.
FEEDBACK_CELL = '''\
from kwis.grading import correct_response


def wrong(question):
    right = correct_response(question, language="nl")
    kind = question.type
    if kind == "choice":
        return (right + 1) % len(question.choices)
    if kind == "true-false":
        return not right
    if kind in ("numeric", "text"):
        return "1" if kind == "numeric" else "iets anders"
    if kind == "multiple":
        return frozenset({0})
    if kind == "order":
        return tuple(reversed(right))
    return ("x",) * len(right) if kind == "cloze" else (right[0],) * len(right)


for number, view in enumerate(quiz.questions):
    question = view.question
    view.answer(wrong(question) if number % 2 else correct_response(question, language="nl"))
    view.check()
    if question.hint:
        view.show_hint()'''


def quiz_cell(layout: str, with_feedback: bool) -> str:
    cell = f'''\
import kwis

quiz = kwis.Quiz("../quizzes/all-types.nl.yaml", seed=5, store=":memory:", layout={layout!r})
'''
    return cell + (FEEDBACK_CELL + "\nquiz" if with_feedback else "quiz")


def require_axe() -> Path:
    if not AXE.is_file():
        pytest.fail(f"axe-core is missing at {AXE}: run `npm ci --prefix tests/browser` "
                    "(make test does)", pytrace=False)
    return AXE


def audit(page: Page, scope: Locator) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations inside `scope`: rule, impact, node and fix."""
    student.wait_until_drawn(scope)  # every question of a scroll quiz, not only its first slice
    page.add_style_tag(content="html, body { height: auto !important; min-height: 100vh; "
                               "overflow: visible !important; }")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(require_axe()))
    scope.scroll_into_view_if_needed()
    results: dict[str, Any] = scope.evaluate(
        "(root, tags) => axe.run(root, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG_21_AA)
    return [f"{v['id']} ({v['impact']}): {node['target']} -- {node['failureSummary']} "
            f"[{v['helpUrl']}]" for v in results["violations"] for node in v["nodes"]]


def audit_every_page(page: Page, quiz: Locator, layout: str) -> list[str]:
    """The scroll quiz at once; the paged quiz page by page, with Next."""
    if layout == "scroll":
        return audit(page, quiz)
    return [found for _, _ in student.each_question(quiz) for found in audit(page, quiz)]


def put_bank(root: Path) -> None:
    shutil.copy(ALL_TYPES_BANK, root / "quizzes" / "all-types.nl.yaml")


@pytest.mark.browser
@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("layout", ["paged", "scroll"])
def test_no_wcag_violation_in_jupyterlab(page: Page, layout: str, theme: str,
                                         request: pytest.FixtureRequest) -> None:
    server: Server = request.getfixturevalue("dark_lab_server" if theme == "dark" else "lab_server")
    root: Path = request.getfixturevalue("dark_lab_root" if theme == "dark" else "project_copy")
    put_bank(root)
    name = f"axe-{layout}-{theme}"
    write_notebook(root / "notebooks" / f"{name}.ipynb", quiz_cell(layout, False), quiz_cell(layout, True))
    page.set_viewport_size({"width": 1280, "height": 4000})
    try:
        open_notebook(page, server, f"notebooks/{name}.ipynb")
        run_all_cells(page)
        expect(error_outputs(page)).to_have_count(0)
        quizzes = output_widget(page, "kwis-quiz")
        expect(quizzes).to_have_count(2)
        expect(quizzes.nth(1).locator(".kwis-verdict").first).to_be_visible()
        violations = {"before feedback": audit_every_page(page, quizzes.nth(0), layout),
                      "after feedback": audit_every_page(page, quizzes.nth(1), layout)}
        save_screenshot(page, name)
        assert violations == {"before feedback": [], "after feedback": []}
    finally:
        shutdown_kernels(server)


@pytest.mark.browser
def test_no_wcag_violation_in_notebook7(page: Page, notebook7_server: Server, notebook7_root: Path) -> None:
    put_bank(notebook7_root)
    write_notebook(notebook7_root / "notebooks" / "axe-nb7.ipynb", quiz_cell("scroll", True))
    page.set_viewport_size({"width": 1280, "height": 4000})
    try:
        open_in_notebook7(page, notebook7_server, "notebooks/axe-nb7.ipynb")
        run_all_cells(page)
        quiz = output_widget(page, "kwis-quiz")
        expect(quiz.locator(".kwis-verdict").first).to_be_visible()
        assert audit(page, quiz) == []
    finally:
        shutdown_kernels(notebook7_server)


@pytest.mark.browser
def test_no_wcag_violation_in_voila(page: Page, start_voila: Any, tmp_path: Path) -> None:
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "notebooks").mkdir()
    put_bank(tmp_path)
    notebook = tmp_path / "notebooks" / "axe-voila.ipynb"
    write_notebook(notebook, quiz_cell("scroll", True))
    server = start_voila(notebook)
    page.set_viewport_size({"width": 1280, "height": 4000})
    page.goto(f"{server.base_url}/?token={server.token}")
    quiz = page.locator(".kwis-quiz")
    expect(quiz.locator(".kwis-verdict").first).to_be_visible(timeout=60_000)
    assert audit(page, quiz) == []
