"""What a screen reader needs that ipywidgets' controls do not say.

`Aria` is an invisible widget, one per quiz, whose browser side (`_aria.js`) hides the Font Awesome
icons from buttons' accessible names ("Controleer", not a private-use glyph), gives true/false
buttons `aria-pressed`, makes each radio list one named group (one Tab stop, arrows inside, as
everywhere on the web), names the order buttons by the item they move ("Zet „…” hoger"), and puts
the bank's language on the quiz's root (`lang`), so a screen reader pronounces it right.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets


class Aria(anywidget.AnyWidget):
    """Invisible; `lang` is the quiz's language as a BCP 47 tag (`nl`, `en-GB`)."""

    _esm = Path(__file__).parent / "_aria.js"
    lang = traitlets.Unicode("").tag(sync=True)
