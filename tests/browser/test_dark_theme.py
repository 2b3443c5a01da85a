"""The quiz is readable in JupyterLab's light and dark themes: every verdict (right, partly right,
wrong), the hint, the prompt, the choices and the score have a contrast ratio of at least 4.5
(WCAG AA for text) against the colour actually behind them, and the ✓ / ◐ / ✗ signs at least 3
(WCAG for graphics). Screenshots: test-artifacts/light-quiz.png and dark-quiz.png."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from . import _quiz_page as student
from ._lab_page import error_outputs, open_notebook, output_widget, run_all_cells, write_notebook
from ._servers import Server, shutdown_kernels
from .conftest import save_screenshot

SHOWN = ("diop-eis", "bondgenoten", "tijdlijn-missie")
THEME_CELLS = (student.subset_quiz_cell(SHOWN, seed=11, layout="scroll"), '''\
views = {view.question.id: view for view in q.questions}
views["bondgenoten"].answer(frozenset({0, 1}))
views["bondgenoten"].check()
views["tijdlijn-missie"].answer(tuple(range(len(bank.question("tijdlijn-missie").items))))
views["tijdlijn-missie"].check()
views["tijdlijn-missie"].show_hint()''')

# The contrast ratio (WCAG 2) of an element's text, or of its ::before/::after sign (null when it
# has none), against what is
# really behind it: the backgrounds of it and its ancestors composited over the page's white
# canvas (the verdicts' background is a translucent tint). Colours are read back from a canvas
# pixel, so any CSS colour syntax the browser computes (rgb(), color(srgb ...)) is understood.
CONTRAST_JS = """(element, pseudo) => {
  if (pseudo !== null && getComputedStyle(element, pseudo).content === "none") return null;
  const pixel = document.createElement("canvas").getContext("2d", { willReadFrequently: true });
  const rgba = (css) => {
    pixel.clearRect(0, 0, 1, 1);
    pixel.fillStyle = css;
    pixel.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = pixel.getImageData(0, 0, 1, 1).data;
    return [r, g, b, a / 255];
  };
  const over = ([r, g, b, a], below) => [r, g, b].map((c, i) => a * c + (1 - a) * below[i]);
  const layers = [];
  for (let node = element; node instanceof Element; node = node.parentElement) {
    layers.unshift(rgba(getComputedStyle(node).backgroundColor));
  }
  const behind = layers.reduce((below, layer) => over(layer, below), [255, 255, 255]);
  const text = over(rgba(getComputedStyle(element, pseudo).color), behind);
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((c) => c / 255).map(
      (c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(text), luminance(behind)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}"""
TEXT_CONTRAST = 4.5
SIGN_CONTRAST = 3.0


def contrast(element: Locator, pseudo: str | None = None) -> float | None:
    ratio = element.evaluate(CONTRAST_JS, pseudo)
    return None if ratio is None else float(ratio)


def faint(elements: Locator, name: str, least: float, pseudo: str | None = None) -> dict[str, float]:
    """{name i: contrast} of each element (or its sign) below `least`."""
    found = {f"{name} {i + 1}": contrast(elements.nth(i), pseudo) for i in range(elements.count())}
    return {key: round(ratio, 2) for key, ratio in found.items() if ratio is not None and ratio < least}


def readable_parts(quiz: Locator) -> dict[str, Locator]:
    """What a student reads, by a name for the failure message."""
    diop, allies = quiz.locator(".kwis-qid-diop-eis"), quiz.locator(".kwis-qid-bondgenoten")
    timeline = quiz.locator(".kwis-qid-tijdlijn-missie")
    parts = {f"{kind} verdict word": question.locator(".kwis-verdict > p:first-child strong")
             for kind, question in (("wrong", diop), ("partial", allies), ("right", timeline))}
    parts |= {f"{kind} verdict message": question.locator(".kwis-verdict > p").nth(1)
              for kind, question in (("wrong", diop), ("partial", allies))}
    return parts | {
        "question number": diop.locator(".kwis-number strong"),
        "prompt": diop.locator(".kwis-prompt p").first,
        "choice label": diop.locator(".kwis-choices label").first,
        "source quote": diop.locator(".kwis-verdict blockquote p").first,
        "source reference": diop.locator(".kwis-verdict blockquote footer").first,
        "hint": timeline.locator(".kwis-hint-body"),
        "score": quiz.locator(".kwis-score"),
    }


@pytest.mark.browser
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_quiz_is_readable_in_light_and_dark_theme(page: Page, theme: str,
                                                  request: pytest.FixtureRequest) -> None:
    server: Server = request.getfixturevalue("dark_lab_server" if theme == "dark" else "lab_server")
    root: Path = request.getfixturevalue("dark_lab_root" if theme == "dark" else "project_copy")
    write_notebook(root / "notebooks" / f"theme-{theme}.ipynb", *THEME_CELLS)
    page.set_viewport_size({"width": 1280, "height": 2400})  # the whole quiz in one shot
    try:
        open_notebook(page, server, f"notebooks/theme-{theme}.ipynb")
        expect(page.locator("body")).to_have_attribute("data-jp-theme-light",
                                                       "false" if theme == "dark" else "true")
        run_all_cells(page)
        expect(error_outputs(page)).to_have_count(0)
        quiz = output_widget(page, "kwis-quiz")
        diop = quiz.locator(".kwis-qid-diop-eis")
        student.choose_radio(diop, "Meer blauwhelmen in het noorden")
        student.check(diop, "Niet goed.", "kwis-wrong")
        expect(quiz.locator(".kwis-verdict")).to_have_count(3)
        expect(quiz.locator(".kwis-hint-body")).to_be_visible()

        too_faint: dict[str, float] = {}
        for name, part in readable_parts(quiz).items():
            too_faint |= faint(part, name, TEXT_CONTRAST)
        too_faint |= faint(quiz.locator(".kwis-verdict > p:first-child strong"), "verdict sign",
                           SIGN_CONTRAST, "::before")
        too_faint |= faint(quiz.locator(".kwis-checkbox:is(.kwis-part-right, .kwis-part-wrong)"),
                           "choice mark", SIGN_CONTRAST, "::after")
        too_faint |= faint(quiz.locator(".kwis-order-item"), "order mark", SIGN_CONTRAST, "::after")
        save_screenshot(quiz, f"{theme}-quiz")
        assert not too_faint, f"too little contrast in the {theme} theme: {too_faint}"
    finally:
        shutdown_kernels(server)
