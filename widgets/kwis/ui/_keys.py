"""Keeps a quiz's keys for the quiz in JupyterLab.

A focused radio button, checkbox, dropdown or button leaves the notebook in command mode, where
JupyterLab binds bare keys to the notebook: the arrow keys move to another cell (so a student
cannot move through a radio group or a dropdown), letters change or delete cells (`D D` while
typing ahead in a dropdown deletes the quiz's cell). `KeyGuard` is an invisible widget, one per
quiz, whose browser side stops those key presses at the quiz's root, after the control has had
them and before JupyterLab sees them -- as ipywidgets' own text fields already do. Notebook 7
takes shortcuts in the capture phase, before the quiz sees the key, so for controls that leave the
notebook in command mode the key is also stopped at the window, earlier still (the control's own
default action, moving through a radio group or pressing a button, still happens). Tab, Escape
and shortcuts with Ctrl, Alt or Cmd still reach JupyterLab (Ctrl+S saves).
"""

from __future__ import annotations

import anywidget

KEY_GUARD_ESM = """
const FREE_KEYS = new Set(["Tab", "Escape"]);
const CONTROLS = "input, select, button, textarea";

function keepForControl(event) {
  if (event.ctrlKey || event.metaKey || event.altKey || FREE_KEYS.has(event.key)) return;
  if (event.target instanceof Element && event.target.closest(CONTROLS)) {
    event.stopPropagation();
  }
}

// Radio buttons, checkboxes, dropdowns and buttons leave the notebook in command mode. Notebook 7
// (unlike JupyterLab 4.1+) handles shortcuts in the capture phase, before any element in the
// page sees the key, so for them the key is also stopped at the window, earlier still.
const COMMAND_MODE_CONTROLS = "input[type=radio], input[type=checkbox], select, button";

function render({ el }) {
  let root = null;
  let tries = 0;
  const keepBeforeApp = (event) => {
    if (root !== null && root.contains(event.target) && event.target.closest(COMMAND_MODE_CONTROLS)) {
      keepForControl(event);
    }
  };
  const attach = () => {
    root = el.closest(".kwis-quiz");
    if (root !== null) {
      root.addEventListener("keydown", keepForControl);
      window.addEventListener("keydown", keepBeforeApp, true);
    } else if (++tries < 100) {
      setTimeout(attach, 50);  // the view is rendered before it is placed in the page
    }
  };
  attach();
  return () => {
    root?.removeEventListener("keydown", keepForControl);
    window.removeEventListener("keydown", keepBeforeApp, true);
  };
}

export default { render };
"""


class KeyGuard(anywidget.AnyWidget):
    """Invisible; its browser code keeps bare key presses on the quiz's controls for them."""

    _esm = KEY_GUARD_ESM
