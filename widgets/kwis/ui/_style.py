"""The quiz's look: one stylesheet per quiz (in an HTML widget), every rule scoped to `.kwis-quiz`.

Colours come from JupyterLab's theme variables (with light-theme fallbacks, for Voilà and other
frontends without them), so the quiz follows a dark theme too. A verdict or a marked part is
never told by colour alone: each has its word ("Goed.", "Deels goed.", "Niet goed.") or a ✓ / ✗.
"""

from __future__ import annotations

from pathlib import Path

STYLESHEET = f"<style>{(Path(__file__).parent / '_style.css').read_text(encoding='utf-8')}</style>"
