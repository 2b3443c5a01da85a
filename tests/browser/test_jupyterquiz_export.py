"""The jupyterquiz export in JupyterQuiz 2.9.6.4's own JavaScript, in Chromium: a number typed
inside a range (not the exact value) shows its verdict. Before every answer had a feedback,
JupyterQuiz's `jaxify(answer.feedback)` threw on the range answer and the page showed nothing.

The page is built with JupyterQuiz's own renderer (what `display_quiz` sends to a notebook)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page

import kwis
from kwis.teacher.export import export

renderer = pytest.importorskip("jupyterquiz.dynamic.renderer")
loader = pytest.importorskip("jupyterquiz.dynamic.loader")

BANK = Path(__file__).parent.parent / "data" / "teacher-all-types.yaml"  # omvang: 17000 ± 500
DIV = "kwisjupyterquiz"


def _page(questions: list[dict[str, object]]) -> str:
    prefix, static, url = loader.load_questions_script(questions, DIV)
    script = renderer.build_script(prefix, static, url, DIV, True)
    div = renderer.render_div(DIV, False, False, False, 1_000_000, 600, 10, "left")
    return f"<!DOCTYPE html><html><body>{div}</div>{renderer.build_styles(DIV, {})}<script>{script}</script></body></html>"


@pytest.mark.parametrize("typed, verdict", [("16600", "correct"), ("17000", "correct"), ("17500", "correct"),
                                            ("18000", "incorrect")])
def test_a_number_in_the_range_shows_its_verdict(page: Page, typed: str, verdict: str) -> None:
    data = export(kwis.load_bank(BANK), "jupyterquiz").data
    assert isinstance(data, str)
    omvang = next(q for q in json.loads(data) if q["type"] == "numeric"
                  and any(a.get("type") == "range" and a["range"] == [16500, 17500] for a in q["answers"]))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_content(_page([omvang]))
    box = page.locator(f"#{DIV} input").first
    box.fill(typed)
    box.press("Enter")
    feedback = page.locator(f"#{DIV} .Feedback").first
    feedback.wait_for(state="visible", timeout=5000)
    assert errors == []
    assert verdict in (feedback.get_attribute("class") or "").split()
    assert feedback.inner_text().strip()
