"""The whole scroll quiz by Tab and the arrow keys, as a keyboard or screen-reader user walks it:
every control is reached exactly once (a radio list once, as a group), the focus is visible on
each (the pixels around it change), and what Chromium's accessibility tree says of each control,
its role, name and state, is what a screen reader should say, in the bank's language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import CDPSession, ElementHandle, Page, expect

from . import _quiz_page as student
from ._lab_page import error_outputs, open_notebook, output_widget, run_all_cells, write_notebook
from ._servers import Server, shutdown_kernels
from .conftest import save_screenshot
from .test_accessibility import put_bank, quiz_cell

PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
# Every control a student can reach, as the page has it; radios counted once per group.
REACHABLE_JS = """(root) => {
  const seen = new Set();
  const stops = [];
  for (const el of root.querySelectorAll("input, select, textarea, button")) {
    if (el.disabled || el.closest("[hidden]") || el.getClientRects().length === 0) continue;
    if (el.type === "radio") {
      if (seen.has(el.name)) continue;
      seen.add(el.name);
    }
    stops.push(el.type === "radio" ? "radio-group:" + el.name : "control:" + stops.length);
  }
  return stops.length;
}"""
# Where the focus is, as a key that names one control (a radio by its group).
FOCUS_KEY_JS = """(root) => {
  const el = document.activeElement;
  if (!root.contains(el)) return null;
  if (el.type === "radio") return "radio-group:" + el.name;
  if (!el.dataset.kwisWalk) el.dataset.kwisWalk = String(Math.random()).slice(2);
  return "control:" + el.dataset.kwisWalk;
}"""


@dataclass(frozen=True)
class Spoken:
    role: str
    name: str
    states: dict[str, Any]


def spoken_focus(cdp: CDPSession) -> Spoken:
    """Role, name and states of the focused element in Chromium's accessibility tree."""
    focused = cdp.send("Runtime.evaluate", {"expression": "document.activeElement"})
    tree = cdp.send("Accessibility.getPartialAXTree",
                    {"objectId": focused["result"]["objectId"], "fetchRelatives": False})
    node = next(n for n in tree["nodes"] if not n.get("ignored"))
    states = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
    return Spoken(node["role"]["value"], node.get("name", {}).get("value", ""), states)


def focus_ring_shows(page: Page, control: ElementHandle) -> bool:
    """Whether the pixels around the focused control differ from those without focus."""
    box = control.bounding_box()
    assert box is not None
    clip = {"x": max(box["x"] - 6, 0), "y": max(box["y"] - 6, 0),
            "width": box["width"] + 12, "height": box["height"] + 12}
    focused = page.screenshot(clip=clip)
    control.evaluate("el => el.blur()")
    unfocused = page.screenshot(clip=clip)
    control.focus()
    return focused != unfocused


def check_spoken(spoken: Spoken, problems: list[str], where: str) -> None:
    if not spoken.name.strip():
        problems.append(f"{where}: {spoken.role} has no accessible name")
    if PRIVATE_USE.search(spoken.name):
        problems.append(f"{where}: the name {spoken.name!r} starts with an icon's private-use glyph")
    if spoken.role == "radio" and "checked" not in spoken.states:
        problems.append(f"{where}: radio {spoken.name!r} says nothing of being checked")
    if spoken.role == "button" and spoken.name in ("Waar", "Onwaar") and "pressed" not in spoken.states:
        problems.append(f"{where}: the true/false button {spoken.name!r} has no pressed state")


@pytest.mark.browser
def test_the_scroll_quiz_is_walked_by_keyboard_with_visible_focus_and_right_names(
        page: Page, lab_server: Server, project_copy: Path) -> None:
    put_bank(project_copy)
    write_notebook(project_copy / "notebooks" / "keyboard-walk.ipynb", quiz_cell("scroll", False))
    page.set_viewport_size({"width": 1280, "height": 4000})
    try:
        open_notebook(page, lab_server, "notebooks/keyboard-walk.ipynb")
        run_all_cells(page)
        expect(error_outputs(page)).to_have_count(0)
        quiz = output_widget(page, "kwis-quiz")
        expect(quiz).to_have_attribute("lang", "nl")
        student.wait_until_drawn(quiz)
        expected_stops = quiz.evaluate(REACHABLE_JS)
        cdp = page.context.new_cdp_session(page)

        quiz.get_by_role("radio").first.focus()  # the one pointer-free starting point
        visited: list[str] = []
        spoken: list[Spoken] = []
        problems: list[str] = []
        while (key := quiz.evaluate(FOCUS_KEY_JS)) is not None:
            assert key not in visited, f"Tab came back to {key} after {len(visited)} stops"
            visited.append(key)
            where = f"stop {len(visited)}"
            said = spoken_focus(cdp)
            spoken.append(said)
            check_spoken(said, problems, where)
            focused = page.evaluate_handle("document.activeElement").as_element()
            assert focused is not None
            if not focus_ring_shows(page, focused):
                problems.append(f"{where}: no visible focus on {said.role} {said.name!r}")
            if said.role == "radio":  # arrows move inside the group and stay in it
                page.keyboard.press("ArrowDown")
                assert quiz.evaluate(FOCUS_KEY_JS) == key, f"{where}: ArrowDown left the radio group"
            page.keyboard.press("Tab")
        save_screenshot(quiz, "keyboard-walk")

        assert problems == []
        assert len(visited) == expected_stops, "every control once, each radio list once"
        names = [s.name for s in spoken]
        assert "Controleer" in names
        assert any(re.fullmatch(r"Zet „.+” (hoger|lager)", name) for name in names), names
        pressed = [s for s in spoken if s.name in ("Waar", "Onwaar")]
        assert pressed and all(s.states.get("pressed") in (False, "false") for s in pressed)
    finally:
        shutdown_kernels(lab_server)
