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

from pathlib import Path

import anywidget



class KeyGuard(anywidget.AnyWidget):
    """Invisible; its browser code keeps bare key presses on the quiz's controls for them."""

    _esm = Path(__file__).parent / "_keys.js"
